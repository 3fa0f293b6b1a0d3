/**
 * Support scoring: how well a passage (or two) backs a claim. IDF-weighted coverage of the
 * claim's content terms, then checks on numbers, dates, times, names, negation and antonyms.
 */
import type { Corpus } from './corpus';
import { antonymsOf, tokenize, type Token } from './text';
import type { Passage } from './types';

/** Tunable thresholds, chosen on the benchmarks' dev splits (see bench/RESULTS.md). */
export interface SupportThresholds {
  /** Coverage at or above which a claim is supported. */
  supported: number;
  /** Coverage at or above which a differing fact makes the claim `contradicted` rather than unsupported. */
  contradicted: number;
  /** Coverage at or above which a candidate is offered as a weak "Cite [@x]". */
  weak: number;
}

export const DEFAULT_THRESHOLDS: SupportThresholds = { supported: 0.7, contradicted: 0.5, weak: 0.3 };

/** What the claim's words are, prepared once. */
export interface ClaimTerms {
  tokens: Token[];
  /** Content terms with their weights. */
  terms: Map<string, { weight: number; kind: Token['kind']; capital: boolean; raw: string }>;
  negations: number;
  total: number;
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
  /** One passage, or two read together. */
  passages: Passage[];
  /** Weighted coverage of the claim's content terms, in [0, 1]. */
  coverage: number;
  /** Terms of the claim that the passages contain (raw words of the claim). */
  matched: string[];
  /** Facts that differ between claim and passage. */
  conflicts: Conflict[];
  /** Final score: coverage, lowered by conflicts. */
  score: number;
}

const FACT_WEIGHT = 1.6;
const NAME_WEIGHT = 1.3;

/** Prepares a claim's terms with corpus IDF weights. */
export function claimTerms(corpus: Corpus, prose: string): ClaimTerms {
  const tokens = tokenize(prose);
  const terms = new Map<string, { weight: number; kind: Token['kind']; capital: boolean; raw: string }>();
  let negations = 0;
  for (const t of tokens) {
    if (t.kind === 'negation') {
      negations++;
      continue;
    }
    if (t.stop || terms.has(t.term)) continue;
    let w = corpus.idf(t.term);
    if (t.kind !== 'word') w *= FACT_WEIGHT;
    else if (t.capital) w *= NAME_WEIGHT;
    terms.set(t.term, { weight: w, kind: t.kind, capital: t.capital, raw: t.raw });
  }
  let total = 0;
  for (const v of terms.values()) total += v.weight;
  return { tokens, terms, negations, total };
}

function negationCount(corpus: Corpus, passages: readonly Passage[]): number {
  let n = 0;
  for (const p of passages) for (const t of corpus.terms(p.key)) if (t === '~not') n++;
  return n;
}

/** Scores one candidate (one passage or two read together) against a claim. */
export function scoreCandidate(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[], thresholds = DEFAULT_THRESHOLDS): SupportResult {
  const have = new Set<string>();
  for (const p of passages) for (const t of corpus.terms(p.key)) have.add(t);
  let covered = 0;
  const matched: string[] = [];
  const missing: Array<[string, { weight: number; kind: Token['kind']; capital: boolean; raw: string }]> = [];
  for (const [term, info] of claim.terms) {
    if (have.has(term)) {
      covered += info.weight;
      matched.push(info.raw);
    } else missing.push([term, info]);
  }
  const coverage = claim.total > 0 ? covered / claim.total : 0;
  const conflicts: Conflict[] = unitConflicts(claim, passages, thresholds, coverage);
  if (coverage >= thresholds.contradicted) {
    const passageFacts = (prefix: string) => [...have].filter((t) => t.startsWith(prefix));
    for (const [term, info] of missing) {
      if (conflicts.some((c) => c.claim === info.raw)) continue;
      if (info.kind === 'number' || info.kind === 'date' || info.kind === 'time') {
        const prefix = term[0]!;
        // a date compares with dates of the same precision: "Nov. 10" with "Nov. 4", not with "Friday"
        const same = passageFacts(prefix).filter((t) => (prefix === '%' ? /^%\d\d-\d\d$/.test(t) === /^%\d\d-\d\d$/.test(term) && /^%\d/.test(t) === /^%\d/.test(term) : true));
        if (same.length) conflicts.push({ kind: info.kind, claim: info.raw, passage: describeFact(same[0]!, passages) });
      } else if (info.kind === 'word') {
        const anti = antonymsOf(term);
        const opposite = anti ? [...anti].find((a) => have.has(a)) : undefined;
        if (opposite) conflicts.push({ kind: 'antonym', claim: info.raw, passage: rawOf(corpus, passages, opposite) });
        else if (info.capital && coverage >= thresholds.supported - 0.1 && corpus.documentFrequency(term) > 0) {
          // a name the sources know, but not here, while the rest matches: a swapped name
          conflicts.push({ kind: 'name', claim: info.raw });
        }
      }
    }
    const pn = negationCount(corpus, passages);
    if ((claim.negations > 0) !== (pn > 0)) conflicts.push({ kind: 'negation', claim: claim.negations > 0 ? 'not' : 'no negation', passage: pn > 0 ? 'not' : 'no negation' });
  }
  const score = conflicts.length ? coverage * 0.5 : coverage;
  return { passages: [...passages], coverage, matched, conflicts, score };
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
  const passageUnits = passages.flatMap((p) => numberUnits(tokenize(p.text)));
  const out: Conflict[] = [];
  for (const cu of claimUnits) {
    if (passageUnits.some((pu) => pu.unit === cu.unit && pu.value === cu.value)) continue;
    const other = passageUnits.find((pu) => pu.unit === cu.unit && pu.value !== cu.value);
    if (other) out.push({ kind: 'number', claim: cu.raw, passage: other.raw, decisive: true });
  }
  return out;
}

function numberUnits(tokens: readonly Token[]): Array<{ value: string; unit: string; raw: string }> {
  const out: Array<{ value: string; unit: string; raw: string }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'number') continue;
    // the unit: the next content word, skipping adjectives is beyond us; "two special corridors" looks two ahead
    for (let j = i + 1; j <= i + 3 && j < tokens.length; j++) {
      const u = tokens[j]!;
      if (u.kind !== 'word') break;
      if (u.stop) continue;
      out.push({ value: t.term, unit: u.term, raw: `${t.raw} ${u.raw}` });
    }
  }
  return out;
}

function describeFact(term: string, passages: readonly Passage[]): string {
  for (const p of passages) {
    for (const t of tokenize(p.text)) if (t.term === term) return t.raw;
  }
  return term.slice(1);
}

function rawOf(corpus: Corpus, passages: readonly Passage[], term: string): string | undefined {
  void corpus;
  return describeFact(term, passages);
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
    .sort((a, b) => b[1].weight - a[1].weight)
    .slice(0, max)
    .map(([t]) => t);
}

/**
 * The best support for a claim: retrieves candidate passages, scores each alone and with its
 * neighbours, and the two best together (a claim may rest on two sentences).
 */
/** Whether a result supports its claim. */
export function isSupported(r: SupportResult | undefined, thresholds = DEFAULT_THRESHOLDS): boolean {
  return !!r && r.coverage >= thresholds.supported && r.conflicts.length === 0;
}

/** Whether a result contradicts its claim: a decisive conflict, or any conflict on a close match. */
export function isContradicted(r: SupportResult | undefined, thresholds = DEFAULT_THRESHOLDS): boolean {
  return !!r && (r.conflicts.some((c) => c.decisive) || (r.conflicts.length > 0 && r.coverage >= thresholds.contradicted));
}

export function bestSupport(corpus: Corpus, claim: ClaimTerms, options: SupportOptions = {}): SupportResult | undefined {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const limit = options.candidates ?? 30;
  let candidates: Passage[];
  if (options.sources) {
    candidates = [];
    for (const id of options.sources) {
      const s = corpus.source(id);
      if (!s) continue;
      if (s.passages.length <= 400) candidates.push(...s.passages);
    }
    // large cited sources: retrieve within them
    if (candidates.length === 0 || [...options.sources].some((id) => (corpus.source(id)?.passages.length ?? 0) > 400)) {
      candidates.push(...corpus.search(retrievalTerms(claim), limit * 20).filter((p) => options.sources!.has(p.sourceId)).slice(0, limit));
    }
  } else {
    candidates = corpus.search(retrievalTerms(claim), limit);
  }
  if (!candidates.length) return undefined;
  const singles = candidates.map((p) => scoreCandidate(corpus, claim, [p], thresholds));
  // the passage that matches the claim best is the one to judge it by, conflicts and all
  singles.sort((a, b) => b.coverage - a.coverage || b.score - a.score);
  let best = singles[0]!;
  const top = singles.slice(0, 8);
  const consider = (r: SupportResult) => {
    // two passages must add real coverage to beat one
    if (r.coverage > best.coverage + 0.08) best = r;
  };
  for (const r of top) {
    const p = r.passages[0]!;
    for (const d of [-1, 1] as const) {
      const n = corpus.neighbour(p, d);
      if (n && (!options.sources || options.sources.has(n.sourceId))) consider(scoreCandidate(corpus, claim, d < 0 ? [n, p] : [p, n], thresholds));
    }
  }
  for (let i = 0; i < Math.min(top.length, 4); i++) {
    for (let j = i + 1; j < Math.min(top.length, 4); j++) consider(scoreCandidate(corpus, claim, [top[i]!.passages[0]!, top[j]!.passages[0]!], thresholds));
  }
  return best;
}

/** Single passages ranked by how well each supports the claim, best first (for evidence lists and benchmarks). */
export function rankPassages(corpus: Corpus, claim: ClaimTerms, limit = 5, candidates = 30): Passage[] {
  return corpus
    .search(retrievalTerms(claim), candidates)
    .map((p) => scoreCandidate(corpus, claim, [p]))
    .sort((a, b) => b.score - a.score || b.coverage - a.coverage)
    .slice(0, limit)
    .map((r) => r.passages[0]!);
}
