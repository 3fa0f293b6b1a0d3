/**
 * A model's answers applied to a check's findings: each decided finding moves to supported or
 * unsupported, and its message names the model that decided it.
 */
import { DEFAULT_SEVERITY } from '../verdict/check';
import { messages } from '../verdict/messages';
import type { Finding, RuleId, Severity } from '../model/types';
import type { Decision } from './answer';
import type { VerifierQuestion } from './band';

export interface ApplyOptions {
  /** The model's name, as the message shows it. */
  model: string;
  /** Per-rule severity, as the check was given it; `off` drops the rule. */
  severity?: Partial<Record<RuleId, Severity | 'off'>>;
  /** A short name for a source id (`shortName` of the corpus); the id itself when absent. */
  name?: (sourceId: string) => string;
}

/** The words every decided message carries. */
export function secondOpinionNote(model: string): string {
  return `(second opinion: ${model})`;
}

/**
 * The findings with the decisions applied, in the same order; `decisions` is keyed by
 * `VerifierQuestion.finding`. A claim the model finds supported:
 * - that cites a source: its finding goes (the citation backs it);
 * - that cites nothing: becomes `uncited-claim`, "Supported by 002, line 14 (second opinion: m),
 *   but nothing is cited", keeping its "Cite [@x]" fix.
 *
 * A claim the model finds unsupported keeps its rule (`unsupported-claim`, `contradicted`), now
 * confident, at the rule's own severity (a warning by default); its message loses the hedge
 * ("Possibly unsupported" becomes "No source supports this claim") and gains the note.
 */
export function applyDecisions(findings: readonly Finding[], questions: readonly VerifierQuestion[], decisions: ReadonlyMap<number, Decision>, options: ApplyOptions): Finding[] {
  const note = secondOpinionNote(options.model);
  const severityOf = (rule: RuleId) => options.severity?.[rule] ?? DEFAULT_SEVERITY[rule];
  const name = options.name ?? ((id: string) => id);
  const byFinding = new Map(questions.map((q) => [q.finding, q]));
  const out: Finding[] = [];
  findings.forEach((f, i) => {
    const q = byFinding.get(i);
    const decision = decisions.get(i);
    if (!q || !decision) {
      out.push(f);
      return;
    }
    if (decision === 'unsupported') {
      const severity = severityOf(f.rule);
      if (severity === 'off') return;
      out.push({ ...f, severity, confidence: 'confident', message: `${unhedged(f.message)} ${note}` });
      return;
    }
    if (q.cited) return;
    const severity = severityOf('uncited-claim');
    if (severity === 'off') return;
    const best = f.evidence[0]!;
    const { confidence: _confidence, ...rest } = f;
    out.push({
      ...rest,
      rule: 'uncited-claim',
      severity,
      message: `Supported by ${name(best.source)}, line ${best.line} ${note}, but nothing is cited`,
      fixes: f.fixes.filter(isCiteFix),
    });
  });
  return out;
}

/** The confident wording of an uncertain message: "Possibly unsupported (closest: …)" → "No source supports this claim (closest: …)". */
function unhedged(message: string): string {
  const possibly = messages.unsupported(undefined, true);
  if (message.startsWith(possibly)) return messages.unsupported(undefined, false) + message.slice(possibly.length);
  return message.replace(/^Possibly (?:contradicted|the wrong citation): /, '').trimEnd();
}

/** A fix that inserts a citation (`Cite [@x]`). */
function isCiteFix(fix: Finding['fixes'][number]): boolean {
  return /^\s*\[@[^\]]+\]$/.test(fix.newText);
}
