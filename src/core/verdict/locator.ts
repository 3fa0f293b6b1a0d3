/**
 * Rule `wrong-locator`: the cited source supports the sentence (or holds its quote), but not on
 * the page or pages the citation names (`[@key, p. 2]`). The message names the right page; the
 * fix rewrites the locator. Only paged sources (PDFs) have pages to check.
 */
import type { Corpus } from '../corpus/corpus';
import type { Citation, Claim } from '../draft/draft';
import { formatPages } from '../draft/locators';
import { pageOf, pageStarts } from '../sources/sources';
import type { Evidence, Finding, Passage, Range } from '../model/types';
import { messages } from './messages';
import { shortName } from './names';
import type { QuoteLocation } from './quotes';
import { claimTerms, isSupported, scoreCandidate, type SupportResult, type SupportThresholds } from './support';

/** What this rule uses of a claim rule's context. */
interface Context {
  ctx: {
    corpus: Corpus;
    thresholds: SupportThresholds;
    rangeOf(start: number, end: number): Range;
    emit(claim: Claim | undefined, finding: Omit<Finding, 'severity'>): void;
  };
  claim: Claim;
  verdict: { citedSupport?: SupportResult; quotes: Array<{ location?: QuoteLocation }> };
}

/** A passage, or a quote's place, on a page: what the finding shows as its evidence. */
interface Found {
  page: number;
  evidence: Evidence;
}

/** `wrong-locator` for each page locator the evidence contradicts. Never settles the claim. */
export function wrongLocators({ ctx, claim, verdict }: Context): boolean {
  for (const c of claim.citations) {
    if (!c.pages) continue;
    const source = ctx.corpus.source(c.key);
    if (!source?.meta.pages) continue;
    const found = quotePage(ctx.corpus, c, verdict.quotes) ?? supportPage(ctx, claim, c, verdict.citedSupport);
    if (!found) continue;
    const right = formatPages(found.page);
    ctx.emit(claim, {
      rule: 'wrong-locator',
      range: ctx.rangeOf(c.pages.start, c.pages.end),
      message: messages.wrongLocator(shortName(ctx.corpus, c.key), right, formatPages(c.pages.from, c.pages.to)),
      evidence: [found.evidence],
      score: 1,
      fixes: [{ title: messages.fixChangeLocator(right), range: ctx.rangeOf(c.pages.start, c.pages.end), newText: right }],
    });
  }
  return false;
}

const within = (c: Citation, page: number) => page >= c.pages!.from && page <= c.pages!.to;

/** The page of a verbatim quote from the cited source, when it is not a cited page. */
function quotePage(corpus: Corpus, c: Citation, quotes: ReadonlyArray<{ location?: QuoteLocation }>): Found | undefined {
  const here = quotes.map((q) => q.location).filter((l): l is QuoteLocation => !!l && l.sourceId === c.key);
  if (!here.length) return undefined;
  const source = corpus.source(c.key)!;
  const starts = pageStarts(source.text);
  const pages = here.map((l) => pageOf(starts, l.start));
  if (pages.some((p) => within(c, p))) return undefined;
  const loc = here[0]!;
  const passage = source.passages.find((p) => p.start <= loc.start && loc.start < p.end) ?? source.passages[0]!;
  return { page: pages[0]!, evidence: { ...evidence(passage), text: source.text.slice(loc.start, loc.end), start: loc.start, end: loc.end } };
}

/** The page of the cited source's best support, when no passage on the cited pages supports the sentence. */
function supportPage(ctx: Context['ctx'], claim: Claim, c: Citation, support: SupportResult | undefined): Found | undefined {
  const best = support?.passages[0];
  if (!best || best.sourceId !== c.key || !best.page || !isSupported(support, ctx.thresholds)) return undefined;
  if (support!.passages.some((p) => p.page !== undefined && within(c, p.page))) return undefined;
  // another passage on the cited pages may support it as well
  const terms = claimTerms(ctx.corpus, claim.prose);
  const onPages = ctx.corpus.source(c.key)!.passages.filter((p) => p.page !== undefined && within(c, p.page));
  if (onPages.some((p) => isSupported(scoreCandidate(ctx.corpus, terms, [p], ctx.thresholds), ctx.thresholds))) return undefined;
  return { page: best.page, evidence: evidence(best) };
}

function evidence(p: Passage): Evidence {
  return { source: p.sourceId, line: p.line + 1, character: p.character, text: p.text, start: p.start, end: p.end, ...(p.page ? { page: p.page } : {}) };
}
