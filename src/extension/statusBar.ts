/**
 * "Grounded: 5 sources · 108 passages" in the status bar; a spinner while indexing, a warning icon
 * when source files were skipped or only partly used. The tooltip names those files and why (file
 * names are untrusted text: escaped). Click: the report.
 */
import * as vscode from 'vscode';
import { escapeMarkdown, problemFiles, type Problem, type ProblemFile } from '../core';
import type { IndexState } from './workspaceCorpus';

/** Files listed per group in the tooltip; the report has them all. */
const LISTED = 8;

export class IndexStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('grounded.index', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Grounded index';
    this.item.command = 'grounded.showReport';
    this.update({ indexing: true, done: 0, total: 0, sources: 0, passages: 0, problems: 0, skipped: 0, partial: 0, pending: 0, generation: 0 }, []);
  }

  update(s: IndexState, problems: readonly Problem[]): void {
    if (s.indexing) {
      this.item.text = `$(sync~spin) Grounded: indexing${s.total ? ` ${s.done}/${s.total}` : '…'}`;
    } else {
      this.item.text = `$(${s.skipped || s.partial ? 'warning' : 'book'}) Grounded: ${plural(s.sources, 'source')} · ${plural(s.passages, 'passage')}`;
    }
    const tip = new vscode.MarkdownString(tooltipMarkdown(s, problems));
    tip.isTrusted = { enabledCommands: ['grounded.rebuildIndex'] };
    tip.supportHtml = false;
    this.item.tooltip = tip;
    this.item.show();
  }

  /** What the status bar shows now (for the integration tests). */
  get shown(): { text: string; tooltip: string } {
    const t = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof t === 'string' ? t : (t?.value ?? '') };
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** The tooltip: the index in one line, then the files skipped, partly used and read with a note. */
export function tooltipMarkdown(s: IndexState, problems: readonly Problem[]): string {
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
  parts.push('Click for the report · [Rebuild the index](command:grounded.rebuildIndex)');
  return parts.join('\n\n');
}

function plural(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? '' : 's'}`;
}
