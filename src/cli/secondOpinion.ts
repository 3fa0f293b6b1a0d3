/**
 * `--verifier URL` and `--verifier-model NAME`: after the built-in check of every draft, the
 * uncertain claims are put to the model server, and its answers are applied before the report is
 * written. The CLI waits for them, bounded by the per-request timeout and the number of claims
 * per draft. Without `--verifier` (or with an empty one) nothing is sent anywhere.
 *
 * A server that fails is told in one line on standard error, and not asked again in this run;
 * the built-in verdicts stand. With `--cache`, the answers are kept beside the prepared sources.
 */
import { join } from 'node:path';
import { DEFAULT_SETTINGS, shortName, verifierSettings, type CheckResult, type CheckOptions, type Corpus, type Finding } from '../core';
import { loadAnswers, saveAnswers, Verifier } from '../node/verifier';

export interface SecondOpinionOptions {
  /** `--verifier`: the server's base URL; empty or absent: no second opinion. */
  endpoint?: string;
  /** `--verifier-model`. */
  model?: string;
  /** The `--cache` folder, when caching: answers are kept there. */
  cacheDir?: string;
  check: CheckOptions;
  stderr: (s: string) => void;
}

/** What the second opinion did over the run, for the report's last line. */
export interface SecondOpinionSummary {
  /** `bespoke-minicheck at http://127.0.0.1:11434/v1`. */
  verifier: string;
  uncertain: number;
  decided: number;
  remembered: number;
}

/** Thrown for a `--verifier` that is not an http(s) URL. */
export class VerifierUsageError extends Error {}

/**
 * The findings of each check with the model's answers applied, in the order given; the summary is
 * undefined when no verifier was asked for.
 */
export async function secondOpinions(checks: ReadonlyArray<{ path: string; result: CheckResult }>, corpus: Corpus, o: SecondOpinionOptions): Promise<{ findings: Finding[][]; summary?: SecondOpinionSummary }> {
  const unchanged = { findings: checks.map((c) => c.result.findings) };
  const chosen = verifierSettings({ ...DEFAULT_SETTINGS, verifierEndpoint: (o.endpoint ?? '').trim(), verifierModel: o.model?.trim() || DEFAULT_SETTINGS.verifierModel }, true);
  if ('off' in chosen) return unchanged;
  if ('error' in chosen) throw new VerifierUsageError(`--verifier: ${chosen.error}`);
  const cachePath = o.cacheDir ? join(o.cacheDir, 'verifier-answers.json') : undefined;
  const verifier = new Verifier(chosen.verifier, cachePath ? loadAnswers(cachePath) : undefined);
  const summary: SecondOpinionSummary = { verifier: verifier.description, uncertain: 0, decided: 0, remembered: 0 };
  const findings: Finding[][] = [];
  let failed = false;
  for (const { result } of checks) {
    // after a failure the server is not asked again: remembered answers still apply
    const review = await verifier.review(result, { ...(o.check.severity ? { severity: o.check.severity } : {}), name: (id) => shortName(corpus, id), ...(failed ? { limit: 0 } : {}) });
    findings.push(review.findings);
    summary.uncertain += review.uncertain;
    summary.decided += review.decided;
    summary.remembered += review.remembered;
    if (review.problem && !failed) {
      failed = true;
      o.stderr(`grounded: ${review.problem}`);
    }
  }
  if (cachePath) {
    try {
      saveAnswers(cachePath, verifier.cache);
    } catch (e) {
      o.stderr(`grounded: the verifier's answers could not be saved in ${cachePath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  return { findings, summary };
}

/** The report's line about the second opinion: "Second opinion from bespoke-minicheck at …: 2 of 3 uncertain claims decided (1 remembered)". */
export function summaryOfSecondOpinion(s: SecondOpinionSummary): string {
  return `Second opinion from ${s.verifier}: ${s.decided} of ${s.uncertain} uncertain claim${s.uncertain === 1 ? '' : 's'} decided${s.remembered ? ` (${s.remembered} remembered)` : ''}`;
}
