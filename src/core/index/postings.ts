/**
 * Building the lean index's postings from the term store: every term's passage keys, ascending,
 * delta- and varint-coded, in two passes over the stored passages; and the lexicon sorted for
 * prefix search. Both run in slices (generators), so that a caller can yield between them.
 */
import { room, varintLength, writeVarint } from './arrays';
import type { TermStore } from './termStore';

/**
 * The first pass of {@link buildPostings} (the bytes of each term's postings) over the passages
 * stored so far, run ahead while more are being stored (see {@link countAhead}): the build then
 * starts its first pass where this one stopped, as long as no passage before it was deleted or
 * stored again.
 */
export class PostingsCount {
  sizes = new Uint32Array(1024);
  last = new Int32Array(1024).fill(-1);
  /** The passages before this key are counted. */
  upTo = 0;
  private readonly scratch = { buf: new Uint32Array(4096) };
  private readonly deletions: number;
  private readonly backfills: number;

  constructor(private readonly store: TermStore) {
    this.deletions = store.deletions;
    this.backfills = store.backfills;
  }

  /** Whether the counts still hold for the store's passages before {@link upTo}. */
  get valid(): boolean {
    return this.store.deletions === this.deletions && this.store.backfills === this.backfills;
  }

  /** Counts the passages stored since the last call. */
  countAhead(): void {
    const store = this.store;
    const terms = store.termCount;
    if (this.last.length < terms) {
      const last = new Int32Array(Math.max(terms, this.last.length * 2)).fill(-1);
      last.set(this.last);
      this.last = last;
      const sizes = new Uint32Array(last.length + 1);
      sizes.set(this.sizes);
      this.sizes = sizes;
    }
    const to = store.keyLimit;
    countSlice(store, this.upTo, to, this.sizes, this.last, this.scratch);
    this.upTo = to;
  }
}

/**
 * The postings of every stored passage, in slices of `slicePassages` passages. Each slice is gone
 * through by a function of its own (a generator's loops are compiled with the generator, again at
 * each new stretch of it), and the scratch list of a passage's terms is grown outside them. With
 * `ahead` (still valid), the first pass goes on from where it stopped; its arrays are worked in.
 */
export function* buildPostings(store: TermStore, slicePassages: number, ahead?: PostingsCount): Generator<void, { offsets: Uint32Array; postings: Uint8Array; keyLimit: number; terms: number }, void> {
  const keyLimit = store.keyLimit;
  const terms = store.termCount;
  const counted = ahead?.valid && ahead.upTo <= keyLimit ? ahead : undefined;
  if (counted && counted.last.length < terms) counted.countAhead();
  const sizes = counted ? counted.sizes : new Uint32Array(terms + 1);
  const last = counted ? counted.last : new Int32Array(terms).fill(-1);
  const scratch = { buf: new Uint32Array(4096) };
  const step = Math.max(1, slicePassages);
  // pass 1: bytes per term (keys ascending, so deltas are positive)
  for (let from = counted?.upTo ?? 0; from < keyLimit; from += step) {
    countSlice(store, from, Math.min(keyLimit, from + step), sizes, last, scratch);
    yield;
  }
  const offsets = offsetsOf(sizes, terms);
  yield;
  // pass 2: write
  const postings = new Uint8Array(offsets[terms]!);
  const pos = sizes; // reused: write position per term
  pos.set(offsets.subarray(0, terms));
  last.fill(-1, 0, terms);
  for (let from = 0; from < keyLimit; from += step) {
    writeSlice(store, from, Math.min(keyLimit, from + step), postings, pos, last, scratch);
    yield;
  }
  return { offsets, postings, keyLimit, terms };
}

/** The stored terms of passage `key` into `scratch.buf` (made larger to hold them); their number. */
function termsOf(store: TermStore, key: number, scratch: { buf: Uint32Array }): number {
  scratch.buf = room(scratch.buf, store.maxTerms(key));
  return store.decode(key, scratch.buf);
}

/** Adds the bytes that the postings of passages `from` to `to` take to each term's `sizes`. */
function countSlice(store: TermStore, from: number, to: number, sizes: Uint32Array, last: Int32Array, scratch: { buf: Uint32Array }): void {
  for (let key = from; key < to; key++) {
    if (!store.has(key)) continue;
    const n = termsOf(store, key, scratch);
    const buf = scratch.buf;
    for (let i = 0; i < n; i++) {
      const id = buf[i]!;
      if (last[id] === key) continue;
      sizes[id]! += varintLength(last[id]! < 0 ? key : key - last[id]!);
      last[id] = key;
    }
  }
}

/** Where each term's postings start (and, past the last term, their total size). */
function offsetsOf(sizes: Uint32Array, terms: number): Uint32Array {
  const offsets = new Uint32Array(terms + 1);
  let total = 0;
  for (let id = 0; id < terms; id++) {
    offsets[id] = total;
    total += sizes[id]!;
  }
  offsets[terms] = total;
  return offsets;
}

/** Writes the postings of passages `from` to `to`, each term's at `pos` (moved on). */
function writeSlice(store: TermStore, from: number, to: number, postings: Uint8Array, pos: Uint32Array, last: Int32Array, scratch: { buf: Uint32Array }): void {
  for (let key = from; key < to; key++) {
    if (!store.has(key)) continue;
    const n = termsOf(store, key, scratch);
    const buf = scratch.buf;
    for (let i = 0; i < n; i++) {
      const id = buf[i]!;
      if (last[id] === key) continue;
      pos[id] = writeVarint(postings, pos[id]!, last[id]! < 0 ? key : key - last[id]!);
      last[id] = key;
    }
  }
}

/** Sorts term ids by term in slices (native sort on runs, then merges), yielding between slices. */
export function* sortLexicon(lexicon: readonly string[], count: number, run = 16_384): Generator<void, Uint32Array, void> {
  let a = new Uint32Array(count);
  for (let i = 0; i < count; i++) a[i] = i;
  const cmp = (x: number, y: number) => (lexicon[x]! < lexicon[y]! ? -1 : lexicon[x]! > lexicon[y]! ? 1 : 0);
  for (let s = 0; s < count; s += run) {
    const e = Math.min(count, s + run);
    // the run's terms sorted as strings (natively, in code-unit order as `<` compares them), then
    // their ids found again by term; a run with a term twice is sorted by id and comparison instead
    const words = lexicon.slice(s, e);
    const ids = new Map<string, number>();
    for (let i = s; i < e; i++) ids.set(lexicon[i]!, i);
    if (ids.size === e - s) {
      words.sort();
      for (let k = 0; k < words.length; k++) a[s + k] = ids.get(words[k]!)!;
    } else a.subarray(s, e).sort(cmp);
    yield;
  }
  let b = new Uint32Array(count);
  for (let width = run; width < count; width *= 2) {
    let work = 0;
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(lo + width, count);
      const hi = Math.min(lo + 2 * width, count);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) b[k++] = lexicon[a[j]!]! < lexicon[a[i]!]! ? a[j++]! : a[i++]!;
      while (i < mid) b[k++] = a[i++]!;
      while (j < hi) b[k++] = a[j++]!;
      work += hi - lo;
      if (work > 100_000) {
        work = 0;
        yield;
      }
    }
    [a, b] = [b, a];
  }
  return a;
}
