/** Short, readable names for sources in messages, and the ids near a key that names none. */
import { distance } from 'fastest-levenshtein';
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

/** A source id in lower case, without lower-casing every id of a large corpus on each check. */
function lowerCaseId(corpus: Corpus): (id: string) => string {
  const cased = casedIds(corpus);
  return cased.size ? (id) => (cased.has(id) ? id.toLowerCase() : id) : (id) => id;
}

/** Most unknown keys whose near ids are kept per set of ids. */
const NEAR_KEPT = 1_024;

/** The ids near each unknown key looked up (see nearMatches), while the set of ids stays the same. */
const nearIds = perIdSet(() => new Map<string, Map<string, number>>());

/**
 * `nearKeys(key, corpus.sourceIds)`, without going through every id again on each check: the ids
 * near the key are kept while the set of ids stays the same, and put in the list's current order.
 */
export function nearSourceKeys(corpus: Corpus, key: string): string[] {
  const kept = nearIds(corpus);
  let matches = kept.get(key);
  if (!matches) {
    matches = nearMatches(key, corpus.sourceIds, lowerCaseId(corpus));
    if (kept.size >= NEAR_KEPT) kept.clear();
    kept.set(key, matches);
  }
  if (matches.size) return nearest(matches, corpus.sourceIds);
  // what the answer depends on is read even when no id is near: the set of ids
  void corpus.sourceCount;
  return [];
}

/**
 * Keys close to an unknown one: by edit distance, or ones it is a prefix of. `lowered`: an id in
 * lower case (given by a caller that knows which ids lower-casing leaves as they are).
 */
export function nearKeys(key: string, ids: readonly string[], lowered: (id: string) => string = (id) => id.toLowerCase()): string[] {
  return nearest(nearMatches(key, ids, lowered), ids);
}

/**
 * What {@link nearKeys} picks from, whatever the order of the ids: every id the key begins (in
 * lower case), or if none, every id within the edit distance allowed, with its distance.
 */
export function nearMatches(key: string, ids: Iterable<string>, lowered: (id: string) => string): Map<string, number> {
  const lower = key.toLowerCase();
  const out = new Map<string, number>();
  if (lower.length >= 3) {
    for (const id of ids) if (lowered(id).startsWith(lower)) out.set(id, 0);
    if (out.size) return out;
  }
  const max = Math.max(2, Math.floor(key.length / 4));
  for (const id of ids) {
    const other = lowered(id);
    // the edit distance is at least the difference in length
    if (Math.abs(other.length - lower.length) > max) continue;
    const d = distance(lower, other);
    if (d <= max) out.set(id, d);
  }
  return out;
}

/** The first three of `matches` in the order of `ids`, nearest first (ties in that order). */
export function nearest(matches: ReadonlyMap<string, number>, ids: readonly string[]): string[] {
  if (!matches.size) return [];
  const scored: Array<{ id: string; d: number }> = [];
  for (const id of ids) {
    const d = matches.get(id);
    if (d !== undefined) scored.push({ id, d });
  }
  scored.sort((a, b) => a.d - b.d);
  return scored.slice(0, 3).map((x) => x.id);
}
