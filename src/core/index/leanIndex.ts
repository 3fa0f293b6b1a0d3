/**
 * A lean BM25 index for archive-scale corpora (DESIGN.md "Scale"): the inverted index over a
 * {@link TermStore} (./termStore.ts: the lexicon, document frequencies and every passage's terms),
 * implementing {@link PassageIndex}. Postings are passage keys, delta- and varint-coded (about 1.3
 * bytes a posting), built in one pass over the store (./postings.ts, in slices, so a caller can
 * yield to the event loop); sources added later go to a small delta until the next rebuild;
 * removed passages are skipped at query time.
 *
 * Longer than 500 lines on purpose: the exact search, the nominating search, the bounded exact
 * search and the prefix search share the index's postings, its scratch buffers (by key and by term
 * id) and one scoring loop (`scorePassage`); apart, they would have to expose those or pass them on
 * every call of the hot paths.
 *
 * Scores are MiniSearch's (BM25+ with k = 1.2, b = 0.7, d = 0.5, the sum over matching query terms
 * times the number of them), so results agree with the MiniSearch index. A query with few postings
 * (at most `exactPostings`, 5,000: every query on a corpus of a few hundred articles) gets the exact
 * top `limit`: terms are read rarest first, each passage met is scored in full from its stored
 * terms, and reading stops once no passage holding only the unread terms can enter the top
 * (MaxScore). A larger query reads its rarest terms until they carry half of its IDF weight, ranks
 * the passages met by a partial BM25, and scores the best `rescore` (1,000) in full: the common
 * terms' postings are never read. With `exact`, a larger query gets the exact top as well
 * (`boundedSearch`: upper bounds decide which passages are scored in full and when to stop
 * reading). Prefix search intersects postings by marking keys and scores at most 1,000 candidates.
 */
import { grown, readVarint, room, varintLength } from './arrays';
import type { Hit, PassageIndex } from './passageIndex';
import { LexiconAhead, PostingsAhead, allSteps, buildPostings, sortLexicon } from './postings';
import { LENGTH_CLASS_FROM, TermStore } from './termStore';
import { TopK } from './topK';

export { TermStore, type TermStoreSnapshot } from './termStore';

/** MiniSearch's BM25+ defaults, so that both indexes rank alike. */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

export interface LeanIndexSnapshot {
  /** Byte offset of each term's postings in `postings` (term count + 1 entries). */
  offsets: Uint32Array;
  postings: Uint8Array;
  /** Passages with keys below this are in `postings`. */
  keyLimit: number;
  /** Term ids sorted by term, for prefix search. */
  sorted: Uint32Array;
}

/** Largest number of postings one prefix query reads when no whole word narrows it. */
const PREFIX_BUDGET = 100_000;
/** Completions of a prefix considered (the commonest). */
const MAX_EXPANSIONS = 5_000;
/** Candidates a prefix query scores in full (or five times the limit, if more). */
const MAX_SCORED = 1_000;
/** Postings kept in the delta (in plain arrays) before they are folded into the base. */
const DELTA_LIMIT = 50_000;
/** Queries with at most this many postings score every passage that has a query term (exact top k). */
const EXACT_POSTINGS = 5_000;
/** Most postings a larger query reads, rarest terms first, to nominate candidates. */
const READ_BUDGET = 200_000;
/** Candidates a larger query scores in full (or eight times the limit, if more). */
const RESCORE = 1_000;
/** A larger query stops reading postings once the terms read carry this share of its IDF. */
const READ_SHARE = 0.5;

export interface LeanIndexOptions {
  /** The term store to read (else the index keeps its own). */
  store?: TermStore;
  /** Queries with at most this many postings score every passage met in full (default 5,000); larger ones use bounds (both exact). */
  exactPostings?: number;
  /**
   * Larger queries get the exact top too (see boundedSearch), instead of the best of the
   * candidates their rarest terms nominate (default false: at 100 MB the exact search costs a
   * few times as much; see bench/RESULTS.md).
   */
  exact?: boolean;
  /** Most postings a larger query reads, rarest terms first (default 200,000; not with `exact`). */
  readBudget?: number;
  /** Candidates a larger query scores in full (default 1,000, or eight times the limit; not with `exact`). */
  rescore?: number;
  /**
   * A larger query reads its rarest terms until they carry this share of its IDF (default 0.5):
   * every passage with more than the rest of the query's weight then has a term that was read.
   */
  readShare?: number;
  /**
   * Candidates of a larger query found by merging its lists by key (default true); false: with an
   * accumulator per passage, as before (the same candidates; the reference the merge is tested against).
   */
  merge?: boolean;
  /**
   * Scores every passage that has a query term, without bounds (the reference that the faster
   * exact search is measured against; slow at archive scale).
   */
  exhaustive?: boolean;
  /** The lexicon is sorted for prefix search when the first one comes (or a snapshot is taken), not at every rebuild (default false). */
  sortOnDemand?: boolean;
}

/**
 * The inverted index over a {@link TermStore}. Bound to the corpus' store by the corpus (so the
 * terms are kept once); standalone it keeps its own.
 */
export class LeanIndex implements PassageIndex {
  private store: TermStore;
  private bound = false;
  // the base: postings of every passage with key < baseKeys, term ids < offsets.length - 1
  private offsets: Uint32Array = new Uint32Array(1);
  private postings: Uint8Array = new Uint8Array(0);
  private baseKeys = 0;
  // the next rebuild's postings, written ahead over the passages stored so far (see writeAhead)
  private ahead: PostingsAhead | undefined;
  // and its lexicon, sorted ahead (unless sortOnDemand)
  private lexiconAhead: LexiconAhead | undefined;
  // passages added since the last rebuild: term id → keys (ascending)
  private readonly delta = new Map<number, number[]>();
  private deltaCount = 0;
  // the lexicon sorted, for prefix search; ids ≥ sortedCount are unsorted (checked one by one)
  private sorted: Uint32Array = new Uint32Array(0);
  // with sortOnDemand: the terms the last rebuild left to sort (sorted at the first prefix search), or -1
  private unsorted = -1;
  // query scratch space, by key (one byte a key: the stamps start over every 254 queries) and by term id
  private seen: Uint8Array = new Uint8Array(0);
  private stamp = 0;
  private slot: Int32Array = new Int32Array(0);
  private buf: Uint32Array = new Uint32Array(4096);
  private touched: Uint32Array = new Uint32Array(4096);
  /** Per passage, while a large query nominates candidates (see nominate). */
  private nominated: Float32Array = new Float32Array(0);
  /** The lists holding each key while a large query's lists are merged (see nominateByMerge; its keys are in keyBuf). */
  private maskBuf: Uint32Array = new Uint32Array(0);
  /** One bit a key: the keys in more than one of a large query's lists, while they are merged (see nominateByMerge; cleared after). */
  private multiBits: Uint32Array = new Uint32Array(0);
  /** Per passage, while an exact large query runs: its query terms read (see boundedSearch). */
  private acc: Float64Array = new Float64Array(0);
  private candidates: Uint32Array = new Uint32Array(0);
  private listBuf: Uint32Array = new Uint32Array(0);
  /** Keys touched by a query (nominate, the merge of nominateByMerge, prefix search): one buffer, reused, as large as the largest query has needed. */
  private keyBuf: Uint32Array = new Uint32Array(0);
  private matchedBelow = 0;
  private matchedFrom = false;

  private readonly exactPostings: number;
  private readonly exhaustive: boolean;
  private readonly exact: boolean;
  private readonly readBudget: number;
  private readonly rescore: number;
  private readonly readShare: number;
  private readonly merge: boolean;
  private readonly sortOnDemand: boolean;

  constructor(options: LeanIndexOptions = {}) {
    this.store = options.store ?? new TermStore();
    this.bound = options.store !== undefined;
    this.exactPostings = options.exactPostings ?? EXACT_POSTINGS;
    this.exhaustive = options.exhaustive ?? false;
    this.exact = options.exact ?? false;
    this.readBudget = options.readBudget ?? READ_BUDGET;
    this.rescore = options.rescore ?? RESCORE;
    this.readShare = options.readShare ?? READ_SHARE;
    this.merge = options.merge ?? true;
    this.sortOnDemand = options.sortOnDemand ?? false;
  }

  /**
   * Reads terms from `store` (the corpus') instead of keeping a copy. Must be called while the
   * index is empty. After that, {@link add} and {@link remove} ignore their `terms` argument: the
   * store already has them.
   */
  bind(store: TermStore): void {
    if (this.store.passageCount || this.baseKeys || this.deltaCount) throw new Error('LeanIndex.bind: the index is not empty');
    this.store = store;
    this.bound = true;
  }

  get size(): number {
    return this.store.passageCount;
  }

  /** Postings added since the last {@link rebuild}. */
  get pendingPostings(): number {
    return this.deltaCount;
  }

  add(key: number, terms: readonly string[]): void {
    if (!this.bound) {
      const ids = terms.map((t) => this.store.intern(t));
      this.store.set(key, ids);
    }
    if (!this.store.has(key)) return;
    if (key < this.baseKeys) {
      // bound to a corpus, keys only grow: the base was built after this passage was stored.
      // Standalone, a key below the base's can be new: only a rebuild can place it.
      if (!this.bound) this.rebuildNow();
      return;
    }
    const n = this.decodeInto(key);
    const buf = this.buf;
    for (let i = 0; i < n; i++) {
      const id = buf[i]!;
      let list = this.delta.get(id);
      if (!list) this.delta.set(id, (list = []));
      if (list[list.length - 1] !== key) {
        list.push(key);
        this.deltaCount++;
      }
    }
    // keep lists ascending when keys arrive out of order (rare)
    for (let i = 0; i < n; i++) {
      const list = this.delta.get(buf[i]!)!;
      const len = list.length;
      if (len > 1 && list[len - 2]! > list[len - 1]!) list.sort((a, b) => a - b);
    }
    // a delta as large as the base (a corpus built one source at a time): fold it in. The base
    // at least doubles each time, so this costs a constant per posting over a whole build.
    if (this.deltaCount > DELTA_LIMIT && this.deltaCount > this.postings.length) this.rebuildNow();
  }

  remove(key: number, _terms: readonly string[]): void {
    // postings of removed passages stay until the next rebuild and are skipped at query time
    if (!this.bound) this.store.delete(key);
  }

  private decodeInto(key: number): number {
    const need = this.store.maxTerms(key);
    if (need > this.buf.length) {
      this.buf = new Uint32Array(need);
      this.touched = new Uint32Array(need);
    }
    return this.store.decode(key, this.buf);
  }

  /**
   * Goes on with the postings of the next {@link rebuild} over the passages stored since the last
   * call, while more are being stored in bulk: the rebuild then has only the rest to do.
   */
  writeAhead(): void {
    if (!this.ahead?.valid) this.ahead = new PostingsAhead(this.store);
    // one stretch of postings or one run of the lexicon a call, so that no call takes long
    if (this.ahead.advance() || this.sortOnDemand) return;
    this.lexiconAhead ??= new LexiconAhead(this.store.lexicon);
    this.lexiconAhead.advance();
  }

  /** Rebuilds the postings from the store in one go. */
  rebuildNow(): void {
    for (const _ of this.rebuild()) {
      // run every slice
    }
  }

  /**
   * Rebuilds the postings (and the sorted lexicon) from the store, one slice at a time: the
   * caller may yield to the event loop between slices. Queries keep working on the old postings
   * until the last slice swaps the new ones in; passages added meanwhile stay in the delta.
   */
  *rebuild(slicePassages = 4_000): Generator<void, void, void> {
    // what was written ahead is the build's to put together
    let ahead = this.ahead;
    const lexiconAhead = this.lexiconAhead;
    this.ahead = undefined;
    this.lexiconAhead = undefined;
    for (;;) {
      const deletions = this.store.deletions;
      const built = yield* buildPostings(this.store, slicePassages, ahead);
      ahead = undefined;
      // a passage deleted mid-way may have lost its bytes: start over (deletions are rare)
      if (this.store.deletions !== deletions) continue;
      const sorted = this.sortOnDemand ? undefined : ((lexiconAhead && (yield* lexiconAhead.finish(this.store.lexicon, built.terms))) ?? (yield* sortLexicon(this.store.lexicon, built.terms)));
      this.offsets = built.offsets;
      this.postings = built.postings;
      this.baseKeys = built.keyLimit;
      if (sorted) this.setSorted(sorted);
      else this.unsorted = built.terms;
      // keep the delta entries of passages added during the rebuild
      this.deltaCount = 0;
      for (const [id, list] of this.delta) {
        const rest = list.filter((k) => k >= built.keyLimit);
        if (rest.length) {
          this.delta.set(id, rest);
          this.deltaCount += rest.length;
        } else this.delta.delete(id);
      }
      return;
    }
  }

  private setSorted(sorted: Uint32Array): void {
    this.sorted = sorted;
    this.unsorted = -1;
  }

  /** The lexicon as the last rebuild would have sorted it without sortOnDemand. */
  private sortNow(): void {
    if (this.unsorted < 0) return;
    this.setSorted(allSteps(sortLexicon(this.store.lexicon, this.unsorted)));
  }

  /** Calls `fn` with every stored key that has term `id`, ascending within base and delta. */
  private forEachPosting(id: number, fn: (key: number) => void): number {
    const store = this.store;
    let read = 0;
    if (id < this.offsets.length - 1) {
      const postings = this.postings;
      const end = this.offsets[id + 1]!;
      let key = 0;
      let first = true;
      for (let pos = this.offsets[id]!; pos < end; ) {
        const v = readVarint(postings, pos);
        pos += varintLength(v);
        key = first ? v : key + v;
        first = false;
        read++;
        if (store.has(key)) fn(key);
      }
    }
    const list = this.delta.get(id);
    if (list) {
      for (const key of list) if (store.has(key)) fn(key);
      read += list.length;
    }
    return read;
  }

  /**
   * The hot loops of prefix search, without a callback per posting: appends to `out` every stored
   * key with term `id` (with `stamp`: only keys not stamped yet, stamping them), or (without `out`)
   * stamps them all. Returns the number of postings read.
   */
  private scan(id: number, out: KeyList | undefined, stamp: number): number {
    if (out) {
      // every key at most once: room for the list's postings, or for every key
      const need = Math.min(this.store.keyLimit, out.length + this.postingRoom(id));
      if (out.keys.length < need) out.keys = this.keyBuf = grown(out.keys, need);
    }
    const alive = this.store.aliveFlags;
    const seen = this.seen;
    let read = 0;
    if (id < this.offsets.length - 1) {
      const postings = this.postings;
      const end = this.offsets[id + 1]!;
      let key = -1;
      for (let pos = this.offsets[id]!; pos < end; ) {
        const v = readVarint(postings, pos);
        pos += varintLength(v);
        key = key < 0 ? v : key + v;
        read++;
        if (alive[key] !== 1) continue;
        if (!out) seen[key] = stamp;
        else if (!stamp) out.keys[out.length++] = key;
        else if (seen[key] !== stamp) {
          seen[key] = stamp;
          out.keys[out.length++] = key;
        }
      }
    }
    const list = this.delta.get(id);
    if (list) {
      read += list.length;
      for (const key of list) {
        if (alive[key] !== 1) continue;
        if (!out) seen[key] = stamp;
        else if (!stamp) out.keys[out.length++] = key;
        else if (seen[key] !== stamp) {
          seen[key] = stamp;
          out.keys[out.length++] = key;
        }
      }
    }
    return read;
  }

  private ensureScratch(): void {
    const keys = this.store.keyLimit;
    if (this.seen.length < keys) this.seen = grown(this.seen, keys);
    const terms = this.store.termCount;
    if (this.slot.length < terms) this.slot = grown(this.slot, terms);
  }

  private nextStamp(): number {
    if (++this.stamp === 0xff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  private idf(id: number): number {
    const df = this.store.df(id);
    const n = Math.max(this.store.scoringCount, df);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Scores one passage for the query terms whose slots are set in `this.slot` (slot j + 1 for
   * query term j, weight `weights[j]`): BM25+ summed over the matching terms, times their number.
   * Slots from `below` on are the completions of one prefix: they count as one query term. Sets
   * `this.matchedBelow` to the number of matching terms before `below`, and `this.matchedFrom`
   * when a completion matches (for the prefix search's AND).
   */
  private scorePassage(key: number, weights: Float64Array, tf: Float64Array, avgLength: number, below = Infinity): number {
    const n = this.decodeInto(key);
    const buf = this.buf;
    const slot = this.slot;
    const touched = this.touched;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const s = slot[buf[i]!]!;
      if (!s) continue;
      if (tf[s - 1] === 0) touched[t++] = s - 1;
      tf[s - 1]!++;
    }
    const norm = BM25.k * (1 - BM25.b + (BM25.b * this.store.length(key)) / avgLength);
    let score = 0;
    let matchedBelow = 0;
    let matchedFrom = false;
    for (let i = 0; i < t; i++) {
      const j = touched[i]!;
      const f = tf[j]!;
      tf[j] = 0;
      score += weights[j]! * (BM25.d + (f * (BM25.k + 1)) / (f + norm));
      if (j < below) matchedBelow++;
      else matchedFrom = true;
    }
    this.matchedBelow = matchedBelow;
    this.matchedFrom = matchedFrom;
    // MiniSearch multiplies by the number of query terms matched; a prefix counts once
    return score * (matchedBelow + (matchedFrom ? 1 : 0));
  }

  /**
   * {@link scorePassage} for a large query's candidate: the same score, added up in the same order,
   * with the query's terms found in `table` (a few cache lines) rather than in the slot array by
   * term id (a cache miss for most of a passage's rarer terms).
   */
  private scoreCandidate(key: number, table: QueryTable, weights: Float64Array, tf: Float64Array, avgLength: number): number {
    const n = this.decodeInto(key);
    const buf = this.buf;
    const touched = this.touched;
    const tableIds = table.ids;
    const tableSlots = table.slots;
    const mask = table.mask;
    const shift = table.shift;
    let t = 0;
    for (let i = 0; i < n; i++) {
      const id = buf[i]!;
      let h = Math.imul(id, 0x9e3779b1) >>> shift;
      let s = -1;
      for (;;) {
        const at = tableIds[h]!;
        if (at === id) {
          s = tableSlots[h]!;
          break;
        }
        if (at === -1) break;
        h = (h + 1) & mask;
      }
      if (s < 0) continue;
      if (tf[s] === 0) touched[t++] = s;
      tf[s]!++;
    }
    const norm = BM25.k * (1 - BM25.b + (BM25.b * this.store.length(key)) / avgLength);
    let score = 0;
    for (let i = 0; i < t; i++) {
      const j = touched[i]!;
      const f = tf[j]!;
      tf[j] = 0;
      score += weights[j]! * (BM25.d + (f * (BM25.k + 1)) / (f + norm));
    }
    return score * t;
  }

  search(terms: readonly string[], limit: number): Hit[] {
    if (limit <= 0) return [];
    const store = this.store;
    const ids: number[] = [];
    for (const t of new Set(terms)) {
      if (!t) continue;
      const id = store.idOf(t);
      if (id !== undefined && store.df(id) > 0) ids.push(id);
    }
    if (!ids.length) return [];
    ids.sort((a, b) => store.df(a) - store.df(b) || a - b);
    this.ensureScratch();
    const q = ids.length;
    const weights = new Float64Array(q);
    const bounds = new Float64Array(q + 1);
    for (let j = 0; j < q; j++) {
      weights[j] = this.idf(ids[j]!);
      this.slot[ids[j]!] = j + 1;
    }
    // bounds[j]: the best score a passage can get from query terms j… alone
    for (let j = q - 1; j >= 0; j--) bounds[j] = bounds[j + 1]! + weights[j]! * (BM25.d + BM25.k + 1);
    for (let j = 0; j < q; j++) bounds[j] = bounds[j]! * (q - j);
    const avgLength = store.scoringLength || 1;
    const tf = new Float64Array(q);
    const top = new TopK(limit);
    let postings = 0;
    for (const id of ids) postings += store.df(id);
    try {
      if (postings <= this.exactPostings || this.exhaustive || bounds[0]! >= MATCH) {
        // few postings: score every passage that has a query term (exact)
        const stamp = this.nextStamp();
        const seen = this.seen;
        for (let j = 0; j < q; j++) {
          // every passage not seen yet holds none of terms 0…j-1 (MaxScore)
          if (!this.exhaustive && top.full && bounds[j]! < top.worst) break;
          this.forEachPosting(ids[j]!, (key) => {
            if (seen[key] === stamp) return;
            seen[key] = stamp;
            top.offer(key, this.scorePassage(key, weights, tf, avgLength));
          });
        }
      } else if (this.exact) this.boundedSearch(ids, weights, avgLength, tf, top);
      else {
        // many: the rarest terms' postings nominate candidates, the best of them are scored in full
        const candidates = this.nominate(ids, weights, avgLength, Math.max(this.rescore, limit * 8));
        const table = new QueryTable(ids);
        // in batches, each read ahead in one go (see TermStore.warm)
        for (let from = 0; from < candidates.length; from += WARM_BATCH) {
          const to = Math.min(candidates.length, from + WARM_BATCH);
          this.store.warm(candidates, from, to);
          for (let i = from; i < to; i++) top.offer(candidates[i]!, this.scoreCandidate(candidates[i]!, table, weights, tf, avgLength));
        }
      }
    } finally {
      for (const id of ids) this.slot[id] = 0;
    }
    return top.sorted();
  }

  /**
   * Reads the postings of the rarest terms — all of the first, then more while fewer than
   * READ_BUDGET postings have been read — adding up each passage's BM25 for them (term frequency
   * taken as 1, times the number of terms matched, as in the full score). Returns the `count`
   * passages with the highest partial scores. The common terms left unread weigh little (their
   * IDF is low) and are counted when the candidates are scored in full.
   */
  private nominate(ids: readonly number[], weights: Float64Array, avgLength: number, count: number): number[] {
    const merged = this.merge ? this.nominateByMerge(ids, weights, avgLength, count) : undefined;
    if (merged) return merged;
    const store = this.store;
    const keys = store.keyLimit;
    this.nominated = room(this.nominated, keys);
    this.keyBuf = room(this.keyBuf, keys);
    // one accumulator per passage: NOMINATED per term matched plus the partial BM25 (far below NOMINATED)
    const acc = this.nominated;
    const touched = this.keyBuf;
    let n = 0;
    let read = 0;
    // the length part of BM25 with tf = 1, by document length (0 for a removed passage)
    const lens = store.lengths;
    const normSize = NORM_LENGTHS;
    const norm = lengthNorms(avgLength);
    const longNorm = (len: number) => lengthNorm(len, avgLength);
    let total = 0;
    for (let j = 0; j < ids.length; j++) total += weights[j]!;
    let weight = 0;
    const visit = (key: number, w: number) => {
      const len = lens[key]!;
      if (len === 0) return;
      const a = acc[key]!;
      if (a === 0) touched[n++] = key;
      acc[key] = a + NOMINATED + w * (len < normSize ? norm[len]! : longNorm(len));
    };
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      const df = store.df(id);
      // enough: the terms read carry the given share of the query's IDF, or the budget is spent
      if (j > 0 && (weight >= this.readShare * total || read + df > this.readBudget)) break;
      read += df;
      const w = weights[j]!;
      weight += w;
      if (id < this.offsets.length - 1) {
        const postings = this.postings;
        const end = this.offsets[id + 1]!;
        let key = -1;
        for (let pos = this.offsets[id]!; pos < end; ) {
          const v = readVarint(postings, pos);
          pos += varintLength(v);
          key = key < 0 ? v : key + v;
          const len = lens[key]!;
          if (len === 0) continue;
          const a = acc[key]!;
          if (a === 0) touched[n++] = key;
          acc[key] = a + NOMINATED + w * (len < normSize ? norm[len]! : longNorm(len));
        }
      }
      const list = this.delta.get(id);
      if (list) for (const key of list) visit(key, w);
    }
    const best = new TopK(count);
    for (let i = 0; i < n; i++) {
      const key = touched[i]!;
      const a = acc[key]!;
      const matched = Math.floor(a / NOMINATED);
      best.offer(key, (a - matched * NOMINATED) * matched);
      acc[key] = 0;
    }
    return best.keys();
  }

  /**
   * What {@link nominate} returns, worked out without an accumulator per passage over the whole
   * corpus (a cache miss per posting at archive scale). The lists to read (decided by document
   * frequencies alone) are decoded one after another, then gone through together one block of
   * BLOCK_KEYS keys at a time, each key of the block given the set of lists that hold it in a
   * small array that stays in the processor's cache. A passage's partial score depends on that
   * set and on its length alone, and is at most the set's score at the shortest length a passage
   * holding it can have (one distinct term per list): the passages are grouped by set, and the
   * sets gone through best bound first, so that once a set's bound is below the `count`-th best
   * score found, neither it nor any set after it can place a passage (and their lengths are never
   * read). Scores are added up in list order, in single precision as nominate's accumulators hold
   * them, so that the candidates are the same. Undefined when more than 31 lists would be read.
   */
  private nominateByMerge(ids: readonly number[], weights: Float64Array, avgLength: number, count: number): number[] | undefined {
    const store = this.store;
    let total = 0;
    for (let j = 0; j < ids.length; j++) total += weights[j]!;
    let read = 0;
    let weight = 0;
    let lists = 0;
    for (let j = 0; j < ids.length; j++) {
      const df = store.df(ids[j]!);
      if (j > 0 && (weight >= this.readShare * total || read + df > this.readBudget)) break;
      read += df;
      weight += weights[j]!;
      lists++;
    }
    if (lists > 31) return undefined;
    // the lists, one after another (base, then delta: ascending within each list), then the keys
    // met and their sets of lists in the order met; the keys grouped by set, where the lists were
    let size = 0;
    for (let j = 0; j < lists; j++) size += this.postingRoom(ids[j]!);
    // in the prefix search's buffer of keys (the two are never in use at once)
    this.keyBuf = room(this.keyBuf, 2 * size);
    this.maskBuf = room(this.maskBuf, 2 * BLOCK_KEYS + size);
    const buf = this.keyBuf.subarray(0, size);
    const keys = this.keyBuf.subarray(size, 2 * size);
    // by key less the block's first: the lists that hold it; then the keys met in the block
    const masks = this.maskBuf.subarray(0, BLOCK_KEYS);
    const met = this.maskBuf.subarray(BLOCK_KEYS, 2 * BLOCK_KEYS);
    const sets = this.maskBuf.subarray(2 * BLOCK_KEYS, 2 * BLOCK_KEYS + size);
    // list j: keys at [cursor[j], end[j]) still to go through (from start[j])
    const cursor = new Uint32Array(lists);
    const start = new Uint32Array(lists);
    const end = new Uint32Array(lists);
    let at = 0;
    for (let j = 0; j < lists; j++) {
      cursor[j] = start[j] = at;
      at = this.keysInto(ids[j]!, buf, at);
      end[j] = at;
    }
    // up to MOST_LISTS lists, a key in one list alone is not kept as met: its set is that list's,
    // the keys in more than one are marked in `multi`, and a list's keys less those are its own
    const split = lists <= MOST_LISTS;
    if (split) this.multiBits = room(this.multiBits, (store.keyLimit >>> 5) + 1);
    const multi = this.multiBits;
    const n = mergeBlocks(lists, buf, cursor, end, masks, met, keys, sets, split ? multi : undefined);
    // keys per set; above MOST_LISTS lists, the sets are numbered first as met (`setOf`: number → set)
    let setOf: number[] | undefined;
    let per: Uint32Array;
    if (split) {
      per = new Uint32Array(1 << lists);
      for (let i = 0; i < n; i++) per[sets[i]!]!++;
      // a list's own keys: its keys less those it shares
      const own = new Float64Array(lists);
      for (let j = 0; j < lists; j++) own[j] = end[j]! - start[j]!;
      for (let set = 0; set < per.length; set++) if (per[set]) for (let j = 0; j < lists; j++) if (set & (1 << j)) own[j] = own[j]! - per[set]!;
      for (let j = 0; j < lists; j++) per[1 << j] = own[j]!;
    } else {
      const numbers = new Map<number, number>();
      setOf = [];
      for (let i = 0; i < n; i++) {
        let id = numbers.get(sets[i]!);
        if (id === undefined) numbers.set(sets[i]!, (id = setOf.push(sets[i]!) - 1));
        sets[i] = id;
      }
      per = new Uint32Array(setOf.length);
      for (let i = 0; i < n; i++) per[sets[i]!]!++;
    }
    const normSize = NORM_LENGTHS;
    const norm = lengthNorms(avgLength);
    const partial = (set: number, g: number) => {
      let acc = 0;
      for (let j = 0; set; j++, set >>>= 1) if (set & 1) acc = Math.fround(acc + NOMINATED + weights[j]! * g);
      const matched = Math.floor(acc / NOMINATED);
      return (acc - matched * NOMINATED) * matched;
    };
    // the sets met, best bound first (BM25 falls with the length; rounding to single precision keeps the order)
    const found: number[] = [];
    const bound = new Float64Array(per.length);
    for (let id = 0; id < per.length; id++) {
      if (!per[id]) continue;
      const set = setOf ? setOf[id]! : id;
      let matched = 0;
      for (let x = set; x; x &= x - 1) matched++;
      bound[id] = partial(set, norm[matched]!);
      found.push(id);
    }
    found.sort((a, b) => bound[b]! - bound[a]!);
    // the keys kept as met grouped by set in that order (ascending within a set): set found[i] at
    // [from[i], from[i + 1]) of `grouped` (a list's own keys stay in the list)
    const from = new Uint32Array(found.length + 1);
    for (let i = 0; i < found.length; i++) {
      const id = found[i]!;
      const set = setOf ? setOf[id]! : id;
      const kept = split && (set & (set - 1)) === 0 ? 0 : per[id]!;
      from[i + 1] = from[i]! + kept;
      per[id] = from[i]!;
    }
    // without a split, the lists are read: their room takes the keys grouped; with one, the lists
    // are still needed, and the keys met take at most half of the room after them
    const grouped = split ? keys.subarray(n, 2 * n) : buf;
    for (let i = 0; i < n; i++) grouped[per[sets[i]!]!++] = keys[i]!;
    const lens = store.lengths;
    const classes = store.lengthClasses;
    // the lengths of a set's keys (the keys met are read: their sets' room takes them)
    const setLens = sets;
    // the keys of a set that can place (the keys met are grouped: their room is free)
    const picked = keys;
    const score = new Float64Array(normSize);
    const best = new TopK(count);
    const gOf = (len: number) => (len < normSize ? norm[len]! : lengthNorm(len, avgLength));
    // 1. the sets in that order, their keys counted by length class (a class in a small array, not
    // a length in a large one): a passage's score falls with its length, so each class has a
    // lowest score, and once `count` passages are sure of `threshold`, the best `count` score at
    // least that: a set whose bound is below it places none, a class whose highest score is below
    // it none either. A list's own keys are gathered at the start of the list (`ownEnd`).
    const C = LENGTH_CLASSES;
    const counts = new Uint32Array(found.length * C);
    const ownEnd = new Uint32Array(lists);
    const buckets: Array<{ low: number; n: number }> = [];
    let threshold = -Infinity;
    let sure = 0;
    let visited = 0;
    for (let i = 0; i < found.length; i++) {
      const set = setOf ? setOf[found[i]!]! : found[i]!;
      if (sure >= count && bound[found[i]!]! < threshold) break;
      visited = i + 1;
      const at = i * C;
      if (split && (set & (set - 1)) === 0) {
        const j = 31 - Math.clz32(set);
        ownEnd[j] = gatherOwn(buf, start[j]!, end[j]!, multi, classes, counts, at);
      } else countClasses(grouped, from[i]!, from[i + 1]!, classes, counts, at);
      // class 0: removed passages (length 0), never placed
      for (let c = 1; c < C; c++) {
        const k = counts[at + c]!;
        if (!k) continue;
        sure += k;
        buckets.push({ low: partial(set, gOf(c + 1 < C ? LENGTH_CLASS_FROM[c + 1]! - 1 : 0xffff)), n: k });
      }
      if (sure >= count) {
        buckets.sort((a, b) => b.low - a.low);
        let k = 0;
        for (const b of buckets) {
          k += b.n;
          if (k >= count) {
            threshold = b.low;
            break;
          }
        }
      }
    }
    // 2. the sets again, the lengths read only of the passages whose class can place them
    for (let i = 0; i < visited; i++) {
      const set = setOf ? setOf[found[i]!]! : found[i]!;
      if (bound[found[i]!]! < threshold || (best.full && bound[found[i]!]! < best.worst)) break;
      // the last class whose highest score reaches what a passage must score to be kept
      const floor = best.full ? Math.max(best.worst, threshold) : threshold;
      let most = 0;
      while (most + 1 < C && partial(set, gOf(LENGTH_CLASS_FROM[most + 1]!)) >= floor) most++;
      if (most === 0) continue;
      const own = split && (set & (set - 1)) === 0 ? 31 - Math.clz32(set) : -1;
      const setKeys = own >= 0 ? buf : picked;
      const first = own >= 0 ? start[own]! : 0;
      const last = own >= 0 ? pickByClass(buf, first, ownEnd[own]!, buf, first, classes, most) : pickByClass(grouped, from[i]!, from[i + 1]!, picked, 0, classes, most);
      // the lengths first, in one go (these loads do not wait for one another)
      for (let r = first; r < last; r++) setLens[r - first] = lens[setKeys[r]!]!;
      score.fill(0);
      offerByLength(setKeys, first, last, setLens, score, (len) => partial(set, gOf(len)), best);
    }
    if (split) for (let i = 0; i < n; i++) multi[grouped[i]! >>> 5] = 0;
    return best.keys();
  }

  /** At least the number of postings of term `id` in the base and the delta (one a byte at most). */
  private postingRoom(id: number): number {
    return (this.delta.get(id)?.length ?? 0) + (id < this.offsets.length - 1 ? this.offsets[id + 1]! - this.offsets[id]! : 0);
  }

  /** Writes the keys of term `id` (base, then delta; removed passages included) to `out` from `at`; returns the end. */
  private keysInto(id: number, out: Uint32Array, at: number): number {
    if (id < this.offsets.length - 1) {
      const postings = this.postings;
      const end = this.offsets[id + 1]!;
      let key = -1;
      for (let pos = this.offsets[id]!; pos < end; ) {
        const v = readVarint(postings, pos);
        pos += varintLength(v);
        key = key < 0 ? v : key + v;
        out[at++] = key;
      }
    }
    const list = this.delta.get(id);
    if (list) for (const key of list) out[at++] = key;
    return at;
  }

  /**
   * The exact top of a large query without scoring every passage that has a query term. Lists are
   * read rarest first, adding up each passage's query weight and matched terms; a passage that has
   * none of the terms read so far scores at most `G · (weights unread) · (terms unread)`, so
   * reading new passages stops once that is below the k-th best score found. After each list the
   * passages with the best lower bounds are scored in full, to raise that score early. Then each
   * passage met has a bound of its own — the weights of its terms read and of as many unread terms
   * as it can still match, each at the BM25+ of the most frequent term its length and repeated
   * terms allow, times their number; more lists are read for the passages met alone while that
   * costs less than scoring those whose bound reaches the k-th best, which are then scored in full,
   * best bound first. Scores come from `scorePassage` alone, so the result is the exhaustive one,
   * ties included.
   */
  private boundedSearch(ids: readonly number[], weights: Float64Array, avgLength: number, tf: Float64Array, top: TopK): void {
    const store = this.store;
    const q = ids.length;
    const keys = store.keyLimit;
    this.acc = room(this.acc, keys);
    // per passage met: MATCH per query term matched plus the weights of those terms (far below MATCH)
    const acc = this.acc;
    const lens = store.lengths;
    const seen = this.seen;
    const stamp = this.nextStamp();
    const G = BM25.d + BM25.k + 1;
    const suffix = new Float64Array(q + 1);
    for (let j = q - 1; j >= 0; j--) suffix[j] = suffix[j + 1]! + weights[j]!;
    // BM25+ of one occurrence, by passage length: the lower bound that picks passages to score early
    const normSize = NORM_LENGTHS;
    const once = lengthNorms(avgLength);
    const early = Math.max(64, 2 * top.capacity);
    const score = (key: number) => {
      seen[key] = stamp;
      top.offer(key, this.scorePassage(key, weights, tf, avgLength));
    };
    let touched = this.keyBuf;
    let multi = this.candidates;
    // keys first met in list j: touched[segment[j], segment[j + 1])
    const segment = new Uint32Array(q + 1);
    let n = 0;
    let nm = 0;
    let p = 0;
    try {
      // 1. lists read for every passage, until a passage with none of their terms cannot enter the top
      while (p < q) {
        if (top.full && G * suffix[p]! * (q - p) * (1 + 1e-9) < top.worst) break;
        const w = MATCH + weights[p]!;
        const best = new TopK(early);
        const count = this.readKeys(ids[p]!);
        const list = this.listBuf;
        if (touched.length < n + count) touched = this.keyBuf = grown(touched, n + count);
        if (multi.length < nm + count) multi = this.candidates = grown(multi, nm + count);
        segment[p] = n;
        if (p === 0) {
          const w0 = weights[0]!;
          for (let i = 0; i < count; i++) {
            const key = list[i]!;
            acc[key] = w;
            touched[n++] = key;
            best.offer(key, w0 * once[Math.min(lens[key]!, normSize - 1)]!);
          }
        } else {
          for (let i = 0; i < count; i++) {
            const key = list[i]!;
            const a = acc[key]!;
            acc[key] = a + w;
            if (a === 0) touched[n++] = key;
            else {
              if (a < 2 * MATCH) multi[nm++] = key;
              if (seen[key] !== stamp) {
                // two terms or more: a candidate to score early
                const m = Math.floor((a + w) / MATCH);
                best.offer(key, (a + w - m * MATCH) * m * once[Math.min(lens[key]!, normSize - 1)]!);
              }
            }
          }
        }
        p++;
        segment[p] = n;
        if (p < q) for (const key of best.keys()) score(key);
      }
      // 2. the passages met whose own bound reaches the k-th best: those with two terms read or
      // more, and those with one unless no passage with only that one of the terms read can
      const repeats = store.repeatCounts;
      const bound = (key: number) => {
        const a = acc[key]!;
        const m = Math.floor(a / MATCH);
        const len = lens[key]!;
        const most = 1 + repeats[key]!;
        const g = BM25.d + ((BM25.k + 1) * most) / (most + BM25.k * (1 - BM25.b + (BM25.b * len) / avgLength));
        const more = Math.min(q - p, Math.max(0, len - m));
        return (a - m * MATCH + suffix[p]! - suffix[p + more]!) * g * (m + more) * (1 + 1e-9);
      };
      let cand = multi;
      let c = 0;
      for (let i = 0; i < nm; i++) {
        const key = multi[i]!;
        if (seen[key] !== stamp && (!top.full || bound(key) >= top.worst)) cand[c++] = key;
      }
      for (let j = 0; j < p; j++) {
        if (top.full && (weights[j]! + suffix[p]!) * G * (1 + q - p) * (1 + 1e-9) < top.worst) continue;
        if (cand.length < c + segment[j + 1]! - segment[j]!) cand = this.candidates = grown(cand, c + segment[j + 1]! - segment[j]!);
        for (let i = segment[j]!; i < segment[j + 1]!; i++) {
          const key = touched[i]!;
          if (acc[key]! < 2 * MATCH && seen[key] !== stamp && (!top.full || bound(key) >= top.worst)) cand[c++] = key;
        }
      }
      // 3. more lists, for the passages met only, while reading one costs less than scoring them
      while (p < q && top.full && c * SCORE_COST > store.df(ids[p]!)) {
        const w = MATCH + weights[p]!;
        const count = this.readKeys(ids[p]!);
        const list = this.listBuf;
        for (let i = 0; i < count; i++) {
          const key = list[i]!;
          const a = acc[key]!;
          if (a !== 0) acc[key] = a + w;
        }
        p++;
        let kept = 0;
        for (let i = 0; i < c; i++) if (bound(cand[i]!) >= top.worst) cand[kept++] = cand[i]!;
        c = kept;
      }
      // 4. the candidates left, best bound first (the first ones raise the k-th best for the rest)
      if (c > early) {
        const first = new TopK(early);
        for (let i = 0; i < c; i++) first.offer(cand[i]!, bound(cand[i]!));
        for (const key of first.keys()) score(key);
      }
      for (let i = 0; i < c; i++) {
        const key = cand[i]!;
        if (seen[key] !== stamp && (!top.full || bound(key) >= top.worst)) score(key);
      }
    } finally {
      for (let i = 0; i < n; i++) acc[touched[i]!] = 0;
    }
  }

  /** Reads the stored keys of term `id` (base and delta, ascending within each) into `listBuf`; returns their number. */
  private readKeys(id: number): number {
    const lens = this.store.lengths;
    const delta = this.delta.get(id);
    const base = id < this.offsets.length - 1 ? this.offsets[id + 1]! - this.offsets[id]! : 0;
    // at most one key per byte of postings
    this.listBuf = room(this.listBuf, base + (delta?.length ?? 0));
    const out = this.listBuf;
    let n = 0;
    if (base) {
      const postings = this.postings;
      const end = this.offsets[id + 1]!;
      let key = -1;
      for (let pos = this.offsets[id]!; pos < end; ) {
        const v = readVarint(postings, pos);
        pos += varintLength(v);
        key = key < 0 ? v : key + v;
        // a removed passage has length 0
        if (lens[key] !== 0) out[n++] = key;
      }
    }
    if (delta) for (const key of delta) if (lens[key] !== 0) out[n++] = key;
    return n;
  }

  /** Ids of the terms that start with `prefix`, with at least one stored passage. */
  private prefixIds(prefix: string): number[] {
    this.sortNow();
    const store = this.store;
    const lexicon = store.lexicon;
    const out: number[] = [];
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lexicon[sorted[mid]!]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    for (let r = lo; r < sorted.length; r++) {
      const id = sorted[r]!;
      if (!lexicon[id]!.startsWith(prefix)) break;
      if (store.df(id) > 0) out.push(id);
    }
    for (let id = sorted.length; id < lexicon.length; id++) if (store.df(id) > 0 && lexicon[id]!.startsWith(prefix)) out.push(id);
    return out;
  }

  /**
   * Passages with every whole word and a completion of the prefix (the last term), best first.
   * Candidates come from postings, intersected cheaply (by marking keys) where the lists are
   * short enough; when more than MAX_SCORED remain, the shortest are scored (for passages with
   * the same terms, BM25 ranks the shorter first), so a query costs about the same at any size.
   */
  searchPrefix(terms: readonly string[], limit: number): Hit[] {
    const words = terms.filter((t) => t);
    if (!words.length || limit <= 0) return [];
    const store = this.store;
    const prefix = words[words.length - 1]!;
    const wholeIds: number[] = [];
    for (const t of new Set(words.slice(0, -1))) {
      const id = store.idOf(t);
      if (id === undefined || store.df(id) === 0) return [];
      wholeIds.push(id);
    }
    let expansions = this.prefixIds(prefix);
    if (!expansions.length) return [];
    if (expansions.length > MAX_EXPANSIONS) expansions = expansions.sort((a, b) => store.df(b) - store.df(a)).slice(0, MAX_EXPANSIONS);
    this.ensureScratch();
    // slots: whole words first, then each completion of the prefix with its own weight
    const w = wholeIds.length;
    const q = w + expansions.length;
    const weights = new Float64Array(q);
    wholeIds.forEach((id, j) => {
      weights[j] = this.idf(id);
      this.slot[id] = j + 1;
    });
    // a completion that is also a whole word: every result has it, so the prefix is matched
    let prefixIsWhole = false;
    expansions.forEach((id, i) => {
      const j = w + i;
      const term = store.termOf(id);
      const distance = term.length - prefix.length;
      // MiniSearch's prefix weight: full for the exact word, less the longer the completion
      weights[j] = this.idf(id) * (distance === 0 ? 1 : (0.375 * term.length) / (term.length + 0.3 * distance));
      if (this.slot[id]) prefixIsWhole = true;
      else this.slot[id] = j + 1;
    });
    const avgLength = store.scoringLength || 1;
    const tf = new Float64Array(q);
    const top = new TopK(limit);
    const seen = this.seen;
    try {
      // candidate keys, in the buffer reused across queries (every key at most once)
      const found: KeyList = { keys: this.keyBuf, length: 0 };
      const keep = (stamp: number) => {
        let n = 0;
        for (let i = 0; i < found.length; i++) if (seen[found.keys[i]!] === stamp) found.keys[n++] = found.keys[i]!;
        found.length = n;
      };
      if (w) {
        // every result holds every whole word and a completion: start from the shortest list
        // (the rarest whole word, or all completions together), narrow by the others
        const order = [...wholeIds].sort((a, b) => store.df(a) - store.df(b));
        let expansionPostings = 0;
        for (const id of expansions) expansionPostings += store.df(id);
        const fromCompletions = !prefixIsWhole && expansionPostings < store.df(order[0]!);
        if (fromCompletions) {
          const stamp = this.nextStamp();
          for (const id of expansions) this.scan(id, found, stamp);
        } else this.scan(order[0]!, found, 0);
        for (const id of fromCompletions ? order : order.slice(1)) {
          if (store.df(id) > 64 * found.length) break; // cheaper to check each candidate's terms
          const stamp = this.nextStamp();
          this.scan(id, undefined, stamp);
          keep(stamp);
        }
        if (!prefixIsWhole && !fromCompletions && expansionPostings <= 64 * found.length) {
          const stamp = this.nextStamp();
          for (const id of expansions) this.scan(id, undefined, stamp);
          keep(stamp);
        }
      } else {
        // the prefix alone: the postings of the weightiest completions, within a budget
        const order = expansions.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]!);
        const stamp = this.nextStamp();
        let read = 0;
        for (const i of order) {
          if (read > PREFIX_BUDGET) break;
          read += this.scan(expansions[i]!, found, stamp);
        }
      }
      const most = Math.max(MAX_SCORED, limit * 5);
      let candidates: ArrayLike<number> = found.keys.subarray(0, found.length);
      if (found.length > most) {
        const lens = store.lengths;
        const shortest = new TopK(most);
        for (let i = 0; i < found.length; i++) shortest.offer(found.keys[i]!, 1 / (1 + lens[found.keys[i]!]!));
        candidates = shortest.keys();
      }
      for (let i = 0; i < candidates.length; i++) {
        const key = candidates[i]!;
        const score = this.scorePassage(key, weights, tf, avgLength, w);
        if (this.matchedBelow === w && (prefixIsWhole || this.matchedFrom)) top.offer(key, score);
      }
    } finally {
      for (const id of wholeIds) this.slot[id] = 0;
      for (const id of expansions) this.slot[id] = 0;
    }
    return top.sorted();
  }

  /** Retained bytes of the postings (for the benchmarks). */
  get byteSize(): number {
    let delta = 0;
    for (const list of this.delta.values()) delta += 16 + list.length * 8;
    return this.offsets.byteLength + this.postings.byteLength + this.sorted.byteLength + this.seen.byteLength + this.slot.byteLength + this.nominated.byteLength + this.maskBuf.byteLength + this.multiBits.byteLength + this.acc.byteLength + this.candidates.byteLength + this.listBuf.byteLength + this.keyBuf.byteLength + delta;
  }

  /** The postings as typed arrays, after folding the delta in (see {@link rebuild}). */
  toSnapshot(): LeanIndexSnapshot {
    if (this.deltaCount || this.baseKeys < this.store.keyLimit || this.offsets.length - 1 < this.store.termCount) this.rebuildNow();
    this.sortNow();
    return { offsets: this.offsets, postings: this.postings, keyLimit: this.baseKeys, sorted: this.sorted };
  }

  /** Takes postings from a snapshot of the same store. */
  loadSnapshot(s: LeanIndexSnapshot): void {
    this.offsets = s.offsets;
    this.postings = s.postings;
    this.baseKeys = s.keyLimit;
    this.delta.clear();
    this.deltaCount = 0;
    this.setSorted(s.sorted);
  }
}

/*
 * The loops of LeanIndex.nominateByMerge, each a function of its own: the optimising compiler
 * compiles each apart, in a fraction of the time the whole takes, and a path met for the first
 * time sends one of them back to the interpreter rather than all of them (which matters in a
 * short run, such as a command-line check, whose first searches are its only ones).
 */

/**
 * Goes through the `lists` lists of `buf` (list j at [cursor[j], end[j]), ascending) together,
 * one block of BLOCK_KEYS keys at a time: each key met is written to `keys`, the set of lists
 * holding it (a bit per list) to `sets`, in the order met. With `multi`, a key in one list alone is
 * not written, and those in more than one are marked in it. Returns the number written.
 */
function mergeBlocks(lists: number, buf: Uint32Array, cursor: Uint32Array, end: Uint32Array, masks: Uint32Array, met: Uint32Array, keys: Uint32Array, sets: Uint32Array, multi: Uint32Array | undefined): number {
  let n = 0;
  for (let base = 0; ; base += BLOCK_KEYS) {
    let left = false;
    let m = 0;
    for (let j = 0; j < lists; j++) {
      let c = cursor[j]!;
      const e = end[j]!;
      if (c === e) continue;
      left = true;
      const bit = 1 << j;
      for (; c < e; c++) {
        const k = buf[c]! - base;
        if (k >= BLOCK_KEYS) break;
        const x = masks[k]!;
        if (x === 0) met[m++] = k;
        masks[k] = x | bit;
      }
      cursor[j] = c;
    }
    if (!left) return n;
    for (let i = 0; i < m; i++) {
      const k = met[i]!;
      const set = masks[k]!;
      masks[k] = 0;
      if (multi) {
        if ((set & (set - 1)) === 0) continue;
        const key = base + k;
        multi[key >>> 5] = multi[key >>> 5]! | (1 << (key & 31));
      }
      keys[n] = base + k;
      sets[n++] = set;
    }
  }
}

/** A list's own keys in `buf[first, stop)` (those not marked in `multi`) moved to the start of it and counted by length class in counts[at…]; returns where they end. */
function gatherOwn(buf: Uint32Array, first: number, stop: number, multi: Uint32Array, classes: Uint8Array, counts: Uint32Array, at: number): number {
  let last = first;
  for (let c = first; c < stop; c++) {
    const key = buf[c]!;
    if (((multi[key >>> 5]! >>> (key & 31)) & 1) === 0) {
      buf[last++] = key;
      counts[at + ((classes[key >>> 1]! >>> ((key & 1) << 2)) & 15)]!++;
    }
  }
  return last;
}

/** The keys `keys[first, stop)` counted by length class in counts[at…]. */
function countClasses(keys: Uint32Array, first: number, stop: number, classes: Uint8Array, counts: Uint32Array, at: number): void {
  for (let r = first; r < stop; r++) {
    const key = keys[r]!;
    counts[at + ((classes[key >>> 1]! >>> ((key & 1) << 2)) & 15)]!++;
  }
}

/** The keys of `src[first, stop)` of length class 1 to `most`, written to `dst` from `at` (`dst` may be `src`, with `at` at most `first`); returns where they end. */
function pickByClass(src: Uint32Array, first: number, stop: number, dst: Uint32Array, at: number, classes: Uint8Array, most: number): number {
  for (let r = first; r < stop; r++) {
    const key = src[r]!;
    const k = (classes[key >>> 1]! >>> ((key & 1) << 2)) & 15;
    if (k !== 0 && k <= most) dst[at++] = key;
  }
  return at;
}

/**
 * Offers `keys[first, last)` to `best`, each with the score of its length (`setLens[r - first]`;
 * 0: a removed passage, left out), worked out once a length below NORM_LENGTHS (in `score`, zeroed).
 */
function offerByLength(keys: Uint32Array, first: number, last: number, setLens: Uint32Array, score: Float64Array, scoreOf: (len: number) => number, best: TopK): void {
  for (let r = first; r < last; r++) {
    const len = setLens[r - first]!;
    if (len === 0) continue;
    let s = len < NORM_LENGTHS ? score[len]! : 0;
    if (s === 0) {
      s = scoreOf(len);
      if (len < NORM_LENGTHS) score[len] = s;
    }
    best.offer(keys[r]!, s);
  }
}

/** A list of passage keys in a reusable buffer. */
interface KeyList {
  keys: Uint32Array;
  length: number;
}


/** What a matched term adds to a passage's accumulator in boundedSearch, above any sum of query weights. */
const MATCH = 65_536;
/** Scoring a passage in full costs about as much as reading this many postings. */
const SCORE_COST = 16;
/** Candidates whose stored terms are read ahead together before they are scored (see TermStore.warm). */
const WARM_BATCH = 512;

/** A query's term ids and their places in the query, in a small open-addressed table (at most a quarter full). */
class QueryTable {
  readonly ids: Int32Array;
  readonly slots: Int32Array;
  readonly mask: number;
  /** A term id's place: the top bits of its product with 2^32 over the golden ratio. */
  readonly shift: number;
  constructor(ids: readonly number[]) {
    let size = 64;
    let shift = 26;
    while (size < ids.length * 4) {
      size *= 2;
      shift--;
    }
    this.shift = shift;
    this.ids = new Int32Array(size).fill(-1);
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    ids.forEach((id, j) => {
      let h = Math.imul(id, 0x9e3779b1) >>> shift;
      while (this.ids[h] !== -1) h = (h + 1) & this.mask;
      this.ids[h] = id;
      this.slots[h] = j;
    });
  }
}
/**
 * BM25+'s part for one occurrence of a term, by the length of the passage (its distinct terms):
 * times the term's weight, what the term adds to the passage's score.
 */
function lengthNorm(len: number, avgLength: number): number {
  return BM25.d + (BM25.k + 1) / (1 + BM25.k * (1 - BM25.b + (BM25.b * len) / avgLength));
}
/** Lengths whose {@link lengthNorm} a search keeps in a table. */
const NORM_LENGTHS = 256;
/** {@link lengthNorm} of each length below NORM_LENGTHS (0 for length 0: a removed passage). */
function lengthNorms(avgLength: number): Float64Array {
  const norm = new Float64Array(NORM_LENGTHS);
  for (let len = 1; len < NORM_LENGTHS; len++) norm[len] = lengthNorm(len, avgLength);
  return norm;
}
/** Length classes of the term store (see TermStore.lengthClasses). */
const LENGTH_CLASSES = LENGTH_CLASS_FROM.length;
/** What a matched term adds to a passage's accumulator in nominate, above any partial BM25. */
const NOMINATED = 4096;
/** Keys gone through together while a large query's lists nominate candidates (their sets of lists: 64 KB). */
const BLOCK_KEYS = 16_384;
/** Up to this many lists read, the nomination counts the keys of each set of lists in a table by set (4,096 sets); above, the sets are numbered first. */
const MOST_LISTS = 12;
