/** The lean index and the corpus' lean storage: same answers as MiniSearch, updates, snapshots, limits. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { check } from '../../src/core/verdict/check';
import { Corpus } from '../../src/core/corpus/corpus';
import { LeanIndex, TermStore } from '../../src/core/index/leanIndex';
import { lengthClass } from '../../src/core/index/termStore';
import { MiniSearchIndex } from '../../src/core/index/miniSearchIndex';
import { prepareSources } from '../../src/core/corpus/prepared';
import { indexTerms } from '../../src/core/text/text';
import { addSourcesInWorkers } from '../../src/node/indexWorkers';
import { withSnapshotFile } from '../../src/node/snapshotFile';
import { ROOT, SEEDS, SEED_TEXTS } from './fixtures';

const seedFiles = SEED_TEXTS.map((f) => ({ path: `seeds/${f}`, text: readFileSync(join(SEEDS, f), 'utf8') }));

function build(index?: LeanIndex | MiniSearchIndex): Corpus {
  const c = new Corpus(index ? { index } : {});
  for (const f of seedFiles) c.addSource(f.path, f.text);
  return c;
}

const ids = (ps: { sourceId: string; ordinal: number }[]) => ps.map((p) => `${p.sourceId}:${p.ordinal}`);

/** The keys a search scores in full, ascending: what it asks its term store to read ahead (`TermStore.warm`). */
function candidatesOf(ix: LeanIndex, query: string[], limit: number): number[] {
  const store = (ix as unknown as { store: TermStore }).store;
  const keys: number[] = [];
  store.warm = (batch, from = 0, to = batch.length) => {
    for (let i = from; i < to; i++) keys.push(batch[i]!);
  };
  try {
    ix.search(query, limit);
  } finally {
    delete (store as { warm?: unknown }).warm;
  }
  return keys.sort((a, b) => a - b);
}

describe('LeanIndex', () => {
  const lean = build();
  const mini = build(new MiniSearchIndex());

  it('ranks like MiniSearch (same BM25) on every seed sentence as a query', () => {
    let compared = 0;
    for (const s of mini.sources) {
      for (const p of s.passages) {
        const terms = [...new Set(indexTerms(p.text))].slice(0, 16);
        if (!terms.length) continue;
        const a = lean.search(terms, 10);
        const b = mini.search(terms, 10);
        // scores can tie; the top passage and the set agree
        assert.equal(ids(a)[0], ids(b)[0], p.text);
        assert.deepEqual(new Set(ids(a).slice(0, 5)), new Set(ids(b).slice(0, 5)), p.text);
        compared++;
      }
    }
    assert.ok(compared > 50);
  });

  it('prefix search: every whole word, and a word starting with the last', () => {
    const hits = lean.searchPrefix(['corridor', 'civ'], 20);
    assert.ok(hits.length > 0);
    for (const p of hits) {
      const terms = new Set(lean.terms(p.key));
      assert.ok(terms.has('corridor'));
      assert.ok([...terms].some((t) => t.startsWith('civ')), p.text);
    }
    assert.deepEqual(ids(hits), ids(mini.searchPrefix(['corridor', 'civ'], 20)));
    assert.deepEqual(lean.searchPrefix(['nosuchword', 'reb'], 5), []);
    assert.deepEqual(lean.searchPrefix(['zzzz'], 5), []);
  });

  it('a source replaced or removed is searchable at once, and its old passages are gone', () => {
    const c = build();
    const path = seedFiles[2]!.path;
    c.addSource(path, 'The aardvark convoy left at dawn.\n\nA second sentence follows.');
    assert.equal(c.search(['aardvark'], 3)[0]?.sourceId, c.sourceAtPath(path)!.id);
    assert.equal(c.search(['osborn'], 3).length, 0, 'the old text of the source is not found');
    assert.equal(c.documentFrequency('aardvark'), 1);
    c.removeSource(path);
    assert.equal(c.search(['aardvark'], 3).length, 0);
    assert.equal(c.documentFrequency('aardvark'), 0);
    assert.equal(c.sourceCount, seedFiles.length - 1);
  });

  it('keeps exact results through many replacements (delta, compaction, rebuild)', () => {
    const c = new Corpus();
    for (let round = 0; round < 30; round++) {
      for (let i = 0; i < 20; i++) c.addSource(`s${i}.txt`, `Source ${i} round ${round} mentions word${(i * 7 + round) % 23} and common words here.\n\nAnother line about corridor ${i}.`);
    }
    const mini = new Corpus({ index: new MiniSearchIndex() });
    for (let i = 0; i < 20; i++) mini.addSource(`s${i}.txt`, c.sourceAtPath(`s${i}.txt`)!.text);
    for (let k = 0; k < 23; k++) assert.deepEqual(ids(c.search([`word${k}`, 'common'], 50)), ids(mini.search([`word${k}`, 'common'], 50)));
    assert.equal(c.passageCount, mini.passageCount);
  });

  it('property: lean and MiniSearch agree on random small corpora', () => {
    const word = fc.constantFrom('alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa');
    const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => `${w.join(' ')}.`);
    const doc = fc.array(sentence, { minLength: 1, maxLength: 5 }).map((s) => s.join('\n\n'));
    fc.assert(
      fc.property(fc.array(doc, { minLength: 1, maxLength: 6 }), fc.array(word, { minLength: 1, maxLength: 4 }), (docs, query) => {
        const a = new Corpus();
        const b = new Corpus({ index: new MiniSearchIndex() });
        docs.forEach((d, i) => {
          a.addSource(`d${i}.txt`, d);
          b.addSource(`d${i}.txt`, d);
        });
        const terms = query.map((w) => indexTerms(w)[0]!).filter(Boolean);
        const sa = a.search(terms, 100);
        const sb = b.search(terms, 100);
        assert.deepEqual(new Set(ids(sa)), new Set(ids(sb)));
        const pa = a.searchPrefix(terms, 100);
        const pb = b.searchPrefix(terms, 100);
        assert.deepEqual(new Set(ids(pa)), new Set(ids(pb)));
      }),
      { numRuns: 150 },
    );
  });

  it('property: the exact search of large queries gives the exhaustive top k (keys and scores) on random data', () => {
    // a skewed vocabulary (a few common terms, many rare ones), repeated terms, long and short passages
    const term = fc.oneof(fc.constantFrom('t0', 't1', 't2', 't3'), fc.integer({ min: 0, max: 40 }).map((i) => `r${i}`), fc.integer({ min: 0, max: 400 }).map((i) => `x${i}`));
    const passage = fc.array(term, { minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(passage, { minLength: 1, maxLength: 300 }), fc.array(term, { minLength: 1, maxLength: 16 }), fc.integer({ min: 1, max: 40 }), fc.array(fc.nat(299), { maxLength: 20 }), (passages, query, limit, removed) => {
        const bounded = new LeanIndex({ exact: true, exactPostings: 0 });
        const exhaustive = new LeanIndex({ exhaustive: true });
        passages.forEach((p, key) => {
          bounded.add(key, p);
          exhaustive.add(key, p);
        });
        bounded.rebuildNow();
        exhaustive.rebuildNow();
        // removed passages, and some added after the rebuild (the delta)
        for (const key of removed) {
          bounded.remove(key, passages[key] ?? []);
          exhaustive.remove(key, passages[key] ?? []);
        }
        passages.slice(0, 5).forEach((p, i) => {
          bounded.add(1000 + i, p);
          exhaustive.add(1000 + i, p);
        });
        assert.deepEqual(bounded.search(query, limit), exhaustive.search(query, limit));
      }),
      { numRuns: 400 },
    );
  });

  it('property: the nominating search finds the same candidates by merging lists as with an accumulator per passage', () => {
    // few candidates scored in full (eight times the limit, or `rescore`), so that which are nominated matters
    // a vocabulary small enough that passages share several query terms; keys spread out (`stride`)
    // so that the lists cross several of the merge's blocks of keys (16,384); every list read at
    // times (a budget of a million postings, the whole IDF), so that more than twelve are merged
    const term = fc.oneof(fc.constantFrom('t0', 't1', 't2', 't3'), fc.integer({ min: 0, max: 40 }).map((i) => `r${i}`));
    const passage = fc.array(term, { minLength: 1, maxLength: 30 });
    const manyTerms = fc.uniqueArray(fc.integer({ min: 0, max: 40 }).map((i) => `r${i}`), { minLength: 13, maxLength: 24 });
    fc.assert(
      fc.property(fc.array(passage, { minLength: 50, maxLength: 300 }), fc.oneof(fc.array(term, { minLength: 2, maxLength: 16 }), manyTerms), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 30 }), fc.oneof(fc.integer({ min: 1, max: 400 }), fc.constant(1_000_000)), fc.array(fc.nat(299), { maxLength: 20 }), fc.constantFrom(1, 1, 97, 331), fc.constantFrom(0.7, 1), (passages, query, limit, rescore, readBudget, removed, stride, readShare) => {
        const options = { exactPostings: 0, rescore, readBudget, readShare };
        const merged = new LeanIndex(options);
        const accumulated = new LeanIndex({ ...options, merge: false });
        passages.forEach((p, key) => {
          merged.add(key * stride, p);
          accumulated.add(key * stride, p);
        });
        merged.rebuildNow();
        accumulated.rebuildNow();
        // a search before the edits: the length classes it reads are kept up to date after them
        assert.deepEqual(candidatesOf(merged, query, limit), candidatesOf(accumulated, query, limit));
        for (const key of removed) {
          merged.remove(key * stride, passages[key] ?? []);
          accumulated.remove(key * stride, passages[key] ?? []);
        }
        passages.slice(0, 5).forEach((p, i) => {
          merged.add(300 * stride + 1000 + i, p);
          accumulated.add(300 * stride + 1000 + i, p);
        });
        assert.deepEqual(candidatesOf(merged, query, limit), candidatesOf(accumulated, query, limit));
        assert.deepEqual(merged.search(query, limit), accumulated.search(query, limit));
      }),
      { numRuns: 400 },
    );
  });

  it("property: the term store's length classes follow its passages' lengths through stores, removals and growth", () => {
    const op = fc.record({ key: fc.nat(3000), ids: fc.array(fc.nat(60), { maxLength: 40 }), remove: fc.boolean() });
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), fc.nat(59), (ops, readAt) => {
        const store = new TermStore();
        for (let t = 0; t < 61; t++) store.intern(`t${t}`);
        ops.forEach((o, i) => {
          // the classes made part-way: from then on, each store and removal updates them
          if (i === readAt) void store.lengthClasses;
          if (o.remove) store.delete(o.key);
          else store.set(o.key, o.ids);
        });
        const classes = store.lengthClasses;
        for (let key = 0; key < store.keyLimit; key++) {
          const c = (classes[key >>> 1]! >>> ((key & 1) << 2)) & 15;
          assert.equal(c, store.has(key) ? lengthClass(store.length(key)) : 0, `key ${key}`);
        }
      }),
      { numRuns: 300 },
    );
    assert.deepEqual([0, 1, 9, 10, 11, 12, 23, 24, 500].map(lengthClass), [0, 1, 9, 10, 10, 11, 14, 15, 15]);
  });

  it('standalone (not bound to a corpus) keeps its own terms', () => {
    const ix = new LeanIndex();
    ix.add(0, ['red', 'fox']);
    ix.add(1, ['blue', 'fox', 'fox']);
    assert.deepEqual(ix.search(['fox'], 5).map((h) => h.key), [1, 0]);
    ix.remove(1, ['blue', 'fox', 'fox']);
    assert.deepEqual(ix.search(['fox'], 5).map((h) => h.key), [0]);
    assert.equal(ix.size, 1);
    const store = new TermStore();
    assert.throws(() => ix.bind(store), /not empty/);
  });
});

describe('Corpus storage', () => {
  it('materialises passages with the same offsets, lines and text as the parser', () => {
    const c = build();
    for (const f of seedFiles) {
      const s = c.sourceAtPath(f.path)!;
      assert.equal(s.text, f.text);
      for (const p of s.passages) {
        assert.equal(p.text, f.text.slice(p.start, p.end));
        assert.equal(c.passage(p.key), p, 'the same object while cached');
        assert.equal(c.neighbour(p, 1), s.passages[p.ordinal + 1]);
      }
    }
  });

  it('with room for every source but a few of their texts, passages stay one object each and texts come back the same', () => {
    // the decoded texts have a thirty-second of the budget: one seed's worth or so
    const cacheChars = 2 * seedFiles.reduce((n, f) => n + f.text.length + 2048, 0) + 2;
    const c = new Corpus({ cacheChars });
    for (const f of seedFiles) c.addSource(f.path, f.text);
    const firsts = seedFiles.map((f) => c.passage(c.passageKeys(c.sourceAtPath(f.path)!.id)!.first)!);
    seedFiles.forEach((f, i) => {
      const s = c.sourceAtPath(f.path)!;
      const keys = c.passageKeys(s.id)!;
      assert.equal(c.passage(keys.first), firsts[i], 'the same object while its source is cached');
      const last = c.passage(keys.first + keys.count - 1)!;
      assert.equal(last.text, f.text.slice(last.start, last.end));
      assert.equal(s.text, f.text);
    });
  });

  it('keeps text with a BOM, CRLF, astral characters and lone surrogates intact', () => {
    const c = new Corpus();
    const text = '\uFEFFFirst line 🙂 with an emoji.\r\nSecond line \uD800 with a lone surrogate.\r\n';
    const s = c.addSource('odd.txt', text);
    assert.equal(s.text.length, text.length);
    assert.equal(s.passages[0]!.text, text.slice(s.passages[0]!.start, s.passages[0]!.end));
    assert.ok(c.source('odd')!.text.startsWith('\uFEFF'));
  });

  it('a passage cut from its source’s UTF-8 has the text and position of the decoded source’s, in any order', () => {
    const piece = fc.constantFrom('word ', 'Ends here. ', 'Asked? ', '\n', '\r\n', '\r', '\n\n', '“quoted” ', 'café ', '🙂 ', '\uD800', '\uFEFF', 'a\u2014b ');
    const texts = fc.array(fc.array(piece, { minLength: 1, maxLength: 40 }).map((p) => p.join('')), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(texts, fc.array(fc.nat(), { maxLength: 30 }), (sources, order) => {
        const c = new Corpus();
        sources.forEach((t, i) => c.addSource(`s${i}.txt`, t));
        const snap = c.toSnapshot('p');
        // the texts decoded first: every passage sliced from them, as before
        const decoded = Corpus.fromSnapshot(snap, { key: 'p' });
        const cut = Corpus.fromSnapshot(snap, { key: 'p' });
        const keys = sources.flatMap((_, i) => {
          const k = decoded.passageKeys(decoded.sourceAtPath(`s${i}.txt`)!.id);
          return k ? Array.from({ length: k.count }, (_, j) => k.first + j) : [];
        });
        for (let i = 0; i < sources.length; i++) assert.ok(decoded.sourceAtPath(`s${i}.txt`)!.text !== undefined);
        // asked for in a random order, then all in order
        const asked = [...order.map((n) => keys[n % Math.max(1, keys.length)]!).filter((k) => k !== undefined), ...keys];
        for (const key of asked) {
          const a = cut.passage(key)!;
          const b = decoded.passage(key)!;
          assert.deepEqual({ text: a.text, line: a.line, character: a.character, start: a.start }, { text: b.text, line: b.line, character: b.character, start: b.start });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('adding the same text again changes nothing', () => {
    const c = build();
    const g = c.generation;
    const s = c.addSource(seedFiles[0]!.path, seedFiles[0]!.text);
    assert.equal(c.generation, g);
    assert.equal(s, c.sourceAtPath(seedFiles[0]!.path));
  });

  it('bulk, prepared and worker-built corpora equal one built source by source', async () => {
    const one = build();
    const bulk = new Corpus();
    await bulk.addSources(seedFiles, { sliceMs: 1 });
    const prepared = new Corpus();
    prepared.addPrepared(prepareSources(seedFiles.slice(0, 2)));
    prepared.addPrepared(prepareSources(seedFiles.slice(2)));
    await prepared.flush();
    const workers = new Corpus();
    await addSourcesInWorkers(workers, seedFiles, { workers: 2, batchChars: 3000 });
    for (const c of [bulk, prepared, workers]) {
      assert.equal(c.passageCount, one.passageCount);
      assert.deepEqual(c.sources.map((s) => s.id), one.sources.map((s) => s.id));
      // the metadata too, strictly: a worker sends its own objects, the other builds copy them
      assert.deepStrictEqual(c.sources.map((s) => s.meta), one.sources.map((s) => s.meta));
      for (const p of one.sources.flatMap((s) => s.passages)) assert.deepEqual(c.terms(c.source(p.sourceId)!.passages[p.ordinal]!.key), one.terms(p.key));
      assert.deepEqual(ids(c.search(['corridor', 'fighter', 'leav'], 10)), ids(one.search(['corridor', 'fighter', 'leav'], 10)));
    }
  });

  it('gives the same index when its build went on between merged batches, a source replaced meanwhile or not', async () => {
    // enough passages for several stretches of postings and runs of terms written ahead
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const word = () => Array.from({ length: 2 + rnd(7) }, () => 'abcdefghiklmnoprstuvwz'[rnd(22)]).join('');
    const files = Array.from({ length: 360 }, (_, f) => ({ path: `gen/${f}.txt`, text: Array.from({ length: 80 }, () => `${Array.from({ length: 4 + rnd(9) }, word).join(' ')}.`).join('\n\n') }));
    for (const replace of [false, true]) {
      const ahead = new Corpus();
      const atOnce = new Corpus();
      for (let i = 0; i < files.length; i += 20) {
        const batch = files.slice(i, i + 20);
        // a source replaced half-way: what was written ahead no longer holds
        if (replace && i === 180) batch.push({ path: files[3]!.path, text: 'A replaced source about corridors.' });
        ahead.addPrepared(prepareSources(batch));
        ahead.indexAhead();
        ahead.indexAhead();
        atOnce.addPrepared(prepareSources(batch));
      }
      await ahead.flush();
      await atOnce.flush();
      assert.ok(ahead.passageCount > 3 * 8192, `${ahead.passageCount} passages`);
      assert.deepEqual(Buffer.from(ahead.toSnapshot('k')), Buffer.from(atOnce.toSnapshot('k')));
      const terms = files[7]!.text.split(/[ .]+/).slice(0, 6);
      assert.deepEqual(ids(ahead.search(terms, 20)), ids(atOnce.search(terms, 20)));
      assert.deepEqual(ids(ahead.searchPrefix([terms[0]!.slice(0, 2)], 50)), ids(atOnce.searchPrefix([terms[0]!.slice(0, 2)], 50)));
    }
  });

  it('sorting the lexicon on demand gives the same prefix searches and snapshots as sorting it at every build', async () => {
    const eager = new Corpus();
    const lazy = new Corpus({ sortLexiconOnDemand: true });
    const prefixes: Array<[string[], number]> = [
      [['corridor', 'civ'], 20],
      [['fight'], 50],
      [['le'], 200],
      [['a'], 500],
      [['rebel', 'gro'], 10],
    ];
    const same = () => {
      for (const [terms, limit] of prefixes) assert.deepEqual(ids(lazy.searchPrefix(terms, limit)), ids(eager.searchPrefix(terms, limit)), terms.join(' '));
    };
    for (const c of [eager, lazy]) await c.addSources(seedFiles.slice(0, 3), { sliceMs: 1 });
    // a snapshot before any prefix search: the lexicon is sorted for it
    assert.deepEqual(Buffer.from(lazy.toSnapshot('k')), Buffer.from(eager.toSnapshot('k')));
    for (const c of [eager, lazy]) await c.addSources(seedFiles.slice(3), { sliceMs: 1 });
    same();
    // sources added one at a time go to the delta, whose terms are past the sorted ones
    for (const c of [eager, lazy]) c.addSource('late.txt', 'Leaflets about the corridors civilians could use were dropped over the eastern districts.');
    same();
    assert.deepEqual(Buffer.from(lazy.toSnapshot('k')), Buffer.from(eager.toSnapshot('k')));
  });

  it('a snapshot restores the same corpus, and refuses another key or a damaged buffer', () => {
    const c = build();
    c.reportProblem({ path: 'seeds/broken.png', message: 'skipped: binary file', kind: 'skipped' });
    const snap = c.toSnapshot('v1');
    const r = Corpus.fromSnapshot(snap, { key: 'v1' });
    assert.equal(r.passageCount, c.passageCount);
    assert.deepEqual(r.problems, c.problems);
    for (const s of c.sources) {
      const t = r.source(s.id)!;
      assert.equal(t.text, s.text);
      assert.deepEqual(t.meta, s.meta);
      assert.deepEqual(t.passages, s.passages);
    }
    assert.deepEqual(ids(r.search(['corridor', 'fighter'], 10)), ids(c.search(['corridor', 'fighter'], 10)));
    assert.equal(r.idf('corridor'), c.idf('corridor'));
    // and it goes on working: a change after the restore
    r.addSource('seeds/new.txt', 'The okapi convoy arrived.');
    assert.equal(r.search(['okapi'], 1)[0]?.sourceId, 'new');
    assert.deepEqual(check(readFileSync(join(ROOT, 'examples', 'draft.md'), 'utf8'), Corpus.fromSnapshot(snap, { key: 'v1' })).findings, check(readFileSync(join(ROOT, 'examples', 'draft.md'), 'utf8'), c).findings);
    assert.throws(() => Corpus.fromSnapshot(snap, { key: 'v2' }), /other settings/);
    assert.throws(() => Corpus.fromSnapshot(snap.subarray(0, snap.length >> 1), { key: 'v1' }), /truncated/);
    assert.throws(() => Corpus.fromSnapshot(new Uint8Array(100)), /not a Grounded index snapshot/);
  });

  it('a snapshot file read a section at a time restores the same corpus, with a buffer per section', () => {
    const c = build();
    const snap = c.toSnapshot('v1');
    const dir = mkdtempSync(join(tmpdir(), 'grounded-snap-'));
    try {
      const file = join(dir, 'index.bin');
      writeFileSync(file, snap);
      const buffers = new Set<ArrayBufferLike>();
      const r = withSnapshotFile(file, (reader) =>
        Corpus.fromSnapshot({ byteLength: reader.byteLength, read: (offset, length) => {
          const part = reader.read(offset, length);
          buffers.add(part.buffer);
          return part;
        } }, { key: 'v1' }),
      );
      // the magic and format, the header, and each section: never one buffer for the whole file
      assert.ok(buffers.size > 10, `${buffers.size} buffers`);
      for (const b of buffers) assert.ok(b.byteLength < snap.length / 2);
      assert.equal(r.passageCount, c.passageCount);
      for (const s of c.sources) assert.deepEqual(r.source(s.id)!.passages, s.passages);
      assert.deepEqual(ids(r.search(['corridor', 'fighter'], 10)), ids(c.search(['corridor', 'fighter'], 10)));
      r.addSource('seeds/new.txt', 'The okapi convoy arrived.');
      assert.equal(r.search(['okapi'], 1)[0]?.sourceId, 'new');
      writeFileSync(file, snap.subarray(0, snap.length >> 1));
      assert.throws(() => withSnapshotFile(file, (reader) => Corpus.fromSnapshot(reader, { key: 'v1' })), /truncated/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a source beyond the size limit instead of dropping it silently', () => {
    const c = new Corpus({ maxBytes: 3000 });
    for (const f of seedFiles) c.addSource(f.path, f.text);
    const skipped = c.problems.filter((p) => p.kind === 'skipped');
    assert.ok(skipped.length >= 1);
    assert.match(skipped[0]!.message, /corpus limit of 2\.9 KB/);
    assert.equal(c.sourceCount + skipped.length, seedFiles.length);
    assert.ok(c.byteCount <= 3000);
  });

  it('stores every passage of a large corpus (the arrays kept per passage grow in step, whatever their type)', () => {
    const store = new TermStore();
    const id = store.intern('word');
    const n = 1_200_000;
    for (let key = 0; key < n; key++) store.set(key, [id]);
    let stored = 0;
    for (let key = 0; key < n; key++) if (store.has(key) && store.length(key) === 1) stored++;
    assert.equal(stored, n);
    assert.equal(store.passageCount, n);
    assert.equal(store.df(id), n);
  });
});
