/** Negation: which terms a "not" governs. */
import type { Token } from './tokenize';

/** How many content words after a negation it governs. */
const NEGATION_REACH = 3;
/** Words and marks that end a negation's reach: a new clause. */
const CLAUSE_BREAK = /[,;:()\[\]"“”—–]|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bhowever\b/i;

/** Words that negate the verb after their "to": "unable to leave" is "could not leave". */
const IMPLICIT = /^(?:unable|fail|fails|failed|failing|refuse|refuses|refused|refusing)$/i;

const DENY = /^(?:deny|denies|denied|denying)$/i;

/** One negation: the content terms it governs, and the content word just before it ("Media" in "Ozy Media was not arrested"). */
export interface NegationSite {
  anchor?: string;
  governed: string[];
}

/**
 * The terms a negation governs ("civilians did not trust the government side" → trust, govern,
 * side), and the terms that stand outside any negation. A negation reaches the next few content
 * words of its clause. "Not only" is no negation; "unable to", "failed to" and "refused to" are.
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
    const implicit = t.kind === 'word' && ((IMPLICIT.test(t.raw) && /^to$/i.test(tokens[i + 1]?.raw ?? '')) || (DENY.test(t.raw) && /^(?:that|there)$/i.test(tokens[i + 1]?.raw ?? '')));
    if (t.kind === 'negation' || implicit) {
      if (/^not$/i.test(t.raw) && /^only$/i.test(tokens[i + 1]?.raw ?? '')) continue;
      reach = NEGATION_REACH;
      site = { governed: [] };
      if (last) site.anchor = last.term;
      sites.push(site);
      continue;
    }
    if (t.stop) {
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
