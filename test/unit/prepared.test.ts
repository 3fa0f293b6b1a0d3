/** Preparing batches of sources: working arrays kept from one batch to the next change no batch. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PrepareScratch, prepareSources } from '../../src/core/corpus/prepared';
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
