/**
 * The features of a candidate that the learned support model reads (learned.ts): how much of the
 * claim the passages cover, what kind of words they lack, whether the words they share stand in
 * the same relation, and the conflicts found. bench/train.ts fits the weights over these.
 */
import type { Corpus } from '../corpus/corpus';
import { isGenericTerm, type Token } from '../text/text';
import { analysed, sourceFacts } from './facts';
import { slotConflicts } from './roles';
import type { ClaimTerms, SupportResult } from './types';

/** Names of the features, in the order `supportFeatures` returns them (the weights file repeats them, so a mismatch is caught). */
export const FEATURE_NAMES = [
  'coverage',
  'score',
  'plainCoverage',
  'absentFacts',
  'missingNames',
  'missingFacts',
  'missingWords',
  'missingGeneric',
  'newWords',
  'elsewhereWords',
  'maxMissingWeight',
  'logTerms',
  'relation',
  'order',
  'joint',
  'negationMismatch',
  'conflictNumber',
  'conflictName',
  'conflictNegation',
  'conflictAntonym',
  'conflictRole',
  'decisive',
  'substituted',
  'newNames',
  'logScore',
  'missingRun',
  'worstClause',
] as const;

/**
 * Feature values of one candidate, in the order of FEATURE_NAMES. `used`: the features a model
 * reads; the costlier ones it does not read come out as 0.
 */
export function supportFeatures(corpus: Corpus, claim: ClaimTerms, r: SupportResult, used?: ReadonlySet<string>): number[] {
  const want = (name: (typeof FEATURE_NAMES)[number]) => !used || used.has(name);
  const have = new Set<string>();
  for (const p of r.passages) for (const t of corpus.terms(p.key)) have.add(t);
  const elsewhere = r.passages.length ? sourceFacts(corpus, r.passages[0]!.sourceId).terms : new Set<string>();
  let matched = 0;
  let missingNames = 0;
  let missingFacts = 0;
  let missingWords = 0;
  let missingGeneric = 0;
  let newWords = 0;
  let elsewhereWords = 0;
  let maxMissing = 0;
  let newNames = 0;
  const mean = claim.terms.size ? claim.total / claim.terms.size : 1;
  for (const [term, info] of claim.terms) {
    if (have.has(term)) {
      matched++;
      continue;
    }
    maxMissing = Math.max(maxMissing, info.weight / mean);
    if (info.kind !== 'word') missingFacts++;
    else if (info.capital) {
      missingNames++;
      if (!elsewhere.has(term)) newNames++;
    }
    else if (isGenericTerm(term)) missingGeneric++;
    else missingWords++;
    if (info.kind === 'word' && !isGenericTerm(term)) {
      if (elsewhere.has(term)) elsewhereWords++;
      else newWords++;
    }
  }
  const { relation, order } = want('relation') || want('order') ? relationOf(corpus, claim, r, have) : { relation: 0, order: 0 };
  const passageNegated = r.passages.some((p) => analysed(corpus, p).sites.length > 0);
  const count = (pred: (kind: string) => boolean) => (r.conflicts.some((c) => pred(c.kind) && !c.role) ? 1 : 0);
  return [
    r.coverage,
    r.score,
    claim.terms.size ? matched / claim.terms.size : 0,
    claim.absentFacts,
    missingNames,
    missingFacts,
    missingWords,
    missingGeneric,
    newWords,
    elsewhereWords,
    maxMissing,
    Math.log1p(claim.terms.size),
    relation,
    order,
    r.passages.length > 1 ? 1 : 0,
    (claim.sites.length > 0) !== passageNegated ? 1 : 0,
    count((k) => k === 'number' || k === 'date' || k === 'time'),
    count((k) => k === 'name'),
    count((k) => k === 'negation'),
    count((k) => k === 'antonym'),
    r.conflicts.some((c) => c.role) ? 1 : 0,
    r.conflicts.some((c) => c.decisive) ? 1 : 0,
    r.passages.length && want('substituted') ? slotConflicts(corpus, claim, r.passages, have).substituted : 0,
    newNames,
    Math.log(Math.max(r.score, 0.02)),
    ...(want('missingRun') || want('worstClause') ? detailOf(claim, have) : [0, 0]),
  ];
}

/** How far apart (in content words) two words may stand in a passage and still be read as related. */
const NEAR = 3;

/**
 * `relation`: of the pairs of neighbouring content words of the claim that the passages both
 * have, the share that stand near each other in one passage too (a claim that puts the words of
 * two passages, or of two ends of one, into a new relation scores low); `order`: of those near
 * pairs, the share in the claim's order.
 */
function relationOf(corpus: Corpus, claim: ClaimTerms, r: SupportResult, have: ReadonlySet<string>): { relation: number; order: number } {
  const words = claim.tokens.filter((t) => !t.stop && t.kind !== 'negation' && have.has(t.term));
  if (words.length < 2) return { relation: 1, order: 1 };
  const at = new Map<string, Array<[number, number]>>();
  r.passages.forEach((p, pi) => {
    let i = 0;
    for (const t of analysed(corpus, p).tokens as Token[]) {
      if (t.stop || t.kind === 'negation') continue;
      const list = at.get(t.term);
      if (list) list.push([pi, i]);
      else at.set(t.term, [[pi, i]]);
      i++;
    }
  });
  let pairs = 0;
  let near = 0;
  let ordered = 0;
  for (let k = 1; k < words.length; k++) {
    const a = at.get(words[k - 1]!.term) ?? [];
    const b = at.get(words[k]!.term) ?? [];
    if (words[k - 1]!.term === words[k]!.term) continue;
    pairs++;
    let best = Infinity;
    let forward = false;
    for (const [pa, ia] of a) {
      for (const [pb, ib] of b) {
        if (pa !== pb) continue;
        const d = Math.abs(ib - ia);
        if (d < best || (d === best && ib > ia)) {
          best = d;
          forward = ib > ia;
        }
      }
    }
    if (best <= NEAR) {
      near++;
      if (forward) ordered++;
    }
  }
  return { relation: pairs ? near / pairs : 1, order: near ? ordered / near : 1 };
}

/** Where a claim's clauses part: commas, semicolons, relative pronouns and conjunctions. */
const CLAUSE_BREAK = /^[,;:()]|^(?:and|but|which|who|whom|whose|where|while|after|before|when|as|with|including)$/i;

/**
 * A missing detail: the longest run of the claim's content words (not generic) that the passages
 * lack, with no matched word between; and the weighted coverage of the claim's worst-covered clause.
 */
function detailOf(claim: ClaimTerms, have: ReadonlySet<string>): [number, number] {
  let run = 0;
  let longest = 0;
  let clause = { covered: 0, total: 0 };
  let worst = 1;
  const close = () => {
    if (clause.total > 0) worst = Math.min(worst, clause.covered / clause.total);
    clause = { covered: 0, total: 0 };
  };
  let prevEnd = 0;
  for (const t of claim.tokens) {
    const gap = claim.prose.slice(prevEnd, t.start).trim();
    prevEnd = t.end;
    if ((gap && CLAUSE_BREAK.test(gap)) || CLAUSE_BREAK.test(t.raw)) close();
    if (t.stop || t.kind === 'negation') continue;
    const info = claim.terms.get(t.term);
    if (!info) continue;
    clause.total += info.weight;
    if (have.has(t.term)) {
      clause.covered += info.weight;
      run = 0;
    } else if (!(t.kind === 'word' && isGenericTerm(t.term))) longest = Math.max(longest, ++run);
  }
  close();
  return [longest, worst];
}
