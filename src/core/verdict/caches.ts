/**
 * What the verdict stage keeps between claims: folded source texts for quote matching, the
 * analysis of passages (tokens, negation scopes, counted things) and each source's set of terms.
 * Every corpus has its own (`cachesOf`), bounded, and they go with the corpus.
 */
import type { Corpus } from '../corpus/corpus';
import { Generations } from '../corpus/generations';

/**
 * What `compute` makes of a passage's text (with the text it was made from, equal to the
 * passage's), kept in `cache` by the passage's key: made again when the key comes with another
 * text (a passage made up by a caller, not the corpus').
 */
export function ofPassage<V>(cache: Generations<number, { text: string; value: V }>, p: { key: number; text: string }, compute: (text: string) => { text: string; value: V }): V {
  const hit = cache.get(p.key, () => compute(p.text));
  if (hit.text === p.text) return hit.value;
  const fresh = compute(p.text);
  cache.put(p.key, fresh);
  return fresh.value;
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
