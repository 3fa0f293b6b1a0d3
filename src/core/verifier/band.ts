/**
 * Which findings a second opinion may decide: those whose built-in verdict falls in the uncertain
 * band, where word-level evidence cannot tell supported from unsupported.
 */
import type { CheckResult } from '../verdict/check';
import { DEFAULT_THRESHOLDS, type SupportThresholds } from '../verdict/support';
import type { Finding } from '../model/types';

/**
 * Support scores in `[low, high)` are uncertain: below `low` the engine is confident nothing in the
 * sources supports the claim; at `high` and above, confident that a passage does.
 */
export interface UncertainBand {
  low: number;
  high: number;
}

/** How far below the `supported` threshold the uncertain band reaches. */
const BAND_WIDTH = 0.2;

/**
 * The uncertain band under these thresholds: the `BAND_WIDTH` of support scores just below the
 * score at which a claim counts as supported. The one place that defines the band, so that a
 * learned confidence can replace it.
 */
export function uncertainBand(thresholds: SupportThresholds = DEFAULT_THRESHOLDS): UncertainBand {
  return { low: Math.max(0, thresholds.supported - BAND_WIDTH), high: thresholds.supported };
}

/** Whether a finding is a support verdict whose score lies in the uncertain band. */
export function inUncertainBand(f: Finding, band: UncertainBand): boolean {
  return (f.rule === 'unsupported-claim' || f.rule === 'uncited-claim') && f.evidence.length > 0 && f.score >= band.low && f.score < band.high;
}

/** One claim to put to the model: the claim and the passages its verdict rests on, nothing else. */
export interface VerifierQuestion {
  /** Position of the finding in the check's `findings`. */
  finding: number;
  /** The claim's words as checked (citations and markup left out, spaces collapsed). */
  claim: string;
  /** The texts of the evidence passages the built-in verdict rests on, best first. */
  passages: string[];
  /** Whether the sentence cites a source (a supported cited claim has nothing left to report). */
  cited: boolean;
}

/**
 * The questions for a check's uncertain findings, in document order. Each carries only the claim
 * and its own evidence passages: never the rest of the draft, never other sources.
 */
export function verifierQuestions(result: CheckResult, band: UncertainBand = uncertainBand()): VerifierQuestion[] {
  const out: VerifierQuestion[] = [];
  result.findings.forEach((f, i) => {
    if (!inUncertainBand(f, band)) return;
    const verdict = result.verdicts.find((v) => sameRange(v.claim.range, f.range));
    if (!verdict) return;
    const claim = verdict.claim.prose.replace(/\s+/g, ' ').trim();
    const passages = f.evidence.map((e) => e.text.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (!claim || !passages.length) return;
    out.push({ finding: i, claim, passages, cited: verdict.claim.citations.length > 0 });
  });
  return out;
}

function sameRange(a: Finding['range'], b: Finding['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
