// Page locators in citations, and `wrong-locator` against a PDF made by groff + ghostscript
// (test/fixtures/formats/paged.pdf: see make.sh there).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Corpus, check, extractSource, extractedText, formatJson, formatSarif, pageLocator, parseDraft } from '../../src/core';
import { ROOT } from './fixtures';

describe('page locators', () => {
  const cite = (text: string) => parseDraft(text).citations[0]!;

  it('reads p. N, pp. N-M, page N and pages N–M, with where the page part is written', () => {
    const one = cite('It rained [@a, p. 2].\n');
    assert.deepEqual(one.pages, { from: 2, to: 2, start: 15, end: 19 });
    assert.equal('It rained [@a, p. 2].\n'.slice(one.pages!.start, one.pages!.end), 'p. 2');
    assert.deepEqual(cite('It rained [@a, pp. 2-3].\n').pages && [cite('It rained [@a, pp. 2-3].\n').pages!.from, cite('It rained [@a, pp. 2-3].\n').pages!.to], [2, 3]);
    const page = cite('It rained [@a, page 2].\n').pages!;
    assert.deepEqual([page.from, page.to, page.end - page.start], [2, 2, 'page 2'.length]);
    const pages = cite('It rained [see @a, pages 2–4; @b].\n').pages!;
    assert.deepEqual([pages.from, pages.to], [2, 4]);
    assert.deepEqual(pageLocator('pp. 112-18', 0) && [pageLocator('pp. 112-18', 0)!.from, pageLocator('pp. 112-18', 0)!.to], [112, 118]);
  });

  it('leaves locators that name no page alone', () => {
    assert.equal(cite('It rained [@a, chap. 2].\n').pages, undefined);
    assert.equal(cite('It rained [@a, para. 4].\n').locator, 'para. 4');
    assert.equal(cite('It rained [@a].\n').pages, undefined);
  });
});

describe('wrong-locator', () => {
  const corpus = new Corpus();
  before(async () => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, 'test', 'fixtures', 'formats', 'paged.pdf')));
    const r = await extractSource('paged.pdf', bytes);
    assert.ok(r.ok);
    corpus.addSource('sources/paged.pdf', extractedText('paged.pdf', r));
  });

  it('reports a supported claim cited to the wrong page, names the right one, and fixes the locator', () => {
    const draft = 'The observers wrote that the second corridor stayed closed all day [@paged, p. 1].\n';
    const { findings } = check(draft, corpus);
    const f = findings.find((x) => x.rule === 'wrong-locator');
    assert.ok(f, JSON.stringify(findings.map((x) => [x.rule, x.message])));
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, 'paged backs this on p. 2, not on the cited p. 1');
    assert.equal(f.evidence[0]!.page, 2);
    assert.deepEqual(f.fixes.map((x) => [x.title, x.newText]), [['Change to p. 2', 'p. 2']]);
    const fix = f.fixes[0]!;
    assert.equal(draft.split('\n')[fix.range.start.line]!.slice(fix.range.start.character, fix.range.end.character), 'p. 1');
  });

  it('is quiet when the cited page or range holds the support', () => {
    for (const loc of ['p. 2', 'pp. 1-2', 'page 2', 'pages 2–3']) {
      const { findings } = check(`The observers wrote that the second corridor stayed closed all day [@paged, ${loc}].\n`, corpus);
      assert.ok(!findings.some((x) => x.rule === 'wrong-locator'), `${loc}: ${JSON.stringify(findings.map((x) => x.message))}`);
    }
  });

  it('reports a verbatim quote cited to the wrong page', () => {
    const { findings } = check('They noted that "the observers left the city at dusk" [@paged, p. 2].\n', corpus);
    const f = findings.find((x) => x.rule === 'wrong-locator');
    assert.ok(f, JSON.stringify(findings.map((x) => [x.rule, x.message])));
    assert.match(f.message, /on p\. 3, not on the cited p\. 2/);
    assert.ok(!findings.some((x) => x.rule === 'misquote'));
  });

  it('puts the page of the evidence in JSON and in a SARIF property', () => {
    const { findings } = check('The observers wrote that the second corridor stayed closed all day [@paged, p. 1].\n', corpus);
    const json = JSON.parse(formatJson([{ path: 'd.md', findings }]));
    assert.equal(json.files[0].findings.find((f: { rule: string }) => f.rule === 'wrong-locator').evidence[0].page, 2);
    const sarif = JSON.parse(formatSarif([{ path: 'd.md', findings }], [], '1', () => 'sources/paged.pdf'));
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'wrong-locator');
    assert.equal(result.relatedLocations[0].properties.page, 2);
  });
});
