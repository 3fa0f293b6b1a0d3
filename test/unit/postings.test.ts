/** The lean index's postings, and its lexicon sorted: term ids in the order of their terms, in code units. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LexiconAhead, PostingsAhead, allSteps, buildPostings, sortLexicon } from '../../src/core/index/postings';
import { TermStore } from '../../src/core/index/termStore';

function sorted(lexicon: string[], count: number, run: number): number[] {
  return [...allSteps(sortLexicon(lexicon, count, run))];
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

  it('sorts the same ahead, a run at a time while terms come, as at once', () => {
    // terms from a small alphabet (some twice), added a few at a time, sorted ahead now and then
    const step = fc.record({ terms: fc.array(fc.stringMatching(/^[abz’é]{0,3}$/), { maxLength: 9 }), ahead: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), fc.integer({ min: 1, max: 6 }), fc.nat(5), (steps, run, fewer) => {
        const lexicon: string[] = [];
        const ahead = new LexiconAhead(lexicon, run);
        for (const { terms, ahead: now } of steps) {
          lexicon.push(...terms);
          if (now) ahead.advance();
        }
        // the build sorts the terms it has postings for: all, or a few fewer when more came meanwhile
        const count = Math.max(0, lexicon.length - fewer);
        const ids = allSteps(ahead.finish(lexicon, count));
        if (ids === undefined) {
          assert.ok(count < lexicon.length, 'only a count below what was sorted ahead is refused');
          return;
        }
        // by term, a term met twice by id: what sortLexicon gives
        assert.deepEqual([...ids], byTerm(lexicon, count));
        assert.deepEqual([...ids], sorted(lexicon, count, run));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts a lexicon that holds a term twice by comparison, each id once', () => {
    const lexicon = ['pear', 'apple', 'fig', 'apple', 'kiwi', 'date'];
    const ids = sorted(lexicon, lexicon.length, 4);
    assert.deepEqual(ids.map((i) => lexicon[i]), ['apple', 'apple', 'date', 'fig', 'kiwi', 'pear']);
    assert.deepEqual([...ids].sort(), [0, 1, 2, 3, 4, 5]);
  });
});

function built(store: TermStore, ahead?: PostingsAhead) {
  const b = allSteps(buildPostings(store, 3, ahead));
  return { offsets: [...b.offsets], postings: [...b.postings], keyLimit: b.keyLimit };
}

describe('buildPostings', () => {
  // a passage stored (its terms, some repeated, some new to the store), deleted, stored again over
  // a key already used, or the first pass run ahead over what is stored so far
  const op = fc.oneof(
    { arbitrary: fc.record({ set: fc.nat(40), terms: fc.array(fc.nat(300), { maxLength: 12 }) }), weight: 8 },
    { arbitrary: fc.record({ del: fc.nat(40) }), weight: 1 },
    { arbitrary: fc.constant('ahead' as const), weight: 4 },
  );

  it('gives the same postings when they were written ahead, in stretches of any length, whatever was stored, deleted or stored again meanwhile', () => {
    let used = 0;
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (ops, stretch) => {
        const store = new TermStore();
        let ahead: PostingsAhead | undefined;
        let next = 0;
        for (const o of ops) {
          if (o === 'ahead') {
            if (!ahead?.valid) ahead = new PostingsAhead(store, stretch);
            ahead.advance();
          } else if ('del' in o) store.delete(o.del);
          else {
            // mostly the next key, as a bulk build stores them; sometimes one already used
            const key = o.set % 10 === 0 ? o.set : next++;
            store.set(key, o.terms.map((t) => store.intern(`t${t}`)));
          }
        }
        if (ahead?.valid) used++;
        assert.deepEqual(built(store, ahead), built(store));
      }),
      { numRuns: 2000 },
    );
    // most runs end with what was written ahead still of use
    assert.ok(used > 1000, `${used} of 2000`);
  });
});
