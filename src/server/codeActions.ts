/**
 * Quick fixes: the fixes the core attaches to each finding (the source's exact wording, replace or
 * add a citation, a near key, mark as own analysis), plus a comment that switches the rule off for
 * that line. Each is a `grounded.applyFix` command carrying the edits and the document version they
 * were computed for; running it sends the client a versioned `TextDocumentEdit`
 * (`workspace/applyEdit`), so a fix offered for one version of the draft is refused, by the server
 * and by the protocol, for any other. Each is one edit, one undo step.
 *
 * Why a command and not the code action's own `edit`: VS Code's language client drops the version
 * of a code action's `TextDocumentEdit` when it converts it, so an edit held past a change of the
 * draft would apply at ranges that no longer hold the text it was computed for. On the
 * `workspace/applyEdit` path it checks the version, as LSP says.
 */
import { CodeActionKind, type CancellationToken, type CodeAction, type CodeActionParams, type Connection, type Diagnostic, type Range, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { Drafts } from './drafts';
import type { Logger } from './log';
import { SERVER_COMMANDS, type FixArgs } from './protocol';

const PREFERRED = new Set(['misquote', 'wrong-citation', 'unknown-source', 'uncited-claim']);

export class FixProvider {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly drafts: Drafts,
    /** Findings a second opinion changed (an uncertain claim now `uncited-claim`), for this version of the document. */
    private readonly decided?: (uri: string, version: number) => readonly Finding[] | undefined,
  ) {}

  provideCodeActions(params: CodeActionParams, token: CancellationToken): CodeAction[] {
    const doc = this.documents.get(params.textDocument.uri);
    const ours = params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE);
    if (!doc || !ours.length || !this.drafts.isDraft(doc)) return [];
    if (params.context.only && !params.context.only.some((k) => CodeActionKind.QuickFix.startsWith(k))) return [];
    // findings of the document as it is now, so the edits' ranges are current
    const { result } = this.drafts.resultFor(doc);
    const actions: CodeAction[] = [];
    for (const d of ours) {
      if (token.isCancellationRequested) break;
      const f = findingOf(result.findings, d) ?? findingOf(this.decided?.(doc.uri, doc.version) ?? [], d);
      if (!f) continue;
      f.fixes.forEach((fix, i) => {
        const a = action(doc, fix.title, [{ range: fix.range, newText: fix.newText }], d);
        a.isPreferred = i === 0 && PREFERRED.has(f.rule);
        actions.push(a);
      });
      actions.push(ignore(doc, f, d));
    }
    return actions;
  }
}

function action(doc: TextDocument, title: string, edits: FixArgs['edits'], d: Diagnostic): CodeAction {
  const args: FixArgs = { uri: doc.uri, version: doc.version, title, edits };
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: SERVER_COMMANDS.applyFix, arguments: [args] } };
}

/** `<!-- grounded-disable-next-line rule -->` above a line the finding starts, else `grounded-disable-line` at its end. */
function ignore(doc: TextDocument, f: Finding, d: Diagnostic): CodeAction {
  const n = f.range.start.line;
  const text = doc.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$/, '');
  const lead = /^[ \t>]*(?:(?:[*+-]|\d+[.)])[ \t]+)?/.exec(text)![0];
  const title = `Ignore ${f.rule} on this line`;
  const at = (character: number): Range => ({ start: { line: n, character }, end: { line: n, character } });
  if (f.range.start.character <= lead.length && !/^[ \t]*>/.test(lead)) {
    const indent = lead.replace(/[*+-]|\d+[.)]/, (m) => ' '.repeat(m.length));
    return action(doc, title, [{ range: at(lead.length), newText: `<!-- grounded-disable-next-line ${f.rule} -->\n${indent}` }], d);
  }
  return action(doc, title, [{ range: at(text.length), newText: ` <!-- grounded-disable-line ${f.rule} -->` }], d);
}

const sameRange = (a: Range, b: Range) => a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * The finding behind a diagnostic: the one with its rule, range and message; if the draft moved on
 * since the diagnostic was published, the only one with its rule and message (or else the only one
 * with its rule at its range). Never a guess between several.
 */
export function findingOf(findings: readonly Finding[], d: Diagnostic): Finding | undefined {
  const ofRule = findings.filter((x) => x.rule === d.code);
  const at = ofRule.filter((x) => sameRange(x.range, d.range));
  const exact = at.find((x) => x.message === d.message);
  if (exact) return exact;
  const said = ofRule.filter((x) => x.message === d.message);
  if (said.length === 1) return said[0];
  return at.length === 1 ? at[0] : undefined;
}

/**
 * `grounded.applyFix`: applies a fix if the draft is still at the version it was computed for, as
 * a versioned `TextDocumentEdit` (which the client refuses too, should the draft move on in the
 * meantime). Only ever edits an open draft, never a source. Resolves whether it was applied.
 */
export async function applyFix(connection: Connection, documents: TextDocuments<TextDocument>, drafts: Drafts, log: Logger, args: FixArgs | undefined): Promise<boolean> {
  if (!args || typeof args.uri !== 'string' || typeof args.version !== 'number' || !Array.isArray(args.edits)) return false;
  const refuse = (why: string): false => {
    log.warn(`quick fix "${args.title}" not applied to ${args.uri}: ${why}`);
    void connection.window.showWarningMessage(`Grounded: "${args.title}" was not applied: ${why}.`);
    return false;
  };
  const doc = documents.get(args.uri);
  if (!doc) return refuse('the draft is no longer open');
  if (!drafts.isDraft(doc)) return refuse('the file is not a draft');
  if (doc.version !== args.version) return refuse('the draft changed after the fix was offered; ask for the quick fix again');
  const result = await connection.workspace.applyEdit({
    label: args.title,
    edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: args.version }, edits: args.edits.map((e) => ({ range: e.range, newText: e.newText })) }] },
  });
  if (!result.applied) return refuse(result.failureReason ? `the editor refused it (${result.failureReason})` : 'the draft changed while the fix was being applied');
  return true;
}
