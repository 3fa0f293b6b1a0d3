/** Negation: which terms a "not" governs. */
import type { Token } from './tokenize';

/** How many content words after a negation it governs. */
const NEGATION_REACH = 3;
/** Words and marks that end a negation's reach: a new clause. */
const CLAUSE_BREAK = /[,;:()\[\]"“”—–]|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bhowever\b/i;

/** Words that negate the verb after their "to": "unable to leave" is "could not leave". */
const IMPLICIT = /^(?:unable|fail|fails|failed|failing|refuse|refuses|refused|refusing)$/i;

const DENY = /^(?:deny|denies|denied|denying)$/i;

/** How many content words "without" governs: a preposition's object ("without prior approval"). */
const WITHOUT_REACH = 2;

/**
 * Negation words that negate nothing in the clause: "not only", "not just", "no doubt", "no matter",
 * "whether or not", "nothing but", "none other than", "no less than", "not least", "not to mention".
 * Each pattern is tried on the text from the negation on.
 */
const NOT_NEGATING = /^(?:not\s+(?:only|just|merely|simply|least|to\s+mention)|no\s+(?:doubt|matter|sooner|less|fewer|more\s+than)|nothing\s+(?:but|short\s+of)|none\s+other)\b/i;
/** "whether or not", "if not": the words before the negation that make it none. */
const NOT_NEGATING_BEFORE = /\b(?:whether\s+or|or|if)\s*$/i;
/**
 * Words that open an embedded question or a second verb phrase, beyond a negation's reach once it
 * governs a word: "don't know where to start", "is not insured and offers". (A relative clause
 * stays in reach: "no corridors that guaranteed safe passage"; so does a condition: "could not be
 * extended if rebels …".)
 */
const EMBEDDED = /^(?:where|how|what|when|why|whether|and)$/i;

/** One negation: the content terms it governs, and the content word just before it ("Media" in "Ozy Media was not arrested"). */
export interface NegationSite {
  anchor?: string;
  governed: string[];
}

/**
 * The terms a negation governs ("civilians did not trust the government side" → trust, govern,
 * side), and the terms that stand outside any negation. A negation reaches the next few content
 * words of its clause, up to an embedded clause or a second verb phrase ("did not know where to
 * start", "is not insured and offers"). "Not only", "no doubt", "whether or not" and the negation
 * inside a compound ("a no-fee tool") negate nothing; "unable to", "failed to" and "refused to" negate.
 */
export function negationScopes(text: string, tokens: readonly Token[]): { negated: Set<string>; plain: Set<string>; sites: NegationSite[] } {
  const negated = new Set<string>();
  const plain = new Set<string>();
  const sites: NegationSite[] = [];
  let site: NegationSite | undefined;
  let reach = 0;
  let prevEnd = 0;
  let last: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (CLAUSE_BREAK.test(text.slice(prevEnd, t.start))) {
      reach = 0;
      last = undefined;
    }
    prevEnd = t.end;
    // "unable to distinguish", "failed to separate", "refused to leave": a negation of what follows
    // "denied there were corridors", "denied that …": a negation of the claim denied
    // (the next token read only where there is one: a read past the end of the list sends the
    // optimised loop back to the interpreter)
    const implicit = t.kind === 'word' && ((IMPLICIT.test(t.raw) && i + 1 < tokens.length && /^to$/i.test(tokens[i + 1]!.raw)) || (DENY.test(t.raw) && i + 1 < tokens.length && /^(?:that|there)$/i.test(tokens[i + 1]!.raw)));
    if (t.kind === 'negation' || implicit) {
      // "no-fee", "no-fly": the negation belongs to a compound word, not to the clause
      if (t.kind === 'negation' && (text[t.end] === '-' || text[t.start - 1] === '-')) continue;
      if (NOT_NEGATING.test(text.slice(t.start, t.start + 40)) || NOT_NEGATING_BEFORE.test(text.slice(Math.max(0, t.start - 12), t.start))) continue;
      reach = /^without$/i.test(t.raw) ? WITHOUT_REACH : NEGATION_REACH;
      site = { governed: [] };
      if (last) site.anchor = last.term;
      sites.push(site);
      continue;
    }
    if (t.stop) {
      if (reach > 0 && site!.governed.length > 0 && EMBEDDED.test(t.raw)) reach = 0;
      if (/^(but|while|although|though|however|whereas)$/i.test(t.raw)) {
        reach = 0;
        last = undefined;
      }
      continue;
    }
    if (reach > 0) {
      negated.add(t.term);
      site!.governed.push(t.term);
      reach--;
    } else plain.add(t.term);
    last = t;
  }
  return { negated, plain, sites };
}
