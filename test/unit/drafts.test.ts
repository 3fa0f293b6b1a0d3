/**
 * The labelled drafts over the seeds (test/fixtures/drafts/, measured by bench/drafts.ts): every
 * sentence the check gets right stays right. The sentences it still gets wrong are listed below by
 * their label; a fix that gets one right removes it from the list.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Corpus } from '../../src/core';
import { checkDraft, draftNames, seedsCorpus } from '../../bench/draftLabels';

/** Sentences the check does not get right yet, by draft and label text. */
const NOT_YET: Record<string, string[]> = {
  'briefing': [],
  'explainer': [
    'Aid agencies said they had already received guarantees',
  ],
  'news-report': [],
  'research-note': [],
  'wire-brief': ["said the rebels would surrender"],
};

describe('labelled drafts over the seeds', () => {
  let corpus: Corpus;
  before(async () => {
    corpus = await seedsCorpus();
  });

  it('has its drafts, each labelled sentence by sentence', () => {
    assert.deepEqual(draftNames(), Object.keys(NOT_YET).sort());
  });

  for (const name of Object.keys(NOT_YET)) {
    it(`${name}: every problem caught and no false alarm, but for the sentences listed`, () => {
      const r = checkDraft(name, corpus);
      const wrong = r.sentences
        .filter((s) => !s.right && !NOT_YET[name]!.some((t) => s.label.text === t))
        .map((s) => `${s.label.expect ? `missed (${s.label.expect.join('|')})` : 'false alarm'}: ${s.claim.text}${s.findings.length ? ` → ${s.findings.map((f) => `${f.rule}: ${f.message}`).join('; ')}` : ''}`);
      assert.deepEqual(wrong, []);
      // the list names real sentences
      for (const t of NOT_YET[name]!) assert.ok(r.sentences.some((s) => s.label.text === t), `no label "${t}" in ${name}`);
    });
  }
});
