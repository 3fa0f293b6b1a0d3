/**
 * Support scoring: how well a passage (or two passages of one source, read together) backs a
 * claim. Weighted coverage of the claim's content terms, then checks on the facts: numbers, dates
 * and times that differ, negation scoped to the words it governs, antonyms, and names or numbers
 * that no source mentions at all (a hallucinated detail).
 *
 * Measured on real labelled claims by `npm run bench:accuracy`; see bench/RESULTS.md.
 */
import type { Corpus } from '../corpus/corpus';
import { isGenericTerm, negationScopes, tokenize } from '../text/text';
import type { Passage } from '../model/types';
import { claimUnitsOf, countsOtherThing, describeFact, negationFlip, sameKindOfFact, singlesOut, sourceFacts, swaps, unitConflicts } from './facts';
import { countRoleConflicts, slotConflicts, statedElsewhere } from './roles';
import { supportProbability } from './learned';
import { statedOpposites } from './opposites';
import { swappedRoles } from './swappedRoles';
import type { ClaimTerms, Confidence, Conflict, SupportResult, SupportThresholds, TermInfo } from './types';
import { SUPPORT_MODEL } from './weights';

export type { ClaimTerms, Confidence, Conflict, FactKind, SupportModel, SupportResult, SupportThresholds, TermInfo } from './types';

/** The thresholds on the learned probability come with its weights (weights.ts); the coverage thresholds are set by hand. */
export const DEFAULT_THRESHOLDS: SupportThresholds = { ...SUPPORT_MODEL.thresholds, contradicted: 0.5, weak: 0.3 };

/** The hand-set scorer that came before the learned one: the hand score against 0.53 (kept for comparison in bench/accuracy.ts). */
export const HAND_THRESHOLDS: SupportThresholds = { supported: 0.53, confident: 0.3, contradicted: 0.5, weak: 0.3 };

// The constants below were set on the dev splits of ../shared/bench (bench/accuracy.ts); most of
// them move balanced accuracy by less than a point either way.
/** Weight of a number, date or time relative to a word; of a name (capitalised word). */
const FACT_WEIGHT = 3;
const NAME_WEIGHT = 1.5;
/** Weight of generic words ("became", "known", "part") that paraphrase freely. */
const GENERIC_WEIGHT = 0.4;
/** Share of a term's weight that comes from its rarity in the corpus; the rest is flat. */
const IDF_SHARE = 0.5;
/**
 * Score factor for each name of the claim that no source mentions (a detail no source gives, nine
 * times in ten on the labelled sets), and for each number or date, or initialism ("U.K.", "Q3",
 * "COVID-19"), that none mentions: those are as often the writer's own form of what the source
 * spells out ("9th-grade", "U.K." for London), so they lower the score less.
 */
const ABSENT_FACT_FACTOR = 0.6;
const ABSENT_INITIALISM_FACTOR = 0.8;
/** No run of three lower-case letters: "U.K.", "US", "Q3", "YoY", "COVID-19". */
const INITIALISM = /^(?!.*\p{Ll}{3})[\p{L}\d.&-]{1,8}$/u;
/** Score factor when a fact conflicts. */
const CONFLICT_FACTOR = 0.5;
/** Up to this many passages of one source may support a claim together. */
const MAX_JOINT = 2;
/** A passage joins the evidence only if it adds this much coverage. */
const MIN_GAIN = 0.08;

/** Prepares a claim's terms with corpus IDF weights. */
export function claimTerms(corpus: Corpus, prose: string): ClaimTerms {
  const tokens = tokenize(prose);
  const terms = new Map<string, TermInfo>();
  const maxIdf = corpus.idf('\u0000never');
  let negations = 0;
  let absentFacts = 0;
  let absentFactor = 1;
  for (const t of tokens) {
    if (t.kind === 'negation') {
      negations++;
      continue;
    }
    if (t.stop || terms.has(t.term)) continue;
    const absent = corpus.documentFrequency(t.term) === 0;
    let w = 1 - IDF_SHARE + (IDF_SHARE * corpus.idf(t.term)) / maxIdf;
    if (t.kind !== 'word') w *= FACT_WEIGHT;
    else if (t.capital) w *= NAME_WEIGHT;
    else if (isGenericTerm(t.term)) w *= GENERIC_WEIGHT;
    if (absent && (t.kind !== 'word' || t.capital)) {
      absentFacts++;
      absentFactor *= t.kind !== 'word' || INITIALISM.test(t.raw) ? ABSENT_INITIALISM_FACTOR : ABSENT_FACT_FACTOR;
    }
    terms.set(t.term, { weight: w, kind: t.kind, capital: t.capital, raw: t.raw, absent });
  }
  let total = 0;
  for (const v of terms.values()) total += v.weight;
  const { negated, plain, sites } = negationScopes(prose, tokens);
  return { prose, tokens, terms, negations, negated, plain, sites, total, absentFactor, absentFacts };
}

/**
 * The share of the claim's term weight that passages have (`scoreCandidate`'s coverage, without
 * its fact checks), for one claim and many candidates: the claim's terms are matched once, and
 * the weights added up in the claim's order, as scoreCandidate adds them.
 */
function coverageMeter(corpus: Corpus, claim: ClaimTerms): (passages: readonly Passage[]) => number {
  const entries = [...claim.terms.entries()];
  const match = corpus.matcher(entries.map(([term]) => term));
  const has = new Uint8Array(entries.length);
  return (passages) => {
    has.fill(0);
    for (const p of passages) match(p.key, has);
    let covered = 0;
    for (let i = 0; i < entries.length; i++) if (has[i]) covered += entries[i]![1].weight;
    return claim.total > 0 ? covered / claim.total : 0;
  };
}

/** Scores one candidate (one passage or several read together) against a claim. */
export function scoreCandidate(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[], thresholds = DEFAULT_THRESHOLDS): SupportResult {
  const have = new Set<string>();
  for (const p of passages) for (const t of corpus.terms(p.key)) have.add(t);
  let covered = 0;
  const matched: string[] = [];
  const missing: Array<[string, TermInfo]> = [];
  for (const [term, info] of claim.terms) {
    if (have.has(term)) {
      covered += info.weight;
      matched.push(info.raw);
    } else missing.push([term, info]);
  }
  const coverage = claim.total > 0 ? covered / claim.total : 0;
  const conflicts: Conflict[] = unitConflicts(corpus, claim, passages, thresholds, coverage);
  if (coverage >= thresholds.contradicted) {
    // a fact the source states elsewhere is missing evidence, not a contradiction
    // the source's terms, only when a number, date or time of the claim is missing
    let elsewhere: { has(term: string): boolean } | undefined;
    for (const [term, info] of missing) {
      if (conflicts.some((c) => c.claim.startsWith(info.raw))) continue;
      if (info.kind === 'number' || info.kind === 'date' || info.kind === 'time') {
        if ((elsewhere ??= sourceFacts(corpus, passages[0]!.sourceId).terms).has(term) || singlesOut(claim, term)) continue;
        const other = [...have].find((t) => sameKindOfFact(term, t) && !countsOtherThing(corpus, claim, term, t, passages));
        if (other) conflicts.push({ kind: info.kind, claim: info.raw, passage: describeFact(corpus, other, passages) });
      }
    }
    const flipped = negationFlip(corpus, claim, passages);
    if (flipped) conflicts.push(flipped);
    for (const c of swaps(corpus, claim, passages)) if (!conflicts.some((x) => x.claim === c.claim)) conflicts.push(c);
  }
  let score = coverage * claim.absentFactor;
  if (conflicts.length) score *= CONFLICT_FACTOR;
  // the probability is worked out for the candidate that bestSupport keeps
  return { passages: [...passages], coverage, matched, missing: missing.map(([, info]) => info.raw), conflicts, score, probability: score };
}

export interface SupportOptions {
  /** Only passages of these sources count. */
  sources?: ReadonlySet<string>;
  /** How many retrieved passages to score. */
  candidates?: number;
  thresholds?: SupportThresholds;
  /** `hand`: the probability is the hand-set score (compare with HAND_THRESHOLDS); default `learned`. */
  scorer?: 'learned' | 'hand';
}

/** The claim terms used for retrieval: rarest first, at most `max`, so common words cost nothing. */
function retrievalTerms(claim: ClaimTerms, max = 16): string[] {
  return [...claim.terms.entries()]
    .filter(([, info]) => !info.absent)
    .sort((a, b) => b[1].weight - a[1].weight)
    .slice(0, max)
    .map(([t]) => t);
}

/** Whether a result supports its claim. */
export function isSupported(r: SupportResult | undefined, thresholds = DEFAULT_THRESHOLDS): boolean {
  return !!r && r.probability >= thresholds.supported && r.conflicts.length === 0;
}

/**
 * How sure a verdict against the claim is: `confident` below `thresholds.confident` and for a
 * contradiction (a decisive conflict, or a conflict on a close match); `uncertain` between the
 * thresholds.
 */
export function confidenceOf(r: SupportResult | undefined, thresholds = DEFAULT_THRESHOLDS): Confidence {
  if (!r) return 'confident';
  if (isContradicted(r, thresholds)) return 'confident';
  return r.probability < thresholds.confident ? 'confident' : 'uncertain';
}

/** Whether a result contradicts its claim: a decisive conflict, or any conflict on a close match. */
export function isContradicted(r: SupportResult | undefined, thresholds = DEFAULT_THRESHOLDS): boolean {
  return !!r && (r.conflicts.some((c) => c.decisive) || (r.conflicts.length > 0 && r.coverage >= thresholds.contradicted));
}

function retrieve(corpus: Corpus, claim: ClaimTerms, options: SupportOptions): Passage[] {
  const limit = options.candidates ?? 30;
  if (!options.sources) return corpus.search(retrievalTerms(claim), limit);
  const candidates: Passage[] = [];
  for (const id of options.sources) {
    const s = corpus.source(id);
    if (s && s.passages.length <= 400) candidates.push(...s.passages);
  }
  // large cited sources: retrieve within them
  if (candidates.length === 0 || [...options.sources].some((id) => (corpus.source(id)?.passages.length ?? 0) > 400)) {
    candidates.push(...corpus.search(retrievalTerms(claim), limit * 20).filter((p) => options.sources!.has(p.sourceId)).slice(0, limit));
  }
  return candidates;
}

/**
 * The best support for a claim: retrieves candidate passages and scores each; the best one is the
 * passage to judge the claim by, and passages of the same source (its neighbours, or other good
 * candidates) join it, up to MAX_JOINT, while each adds real coverage: a claim may rest on two sentences.
 */
export function bestSupport(corpus: Corpus, claim: ClaimTerms, options: SupportOptions = {}): SupportResult | undefined {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const candidates = retrieve(corpus, claim, options);
  if (!candidates.length) return undefined;
  const coverageOf = coverageMeter(corpus, claim);
  const singles = bestSingle(corpus, claim, candidates, thresholds, 10, coverageOf);
  let best = singles.best;
  const pool = singles.pool;
  while (best.passages.length < MAX_JOINT) {
    const options_ = new Set(pool);
    for (const p of best.passages) {
      for (const d of [-1, 1] as const) {
        const n = corpus.neighbour(p, d);
        if (n) options_.add(n);
      }
    }
    // the pair is picked by coverage; only the one picked is scored in full
    let next: Passage | undefined;
    let nextCoverage = 0;
    for (const p of options_) {
      if (best.passages.includes(p)) continue;
      const coverage = coverageOf([...best.passages, p]);
      if (coverage >= best.coverage + MIN_GAIN && (!next || coverage > nextCoverage)) {
        next = p;
        nextCoverage = coverage;
      }
    }
    if (!next) break;
    best = scoreCandidate(corpus, claim, [...best.passages, next], thresholds);
  }
  best = withRoles(corpus, claim, best, thresholds);
  if (options.scorer !== 'hand') best.probability = supportProbability(corpus, claim, best);
  return best;
}

/** The best single candidate and the others of its source among the first `count` places (see {@link placeSingles}). */
function bestSingle(corpus: Corpus, claim: ClaimTerms, candidates: readonly Passage[], thresholds: SupportThresholds, count: number, coverageOf: (passages: readonly Passage[]) => number): { best: SupportResult; pool: Passage[] } {
  const results = new Map<number, SupportResult>();
  const scored = (i: number) => {
    let r = results.get(i);
    if (!r) results.set(i, (r = scoreCandidate(corpus, claim, [candidates[i]!], thresholds)));
    return r;
  };
  const placed = placeSingles(
    candidates.map((p) => coverageOf([p])),
    (i) => candidates[i]!.sourceId,
    (i) => scored(i).conflicts.length > 0,
    count,
  );
  return { best: scored(placed.best), pool: placed.pool.map((i) => candidates[i]!) };
}

/**
 * Candidates (by index) ranked as if every one were scored in full and sorted by coverage, then
 * score (a stable sort: retrieval order breaks the remaining ties): the first, and the others of
 * its source among the first `count` places, in order. Candidates of equal coverage differ in
 * score only by whether they conflict with the claim (scoreCandidate halves the score of one that
 * does), so within a run of equal coverage those without a conflict come first, in retrieval
 * order; `conflicts` (the fact checks, most of the cost) is asked only where that decides
 * something. The first is the first of the top run without a conflict (or its first, when all
 * conflict). A run that fits in the places left is placed whole: of its candidates only those of
 * the first one's source are asked about, for their order. In the run that does not fit, the
 * places go to its candidates without a conflict first, asked about in order until they are filled.
 */
export function placeSingles(coverage: readonly number[], sourceOf: (i: number) => string, conflicts: (i: number) => boolean, count: number): { best: number; pool: number[] } {
  const order = coverage.map((_, i) => i).sort((a, b) => coverage[b]! - coverage[a]!);
  let best = -1;
  let placed = 0;
  const pool: number[] = [];
  for (let i = 0; i < order.length && placed < count; ) {
    let end = i + 1;
    while (end < order.length && coverage[order[end]!] === coverage[order[i]!]) end++;
    const run = order.slice(i, end);
    i = end;
    if (placed + run.length > count) {
      // the run does not fit: its candidates without a conflict first, until the places are filled
      const clean: number[] = [];
      const conflicting: number[] = [];
      for (let j = 0; j < run.length && placed + clean.length < count; j++) (conflicts(run[j]!) ? conflicting : clean).push(run[j]!);
      const here = [...clean, ...conflicting];
      // the places past the first that are left (in the top run, the first goes to the best)
      const left = placed === 0 ? count - 1 : count - placed;
      if (best < 0) best = here.shift()!;
      const source = sourceOf(best);
      for (const c of here.slice(0, left)) if (sourceOf(c) === source) pool.push(c);
      break;
    }
    // the first of the top run without a conflict, or its first
    if (best < 0) best = run.find((c) => !conflicts(c)) ?? run[0]!;
    const source = sourceOf(best);
    const clean: number[] = [];
    const conflicting: number[] = [];
    for (const c of run) if (c !== best && sourceOf(c) === source) (conflicts(c) ? conflicting : clean).push(c);
    pool.push(...clean, ...conflicting);
    placed += run.length;
  }
  return { best, pool };
}

/** Conflicts in a slot of the best passage that a word of the other passage of a pair cannot fill. */
const PAIR_SLOT_KINDS: ReadonlySet<Conflict['kind']> = new Set(['antonym', 'name', 'word']);

/**
 * The role checks (roles.ts) on the candidate kept: opposites, names and places that fill the same
 * slot, the subject of one passage joined with the predicate of another, counts read with their
 * clause's subject. Run once per claim rather than per candidate: they cost more than the rest.
 */
function withRoles(corpus: Corpus, claim: ClaimTerms, r: SupportResult, thresholds: SupportThresholds): SupportResult {
  if (r.coverage < thresholds.contradicted) return r;
  const conflicts = [...r.conflicts];
  const known = (c: Conflict) => conflicts.some((x) => x.claim === c.claim || x.claim.startsWith(c.claim) || c.claim.startsWith(x.claim));
  const have = new Set<string>();
  for (const p of r.passages) for (const t of corpus.terms(p.key)) have.add(t);
  for (const c of slotConflicts(corpus, claim, r.passages, have).conflicts) if (!known(c)) conflicts.push(c);
  // two passages read together must not join the subject of one with the predicate of the other,
  // nor fill a slot of the best one with a word of the other ("eastern Aleppo" where the best passage
  // has "western Aleppo" and the other "the eastern part")
  if (r.passages.length > 1) {
    r.passages.forEach((p, i) => {
      for (const c of slotConflicts(corpus, claim, [p], new Set(corpus.terms(p.key)), i === 0 ? r.passages.slice(1) : undefined).conflicts) if ((c.role === 'who' || (i === 0 && PAIR_SLOT_KINDS.has(c.kind) && !statedElsewhere(corpus, claim, c, r.passages.slice(1)))) && !known(c)) conflicts.push(c);
    });
  }
  const units = claimUnitsOf(claim);
  if (units.length) for (const c of countRoleConflicts(corpus, claim, r.passages, units)) if (!known(c)) conflicts.push(c);
  for (const c of statedOpposites(corpus, claim, r.passages)) if (!known(c) && !conflicts.some((x) => x.kind === 'antonym')) conflicts.push(c);
  // who did it to whom: the subject and a name after the verb trading places
  for (const c of swappedRoles(corpus, claim, r.passages)) if (!known(c) && !conflicts.some((x) => x.role === 'who')) conflicts.push(c);
  if (conflicts.length === r.conflicts.length) return r;
  return { ...r, conflicts, score: r.conflicts.length ? r.score : r.score * CONFLICT_FACTOR };
}

/** Single passages ranked by how well each supports the claim, best first (for evidence lists and benchmarks). */
export function rankPassages(corpus: Corpus, claim: ClaimTerms, limit = 5, candidates = 30): Passage[] {
  return corpus
    .search(retrievalTerms(claim), candidates)
    .map((p) => scoreCandidate(corpus, claim, [p]))
    .sort((a, b) => b.coverage - a.coverage || b.score - a.score)
    .slice(0, limit)
    .map((r) => r.passages[0]!);
}
