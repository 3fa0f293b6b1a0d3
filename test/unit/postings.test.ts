/** The lexicon sorted for the lean index: term ids in the order of their terms, in code units. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortLexicon } from '../../src/core/index/postings';

function sorted(lexicon: string[], count: number, run: number): number[] {
  const steps = sortLexicon(lexicon, count, run);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return [...r.value];
}

const byTerm = (lexicon: string[], count: number) =>
  Array.from({ length: count }, (_, i) => i).sort((x, y) => (lexicon[x]! < lexicon[y]! ? -1 : lexicon[x]! > lexicon[y]! ? 1 : x - y));

describe('sortLexicon', () => {
  it('orders ids by their terms as `<` compares them, across runs and merges', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = ['a', 'b', 'z', 'é', 'ß', '’', '#', '%', '9', '\ud83d\ude00', 'ａ'];
    const lexicon = [...new Set(Array.from({ length: 3000 }, () => Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('')))];
    for (const run of [7, 64, 1000, 16_384]) {
      assert.deepEqual(sorted(lexicon, lexicon.length, run), byTerm(lexicon, lexicon.length));
      assert.deepEqual(sorted(lexicon, 100, run), byTerm(lexicon, 100));
    }
  });

  it('sorts a lexicon that holds a term twice by comparison, each id once', () => {
    const lexicon = ['pear', 'apple', 'fig', 'apple', 'kiwi', 'date'];
    const ids = sorted(lexicon, lexicon.length, 4);
    assert.deepEqual(ids.map((i) => lexicon[i]), ['apple', 'apple', 'date', 'fig', 'kiwi', 'pear']);
    assert.deepEqual([...ids].sort(), [0, 1, 2, 3, 4, 5]);
  });
});
