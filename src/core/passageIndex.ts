/**
 * The corpus index: BM25 over passages, behind a small interface so that the hot paths
 * (claim retrieval, completion) can use whichever implementation meets the performance goals.
 */
import MiniSearch from 'minisearch';
import type { TermStore } from './leanIndex';

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
}

/** MiniSearch, with our own terms: BM25 over stemmed, case-folded, synonym-mapped words. */
export class MiniSearchIndex implements PassageIndex {
  private readonly mini = new MiniSearch<{ id: number; terms: string }>({
    fields: ['terms'],
    idField: 'id',
    tokenize: (s) => (s ? s.split(' ') : []),
    processTerm: (t) => t || null,
    searchOptions: { tokenize: (s) => (s ? s.split(' ') : []), processTerm: (t) => t || null },
  });

  get size(): number {
    return this.mini.documentCount;
  }

  add(key: number, terms: readonly string[]): void {
    this.mini.add({ id: key, terms: terms.join(' ') });
  }

  remove(key: number, _terms: readonly string[]): void {
    if (this.mini.has(key)) this.mini.discard(key);
  }

  search(terms: readonly string[], limit: number): Hit[] {
    const unique = [...new Set(terms)].filter((t) => t);
    if (!unique.length) return [];
    return this.mini
      .search(unique.join(' '), { combineWith: 'OR' })
      .slice(0, limit)
      .map((r) => ({ key: r.id as number, score: r.score }));
  }

  searchPrefix(terms: readonly string[], limit: number): Hit[] {
    const unique = terms.filter((t) => t);
    if (!unique.length) return [];
    return this.mini
      .search(unique.join(' '), { combineWith: 'AND', prefix: (_t, i, all) => i === all.length - 1 })
      .slice(0, limit)
      .map((r) => ({ key: r.id as number, score: r.score }));
  }

}
