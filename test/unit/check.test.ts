import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../../src/core/verdict/check';
import { findInSource } from '../../src/core/verdict/quotes';
import type { Finding } from '../../src/core/model/types';
import { BBC, REUTERS, UPI, MOSCOW_TIMES, seedCorpus } from './fixtures';

const corpus = seedCorpus();
const run = (md: string) => check(md, corpus).findings;
const rules = (md: string) => run(md).map((f) => f.rule);
const only = (md: string): Finding => {
  const f = run(md);
  assert.equal(f.length, 1, JSON.stringify(f.map((x) => [x.rule, x.message])));
  return f[0]!;
};

describe('check on the seeds', () => {
  it('reports an unknown key, a misquote and a wrongly cited claim in table cells as in a paragraph', () => {
    const table = ['| Claim | Source |', '| --- | --- |', '| "x y z w" | [@nope] |', `| The rebels have rejected the offer. | [@${UPI}] |`].join('\n');
    const found = run(table).map((f) => [f.rule, f.range.start.line]);
    assert.deepEqual(
      found.filter(([r]) => r === 'unknown-source' || r === 'misquote'),
      [
        ['misquote', 2],
        ['unknown-source', 2],
      ],
    );
    assert.ok(found.some(([r, line]) => r === 'wrong-citation' && line === 3), JSON.stringify(found));
  });

  it('accepts a cited, supported claim with no findings', () => {
    assert.deepEqual(rules(`Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${UPI}].`), []);
  });

  it('supports a paraphrase that keeps the facts', () => {
    assert.deepEqual(rules(`The rebels turned the offer down [@${BBC}].`), []);
    assert.deepEqual(rules(`The rebels declined the offer [@${BBC}].`), []);
  });

  it('matches times and dates by value', () => {
    assert.deepEqual(rules(`The corridors would be open between 9 a.m. and 7 p.m. local time on Friday [@${BBC}].`), []);
    assert.deepEqual(rules(`The ceasefire in Aleppo was set for November 4 from 0900 to 1900 [@${MOSCOW_TIMES}].`), []);
  });

  it('reports "three corridors" where the sources say two as contradicted', () => {
    const f = only(`The Russian military said rebels could leave through three corridors [@${UPI}].`);
    assert.equal(f.rule, 'contradicted');
    assert.match(f.message, /three corridors/);
    assert.match(f.message, /two corridors/i);
    assert.ok(f.evidence.length > 0);
  });

  it('reports "Nov. 10" where the sources say Nov. 4 as contradicted', () => {
    const f = only(`Defense Minister Sergey Shoigu decided to introduce a humanitarian ceasefire in Aleppo on Nov. 10 [@${MOSCOW_TIMES}].`);
    assert.equal(f.rule, 'contradicted');
    assert.match(f.message, /Nov\. 10/);
  });

  it('does not take a negation flip as support', () => {
    const f = run(`Civilians trusted the government side, the rebel official said [@${REUTERS}].`);
    assert.equal(f.length, 1);
    assert.ok(['contradicted', 'unsupported-claim'].includes(f[0]!.rule), f[0]!.rule);
    assert.notEqual(f[0]!.severity, 'information');
  });

  it('reports a one-word misquote with the exact wording as its fix', () => {
    const md = `Malahifji said: "We will not give up the city of Aleppo to the Americans" [@${REUTERS}].`;
    const f = only(md);
    assert.equal(f.rule, 'misquote');
    assert.equal(f.severity, 'error');
    assert.equal(f.fixes[0]!.newText, 'We will not give up the city of Aleppo to the Russians');
    const start = md.indexOf('We will');
    assert.deepEqual(f.fixes[0]!.range, { start: { line: 0, character: start }, end: { line: 0, character: start + 'We will not give up the city of Aleppo to the Americans'.length } });
  });

  it('accepts curly vs straight quotes, extra whitespace and ... omissions', () => {
    assert.deepEqual(rules(`Malahifji said: "We will not give up the city of Aleppo to the Russians and we won't surrender" [@${REUTERS}].`), []);
    assert.deepEqual(rules(`Malahifji said: “We will not give up   the city of Aleppo ... and we won’t surrender” [@${REUTERS}].`), []);
    assert.deepEqual(rules(`The ministry said: "The terrorists have suffered heavy losses [...] and equipment" [@${REUTERS}].`), []);
  });

  it('reports a citation whose support is only in another source as wrong-citation naming it', () => {
    const f = only(`Zakaria Malahifji denied there were corridors guaranteeing safe passage and said civilians did not trust the government side [@${BBC}].`);
    assert.equal(f.rule, 'wrong-citation');
    assert.match(f.message, /002/);
    assert.equal(f.fixes[0]!.newText, `[@${REUTERS}]`);
    assert.equal(f.evidence[0]!.source, REUTERS);
  });

  it('reports an uncited but supported claim as information with a Cite fix', () => {
    const f = only('The rebels have rejected the offer.');
    assert.equal(f.rule, 'uncited-claim');
    assert.equal(f.severity, 'information');
    assert.match(f.fixes[0]!.newText, /^ \[@\d{3}_/);
  });

  it('reports an unsupported claim with the closest passage in its message', () => {
    const f = only('The United Nations delivered forty trucks of food to the eastern districts that week.');
    assert.equal(f.rule, 'unsupported-claim');
    assert.match(f.message, /^No source supports this claim \(closest: \d{3}, line \d+, \d+% of its words; it does not have "United", "delivered", .*\)$/);
    assert.ok(f.fixes.some((x) => x.title === 'Mark as own analysis'));
  });

  it('reports an unknown key with close keys as fixes', () => {
    const f = only(`The rebels have rejected the offer [@004_545e220eb4316cf7].`);
    assert.equal(f.rule, 'unknown-source');
    assert.equal(f.severity, 'error');
    assert.equal(f.fixes[0]!.newText, `@${BBC}`);
    const g = only(`The rebels have rejected the offer [@004].`);
    assert.equal(g.fixes[0]!.newText, `@${BBC}`);
  });

  it('ignores @mentions and emails that are not keys', () => {
    assert.deepEqual(rules('Follow @reuters or write to desk@example.com for corrections.'), []);
  });

  it('stays silent on headings, front matter, code, comments, disabled regions and opinion', () => {
    const md = [
      '---',
      'title: The UN delivered forty trucks of food',
      '---',
      '# The UN delivered forty trucks of food to Aleppo',
      '',
      '```',
      'The UN delivered forty trucks of food to Aleppo.',
      '```',
      '',
      '<!-- The UN delivered forty trucks of food to Aleppo. -->',
      '',
      '<!-- grounded-disable-next-line -->',
      'The UN delivered forty trucks of food to Aleppo.',
      '',
      '<!-- grounded-disable -->',
      'The UN delivered forty trucks of food to Aleppo.',
      '<!-- grounded-enable -->',
      '',
      'It is hard to see how a ten-hour window could change much on the ground.',
    ].join('\n');
    assert.deepEqual(rules(md), []);
  });

  it('drops a rule set to off and changes severities', () => {
    const md = 'The United Nations delivered forty trucks of food to the eastern districts that week.';
    assert.equal(check(md, corpus, { severity: { 'unsupported-claim': 'off' } }).findings.length, 0);
    assert.equal(check(md, corpus, { severity: { 'unsupported-claim': 'error' } }).findings[0]!.severity, 'error');
  });

  it('finds a quote copied from a source verbatim', () => {
    for (const s of corpus.sources) {
      for (const p of s.passages.slice(0, 6)) {
        assert.ok(findInSource(p.text, s), `${s.id}: ${p.text}`);
      }
    }
  });

  it('every fix range lies inside the draft', () => {
    const md = `Line one about nothing in particular at all.\n\nMalahifji said: "We will not give up the city of Aleppo to the Americans" [@${REUTERS}].\n\nThe rebels have rejected the offer.`;
    const lines = md.split('\n');
    for (const f of run(md)) {
      for (const x of f.fixes) {
        assert.ok(x.range.start.line < lines.length && x.range.end.character <= lines[x.range.end.line]!.length);
      }
    }
  });
});
