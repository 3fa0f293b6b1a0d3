/**
 * The rules of the check, one function each, and the order they run in.
 *
 * Draft rules look at the whole draft once (unknown keys). Claim rules run per claim, in order;
 * a rule that returns `true` settles the claim, and the rules after it do not look at it (a
 * misquote is the precise finding: the sentence around it is not reported again). New rules go
 * into `DRAFT_RULES` or `CLAIM_RULES` at the place where they should take precedence.
 */
import type { Corpus } from '../corpus/corpus';
import { wordCount, type Claim, type Draft, type Quote } from '../draft/draft';
import { lineStarts, positionAt } from '../text/segment';
import { pageOf, pageStarts } from '../sources/sources';
import { contentTerms } from '../text/text';
import type { Evidence, Finding, Fix, Passage, Range } from '../model/types';
import { isAnalysis } from './analysis';
import { cachesOf } from './caches';
import { messages } from './messages';
import { candidateSources, findInSource, nearestWording, type QuoteLocation } from './quotes';
import { isContradicted, isSupported, type Confidence, type SupportResult, type SupportThresholds } from './support';
import { nearSourceKeys, shortName } from './names';
import { isUnchecked, uncheckedCitations } from './unchecked';
import { wrongLocators } from './locator';

/** The verdict on one claim, kept for hover, code actions and a verifier that looks again at uncertain ones. */
export interface ClaimVerdict {
  claim: Claim;
  support?: SupportResult;
  /** Best support within the cited sources, when the claim cites any. */
  citedSupport?: SupportResult;
  /** Where each checked quote stands, or undefined if it stands nowhere. */
  quotes: Array<{ quote: Quote; location?: QuoteLocation }>;
  /** The support the verdict rests on (the cited sources' when the claim cites any). */
  probability?: number;
  /** `uncertain`: between the thresholds, so findings are information-level ("possibly unsupported"). */
  confidence?: Confidence;
}

/** A finding before its severity is applied. */
export type PendingFinding = Omit<Finding, 'severity'>;

/** What every rule may use. */
export interface CheckContext {
  corpus: Corpus;
  draft: Draft;
  thresholds: SupportThresholds;
  minQuoteWords: number;
  rangeOf(start: number, end: number): Range;
  /** Adds a finding (dropped when the writer switched the rule off). `uncertain` findings are information-level. */
  emit(claim: Claim | undefined, finding: PendingFinding): void;
}

/** What a claim rule sees. */
export interface ClaimContext {
  ctx: CheckContext;
  claim: Claim;
  verdict: ClaimVerdict;
  /** The cited keys that name a source. */
  cited: ReadonlySet<string>;
}

export type DraftRule = (ctx: CheckContext) => void;
/** Returns true when the claim is settled. */
export type ClaimRule = (c: ClaimContext) => boolean;

/** Evidence as shown to the writer for a passage. */
export function evidenceOf(p: Passage, matched?: string[]): Evidence {
  const e: Evidence = { source: p.sourceId, line: p.line + 1, character: p.character, text: p.text, start: p.start, end: p.end };
  if (matched) e.matched = matched;
  if (p.page) e.page = p.page;
  return e;
}

function where(corpus: Corpus, p: Passage): string {
  return `${shortName(corpus, p.sourceId)}, line ${p.line + 1}`;
}

const names = (corpus: Corpus, ids: Iterable<string>) => [...ids].map((k) => shortName(corpus, k));

// ---- draft rules -------------------------------------------------------------------------

/** `unknown-source`: every bracketed citation whose key names no source, and in-text @names that look like a mistyped key. */
export function unknownSources(ctx: CheckContext): void {
  const claimOf = (c: Draft['citations'][number]) => ctx.draft.claims.find((cl) => cl.citations.includes(c));
  for (const c of ctx.draft.citations) {
    if (ctx.corpus.source(c.key) || isUnchecked(ctx, c.key)) continue;
    const near = nearSourceKeys(ctx.corpus, c.key);
    if (!c.bracketed && !near.length) continue; // an @mention or handle, not a citation
    const fixes: Fix[] = near.map((k) => ({ title: messages.fixChangeKey(k), range: ctx.rangeOf(c.start, c.end), newText: `@${k}` }));
    ctx.emit(claimOf(c), { rule: 'unknown-source', range: ctx.rangeOf(c.start, c.end), message: messages.unknownSource(c.key, near), evidence: [], score: 0, fixes });
  }
}

// ---- claim rules -------------------------------------------------------------------------

/** `misquote` for each quote not verbatim where it should be; `wrong-citation` for a verbatim quote from an uncited source. Never settles the claim. */
export function quotes({ ctx, claim, verdict, cited }: ClaimContext): boolean {
  for (const q of claim.quotes) {
    if (wordCount(q.text) < ctx.minQuoteWords) continue;
    const located = checkQuote(ctx.corpus, q, cited);
    verdict.quotes.push({ quote: q, ...(located.location ? { location: located.location } : {}) });
    const range = ctx.rangeOf(q.start, q.end);
    if (located.finding) ctx.emit(claim, { ...located.finding, range, fixes: located.finding.fixes.map((f) => ({ ...f, range: f.range ?? range })) });
    else if (located.location && cited.size && !cited.has(located.location.sourceId)) {
      const c = claim.citations.find((x) => cited.has(x.key))!;
      const id = located.location.sourceId;
      ctx.emit(claim, {
        rule: 'wrong-citation',
        range: ctx.rangeOf(c.start, c.end),
        message: messages.quoteElsewhere(shortName(ctx.corpus, id), names(ctx.corpus, cited)),
        evidence: [quoteEvidence(ctx.corpus, located.location)],
        score: 1,
        fixes: [{ title: messages.fixReplaceKey(id), range: ctx.rangeOf(c.groupStart, c.groupEnd), newText: `[@${id}]` }],
      });
    }
  }
  return false;
}

/** Nothing to judge: too few content words, no passages, only unknown keys (that is the finding), or the writer's own analysis. */
export function notAClaim({ claim, verdict, cited }: ClaimContext): boolean {
  if (!verdict.support && !verdict.citedSupport) return true;
  if (claim.citations.length > 0 && cited.size === 0) return true;
  return cited.size === 0 && (claim.opinion || isAnalysis(claim.prose));
}

/** A misquote is the precise finding; the sentence around it is not reported again. */
export function misquoted({ verdict }: ClaimContext): boolean {
  return verdict.quotes.some((q) => !q.location);
}

/** The cited sources support the claim. */
export function citedSupported({ ctx, verdict, cited }: ClaimContext): boolean {
  if (!cited.size || !isSupported(verdict.citedSupport, ctx.thresholds)) return false;
  // only just, while another source has far more of the claim's words: possibly the wrong citation
  const c = verdict.citedSupport!;
  const s = verdict.support;
  const marginal = c.probability < ctx.thresholds.supported + JUST && !!s && isSupported(s, ctx.thresholds) && !cited.has(s.passages[0]!.sourceId) && s.coverage >= c.coverage + FULLER;
  return !marginal;
}

/** How far above the threshold a cited source's support is "only just"; how much more of the claim another source must have. */
const JUST = 0.05;
const FULLER = 0.3;

/** How much higher the support probability of another source must be for a wrong citation to be certain. */
const CLEARLY_BETTER = 0.25;

/** `wrong-citation`: the cited sources do not support the claim, another source does. */
export function wrongCitation({ ctx, claim, verdict, cited }: ClaimContext): boolean {
  const support = verdict.support;
  if (!cited.size || !isSupported(support, ctx.thresholds) || cited.has(support!.passages[0]!.sourceId)) return false;
  const best = support!.passages[0]!;
  const c = claim.citations.find((x) => cited.has(x.key))!;
  // another source backing the claim far better than the cited one settles it
  const uncertain = verdict.confidence === 'uncertain' && support!.probability - (verdict.citedSupport?.probability ?? 0) < CLEARLY_BETTER;
  ctx.emit(claim, {
    rule: 'wrong-citation',
    range: ctx.rangeOf(c.groupStart, c.groupEnd),
    message: messages.wrongCitation(names(ctx.corpus, cited), where(ctx.corpus, best), support!.coverage, uncertain),
    evidence: support!.passages.map((p) => evidenceOf(p, support!.matched)),
    score: verdict.citedSupport?.score ?? 0,
    fixes: [{ title: messages.fixReplaceKey(best.sourceId), range: ctx.rangeOf(c.groupStart, c.groupEnd), newText: `[@${best.sourceId}]` }],
    ...band(verdict),
  });
  return true;
}

/** `uncited-claim`: a source supports the claim, which cites nothing. */
export function uncited({ ctx, claim, verdict, cited }: ClaimContext): boolean {
  const support = verdict.support;
  if (cited.size || !isSupported(support, ctx.thresholds)) return false;
  const best = support!.passages[0]!;
  ctx.emit(claim, {
    rule: 'uncited-claim',
    range: ctx.rangeOf(claim.start, claim.end),
    message: messages.uncited(where(ctx.corpus, best), support!.coverage),
    evidence: support!.passages.map((p) => evidenceOf(p, support!.matched)),
    score: support!.score,
    fixes: [citeFix(best.sourceId, claim, ctx)],
  });
  return true;
}

/** `contradicted`: the best passage matches, but a number, date, name, role or negation differs. */
export function contradicted({ ctx, claim, verdict, cited }: ClaimContext): boolean {
  const r = cited.size ? verdict.citedSupport : verdict.support;
  if (!isContradicted(r, ctx.thresholds)) return false;
  const uncertain = verdict.confidence === 'uncertain';
  const conflict = r!.conflicts[0]!;
  // the passage with the source's words for the slot, named and quoted
  const shown = conflict.evidence ?? r!.passages.find((p) => conflict.passage && p.text.includes(conflict.passage.split(' … ')[0]!.replace(/^not /, ''))) ?? r!.passages[0]!;
  const passages = r!.passages.includes(shown) ? r!.passages : [shown, ...r!.passages];
  ctx.emit(claim, {
    rule: 'contradicted',
    range: ctx.rangeOf(claim.start, claim.end),
    message: messages.contradicted(where(ctx.corpus, shown), conflict, shown.text, uncertain),
    evidence: passages.map((p) => evidenceOf(p, r!.matched)),
    score: r!.score,
    fixes: [],
    ...band(verdict),
  });
  return true;
}

/** Content words a sentence may have outside a verbatim quote for the quote to support it ("Gerasimov said the pause was meant "…""). */
const WORDS_AROUND_QUOTE = 4;

/**
 * A verbatim quote (from a cited source, or from any source when nothing is cited) supports its
 * sentence, when the sentence says little besides: a quoted title in a sentence of its own claims
 * ("He appeared in the documentary "I'll Sleep When I'm Dead"") backs none of them.
 */
export function quoteSupports({ claim, verdict, cited }: ClaimContext): boolean {
  const located = verdict.quotes.filter((q) => q.location && (!cited.size || cited.has(q.location.sourceId)));
  if (!located.length) return false;
  let outside = claim.prose;
  for (const { quote } of verdict.quotes) {
    const s = quote.outerStart - claim.start;
    const e = quote.outerEnd - claim.start;
    if (s >= 0 && e <= outside.length) outside = outside.slice(0, s) + ' '.repeat(e - s) + outside.slice(e);
  }
  return contentTerms(outside).length <= WORDS_AROUND_QUOTE;
}

/** `unsupported-claim`: no passage supports the claim. */
export function unsupported({ ctx, claim, verdict, cited }: ClaimContext): boolean {
  const r = cited.size ? verdict.citedSupport ?? verdict.support : verdict.support;
  const fixes: Fix[] = [ownAnalysisFix(claim, ctx)];
  if (r && r.coverage >= ctx.thresholds.weak && !claim.citations.length) fixes.push(citeFix(r.passages[0]!.sourceId, claim, ctx));
  const closest = r ? { where: where(ctx.corpus, r.passages[0]!), coverage: r.coverage, missing: r.missing } : undefined;
  ctx.emit(claim, {
    rule: 'unsupported-claim',
    range: ctx.rangeOf(claim.start, claim.end),
    message: messages.unsupported(closest, verdict.confidence === 'uncertain'),
    evidence: r ? r.passages.map((p) => evidenceOf(p, r.matched)) : [],
    score: r?.score ?? 0,
    fixes,
    ...band(verdict),
  });
  return true;
}

export const DRAFT_RULES: readonly DraftRule[] = [unknownSources, uncheckedCitations];
// a cited source that says otherwise is the finding, before another source that backs the claim
export const CLAIM_RULES: readonly ClaimRule[] = [quotes, wrongLocators, notAClaim, misquoted, citedSupported, contradicted, wrongCitation, uncited, quoteSupports, unsupported];

/** The confidence fields a finding about support carries. */
function band(verdict: ClaimVerdict): Pick<Finding, 'confidence' | 'probability'> {
  return { ...(verdict.confidence ? { confidence: verdict.confidence } : {}), ...(verdict.probability !== undefined ? { probability: verdict.probability } : {}) };
}

// ---- quotes ------------------------------------------------------------------------------

function quoteEvidence(corpus: Corpus, loc: QuoteLocation): Evidence {
  const source = corpus.source(loc.sourceId)!;
  const pos = positionAt(lineStarts(source.text), loc.start);
  const e: Evidence = { source: loc.sourceId, line: pos.line + 1, character: pos.character, text: source.text.slice(loc.start, loc.end), start: loc.start, end: loc.end };
  if (source.meta.pages) e.page = pageOf(pageStarts(source.text), loc.start);
  return e;
}

type QuoteFinding = Omit<Finding, 'severity' | 'range' | 'fixes'> & { fixes: Array<Omit<Fix, 'range'> & { range?: Range }> };

/** Where a quote stands; a `misquote` finding when it is not verbatim where it should be. */
export function checkQuote(corpus: Corpus, q: Quote, cited: ReadonlySet<string>): { location?: QuoteLocation; finding?: QuoteFinding } {
  const terms = contentTerms(q.text);
  const citedSources = [...cited].map((id) => corpus.source(id)!).filter(Boolean);
  for (const s of citedSources) {
    const loc = findInSource(q.text, s, cachesOf(corpus));
    if (loc) return { location: loc };
  }
  const others = candidateSources(corpus, terms).filter((s) => !cited.has(s.id));
  for (const s of others) {
    const loc = findInSource(q.text, s, cachesOf(corpus));
    if (loc) return { location: loc };
  }
  const pool = citedSources.length ? citedSources : others;
  const near = nearestWording(q.text, pool, corpus, terms);
  if (near && near.difference <= 0.45) {
    return {
      finding: {
        rule: 'misquote',
        message: messages.misquoteNearest(messages.quoteScope(names(corpus, citedSources.map((s) => s.id))), near.text, shortName(corpus, near.sourceId)),
        evidence: [quoteEvidence(corpus, near)],
        score: 1 - near.difference,
        fixes: [{ title: messages.fixQuote(near.text), newText: near.text }],
      },
    };
  }
  return { finding: { rule: 'misquote', message: messages.misquoteNowhere(citedSources.length > 0), evidence: [], score: 0, fixes: [] } };
}

// ---- fixes -------------------------------------------------------------------------------

/** "Cite [@x]": a citation before the sentence's final punctuation, Pandoc style. */
function citeFix(id: string, claim: Claim, ctx: CheckContext): Fix {
  const text = ctx.draft.text;
  let at = claim.start + claim.prose.trimEnd().length;
  while (at > claim.start && /[.!?"”’)]/.test(text[at - 1]!)) at--;
  // keep a closing quote inside: `"…" [@x].`
  while (at < claim.end && /["”’)]/.test(text[at]!)) at++;
  const pos = positionAt(ctx.draft.lineStarts, at);
  return { title: messages.fixCite(id), range: { start: pos, end: pos }, newText: ` [@${id}]` };
}

/** "Mark as own analysis": a disable comment for the sentence, on its own line when it starts a paragraph. */
function ownAnalysisFix(claim: Claim, ctx: CheckContext): Fix {
  const { text, lineStarts: starts } = ctx.draft;
  if (claim.startsParagraph) {
    const line = claim.range.start.line;
    const indent = /^[ \t>]*(?:(?:[*+-]|\d+[.)])[ \t]+)?/.exec(text.slice(starts[line]!, starts[line + 1] ?? text.length))![0];
    const pos = { line, character: indent.length };
    return { title: messages.fixOwnAnalysis(), range: { start: pos, end: pos }, newText: `<!-- grounded-disable-next-line -->\n${indent.replace(/[*+-]|\d+[.)]/, (m) => ' '.repeat(m.length))}` };
  }
  const pos = positionAt(starts, claim.end);
  return { title: messages.fixOwnAnalysis(), range: { start: pos, end: pos }, newText: ' <!-- grounded-disable-line -->' };
}
