import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { keyCandidates, quoteCandidates, searchPassages } from '../../src/core/editor/complete';
import { Corpus } from '../../src/core/corpus/corpus';
import { findInSource } from '../../src/core/verdict/quotes';

const seeds = join(import.meta.dirname, '..', '..', 'seeds');
function seedCorpus(): Corpus {
  const c = new Corpus();
  for (const f of readdirSync(seeds).sort()) c.addSource(`seeds/${f}`, readFileSync(join(seeds, f), 'utf8'));
  return c;
}
const corpus = seedCorpus();

test('typed words complete to the verbatim rest of the sentence, from the source that has it', () => {
  const got = quoteCandidates(corpus, 'we will not give');
  assert.ok(got.length >= 1);
  const first = got[0]!;
  assert.equal(first.text, 'We will not give up the city of Aleppo to the Russians and we won’t surrender');
  assert.equal(first.kind, 'sentence');
  const source = corpus.source(first.sourceId)!;
  // the offsets point at the wording, and the line/character at its start
  assert.equal(source.text.slice(first.start, first.end), first.text);
  const lines = source.text.split('\n');
  assert.equal(lines[first.line]!.slice(first.character, first.character + 11), 'We will not');
});

test('a candidate stops at the source’s own closing quote mark and is found again by the quote checker', () => {
  const got = quoteCandidates(corpus, 'to avoid sen');
  assert.ok(got.length >= 1);
  for (const c of got) {
    assert.equal(c.text, 'to avoid senseless victims');
    assert.ok(findInSource(c.text, corpus.source(c.sourceId)!), 'the inserted quote must check as verbatim');
  }
});

test('a clause is offered besides the sentence when a clause break follows the typed words', () => {
  const got = quoteCandidates(corpus, 'rebels would be allowed to leave unharmed');
  const kinds = got.filter((c) => c.sourceId.startsWith('004')).map((c) => [c.kind, c.text]);
  assert.deepEqual(kinds.map((k) => k[0]).sort(), ['clause', 'sentence']);
  assert.ok(kinds.find((k) => k[0] === 'clause')![1]!.endsWith('on Friday'));
});

test('matches start at a word, fold case and curly apostrophes, and respect a finished last word', () => {
  assert.ok(quoteCandidates(corpus, "we won't surrender").length >= 1, 'straight apostrophe matches a curly one');
  assert.equal(quoteCandidates(corpus, 'ill not give').length, 0, 'no match in the middle of a word');
  assert.ok(quoteCandidates(corpus, 'will not gi').length >= 1, 'half-typed last word is a prefix');
  assert.equal(quoteCandidates(corpus, 'will not gi ').length, 0, 'after a space the last word is whole');
});

test('too few words, or words no source has, give nothing', () => {
  assert.deepEqual(quoteCandidates(corpus, 'we'), []);
  assert.deepEqual(quoteCandidates(corpus, ''), []);
  assert.deepEqual(quoteCandidates(corpus, 'purple elephants dance'), []);
  assert.equal(quoteCandidates(corpus, 'we will', { minWords: 3 }).length, 0);
});

test('the index path (large corpora) finds the same candidates as a full scan', () => {
  const scanned = quoteCandidates(corpus, 'we will not give up');
  const indexed = quoteCandidates(corpus, 'we will not give up', { scanLimit: 0 });
  assert.deepEqual(indexed.map((c) => c.text).sort(), scanned.map((c) => c.text).sort());
});

test('searchPassages puts verbatim hits first and never returns text with a double quote mark in it', () => {
  const got = searchPassages(corpus, 'use this opportunity');
  assert.equal(got[0]!.text, 'use this opportunity');
  const many = searchPassages(corpus, 'corridors rebels Aleppo', { limit: 30 });
  assert.ok(many.length > 5);
  for (const c of many) {
    assert.doesNotMatch(c.text, /["“”]/);
    assert.equal(corpus.source(c.sourceId)!.text.slice(c.start, c.end), c.text);
  }
  assert.deepEqual(searchPassages(corpus, '   '), []);
});

test('a source added later is searchable at once', () => {
  const c = seedCorpus();
  assert.equal(searchPassages(c, 'zebra crossing').length, 0);
  c.addSource('sources/new.txt', 'New source\n\nThe zebra crossing near the old market was repainted on Monday.');
  const got = searchPassages(c, 'zebra crossing');
  assert.equal(got[0]!.sourceId, 'new');
  assert.ok(quoteCandidates(c, 'the zebra crossing')[0]!.text.startsWith('The zebra crossing near the old market'));
});

test('completionContext: keys after [@, quotes inside an open quote mark, nothing in code, front matter or links', async () => {
  const { completionContext } = await import('../../src/core/editor/complete');
  const at = (s: string) => {
    const i = s.indexOf('|');
    return completionContext(s.slice(0, i) + s.slice(i + 1), i);
  };
  assert.deepEqual(at('He said "we will not|'), { kind: 'quote', typed: 'we will not', start: 9, close: '"' });
  assert.deepEqual(at('He said “we will| more'), { kind: 'quote', typed: 'we will', start: 9, close: '”' });
  assert.deepEqual(at('He said "we\nwill not|'), { kind: 'quote', typed: 'we will not', start: 9, close: '"' });
  assert.deepEqual(at('x "a b" and "c d|'), { kind: 'quote', typed: 'c d', start: 13, close: '"' });
  assert.deepEqual(at('- item "we will|'), { kind: 'quote', typed: 'we will', start: 8, close: '"' });
  assert.deepEqual(at('See [@00|]'), { kind: 'key', prefix: '00', start: 6 });
  assert.deepEqual(at('See [see @a, p. 3; @|]'), { kind: 'key', prefix: '', start: 20 });
  for (const s of ['---\ntitle: "x y|\n---\n', '```\n"we will|\n```', '    "we will|', 'a `"we will|`', '[x](http://a "b c|)', '[ref]: http://x "we will|', 'text @foo|', 'He said "|', 'He said "a b" done|', '<div>\n"we will|\n</div>']) {
    assert.equal(at(s), undefined, s);
  }
});

test('key completion offers every source of a small folder, and only matches in a large one', () => {
  const small = keyCandidates(corpus, '');
  assert.equal(small.complete, true);
  assert.deepEqual(small.ids, corpus.sourceIds);

  const archive = new Corpus();
  for (let i = 0; i < 450; i++) {
    const title = i === 321 ? 'Harbour wall rebuilt in stone' : `Report number ${i}`;
    archive.addSource(`sources/${String(i).padStart(4, '0')}_wire.md`, `---\ntitle: ${title}\noutlet: ${i % 2 ? 'Daily Post' : 'Evening Star'}\n---\nThe council met on day ${i}.\n`);
  }
  const none = keyCandidates(archive, '', 200);
  assert.equal(none.complete, false, 'more sources than fit: the editor must ask again');
  assert.equal(none.ids.length, 200);
  const byKey = keyCandidates(archive, '012', 200);
  assert.deepEqual(byKey.ids, Array.from({ length: 10 }, (_, i) => `012${i}_wire`));
  const byTitle = keyCandidates(archive, 'harb', 200);
  assert.deepEqual(byTitle.ids, ['0321_wire']);
  const byOutlet = keyCandidates(archive, 'eveni', 200);
  assert.equal(byOutlet.ids.length, 200);
  assert.ok(byOutlet.ids.every((id) => Number(id.slice(0, 4)) % 2 === 0));
});

test('sources added with defer are found by quote completion and passage search before anything flushes the index', async () => {
  const { prepareSources } = await import('../../src/core/corpus/prepared');
  const files = readdirSync(seeds)
    .sort()
    .map((f) => ({ path: `seeds/${f}`, text: readFileSync(join(seeds, f), 'utf8') }));
  const deferred = () => {
    const c = new Corpus();
    c.addPrepared(prepareSources(files), { defer: true });
    return c;
  };
  // scanLimit 0: through the index, as in a corpus too large to scan
  const quotes = quoteCandidates(deferred(), 'we will not give', { scanLimit: 0 });
  assert.equal(quotes[0]?.text, 'We will not give up the city of Aleppo to the Russians and we won’t surrender');
  const found = searchPassages(deferred(), 'senseless victims');
  assert.ok(found.some((c) => c.text.includes('to avoid senseless victims')), JSON.stringify(found.map((c) => c.text)));
});
