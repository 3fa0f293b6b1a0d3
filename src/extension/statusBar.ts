/**
 * "Grounded: 5 sources · 108 passages" in the status bar: the text and tooltip the server sends
 * with every change of the index (built in the core, src/core/editor/statusContent.ts; file names
 * in it are escaped). Click: the report.
 */
import * as vscode from 'vscode';

export class IndexStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('grounded.index', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.item.name = 'Grounded index';
    this.item.command = 'grounded.showReport';
    this.update('$(sync~spin) Grounded: starting…', '**Grounded** — starting');
  }

  update(text: string, tooltip: string): void {
    this.item.text = text;
    const tip = new vscode.MarkdownString(tooltip);
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
