/** The one-pass index terms equal the terms of the tokens that are no stopwords, on news-like word salad. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { indexTerms, tokenize } from '../../src/core/text/text';
import { prepareSources } from '../../src/core/corpus/prepared';
import { indexTermsOf, indexTermsInto, spellingGeneration } from '../../src/core/text/termScanner';

const tokenTerms = (t: string) => tokenize(t).filter((x) => !x.stop).map((x) => x.term);

// words that reach every rule of the tokeniser: times, dates, numbers, scales, negations, phrasal verbs, identifiers
const word = fc.oneof(
  fc.constantFrom('9', '09:00', '12', 'a.m.', 'p.m.', 'am', 'pm', '9am', '0900', '2359', 'GMT', 'local', 'time', 'hours', 'and', 'to', 'between', 'from', '-'),
  fc.constantFrom('Nov.', 'November', 'nov', '4', '4th', 'of', 'May', 'may', 'March', 'mar', 'Monday', 'sunday', '1,000', '2.5', '10,000.5', '$', '$5bn', '£1.5m', '20k', '5m', 'million', 'billion', 'bn'),
  fc.constantFrom('two', 'Two', 'twenty', 'five', 'hundred', 'one', 'first', 'second', 'half', 'single', 'dozen', 'No.', 'No', 'no', 'not', "didn't", 'won’t', 'never', 'without'),
  fc.constantFrom('declined', 'decline', 'the', 'offer', 'turned', 'turn', 'down', 'pulled', 'back', 'out', 'set', 'up', 'called', 'off', 'U.S.', 'US', 'NATO', 'COVID-19', 'F-16', 'SARS-CoV-2', '10-hour', 'Assad’s', "rebels'", 'e.g.', 'said', 'Aleppo'),
  fc.stringMatching(/^[A-Za-z]{1,9}$/),
  fc.stringMatching(/^[0-9]{1,5}$/),
);
const gap = fc.constantFrom(' ', ' ', ' ', ', ', '. ', '-', ' - ', '\n', '“', '” ', ' (', ') ', '…', '\u00a0', ' é ', '—');
const text = fc.array(fc.tuple(word, gap), { maxLength: 30 }).map((parts) => parts.map(([w, g]) => w + g).join(''));

describe('index terms', () => {
  it('are the terms of the tokens that are no stopwords', () => {
    fc.assert(
      fc.property(text, (t) => {
        // twice: the first time words are new, the second time they are remembered
        assert.deepEqual(indexTerms(t), tokenTerms(t));
        assert.deepEqual(indexTerms(t), tokenTerms(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('of a part of a text are those of the part cut from it, whatever stands around it', () => {
    fc.assert(
      fc.property(text, text, text, (before, t, after) => {
        const whole = before + t + after;
        const out: string[] = [];
        const k = indexTermsInto(whole, out, undefined, before.length, before.length + t.length);
        assert.deepEqual(out.slice(0, k), indexTermsOf(t));
      }),
      { numRuns: 3000 },
    );
    // what follows or comes before the part would change it: "no. 5" is a rank, "$5m" five million
    const out: string[] = [];
    const k = indexTermsInto('They said no. 5 of them paid $5m in all.', out, undefined, 0, 14);
    assert.deepEqual(out.slice(0, k), ['~not']);
    const m = indexTermsInto('They paid $5m in all.', out, undefined, 11, 21);
    assert.deepEqual(out.slice(0, m), indexTermsOf('5m in all.'));
    assert.ok(!out.slice(0, m).includes('#5000000'));
  });

  it('fold dates, numbers, times and phrasal verbs as the tokens do', () => {
    const t = 'On Nov. 4 at 9 a.m. the rebels turned the offer down and declined 5%, U.S. officials said; two million COVID-19 cases.';
    assert.deepEqual(indexTerms(t), tokenTerms(t));
    assert.ok(indexTerms(t).includes('%11-04') && indexTerms(t).includes('@09:00') && indexTerms(t).includes('#2000000'));
  });

  it('stay the same in a prepared batch while the table of spellings fills, is cleared and fills again', () => {
    // made-up names, more than the table keeps, short and long (past the characters a slot holds), between news sentences
    const name = (i: number) => `Q${i.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[Number(d)]!)}${i % 2 ? 'enkovich' : 'ov'}`;
    const news = 'Officials said on Nov. 4 that two convoys had declined the offer; the rebels turned it down.';
    const files = Array.from({ length: 12 }, (_, f) => ({
      path: `names/${f}.txt`,
      text: Array.from({ length: 100 }, (_, p) => `${news} ${Array.from({ length: 100 }, (_, k) => name(f * 10_000 + p * 100 + k)).join(' convoys ')} met in Aleppo.`).join('\n\n'),
    }));
    const generation = spellingGeneration();
    const batch = prepareSources(files);
    assert.ok(spellingGeneration() > generation, 'the table was cleared');
    let k = 0;
    let from = 0;
    batch.sources.forEach((source, f) => {
      for (let end = k + source.passages; k < end; k++) {
        const terms = [...batch.terms.subarray(from, batch.termEnds[k]!)].map((id) => batch.lexicon[id]);
        from = batch.termEnds[k]!;
        assert.deepEqual(terms, tokenTerms(files[f]!.text.slice(batch.spans[2 * k]!, batch.spans[2 * k + 1]!)), `passage ${k}`);
      }
    });
    assert.equal(k, 2400);
  });
});
