/** Preparing batches of sources: working arrays and a lexicon kept from one batch to the next change no corpus. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Corpus } from '../../src/core/corpus/corpus';
import { KeptLexicon, PrepareScratch, prepareSources } from '../../src/core/corpus/prepared';
import { SEEDS, SEED_TEXTS } from './fixtures';

const seedFiles = SEED_TEXTS.map((f) => ({ path: `seeds/${f}`, text: readFileSync(join(SEEDS, f), 'utf8') }));

describe('prepareSources with a PrepareScratch', () => {
  it('gives each batch what a batch of its own gives, after a larger and before a smaller one', () => {
    // the whole seed set grows the arrays; the batches after it start with them large and used
    const batches = [seedFiles, seedFiles.slice(0, 1), seedFiles.slice(1, 3), seedFiles.slice(0, 1).map((f) => ({ path: f.path, text: `${f.text}\n\nA later line about the same matter.` })), seedFiles.slice().reverse()];
    const scratch = new PrepareScratch();
    for (const files of batches) {
      const kept = prepareSources(files, undefined, undefined, scratch);
      assert.deepEqual(kept, prepareSources(files));
      // the result is a copy: preparing the next batch does not change it
      const again = structuredClone(kept);
      prepareSources(seedFiles.slice(2), undefined, undefined, scratch);
      assert.deepEqual(kept, again);
    }
  });
});

describe('a lexicon kept from batch to batch', () => {
  const batches = [seedFiles.slice(0, 2), seedFiles.slice(2, 3), seedFiles.slice(0, 1).map((f) => ({ path: 'seeds/copy.md', text: `${f.text}\n\nA later line about zoning reform.` })), seedFiles.slice(3)];

  it('sends each term once, and merged in order gives the corpus that batches of their own give, byte for byte', async () => {
    const own = new Corpus();
    for (const files of batches) own.addPrepared(prepareSources(files));
    await own.flush();
    const scratch = new PrepareScratch(false, true);
    const lexicon = new KeptLexicon();
    const kept = new Corpus();
    const sent = new Set<string>();
    for (const files of batches) {
      const batch = prepareSources(files, undefined, undefined, scratch);
      assert.equal(batch.lexiconFrom, sent.size);
      for (const term of batch.lexicon) {
        assert.ok(!sent.has(term), `${term} sent twice`);
        sent.add(term);
      }
      kept.addPrepared(batch, { lexicon });
    }
    await kept.flush();
    assert.ok(sent.has('zone') || sent.has('zoning'), 'the new batch brought its new words');
    assert.deepEqual(Buffer.from(kept.toSnapshot('k')), Buffer.from(own.toSnapshot('k')));
  });

  it('refuses a batch merged out of order or without its lexicon, and adds nothing', () => {
    const scratch = new PrepareScratch(false, true);
    const first = prepareSources(batches[0]!, undefined, undefined, scratch);
    const second = prepareSources(batches[1]!, undefined, undefined, scratch);
    const c = new Corpus();
    assert.throws(() => c.addPrepared(second, { lexicon: new KeptLexicon() }), /terms go on from \d+ merged after 0 terms/);
    assert.throws(() => c.addPrepared(second), /without its lexicon/);
    assert.equal(c.sources.length, 0);
    const lexicon = new KeptLexicon();
    c.addPrepared(first, { lexicon });
    c.addPrepared(second, { lexicon });
    assert.equal(c.sources.length, batches[0]!.length + batches[1]!.length);
  });
});
