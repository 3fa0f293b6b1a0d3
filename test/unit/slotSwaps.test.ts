/**
 * One word swapped in a sentence the source states: an opposite verb, a span of time, a name or a
 * direction borrowed from another sentence of the source, a negation left out. Each is reported as
 * `contradicted`, naming both words; the faithful sentence beside it gets no finding.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Corpus, check, type Finding } from '../../src/core';

const COUNCIL = [
  'The city council approved the budget for the new library on Monday.',
  'Members said the library would open in the northern district.',
  'The mayor, Ana Ruiz, met her Spanish counterpart in Madrid last week.',
  '"French officers from the central station will guard the opening ceremony," the mayor said.',
  'The grant was still in force, but could not be extended unless the council voted again.',
  'Two weeks ago, a similar plan collapsed after a vote.',
  'The eastern district already has a library.',
  'Sergei Lavrov, the foreign minister, said the talks would continue.',
  'The talks on the port had been postponed, the defence minister, Sergei Shoigu, said on Tuesday.',
  'Ana Ruiz said on Monday that the library was late because the Regional Government had failed to pay the builders.',
].join('\n');

const corpus = new Corpus();
corpus.addSource('council.txt', COUNCIL);

const support = (sentence: string): Finding[] => check(`${sentence} [@council]`, corpus).findings.filter((f) => f.rule !== 'unknown-source');

function contradicted(sentence: string, claimWord: string, sourceWord: string): void {
  const findings = support(sentence);
  assert.equal(findings.length, 1, `${sentence}: ${findings.map((f) => f.message).join(' | ')}`);
  assert.equal(findings[0]!.rule, 'contradicted', findings[0]!.message);
  assert.ok(findings[0]!.message.includes(`"${claimWord}"`) && findings[0]!.message.includes(`"${sourceWord}"`), findings[0]!.message);
}

describe('one word swapped', () => {
  it('an opposite verb: "rejected" where the source has "approved"', () => {
    contradicted('The city council rejected the budget for the new library on Monday.', 'rejected', 'approved');
    assert.deepEqual(support('The city council approved the budget for the new library on Monday.'), []);
  });

  it('another span of time for the same number: "two months" where the source has "two weeks"', () => {
    contradicted('A similar plan collapsed two months ago.', 'two months', 'Two weeks');
    assert.deepEqual(support('A similar plan collapsed two weeks ago.'), []);
  });

  it('a negation left out of a verb phrase the claim repeats word for word', () => {
    contradicted('The grant could be extended indefinitely.', 'could be extended', 'could not be extended');
    assert.deepEqual(support('The grant was still in force, but could not be extended unless the council voted again.'), []);
  });

  it('a name borrowed from another sentence of the source, in the slot where the best one has another', () => {
    contradicted('Spanish officers from the central station will guard the opening ceremony.', 'Spanish', 'French');
    assert.deepEqual(support('French officers from the central station will guard the opening ceremony.'), []);
  });

  it('a direction borrowed from another sentence of the source', () => {
    contradicted('Members said the library would open in the eastern district.', 'eastern', 'northern');
    assert.deepEqual(support('Members said the library would open in the northern district.'), []);
  });

  it('a title taken from beside another name in the next sentence', () => {
    contradicted('Lavrov, the defence minister, said the talks would continue.', 'defence', 'foreign');
    assert.deepEqual(support('Lavrov, the foreign minister, said the talks would continue.'), []);
  });

  it('another name just before the same words, however far the rest of the sentence runs', () => {
    contradicted('Ana Ruiz said the Ministry had failed to pay the builders.', 'Ministry', 'Regional Government');
    assert.deepEqual(support('Ana Ruiz said the Regional Government had failed to pay the builders.'), []);
  });

  it('a name another sentence states beside the same words is not borrowed', () => {
    assert.deepEqual(support('The mayor met her Spanish counterpart in Madrid last week.'), []);
  });
});
