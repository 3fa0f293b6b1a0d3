/**
 * The check: a draft and a corpus in, findings out. Pure data, so the CLI, the extension's
 * diagnostics, hover, quick fixes and the benchmarks all share it. The rules themselves are in
 * rules.ts, their wording in messages.ts.
 */
import type { Corpus } from '../corpus/corpus';
import type { CorpusReads } from '../corpus/reads';
import { parseDraft, type Claim, type Draft } from '../draft/draft';
import { positionAt } from '../text/segment';
import type { Finding, Range, RuleId, Severity } from '../model/types';
import { CLAIM_RULES, DRAFT_RULES, type CheckContext, type ClaimContext, type ClaimVerdict, type PendingFinding } from './rules';
import { referenceWords, withoutAttribution } from './attribution';
import { EarlierVerdicts } from './carry';
import { bestSupport, claimTerms, confidenceOf, DEFAULT_THRESHOLDS, HAND_THRESHOLDS, type SupportThresholds } from './support';

export { nearKeys, nearSourceKeys } from './names';
export { checkQuote, evidenceOf, type ClaimVerdict, type ClaimRule, type DraftRule, type CheckContext, type ClaimContext } from './rules';
export { shortName } from './names';
export { claimSignature, movedFindings } from './carry';

export const DEFAULT_SEVERITY: Record<RuleId, Severity> = {
  'unsupported-claim': 'warning',
  'uncited-claim': 'information',
  'wrong-citation': 'warning',
  misquote: 'error',
  contradicted: 'warning',
  'unknown-source': 'error',
  'wrong-locator': 'warning',
  'unchecked-citation': 'information',
};

export interface CheckOptions {
  /** Per-rule severity; `off` drops the rule. An uncertain finding is at most `information`. */
  severity?: Partial<Record<RuleId, Severity | 'off'>>;
  thresholds?: SupportThresholds;
  /** Minimum words in a quote for it to be checked. */
  minQuoteWords?: number;
  /** Minimum content words for a sentence to count as a claim. */
  minClaimWords?: number;
  /** `hand`: the hand-set score and HAND_THRESHOLDS instead of the learned model (for comparison). */
  scorer?: 'learned' | 'hand';
  /**
   * The findings of the draft's `index`-th claim kept from an earlier check, when they still
   * hold (the caller knows that nothing the claim read then has changed, see `unaffected`): the
   * claim is not checked again, and its verdict has no support. Undefined: it is checked.
   */
  reuse?: (index: number, claim: Claim) => readonly Finding[] | undefined;
  /** Called after each claim checked (not reused): its findings, and what its check read of the corpus. */
  onClaim?: (index: number, findings: readonly Finding[], reads: CorpusReads) => void;
  /**
   * The check of an earlier version of the same draft, made against the corpus as it is now and
   * with the same options: each claim unchanged since (see `claimSignature`) takes its verdict and
   * findings from it instead of being checked again.
   */
  earlier?: CheckResult;
}

export interface CheckResult {
  findings: Finding[];
  verdicts: ClaimVerdict[];
  draft: Draft;
  /** The findings of each claim's rules, by claim (undefined for a claim whose findings were `reuse`d). */
  claimFindings: Array<Finding[] | undefined>;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Checks a draft (its text, or the draft already parsed, so an editor parses each version once) against the corpus. */
export function check(input: string | Draft, corpus: Corpus, options: CheckOptions = {}): CheckResult {
  const draft = typeof input === 'string' ? parseDraft(input) : input;
  const scorer = options.scorer ?? 'learned';
  const thresholds = options.thresholds ?? (scorer === 'hand' ? HAND_THRESHOLDS : DEFAULT_THRESHOLDS);
  const minClaimWords = options.minClaimWords ?? 3;
  const findings: Finding[] = [];
  const verdicts: ClaimVerdict[] = [];
  const starts = draft.lineStarts;
  const ctx: CheckContext = {
    corpus,
    draft,
    thresholds,
    minQuoteWords: options.minQuoteWords ?? 4,
    rangeOf: (s: number, e: number): Range => ({ start: positionAt(starts, s), end: positionAt(starts, e) }),
    emit: (claim: Claim | undefined, f: PendingFinding) => {
      if (claim && (claim.disabled === 'all' || claim.disabled.has(f.rule))) return;
      let severity = options.severity?.[f.rule] ?? DEFAULT_SEVERITY[f.rule];
      if (severity === 'off') return;
      // "possibly unsupported": shown, but never as a warning
      if (f.confidence === 'uncertain' && SEVERITY_RANK[severity] < SEVERITY_RANK.information) severity = 'information';
      findings.push({ ...f, severity });
    },
  };

  for (const rule of DRAFT_RULES) rule(ctx);

  const earlier = options.earlier && new EarlierVerdicts(options.earlier);
  const claimFindings: Array<Finding[] | undefined> = [];
  draft.claims.forEach((claim, index) => {
    const carried = earlier?.take(draft, claim);
    if (carried) {
      verdicts.push(carried.verdict);
      claimFindings.push(carried.findings);
      findings.push(...carried.findings);
      return;
    }
    const verdict: ClaimVerdict = { claim, quotes: [] };
    verdicts.push(verdict);
    const kept = options.reuse?.(index, claim);
    if (kept) {
      claimFindings.push(undefined);
      findings.push(...kept);
      return;
    }
    const from = findings.length;
    if (!options.onClaim) checkClaim(ctx, claim, verdict, { thresholds, scorer, minClaimWords });
    else {
      const { reads } = corpus.recordReads(() => checkClaim(ctx, claim, verdict, { thresholds, scorer, minClaimWords }));
      options.onClaim(index, findings.slice(from), reads);
    }
    claimFindings.push(findings.slice(from));
  });
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { findings, verdicts, draft, claimFindings };
}

/** One claim's verdict and findings (emitted through `ctx`). */
function checkClaim(ctx: CheckContext, claim: Claim, verdict: ClaimVerdict, o: { thresholds: SupportThresholds; scorer: 'learned' | 'hand'; minClaimWords: number }): void {
  const { corpus } = ctx;
  const { thresholds, scorer, minClaimWords } = o;
  const cited = new Set(claim.citations.map((c) => c.key).filter((k) => corpus.source(k)));
  // "According to the briefing, …": the frame that names the cited source is not scored
  const terms = claimTerms(corpus, withoutAttribution(claim.prose, referenceWords(corpus, cited)));
  if (terms.terms.size >= minClaimWords && corpus.hasPassages) {
    const support = bestSupport(corpus, terms, { thresholds, scorer });
    if (support) verdict.support = support;
    const citedSupport = cited.size ? bestSupport(corpus, terms, { thresholds, sources: cited, scorer }) : undefined;
    if (citedSupport) verdict.citedSupport = citedSupport;
    const judged = cited.size ? citedSupport : support;
    if (judged) {
      verdict.probability = judged.probability;
      verdict.confidence = confidenceOf(judged, thresholds);
    }
  }
  const c: ClaimContext = { ctx, claim, verdict, cited };
  for (const rule of CLAIM_RULES) if (rule(c)) break;
}
