/**
 * What a hover in a draft says, as Markdown: over a citation key, who said it and the passage of
 * that source that best backs the sentence (matched words in bold, a link that opens the source
 * there); over a quote, where it stands verbatim, its nearest wording, or that it stands nowhere.
 * Built from the check of the draft — the verdict decides, the hover only shows it.
 *
 * Source text is untrusted: everything taken from a source goes through the passage renderer,
 * which escapes it; the only links are the `open` command links built here.
 */
import type { Corpus } from '../corpus/corpus';
import type { Citation, Quote } from '../draft/draft';
import type { Passage } from '../model/types';
import { passageAt } from '../sources/sources';
import { positionAt } from '../text/segment';
import { shortName, nearSourceKeys, type CheckResult, type ClaimVerdict } from '../verdict/check';
import { bestSupport, claimTerms, isSupported, type SupportResult } from '../verdict/support';
import { escapeMarkdown, renderPassage, renderSourceHeading, termsOf } from './render';

/** The command that opens a source at a stretch of its text, and its argument. */
export const OPEN_SOURCE_COMMAND = 'grounded.openSource';

/** Argument of `grounded.openSource`: a source id and, optionally, the offsets to select. */
export interface OpenSourceArgs {
  source: string;
  start?: number;
  end?: number;
}

/** A hover: its Markdown and the offsets in the draft it covers. */
export interface HoverContent {
  markdown: string;
  start: number;
  end: number;
}

/**
 * The hover at `offset` in a checked draft, or undefined where there is nothing to say.
 *
 * @example
 * ```ts
 * const result = check(text, corpus);
 * const hover = hoverAt(result, corpus, text.indexOf('@000') + 2);
 * hover?.markdown; // "**Title**  \nUPI · source 000\n\nBacks this sentence (…)"
 * ```
 */
export function hoverAt(result: CheckResult, corpus: Corpus, offset: number): HoverContent | undefined {
  const citation = result.draft.citations.find((c) => offset >= c.start && offset < c.end);
  if (citation) {
    const verdict = result.verdicts.find((v) => v.claim.citations.includes(citation));
    return { markdown: citationMarkdown(corpus, citation, verdict), start: citation.start, end: citation.end };
  }
  for (const v of result.verdicts) {
    const q = v.claim.quotes.find((x) => offset >= x.outerStart && offset < x.outerEnd);
    if (!q) continue;
    const markdown = quoteMarkdown(corpus, result, q, v);
    return markdown ? { markdown, start: q.outerStart, end: q.outerEnd } : undefined;
  }
  return undefined;
}

function citationMarkdown(corpus: Corpus, c: Citation, verdict: ClaimVerdict | undefined): string {
  const source = corpus.source(c.key);
  if (!source) {
    const near = nearSourceKeys(corpus, c.key);
    return `**No source has the key ${escapeMarkdown(c.key)}**${near.length ? `\n\nDid you mean ${near.map((k) => `**${escapeMarkdown('@' + k)}**`).join(', ')}?` : ''}`;
  }
  const short = shortName(corpus, source.id);
  // a verbatim quote from this source is the most precise backing there is
  const quoted = verdict?.quotes.find((q) => q.location?.sourceId === source.id);
  if (quoted?.location) {
    const p = passageAt(source.passages, quoted.location.start) ?? source.passages[0];
    if (p) return passageMarkdown(corpus, p, termsOf([quoted.quote.text]), 'The quote stands verbatim in this passage:');
  }
  let support: SupportResult | undefined;
  if (verdict) {
    // the check's support within the cited sources, when it rests on this one; else, for one key
    // of several, the passage of this source to show (what it says, not a verdict)
    support = verdict.citedSupport?.passages.every((p) => p.sourceId === source.id) ? verdict.citedSupport : undefined;
    support ??= bestSupport(corpus, claimTerms(corpus, verdict.claim.prose), { sources: new Set([source.id]) });
  }
  if (!support || !support.passages.length) {
    const first = source.passages[0];
    return first ? passageMarkdown(corpus, first, undefined, verdict ? 'Nothing in this source matches the sentence.' : undefined) : renderSourceHeading(source.meta, short);
  }
  const pct = Math.round(support.coverage * 100);
  const note = isSupported(support) ? `Backs this sentence (${pct}% of its words):` : `Closest passage, ${pct}% of the sentence's words${support.conflicts.length ? `; ${escapeMarkdown(describeConflict(support))}` : ''}:`;
  const first = support.passages[0]!;
  const last = support.passages[support.passages.length - 1]!;
  return renderPassage({
    meta: source.meta,
    shortId: short,
    text: support.passages.map((p) => p.text).join(' '),
    line: first.line,
    ...(first.page ? { page: first.page } : {}),
    bold: termsOf(support.matched),
    note,
    open: { command: OPEN_SOURCE_COMMAND, args: [{ source: source.id, start: first.start, end: last.end } satisfies OpenSourceArgs] },
  });
}

function quoteMarkdown(corpus: Corpus, result: CheckResult, q: Quote, v: ClaimVerdict): string | undefined {
  const checked = v.quotes.find((x) => x.quote === q);
  if (!checked) return undefined; // too short to be checked
  if (checked.location) {
    const source = corpus.source(checked.location.sourceId);
    const p = source && (passageAt(source.passages, checked.location.start) ?? source.passages[0]);
    if (p) return passageMarkdown(corpus, p, termsOf([q.text]), `Verbatim in ${escapeMarkdown(shortName(corpus, p.sourceId))}, ${p.page ? `p. ${p.page}, ` : ''}line ${p.line + 1}:`);
  }
  const start = positionAt(result.draft.lineStarts, q.start);
  const finding = result.findings.find((f) => f.rule === 'misquote' && f.range.start.line === start.line && f.range.start.character === start.character);
  const near = finding?.evidence[0];
  if (near) {
    const source = corpus.source(near.source);
    const p = source && (passageAt(source.passages, near.start) ?? source.passages[0]);
    if (p) return passageMarkdown(corpus, p, termsOf([near.text]), `**This quote is not verbatim in the sources.** Nearest wording: "${escapeMarkdown(near.text)}"`);
  }
  return '**This quote stands in no source.**';
}

function passageMarkdown(corpus: Corpus, p: Passage, bold: Set<string> | undefined, note: string | undefined): string {
  const source = corpus.source(p.sourceId)!;
  return renderPassage({
    meta: source.meta,
    shortId: shortName(corpus, source.id),
    text: p.text,
    line: p.line,
    ...(p.page ? { page: p.page } : {}),
    ...(bold ? { bold } : {}),
    ...(note ? { note } : {}),
    open: { command: OPEN_SOURCE_COMMAND, args: [{ source: source.id, start: p.start, end: p.end } satisfies OpenSourceArgs] },
  });
}

function describeConflict(r: SupportResult): string {
  const c = r.conflicts[0];
  if (!c) return '';
  if (c.kind === 'negation') return 'a negation differs';
  return c.passage ? `${c.kind} differs: "${c.claim}" here, "${c.passage}" there` : `the ${c.kind} "${c.claim}" is not in it`;
}
