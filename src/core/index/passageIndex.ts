/**
 * The corpus index: BM25 over passages, behind a small interface so that the hot paths
 * (claim retrieval, completion) can use whichever implementation meets the performance goals.
 */
import type { TermStore } from './termStore';

export interface Hit {
  /** Passage key. */
  key: number;
  score: number;
}

/** What the checker and the editor features need from an index of passages. */
export interface PassageIndex {
  /** Adds a passage under `key`, with its already-normalised terms. */
  add(key: number, terms: readonly string[]): void;
  /** Removes a passage (its terms must be the ones it was added with). */
  remove(key: number, terms: readonly string[]): void;
  /** The best passages for a bag of terms (OR, BM25), best first. */
  search(terms: readonly string[], limit: number): Hit[];
  /** Passages containing every term of `terms`, the last one as a prefix; best first. */
  searchPrefix(terms: readonly string[], limit: number): Hit[];
  /** Number of passages indexed. */
  readonly size: number;
  /**
   * Optional: read passage terms from the corpus' {@link TermStore} rather than keep a copy. The
   * corpus calls it once, while the index is empty; afterwards `add` and `remove` may ignore their
   * `terms` (the store has them).
   */
  bind?(store: TermStore): void;
  /**
   * Optional: (re)build the whole index from the bound store in slices, yielding between them, so
   * that adding many sources costs one build instead of one update per passage.
   */
  rebuild?(): Generator<void, void, void>;
  /** Optional: does now, while passages are being added in bulk, what of the next {@link rebuild} those stored so far allow. */
  writeAhead?(): void;
}
