/**
 * Quick fixes: the fixes the core attaches to each finding (the source's exact wording, replace or
 * add a citation, a near key, mark as own analysis), plus a comment that switches the rule off
 * for that line. Each is one edit, one undo step.
 */
import * as vscode from 'vscode';
import type { Finding } from '../core/types';
import type { DocumentChecker } from './checker';
import { toRange } from './convert';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

const PREFERRED = new Set(['misquote', 'wrong-citation', 'unknown-source', 'uncited-claim']);

export class GroundedCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly checker: DocumentChecker,
    private readonly isDraft: (doc: vscode.TextDocument) => boolean,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!ours.length || !this.isDraft(doc)) return [];
    // findings of the document as it is now, so the edits' ranges are current
    const { result } = this.checker.resultFor(doc);
    const actions: vscode.CodeAction[] = [];
    for (const d of ours) {
      if (token.isCancellationRequested) break;
      const f = result.findings.find((x) => x.rule === d.code && toRange(x.range).isEqual(d.range)) ?? result.findings.find((x) => x.rule === d.code && x.message === d.message);
      if (!f) continue;
      f.fixes.forEach((fix, i) => {
        const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        a.edit = new vscode.WorkspaceEdit();
        a.edit.replace(doc.uri, toRange(fix.range), fix.newText);
        a.diagnostics = [d];
        a.isPreferred = i === 0 && PREFERRED.has(f.rule);
        actions.push(a);
      });
      actions.push(this.ignore(doc, f, d));
    }
    return actions;
  }

  /** `<!-- grounded-disable-next-line rule -->` above a line the finding starts, else `grounded-disable-line` at its end. */
  private ignore(doc: vscode.TextDocument, f: Finding, d: vscode.Diagnostic): vscode.CodeAction {
    const line = doc.lineAt(f.range.start.line);
    const lead = /^[ \t>]*(?:(?:[*+-]|\d+[.)])[ \t]+)?/.exec(line.text)![0];
    const a = new vscode.CodeAction(`Ignore ${f.rule} on this line`, vscode.CodeActionKind.QuickFix);
    a.edit = new vscode.WorkspaceEdit();
    if (f.range.start.character <= lead.length && !/^[ \t]*>/.test(lead)) {
      const indent = lead.replace(/[*+-]|\d+[.)]/, (m) => ' '.repeat(m.length));
      a.edit.insert(doc.uri, new vscode.Position(line.lineNumber, lead.length), `<!-- grounded-disable-next-line ${f.rule} -->\n${indent}`);
    } else {
      a.edit.insert(doc.uri, line.range.end, ` <!-- grounded-disable-line ${f.rule} -->`);
    }
    a.diagnostics = [d];
    return a;
  }
}
