import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { serialize } from 'node:v8';
import { compactString } from '../../src/core/text/compact';
import { contentTerms, tokenize } from '../../src/core/text/text';

const facts = (s: string) => tokenize(s).filter((t) => t.kind !== 'word' && t.kind !== 'negation').map((t) => t.term);

describe('terms', () => {
  it('compares times by value: 9 a.m. = 9 am = 9am = 0900 = 09:00', () => {
    for (const s of ['open at 9 a.m. local time', 'open at 9 am local time', 'open at 9am', 'between 0900 and 1900 local time', 'open between 09:00 and 19:00']) {
      assert.equal(facts(s)[0], '@09:00', s);
    }
    assert.deepEqual(facts('from 9 am to 7 pm'), ['@09:00', '@19:00']);
    assert.deepEqual(facts('between 0900 and 1900 local time'), ['@09:00', '@19:00']);
  });

  it('compares numbers by value: "two" = "2", "10-hour" = "10 hour"', () => {
    assert.deepEqual(facts('two corridors'), facts('2 corridors'));
    assert.deepEqual(facts('a 10-hour pause'), facts('a 10 hour pause'));
    assert.deepEqual(facts('a ten-hour pause'), ['#10']);
    assert.deepEqual(facts('1,500 people'), ['#1500']);
    assert.deepEqual(facts('twenty five people'), ['#25']);
  });

  it('compares dates by value: "Nov. 4" = "November 4" = "4 November" = "the 4th of November"', () => {
    for (const s of ['on Nov. 4', 'on November 4', 'on 4 November', 'on the 4th of November', 'on Nov 4th']) assert.deepEqual(facts(s), ['%11-04'], s);
    assert.notDeepEqual(facts('on Nov. 10'), facts('on Nov. 4'));
  });

  it('does not read ordinary words as numbers or months', () => {
    assert.deepEqual(facts('one of the rebels may leave'), []);
    assert.deepEqual(facts('the second city'), []);
  });

  it('stems, folds case and maps newsroom synonyms', () => {
    assert.deepEqual(contentTerms('The rebels have rejected the offer'), contentTerms('the Rebels turned the offer down'));
    assert.ok(contentTerms('The rebels declined the offer').includes(contentTerms('rejected')[0]!));
    assert.deepEqual(contentTerms('ceasefire'), contentTerms('truce'));
  });

  it('marks negation', () => {
    assert.equal(tokenize('civilians did not trust the government').filter((t) => t.kind === 'negation').length, 1);
    assert.equal(tokenize("we won't surrender").filter((t) => t.kind === 'negation').length, 1);
    assert.equal(tokenize('civilians trusted the government').filter((t) => t.kind === 'negation').length, 0);
  });

  it('reads U.S. as one word', () => {
    assert.deepEqual(contentTerms('the U.S. said'), ['usa']);
  });

  it('takes words that name built-in properties as words', () => {
    assert.deepEqual(facts('The constructor of the toString valueOf bridge'), []);
    assert.deepEqual(tokenize('The constructor said').map((t) => t.kind), ['word', 'word', 'word']);
  });

  it('gives a word the same term the first time and every time after', () => {
    const text = 'Declined the offer. Sales declined sharply. NATO said may. In May 4 officials said no. No. 1 said one thing';
    const first = tokenize(text);
    assert.deepEqual(tokenize(text), first);
    assert.equal(first.find((t) => t.raw === 'NATO')?.capital, true);
    assert.deepEqual(facts('In May 4 officials met, and in May 5 more'), ['%05-04', '%05-05']);
  });
});

describe('the one-pass word scanner', () => {
  const pieces = ['a', 'Z', 'U', 'x', '0', '1', '9', '12', '123', '1234', '.', '.', ',', ':', "'", '’', '-', '_', ' ', ' ', '“', '”', '—', '…', '\u00a0', '$', '%', 'U.S.', 'a.m.', 'Nov.', 'COVID-19', 'F-16', '09:00', '1,200', '3.5', "don't", 'dec', 'down', 'turned'];
  const simpleText = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));
  it('reads a plain text as the regular expression does', () => {
    fc.assert(
      fc.property(simpleText, (text) => {
        // a letter outside ASCII at the end sends the same words through the regular expression
        const viaRegex = tokenize(`${text} \u00e9`).filter((t) => t.start < text.length);
        assert.deepEqual(tokenize(text), viaRegex);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('compactString', () => {
  // V8's serializer writes a string one byte a character ('"') or two ('c'), as it holds it
  const oneByte = (s: string) => serialize(s)[2] === 0x22;

  it('gives the same text, one byte a character wherever its characters allow, at any length', () => {
    const quoted = '“Ministers café bridge-building reconstruction” and 🙂';
    for (const [from, to] of [[1, 10], [1, 12], [1, 13], [1, 46], [11, 15]] as const) {
      const cut = quoted.slice(from, to);
      assert.equal(oneByte(cut), false, 'a cut of a two-byte text is two-byte');
      const copy = compactString(cut);
      assert.equal(copy, cut);
      assert.ok(oneByte(copy), JSON.stringify(cut));
    }
    for (const s of ['“a”', 'x🙂', quoted, 'lone \uD800 surrogate']) {
      assert.equal(compactString(s), s);
      assert.equal(oneByte(compactString(s)), false);
    }
  });
});
