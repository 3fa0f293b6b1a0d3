/**
 * Building the lean index's postings from the term store: every term's passage keys, ascending,
 * delta- and varint-coded, in two passes over the stored passages; and the lexicon sorted for
 * prefix search. Both run in slices (generators), so that a caller can yield between them.
 */
import { room, varintLength, writeVarint } from './arrays';
import type { TermStore } from './termStore';

/**
 * The postings of every stored passage, in slices of `slicePassages` passages. Each slice is gone
 * through by a function of its own (a generator's loops are compiled with the generator, again at
 * each new stretch of it), and the scratch list of a passage's terms is grown outside them.
 */
export function* buildPostings(store: TermStore, slicePassages: number): Generator<void, { offsets: Uint32Array; postings: Uint8Array; keyLimit: number; terms: number }, void> {
  const keyLimit = store.keyLimit;
  const terms = store.termCount;
  const sizes = new Uint32Array(terms + 1);
  const last = new Int32Array(terms).fill(-1);
  const scratch = { buf: new Uint32Array(4096) };
  const step = Math.max(1, slicePassages);
  // pass 1: bytes per term (keys ascending, so deltas are positive)
  for (let from = 0; from < keyLimit; from += step) {
    countSlice(store, from, Math.min(keyLimit, from + step), sizes, last, scratch);
    yield;
  }
  const offsets = offsetsOf(sizes, terms);
  yield;
  // pass 2: write
  const postings = new Uint8Array(offsets[terms]!);
  const pos = sizes; // reused: write position per term
  pos.set(offsets.subarray(0, terms));
  last.fill(-1);
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
