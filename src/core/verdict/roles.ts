/**
 * Roles: which words of a passage fill the slot a word of the claim fills.
 *
 * The claim's content words are aligned with a passage's, in order (the longest common
 * subsequence of their terms). The words the claim has between two aligned words, or before the
 * first one, fill a slot; the passage's words between (or before) the same two fill that slot
 * there. A slot that holds another name ("The United States ordered …" where the passage has
 * "Vladimir Putin has ordered …"), another number, an opposite or another member of a closed
 * class is a conflict, and the message names both. A slot that holds other plain words is a
 * substitution: not a conflict (paraphrase does it), but a feature of the learned model.
 *
 * Counted things keep their role too: "Civilians will be allowed to leave through two corridors"
 * against a source whose two corridors are for the rebels and whose civilians get six.
 */
import type { Corpus } from '../corpus/corpus';
import { antonymsOf, isGenericTerm, sameClosedClass, type Token } from '../text/text';
import { lexicalRelation } from '../text/lexnet';
import type { Passage } from '../model/types';
import { analysed, isYear, sameKindOfFact, sourceFacts, sourceUnits, type NumberUnit } from './facts';
import { sameReferent } from './nameForms';
import type { ClaimTerms, Conflict } from './types';

/** Marks that end a slot: a clause or phrase boundary between two words. */
const BREAK = /[.;:!?()"“”\[\]]|\s[-–—]\s/;
/** The widest slot compared (content words on either side). */
const MAX_SLOT = 4;

const content = (tokens: readonly Token[]) => tokens.filter((t) => !t.stop && t.kind !== 'negation');

/** Pairs (claim index, passage index) of the longest common subsequence of the two term lists. */
function align(a: readonly Token[], b: readonly Token[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const L = new Uint16Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      L[i * (m + 1) + j] = a[i]!.term === b[j]!.term ? L[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(L[(i + 1) * (m + 1) + j]!, L[i * (m + 1) + j + 1]!);
    }
  }
  const out: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i]!.term === b[j]!.term) {
      out.push([i, j]);
      i++;
      j++;
    } else if (L[(i + 1) * (m + 1) + j]! >= L[i * (m + 1) + j + 1]!) i++;
    else j++;
  }
  return out;
}

export interface Slots {
  conflicts: Conflict[];
  /** Claim words (not generic) that stand where the passage has other words. */
  substituted: number;
}

/**
 * The slots of the claim that a passage fills otherwise. `have`: the terms of all passages of the
 * candidate (a claim word found in another of them is not in conflict).
 */
export function slotConflicts(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[], have: ReadonlySet<string>, others?: readonly Passage[]): Slots {
  const cc = content(claim.tokens);
  const out: Slots = { conflicts: [], substituted: 0 };
  if (!cc.length) return out;
  let best: { pairs: Array<[number, number]>; pc: Token[]; text: string } | undefined;
  for (const p of passages) {
    const pc = content(analysed(corpus, p).tokens);
    const pairs = align(cc, pc);
    if (!best || pairs.length > best.pairs.length) best = { pairs, pc, text: p.text };
  }
  if (!best || best.pairs.length === 0) return out;
  const { pairs, pc, text } = best;
  const elsewhere = sourceFacts(corpus, passages[0]!.sourceId).terms;
  const tight = (t: string, tokens: readonly Token[], from: number, to: number) => {
    for (let k = Math.max(from, 0) + 1; k <= to && k < tokens.length; k++) if (BREAK.test(t.slice(tokens[k - 1]!.end, tokens[k]!.start))) return false;
    return true;
  };
  // the slots: before the first aligned pair, and between each two
  for (let s = 0; s <= pairs.length; s++) {
    const [ci0, pj0] = s === 0 ? [-1, -1] : pairs[s - 1]!;
    const [ci1, pj1] = s < pairs.length ? pairs[s]! : [cc.length, pc.length];
    if (s === pairs.length) continue; // after the last aligned word the claim adds, it does not swap
    // a name the passage has in another form ("Turkish" and "Turkey") is not a word it lacks
    let claimSlot = cc.slice(ci0 + 1, ci1).filter((t) => !have.has(t.term) && !(t.capital && pc.some((x) => x.capital && sameReferent(t.raw, x.raw))));
    if (!claimSlot.length || ci1 - ci0 - 1 > MAX_SLOT) continue;
    // the passage's words in the same slot: between the two aligned words, or just before the first one
    const from = s === 0 ? Math.max(0, pj1 - MAX_SLOT) : pj0 + 1;
    let passageSlot = pc.slice(from, pj1);
    let role: string | undefined;
    if (s === 0) {
      // the subject: the claim's words before its verb, against the names just before the same verb
      const subject = subjectOf(claim.tokens);
      if (subject.length && subject.length === ci1 && claimSlot.every((t) => subject.includes(t))) {
        // the speaker of "The Moscow Times said Putin had ordered …" is not the one who ordered; and
        // a passage that shares only the verb ("… has not been able to …") does not state the event
        if (speaks(claim.tokens, subject) || pairs.length < 2) continue;
        role = 'who';
        let k = passageSlot.length;
        while (k > 0 && tight(text, pc, from + k - 1, pj1) && passageSlot[k - 1]!.capital && !startsSentence(text, passageSlot[k - 1]!)) k--;
        passageSlot = passageSlot.slice(k);
        // a name after a preposition ("the situation in Aleppo during the meeting") is no subject
        if (passageSlot.length && afterPreposition(text, passageSlot[0]!)) continue;
      } else {
        // a name that qualifies the first aligned word: "Turkish troops" against "Russian troops"
        const names = namesBefore(cc, ci1, claim.prose, pc, pj1, text, claimSlot);
        if (!names) continue;
        [claimSlot, passageSlot] = names;
        role = 'which';
      }
    } else if (pj1 - pj0 - 1 > MAX_SLOT || !tight(text, pc, pj0, pj1)) {
      // a wide slot: the names just before the same word ("Turkey had failed" against "… because
      // the United States had failed")
      const names = namesBefore(cc, ci1, claim.prose, pc, pj1, text, claimSlot);
      if (!names) continue;
      [claimSlot, passageSlot] = names;
      role = 'who or what';
    }
    if (!tight(claim.prose, cc, ci0, ci1)) continue;
    passageSlot = passageSlot.filter((t) => !claim.terms.has(t.term));
    if (!passageSlot.length) continue;
    const conflict = slotConflict(claimSlot, passageSlot, role, pc[pj1]) ?? substitution(claimSlot.filter((t) => !elsewhere.has(t.term)), passageSlot, role, pc[pj1]) ?? borrowedSwap(corpus, claim, claimSlot, passageSlot, others, role);
    if (conflict) out.conflicts.push(conflict);
    else out.substituted += claimSlot.filter((t) => t.kind === 'word' && !isGenericTerm(t.term)).length;
  }
  return out;
}

/**
 * Whether another passage states the claim's name of a conflict in full: "Defence Ministry" in
 * "Russia's Defence Ministry said …" and "The Russian Defence Ministry … said" — a name of two or
 * more words that passage gives as the claim does is its own statement. A single word it has
 * elsewhere ("Turkish" in "his Turkish counterpart", "eastern" in "the eastern district") is only
 * borrowed, and cannot fill a slot that the best passage fills with another word.
 */
export function statedElsewhere(corpus: Corpus, claim: ClaimTerms, c: Conflict, others: readonly Passage[]): boolean {
  const words = c.claim.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length < 2) return false;
  const cc = content(claim.tokens);
  const at = cc.findIndex((_, k) => words.every((w, i) => cc[k + i]?.raw.toLowerCase() === w));
  if (at < 0) return false;
  const terms = cc.slice(at, at + words.length).map((t) => t.term);
  return others.some((p) => {
    const pc = content(analysed(corpus, p).tokens);
    return pc.some((_, j) => terms.every((t, i) => pc[j + i]?.term === t));
  });
}

/**
 * The names just before an aligned word in the claim and in the passage, when the claim's slot is
 * those names: "Turkish troops" and "“Russian troops", "Turkey had failed" and "the United States
 * had failed". Names stand side by side; between the last one and the word only words, no
 * punctuation ("At Wimbledon, Shapovalov …" has none). The claim's first word counts when it is
 * written with a capital ("Turkish troops would …"), and so does a passage's.
 */
function namesBefore(cc: readonly Token[], ci: number, prose: string, pc: readonly Token[], pj: number, text: string, claimSlot: readonly Token[]): [Token[], Token[]] | undefined {
  const claimNames = namesEnding(cc, ci, prose, true);
  if (!claimNames.length || !claimNames.every((t) => claimSlot.some((x) => x.start === t.start))) return undefined;
  return [claimNames, namesEnding(pc, pj, text, false)];
}

function namesEnding(tokens: readonly Token[], end: number, text: string, claim: boolean): Token[] {
  // "I", "I'm" are no names; nor is a word after a colon ("Ann: Darling, …" in a transcript)
  const isName = (t: Token) => t.kind === 'word' && !/^I(?:['’]\p{L}+)?$/u.test(t.raw) && !/:\s*$/.test(text.slice(Math.max(0, t.start - 3), t.start)) && (t.capital || ((claim ? t.start === 0 : /^["“‘]$/.test(text.slice(0, t.start))) && /^\p{Lu}/u.test(t.raw))) && (claim || t.capital || !startsText(text, t));
  if (end === 0 || end > tokens.length) return [];
  let k = end;
  const gap = (a: Token, b: Token | undefined) => text.slice(a.end, b ? b.start : a.end);
  if (!isName(tokens[k - 1]!) || !/^[\s\p{L}'’]*$/u.test(gap(tokens[k - 1]!, tokens[k]))) return [];
  k--;
  while (k > 0 && isName(tokens[k - 1]!) && /^\s+$/.test(gap(tokens[k - 1]!, tokens[k]))) k--;
  return tokens.slice(k, end).map((t) => (t.capital ? t : { ...t, capital: true }));
}

/** A preposition just before a word: the word is its object. */
const PREPOSITION = /\b(?:in|at|on|from|to|of|for|with|by|near|during|into|over|under|after|before|against|about|toward|towards|across|through|outside|inside)\s+(?:the\s+)?$/i;

/** Whether a word of `text` is the object of the preposition just before it ("in Aleppo"). */
export function afterPreposition(text: string, t: Token): boolean {
  return PREPOSITION.test(text.slice(Math.max(0, t.start - 12), t.start));
}

/** Verbs that report speech: the subject before one is the speaker, not the subject of what is reported. */
const REPORTING = /^(?:said|says|say|reported|reports|told|tells|claimed|claims|stated|states|announced|announces|noted|notes|added|adds|wrote|writes|argued|argues|warned|warns|insisted|insists|suggested|suggests|described|describes|according)$/i;

/** Whether the claim's subject is followed by a verb of speech. */
function speaks(tokens: readonly Token[], subject: readonly Token[]): boolean {
  const last = subject[subject.length - 1]!;
  const next = tokens.find((t) => t.start >= last.end);
  return !!next && REPORTING.test(next.raw);
}

/** A word that starts its text or a sentence of it (not a quotation: "“Russian troops …"). */
function startsText(text: string, t: Token): boolean {
  return t.start === 0 || /[.!?]\s*$/.test(text.slice(Math.max(0, t.start - 3), t.start));
}

/** A capital that only starts a sentence or a quotation says nothing about a name. */
function startsSentence(text: string, t: Token): boolean {
  return /(^|[.!?:"“‘(]\s*)$/.test(text.slice(Math.max(0, t.start - 3), t.start)) || t.start === 0;
}

function raw(tokens: readonly Token[]): string {
  return tokens.map((t) => t.raw).join(' ');
}

/** What a slot filled otherwise says: a conflict, or nothing (a paraphrase or a substitution). */
function slotConflict(claimSlot: readonly Token[], passageSlot: readonly Token[], role: string | undefined, next: Token | undefined): Conflict | undefined {
  const claimNames = claimSlot.filter((t) => t.kind === 'word' && t.capital);
  const passageNames = passageSlot.filter((t) => t.kind === 'word' && t.capital);
  for (const c of claimSlot) {
    for (const x of passageSlot) {
      if (antonymsOf(c.term)?.has(x.term)) {
        if (rangeEnd(c, passageSlot, next)) continue;
        return { kind: 'antonym', claim: c.raw, passage: x.raw, ...(role ? { role } : {}) };
      }
      if (sameClosedClass(c.term, x.term)) return { kind: 'name', claim: raw(claimSlot.filter((t) => sameClosedClass(t.term, x.term) || t === c)), passage: raw(passageSlot.filter((t) => sameClosedClass(t.term, c.term) || t === x)), role: role ?? 'which' };
      if (c.kind !== 'word' && x.kind === c.kind && c.kind !== 'negation' && sameKindOfFact(c.term, x.term)) return { kind: c.kind, claim: c.raw, passage: x.raw, ...(role ? { role } : {}) };
    }
  }
  // a name in the place of another name: "The United States ordered" against "Vladimir Putin has ordered"
  if (claimNames.length && passageNames.length && !claimNames.some((c) => passageNames.some((x) => sameFamily(c.term, x.term))) && !sameReferent(raw(claimNames), raw(passageNames), true)) {
    return { kind: 'name', claim: raw(claimNames), passage: raw(passageNames), role: role ?? 'who or what' };
  }
  return undefined;
}

/**
 * A word the source never uses, in the place of a source word of another meaning (lexnet.ts): a
 * sibling ("murder" where the source has "manslaughter", "path" for "road") or an opposite. A
 * synonym, a more general or a more specific word there is paraphrase, or a detail added.
 */
function substitution(claimSlot: readonly Token[], passageSlot: readonly Token[], role: string | undefined, next: Token | undefined): Conflict | undefined {
  const plain = (t: Token) => t.kind === 'word' && !t.capital && !isGenericTerm(t.term);
  const theirs = passageSlot.filter(plain);
  if (!theirs.length) return undefined;
  for (const c of claimSlot.filter(plain)) {
    const relations = theirs.map((x) => ({ x, relation: lexicalRelation(c.raw, x.raw) }));
    if (relations.some((r) => r.relation === 'same' || r.relation === 'broader' || r.relation === 'narrower')) continue;
    const hit = relations.find((r) => r.relation === 'sibling' || (r.relation === 'opposite' && !rangeEnd(c, passageSlot, next)));
    if (hit) return { kind: hit.relation === 'opposite' ? 'antonym' : 'word', claim: c.raw, passage: hit.x.raw, role: role ?? 'which' };
  }
  return undefined;
}

/**
 * One word of the claim, taken from beside another name in another passage read with this one, in
 * a one-word slot where this passage has another word that is neither a synonym nor a broader or
 * narrower one: "Lavrov, the Russian defence minister" where his passage has "foreign minister"
 * and the next one "the Russian defence minister, Sergei Shoigu".
 */
function borrowedSwap(corpus: Corpus, claim: ClaimTerms, claimSlot: readonly Token[], passageSlot: readonly Token[], others: readonly Passage[] | undefined, role: string | undefined): Conflict | undefined {
  if (!others?.length || claimSlot.length !== 1 || passageSlot.length !== 1) return undefined;
  const [c, x] = [claimSlot[0]!, passageSlot[0]!];
  const plain = (t: Token) => t.kind === 'word' && !t.capital && !isGenericTerm(t.term);
  if (!plain(c) || !plain(x)) return undefined;
  // where the other passage has the word, a name the claim does not have stands within three words
  const besideOtherName = others.some((p) => {
    const pc = content(analysed(corpus, p).tokens);
    return pc.some((t, j) => t.term === c.term && pc.slice(Math.max(0, j - BESIDE), j + BESIDE + 1).some((n) => n.capital && n.kind === 'word' && !claim.terms.has(n.term)));
  });
  if (!besideOtherName) return undefined;
  const relation = lexicalRelation(c.raw, x.raw);
  if (relation === 'same' || relation === 'broader' || relation === 'narrower') return undefined;
  return { kind: 'word', claim: c.raw, passage: x.raw, role: role ?? 'which' };
}

/** How near (in content words) a name must stand to a word to be the one it describes. */
const BESIDE = 3;

/** "close at 19:00" against "open between 09:00 and 19:00": the closing time is the end of the opening hours. */
const ENDS = new Set(['close', 'end', 'finish', 'stop', 'expir', 'shut']);
function rangeEnd(c: Token, passageSlot: readonly Token[], next: Token | undefined): boolean {
  return ENDS.has(c.term) && !!next && (next.kind === 'time' || next.kind === 'date') && passageSlot.some((t) => t.kind === next.kind);
}

function sameFamily(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return a === b || (short.length >= 4 && long.startsWith(short));
}

// ---- counted things and who they are for -----------------------------------------------

const AUXILIARY = /^(will|would|can|could|has|have|had|is|are|was|were|be|been|did|does|do|may|might|must|shall|should|said|says)$/i;

/** The claim's subject: its content words before the first auxiliary or past-tense verb, when that comes early. */
export function subjectOf(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    if (AUXILIARY.test(t.raw)) return out;
    if (t.stop) continue;
    if (out.length && /ed$/i.test(t.raw) && !t.capital) return out;
    if (t.kind !== 'word' || out.length >= 5) return [];
    out.push(t);
  }
  return [];
}

/** Prepositions before whom a thing is for. */
const FOR = /^(?:for|at|to|toward|towards)$/i;

/** How near (in content words) a subject must stand to a count for the count to be its. */
const NEAR_SUBJECT = 8;

/** Where one clause ends and the next, with its own subject, begins. */
const CLAUSE = /;|,?\s+(?:while|whereas|but)\s+|,\s+(?:and|with)\s+(?=\p{L}+\s+(?:will|would|could|can|were|are|get|got|had|have)\b)/giu;

/** The clauses of a text, as offset ranges. */
function clauses(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = 0;
  CLAUSE.lastIndex = 0;
  for (let m = CLAUSE.exec(text); m; m = CLAUSE.exec(text)) {
    out.push([at, m.index]);
    at = m.index + m[0].length;
  }
  out.push([at, text.length]);
  return out;
}

/** Counted things of a text, each with the terms of its clause. */
function countsWithClause(text: string, tokens: readonly Token[], units: readonly NumberUnit[]): Array<{ unit: NumberUnit; terms: Set<string>; tokens: Token[] }> {
  const spans = clauses(text);
  const out: Array<{ unit: NumberUnit; terms: Set<string>; tokens: Token[] }> = [];
  let from = 0;
  for (const u of units) {
    const at = text.indexOf(u.raw, from);
    if (at < 0) continue;
    from = at;
    const [s, e] = spans.find(([cs, ce]) => at >= cs && at < ce) ?? [0, text.length];
    const clauseTokens = tokens.filter((t) => t.start >= s && t.end <= e);
    out.push({ unit: u, terms: new Set(clauseTokens.filter((t) => !t.stop).map((t) => t.term)), tokens: clauseTokens });
  }
  return out;
}

/**
 * "two corridors" in a claim whose subject ("civilians") the source gives another count of the
 * same thing in one clause ("six other corridors … to allow civilians to leave"), while no clause
 * of the source gives the subject the claim's count. Each count of the claim is read with the
 * subject of its own clause ("rebels … two corridors, while civilians … six").
 */
export function countRoleConflicts(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[], claimUnits: readonly NumberUnit[]): Conflict[] {
  if (!claimUnits.length) return [];
  const source = corpus.source(passages[0]!.sourceId);
  if (!source || !sourceUnits(corpus, source.id).size) return [];
  const out: Conflict[] = [];
  for (const { unit: cu, tokens: clauseTokens } of countsWithClause(claim.prose, claim.tokens, claimUnits)) {
    if (isYear(`#${cu.value}`)) continue;
    const subjectTokens = subjectOf(clauseTokens);
    const at = clauseTokens.findIndex((t) => t.raw === cu.number);
    // whom it is for: the words after "for", "at", "to" up to the clause's next number ("aimed at
    // unarmed civilians"; "two for fighters and six for civilians": the civilians are the six's)
    const next = clauseTokens.findIndex((t, i) => i > at && t.kind === 'number');
    const own = clauseTokens.slice(at + 1, next < 0 ? undefined : next);
    const whom = own.filter((t, i) => !t.stop && t.kind === 'word' && t.term !== cu.unit && !isGenericTerm(t.term) && own.slice(Math.max(0, i - 3), i).some((x) => FOR.test(x.raw)));
    if (!subjectTokens.length && !whom.length) continue;
    // the source's clauses that count the same thing: with the claim's number, and with another
    const counting = source.passages.flatMap((p) => {
      const a = analysed(corpus, p);
      return countsWithClause(p.text, a.tokens, a.units.filter((u) => u.unit === cu.unit)).map((x) => ({ ...x, p }));
    });
    if (!counting.some((x) => x.unit.value === cu.value)) continue;
    const same = counting.filter((x) => x.unit.value === cu.value);
    const conflict = (role: readonly Token[]): Conflict | undefined => {
      const subject = role.map((t) => t.term);
      if (!subject.length) return undefined;
      const hasSubject = (terms: ReadonlySet<string>) => subject.some((s) => terms.has(s));
      if (same.some((x) => hasSubject(x.terms))) return undefined;
      // the other count is the subject's when the subject stands near it
      const near = (x: (typeof counting)[number]) => {
        const words = x.tokens.filter((t) => !t.stop);
        const u = words.findIndex((t) => t.term === cu.unit);
        return u >= 0 && words.some((t, i) => subject.includes(t.term) && Math.abs(i - u) <= NEAR_SUBJECT);
      };
      const theirs = counting.find((x) => x.unit.value !== cu.value && hasSubject(x.terms) && near(x));
      return theirs && { kind: 'number', claim: cu.raw, passage: theirs.unit.raw, role: `for ${role.map((t) => t.raw).join(' ')}`, evidence: theirs.p, decisive: true };
    };
    // the subject before the count; else whom the count is for, named only where the source counts otherwise
    const found = conflict(subjectTokens) ?? conflict(whom.filter((t) => !same.some((x) => x.terms.has(t.term))));
    if (found) out.push(found);
  }
  return out;
}
