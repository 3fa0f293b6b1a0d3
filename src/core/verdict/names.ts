/** Short, readable names for sources in messages. */
import { perGeneration, type Corpus } from '../corpus/corpus';

/** A short, readable name for a source id: the part before the first `_`, when that is unique. */
export function shortName(corpus: Corpus, id: string): string {
  const m = /^([^_]+)_/.exec(id);
  if (!m) return id;
  return prefixCounts(corpus).get(m[1]!) === 1 ? m[1]! : id;
}

/** How many source ids each prefix (the part before the first `_`, or the whole id) names. */
const prefixCounts = perGeneration((corpus) => {
  const counts = new Map<string, number>();
  for (const id of corpus.sourceIds) {
    const cut = id.indexOf('_');
    const prefix = cut < 0 ? id : id.slice(0, cut);
    // an id `x_…` counts for `x`; an id `x` without `_` counts for `x` as well
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return counts;
});
