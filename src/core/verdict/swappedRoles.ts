/**
 * Who did it to whom: a claim that puts the source's subject after the verb, where the source has
 * it before. "The rebels have accused Russia of firing into escape corridors" against "Russia has
 * accused armed groups in Aleppo of firing into escape corridors"; "Putin decided to introduce the
 * ceasefire on Shoigu's orders" against "Shoigu on President Putin's orders has decided to
 * introduce a 'humanitarian ceasefire'". Every word is in the passage; the roles are not.
 *
 * The claim's subject is its words before the verb (roles.ts `subjectOf`), its verb the next word
 * past the auxiliaries. In the passage, the subject of the same verb is the first run of
 * capitalised words of its clause before the verb. When that run holds a name the claim puts after
 * its verb, and none of the claim's subject, the two have traded places. A passive claim ("the
 * pause was ordered by Putin") puts the doer after the verb by right, and is left alone.
 */
import type { Corpus } from '../corpus/corpus';
import type { Token } from '../text/text';
import type { Passage } from '../model/types';
import { analysed } from './facts';
import { sameReferent } from './nameForms';
import { afterPreposition, subjectOf } from './roles';
import type { ClaimTerms, Conflict } from './types';

const AUXILIARY = /^(?:will|would|can|could|has|have|had|may|might|must|shall|should|did|does|do|also|then|later|reportedly)$/i;
const BE = /^(?:is|are|was|were|be|been|being|am|'s)$/i;
/** Where the passage's clause before the verb starts. */
const CLAUSE_MARK = /[,;:()"“”]|\s[-–—]\s/;
const CLAUSE_WORD = /^(?:that|which|who|whom|and|but|while|after|before|when|because|since|as|if)$/i;
/** "and" between two names joins one subject ("Moscow and Damascus have blamed …"), not two clauses. */
const joinsNames = (tokens: readonly Token[], k: number) => /^and$/i.test(tokens[k]?.raw ?? '') && !!tokens[k - 1] && !!tokens[k + 1] && isCapital(tokens[k - 1]!) && isCapital(tokens[k + 1]!);
/** How many words after its verb the claim's object may stand. */
const OBJECT_REACH = 8;

const isCapital = (t: Token) => t.kind === 'word' && /^\p{Lu}/u.test(t.raw) && !/^I(?:['’]|$)/.test(t.raw);

/** Small words inside a name. */
const NAME_JOINER = /^(?:of|the|al|el|bin|ibn|de|la|von|van|der|da|du)$/i;

/** The first run of capitalised words in the clause before `verb`. */
function passageSubject(text: string, tokens: readonly Token[], verb: number): Token[] {
  let from = 0;
  for (let k = verb; k > 0; k--) {
    if (CLAUSE_MARK.test(text.slice(tokens[k - 1]!.end, tokens[k]!.start)) || (CLAUSE_WORD.test(tokens[k - 1]!.raw) && !joinsNames(tokens, k - 1))) {
      from = k;
      break;
    }
  }
  const run: Token[] = [];
  for (let k = from; k < verb; k++) {
    const t = tokens[k]!;
    // "Zakaria Malahifji of the Fastaqim group" is one name; "Shoigu on President Putin's orders" is not
    if (t.stop && run.length && !NAME_JOINER.test(t.raw) && !joinsNames(tokens, k)) break;
    if (t.stop) continue;
    if (isCapital(t)) run.push(t);
    else if (run.length) break;
  }
  return run;
}

/**
 * Conflicts where the claim's subject and a name after its verb trade places with the passage's,
 * or where the claim's named subject is nowhere in the passage and the same verb has another
 * named subject there ("The United States has been accused of war crimes" against "Russia and
 * Assad's regime have been accused of committing war crimes").
 */
export function swappedRoles(corpus: Corpus, claim: ClaimTerms, passages: readonly Passage[]): Conflict[] {
  const tokens = claim.tokens;
  const subject = subjectOf(tokens);
  if (!subject.length) return [];
  let v = tokens.indexOf(subject[subject.length - 1]!) + 1;
  let passive = false;
  for (; v < tokens.length && (AUXILIARY.test(tokens[v]!.raw) || BE.test(tokens[v]!.raw)); v++) if (BE.test(tokens[v]!.raw)) passive = true;
  const verb = tokens[v];
  if (!verb || verb.stop || verb.kind !== 'word' || isCapital(verb)) return [];
  if (passive) return replacedSubject(corpus, subject, verb, passages);
  // the names after the verb, but not the doer of a passive ("by Putin")
  const objects = tokens.slice(v + 1, v + 1 + OBJECT_REACH).filter((t, i, all) => isCapital(t) && !t.stop && !/^by$/i.test((i ? all[i - 1] : verb)!.raw));
  if (!objects.length) return [];
  const subjectTerms = new Set(subject.map((t) => t.term));
  for (const p of passages) {
    const pt = analysed(corpus, p).tokens;
    for (let j = 0; j < pt.length; j++) {
      if (pt[j]!.term !== verb.term) continue;
      const run = passageSubject(p.text, pt, j);
      if (!run.length || !doneBy(p.text, pt, j, run) || run.some((t) => subjectTerms.has(t.term))) continue;
      const moved = objects.find((o) => run.some((t) => t.term === o.term || sameReferent(o.raw, t.raw)));
      if (!moved) continue;
      // the claim's own subject, where the passage has it in another role, else as the claim writes it
      const named = subject.filter((t) => isCapital(t) && pt.some((x) => x.term === t.term));
      return [{ kind: 'name', role: 'who', claim: (named.length ? named : subject).map((t) => t.raw).join(' '), passage: p.text.slice(run[0]!.start, run[run.length - 1]!.end) }];
    }
  }
  return replacedSubject(corpus, subject, verb, passages);
}

/** The claim's named subject, which the passage does not name, where the passage's same verb has another named subject. */
function replacedSubject(corpus: Corpus, subject: readonly Token[], verb: Token, passages: readonly Passage[]): Conflict[] {
  const names = subject.filter(isCapital);
  // "would be able to use": the verb is the one after "able to", not "able"
  if (!names.length || names.length !== subject.length || SEMI_AUXILIARY.test(verb.raw)) return [];
  const said = names.map((t) => t.raw).join(' ');
  for (const p of passages) {
    const pt = analysed(corpus, p).tokens;
    if (names.some((n) => pt.some((x) => x.term === n.term || (isCapital(x) && sameReferent(n.raw, x.raw))))) continue;
    for (let j = 0; j < pt.length; j++) {
      if (pt[j]!.term !== verb.term) continue;
      const run = passageSubject(p.text, pt, j);
      if (!run.length || !doneBy(p.text, pt, j, run) || sameReferent(said, run.map((t) => t.raw).join(' '), true) || oneName(corpus, p.sourceId, names, run)) continue;
      return [{ kind: 'name', role: 'who', claim: said, passage: p.text.slice(run[0]!.start, run[run.length - 1]!.end) }];
    }
  }
  return [];
}

/** Words after "be" that take the verb of the sentence after "to". */
const SEMI_AUXILIARY = /^(?:able|unable|likely|unlikely|due|set|going|about|expected|supposed|bound|certain|sure)$/i;

/**
 * Whether the names before a passage's verb are its doer: not the object of a preposition ("the
 * situation in Aleppo during the meeting"), and the verb not a noun after a determiner ("the
 * meeting").
 */
function doneBy(text: string, tokens: readonly Token[], verb: number, run: readonly Token[]): boolean {
  if (verb > 0 && /^(?:the|a|an|this|that|their|his|her|its|our)$/i.test(tokens[verb - 1]!.raw)) return false;
  return !afterPreposition(text, run[0]!);
}

/** Whether the source writes the claim's name and the passage's next to each other somewhere: one person's names ("Marion" and "Smith"). */
function oneName(corpus: Corpus, sourceId: string, names: readonly Token[], run: readonly Token[]): boolean {
  const mine = new Set(names.map((t) => t.term));
  const theirs = new Set(run.map((t) => t.term));
  for (const p of corpus.source(sourceId)?.passages ?? []) {
    const pt = analysed(corpus, p).tokens;
    for (let k = 1; k < pt.length; k++) {
      const [a, b] = [pt[k - 1]!.term, pt[k]!.term];
      if ((mine.has(a) && theirs.has(b)) || (theirs.has(a) && mine.has(b))) return true;
    }
  }
  return false;
}
