import MiniSearch from 'minisearch';
import type { Hit, PassageIndex } from './passageIndex';

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
