/**
 * Which findings a second opinion may decide: those the check marked `uncertain` (the support
 * probability lies between the thresholds, where word-level evidence cannot tell supported from
 * unsupported), and only with the passages the verdict rests on.
 */
import type { CheckResult } from '../verdict/check';
import type { Finding, RuleId } from '../model/types';

/** The rules whose uncertain findings a model's yes or no can settle. */
export const DECIDABLE_RULES: readonly RuleId[] = ['unsupported-claim', 'contradicted'];

/** Whether a finding is an uncertain support verdict with evidence to show a model. */
export function inUncertainBand(f: Finding): boolean {
  return f.confidence === 'uncertain' && DECIDABLE_RULES.includes(f.rule) && f.evidence.length > 0;
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
 * and its own evidence passages: never the rest of the draft, never other sources. `asked` picks
 * the findings (the uncertain ones by default).
 */
export function verifierQuestions(result: CheckResult, asked: (f: Finding) => boolean = inUncertainBand): VerifierQuestion[] {
  const out: VerifierQuestion[] = [];
  result.findings.forEach((f, i) => {
    if (!asked(f) || !f.evidence.length) return;
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
