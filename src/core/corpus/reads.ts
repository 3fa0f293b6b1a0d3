/**
 * What a piece of work read of a corpus (see `Corpus.recordReads`): the terms whose statistics or
 * postings it read, the sources it read or looked up, and which whole-corpus facts it used. A
 * check of one claim reads only these; when none of them differs in another corpus, the claim's
 * check there is the same (what `grounded check --cache` relies on to keep a claim's findings
 * after an edit elsewhere).
 */

/** Whole-corpus facts a reader can use. */
export type CorpusFact =
  /** The list of source ids (or paths, or their number). */
  | 'ids'
  /** Whether the corpus has passages at all. */
  | 'nonEmpty'
  /** Anything at all (every source, the passage count, a prefix search): any change may matter. */
  | 'all';

/** The reads, as kept beside a cache (JSON). */
export interface SavedReads {
  terms: string[];
  sources: string[];
  paths: string[];
  facts: CorpusFact[];
}

export class CorpusReads {
  /** Terms whose document frequency, IDF or postings were read (every term of a search). */
  readonly terms = new Set<string>();
  /** Sources read, or looked up by id and not found. */
  readonly sources = new Set<string>();
  /** Paths looked up. */
  readonly paths = new Set<string>();
  readonly facts = new Set<CorpusFact>();

  /** Adds what `other` read. */
  merge(other: CorpusReads): void {
    for (const t of other.terms) this.terms.add(t);
    for (const s of other.sources) this.sources.add(s);
    for (const p of other.paths) this.paths.add(p);
    for (const f of other.facts) this.facts.add(f);
  }

  toJSON(): SavedReads {
    return { terms: [...this.terms], sources: [...this.sources], paths: [...this.paths], facts: [...this.facts] };
  }

  /** Reads kept by {@link toJSON}; undefined when `saved` is not such a record. */
  static fromJSON(saved: unknown): CorpusReads | undefined {
    const s = saved as Partial<SavedReads> | undefined;
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
    if (!s || !strings(s.terms) || !strings(s.sources) || !strings(s.paths) || !strings(s.facts)) return undefined;
    const r = new CorpusReads();
    for (const t of s.terms) r.terms.add(t);
    for (const x of s.sources) r.sources.add(x);
    for (const p of s.paths) r.paths.add(p);
    for (const f of s.facts) if (f === 'ids' || f === 'nonEmpty' || f === 'all') r.facts.add(f);
    else return undefined;
    return r;
  }
}

/**
 * How one corpus differs from another that it was brought up to date from, as far as a reader
 * can tell (see {@link unaffected}).
 */
export interface CorpusChanges {
  /** Terms whose postings differ: every term of a passage that is not the same passage, with the same terms at the same place, in both. */
  terms: ReadonlySet<string>;
  /** Ids of the sources changed, added, removed or renamed, in either corpus. */
  sources: ReadonlySet<string>;
  /** Paths of the files changed, added or removed. */
  paths: ReadonlySet<string>;
  /** The whole-corpus facts that differ. */
  facts: ReadonlySet<CorpusFact>;
  /** Whether the statistics scores weigh with (passage count and average length, as rounded for scoring) are the same. */
  sameStatistics: boolean;
}

/**
 * Whether work that made `reads` in the old corpus reads the same in the new one: the same
 * scoring statistics, none of its terms' postings changed, none of its sources changed, and none
 * of the whole-corpus facts it used.
 */
export function unaffected(reads: CorpusReads, changes: CorpusChanges): boolean {
  if (!changes.sameStatistics || reads.facts.has('all')) return false;
  for (const f of reads.facts) if (changes.facts.has(f)) return false;
  const disjoint = <T>(a: ReadonlySet<T>, b: ReadonlySet<T>) => {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    for (const x of small) if (large.has(x)) return false;
    return true;
  };
  return disjoint(reads.terms, changes.terms) && disjoint(reads.sources, changes.sources) && disjoint(reads.paths, changes.paths);
}
