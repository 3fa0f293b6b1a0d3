/** Short, readable names for sources in messages. */
import { perIdSet, type Corpus } from '../corpus/corpus';

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
 * thousands of sources has about as many unique prefixes). Worked out again only when the set of
 * ids changes, not when a source is edited.
 */
const sharedPrefixes = perIdSet((corpus) => {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const id of corpus.sourceIds) {
    const prefix = prefixOf(id);
    if (seen.has(prefix)) shared.add(prefix);
    else seen.add(prefix);
  }
  return shared;
});

/** The source ids that lower-casing changes (none, in most corpora), while the set of ids stays the same. */
const casedIds = perIdSet((corpus) => {
  const cased = new Set<string>();
  for (const id of corpus.sourceIds) if (id.toLowerCase() !== id) cased.add(id);
  return cased;
});

/** A source id in lower case, without lower-casing every id of a large corpus on each check (for {@link nearKeys}). */
export function lowerCaseId(corpus: Corpus): (id: string) => string {
  const cased = casedIds(corpus);
  return cased.size ? (id) => (cased.has(id) ? id.toLowerCase() : id) : (id) => id;
}
