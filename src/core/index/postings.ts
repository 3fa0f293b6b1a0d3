/**
 * Building the lean index's postings from the term store: every term's passage keys, ascending,
 * delta- and varint-coded, in two passes over the stored passages (or written ahead, a stretch of
 * passages at a time, while they are stored in bulk); and the lexicon sorted for prefix search.
 * Both run in slices (generators), so that a caller can yield between them.
 */
import { room, varintLength, writeVarint } from './arrays';
import type { TermStore } from './termStore';

/** A stretch of postings written ahead: the bytes of the terms `ids` (ascending), `lens[i]` for `ids[i]`, in that order. */
interface Segment {
  ids: Uint32Array;
  lens: Uint32Array;
  bytes: Uint8Array;
}

/** Passages a stretch of postings written ahead spans: writing one is a few milliseconds. */
const SEGMENT_KEYS = 8_192;

/**
 * The postings of the passages stored so far, written ahead while more are being stored (see
 * `LeanIndex.writeAhead`), a stretch of passages at a time: each term's bytes of a stretch are
 * the ones {@link buildPostings} would write for it there (a term's first key of a stretch is
 * coded from its last key before it), so that the build only has to put the stretches together
 * (and write the last). It holds while no passage before the last one written is deleted or
 * stored again.
 */
export class PostingsAhead {
  /** Keys before this are counted: those before `segmentStart` written too, the rest are the open stretch. */
  private upTo = 0;
  private segmentStart = 0;
  private readonly segments: Segment[] = [];
  /** Per term: the bytes of its postings in the open stretch; its last key counted, and written. */
  private sizes = new Uint32Array(1024);
  private lastCounted = new Int32Array(1024).fill(-1);
  private lastWritten = new Int32Array(1024).fill(-1);
  /** The terms met in the open stretch, as met (room for every term). */
  private met = new Uint32Array(1024);
  private metCount = 0;
  private readonly scratch = { buf: new Uint32Array(4096) };
  private readonly deletions: number;
  private readonly backfills: number;

  /** @param segmentKeys passages a stretch spans before it is written */
  constructor(
    private readonly store: TermStore,
    private readonly segmentKeys = SEGMENT_KEYS,
  ) {
    this.deletions = store.deletions;
    this.backfills = store.backfills;
  }

  /** Whether what was counted and written still holds for the store's passages. */
  get valid(): boolean {
    return this.store.deletions === this.deletions && this.store.backfills === this.backfills && this.upTo <= this.store.keyLimit;
  }

  /**
   * Counts the passages stored since the last call, as far as the open stretch goes, and writes
   * the stretch once it is complete (and says whether it did): no call does more than a stretch.
   */
  advance(): boolean {
    this.count(Math.min(this.store.keyLimit, this.segmentStart + this.segmentKeys));
    if (this.upTo - this.segmentStart < this.segmentKeys) return false;
    this.close();
    return true;
  }

  /** The postings of every stored passage (see {@link buildPostings}): the rest written a stretch at a time, then all put together. */
  *finish(): Generator<void, { offsets: Uint32Array; postings: Uint8Array; keyLimit: number; terms: number }, void> {
    const keyLimit = this.store.keyLimit;
    const terms = this.store.termCount;
    while (this.upTo < keyLimit || this.segmentStart < this.upTo) {
      this.count(Math.min(keyLimit, this.segmentStart + this.segmentKeys));
      this.close();
      yield;
    }
    const sizes = new Uint32Array(terms + 1);
    for (const { ids, lens } of this.segments) for (let i = 0; i < ids.length; i++) sizes[ids[i]!] += lens[i]!;
    const offsets = offsetsOf(sizes, terms);
    const postings = new Uint8Array(offsets[terms]!);
    const pos = sizes; // reused: write position per term
    pos.set(offsets.subarray(0, terms));
    for (const segment of this.segments) {
      joinSegment(segment, postings, pos);
      yield;
    }
    return { offsets, postings, keyLimit, terms };
  }

  /** Counts the passages from `upTo` to `to` into the open stretch. */
  private count(to: number): void {
    const terms = this.store.termCount;
    if (this.sizes.length < terms) {
      const n = Math.max(terms, this.sizes.length * 2);
      this.sizes = grownTo(this.sizes, n, 0);
      this.lastCounted = grownTo(this.lastCounted, n, -1);
      this.lastWritten = grownTo(this.lastWritten, n, -1);
      this.met = grownTo(this.met, n, 0);
    }
    this.metCount = countMet(this.store, this.upTo, to, this.sizes, this.lastCounted, this.met, this.metCount, this.scratch);
    this.upTo = to;
  }

  /** Writes the open stretch's postings: a segment, and the stretch after it starts empty. */
  private close(): void {
    const from = this.segmentStart;
    const to = this.upTo;
    if (to === from) return;
    const ids = this.met.slice(0, this.metCount).sort();
    const lens = new Uint32Array(ids.length);
    const sizes = this.sizes;
    // sizes become each term's place in the segment's bytes
    let total = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      lens[i] = sizes[id]!;
      sizes[id] = total;
      total += lens[i]!;
    }
    const bytes = new Uint8Array(total);
    writeSlice(this.store, from, to, bytes, sizes, this.lastWritten, this.scratch);
    for (let i = 0; i < ids.length; i++) sizes[ids[i]!] = 0;
    this.segments.push({ ids, lens, bytes });
    this.metCount = 0;
    this.segmentStart = to;
  }
}

/** `array` as long as `n`, the new places `fill`. */
function grownTo<T extends Uint32Array | Int32Array>(array: T, n: number, fill: number): T {
  const out = new (array.constructor as new (n: number) => T)(n);
  out.set(array);
  if (fill) out.fill(fill, array.length);
  return out;
}

/**
 * Adds the bytes that the postings of passages `from` to `to` take to each term's `sizes`; with
 * `met` (room for every term), notes in it after its first `metCount` the terms whose size was 0.
 * The number of terms noted then.
 */
function countMet(store: TermStore, from: number, to: number, sizes: Uint32Array, last: Int32Array, met: Uint32Array | undefined, metCount: number, scratch: { buf: Uint32Array }): number {
  for (let key = from; key < to; key++) {
    if (!store.has(key)) continue;
    const n = termsOf(store, key, scratch);
    const buf = scratch.buf;
    for (let i = 0; i < n; i++) {
      const id = buf[i]!;
      if (last[id] === key) continue;
      if (sizes[id] === 0 && met) met[metCount++] = id;
      sizes[id]! += varintLength(last[id]! < 0 ? key : key - last[id]!);
      last[id] = key;
    }
  }
  return metCount;
}

/** Copies a segment's bytes to each of its terms' place in `postings` (`pos`, moved on). */
function joinSegment({ ids, lens, bytes }: Segment, postings: Uint8Array, pos: Uint32Array): void {
  let p = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const len = lens[i]!;
    let at = pos[id]!;
    for (let end = p + len; p < end; ) postings[at++] = bytes[p++]!;
    pos[id] = at;
  }
}

/**
 * The postings of every stored passage, in slices of `slicePassages` passages. Each slice is gone
 * through by a function of its own (a generator's loops are compiled with the generator, again at
 * each new stretch of it), and the scratch list of a passage's terms is grown outside them. With
 * `ahead` (still valid), what it wrote is put together and only the rest is written.
 */
export function* buildPostings(store: TermStore, slicePassages: number, ahead?: PostingsAhead): Generator<void, { offsets: Uint32Array; postings: Uint8Array; keyLimit: number; terms: number }, void> {
  if (ahead?.valid) return yield* ahead.finish();
  const keyLimit = store.keyLimit;
  const terms = store.termCount;
  const sizes = new Uint32Array(terms + 1);
  const last = new Int32Array(terms).fill(-1);
  const scratch = { buf: new Uint32Array(4096) };
  const step = Math.max(1, slicePassages);
  // pass 1: bytes per term (keys ascending, so deltas are positive)
  for (let from = 0; from < keyLimit; from += step) {
    countMet(store, from, Math.min(keyLimit, from + step), sizes, last, undefined, 0, scratch);
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
  for (let s = 0; s < count; s += run) {
    a.set(sortedRun(lexicon, s, Math.min(count, s + run)), s);
    yield;
  }
  let b = new Uint32Array(count);
  for (let width = run; width < count; width *= 2) {
    for (let lo = 0; lo < count; lo += 2 * width) {
      const mid = Math.min(lo + width, count);
      const hi = Math.min(lo + 2 * width, count);
      yield* mergeSteps(lexicon, a.subarray(lo, mid), a.subarray(mid, hi), b, lo);
    }
    [a, b] = [b, a];
  }
  return a;
}

/** The ids `from` to `to` sorted by their terms (code-unit order, as `<` compares them). */
function sortedRun(lexicon: readonly string[], from: number, to: number): Uint32Array {
  // the run's terms sorted as strings (natively), then their ids found again by term; a run with
  // a term twice is sorted by id and comparison instead
  const out = new Uint32Array(to - from);
  const words = lexicon.slice(from, to);
  const ids = new Map<string, number>();
  for (let i = from; i < to; i++) ids.set(lexicon[i]!, i);
  if (ids.size === to - from) {
    words.sort();
    for (let k = 0; k < words.length; k++) out[k] = ids.get(words[k]!)!;
  } else {
    for (let i = from; i < to; i++) out[i - from] = i;
    out.sort((x, y) => (lexicon[x]! < lexicon[y]! ? -1 : lexicon[x]! > lexicon[y]! ? 1 : 0));
  }
  return out;
}

/**
 * The sorted ids `first` and `second` (of neighbouring runs, in that order) merged into `out` from
 * `at`, the first's ahead of the second's on equal terms; yields after every 100,000 ids or so.
 */
function* mergeSteps(lexicon: readonly string[], first: Uint32Array, second: Uint32Array, out: Uint32Array, at: number): Generator<void, void, void> {
  let i = 0;
  let j = 0;
  let k = at;
  const end = at + first.length + second.length;
  while (k < end) {
    const stop = Math.min(end, k + 100_000);
    for (; k < stop; k++) out[k] = j === second.length || (i < first.length && !(lexicon[second[j]!]! < lexicon[first[i]!]!)) ? first[i++]! : second[j++]!;
    yield;
  }
}

/** Two runs side by side in order, merged. */
function* mergedRuns(lexicon: readonly string[], first: Uint32Array, second: Uint32Array): Generator<void, Uint32Array, void> {
  const out = new Uint32Array(first.length + second.length);
  yield* mergeSteps(lexicon, first, second, out, 0);
  return out;
}

/** Runs a generator's steps at once: its result. */
export function allSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs merged ahead hold at most this many ids: a merge is a few milliseconds. */
const MERGED_AHEAD = 32_768;

/**
 * The lexicon sorted ahead (as {@link sortLexicon} sorts it) while terms are being added in bulk
 * (see `LeanIndex.writeAhead`): each run of `run` terms is sorted once it is complete, and runs of
 * equal length are merged while they stay small; what is left is done by {@link finish}. A
 * lexicon only grows, and a term's id never changes, so what is sorted stays sorted. Merges of
 * neighbouring runs that keep the first run's ids ahead on equal terms give the same order
 * whatever their order, so the result is {@link sortLexicon}'s.
 */
export class LexiconAhead {
  /** Sorted runs of the ids before {@link upTo}, in order. */
  private readonly runs: Uint32Array[] = [];
  private upTo = 0;

  constructor(
    private readonly lexicon: readonly string[],
    private readonly run = 16_384,
  ) {}

  /** Sorts the next run, if it is complete (the rest are left to the next calls). */
  advance(): void {
    if (this.lexicon.length - this.upTo >= this.run) this.add(this.upTo + this.run, true);
  }

  /** The ids of the first `count` terms of `lexicon` sorted; undefined when it is not the lexicon this sorted, or this sorted past `count`. */
  *finish(lexicon: readonly string[], count: number): Generator<void, Uint32Array | undefined, void> {
    if (lexicon !== this.lexicon || count < this.upTo) return undefined;
    while (this.upTo < count) {
      this.add(Math.min(count, this.upTo + this.run), false);
      yield;
    }
    // neighbours merged in pairs, pass after pass: each id is copied once a pass, not once for
    // every run after it
    let runs = this.runs;
    while (runs.length > 1) {
      const next: Uint32Array[] = [];
      for (let i = 0; i < runs.length; i += 2) next.push(i + 1 < runs.length ? yield* mergedRuns(lexicon, runs[i]!, runs[i + 1]!) : runs[i]!);
      runs = next;
    }
    const sorted = runs[0] ?? new Uint32Array(0);
    // what was sorted is the caller's now
    this.runs.length = 0;
    return sorted;
  }

  /** Sorts the ids from {@link upTo} to `to`; with `merge`, merges the last runs while they are as long as each other and small. */
  private add(to: number, merge: boolean): void {
    const runs = this.runs;
    runs.push(sortedRun(this.lexicon, this.upTo, to));
    this.upTo = to;
    while (merge && runs.length > 1 && runs[runs.length - 1]!.length === runs[runs.length - 2]!.length && 2 * runs[runs.length - 1]!.length <= MERGED_AHEAD) {
      const second = runs.pop()!;
      runs.push(allSteps(mergedRuns(this.lexicon, runs.pop()!, second)));
    }
  }
}
