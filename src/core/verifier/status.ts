/** What the status bar tooltip and the report say about the second opinion. */

/** The second opinion as the status bar and the report show it. */
export interface VerifierStatus {
  /** `bespoke-minicheck at http://127.0.0.1:11434/v1`, or undefined when none is in use. */
  verifier?: string;
  /** Why none is in use (`no endpoint set`, `the workspace is in Restricted Mode`, a bad URL). */
  off?: string;
  /** Claims it decided in the drafts checked (the latest check of each open draft). */
  decided: number;
  /** The last problem, while it lasts. */
  problem?: string;
}

/**
 * One line: "Second opinion: bespoke-minicheck at http://127.0.0.1:11434/v1, 3 claims decided",
 * "Second opinion: none (no endpoint set)", or the problem after the first part.
 */
export function verifierStatusLine(s: VerifierStatus): string {
  if (!s.verifier) return `Second opinion: none${s.off ? ` (${s.off})` : ''}`;
  const decided = `${s.decided} claim${s.decided === 1 ? '' : 's'} decided`;
  return `Second opinion: ${s.verifier}, ${decided}${s.problem ? `; not answering as it should: ${s.problem}` : ''}`;
}
