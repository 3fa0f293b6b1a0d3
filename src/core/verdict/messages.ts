/**
 * Every message and fix title the check shows a writer, worded in one place. Each message names
 * the passage ("002, line 5") and the exact words in question.
 */
import { truncate } from '../text/truncate';
import type { Conflict } from './support';

/** How much of a quoted passage a message shows. */
const PASSAGE_CHARS = 160;
/** How much of a quote a fix title shows. */
const FIX_CHARS = 60;

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function quoted(words: readonly string[], max = 4): string {
  const shown = words.slice(0, max).map((w) => `"${w}"`);
  return shown.join(', ') + (words.length > max ? ` and ${words.length - max} more` : '');
}

/** "Possibly unsupported: " and the like, for a finding in the uncertain band. */
function hedge(uncertain: boolean, certain: string, possible: string): string {
  return uncertain ? possible : certain;
}

export const messages = {
  wrongLocator: (source: string, right: string, cited: string) => `${source} backs this on ${right}, not on the cited ${cited}`,
  fixChangeLocator: (right: string) => `Change to ${right}`,
  uncheckedCitation: (key: string, bibliography: string) => `[@${key}] is in ${bibliography}, but its text is not in the workspace, so this sentence was not checked`,

  unknownSource: (key: string, near: readonly string[]) => `No source has the key "${key}"${near.length ? ` (did you mean ${near.map((k) => `@${k}`).join(', ')}?)` : ''}`,

  quoteElsewhere: (from: string, cited: readonly string[]) => `This quote is from ${from}, not from the cited ${cited.join(', ')}`,

  misquoteNearest: (scope: string, nearest: string, where: string) => `This quote is not verbatim in ${scope}; the nearest wording is "${nearest}" (${where})`,

  misquoteNowhere: (cited: boolean) => `This quote stands in ${cited ? 'neither the cited source nor any other' : 'no source'}`,

  /** `scope` of a misquote: where the quote was looked for. */
  quoteScope: (cited: readonly string[]) => (cited.length ? `the cited ${cited.join(', ')}` : 'any source'),

  wrongCitation: (cited: readonly string[], where: string, coverage: number, uncertain: boolean) =>
    `${hedge(uncertain, '', 'Possibly the wrong citation: ')}${cited.join(', ')} does not support this sentence; ${where} does (${pct(coverage)} of its words)`,

  uncited: (where: string, coverage: number) => `Supported by ${where} (${pct(coverage)} of its words), but nothing is cited`,

  contradicted: (where: string, conflict: Conflict, passageText: string, uncertain: boolean) =>
    `${hedge(uncertain, '', 'Possibly contradicted: ')}${where} matches this claim but ${describeConflict(conflict)}: "${truncate(passageText, PASSAGE_CHARS)}"`,

  unsupported: (closest: { where: string; coverage: number; missing: readonly string[] } | undefined, uncertain: boolean) => {
    const head = hedge(uncertain, 'No source supports this claim', 'Possibly unsupported');
    if (!closest) return head;
    const lacks = closest.missing.length ? `; it does not have ${quoted(closest.missing)}` : '';
    return `${head} (closest: ${closest.where}, ${pct(closest.coverage)} of its words${lacks})`;
  },

  fixChangeKey: (key: string) => `Change to @${key}`,
  fixReplaceKey: (key: string) => `Replace with [@${key}]`,
  fixCite: (key: string) => `Cite [@${key}]`,
  fixOwnAnalysis: () => 'Mark as own analysis',
  fixQuote: (text: string) => `Replace with the source's wording: "${truncate(text, FIX_CHARS)}"`,
};

/** The difference a conflict names: both the claim's words and the source's. */
export function describeConflict(c: Conflict): string {
  const role = c.role ? ` (${c.role})` : '';
  if (c.kind === 'negation') return c.passage ? `a negation differs: "${c.claim}" here, "${c.passage}" in the source` : 'a negation differs';
  if (c.kind === 'antonym') return `"${c.claim}" is the opposite of "${c.passage}"${role}`;
  if (c.passage && c.role === 'who') return `who did it differs: "${c.claim}" here, "${c.passage}" in the source`;
  if (c.passage && c.kind === 'number' && c.role?.startsWith('for ')) return `the count differs ${c.role}: "${c.claim}" here, "${c.passage}" in the source`;
  if (c.passage) return `the ${c.kind === 'name' ? 'name' : c.kind} differs${role}: "${c.claim}" here, "${c.passage}" in the source`;
  return `the ${c.kind} "${c.claim}" is not in the passage`;
}
