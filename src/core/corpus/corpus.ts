/**
 * The corpus: every source, its passages, and the index over them. Sources are added, replaced
 * and removed one file at a time, so a file watcher can keep it current; or many at once
 * ({@link Corpus.addSources}, {@link Corpus.addPrepared}), which builds the index once, in slices.
 *
 * Storage is lean so that a 100 MB archive fits (DESIGN.md "Scale"): source texts are kept as
 * UTF-8 bytes and decoded on demand (the sources used last stay materialised, some 4,000 of them,
 * with a few hundred whole texts); passages are rows of typed arrays (offset and length; the
 * line and column are worked out from the text), materialised as `Passage` objects, each with its
 * own copy of its text, only when asked for;
 * passage terms are interned ids in a {@link TermStore}, shared with the {@link LeanIndex}.
 * A whole corpus can be saved and restored ({@link Corpus.toSnapshot}, {@link Corpus.fromSnapshot})
 * for a warm start.
 */
import { grown } from '../index/arrays';
import { LeanIndex, TermStore, type LeanIndexSnapshot } from '../index/leanIndex';
import type { PassageIndex } from '../index/passageIndex';
import { prepareSources, prepareSteps, type KeptLexicon, type PreparedSources, type SourceFile } from './prepared';
import { decodeSnapshot, encodeSnapshot, termsFingerprint, type SnapshotReader } from './snapshot';
import { formatBytes } from '../sources/sources';
import { entriesByFile } from '../sources/bibliography';
import { PassageTable } from './passageTable';
import { KeyRanges, SourceRecord, type SourceExtra } from './sourceRecords';
import { SourceCache } from './sourceCache';
import { CorpusReads } from './reads';
import type { Passage, Problem, Source, SourceMeta } from '../model/types';

export interface CorpusOptions {
  /** The index implementation; the lean typed-array index by default. */
  index?: PassageIndex;
  /**
   * Most source text the corpus takes, in UTF-8 bytes (default 1 GiB). A source beyond it is
   * skipped and reported as a problem, never dropped silently.
   */
  maxBytes?: number;
  /**
   * How much of the sources stays materialised, in UTF-16 code units of their texts, each source
   * counting 2,048 more for its objects (default 16 million: some 4,000 sources); whole decoded
   * texts are kept with a thirty-second of it (see ./sourceCache.ts). Callers' caches
   * keyed by sources and passages (support scoring keeps the terms and numbers of each) last as
   * long as these; a check of a long draft against a large corpus touches thousands of sources.
   */
  cacheChars?: number;
  /**
   * The default index sorts its lexicon for prefix search (quote completion) when the first one
   * comes, rather than at every build (default false: an editor wants completion ready; a run of
   * the command line never completes).
   */
  sortLexiconOnDemand?: boolean;
}

/** Options of the bulk methods. */
export interface BulkOptions {
  /** Longest stretch of work between two yields to the event loop, in ms (default 10). */
  sliceMs?: number;
  /** Stops early (the sources added so far stay). */
  signal?: AbortSignal;
  /** Called after each source. */
  onProgress?: (done: number) => void;
}

export const DEFAULT_MAX_CORPUS_BYTES = 1024 * 1024 * 1024;
/** Passage keys are never reused; the lean index codes them in 28 bits. */
const MAX_KEYS = 2 ** 28;
const NONE: readonly never[] = Object.freeze([]);
/** Search results remembered (see `Corpus.search`). */
const SEARCH_CACHE = 4_096;

const DEFAULT_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * `compute`, remembered per corpus until the corpus changes (its generation moves): for what is
 * worked out from all the sources at once and asked for often. The value is kept by the corpus
 * itself (see {@link Corpus.remember}); the function returned holds nothing but its own identity.
 *
 * @example const titles = perGeneration((c) => c.sources.map((s) => s.meta.title)); titles(corpus);
 */
export function perGeneration<T>(compute: (corpus: Corpus) => T): (corpus: Corpus) => T {
  const key: object = compute;
  return (corpus) => corpus.remember(key, compute);
}

/**
 * `compute`, remembered per corpus while its set of source ids stays the same (see
 * {@link Corpus.idsGeneration}): for what depends on the ids alone, not on their order, nor on the
 * sources' text. A source replaced keeps its id, so that such a value outlives the edit.
 */
export function perIdSet<T>(compute: (corpus: Corpus) => T): (corpus: Corpus) => T {
  const key: object = compute;
  return (corpus) => corpus.remember(key, compute, true);
}

/** The list, or one shared empty list (a corpus holds tens of thousands of them). */
function shared<T>(list: T[]): T[] {
  return list.length ? list : (NONE as unknown as T[]);
}

/**
 * The id as a part of the path, where the path spells it (a file named by its id): a slice of the
 * path's string, 8 bytes less than a string of its own (V8 slices strings of 13 characters or more).
 */
function idInPath(id: string, path: string): string {
  if (id.length < 13) return id;
  const at = path.lastIndexOf(id);
  return at < 0 ? id : path.slice(at, at + id.length);
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** Yields to the event loop (setImmediate where there is one). */
function pause(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  return new Promise((resolve) => (g.setImmediate ? g.setImmediate(resolve) : setTimeout(resolve, 0)));
}

export class Corpus {
  private readonly byId = new Map<string, SourceRecord>();
  private readonly idByPath = new Map<string, string>();
  /** What the records without problems, report or rename share (for the current bibliography). */
  private plainExtra: SourceExtra | undefined;
  /** One string per outlet name (tens of thousands of sources share a few dozen outlets). */
  private readonly outlets = new Map<string, string>();
  private readonly problemsByPath = new Map<string, Problem[]>();
  private readonly ranges = new KeyRanges();
  private readonly table = new PassageTable();
  private store: TermStore;
  private readonly cache: SourceCache;
  /** Whether the index reads terms from `store` (else it is given them). */
  private readonly shared: boolean;
  private nextKey = 0;
  private bytes = 0;
  /** Recent search results (passage keys) by query, for the corpus generation `searchGeneration`. */
  private readonly searches = new Map<string, number[]>();
  private searchGeneration = -1;
  /** Sources added in bulk whose passages the index does not have yet: [firstKey, count]. */
  private pending: Array<[number, number]> = [];
  readonly index: PassageIndex;
  /** Most source text taken, in UTF-8 bytes. */
  readonly maxBytes: number;
  /** Bibliography metadata by id, applied to sources added after it is set. */
  bibliography: ReadonlyMap<string, SourceMeta> = new Map();
  /** Bibliography keys by linked file, for the bibliography it was made from. */
  private linked?: { from: ReadonlyMap<string, SourceMeta>; byFile: Map<string, string> };
  private gen = 0;
  /** Moves on when the set of source ids changes (see {@link idsGeneration}). */
  private idsGen = 0;
  /** Ids removed since {@link idsGeneration} was last read: when the same id comes back (a source replaced), the set has not changed. */
  private readonly idsOut = new Set<string>();
  /** Values worked out from the whole corpus, each for the generation it was computed at, and what computing it read. */
  private readonly memos = new Map<object, { generation: number; ids: boolean; value: unknown; reads: CorpusReads }>();
  /** What is being read, while {@link recordReads} runs. */
  private reads: CorpusReads | undefined;

  constructor(options: CorpusOptions = {}) {
    this.store = new TermStore();
    this.index = options.index ?? new LeanIndex({ sortOnDemand: !!options.sortLexiconOnDemand });
    this.shared = typeof this.index.bind === 'function';
    if (this.shared) this.index.bind!(this.store);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_CORPUS_BYTES;
    this.cache = new SourceCache(this.table, options.cacheChars ?? DEFAULT_CACHE_CHARS);
  }

  /**
   * Moves on with every change (a source added, replaced or removed), so callers can tell whether
   * what they worked out from the corpus (a check, a completion list) is stale.
   */
  get generation(): number {
    return this.gen;
  }

  /**
   * Numbers this corpus' generations after `previous`'s, when it replaces it (a rebuild, a saved
   * index restored): anything cached against the old corpus is then stale against this one.
   * `corpus.continueAfter(corpus)` just moves the generation on.
   */
  continueAfter(previous: Corpus): void {
    this.gen = Math.max(this.gen, previous.gen) + 1;
  }

  /**
   * Moves on whenever the set of source ids changes (an id added or removed), but not when a source
   * is replaced under the same id, nor with {@link continueAfter}.
   */
  get idsGeneration(): number {
    if (this.idsOut.size) {
      this.idsOut.clear();
      this.idsGen++;
    }
    return this.idsGen;
  }

  /**
   * `compute(this)` for `key`, remembered until the generation moves (see {@link perGeneration}),
   * or with `ids`, until the set of source ids changes (see {@link perIdSet}).
   */
  remember<T>(key: object, compute: (corpus: Corpus) => T, ids = false): T {
    const hit = this.memos.get(key);
    const generation = ids ? this.idsGeneration : this.gen;
    if (hit && hit.ids === ids && hit.generation === generation) {
      this.reads?.merge(hit.reads);
      return hit.value as T;
    }
    // what computing it reads is read by every later user of the value
    const { value, reads } = this.recordReads(() => compute(this));
    this.memos.set(key, { generation, ids, value, reads });
    return value;
  }

  /**
   * `work()`, and what it read of this corpus: the terms whose statistics or postings it read, the
   * sources it read or looked up, the whole-corpus facts it used (see {@link CorpusReads}). Work
   * done inside `work` that is remembered ({@link remember}) counts for every user of the value.
   */
  recordReads<T>(work: () => T): { value: T; reads: CorpusReads } {
    const outer = this.reads;
    const reads = new CorpusReads();
    this.reads = reads;
    let value: T;
    try {
      value = work();
    } finally {
      this.reads = outer;
      outer?.merge(reads);
    }
    return { value, reads };
  }

  /** Adds or replaces the source read from `path`. Returns the parsed source. */
  addSource(path: string, text: string): Source {
    const id = this.idByPath.get(path);
    const current = id === undefined ? undefined : this.byId.get(id);
    // the same text read again (a watcher event, a warm start): nothing to do
    if (current && current.bibliography === this.bibliography && current.byteLength >= text.length && this.cache.text(current) === text) {
      if (current.report.length) this.problemsByPath.set(path, [...current.report]);
      else this.problemsByPath.delete(path);
      return this.cache.source(current);
    }
    const added = this.addPrepared(prepareSources([{ path, text }], this.bibliography, this.linkedFiles()), { defer: false, texts: [text] });
    return added[0]!;
  }

  /**
   * A record's problems, bibliography, report and rename: one object shared by the records of the
   * current bibliography that have none of them.
   */
  private extra(problems: string[], report: Problem[], renamedFrom: SourceExtra['renamedFrom']): SourceExtra {
    if (problems.length || report.length || renamedFrom) return { problems: shared(problems), bibliography: this.bibliography, report: shared(report), renamedFrom };
    if (this.plainExtra?.bibliography !== this.bibliography) this.plainExtra = { problems: NONE as unknown as string[], bibliography: this.bibliography, report: NONE };
    return this.plainExtra;
  }

  /**
   * Lets a source's metadata hold the same id string as its record, and one string per outlet
   * (equal strings that came from a worker or a snapshot are copies each).
   */
  private shareStrings(id: string, meta: SourceMeta): void {
    if (Object.isFrozen(meta)) return;
    if (meta.id === id) meta.id = id;
    const outlet = meta.outlet;
    if (outlet !== undefined) {
      const one = this.outlets.get(outlet);
      if (one === undefined) {
        if (this.outlets.size < 4096) this.outlets.set(outlet, outlet);
      } else meta.outlet = one;
    }
  }

  /**
   * Adds (or replaces) the sources of a prepared batch, in order. With `defer` (the default) the
   * index is not updated: call {@link flush} after the last batch. Sources beyond the size limit
   * are skipped and reported. The batches of a lexicon kept from batch to batch (`lexiconFrom`)
   * come with its `lexicon`, in the order they were prepared.
   */
  addPrepared(batch: PreparedSources, options: { defer?: boolean; texts?: readonly string[]; lexicon?: KeptLexicon } = {}): Source[] {
    const defer = options.defer ?? true;
    const from = batch.lexiconFrom ?? 0;
    const kept = options.lexicon;
    if (kept ? from !== kept.size : from !== 0) throw new Error(`a prepared batch whose terms go on from ${from} merged ${kept ? `after ${kept.size} terms of its lexicon` : 'without its lexicon'}`);
    let map: Uint32Array;
    if (kept) {
      map = kept.ids = grown(kept.ids, from + batch.lexicon.length, true);
      kept.size = from + batch.lexicon.length;
    } else map = new Uint32Array(batch.lexicon.length);
    internInto(this.store, batch.lexicon, map, from);
    const terms = batch.terms;
    mapTerms(terms, map);
    const added: Source[] = [];
    let textAt = 0;
    let passageAt = 0;
    if (defer) {
      // room for the whole batch at once, grown by a quarter (trimmed when the index is built)
      this.table.reserve(this.nextKey + batch.termEnds.length, true);
      this.store.reserve(this.nextKey + batch.termEnds.length, terms.length);
    }
    batch.sources.forEach((prepared, n) => {
      const byteStart = textAt;
      const byteLength = prepared.bytes;
      const first = passageAt;
      textAt += prepared.bytes;
      passageAt += prepared.passages;
      const path = prepared.path;
      this.removeSource(path);
      const limit = this.bytes + byteLength > this.maxBytes ? `the sources reached the corpus limit of ${formatBytes(this.maxBytes)}` : this.nextKey + prepared.passages >= MAX_KEYS ? 'the index ran out of passage keys (rebuild it)' : undefined;
      if (limit) {
        this.reportProblem({ path, message: `skipped: ${limit}`, kind: 'skipped' });
        const text = options.texts?.[n] ?? decoder.decode(batch.text.subarray(byteStart, byteStart + byteLength));
        added.push({ id: prepared.id, path, text, meta: prepared.meta, passages: [], problems: [...prepared.problems, `skipped: ${limit}`] });
        return;
      }
      const problems: Problem[] = prepared.problems.map((message) => ({ path, message, kind: 'partial' as const }));
      let id = prepared.id;
      let meta = prepared.meta;
      if (this.byId.has(id)) {
        let k = 2;
        while (this.byId.has(`${prepared.id}-${k}`)) k++;
        id = `${prepared.id}-${k}`;
        meta = { ...meta, id };
        problems.push({ path, message: `another source already has the id "${prepared.id}" (${this.byId.get(prepared.id)!.path}); this one is cited as "${id}"`, kind: 'info' });
      }
      const firstKey = this.nextKey;
      const count = prepared.passages;
      id = idInPath(id, path);
      this.shareStrings(id, meta);
      const source = new SourceRecord(id, path, meta, this.extra(prepared.problems, problems, id === prepared.id ? undefined : { id: prepared.id, meta: prepared.meta }), firstKey, count, batch.text, byteStart, byteLength);
      this.ranges.push(source);
      this.table.reserve(firstKey + count);
      const t = this.table;
      const spans = batch.spans;
      for (let i = 0; i < count; i++) {
        const key = firstKey + i;
        const row = (first + i) * 2;
        t.set(key, spans[row]!, spans[row + 1]!);
        const from = first + i === 0 ? 0 : batch.termEnds[first + i - 1]!;
        this.store.set(key, terms, from, batch.termEnds[first + i]!);
      }
      this.nextKey += count;
      this.bytes += byteLength;
      this.byId.set(id, source);
      if (!this.idsOut.delete(id)) this.idsGen++;
      this.idByPath.set(path, id);
      if (problems.length) this.problemsByPath.set(path, problems);
      if (options.texts?.[n] !== undefined) this.cache.text(source, options.texts[n]);
      if (defer) this.pending.push([firstKey, count]);
      else for (let key = firstKey; key < firstKey + count; key++) this.index.add(key, this.shared ? [] : this.store.terms(key));
      added.push(options.texts ? this.cache.source(source) : this.cache.source(source, false));
    });
    this.gen++;
    return added;
  }

  /**
   * Adds (or replaces) many sources, yielding to the event loop every `sliceMs`: no block longer
   * than one source's segmentation. The index is built once, at the end (see {@link flush}).
   */
  async addSources(files: Iterable<SourceFile> | AsyncIterable<SourceFile>, options: BulkOptions = {}): Promise<void> {
    const sliceMs = options.sliceMs ?? 10;
    let sliceStart = Date.now();
    let done = 0;
    for await (const file of files) {
      if (options.signal?.aborted) break;
      const steps = prepareSteps([file], this.bibliography, this.linkedFiles());
      let r = steps.next();
      while (!r.done) {
        if (Date.now() - sliceStart >= sliceMs) {
          await pause();
          sliceStart = Date.now();
        }
        r = steps.next();
      }
      this.addPrepared(r.value);
      options.onProgress?.(++done);
    }
    await this.flush(options);
  }

  /** Which bibliography entry each linked file belongs to (see `entriesByFile`), for the current bibliography. */
  linkedFiles(): ReadonlyMap<string, string> {
    if (this.linked?.from !== this.bibliography) this.linked = { from: this.bibliography, byFile: entriesByFile(this.bibliography) };
    return this.linked.byFile;
  }

  /**
   * Does a slice of the index's next build (see {@link flush}) over the sources added in bulk so
   * far, for a caller that merges batches prepared elsewhere and has time between them: the
   * flush then has less left to do.
   */
  indexAhead(): void {
    if (this.pending.length) this.index.writeAhead?.();
  }

  /** Whether sources were added in bulk and the index does not have them yet. */
  get indexPending(): boolean {
    return this.pending.length > 0;
  }

  /** Brings the index up to date after bulk additions, in slices of `sliceMs`. */
  async flush(options: BulkOptions = {}): Promise<void> {
    const sliceMs = options.sliceMs ?? 10;
    let sliceStart = Date.now();
    for (const _ of this.flushSteps()) {
      if (Date.now() - sliceStart >= sliceMs) {
        await pause();
        sliceStart = Date.now();
      }
    }
  }

  /** Brings the index up to date now, in one go. */
  flushNow(): void {
    for (const _ of this.flushSteps()) {
      // all slices at once
    }
  }

  private *flushSteps(): Generator<void, void, void> {
    if (!this.pending.length) return;
    if (this.index.rebuild) {
      const upTo = this.nextKey;
      yield* this.index.rebuild();
      // sources added in bulk while rebuilding: into the index's delta, one passage at a time
      const late = this.pending.filter(([first]) => first >= upTo);
      this.pending = [];
      this.table.trim(this.nextKey);
      this.store.trim();
      for (const [first, count] of late) for (let key = first; key < first + count; key++) if (this.store.has(key)) this.index.add(key, []);
      return;
    }
    while (this.pending.length) {
      const [first, count] = this.pending.shift()!;
      for (let key = first; key < first + count; key++) {
        if (this.store.has(key)) this.index.add(key, this.store.terms(key));
        if ((key - first) % 256 === 255) yield;
      }
      yield;
    }
  }

  /**
   * The sources read from `paths` (which must all be in the corpus), in that order, as the batch
   * that preparing their texts again would give: for adding them to another corpus without
   * segmenting or tokenising them again (a cache brought up to date in path order).
   */
  preparedOf(paths: readonly string[]): PreparedSources {
    const records = paths.map((path) => {
      const r = this.byId.get(this.idByPath.get(path) ?? '');
      if (!r) throw new Error(`preparedOf: no source read from ${path}`);
      return r;
    });
    let bytes = 0;
    let passages = 0;
    let termBytes = 0;
    for (const r of records) {
      bytes += r.byteLength;
      passages += r.passageCount;
      for (let key = r.firstKey; key < r.firstKey + r.passageCount; key++) termBytes += this.store.maxTerms(key);
    }
    const text = new Uint8Array(bytes);
    const spans = new Uint32Array(passages * 2);
    const termEnds = new Uint32Array(passages);
    let terms = new Uint32Array(termBytes);
    const local = new Int32Array(this.store.termCount).fill(-1);
    const lexicon: string[] = [];
    const sources: PreparedSources['sources'] = [];
    const t = this.table;
    let at = 0;
    let row = 0;
    let n = 0;
    let buf = new Uint32Array(256);
    for (const r of records) {
      text.set(r.bytes, at);
      at += r.byteLength;
      sources.push({ path: r.path, id: r.renamedFrom?.id ?? r.id, meta: r.renamedFrom?.meta ?? r.meta, problems: r.problems, bytes: r.byteLength, passages: r.passageCount });
      for (let key = r.firstKey; key < r.firstKey + r.passageCount; key++) {
        spans[row * 2] = t.start[key]!;
        spans[row * 2 + 1] = t.end(key);
        if (buf.length < this.store.maxTerms(key)) buf = new Uint32Array(this.store.maxTerms(key));
        const count = this.store.decode(key, buf);
        for (let i = 0; i < count; i++) {
          const id = buf[i]!;
          let l = local[id]!;
          if (l < 0) {
            l = local[id] = lexicon.length;
            lexicon.push(this.store.termOf(id));
          }
          terms[n++] = l;
        }
        termEnds[row++] = n;
      }
    }
    terms = terms.slice(0, n);
    return { sources, text, spans, termEnds, terms, lexicon };
  }

  /** Removes the source read from `path`, if any. */
  removeSource(path: string): boolean {
    const id = this.idByPath.get(path);
    this.problemsByPath.delete(path);
    if (id === undefined) return false;
    const source = this.byId.get(id)!;
    for (let key = source.firstKey; key < source.firstKey + source.passageCount; key++) {
      this.index.remove(key, this.shared ? [] : this.store.terms(key));
      this.store.delete(key);
    }
    this.cache.drop(source);
    this.ranges.remove(source);
    this.bytes -= source.byteLength;
    this.byId.delete(id);
    this.idsOut.add(id);
    this.idByPath.delete(path);
    this.gen++;
    return true;
  }

  /** Records a problem with a file that could not be added at all. */
  reportProblem(problem: Problem): void {
    const list = this.problemsByPath.get(problem.path) ?? [];
    list.push(problem);
    this.problemsByPath.set(problem.path, list);
  }

  clearProblem(path: string): void {
    if (!this.idByPath.has(path)) this.problemsByPath.delete(path);
  }

  get problems(): Problem[] {
    return [...this.problemsByPath.values()].flat();
  }

  get sources(): Source[] {
    this.reads?.facts.add('all');
    const out: Source[] = [];
    for (const r of this.byId.values()) out.push(this.cache.source(r, false));
    return out;
  }

  /** The path of every source, without materialising the sources. */
  get sourcePaths(): string[] {
    this.reads?.facts.add('ids');
    return [...this.idByPath.keys()];
  }

  /** Every source's id, without materialising the sources. */
  get sourceIds(): string[] {
    this.reads?.facts.add('ids');
    return [...this.byId.keys()];
  }

  get sourceCount(): number {
    this.reads?.facts.add('ids');
    return this.byId.size;
  }

  get passageCount(): number {
    this.reads?.facts.add('all');
    return this.store.passageCount;
  }

  /** Whether the corpus has any passage. */
  get hasPassages(): boolean {
    this.reads?.facts.add('nonEmpty');
    return this.store.passageCount > 0;
  }

  /** The passage count and average length that scores weigh with (see `TermStore.scoringCount`). */
  get scoringStatistics(): [count: number, averageLength: number] {
    return [this.store.scoringCount, this.store.scoringLength];
  }

  /** Number of distinct terms ever indexed. */
  get termCount(): number {
    this.reads?.facts.add('all');
    return this.store.termCount;
  }

  /** Source text held, in UTF-8 bytes. */
  get byteCount(): number {
    this.reads?.facts.add('all');
    return this.bytes;
  }

  source(id: string): Source | undefined {
    this.reads?.sources.add(id);
    const r = this.byId.get(id);
    return r && this.cache.source(r);
  }

  sourceAtPath(path: string): Source | undefined {
    this.reads?.paths.add(path);
    const id = this.idByPath.get(path);
    const r = id === undefined ? undefined : this.byId.get(id);
    if (r) this.reads?.sources.add(r.id);
    return r && this.cache.source(r);
  }

  passage(key: number): Passage | undefined {
    if (!(key >= 0 && key < this.nextKey)) return undefined;
    const source = this.ranges.find(key);
    if (source) this.reads?.sources.add(source.id);
    return source ? this.cache.passage(source, key) : undefined;
  }

  /** The id of the source read from `path`, if any (not a read: for comparing two corpora). */
  idAtPath(path: string): string | undefined {
    return this.idByPath.get(path);
  }

  /** The keys of a source's passages: `count` keys from `first` (without materialising the passages). */
  passageKeys(id: string): { first: number; count: number } | undefined {
    this.reads?.sources.add(id);
    const r = this.byId.get(id);
    return r && { first: r.firstKey, count: r.passageCount };
  }

  /** Whether any passage of a source has a term, for each term asked: what the source's {@link terms} tell, without a string per term. */
  sourceTerms(id: string): { has(term: string): boolean } | undefined {
    this.reads?.sources.add(id);
    const r = this.byId.get(id);
    return r && this.store.termsOfKeys(r.firstKey, r.passageCount);
  }

  /** The index terms of a passage. */
  terms(key: number): readonly string[] {
    if (this.reads) {
      const source = this.ranges.find(key);
      if (source) this.reads.sources.add(source.id);
      else this.reads.facts.add('all');
    }
    return this.store.terms(key);
  }

  /**
   * A matcher of some terms against passages: `match(key, has)` sets `has[i]` to 1 for each
   * `terms[i]` among the passage's index terms (and leaves the others). What {@link terms} tells,
   * without making a string per term: the hot path of support scoring.
   */
  matcher(terms: readonly string[]): (key: number, has: Uint8Array) => void {
    const slots = new Map<number, number>();
    terms.forEach((t, i) => {
      const id = this.store.idOf(t);
      if (id !== undefined) slots.set(id, i);
    });
    let buf = new Uint32Array(256);
    return (key, has) => {
      if (this.reads) {
        const source = this.ranges.find(key);
        if (source) this.reads.sources.add(source.id);
        else this.reads.facts.add('all');
      }
      const store = this.store;
      if (!store.has(key)) return;
      if (store.maxTerms(key) > buf.length) buf = new Uint32Array(2 * store.maxTerms(key));
      const n = store.decode(key, buf);
      for (let i = 0; i < n; i++) {
        const slot = slots.get(buf[i]!);
        if (slot !== undefined) has[slot] = 1;
      }
    };
  }

  /** The passage before or after `p` in its source. */
  neighbour(p: Passage, delta: -1 | 1): Passage | undefined {
    this.reads?.sources.add(p.sourceId);
    const source = this.byId.get(p.sourceId);
    if (!source) return undefined;
    const ordinal = p.ordinal + delta;
    if (ordinal < 0 || ordinal >= source.passageCount) return undefined;
    return this.cache.passage(source, source.firstKey + ordinal);
  }

  /** Inverse document frequency of a term (BM25's form, always > 0). */
  idf(term: string): number {
    this.reads?.terms.add(term);
    const df = this.store.documentFrequency(term);
    const n = Math.max(this.store.scoringCount, df);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Number of passages containing the term. */
  documentFrequency(term: string): number {
    this.reads?.terms.add(term);
    return this.store.documentFrequency(term);
  }

  /**
   * The best passages for a bag of terms. Results are remembered until the corpus changes: a
   * draft checked again after an edit asks mostly the same questions.
   */
  search(terms: readonly string[], limit: number): Passage[] {
    if (this.reads) for (const t of terms) this.reads.terms.add(t);
    if (this.pending.length) this.flushNow();
    if (this.searchGeneration !== this.generation) {
      this.searches.clear();
      this.searchGeneration = this.generation;
    }
    const key = `${limit}\u0000${terms.join('\u0000')}`;
    let keys = this.searches.get(key);
    if (!keys) {
      keys = this.index.search(terms, limit).map((h) => h.key);
      if (this.searches.size >= SEARCH_CACHE) this.searches.delete(this.searches.keys().next().value!);
      this.searches.set(key, keys);
    }
    const out: Passage[] = [];
    for (const k of keys) {
      const p = this.passage(k);
      if (p) out.push(p);
    }
    return out;
  }

  /** The searches remembered since the corpus last changed (query, passage keys), to save beside a saved corpus. */
  get rememberedSearches(): Array<[string, number[]]> {
    return this.searchGeneration === this.generation ? [...this.searches] : [];
  }

  /**
   * Takes searches saved by {@link rememberedSearches} from this very corpus (restored from the
   * same save, nothing changed since): they are answered without searching again.
   */
  rememberSearches(entries: ReadonlyArray<readonly [string, readonly number[]]>): void {
    if (this.searchGeneration !== this.generation) {
      this.searches.clear();
      this.searchGeneration = this.generation;
    }
    for (const [query, keys] of entries) if (this.searches.size < SEARCH_CACHE && typeof query === 'string' && Array.isArray(keys)) this.searches.set(query, [...keys]);
  }

  /** Passages with every term, the last one as a prefix (what is being typed); best first. */
  searchPrefix(terms: readonly string[], limit: number): Passage[] {
    this.reads?.facts.add('all');
    if (this.pending.length) this.flushNow();
    return this.index
      .searchPrefix(terms, limit)
      .map((h) => this.passage(h.key))
      .filter((p): p is Passage => p !== undefined);
  }

  /** Bytes held in typed arrays (source text, passages, terms, index), for the benchmarks. */
  get byteSize(): number {
    let text = 0;
    const buffers = new Set<ArrayBufferLike>();
    for (const s of this.byId.values()) {
      if (buffers.has(s.buffer.buffer)) continue;
      buffers.add(s.buffer.buffer);
      text += s.buffer.buffer.byteLength;
    }
    const index = this.index as { byteSize?: number };
    return text + this.table.byteSize + this.store.byteSize + (index.byteSize ?? 0);
  }

  /**
   * The whole corpus — texts, metadata, passages, terms and (for the lean index) postings — as
   * one buffer, for a warm start with {@link Corpus.fromSnapshot}. `key` is stored with it (for
   * example the extension's version and settings); restoring with another key fails.
   */
  toSnapshot(key = ''): Uint8Array {
    this.flushNow();
    const live = [...this.byId.values()].sort((a, b) => a.firstKey - b.firstKey);
    let textBytes = 0;
    for (const s of live) textBytes += s.byteLength;
    const text = new Uint8Array(textBytes);
    let at = 0;
    const sources = live.map((s) => {
      text.set(s.bytes, at);
      at += s.byteLength;
      return s.renamedFrom ? [s.id, s.path, s.meta, s.problems, s.firstKey, s.passageCount, s.byteLength, s.renamedFrom] : [s.id, s.path, s.meta, s.problems, s.firstKey, s.passageCount, s.byteLength];
    });
    const store = this.store.toSnapshot();
    const n = this.nextKey;
    const sections: Record<string, Uint8Array | Uint16Array | Uint32Array> = {
      text,
      lexicon: encoder.encode(JSON.stringify(store.lexicon)),
      start: this.table.start.subarray(0, n),
      length: this.table.length.subarray(0, n),
      df: store.df,
      pool: store.pool,
      starts: store.starts,
      ends: store.ends,
      lens: store.lens,
      alive: store.alive,
    };
    let index: { keyLimit: number } | undefined;
    if (this.index instanceof LeanIndex) {
      const s = this.index.toSnapshot();
      Object.assign(sections, { offsets: s.offsets, postings: s.postings, sorted: s.sorted });
      index = { keyLimit: s.keyLimit };
    }
    const problems = [...this.problemsByPath.entries()];
    const header = { key, terms: termsFingerprint(), nextKey: n, totalLength: store.totalLength, wide: this.table.wideEntries, sources, problems, bibliography: [...this.bibliography.values()], index };
    return encodeSnapshot(header, sections);
  }

  /**
   * A corpus from {@link toSnapshot}'s buffer, without re-reading or re-indexing any source.
   * Throws when the snapshot is damaged, has another `key`, or was made by a tokeniser that
   * gives other terms (the caller then builds the corpus afresh). The buffer is used in place:
   * do not change it afterwards. From a {@link SnapshotReader} (a file read a section at a time),
   * each section has a buffer of its own: a section the corpus stops using (an array it grows
   * for a changed source) is freed, where in one buffer the whole snapshot stays.
   */
  static fromSnapshot(bytes: Uint8Array | SnapshotReader, options: CorpusOptions & { key?: string } = {}): Corpus {
    const { header, sections } = decodeSnapshot(bytes);
    const h = header as {
      key: string;
      terms: string;
      nextKey: number;
      totalLength: number;
      wide: Array<[number, number]>;
      sources: Array<[string, string, SourceMeta, string[], number, number, number, { id: string; meta: SourceMeta }?]>;
      problems: Array<[string, Problem[]]>;
      bibliography: SourceMeta[];
      index?: { keyLimit: number };
    };
    if (h.key !== (options.key ?? '')) throw new Error('the snapshot was made with other settings');
    if (h.terms !== termsFingerprint()) throw new Error('the snapshot was made by another version of the tokeniser');
    const section = <T>(name: string, type: abstract new (...args: never[]) => T): T => {
      const v = sections[name];
      if (!(v instanceof type)) throw new Error(`the snapshot has no ${name}`);
      return v;
    };
    const u32 = (name: string) => section(name, Uint32Array);
    const store = TermStore.fromSnapshot({
      lexicon: JSON.parse(decoder.decode(section('lexicon', Uint8Array))) as string[],
      df: u32('df'),
      pool: section('pool', Uint8Array),
      starts: u32('starts'),
      ends: u32('ends'),
      lens: section('lens', Uint16Array),
      alive: section('alive', Uint8Array),
      totalLength: h.totalLength,
    });
    const index = options.index ?? new LeanIndex({ sortOnDemand: !!options.sortLexiconOnDemand });
    const corpus = new Corpus({ ...options, index });
    corpus.store = store;
    if (corpus.shared) index.bind!(store);
    corpus.nextKey = h.nextKey;
    const t = corpus.table;
    t.start = u32('start');
    t.length = section('length', Uint16Array);
    t.wideEntries = h.wide;
    corpus.bibliography = new Map(h.bibliography.map((m) => [m.id, m]));
    const text = section('text', Uint8Array);
    let at = 0;
    const reports = new Map(h.problems);
    for (const [savedId, path, meta, problems, firstKey, count, length, renamedFrom] of h.sources) {
      const id = idInPath(savedId, path);
      corpus.shareStrings(id, meta);
      const source = new SourceRecord(id, path, meta, corpus.extra(problems, reports.get(path) ?? [], renamedFrom), firstKey, count, text, at, length);
      at += length;
      corpus.ranges.push(source);
      corpus.byId.set(id, source);
      corpus.idByPath.set(path, id);
      corpus.bytes += length;
    }
    for (const [path, list] of h.problems) corpus.problemsByPath.set(path, list);
    if (index instanceof LeanIndex && h.index && sections['offsets']) {
      const snap: LeanIndexSnapshot = { offsets: u32('offsets'), postings: section('postings', Uint8Array), keyLimit: h.index.keyLimit, sorted: u32('sorted') };
      index.loadSnapshot(snap);
    } else if (h.nextKey) corpus.pending.push([0, h.nextKey]);
    corpus.gen = 1;
    return corpus;
  }
}

/*
 * The two long loops of `Corpus.addPrepared`, each a function of its own: a loop long enough to be
 * optimised while it runs is compiled with the rest of its function, whose code after the loop
 * has not run yet, and that code would be thrown away as soon as it did.
 */

/** The store's id of each term of `lexicon`, into `map` from `from`. */
function internInto(store: TermStore, lexicon: readonly string[], map: Uint32Array, from: number): void {
  for (let i = 0; i < lexicon.length; i++) map[from + i] = store.intern(lexicon[i]!);
}

/** Each of `terms` replaced by its id in `map`. */
function mapTerms(terms: Uint32Array, map: Uint32Array): void {
  for (let i = 0; i < terms.length; i++) terms[i] = map[terms[i]!]!;
}
