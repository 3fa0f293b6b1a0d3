/** "Grounded: 5 sources · 108 passages" in the status bar; a spinner while indexing. Click: the report. */
import * as vscode from 'vscode';
import type { IndexState } from './workspaceCorpus';

export class IndexStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('grounded.index', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Grounded index';
    this.item.command = 'grounded.showReport';
    this.update({ indexing: true, done: 0, total: 0, sources: 0, passages: 0, problems: 0, generation: 0 });
  }

  update(s: IndexState): void {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    if (s.indexing) {
      this.item.text = `$(sync~spin) Grounded: indexing${s.total ? ` ${s.done}/${s.total}` : '…'}`;
    } else {
      this.item.text = `$(${s.problems ? 'warning' : 'book'}) Grounded: ${plural(s.sources, 'source')} · ${plural(s.passages, 'passage')}`;
    }
    const tip = new vscode.MarkdownString(
      `**Grounded** — ${s.indexing ? 'indexing the sources' : `${plural(s.sources, 'source')}, ${plural(s.passages, 'passage')}`}` +
        (s.problems ? `\n\n${plural(s.problems, 'file')} could not be read in full: see the report.` : '') +
        `\n\nClick for the report · [Rebuild the index](command:grounded.rebuildIndex)`,
    );
    tip.isTrusted = { enabledCommands: ['grounded.rebuildIndex'] };
    this.item.tooltip = tip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
