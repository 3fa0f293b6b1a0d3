/**
 * Support scoring: how well a passage (or two passages of one source, read together) backs a
 * claim. Weighted coverage of the claim's content terms, then checks on the facts: numbers, dates
 * and times that differ, negation scoped to the words it governs, antonyms, and names or numbers
 * that no source mentions at all (a hallucinated detail).
 *
 * Measured on real labelled claims by `npm run bench:accuracy`; see bench/RESULTS.md.
 */
import type { Corpus } from '../corpus/corpus';
import { antonymsOf, isGenericTerm, negationScopes, oppositePolarity, sameClosedClass, tokenize, type NegationSite, type Token } from '../text/text';
import type { Passage } from '../model/types';

/** Tunable thresholds, chosen on the benchmarks' dev splits (see bench/RESULTS.md). */
export interface SupportThresholds {
  /** Score at or above which a claim is supported (when nothing conflicts). */
  supported: number;
  /** Coverage at or above which a differing fact makes the claim `contradicted` rather than unsupported. */
  contradicted: number;
  /** Coverage at or above which a candidate is offered as a weak "Cite [@x]". */
  weak: number;
}

export const DEFAULT_THRESHOLDS: SupportThresholds = { supported: 0.53, contradicted: 0.5, weak: 0.3 };

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
  /** The claim's text. */
  prose: string;
  tokens: Token[];
  /** Content terms with their weights. */
  terms: Map<string, TermInfo>;
  negations: number;
  /** Terms that a negation governs ("did not trust the government" → trust, govern), terms outside any, and each negation. */
  negated: ReadonlySet<string>;
  plain: ReadonlySet<string>;
  sites: NegationSite[];
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
  /** One passage, or two of the same source read together (the best one first). */
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

// The constants below were set on the dev splits of ../shared/bench (bench/accuracy.ts); most of
// them move balanced accuracy by less than a point either way.
/** Weight of a number, date or time relative to a word; of a name (capitalised word). */
const FACT_WEIGHT = 3;
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
  const { negated, plain, sites } = negationScopes(prose, tokens);
  return { prose, tokens, terms, negations, negated, plain, sites, total, absentFactor: ABSENT_FACT_FACTOR ** absentFacts };
}

interface Analysed {
  tokens: Token[];
  /** Terms a negation governs, and terms outside any negation. */
  negated: ReadonlySet<string>;
  plain: ReadonlySet<string>;
  sites: NegationSite[];
  /** Counted things: "two corridors". */
  units: NumberUnit[];
}

/**
 * Tokens, negation scopes and counted things of the passages analysed last: two generations of up
 * to ANALYSED_KEPT passages each (a passage used again moves to the young one), held weakly so
 * that a passage the corpus lets go takes its analysis with it. A check of a long draft against a
 * large corpus analyses a few thousand passages; keeping every passage ever analysed cost about 30
 * bytes of heap per byte of source text.
 */
const ANALYSED_KEPT = 4096;
let analysedYoung = new WeakMap<Passage, Analysed>();
let analysedOld = new WeakMap<Passage, Analysed>();
let analysedCount = 0;
function analysed(p: Passage): Analysed {
  let a = analysedYoung.get(p);
  if (a) return a;
  a = analysedOld.get(p);
  if (!a) {
    const tokens = tokenize(p.text);
    a = { tokens, ...negationScopes(p.text, tokens), units: numberUnits(p.text, tokens) };
  }
  analysedYoung.set(p, a);
  if (++analysedCount >= ANALYSED_KEPT) {
    analysedOld = analysedYoung;
    analysedYoung = new WeakMap();
    analysedCount = 0;
  }
  return a;
}

/**
 * All index terms of a source, and (worked out only when a number's unit is in question) its
 * counted things, computed once per source object: the corpus keeps source objects only while
 * they stay in its source cache, so these go with them.
 */
interface SourceFacts {
  terms: Set<string>;
  units?: Set<string>;
}
const sourceCache = new WeakMap<object, SourceFacts>();
const NO_FACTS: SourceFacts = { terms: new Set(), units: new Set() };
function sourceFacts(corpus: Corpus, sourceId: string): SourceFacts {
  const source = corpus.source(sourceId);
  if (!source) return NO_FACTS;
  let f = sourceCache.get(source);
  if (!f) {
    f = { terms: new Set() };
    const keys = corpus.passageKeys(sourceId)!;
    for (let key = keys.first; key < keys.first + keys.count; key++) for (const t of corpus.terms(key)) f.terms.add(t);
    sourceCache.set(source, f);
  }
  return f;
}

function sourceUnits(corpus: Corpus, sourceId: string): Set<string> {
  const f = sourceFacts(corpus, sourceId);
  if (!f.units) {
    f.units = new Set();
    for (const p of corpus.source(sourceId)!.passages) for (const u of analysed(p).units) f.units.add(`${u.value} ${u.unit}`);
  }
  return f.units;
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
    const elsewhere = sourceFacts(corpus, passages[0]!.sourceId).terms;
    for (const [term, info] of missing) {
      if (conflicts.some((c) => c.claim.startsWith(info.raw))) continue;
      if (info.kind === 'number' || info.kind === 'date' || info.kind === 'time') {
        if (elsewhere.has(term)) continue;
        const other = [...have].find((t) => sameKindOfFact(term, t));
        if (other) conflicts.push({ kind: info.kind, claim: info.raw, passage: describeFact(other, passages) });
      } else if (info.kind === 'word') {
        const anti = antonymsOf(term);
        const opposite = anti ? [...anti].find((a) => have.has(a) && !claim.terms.has(a)) : undefined;
        if (opposite) conflicts.push({ kind: 'antonym', claim: info.raw, passage: describeFact(opposite, passages) });
      }
    }
    const flipped = negationFlip(claim, passages);
    if (flipped) conflicts.push(flipped);
    for (const c of swaps(corpus, claim, passages)) if (!conflicts.some((x) => x.claim === c.claim)) conflicts.push(c);
  }
  let score = coverage * claim.absentFactor;
  if (conflicts.length) score *= CONFLICT_FACTOR;
  return { passages: [...passages], coverage, matched, conflicts, score };
}

/** Names of one family that the stemmer keeps apart: "Libya" and "Libyan", "America" and "American" (not "Austria" and "Australia"). */
function sameFamily(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 4 && long.startsWith(short);
}

/**
 * Two facts that contradict when they differ: dates with a day ("Nov. 10" and "Nov. 4", not
 * "Nov. 10" and "Friday"), times, and numbers of the same sort (a year and a year, a count and a
 * count).
 */
function sameKindOfFact(claimTerm: string, passageTerm: string): boolean {
  const prefix = claimTerm[0]!;
  if (passageTerm[0] !== prefix || passageTerm === claimTerm) return false;
  // dates by day: "Nov. 10" against "Nov. 4"; a month or a weekday alone is too loose to compare
  if (prefix === '%') return /^%\d\d-\d\d$/.test(passageTerm) && /^%\d\d-\d\d$/.test(claimTerm);
  if (prefix === '#') return isYear(claimTerm) === isYear(passageTerm);
  return true;
}

function isYear(term: string): boolean {
  const n = Number(term.slice(1));
  return Number.isInteger(n) && n >= 1000 && n <= 2100;
}

/**
 * Swapped facts: a word of the claim that its source never uses, standing where a passage has
 * another word, between the same neighbours ("an American who fell" → "a Canadian who fell",
 * "the troubled start-up" → "the triumphant start-up", "blue paint" → "white paint"). A swap is a
 * conflict when the claim's word is a name, or the two are numbers, opposites (by the antonym list
 * or by polarity), or members of one closed class; other swaps are paraphrase as often as not, and
 * only lower the coverage.
 */
function swaps(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[]): Conflict[] {
  const out: Conflict[] = [];
  const phrase = (text: string, a: Token | undefined, b: Token | undefined) => !a || !b || !/[.,;:!?()"“”\[\]]/.test(text.slice(a.end, b.start));
  const cc = claim.tokens.filter((t) => !t.stop && t.kind !== 'negation');
  const elsewhere = sourceFacts(corpus, passages[0]!.sourceId).terms;
  for (const p of passages) {
    const pc = analysed(p).tokens.filter((t) => !t.stop && t.kind !== 'negation');
    const at = new Map<string, number[]>();
    pc.forEach((t, i) => at.set(t.term, [...(at.get(t.term) ?? []), i]));
    for (let k = 0; k < cc.length; k++) {
      const c = cc[k]!;
      if (at.has(c.term) || elsewhere.has(c.term)) continue;
      const prev = cc[k - 1];
      const next = cc[k + 1];
      if (!phrase(claim.prose, prev, c) || !phrase(claim.prose, c, next)) continue;
      const candidates: Token[] = [];
      if (prev) {
        for (const i of at.get(prev.term) ?? []) {
          const x = pc[i + 1];
          if (x && phrase(p.text, pc[i], x) && (!next || (pc[i + 2]?.term === next.term && phrase(p.text, x, pc[i + 2])))) candidates.push(x);
        }
      }
      if (!prev && next) for (const i of at.get(next.term) ?? []) if (i > 0 && phrase(p.text, pc[i - 1], pc[i])) candidates.push(pc[i - 1]!);
      for (const x of candidates) {
        if (claim.terms.has(x.term)) continue;
        const kind = swapKind(c, x);
        if (kind) {
          out.push({ kind, claim: c.raw, passage: x.raw });
          break;
        }
      }
    }
  }
  return out;
}

function swapKind(c: Token, x: Token): FactKind | undefined {
  if (c.kind !== 'word' && c.kind !== 'negation') return x.kind === c.kind && sameKindOfFact(c.term, x.term) ? c.kind : undefined;
  if (x.kind !== 'word') return undefined;
  if (antonymsOf(c.term)?.has(x.term) || oppositePolarity(c.term, x.term)) return 'antonym';
  // a name the source never uses, where the passage has another word ("The CEO of" → "The founder of")
  if (c.capital && !sameFamily(c.term, x.term)) return 'name';
  if (sameClosedClass(c.term, x.term)) return 'name';
  return undefined;
}

/** A negation flip needs this many governed words that the other text states plainly, or one next to the same word. */
const NEGATION_MIN_WORDS = 2;
/** How close (in content words) the word before a negation must stand to the flipped word in the other text. */
const ANCHOR_REACH = 4;

/**
 * A negation that governs words in one text and not in the other: "civilians did not trust the
 * government" against "civilians trusted the government". Judged passage by passage, on the words
 * both texts contain, so a "not" elsewhere in a passage changes nothing. It takes two governed
 * words stated plainly in the other text, or one that stands there after the same word as before
 * the negation ("Ozy Media was not arrested" against "Ozy Media was arrested").
 */
function negationFlip(claim: ClaimTerms, passages: readonly Passage[]): Conflict | undefined {
  const claimAt = positions(claim.tokens);
  for (const p of passages) {
    const a = analysed(p);
    const passageAt = positions(a.tokens);
    if (flips(claim.sites, a, passageAt)) return { kind: 'negation', claim: 'not', passage: 'no negation' };
    if (flips(a.sites, claim, claimAt)) return { kind: 'negation', claim: 'no negation', passage: 'not' };
  }
  // two passages read together: the claim's negated words may be stated plainly across them
  if (passages.length > 1) {
    const union = { negated: new Set<string>(), plain: new Set<string>() };
    for (const p of passages) {
      for (const t of analysed(p).negated) union.negated.add(t);
      for (const t of analysed(p).plain) union.plain.add(t);
    }
    if (flips(claim.sites, union, new Map())) return { kind: 'negation', claim: 'not', passage: 'no negation' };
  }
  return undefined;
}

/**
 * Whether a negation of one text is flipped in the other (`other`: its negated and plain terms,
 * and where its terms stand): two governed words stated plainly there, or one that stands after
 * the word that comes before the negation. One of them must be more than a generic word.
 */
function flips(sites: readonly NegationSite[], other: { negated: ReadonlySet<string>; plain: ReadonlySet<string> }, at: ReadonlyMap<string, number[]>): boolean {
  for (const site of sites) {
    let n = 0;
    let specific = false;
    let anchored = false;
    for (const t of site.governed) {
      if (/^[#%@]/.test(t) || !other.plain.has(t) || other.negated.has(t)) continue;
      n++;
      if (isGenericTerm(t)) continue;
      specific = true;
      if (site.anchor && (at.get(t) ?? []).some((j) => (at.get(site.anchor!) ?? []).some((i) => j > i && j - i <= ANCHOR_REACH))) anchored = true;
    }
    if (specific && (n >= NEGATION_MIN_WORDS || anchored)) return true;
  }
  return false;
}

/** Where each content term stands, counted in content words. */
function positions(tokens: readonly Token[]): Map<string, number[]> {
  const at = new Map<string, number[]>();
  let i = 0;
  for (const t of tokens) {
    if (t.stop || t.kind === 'negation') continue;
    const list = at.get(t.term);
    if (list) list.push(i);
    else at.set(t.term, [i]);
    i++;
  }
  return at;
}

/**
 * "three corridors" against "two corridors": a number whose unit (the next content word) the
 * passage counts with another number. Decisive even when the rest of the sentence is worded
 * differently, so it is checked from the weak threshold up.
 */
function unitConflicts(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[], thresholds: SupportThresholds, coverage: number): Conflict[] {
  if (coverage < thresholds.weak) return [];
  const claimUnits = numberUnits(claim.prose, claim.tokens);
  if (!claimUnits.length) return [];
  const claimValues = (unit: string) => new Set(claimUnits.filter((cu) => cu.unit === unit).map((cu) => cu.value));
  const passageUnits = passages.flatMap((p) => analysed(p).units);
  const out: Conflict[] = [];
  for (const cu of claimUnits) {
    if (out.some((c) => c.claim.startsWith(cu.number))) continue;
    const values = claimValues(cu.unit);
    const other = passageUnits.find((pu) => pu.unit === cu.unit && !values.has(pu.value));
    // a count the source states elsewhere is not contradicted by another count of the same thing
    if (other && !sourceUnits(corpus, passages[0]!.sourceId).has(`${cu.value} ${cu.unit}`)) out.push({ kind: 'number', claim: cu.raw, passage: other.raw, decisive: true });
  }
  return out;
}

interface NumberUnit {
  value: string;
  unit: string;
  raw: string;
  number: string;
}

/**
 * Counted things: a number (not a year) and the lower-case word it counts, right after it or after
 * one adjective ("two corridors", "two special corridors"), in the same clause.
 */
const ORDINAL = /^(\d+(st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|\w+ieth)$/i;

function numberUnits(text: string, tokens: readonly Token[]): NumberUnit[] {
  const out: NumberUnit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'number' || isYear(t.term)) continue;
    for (let j = i + 1; j <= i + 2 && j < tokens.length; j++) {
      const u = tokens[j]!;
      if (u.kind !== 'word' || u.stop || u.capital || /[^\s-]/.test(text.slice(tokens[j - 1]!.end, u.start))) break;
      if (isGenericTerm(u.term)) continue;
      // an ordinal ranks rather than counts: "fifth season" compares with "fourth season", not "two seasons"
      const value = ORDINAL.test(t.raw) ? `${t.term}th` : t.term;
      out.push({ value, unit: u.term, raw: `${t.raw} ${u.raw}`, number: t.raw });
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
 * candidates) join it, up to MAX_JOINT, while each adds real coverage: a claim may rest on two sentences.
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
