/**
 * Problems met while reading sources, grouped by file for the writer: what was not used at all,
 * what was used in part, and what was read with a note. The CLI prints every problem; the
 * extension's status bar tooltip and report show these groups.
 */
import type { Problem } from '../model/types';

/** One file with everything reported about it. */
export interface ProblemFile {
  path: string;
  /** The worst kind reported for the file: `skipped` beats `partial` beats `info`. */
  kind: Problem['kind'];
  /** The messages, in the order they were reported, without a leading "skipped: ". */
  reasons: string[];
}

export interface ProblemGroups {
  /** Files of which nothing was used. */
  skipped: ProblemFile[];
  /** Files used in part (front matter that did not parse, bibliography entries ignored, …). */
  partial: ProblemFile[];
  /** Files read in full, with something worth knowing (an encoding guessed, an id taken). */
  notes: ProblemFile[];
}

const RANK: Record<Problem['kind'], number> = { info: 0, partial: 1, skipped: 2 };

/**
 * Groups problems by file, each file once, under its worst kind; files sorted by path.
 *
 * @example problemFiles([{ path: 'a.txt', kind: 'skipped', message: 'skipped: binary file' }]).skipped
 * // [{ path: 'a.txt', kind: 'skipped', reasons: ['binary file'] }]
 */
export function problemFiles(problems: readonly Problem[]): ProblemGroups {
  const byPath = new Map<string, ProblemFile>();
  for (const p of problems) {
    const reason = p.message.replace(/^skipped: /, '');
    const file = byPath.get(p.path);
    if (!file) byPath.set(p.path, { path: p.path, kind: p.kind, reasons: [reason] });
    else {
      if (RANK[p.kind] > RANK[file.kind]) file.kind = p.kind;
      if (!file.reasons.includes(reason)) file.reasons.push(reason);
    }
  }
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { skipped: files.filter((f) => f.kind === 'skipped'), partial: files.filter((f) => f.kind === 'partial'), notes: files.filter((f) => f.kind === 'info') };
}

/** Whether a problem means a limit (file size, corpus size) stopped the work, which the writer can raise. */
export function isLimit(p: Problem): boolean {
  return p.kind === 'skipped' && /too large|limit/.test(p.message);
}
