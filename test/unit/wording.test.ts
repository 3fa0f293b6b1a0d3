import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Corpus } from '../../src/core/corpus/corpus';
import { check } from '../../src/core/verdict/check';
import { bestSupport, claimTerms } from '../../src/core/verdict/support';
import { negationScopes } from '../../src/core/text/negation';
import { tokenize } from '../../src/core/text/tokenize';
import { baseForms, lexicalRelation } from '../../src/core/text/lexnet';

const negated = (s: string) => [...negationScopes(s, tokenize(s)).negated].sort();
const corpusOf = (text: string) => {
  const c = new Corpus();
  c.addSource('src/a.txt', text);
  return c;
};
const rules = (md: string, c: Corpus) => check(md, c).findings.map((f) => f.rule);

describe('negation scope', () => {
  it('reads no negation in a compound ("a no-fee tool", "a no-fly zone")', () => {
    assert.deepEqual(negated('Anchor is a no-fee podcast creation tool.'), []);
    assert.deepEqual(negated('They declared a no-fly zone over the city.'), []);
  });

  it('reads no negation in "whether or not", "no doubt", "no matter", "not just"', () => {
    assert.deepEqual(negated('She asked whether or not the deductibles are affordable.'), []);
    assert.deepEqual(negated('There is no doubt the plan will pass.'), []);
    assert.deepEqual(negated('No matter the cost, the bridge will be rebuilt.'), []);
    assert.deepEqual(negated('It is not just the price that matters.'), []);
  });

  it('ends at an embedded clause once it governs a word ("don\'t know where to start")', () => {
    assert.deepEqual(negated("If you don't know where to start, I recommend Anchor."), ['know']);
  });

  it('ends at a second verb phrase joined by "and"', () => {
    assert.deepEqual(negated('The client is not insured with them and offers a discount.'), ['insur']);
  });

  it('lets "without" govern its object only', () => {
    assert.deepEqual(negated('We offer low prices without compromising the quality of our services.'), ['compromis', 'qualiti']);
  });

  it('still governs the words of a plain negation', () => {
    assert.deepEqual(negated('Civilians did not trust the government side.'), ['govern', 'side', 'trust']);
  });

  it('does not report a supported claim with "no-fee" as a negation flip', () => {
    const c = corpusOf('Anchor offers free podcast creation tools that let you record and edit your podcast on your phone.');
    assert.ok(!check('Anchor is a no-fee podcast creation tool that lets you record and edit your podcast on your phone [@a].', c).findings.some((f) => f.rule === 'contradicted'));
  });
});

describe('word relations (WordNet)', () => {
  it('finds the dictionary forms of inflected words', () => {
    assert.ok(baseForms('spilled').includes('spill'));
    assert.ok(baseForms('cliffs').includes('cliff'));
    assert.ok(baseForms('took').includes('take'));
  });

  it('tells siblings from synonyms and more general words', () => {
    assert.equal(lexicalRelation('murder', 'manslaughter'), 'sibling');
    assert.equal(lexicalRelation('homicide', 'manslaughter'), 'broader');
    assert.equal(lexicalRelation('route', 'road'), 'same');
    assert.equal(lexicalRelation('street', 'road'), 'narrower');
    assert.equal(lexicalRelation('woman', 'man'), 'opposite');
    assert.equal(lexicalRelation('qwzx', 'road'), 'unknown');
  });

  it('reports a sibling in the slot of the source word as contradicted, naming both', () => {
    const c = corpusOf('An Australian pleaded guilty on Thursday to manslaughter in the death of an American who fell from a Sydney clifftop.');
    const f = check('An Australian has pleaded guilty to murder in the death of an American who fell from a Sydney clifftop [@a].', c).findings;
    assert.equal(f.length, 1, JSON.stringify(f.map((x) => x.message)));
    assert.equal(f[0]!.rule, 'contradicted');
    assert.match(f[0]!.message, /"murder" here, "manslaughter" in the source/);
  });

  it('takes a synonym or a more general word in that slot as paraphrase', () => {
    const c = corpusOf('An Australian pleaded guilty on Thursday to manslaughter in the death of an American who fell from a Sydney clifftop.');
    assert.deepEqual(rules('An Australian has pleaded guilty to homicide in the death of an American who fell from a Sydney clifftop [@a].', c), []);
  });
});

describe('names and numbers that no source mentions', () => {
  const c = corpusOf('Activists in London dumped gallons of yellow and blue paint in front of the Russian embassy on Thursday morning. The protest came on the eve of the anniversary of the invasion.');
  const score = (claim: string) => bestSupport(c, claimTerms(c, claim))!.score;
  it('lower the support more for a full name than for an initialism, which may stand for words the source spells out', () => {
    const initialism = score('On Thursday U.K. activists dumped gallons of yellow and blue paint in front of the Russian embassy.');
    const name = score('On Thursday Scottish activists dumped gallons of yellow and blue paint in front of the Russian embassy.');
    assert.ok(name < initialism, `${name} < ${initialism}`);
  });
});

describe('a verb negated right after its auxiliary', () => {
  it('reports "would surrender" against "we won\'t surrender" as contradicted', () => {
    const c = corpusOf('"We won\'t surrender," the commander of the rebels in the eastern districts said on Friday.');
    const f = check('The commander of the eastern districts said on Friday that the rebels would surrender [@a].', c).findings;
    assert.equal(f.length, 1, JSON.stringify(f.map((x) => x.message)));
    assert.equal(f[0]!.rule, 'contradicted');
    assert.match(f[0]!.message, /negation differs/);
  });

  it('leaves the same verb phrase alone when neither text negates it', () => {
    const c = corpusOf('"We would surrender," the commander of the rebels in the eastern districts said on Friday.');
    assert.deepEqual(rules('The commander of the eastern districts said on Friday that the rebels would surrender [@a].', c), []);
  });
});
