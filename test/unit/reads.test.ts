import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Corpus, CorpusReads, check, corpusChanges, perGeneration, perIdSet, unaffected } from '../../src/core';
import { roundToBits, SCORING_EXACT_BELOW, TermStore } from '../../src/core/index/termStore';

function corpusOf(files: Record<string, string>): Corpus {
  const corpus = new Corpus();
  for (const [path, text] of Object.entries(files)) corpus.addSource(path, text);
  return corpus;
}

const FILES = {
  'a.txt': 'The ceasefire in Aleppo began on Monday.\nRebels rejected the offer of safe passage.\n',
  'b.txt': 'Forty trucks of food reached the eastern districts.\nThe convoy waited at the crossing for two days.\n',
  'c.txt': 'The minister resigned after the vote.\n',
};

describe('what a piece of work reads of a corpus', () => {
  it('records the terms searched, the sources of what was found and the sources looked up', () => {
    const corpus = corpusOf(FILES);
    const { value, reads } = corpus.recordReads(() => corpus.search(['trucks', 'food'], 3));
    assert.equal(value[0]?.sourceId, 'b');
    assert.deepEqual([...reads.terms].sort(), ['food', 'trucks']);
    assert.deepEqual([...reads.sources], ['b']);
    const lookup = corpus.recordReads(() => [corpus.source('nobody'), corpus.idf('minister'), corpus.sourceIds]).reads;
    assert.deepEqual([...lookup.sources], ['nobody']);
    assert.deepEqual([...lookup.terms], ['minister']);
    assert.deepEqual([...lookup.facts], ['ids']);
    // outside recordReads nothing is recorded, and an inner record counts for the outer one
    const outer = corpus.recordReads(() => corpus.recordReads(() => corpus.source('c')).value).reads;
    assert.deepEqual([...outer.sources], ['c']);
  });

  it('counts what a remembered value read for every user of it', () => {
    const corpus = corpusOf(FILES);
    const titles = perGeneration((c) => c.sourceIds.join());
    titles(corpus);
    const { reads } = corpus.recordReads(() => titles(corpus));
    assert.deepEqual([...reads.facts], ['ids']);
  });

  it('keeps a value of the set of ids while a source is replaced under its id, and works it out again when an id comes or goes', () => {
    const corpus = corpusOf(FILES);
    let computed = 0;
    const sorted = perIdSet((c) => {
      computed++;
      return [...c.sourceIds].sort().join();
    });
    assert.equal(sorted(corpus), 'a,b,c');
    corpus.addSource('a.txt', 'The ceasefire in Aleppo ended on Tuesday.\n');
    corpus.continueAfter(corpus);
    assert.equal(sorted(corpus), 'a,b,c');
    assert.equal(computed, 1);
    // the same value read again still counts what working it out read
    assert.deepEqual([...corpus.recordReads(() => sorted(corpus)).reads.facts], ['ids']);
    corpus.addSource('d.txt', 'A fourth source.\n');
    assert.equal(sorted(corpus), 'a,b,c,d');
    corpus.removeSource('b.txt');
    assert.equal(sorted(corpus), 'a,c,d');
    // removed, then added back under the same id before anyone asked
    corpus.removeSource('c.txt');
    corpus.addSource('c.txt', 'The minister stayed.\n');
    assert.equal(sorted(corpus), 'a,c,d');
    assert.equal(computed, 3);
    // removed and asked: the set changed, even though the id comes back later
    corpus.removeSource('d.txt');
    assert.equal(sorted(corpus), 'a,c');
    corpus.addSource('d.txt', 'A fourth source again.\n');
    assert.equal(sorted(corpus), 'a,c,d');
    assert.equal(computed, 5);
  });

  it('keeps the reads through JSON, and refuses what is not such a record', () => {
    const corpus = corpusOf(FILES);
    const { reads } = corpus.recordReads(() => check('Forty trucks of food reached the eastern districts [@b].', corpus));
    const back = CorpusReads.fromJSON(JSON.parse(JSON.stringify(reads)));
    assert.deepEqual(back?.toJSON(), reads.toJSON());
    assert.ok(reads.sources.has('b'));
    assert.equal(CorpusReads.fromJSON({ terms: [], sources: [], paths: [], facts: ['everything'] }), undefined);
    assert.equal(CorpusReads.fromJSON({ terms: 'food' }), undefined);
  });

  it('tells which reads an edit cannot reach', () => {
    const before = corpusOf(FILES);
    const now = corpusOf({ ...FILES, 'b.txt': FILES['b.txt'] + 'Officials counted the sacks again.\n' });
    const changes = corpusChanges(before, now, ['b.txt']);
    // only the new passage's terms: the passages before it are the same
    const b = now.passageKeys('b')!;
    assert.deepEqual([...changes.terms].sort(), [...new Set(now.terms(b.first + b.count - 1))].sort());
    assert.ok(!changes.terms.has('truck') && !changes.terms.has('trucks'));
    assert.deepEqual([...changes.sources], ['b']);
    assert.equal(changes.facts.has('ids'), false);
    const reading = (f: (c: Corpus) => unknown) => before.recordReads(() => f(before)).reads;
    // a small corpus weighs with its exact statistics, which the new passage moved
    assert.equal(changes.sameStatistics, false);
    const same = { ...changes, sameStatistics: true };
    assert.equal(unaffected(reading((c) => c.search(c.terms(c.passageKeys('c')!.first), 3)), same), true);
    assert.equal(unaffected(reading((c) => c.search(c.terms(c.passageKeys('b')!.first), 3)), same), false, 'read the source that changed');
    assert.equal(unaffected(reading((c) => c.documentFrequency([...changes.terms][0]!)), same), false, 'read a term that changed');
    assert.equal(unaffected(reading((c) => c.sources), same), false, 'read every source');
    assert.equal(unaffected(reading((c) => c.search(['minister'], 3)), changes), false, 'other statistics');
    // a file added: the list of ids moved
    const added = corpusChanges(before, corpusOf({ ...FILES, 'd.txt': 'Nothing about trucks.\n' }), ['d.txt']);
    assert.ok(added.facts.has('ids'));
    assert.equal(unaffected(reading((c) => c.sourceIds), { ...added, sameStatistics: true }), false);
  });
});

describe('the statistics scores weigh with', () => {
  it('are exact in a small corpus and rounded to a few significant bits in a large one', () => {
    assert.equal(roundToBits(1000, 9), 1000);
    assert.equal(roundToBits(200_001, 9), 200_192);
    assert.equal(roundToBits(200_300, 9), 200_192);
    assert.equal(roundToBits(200_500, 9), 200_704);
    assert.equal(roundToBits(20.01, 9), 20);
    assert.ok(Math.abs(roundToBits(123_457, 9) / 123_457 - 1) < 1 / 512);
    const store = new TermStore();
    for (let key = 0; key < SCORING_EXACT_BELOW - 1; key++) store.set(key, new Uint32Array([store.intern(`t${key % 7}`), store.intern(`u${key % 3}`)]), 0, key % 5 === 0 ? 1 : 2);
    assert.equal(store.scoringCount, store.passageCount);
    assert.equal(store.scoringLength, store.averageLength);
    store.set(SCORING_EXACT_BELOW, new Uint32Array([store.intern('x')]), 0, 1);
    store.set(SCORING_EXACT_BELOW + 1, new Uint32Array([store.intern('y')]), 0, 1);
    assert.equal(store.passageCount, SCORING_EXACT_BELOW + 1);
    assert.equal(store.scoringCount, SCORING_EXACT_BELOW);
    assert.equal(store.scoringLength, roundToBits(store.averageLength, 9));
  });
});
