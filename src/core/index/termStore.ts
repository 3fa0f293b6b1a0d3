/**
 * The term store: the lexicon (term ↔ id), document frequencies and the terms of every passage in
 * order (the forward index, varint-coded, about 2 bytes a term). The corpus owns it: support scoring
 * reads a passage's terms from it, and the index reads it to score candidates.
 */
import { grown, writeVarint } from './arrays';
import { compactString } from '../text/compact';

/**
 * Significant bits of the collection statistics that scores weigh with (passage count, average
 * length) in a corpus of at least {@link SCORING_EXACT_BELOW} passages: at most 0.2% off, and
 * the same before and after almost any small edit, so that an edit leaves the scores of every
 * passage it did not touch bit for bit the same (what lets `grounded check --cache` keep the
 * checks of the claims an edit cannot reach).
 */
export const SCORING_BITS = 9;
/** Below this many passages, the statistics are exact. */
export const SCORING_EXACT_BELOW = 8192;

/** `x` (> 0) rounded to `bits` significant bits. */
export function roundToBits(x: number, bits: number): number {
  if (!(x > 0)) return x;
  let e = Math.floor(Math.log2(x));
  if (2 ** e > x) e--;
  else if (2 ** (e + 1) <= x) e++;
  const step = 2 ** (e + 1 - bits);
  return Math.round(x / step) * step;
}

/**
 * The shortest length (distinct terms) of each length class: class c holds the passages of
 * lengths LENGTH_CLASS_FROM[c] to LENGTH_CLASS_FROM[c + 1] - 1 (the last, every length from 24
 * on), class 0 the removed ones alone (length 0). One class a length where most passages are (a
 * sentence of news has about 10 distinct terms).
 */
export const LENGTH_CLASS_FROM: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 17, 20, 24];

/** The length class of each length below the last class's first. */
const CLASS_OF_LENGTH = (() => {
  const last = LENGTH_CLASS_FROM.length - 1;
  const out = new Uint8Array(LENGTH_CLASS_FROM[last]!);
  for (let c = 0; c < last; c++) out.fill(c, LENGTH_CLASS_FROM[c]!, LENGTH_CLASS_FROM[c + 1]!);
  return out;
})();

/** The length class of a passage of `len` distinct terms. */
export function lengthClass(len: number): number {
  return len < CLASS_OF_LENGTH.length ? CLASS_OF_LENGTH[len]! : LENGTH_CLASS_FROM.length - 1;
}

/** A hash of a term's UTF-16 code units (FNV-1a, then mixed so that the low bits vary). */
function termHash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

/**
 * The lexicon and the forward index: every passage's term ids, in order, duplicates kept.
 * Passages are addressed by their corpus key.
 */
export class TermStore {
  /**
   * The lexicon's hash table: open addressing over a typed array, each slot a term id plus one
   * (0: empty), the spelling compared with `list` (a `Map` from term to id cost some 40 bytes a
   * term more, about 7 MB at 100 MB of sources).
   */
  private table: Int32Array = new Int32Array(1024);
  private list: string[] = [];
  private dfs: Uint32Array = new Uint32Array(1024);
  /** Varint-coded term ids of all passages, back to back. */
  private pool: Uint8Array = new Uint8Array(1 << 16);
  private poolUsed = 0;
  /** Bytes of `pool` that belong to removed passages. */
  private poolGarbage = 0;
  private starts: Uint32Array = new Uint32Array(1024);
  private ends: Uint32Array = new Uint32Array(1024);
  /** Distinct terms per passage: BM25's document length, as MiniSearch counts it. */
  private lens: Uint16Array = new Uint16Array(1024);
  private alive: Uint8Array = new Uint8Array(1024);
  /**
   * Each passage's length class (see {@link LENGTH_CLASS_FROM}), four bits a key, two keys a byte:
   * built on the first large query (see {@link lengthClasses}), kept up to date after that.
   */
  private classes: Uint8Array | undefined;
  /** Occurrences beyond the first of each passage's terms (capped at 255): bounds any term's frequency in it. Built on demand after a snapshot. */
  private repeats: Uint8Array | undefined = new Uint8Array(1024);
  private keyEnd = 0;
  private aliveCount = 0;
  private totalLength = 0;
  private mark: Uint32Array = new Uint32Array(1024);
  private epoch = 0;
  /** What {@link warm} read (of no use but to keep its loads). */
  warmth = 0;
  /** Bumped whenever a passage is deleted (a rebuild in progress starts over). */
  deletions = 0;
  /** Bumped whenever a passage is stored below the last key stored (what was counted of the keys before it no longer holds). */
  backfills = 0;

  /** Number of distinct terms ever stored. */
  get termCount(): number {
    return this.list.length;
  }

  /** Number of passages stored. */
  get passageCount(): number {
    return this.aliveCount;
  }

  /** One past the largest passage key ever stored. */
  get keyLimit(): number {
    return this.keyEnd;
  }

  /** Average BM25 document length (distinct terms per passage). */
  get averageLength(): number {
    return this.aliveCount ? this.totalLength / this.aliveCount : 0;
  }

  /** The passage count BM25 and IDF weigh with: {@link passageCount}, to {@link SCORING_BITS} significant bits in a large corpus. */
  get scoringCount(): number {
    return this.aliveCount < SCORING_EXACT_BELOW ? this.aliveCount : roundToBits(this.aliveCount, SCORING_BITS);
  }

  /** The average length BM25 weighs with: {@link averageLength}, rounded as {@link scoringCount} is. */
  get scoringLength(): number {
    const avg = this.averageLength;
    return this.aliveCount < SCORING_EXACT_BELOW ? avg : roundToBits(avg, SCORING_BITS);
  }

  /** The id of a term, adding it to the lexicon when new. */
  intern(term: string): number {
    const slot = this.slotOf(term);
    const at = this.table[slot]!;
    if (at !== 0) return at - 1;
    const list = this.list;
    const table = this.table;
    const id = list.length;
    // one byte a character where it can be: a word cut from a text with a curly quote, or a
    // worker's copy of it, has two (three terms in four at 100 MB of news)
    list.push(compactString(term));
    table[slot] = id + 1;
    // at most two thirds full
    if (list.length * 3 > table.length * 2) this.rehash(table.length * 2);
    if (id >= this.dfs.length) {
      this.dfs = grown(this.dfs, id + 1);
      this.mark = grown(this.mark, id + 1);
    }
    return id;
  }

  /** The id of a known term. */
  idOf(term: string): number | undefined {
    const at = this.table[this.slotOf(term)]!;
    return at !== 0 ? at - 1 : undefined;
  }

  /** The slot of `term` in the table: where it is, or the empty slot where it would go. */
  private slotOf(term: string): number {
    const table = this.table;
    const list = this.list;
    const mask = table.length - 1;
    let slot = termHash(term) & mask;
    for (let at = table[slot]!; at !== 0 && list[at - 1] !== term; at = table[slot]!) slot = (slot + 1) & mask;
    return slot;
  }

  /** Puts every term of the lexicon into a table of `size` slots (a power of two). */
  private rehash(size: number): void {
    const table = new Int32Array(size);
    const list = this.list;
    const mask = size - 1;
    for (let id = 0; id < list.length; id++) {
      let slot = termHash(list[id]!) & mask;
      while (table[slot] !== 0) slot = (slot + 1) & mask;
      table[slot] = id + 1;
    }
    this.table = table;
  }

  termOf(id: number): string {
    return this.list[id]!;
  }

  /** Number of stored passages that contain the term with this id. */
  df(id: number): number {
    return this.dfs[id] ?? 0;
  }

  /** Number of stored passages that contain the term. */
  documentFrequency(term: string): number {
    const id = this.idOf(term);
    return id === undefined ? 0 : this.dfs[id]!;
  }

  has(key: number): boolean {
    return key >= 0 && key < this.keyEnd && this.alive[key] === 1;
  }

  /** Distinct terms per passage, by key, 0 for a removed one (read only). */
  get lengths(): Uint16Array {
    return this.lens;
  }

  /** 1 for each stored passage, by key (read only). */
  get aliveFlags(): Uint8Array {
    return this.alive;
  }

  /**
   * The largest number of times one term can occur in each passage, less one (0 for most
   * sentences), by key (read only): it bounds a passage's BM25 before its terms are read.
   */
  get repeatCounts(): Uint8Array {
    if (!this.repeats) {
      // after a snapshot: the number of term ids (bytes that end a varint) less the distinct ones
      const repeats = new Uint8Array(Math.max(1024, this.starts.length));
      const pool = this.pool;
      for (let key = 0; key < this.keyEnd; key++) {
        if (this.alive[key] !== 1) continue;
        let ids = 0;
        const end = this.ends[key]!;
        for (let pos = this.starts[key]!; pos < end; pos++) if (pool[pos]! < 0x80) ids++;
        repeats[key] = Math.min(255, ids - this.lens[key]!);
      }
      this.repeats = repeats;
    }
    return this.repeats;
  }

  /**
   * Each passage's length class, four bits a key (key k in the low bits of byte k / 2 when k is
   * even, in the high bits when odd): the largest c with LENGTH_CLASS_FROM[c] ≤ its length. Half a
   * byte a passage, so that a search can pass over the passages too long to place, reading the
   * class in a small array that stays in the processor's cache instead of the length in a large one.
   */
  get lengthClasses(): Uint8Array {
    if (!this.classes) {
      const classes = new Uint8Array((Math.max(1024, this.starts.length) + 1) >>> 1);
      const lens = this.lens;
      const alive = this.alive;
      for (let key = 0; key < this.keyEnd; key++) if (alive[key] === 1) classes[key >>> 1] = classes[key >>> 1]! | (lengthClass(lens[key]!) << ((key & 1) << 2));
      this.classes = classes;
    }
    return this.classes;
  }

  private setClass(key: number, len: number): void {
    const classes = this.classes;
    if (!classes) return;
    const shift = (key & 1) << 2;
    classes[key >>> 1] = (classes[key >>> 1]! & ~(15 << shift)) | (lengthClass(len) << shift);
  }

  /** Distinct terms of a passage. */
  length(key: number): number {
    return this.lens[key] ?? 0;
  }

  private nextEpoch(): number {
    if (++this.epoch === 0xffffffff) {
      this.mark.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  /**
   * Makes room, during a bulk build (see `grown`), for the passages up to key `keys` and `ids` term
   * ids more.
   */
  reserve(keys: number, ids: number): void {
    if (keys > this.starts.length) {
      this.starts = grown(this.starts, keys, true);
      this.ends = grown(this.ends, keys, true);
      this.lens = grown(this.lens, keys, true);
      this.alive = grown(this.alive, keys, true);
    }
    if (this.classes && keys > this.classes.length * 2) this.classes = grown(this.classes, (keys + 1) >>> 1, true);
    const repeats = this.repeatCounts;
    if (keys > repeats.length) this.repeats = grown(repeats, keys, true);
    this.pool = grown(this.pool, this.poolUsed + ids * 5, true);
  }

  /** Stores the term ids `ids[from, to)` of the passage `key` (which must not be stored yet). */
  set(key: number, ids: ArrayLike<number>, from = 0, to = ids.length): void {
    if (this.has(key)) this.delete(key);
    if (key >= this.starts.length) {
      const n = key + 1;
      this.starts = grown(this.starts, n);
      this.ends = grown(this.ends, n);
      this.lens = grown(this.lens, n);
      this.alive = grown(this.alive, n);
    }
    if (this.classes && key >>> 1 >= this.classes.length) this.classes = grown(this.classes, (key >>> 1) + 1);
    const repeats = this.repeatCounts;
    if (key >= repeats.length) this.repeats = grown(repeats, key + 1);
    this.pool = grown(this.pool, this.poolUsed + (to - from) * 5);
    const epoch = this.nextEpoch();
    let pos = this.poolUsed;
    let distinct = 0;
    for (let i = from; i < to; i++) {
      const id = ids[i]!;
      pos = writeVarint(this.pool, pos, id);
      if (this.mark[id] !== epoch) {
        this.mark[id] = epoch;
        this.dfs[id]!++;
        distinct++;
      }
    }
    this.starts[key] = this.poolUsed;
    this.ends[key] = pos;
    this.poolUsed = pos;
    const len = Math.min(distinct, 0xffff);
    this.lens[key] = len;
    this.setClass(key, len);
    this.repeats![key] = Math.min(255, to - from - distinct);
    this.alive[key] = 1;
    this.aliveCount++;
    this.totalLength += len;
    if (key >= this.keyEnd) this.keyEnd = key + 1;
    else this.backfills++;
  }

  /** Forgets a passage's terms. */
  delete(key: number): void {
    if (!this.has(key)) return;
    this.totalLength -= this.lens[key]!;
    const epoch = this.nextEpoch();
    const pool = this.pool;
    const end = this.ends[key]!;
    for (let pos = this.starts[key]!; pos < end; ) {
      let id = 0;
      let shift = 0;
      let b: number;
      do {
        b = pool[pos++]!;
        // a shift while the id stays a small integer (term ids stay below 2^28): a power is a call
        id += shift < 28 ? (b & 0x7f) << shift : (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      if (this.mark[id] !== epoch) {
        this.mark[id] = epoch;
        this.dfs[id]!--;
      }
    }
    this.alive[key] = 0;
    this.lens[key] = 0;
    this.setClass(key, 0);
    this.deletions++;
    this.aliveCount--;
    this.poolGarbage += end - this.starts[key]!;
    if (this.poolGarbage > 1 << 20 && this.poolGarbage > this.poolUsed / 2) this.compactPool();
  }

  /** Gives back the room the arrays keep for growth (after a bulk build). */
  trim(): void {
    if (this.poolGarbage) this.compactPool();
    const n = this.keyEnd;
    if (this.pool.length > this.poolUsed) this.pool = this.pool.slice(0, this.poolUsed);
    if (this.starts.length > n) {
      this.starts = this.starts.slice(0, n);
      this.ends = this.ends.slice(0, n);
      this.lens = this.lens.slice(0, n);
      this.alive = this.alive.slice(0, n);
    }
    if (this.repeats && this.repeats.length > n) this.repeats = this.repeats.slice(0, n);
    if (this.classes && this.classes.length > (n + 1) >>> 1) this.classes = this.classes.slice(0, (n + 1) >>> 1);
    const t = this.list.length;
    if (this.dfs.length > t) {
      this.dfs = this.dfs.slice(0, t);
      this.mark = this.mark.slice(0, t);
    }
  }

  /** Drops the bytes of removed passages. O(pool); runs after half the pool has been replaced. */
  private compactPool(): void {
    const pool = new Uint8Array(Math.ceil((this.poolUsed - this.poolGarbage) * 1.25) + 1024);
    let used = 0;
    for (let key = 0; key < this.keyEnd; key++) {
      if (!this.alive[key]) continue;
      const s = this.starts[key]!;
      const e = this.ends[key]!;
      pool.set(this.pool.subarray(s, e), used);
      this.starts[key] = used;
      used += e - s;
      this.ends[key] = used;
    }
    this.pool = pool;
    this.poolUsed = used;
    this.poolGarbage = 0;
  }

  /**
   * Decodes the term ids of a passage into `out` (which must hold `maxTerms(key)` items); returns
   * how many there are. The hot path of scoring: no allocation.
   */
  decode(key: number, out: Uint32Array): number {
    const pool = this.pool;
    const end = this.ends[key]!;
    let n = 0;
    for (let pos = this.starts[key]!; pos < end; ) {
      let b = pool[pos++]!;
      let id = b & 0x7f;
      let shift = 7;
      while (b & 0x80) {
        b = pool[pos++]!;
        // a shift while the id stays a small integer (term ids stay below 2^28): a power is a call
        id += shift < 28 ? (b & 0x7f) << shift : (b & 0x7f) * 2 ** shift;
        shift += 7;
      }
      out[n++] = id;
    }
    return n;
  }

  /**
   * Reads the rows of passages `keys[from, to)` (where their terms start and end, their length,
   * their first bytes) so that decoding them next finds them in the processor's cache: these loads
   * do not wait for one another, so their cache misses overlap, where decoding one passage after
   * another waits for each miss in turn (about 2.5× faster for a thousand candidates at 100 MB).
   */
  warm(keys: ArrayLike<number>, from = 0, to = keys.length): void {
    const starts = this.starts;
    const pool = this.pool;
    let x = 0;
    for (let i = from; i < to; i++) {
      const key = keys[i]!;
      x += this.ends[key]! + this.lens[key]!;
    }
    // the first and the last byte: a passage's terms may cross into a second cache line
    for (let i = from; i < to; i++) {
      const key = keys[i]!;
      x += pool[starts[key]!]! + pool[Math.max(0, this.ends[key]! - 1)]!;
    }
    // kept, so that the loads are not optimised away
    this.warmth = x;
  }

  /** An upper bound on the number of term ids of a passage (its byte length). */
  maxTerms(key: number): number {
    return this.ends[key]! - this.starts[key]!;
  }

  /** The term ids of a passage, in order. */
  termIds(key: number): number[] {
    if (!this.has(key)) return [];
    const buf = new Uint32Array(this.maxTerms(key));
    return Array.from(buf.subarray(0, this.decode(key, buf)));
  }

  /**
   * The distinct terms of the stored passages with keys `first`…`first + count - 1` (a source's),
   * as a membership test: their ids sorted, no string made per term.
   */
  termsOfKeys(first: number, count: number): { has(term: string): boolean } {
    let size = 0;
    for (let key = first; key < first + count; key++) if (this.has(key)) size += this.maxTerms(key);
    const all = new Uint32Array(size);
    let n = 0;
    for (let key = first; key < first + count; key++) if (this.has(key)) n += this.decode(key, all.subarray(n));
    const sorted = all.subarray(0, n).sort();
    let distinct = 0;
    for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
    const ids = sorted.slice(0, distinct);
    return {
      has: (term) => {
        const id = this.idOf(term);
        if (id === undefined) return false;
        let lo = 0;
        let hi = ids.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (ids[mid]! < id) lo = mid + 1;
          else hi = mid;
        }
        return lo < ids.length && ids[lo] === id;
      },
    };
  }

  /** The terms of a passage, in order, duplicates kept. */
  terms(key: number): string[] {
    if (!this.has(key)) return [];
    const buf = new Uint32Array(this.maxTerms(key));
    const n = this.decode(key, buf);
    const out = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = this.list[buf[i]!]!;
    return out;
  }

  /** All terms, by id. */
  get lexicon(): readonly string[] {
    return this.list;
  }

  /** Retained bytes of the typed arrays (for the benchmarks). */
  get byteSize(): number {
    return this.pool.byteLength + this.starts.byteLength + this.ends.byteLength + this.lens.byteLength + this.alive.byteLength + (this.repeats?.byteLength ?? 0) + (this.classes?.byteLength ?? 0) + this.dfs.byteLength + this.mark.byteLength;
  }

  /** The store as plain typed arrays and the lexicon, for a snapshot (trimmed to what is used). */
  toSnapshot(): TermStoreSnapshot {
    if (this.poolGarbage) this.compactPool();
    const n = this.keyEnd;
    return {
      lexicon: this.list,
      df: this.dfs.subarray(0, this.list.length),
      pool: this.pool.subarray(0, this.poolUsed),
      starts: this.starts.subarray(0, n),
      ends: this.ends.subarray(0, n),
      lens: this.lens.subarray(0, n),
      alive: this.alive.subarray(0, n),
      totalLength: this.totalLength,
    };
  }

  /** A store from a snapshot; the arrays are used as they are (not copied). */
  static fromSnapshot(s: TermStoreSnapshot): TermStore {
    const store = new TermStore();
    store.list = s.lexicon as string[];
    let size = 1024;
    while (size * 2 < s.lexicon.length * 3) size *= 2;
    store.rehash(size);
    store.dfs = s.df;
    store.mark = new Uint32Array(Math.max(1024, s.lexicon.length));
    store.pool = s.pool;
    store.poolUsed = s.pool.length;
    store.starts = s.starts;
    store.ends = s.ends;
    store.lens = s.lens;
    store.alive = s.alive;
    store.repeats = undefined;
    store.classes = undefined;
    store.keyEnd = s.alive.length;
    let count = 0;
    for (let i = 0; i < s.alive.length; i++) count += s.alive[i]!;
    store.aliveCount = count;
    store.totalLength = s.totalLength;
    return store;
  }
}

export interface TermStoreSnapshot {
  lexicon: readonly string[];
  df: Uint32Array;
  pool: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
  lens: Uint16Array;
  alive: Uint8Array;
  totalLength: number;
}
