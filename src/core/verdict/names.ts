/** Short, readable names for sources in messages. */
import { perGeneration, type Corpus } from '../corpus/corpus';

/** A short, readable name for a source id: the part before the first `_`, when that is unique. */
export function shortName(corpus: Corpus, id: string): string {
  const m = /^([^_]+)_/.exec(id);
  if (!m) return id;
  const prefix = m[1]!;
  // a source of the corpus counts for its own prefix: unique unless another one shares it
  if (corpus.passageKeys(id)) return sharedPrefixes(corpus).has(prefix) ? id : prefix;
  return idsWithPrefix(corpus.sourceIds, prefix) === 1 ? prefix : id;
}

/** The part before the first `_` of an id, or the whole id. */
function prefixOf(id: string): string {
  const cut = id.indexOf('_');
  return cut < 0 ? id : id.slice(0, cut);
}

/** How many of the ids a prefix names (an id `x_…` counts for `x`; an id `x` without `_` counts for `x` as well). */
function idsWithPrefix(ids: readonly string[], prefix: string): number {
  let n = 0;
  for (const id of ids) if (prefixOf(id) === prefix) n++;
  return n;
}

/**
 * The prefixes that name more than one source id (only these are kept: a corpus of tens of
 * thousands of sources has about as many unique prefixes).
 */
const sharedPrefixes = perGeneration((corpus) => {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const id of corpus.sourceIds) {
    const prefix = prefixOf(id);
    if (seen.has(prefix)) shared.add(prefix);
    else seen.add(prefix);
  }
  return shared;
});
