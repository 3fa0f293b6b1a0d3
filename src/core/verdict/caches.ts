/**
 * What the verdict stage keeps between claims: folded source texts for quote matching, the
 * analysis of passages (tokens, negation scopes, counted things) and each source's set of terms.
 * Every corpus has its own (`cachesOf`), bounded, and they go with the corpus.
 */
import type { Corpus } from '../corpus/corpus';

/** A cache of two generations: an entry used again moves to the young one; the old one is dropped when the young one fills. */
export class Generations<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private size = 0;
  constructor(
    private readonly limit: number,
    private readonly cost: (v: V) => number = () => 1,
  ) {}

  get(key: K, compute: (key: K) => V): V {
    let v = this.young.get(key);
    if (v !== undefined) return v;
    v = this.old.get(key);
    if (v !== undefined) this.old.delete(key);
    else v = compute(key);
    this.put(key, v);
    return v;
  }

  /** Keeps `value` for `key` in the young generation. */
  put(key: K, value: V): void {
    this.young.set(key, value);
    this.size += this.cost(value);
    if (this.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
      this.size = 0;
    }
  }
}

/** The caches of one corpus. */
export class VerdictCaches {
  /** Per source object: values computed once (its terms, its counted things, its folded text). */
  readonly perSource = new WeakMap<object, Map<string, unknown>>();
  /**
   * Per passage key, up to 4,096 passages per generation (a long draft against a large corpus
   * analyses a few thousand), each with its own copy of the passage text: the cache holds neither
   * the passage object nor the source text it is a slice of.
   */
  readonly passages = new Generations<number, { text: string; value: unknown }>(4096);
  /** Folded source texts for quote matching: up to 500,000 characters per generation. */
  readonly folded = new Generations<object, { text: string }>(500_000, (f) => f.text.length);

  /** A value computed once per source object and name. */
  ofSource<T>(source: object, name: string, compute: () => T): T {
    let m = this.perSource.get(source);
    if (!m) this.perSource.set(source, (m = new Map()));
    if (!m.has(name)) m.set(name, compute());
    return m.get(name) as T;
  }
}

const byCorpus = new WeakMap<Corpus, VerdictCaches>();

/** The verdict caches of a corpus (created on first use, dropped with the corpus). */
export function cachesOf(corpus: Corpus): VerdictCaches {
  let c = byCorpus.get(corpus);
  if (!c) byCorpus.set(corpus, (c = new VerdictCaches()));
  return c;
}
