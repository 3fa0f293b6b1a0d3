/**
 * The check: a draft and a corpus in, findings out. Pure data, so the CLI, the extension's
 * diagnostics, hover, quick fixes and the benchmarks all share it.
 */
import { distance } from 'fastest-levenshtein';
import { perGeneration, type Corpus } from '../corpus/corpus';
import { parseDraft, wordCount, type Citation, type Claim, type Draft, type Quote } from '../draft/draft';
import { candidateSources, findInSource, nearestWording, type QuoteLocation } from './quotes';
import { lineStarts, positionAt } from '../text/segment';
import { bestSupport, claimTerms, DEFAULT_THRESHOLDS, isContradicted as contradicts, isSupported as supports, type ClaimTerms, type SupportResult, type SupportThresholds } from './support';
import { contentTerms } from '../text/text';
import type { Evidence, Finding, Fix, Passage, Range, RuleId, Severity } from '../model/types';

export const DEFAULT_SEVERITY: Record<RuleId, Severity> = {
  'unsupported-claim': 'warning',
  'uncited-claim': 'information',
  'wrong-citation': 'warning',
  misquote: 'error',
  contradicted: 'warning',
  'unknown-source': 'error',
};

export interface CheckOptions {
  /** Per-rule severity; `off` drops the rule. */
  severity?: Partial<Record<RuleId, Severity | 'off'>>;
  thresholds?: SupportThresholds;
  /** Minimum words in a quote for it to be checked. */
  minQuoteWords?: number;
  /** Minimum content words for a sentence to count as a claim. */
  minClaimWords?: number;
}

/** The verdict on one claim, kept for hover and code actions. */
export interface ClaimVerdict {
  claim: Claim;
  support?: SupportResult;
  /** Best support within the cited sources, when the claim cites any. */
  citedSupport?: SupportResult;
  /** Where each checked quote stands, or undefined if it stands nowhere. */
  quotes: Array<{ quote: Quote; location?: QuoteLocation }>;
}

export interface CheckResult {
  findings: Finding[];
  verdicts: ClaimVerdict[];
  draft: Draft;
}

/** A short, readable name for a source id: the part before the first `_`, when that is unique. */
export function shortName(corpus: Corpus, id: string): string {
  const m = /^([^_]+)_/.exec(id);
  if (!m) return id;
  return prefixCounts(corpus).get(m[1]!) === 1 ? m[1]! : id;
}

/** How many source ids each prefix (the part before the first `_`, or the whole id) names. */
const prefixCounts = perGeneration((corpus) => {
  const counts = new Map<string, number>();
  for (const id of corpus.sourceIds) {
    const cut = id.indexOf('_');
    const prefix = cut < 0 ? id : id.slice(0, cut);
    // an id `x_…` counts for `x`; an id `x` without `_` counts for `x` as well
    counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return counts;
});

/** Evidence as shown to the writer for a passage. */
export function evidenceOf(p: Passage, matched?: string[]): Evidence {
  const e: Evidence = { source: p.sourceId, line: p.line + 1, character: p.character, text: p.text, start: p.start, end: p.end };
  if (matched) e.matched = matched;
  return e;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function where(corpus: Corpus, p: Passage): string {
  return `${shortName(corpus, p.sourceId)}, line ${p.line + 1}`;
}

/** Checks a draft against the corpus. */
export function check(text: string, corpus: Corpus, options: CheckOptions = {}): CheckResult {
  const draft = parseDraft(text);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const minQuoteWords = options.minQuoteWords ?? 4;
  const minClaimWords = options.minClaimWords ?? 3;
  const findings: Finding[] = [];
  const verdicts: ClaimVerdict[] = [];
  const starts = draft.lineStarts;
  const rangeOf = (s: number, e: number): Range => ({ start: positionAt(starts, s), end: positionAt(starts, e) });

  const emit = (claim: Claim | undefined, f: Omit<Finding, 'severity'>) => {
    if (claim && (claim.disabled === 'all' || claim.disabled.has(f.rule))) return;
    const sev = options.severity?.[f.rule] ?? DEFAULT_SEVERITY[f.rule];
    if (sev === 'off') return;
    findings.push({ ...f, severity: sev });
  };

  // unknown keys: every bracketed citation, and in-text @names that look like a mistyped key
  let ids: string[] | undefined;
  const claimOf = (c: Citation) => draft.claims.find((cl) => cl.citations.includes(c));
  for (const c of draft.citations) {
    if (corpus.source(c.key)) continue;
    const near = nearKeys(c.key, (ids ??= corpus.sourceIds));
    if (!c.bracketed && !near.length) continue; // an @mention or handle, not a citation
    const fixes: Fix[] = near.map((k) => ({ title: `Change to @${k}`, range: rangeOf(c.start, c.end), newText: `@${k}` }));
    emit(claimOf(c), {
      rule: 'unknown-source',
      range: rangeOf(c.start, c.end),
      message: `No source has the key "${c.key}"${near.length ? ` (did you mean ${near.map((k) => `@${k}`).join(', ')}?)` : ''}`,
      evidence: [],
      score: 0,
      fixes,
    });
  }

  for (const claim of draft.claims) {
    const verdict: ClaimVerdict = { claim, quotes: [] };
    verdicts.push(verdict);
    const cited = new Set(claim.citations.map((c) => c.key).filter((k) => corpus.source(k)));
    const hasUnknownOnly = claim.citations.length > 0 && cited.size === 0;

    // quotes
    for (const q of claim.quotes) {
      if (wordCount(q.text) < minQuoteWords) continue;
      const located = checkQuote(corpus, q, cited);
      verdict.quotes.push({ quote: q, ...(located.location ? { location: located.location } : {}) });
      if (located.finding) emit(claim, { ...located.finding, range: rangeOf(q.start, q.end), fixes: located.finding.fixes.map((f) => ({ ...f, range: f.range ?? rangeOf(q.start, q.end) })) as Fix[] });
      else if (located.location && cited.size && !cited.has(located.location.sourceId)) {
        const c = claim.citations.find((x) => cited.has(x.key))!;
        emit(claim, {
          rule: 'wrong-citation',
          range: rangeOf(c.start, c.end),
          message: `This quote is from ${shortName(corpus, located.location.sourceId)}, not from the cited ${[...cited].map((k) => shortName(corpus, k)).join(', ')}`,
          evidence: [quoteEvidence(corpus, located.location)],
          score: 1,
          fixes: [{ title: `Replace with [@${located.location.sourceId}]`, range: rangeOf(c.groupStart, c.groupEnd), newText: `[@${located.location.sourceId}]` }],
        });
      }
    }

    const terms = claimTerms(corpus, claim.prose);
    if (terms.terms.size < minClaimWords || corpus.passageCount === 0) continue;
    const support = bestSupport(corpus, terms, { thresholds });
    if (support) verdict.support = support;
    const citedSupport = cited.size ? bestSupport(corpus, terms, { thresholds, sources: cited }) : undefined;
    if (citedSupport) verdict.citedSupport = citedSupport;
    if (hasUnknownOnly) continue; // the unknown key is the finding
    if (claim.opinion && cited.size === 0) continue;

    const isSupported = (r?: SupportResult) => supports(r, thresholds);
    const isContradicted = (r?: SupportResult) => contradicts(r, thresholds);
    // a misquote is the precise finding; the sentence around it is not reported again
    if (verdict.quotes.some((q) => !q.location)) continue;
    const claimRange = rangeOf(claim.start, claim.end);

    if (cited.size) {
      if (isSupported(citedSupport)) continue;
      if (isSupported(support) && !cited.has(support!.passages[0]!.sourceId)) {
        const other = support!.passages[0]!.sourceId;
        const c = claim.citations.find((x) => cited.has(x.key))!;
        emit(claim, {
          rule: 'wrong-citation',
          range: rangeOf(c.groupStart, c.groupEnd),
          message: `${[...cited].map((k) => shortName(corpus, k)).join(', ')} does not support this sentence; ${where(corpus, support!.passages[0]!)} does (${pct(support!.coverage)} of its words)`,
          evidence: support!.passages.map((p) => evidenceOf(p, support!.matched)),
          score: citedSupport?.score ?? 0,
          fixes: [{ title: `Replace with [@${other}]`, range: rangeOf(c.groupStart, c.groupEnd), newText: `[@${other}]` }],
        });
        continue;
      }
      if (isContradicted(citedSupport)) {
        emit(claim, contradiction(corpus, citedSupport!, claimRange));
        continue;
      }
      if (verdict.quotes.some((q) => q.location && cited.has(q.location.sourceId))) continue;
      emit(claim, unsupported(corpus, claim, citedSupport ?? support, claimRange, thresholds, text, starts));
      continue;
    }
    if (isSupported(support)) {
      const id = support!.passages[0]!.sourceId;
      emit(claim, {
        rule: 'uncited-claim',
        range: claimRange,
        message: `Supported by ${where(corpus, support!.passages[0]!)} (${pct(support!.coverage)} of its words), but nothing is cited`,
        evidence: support!.passages.map((p) => evidenceOf(p, support!.matched)),
        score: support!.score,
        fixes: [citeFix(id, claim, text, starts)],
      });
      continue;
    }
    if (isContradicted(support)) {
      emit(claim, contradiction(corpus, support!, claimRange));
      continue;
    }
    if (verdict.quotes.some((q) => q.location)) continue; // a verbatim quote supports its sentence
    emit(claim, unsupported(corpus, claim, support, claimRange, thresholds, text, starts));
  }
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { findings, verdicts, draft };
}

/** Keys close to an unknown one: by edit distance, or ones it is a prefix of. */
export function nearKeys(key: string, ids: readonly string[]): string[] {
  if (!ids.length) return [];
  const lower = key.toLowerCase();
  const prefixed = ids.filter((id) => id.toLowerCase().startsWith(lower) && lower.length >= 3);
  if (prefixed.length) return prefixed.slice(0, 3);
  const max = Math.max(2, Math.floor(key.length / 4));
  const scored = ids.map((id) => ({ id, d: distance(lower, id.toLowerCase()) })).filter((x) => x.d <= max);
  scored.sort((a, b) => a.d - b.d);
  return scored.slice(0, 3).map((x) => x.id);
}

function quoteEvidence(corpus: Corpus, loc: QuoteLocation): Evidence {
  const source = corpus.source(loc.sourceId)!;
  const pos = positionAt(lineStarts(source.text), loc.start);
  return { source: loc.sourceId, line: pos.line + 1, character: pos.character, text: source.text.slice(loc.start, loc.end), start: loc.start, end: loc.end };
}

type QuoteFinding = Omit<Finding, 'severity' | 'range' | 'fixes'> & { fixes: Array<Omit<Fix, 'range'> & { range?: Range }> };

/** Where a quote stands; a `misquote` finding when it is not verbatim where it should be. */
export function checkQuote(corpus: Corpus, q: Quote, cited: ReadonlySet<string>): { location?: QuoteLocation; finding?: QuoteFinding } {
  const terms = contentTerms(q.text);
  const citedSources = [...cited].map((id) => corpus.source(id)!).filter(Boolean);
  for (const s of citedSources) {
    const loc = findInSource(q.text, s);
    if (loc) return { location: loc };
  }
  const others = candidateSources(corpus, terms).filter((s) => !cited.has(s.id));
  for (const s of others) {
    const loc = findInSource(q.text, s);
    if (loc) return { location: loc };
  }
  const pool = citedSources.length ? citedSources : others;
  const near = nearestWording(q.text, pool, corpus, terms);
  const scope = citedSources.length ? `the cited ${citedSources.map((s) => shortName(corpus, s.id)).join(', ')}` : 'any source';
  if (near && near.difference <= 0.45) {
    return {
      finding: {
        rule: 'misquote',
        message: `This quote is not verbatim in ${scope}; the nearest wording is "${near.text}" (${shortName(corpus, near.sourceId)})`,
        evidence: [quoteEvidence(corpus, near)],
        score: 1 - near.difference,
        fixes: [{ title: `Replace with the source's wording: "${truncate(near.text, 60)}"`, newText: near.text }],
      },
    };
  }
  return { finding: { rule: 'misquote', message: `This quote stands in ${citedSources.length ? 'neither the cited source nor any other' : 'no source'}`, evidence: [], score: 0, fixes: [] } };
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

function contradiction(corpus: Corpus, r: SupportResult, range: Range): Omit<Finding, 'severity'> {
  const c = r.conflicts[0]!;
  const what = c.kind === 'negation' ? 'a negation differs' : c.kind === 'antonym' ? `"${c.claim}" is the opposite of "${c.passage}"` : c.passage ? `${c.kind} differs: "${c.claim}" here, "${c.passage}" in the source` : `the ${c.kind} "${c.claim}" is not in the passage`;
  return {
    rule: 'contradicted',
    range,
    message: `${where(corpus, r.passages[0]!)} matches this claim but ${what}: "${truncate(r.passages.map((p) => p.text).join(' '), 160)}"`,
    evidence: r.passages.map((p) => evidenceOf(p, r.matched)),
    score: r.score,
    fixes: [],
  };
}

function unsupported(corpus: Corpus, claim: Claim, r: SupportResult | undefined, range: Range, thresholds: SupportThresholds, text: string, starts: number[]): Omit<Finding, 'severity'> {
  const fixes: Fix[] = [ownAnalysisFix(claim, text, starts)];
  if (r && r.coverage >= thresholds.weak && !claim.citations.length) fixes.push(citeFix(r.passages[0]!.sourceId, claim, text, starts));
  return {
    rule: 'unsupported-claim',
    range,
    message: r ? `No source supports this claim (closest: ${where(corpus, r.passages[0]!)}, ${pct(r.coverage)} of its words)` : 'No source supports this claim',
    evidence: r ? r.passages.map((p) => evidenceOf(p, r.matched)) : [],
    score: r?.score ?? 0,
    fixes,
  };
}

/** "Cite [@x]": a citation before the sentence's final punctuation, Pandoc style. */
function citeFix(id: string, claim: Claim, text: string, starts: number[]): Fix {
  let at = claim.start + claim.prose.trimEnd().length;
  while (at > claim.start && /[.!?"”’)]/.test(text[at - 1]!)) at--;
  // keep a closing quote inside: `"…" [@x].`
  while (at < claim.end && /["”’)]/.test(text[at]!)) at++;
  const pos = positionAt(starts, at);
  return { title: `Cite [@${id}]`, range: { start: pos, end: pos }, newText: ` [@${id}]` };
}

/** "Mark as own analysis": a disable comment for the sentence, on its own line when it starts a paragraph. */
function ownAnalysisFix(claim: Claim, text: string, starts: number[]): Fix {
  if (claim.startsParagraph) {
    const line = claim.range.start.line;
    const indent = /^[ \t>]*(?:(?:[*+-]|\d+[.)])[ \t]+)?/.exec(text.slice(starts[line]!, starts[line + 1] ?? text.length))![0];
    const pos = { line, character: indent.length };
    return { title: 'Mark as own analysis', range: { start: pos, end: pos }, newText: `<!-- grounded-disable-next-line -->\n${indent.replace(/[*+-]|\d+[.)]/, (m) => ' '.repeat(m.length))}` };
  }
  const pos = positionAt(starts, claim.end);
  return { title: 'Mark as own analysis', range: { start: pos, end: pos }, newText: ' <!-- grounded-disable-line -->' };
}

export type { ClaimTerms };
