import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { check, type CheckResult } from '../../src/core/verdict/check';
import { ROOT, seedCorpus } from './fixtures';

const corpus = seedCorpus();
const DRAFTS = join(ROOT, 'test', 'fixtures', 'drafts');
const drafts = readdirSync(DRAFTS)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ name: f, text: readFileSync(join(DRAFTS, f), 'utf8') }));

/** What a writer sees of a check: findings, and per claim the support it rests on. */
const seen = (r: CheckResult) => ({
  findings: r.findings,
  verdicts: r.verdicts.map((v) => ({
    claim: [v.claim.start, v.claim.end, v.claim.text],
    support: v.support && [v.support.passages.map((p) => p.key), v.support.probability, v.support.matched],
    cited: v.citedSupport && [v.citedSupport.passages.map((p) => p.key), v.citedSupport.probability],
    probability: v.probability,
    confidence: v.confidence,
    quotes: v.quotes.map((q) => [q.quote.start, q.quote.end, q.quote.text, q.location ? JSON.stringify(q.location) : null]),
  })),
});

/** Edits a writer makes, each from one version of a draft to the next. */
const EDITS: Array<{ name: string; edit: (text: string) => string }> = [
  { name: 'a line added at the top', edit: (t) => t.replace(/^(---\n[\s\S]*?\n---\n)?/, (fm) => `${fm}A new opening line with no citation at all, about the weather in spring.\n\n`) },
  { name: 'the first paragraph removed', edit: (t) => t.replace(/\n\n[^\n#-][^\n]*\n/, '\n\n') },
  { name: 'a word changed in the middle', edit: (t) => t.replace(/ the /, ' a ') },
  { name: 'a citation removed', edit: (t) => t.replace(/ ?\[@[^\]]+\]/, '') },
  { name: 'a quote changed', edit: (t) => t.replace(/"([^"\n]{3,})"/, (_, q: string) => `"${q.split(' ').reverse().join(' ')}"`) },
  { name: 'a rule switched off above a paragraph', edit: (t) => t.replace(/\n\n([A-Z])/, '\n\n<!-- grounded-disable-next-line -->\n$1') },
  { name: 'text put before a sentence on its line', edit: (t) => t.replace(/\n\n([A-Z])/, '\n\n> $1') },
  { name: 'a sentence doubled', edit: (t) => t.replace(/\n\n([A-Z][^\n]*?\. )/, '\n\n$1$1') },
  { name: 'a paragraph moved to the end', edit: (t) => { const m = /\n\n([A-Z][^\n]+)\n/.exec(t); return m ? t.replace(m[0], '\n\n') + `\n${m[1]}\n` : t; } },
];

describe('verdicts carried from the check of an earlier version', () => {
  it('gives what a check from scratch gives, after every kind of edit, on every sample draft', () => {
    let claims = 0;
    for (const d of drafts) {
      let text = d.text;
      let previous = check(text, corpus);
      for (const e of EDITS) {
        const next = e.edit(text);
        const fresh = check(next, corpus);
        const incremental = check(next, corpus, { earlier: previous });
        assert.deepEqual(seen(incremental), seen(fresh), `${d.name}: ${e.name}`);
        claims += fresh.verdicts.length;
        text = next;
        previous = incremental;
      }
    }
    assert.ok(claims > 100, `only ${claims} claims`);
  });

  it('checks again only the claims an edit changed', () => {
    const text = drafts.find((d) => d.name === 'news-report.md')!.text;
    const first = check(text, corpus);
    let searched = 0;
    const { reads } = corpus.recordReads(() => {
      const again = check(text.replace(/ the /, ' a '), corpus, { earlier: first });
      searched = again.verdicts.length;
    });
    const all = corpus.recordReads(() => check(text.replace(/ the /, ' a '), corpus)).reads;
    assert.ok(searched > 3);
    assert.ok(JSON.stringify(reads.toJSON()).length < JSON.stringify(all.toJSON()).length / 2, 'the edit was checked in full');
  });
});
