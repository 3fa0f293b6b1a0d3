/**
 * The facts of a claim set against a passage: numbers with the things they count, swapped names
 * and opposites between the same neighbours, negations scoped to the words they govern.
 */
import type { Corpus } from '../corpus/corpus';
import { antonymsOf, canonical, isGenericTerm, negationScopes, oppositePolarity, sameClosedClass, tokenize, type NegationSite, type Token } from '../text/text';
import type { Passage } from '../model/types';
import { compactString } from '../text/compact';
import { cachesOf, ofPassage } from './caches';
import { sameReferent } from './nameForms';
import type { ClaimTerms, Conflict, FactKind, SupportThresholds } from './types';

export interface Analysed {
  tokens: Token[];
  /** Terms a negation governs, and terms outside any negation. */
  negated: ReadonlySet<string>;
  plain: ReadonlySet<string>;
  sites: NegationSite[];
  /** Counted things: "two corridors". */
  units: NumberUnit[];
}

/**
 * Tokens, negation scopes and counted things of a passage, kept in the corpus' verdict caches (two
 * generations of a few thousand passages: a check of a long draft against a large corpus analyses
 * a few thousand; keeping every passage ever analysed cost about 30 bytes of heap per source byte).
 */
export function analysed(corpus: Corpus, p: Passage): Analysed {
  return ofPassage(cachesOf(corpus).passages, p, analyse) as Analysed;
}

/**
 * The analysis of a passage text, made from a copy of it: a passage's text is a slice of its
 * source's, and the tokens' words are slices of the text they came from, so that analysing the
 * text itself would keep the whole source text alive for as long as the analysis is cached.
 */
function analyse(text: string): { text: string; value: Analysed } {
  const own = compactString(text);
  const tokens = tokenize(own);
  return { text: own, value: { tokens, ...negationScopes(own, tokens), units: numberUnits(own, tokens) } };
}

/**
 * All index terms of a source, and (worked out only when a number's unit is in question) its
 * counted things, computed once per source object: the corpus keeps source objects only while
 * they stay in its source cache, so these go with them.
 */
interface SourceFacts {
  /** The terms of any of the source's passages. */
  terms: { has(term: string): boolean };
  units?: Set<string>;
}
const NO_FACTS: SourceFacts = { terms: new Set(), units: new Set() };
export function sourceFacts(corpus: Corpus, sourceId: string): SourceFacts {
  const source = corpus.source(sourceId);
  if (!source) return NO_FACTS;
  // the terms are worked out when first asked for: most checks of a candidate never need them
  return cachesOf(corpus).ofSource(source, 'facts', (): SourceFacts => {
    let terms: SourceFacts['terms'] | undefined;
    return {
      get terms() {
        return (terms ??= corpus.sourceTerms(sourceId)!);
      },
    };
  });
}

export function sourceUnits(corpus: Corpus, sourceId: string): Set<string> {
  const f = sourceFacts(corpus, sourceId);
  if (!f.units) {
    f.units = new Set();
    for (const p of corpus.source(sourceId)!.passages) for (const u of analysed(corpus, p).units) f.units.add(`${u.value} ${u.unit}`);
  }
  return f.units;
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
export function sameKindOfFact(claimTerm: string, passageTerm: string): boolean {
  const prefix = claimTerm[0]!;
  if (passageTerm[0] !== prefix || passageTerm === claimTerm) return false;
  // dates by day: "Nov. 10" against "Nov. 4"; a month or a weekday alone is too loose to compare
  if (prefix === '%') return /^%\d\d-\d\d$/.test(passageTerm) && /^%\d\d-\d\d$/.test(claimTerm);
  if (prefix === '#') return isYear(claimTerm) === isYear(passageTerm);
  return true;
}

export function isYear(term: string): boolean {
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
export function swaps(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[]): Conflict[] {
  const out: Conflict[] = [];
  const phrase = (text: string, a: Token | undefined, b: Token | undefined) => !a || !b || !/[.,;:!?()"“”\[\]]/.test(text.slice(a.end, b.start));
  const cc = claim.tokens.filter((t) => !t.stop && t.kind !== 'negation');
  // the source's terms, asked only about a word that has a candidate to stand for it
  const facts = sourceFacts(corpus, passages[0]!.sourceId);
  for (const p of passages) {
    const pc = analysed(corpus, p).tokens.filter((t) => !t.stop && t.kind !== 'negation');
    const at = new Map<string, number[]>();
    pc.forEach((t, i) => {
      const list = at.get(t.term);
      if (list) list.push(i);
      else at.set(t.term, [i]);
    });
    for (let k = 0; k < cc.length; k++) {
      const c = cc[k]!;
      if (at.has(c.term) || singlesOut(claim, c.term)) continue;
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
      if (!candidates.length || facts.terms.has(c.term)) continue;
      for (const x of candidates) {
        if (claim.terms.has(x.term)) continue;
        const kind = swapKind(c, x);
        // "the Turkish border" against "Syria's border with Turkey": the claim's name is in the passage in another form
        if (kind === 'name' && pc.some((t) => t.capital && sameReferent(c.raw, t.raw))) break;
        if (kind) {
          out.push({ kind, claim: c.raw, passage: x.raw });
          break;
        }
      }
    }
  }
  return out;
}

/** A weekday: "on Tuesday" where the passage has "on Wednesday" between the same words is another day. */
const WEEKDAY = /^%(?:mon|tue|wed|thu|fri|sat|sun)$/;

function swapKind(c: Token, x: Token): FactKind | undefined {
  if (c.kind === 'date' && x.kind === 'date' && WEEKDAY.test(c.term) && WEEKDAY.test(x.term)) return 'date';
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
export function negationFlip(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[]): Conflict | undefined {
  const claimAt = positions(claim.tokens);
  const rawOf = (terms: readonly string[]) => terms.map((t) => claim.terms.get(t)?.raw ?? describeFact(corpus, t, passages)).join(' … ');
  const sourceRaw = (terms: readonly string[]) => terms.map((t) => describeFact(corpus, t, passages)).join(' … ');
  for (const p of passages) {
    const a = analysed(corpus, p);
    const passageAt = positions(a.tokens);
    // a claim's negation that shares a negated word with the passage's says what it says ("failing
    // to tell moderate rebels apart" against "has not been able to identify the rebel opposition")
    let words = flips(unshared(claim.sites, a.negated), a, passageAt, claim.plain);
    if (words) return { kind: 'negation', claim: `not ${rawOf(words)}`, passage: sourceRaw(words) };
    // a negation in one passage of two says nothing against words the other states plainly
    const otherPlain = new Set<string>();
    for (const q of passages) if (q !== p) for (const t of analysed(corpus, q).plain) otherPlain.add(t);
    const sites = otherPlain.size ? a.sites.map((s) => ({ ...s, governed: s.governed.filter((t) => !otherPlain.has(t)) })) : a.sites;
    words = flips(unshared(sites, claim.negated), claim, claimAt, a.plain);
    if (words) return { kind: 'negation', claim: rawOf(words), passage: `not ${sourceRaw(words)}` };
    // "would surrender" against "we won't surrender": one verb, negated right after its auxiliary in one text only
    const verb = auxiliaryFlip(claim, a);
    if (verb) return { kind: 'negation', claim: verb.claimNegated ? `not ${verb.raw}` : verb.raw, passage: verb.claimNegated ? verb.raw : `not ${verb.raw}` };
    const dropped = droppedNegation(a.tokens, claim.tokens, otherPlain);
    if (dropped) return { kind: 'negation', claim: dropped.claim, passage: dropped.passage };
  }
  // two passages read together: the claim's negated words may be stated plainly across them
  if (passages.length > 1) {
    const union = { negated: new Set<string>(), plain: new Set<string>() };
    for (const p of passages) {
      for (const t of analysed(corpus, p).negated) union.negated.add(t);
      for (const t of analysed(corpus, p).plain) union.plain.add(t);
    }
    const words = flips(claim.sites, union, new Map());
    if (words) return { kind: 'negation', claim: `not ${rawOf(words)}`, passage: sourceRaw(words) };
  }
  return undefined;
}

/**
 * Whether a negation of one text is flipped in the other (`other`: its negated and plain terms,
 * and where its terms stand): two governed words stated plainly there, or one that stands after
 * the word that comes before the negation. One of them must be more than a generic word.
 */
function flips(sites: readonly NegationSite[], other: { negated: ReadonlySet<string>; plain: ReadonlySet<string> }, at: ReadonlyMap<string, number[]>, own?: ReadonlySet<string>): string[] | undefined {
  for (const site of sites) {
    let n = 0;
    const words: string[] = [];
    let specific = false;
    let anchored = false;
    for (const t of site.governed) {
      // a word the negating text also states plainly ("if we don't become aware … we have to become aware") is not flipped
      if (/^[#%@]/.test(t) || !other.plain.has(t) || other.negated.has(t) || own?.has(t)) continue;
      n++;
      words.push(t);
      if (isGenericTerm(t)) continue;
      specific = true;
      if (site.anchor && (at.get(t) ?? []).some((j) => (at.get(site.anchor!) ?? []).some((i) => j > i && j - i <= ANCHOR_REACH))) anchored = true;
    }
    if (specific && (n >= NEGATION_MIN_WORDS || anchored)) return words;
  }
  return undefined;
}

/** The negations of one text that govern no word the other text negates too (a word that means something). */
function unshared(sites: readonly NegationSite[], negated: ReadonlySet<string>): readonly NegationSite[] {
  return sites.filter((s) => !s.governed.some((t) => negated.has(t) && !isGenericTerm(t) && !/^[#%@]/.test(t)));
}

/** Words after a negation that make it something else ("not only", "not least"). */
const NOT_A_NEGATION = new Set(['only', 'just', 'merely', 'least', 'simply', 'necessarily']);

/**
 * A passage's negated verb phrase that the claim states word for word without it: "could not be
 * extended" against "could be extended", "have not bombed Aleppo" against "have bombed Aleppo".
 * The word before the negation and the two after it must stand in the claim in a row, one of them
 * a word that means something, and none stated plainly by another passage read with this one.
 */
function droppedNegation(passage: readonly Token[], claim: readonly Token[], otherPlain: ReadonlySet<string>): { claim: string; passage: string } | undefined {
  for (let i = 1; i + 2 < passage.length; i++) {
    if (passage[i]!.kind !== 'negation') continue;
    const seq = [passage[i - 1]!, passage[i + 1]!, passage[i + 2]!];
    if (seq.some((t) => t.kind === 'negation') || NOT_A_NEGATION.has(seq[1]!.raw.toLowerCase())) continue;
    if (!seq.some((t) => !t.stop && t.kind === 'word' && !isGenericTerm(t.term) && !otherPlain.has(t.term))) continue;
    for (let j = 0; j + 2 < claim.length; j++) {
      if (seq.every((t, k) => claim[j + k]!.term === t.term && claim[j + k]!.kind !== 'negation')) {
        return { claim: claim.slice(j, j + 3).map((t) => t.raw).join(' '), passage: [passage[i - 1], passage[i], passage[i + 1], passage[i + 2]].map((t) => t!.raw).join(' ') };
      }
    }
  }
  return undefined;
}

const AUXILIARY = /^(?:will|would|can|could|shall|should|may|might|must|do|does|did|is|are|was|were)$/i;

/**
 * A verb that one text negates right after its auxiliary ("won't surrender", "would not
 * surrender") and the other states right after an auxiliary, unnegated ("would surrender"): the
 * one governed word is enough when both texts build the verb phrase alike.
 */
function auxiliaryFlip(claim: { tokens: readonly Token[]; prose: string }, passage: { tokens: readonly Token[] }): { raw: string; claimNegated: boolean } | undefined {
  const negatedAfterAux = (tokens: readonly Token[]) => {
    const out = new Map<string, Token>();
    for (let i = 1; i < tokens.length; i++) {
      const n = tokens[i - 1]!;
      const v = tokens[i]!;
      if (n.kind !== 'negation' || v.stop || v.kind !== 'word' || v.capital) continue;
      if (/n't$|^cannot$/i.test(n.raw) || (i >= 2 && AUXILIARY.test(tokens[i - 2]!.raw) && /^not$/i.test(n.raw))) out.set(v.term, v);
    }
    return out;
  };
  const plainAfterAux = (tokens: readonly Token[]) => {
    const out = new Set<string>();
    for (let i = 1; i < tokens.length; i++) if (AUXILIARY.test(tokens[i - 1]!.raw) && !tokens[i]!.stop && tokens[i]!.kind === 'word') out.add(tokens[i]!.term);
    return out;
  };
  const inPassage = negatedAfterAux(passage.tokens);
  const claimPlain = plainAfterAux(claim.tokens);
  for (const [term, v] of inPassage) if (claimPlain.has(term) && !isGenericTerm(term)) return { raw: v.raw, claimNegated: false };
  const inClaim = negatedAfterAux(claim.tokens);
  const passagePlain = plainAfterAux(passage.tokens);
  for (const [term, v] of inClaim) if (passagePlain.has(term) && !isGenericTerm(term)) return { raw: v.raw, claimNegated: true };
  return undefined;
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
/** The claim's counted things. */
export function claimUnitsOf(claim: ClaimTerms): NumberUnit[] {
  return numberUnits(claim.prose, claim.tokens);
}

/** "One corridor … and another" singles out one of several, which "two corridors" does not contradict ("only one corridor" it does). */
export function singlesOut(claim: ClaimTerms, term: string): boolean {
  return term === '#1' && !/\b(?:only|just|single|sole|lone)\s+(?:one|1)\b/i.test(claim.prose);
}

/**
 * Whether a number the claim has and a number of the passage count different things ("ten hours"
 * against "five years"): then the one says nothing against the other.
 */
export function countsOtherThing(corpus: Corpus, claim: ClaimTerms, claimTerm: string, passageTerm: string, passages: readonly Passage[]): boolean {
  const units = new Set(claimUnitsOf(claim).filter((u) => u.value === claimTerm).map((u) => u.unit));
  if (!units.size) return false;
  // what the passage's number counts: the word after it, generic words too ("five years")
  const theirs: string[] = [];
  for (const p of passages) {
    const tokens = analysed(corpus, p).tokens;
    tokens.forEach((t, i) => {
      if (t.term !== passageTerm) return;
      const next = tokens.slice(i + 1, i + 3).find((u) => !u.stop);
      theirs.push(next && next.kind === 'word' ? next.term : '');
    });
  }
  return theirs.length > 0 && theirs.every((u) => u !== '' && !units.has(u));
}

export function unitConflicts(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[], thresholds: SupportThresholds, coverage: number): Conflict[] {
  if (coverage < thresholds.weak) return [];
  const claimUnits = numberUnits(claim.prose, claim.tokens);
  if (!claimUnits.length) return [];
  const claimValues = (unit: string) => new Set(claimUnits.filter((cu) => cu.unit === unit).map((cu) => cu.value));
  const passageUnits = passages.flatMap((p) => analysed(corpus, p).units);
  const out: Conflict[] = [];
  for (const cu of claimUnits) {
    if (out.some((c) => c.claim.startsWith(cu.number)) || singlesOut(claim, cu.value)) continue;
    const values = claimValues(cu.unit);
    const other = passageUnits.find((pu) => pu.unit === cu.unit && !values.has(pu.value));
    // a count the source states elsewhere is not contradicted by another count of the same thing
    if (other && !sourceUnits(corpus, passages[0]!.sourceId).has(`${cu.value} ${cu.unit}`)) out.push({ kind: 'number', claim: cu.raw, passage: other.raw, decisive: true });
    else if (!other && SPANS.has(cu.unit)) {
      // "two months earlier" against "two weeks ago": the same number of another span of time
      const span = passageUnits.find((pu) => pu.value === cu.value && pu.unit !== cu.unit && SPANS.has(pu.unit));
      if (span && !sourceUnits(corpus, passages[0]!.sourceId).has(`${cu.value} ${cu.unit}`)) out.push({ kind: 'number', claim: cu.raw, passage: span.raw, decisive: true });
    }
  }
  return out;
}

/** Spans of time: a number of one is never a number of another. */
const SPANS: ReadonlySet<string> = new Set(['second', 'minute', 'hour', 'day', 'week', 'fortnight', 'month', 'year', 'decade', 'century'].map((w) => canonical(w)));

export interface NumberUnit {
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

export function numberUnits(text: string, tokens: readonly Token[]): NumberUnit[] {
  const out: NumberUnit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'number' || isYear(t.term)) continue;
    for (let j = i + 1; j <= i + 2 && j < tokens.length; j++) {
      const u = tokens[j]!;
      // "six other corridors", "two more corridors": the count is of corridors
      if (u.stop && /^(other|more|further|additional)$/i.test(u.raw) && j === i + 1 && !/[^\s]/.test(text.slice(t.end, u.start))) continue;
      if (u.kind !== 'word' || u.stop || u.capital || /[^\s-]/.test(text.slice(tokens[j - 1]!.end, u.start))) break;
      if (isGenericTerm(u.term)) continue;
      // an ordinal ranks rather than counts: "fifth season" compares with "fourth season", not "two seasons"
      const value = ORDINAL.test(t.raw) ? `${t.term}th` : t.term;
      out.push({ value, unit: u.term, raw: text.slice(t.start, u.end), number: t.raw });
    }
  }
  return out;
}

export function describeFact(corpus: Corpus, term: string, passages: readonly Passage[]): string {
  for (const p of passages) {
    for (const t of analysed(corpus, p).tokens) if (t.term === term) return t.raw;
  }
  return term.replace(/^[#%@~]/, '');
}

