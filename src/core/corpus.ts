/**
 * The corpus: every source, its passages, and the index over them. Sources are added, replaced
 * and removed one file at a time, so a file watcher can keep it current.
 */
import { MiniSearchIndex, type PassageIndex } from './passageIndex';
import { parseSource } from './sources';
import { indexTerms } from './text';
import type { Passage, Problem, Source, SourceMeta } from './types';

export interface CorpusOptions {
  /** The index implementation; MiniSearch by default. */
  index?: PassageIndex;
}

export class Corpus {
  private readonly byId = new Map<string, Source>();
  private readonly idByPath = new Map<string, string>();
  private readonly passagesByKey = new Map<number, Passage>();
  private readonly termsByKey = new Map<number, readonly string[]>();
  private readonly df = new Map<string, number>();
  private nextKey = 0;
  private readonly problemsByPath = new Map<string, Problem[]>();
  readonly index: PassageIndex;
  /** Bibliography metadata by id, applied to sources added after it is set. */
  bibliography: ReadonlyMap<string, SourceMeta> = new Map();
  /** Bumped on every change, so callers can tell whether cached verdicts are stale. */
  generation = 0;

  constructor(options: CorpusOptions = {}) {
    this.index = options.index ?? new MiniSearchIndex();
  }

  /** Adds or replaces the source read from `path`. Returns the parsed source. */
  addSource(path: string, text: string): Source {
    this.removeSource(path);
    const parsed = parseSource(path, text, { bibliography: this.bibliography, firstKey: this.nextKey });
    let source = parsed;
    const problems: Problem[] = parsed.problems.map((message) => ({ path, message, kind: 'partial' as const }));
    if (this.byId.has(parsed.id)) {
      let n = 2;
      while (this.byId.has(`${parsed.id}-${n}`)) n++;
      const id = `${parsed.id}-${n}`;
      problems.push({ path, message: `another source already has the id "${parsed.id}" (${this.byId.get(parsed.id)!.path}); this one is cited as "${id}"`, kind: 'info' });
      source = { ...parsed, id, meta: { ...parsed.meta, id }, passages: parsed.passages.map((p) => ({ ...p, sourceId: id })) };
    }
    this.nextKey += source.passages.length;
    this.byId.set(source.id, source);
    this.idByPath.set(path, source.id);
    if (problems.length) this.problemsByPath.set(path, problems);
    for (const p of source.passages) {
      const terms = indexTerms(p.text);
      this.passagesByKey.set(p.key, p);
      this.termsByKey.set(p.key, terms);
      for (const t of new Set(terms)) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.index.add(p.key, terms);
    }
    this.generation++;
    return source;
  }

  /** Removes the source read from `path`, if any. */
  removeSource(path: string): boolean {
    const id = this.idByPath.get(path);
    this.problemsByPath.delete(path);
    if (id === undefined) return false;
    const source = this.byId.get(id)!;
    for (const p of source.passages) {
      const terms = this.termsByKey.get(p.key) ?? [];
      this.index.remove(p.key, terms);
      for (const t of new Set(terms)) {
        const n = (this.df.get(t) ?? 1) - 1;
        if (n <= 0) this.df.delete(t);
        else this.df.set(t, n);
      }
      this.passagesByKey.delete(p.key);
      this.termsByKey.delete(p.key);
    }
    this.byId.delete(id);
    this.idByPath.delete(path);
    this.generation++;
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
    return [...this.byId.values()];
  }

  get sourceCount(): number {
    return this.byId.size;
  }

  get passageCount(): number {
    return this.passagesByKey.size;
  }

  source(id: string): Source | undefined {
    return this.byId.get(id);
  }

  sourceAtPath(path: string): Source | undefined {
    const id = this.idByPath.get(path);
    return id === undefined ? undefined : this.byId.get(id);
  }

  passage(key: number): Passage | undefined {
    return this.passagesByKey.get(key);
  }

  /** The index terms of a passage. */
  terms(key: number): readonly string[] {
    return this.termsByKey.get(key) ?? [];
  }

  /** The passage before or after `p` in its source. */
  neighbour(p: Passage, delta: -1 | 1): Passage | undefined {
    const source = this.byId.get(p.sourceId);
    return source?.passages[p.ordinal + delta];
  }

  /** Inverse document frequency of a term (BM25's form, always > 0). */
  idf(term: string): number {
    const n = this.passagesByKey.size;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Number of passages containing the term. */
  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** The best passages for a bag of terms. */
  search(terms: readonly string[], limit: number): Passage[] {
    return this.index
      .search(terms, limit)
      .map((h) => this.passagesByKey.get(h.key))
      .filter((p): p is Passage => p !== undefined);
  }
}
