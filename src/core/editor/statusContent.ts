/**
 * The state of the index as an editor shows it: "5 sources · 108 passages", a spinner while
 * indexing, a warning when source files were skipped or only partly used, and a tooltip (Markdown)
 * that names those files and why. File names are untrusted text: escaped.
 */
import type { Problem } from '../model/types';
import { problemFiles, type ProblemFile } from '../report/problems';
import { escapeMarkdown } from './render';

/** Where the index stands: what the status bar, the report and the tests read. */
export interface IndexState {
  indexing: boolean;
  /** Files read so far and files found, while indexing. */
  done: number;
  total: number;
  sources: number;
  passages: number;
  /** Files with something to report: skipped, partly used, or read with a note. */
  problems: number;
  /** Files of which nothing was used (binary, too large, unreadable, …). */
  skipped: number;
  /** Files used in part (broken front matter, bibliography entries ignored, …). */
  partial: number;
  /** Files changed on disk that are waiting to be read again. */
  pending: number;
  /** The corpus generation: it moves on every change to the sources. */
  generation: number;
}

/** Files listed per group in the tooltip; the report has them all. */
const LISTED = 8;

/** The status line, with VS Code's icon syntax (`$(book)`). */
export function statusText(s: IndexState): string {
  if (s.indexing) return `$(sync~spin) Grounded: indexing${s.total ? ` ${s.done}/${s.total}` : '…'}`;
  return `$(${s.skipped || s.partial ? 'warning' : 'book'}) Grounded: ${plural(s.sources, 'source')} · ${plural(s.passages, 'passage')}`;
}

/** The tooltip: the index in one line, then the files skipped, partly used and read with a note. */
export function statusTooltip(s: IndexState, problems: readonly Problem[], rebuildCommand = 'grounded.rebuildIndex'): string {
  const parts = [`**Grounded** — ${s.indexing ? 'indexing the sources' : `${plural(s.sources, 'source')}, ${plural(s.passages, 'passage')}`}`];
  if (s.pending && !s.indexing) parts.push(`${plural(s.pending, 'changed file')} waiting to be read`);
  const groups = problemFiles(problems);
  const list = (title: string, files: ProblemFile[]) => {
    if (!files.length) return;
    const lines = files.slice(0, LISTED).map((f) => `- ${escapeMarkdown(f.path)}: ${f.reasons.map(escapeMarkdown).join('; ')}`);
    if (files.length > LISTED) lines.push(`- …and ${files.length - LISTED} more: see the report`);
    parts.push(`${title} (${files.length}):\n\n${lines.join('\n')}`);
  };
  list('**Not used**', groups.skipped);
  list('**Partly used**', groups.partial);
  list('Read with a note', groups.notes);
  parts.push(`Click for the report · [Rebuild the index](command:${rebuildCommand})`);
  return parts.join('\n\n');
}

function plural(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}
