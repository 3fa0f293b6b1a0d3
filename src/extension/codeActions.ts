/**
 * Quick fixes: the fixes the core attaches to each finding (the source's exact wording, replace or
 * add a citation, a near key, mark as own analysis), plus a comment that switches the rule off
 * for that line. Each runs `grounded.applyFix` with the document version it was computed for, so
 * a fix offered for one version of the draft is never applied to another; each is one edit, one
 * undo step.
 */
import * as vscode from 'vscode';
import { type Finding, type Range } from '../core';
import { APPLY_FIX_COMMAND, type FixArgs } from './applyFix';
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
      const f = findingOf(result.findings, d);
      if (!f) continue;
      f.fixes.forEach((fix, i) => {
        const a = this.action(doc, fix.title, [{ range: fix.range, newText: fix.newText }], d);
        a.isPreferred = i === 0 && PREFERRED.has(f.rule);
        actions.push(a);
      });
      actions.push(this.ignore(doc, f, d));
    }
    return actions;
  }

  private action(doc: vscode.TextDocument, title: string, edits: FixArgs['edits'], d: vscode.Diagnostic): vscode.CodeAction {
    const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    const args: FixArgs = { uri: doc.uri.toString(), version: doc.version, title, edits };
    a.command = { command: APPLY_FIX_COMMAND, title, arguments: [args] };
    a.diagnostics = [d];
    return a;
  }

  /** `<!-- grounded-disable-next-line rule -->` above a line the finding starts, else `grounded-disable-line` at its end. */
  private ignore(doc: vscode.TextDocument, f: Finding, d: vscode.Diagnostic): vscode.CodeAction {
    const line = doc.lineAt(f.range.start.line);
    const lead = /^[ \t>]*(?:(?:[*+-]|\d+[.)])[ \t]+)?/.exec(line.text)![0];
    const title = `Ignore ${f.rule} on this line`;
    const at = (character: number): Range => ({ start: { line: line.lineNumber, character }, end: { line: line.lineNumber, character } });
    if (f.range.start.character <= lead.length && !/^[ \t]*>/.test(lead)) {
      const indent = lead.replace(/[*+-]|\d+[.)]/, (m) => ' '.repeat(m.length));
      return this.action(doc, title, [{ range: at(lead.length), newText: `<!-- grounded-disable-next-line ${f.rule} -->\n${indent}` }], d);
    }
    return this.action(doc, title, [{ range: at(line.range.end.character), newText: ` <!-- grounded-disable-line ${f.rule} -->` }], d);
  }
}

/**
 * The finding behind a diagnostic: the one with its rule, range and message; if the draft moved on
 * since the diagnostic was published, the only one with its rule and message (or else the only one
 * with its rule at its range). Never a guess between several.
 */
export function findingOf(findings: readonly Finding[], d: vscode.Diagnostic): Finding | undefined {
  const ofRule = findings.filter((x) => x.rule === d.code);
  const at = ofRule.filter((x) => toRange(x.range).isEqual(d.range));
  const exact = at.find((x) => x.message === d.message);
  if (exact) return exact;
  const said = ofRule.filter((x) => x.message === d.message);
  if (said.length === 1) return said[0];
  return at.length === 1 ? at[0] : undefined;
}
