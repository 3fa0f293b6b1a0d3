/**
 * Support scoring: how well a passage (or a few passages of one source, read together) backs a
 * claim. Weighted coverage of the claim's content terms, then checks on the facts: numbers, dates
 * and times that differ, negation scoped to the words it governs, antonyms, and names or numbers
 * that no source mentions at all (a hallucinated detail).
 *
 * Measured on real labelled claims by `npm run bench:accuracy`; see bench/RESULTS.md.
 */
import type { Corpus } from './corpus';
import { antonymsOf, isGenericTerm, negationScopes, tokenize, type Token } from './text';
import type { Passage } from './types';

/** Tunable thresholds, chosen on the benchmarks' dev splits (see bench/RESULTS.md). */
export interface SupportThresholds {
  /** Score at or above which a claim is supported (when nothing conflicts). */
  supported: number;
  /** Coverage at or above which a differing fact makes the claim `contradicted` rather than unsupported. */
  contradicted: number;
  /** Coverage at or above which a candidate is offered as a weak "Cite [@x]". */
  weak: number;
}

export const DEFAULT_THRESHOLDS: SupportThresholds = { supported: 0.7, contradicted: 0.5, weak: 0.3 };

export interface TermInfo {
  weight: number;
  kind: Token['kind'];
  capital: boolean;
  raw: string;
  /** No passage of any source has this term. */
  absent: boolean;
}

/** What the claim's words are, prepared once. */
export interface ClaimTerms {
  tokens: Token[];
  /** Content terms with their weights. */
  terms: Map<string, TermInfo>;
  negations: number;
  /** Terms that a negation governs ("did not trust the government" → trust, govern). */
  negated: ReadonlySet<string>;
  total: number;
  /** Penalty factor in (0, 1] for names and numbers that no source mentions. */
  absentFactor: number;
}

export type FactKind = 'number' | 'date' | 'time' | 'name' | 'negation' | 'antonym';

export interface Conflict {
  kind: FactKind;
  /** What the claim says. */
  claim: string;
  /** What the passage says instead, when known. */
  passage?: string;
  /** Decisive on its own ("three corridors" against "two corridors"), whatever the rest of the wording. */
  decisive?: boolean;
}

export interface SupportResult {
  /** One passage, or a few of the same source read together (in the order they were chosen). */
  passages: Passage[];
  /** Weighted coverage of the claim's content terms, in [0, 1]. */
  coverage: number;
  /** Terms of the claim that the passages contain (raw words of the claim). */
  matched: string[];
  /** Facts that differ between claim and passage. */
  conflicts: Conflict[];
  /** Final score in [0, 1]: coverage, lowered by conflicts and by facts no source mentions. */
  score: number;
}

/** Weight of a number, date or time relative to a word; of a name (capitalised word). */
const FACT_WEIGHT = 2;
const NAME_WEIGHT = 1.5;
/** Weight of generic words ("became", "known", "part") that paraphrase freely. */
const GENERIC_WEIGHT = 0.4;
/** Share of a term's weight that comes from its rarity in the corpus; the rest is flat. */
const IDF_SHARE = 0.5;
/** Score factor for each name or number of the claim that no source mentions. */
const ABSENT_FACT_FACTOR = 0.8;
/** Score factor when a fact conflicts. */
const CONFLICT_FACTOR = 0.5;
/** Up to this many passages of one source may support a claim together. */
const MAX_JOINT = 3;
/** A passage joins the evidence only if it adds this much coverage. */
const MIN_GAIN = 0.08;

/** Prepares a claim's terms with corpus IDF weights. */
export function claimTerms(corpus: Corpus, prose: string): ClaimTerms {
  const tokens = tokenize(prose);
  const terms = new Map<string, TermInfo>();
  const maxIdf = corpus.idf('\u0000never');
  let negations = 0;
  let absentFacts = 0;
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
    if (absent && (t.kind !== 'word' || t.capital)) absentFacts++;
    terms.set(t.term, { weight: w, kind: t.kind, capital: t.capital, raw: t.raw, absent });
  }
  let total = 0;
  for (const v of terms.values()) total += v.weight;
  const negated = negationScopes(prose, tokens).negated;
  return { tokens, terms, negations, negated, total, absentFactor: ABSENT_FACT_FACTOR ** absentFacts };
}

/** Tokens and negation scopes of a passage, computed once per passage object. */
const passageCache = new WeakMap<Passage, { tokens: Token[]; negated: ReadonlySet<string>; plain: ReadonlySet<string> }>();
function analysed(p: Passage): { tokens: Token[]; negated: ReadonlySet<string>; plain: ReadonlySet<string> } {
  let a = passageCache.get(p);
  if (!a) {
    const tokens = tokenize(p.text);
    a = { tokens, ...negationScopes(p.text, tokens) };
    passageCache.set(p, a);
  }
  return a;
}

/** Scores one candidate (one passage or a few read together) against a claim. */
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
  const conflicts: Conflict[] = unitConflicts(claim, passages, thresholds, coverage);
  if (coverage >= thresholds.contradicted) {
    for (const [term, info] of missing) {
      if (conflicts.some((c) => c.claim.startsWith(info.raw))) continue;
      if (info.kind === 'number' || info.kind === 'date' || info.kind === 'time') {
        const other = [...have].find((t) => sameKindOfFact(term, t));
        if (other) conflicts.push({ kind: info.kind, claim: info.raw, passage: describeFact(other, passages) });
      } else if (info.kind === 'word') {
        const anti = antonymsOf(term);
        const opposite = anti ? [...anti].find((a) => have.has(a) && !claim.terms.has(a)) : undefined;
        if (opposite) conflicts.push({ kind: 'antonym', claim: info.raw, passage: describeFact(opposite, passages) });
      }
    }
    const flipped = negationFlip(claim, passages, have);
    if (flipped) conflicts.push(flipped);
  }
  let score = coverage * claim.absentFactor;
  if (conflicts.length) score *= CONFLICT_FACTOR;
  return { passages: [...passages], coverage, matched, conflicts, score };
}

/**
 * Two facts that contradict when they differ: dates of the same precision ("Nov. 10" and
 * "Nov. 4", not "Nov. 10" and "Friday"), times, and numbers of the same sort (a year and a year,
 * a count and a count).
 */
function sameKindOfFact(claimTerm: string, passageTerm: string): boolean {
  const prefix = claimTerm[0]!;
  if (passageTerm[0] !== prefix || passageTerm === claimTerm) return false;
  if (prefix === '%') return /^%\d\d-\d\d$/.test(passageTerm) === /^%\d\d-\d\d$/.test(claimTerm) && /^%\d/.test(passageTerm) === /^%\d/.test(claimTerm);
  if (prefix === '#') return isYear(claimTerm) === isYear(passageTerm);
  return true;
}

function isYear(term: string): boolean {
  const n = Number(term.slice(1));
  return Number.isInteger(n) && n >= 1000 && n <= 2100;
}

/**
 * A negation that governs a word in one text and not in the other: "civilians did not trust the
 * government" against "civilians trusted the government". Only words that both texts contain
 * count, so a "not" elsewhere in the passage changes nothing.
 */
function negationFlip(claim: ClaimTerms, passages: readonly Passage[], have: ReadonlySet<string>): Conflict | undefined {
  const negated = new Set<string>();
  const plain = new Set<string>();
  for (const p of passages) {
    const a = analysed(p);
    for (const t of a.negated) negated.add(t);
    for (const t of a.plain) plain.add(t);
  }
  for (const [term, info] of claim.terms) {
    if (!have.has(term) || info.kind !== 'word' || isGenericTerm(term)) continue;
    const claimNegated = claim.negated.has(term);
    if (claimNegated && plain.has(term) && !negated.has(term)) return { kind: 'negation', claim: 'not', passage: 'no negation' };
    if (!claimNegated && negated.has(term) && !plain.has(term)) return { kind: 'negation', claim: 'no negation', passage: 'not' };
  }
  return undefined;
}

/**
 * "three corridors" against "two corridors": a number whose unit (the next content word) the
 * passage counts with another number. Decisive even when the rest of the sentence is worded
 * differently, so it is checked from the weak threshold up.
 */
function unitConflicts(claim: ClaimTerms, passages: readonly Passage[], thresholds: SupportThresholds, coverage: number): Conflict[] {
  if (coverage < thresholds.weak) return [];
  const claimUnits = numberUnits(claim.tokens);
  if (!claimUnits.length) return [];
  const passageUnits = passages.flatMap((p) => numberUnits(analysed(p).tokens));
  const out: Conflict[] = [];
  for (const cu of claimUnits) {
    if (passageUnits.some((pu) => pu.unit === cu.unit && pu.value === cu.value)) continue;
    if (out.some((c) => c.claim.startsWith(cu.number))) continue;
    const other = passageUnits.find((pu) => pu.unit === cu.unit && pu.value !== cu.value);
    if (other) out.push({ kind: 'number', claim: cu.raw, passage: other.raw, decisive: true });
  }
  return out;
}

function numberUnits(tokens: readonly Token[]): Array<{ value: string; unit: string; raw: string; number: string }> {
  const out: Array<{ value: string; unit: string; raw: string; number: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'number') continue;
    // the unit: the next content word, or one after an adjective ("two special corridors")
    for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
      const u = tokens[j]!;
      if (u.kind !== 'word') break;
      if (u.stop) continue;
      if (isGenericTerm(u.term)) continue;
      out.push({ value: t.term, unit: u.term, raw: `${t.raw} ${u.raw}`, number: t.raw });
    }
  }
  return out;
}

function describeFact(term: string, passages: readonly Passage[]): string {
  for (const p of passages) {
    for (const t of analysed(p).tokens) if (t.term === term) return t.raw;
  }
  return term.replace(/^[#%@~]/, '');
}

export interface SupportOptions {
  /** Only passages of these sources count. */
  sources?: ReadonlySet<string>;
  /** How many retrieved passages to score. */
  candidates?: number;
  thresholds?: SupportThresholds;
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
  return !!r && r.score >= thresholds.supported && r.conflicts.length === 0;
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
 * candidates) join it while each adds real coverage — a claim may rest on a few sentences.
 */
export function bestSupport(corpus: Corpus, claim: ClaimTerms, options: SupportOptions = {}): SupportResult | undefined {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const candidates = retrieve(corpus, claim, options);
  if (!candidates.length) return undefined;
  const singles = candidates.map((p) => scoreCandidate(corpus, claim, [p], thresholds));
  singles.sort((a, b) => b.coverage - a.coverage || b.score - a.score);
  let best = singles[0]!;
  const first = best.passages[0]!;
  const pool = singles
    .slice(1, 10)
    .map((r) => r.passages[0]!)
    .filter((p) => p.sourceId === first.sourceId);
  while (best.passages.length < MAX_JOINT) {
    const options_ = new Set(pool);
    for (const p of best.passages) {
      for (const d of [-1, 1] as const) {
        const n = corpus.neighbour(p, d);
        if (n) options_.add(n);
      }
    }
    let next: SupportResult | undefined;
    for (const p of options_) {
      if (best.passages.includes(p)) continue;
      const r = scoreCandidate(corpus, claim, [...best.passages, p], thresholds);
      if (r.coverage >= best.coverage + MIN_GAIN && (!next || r.coverage > next.coverage)) next = r;
    }
    if (!next) break;
    best = next;
  }
  return best;
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
