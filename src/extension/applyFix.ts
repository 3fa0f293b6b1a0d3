/**
 * `grounded.applyFix`: what a quick fix runs. The fix carries the version of the draft it was
 * computed for; if the draft changed since (the writer kept typing, another edit landed), it is
 * refused with a message rather than applied at ranges that no longer mean the same text. It only
 * ever edits an open draft, never a source, as one edit (one undo step).
 */
import * as vscode from 'vscode';
import { type Range } from '../core';
import { toRange } from './convert';
import type { Logger } from './log';

export const APPLY_FIX_COMMAND = 'grounded.applyFix';

/** Argument of `grounded.applyFix`: plain data, so it survives VS Code's command conversion. */
export interface FixArgs {
  /** The draft's URI, as a string. */
  uri: string;
  /** The draft's version the edits were computed against. */
  version: number;
  title: string;
  edits: Array<{ range: Range; newText: string }>;
}

export interface ApplyFixDeps {
  isDraft: (doc: vscode.TextDocument) => boolean;
  log: Logger;
}

/** Applies a fix if the draft is still at the version it was computed for; resolves whether it was applied. */
export async function applyFix(d: ApplyFixDeps, args: FixArgs | undefined): Promise<boolean> {
  if (!args || typeof args.uri !== 'string' || typeof args.version !== 'number' || !Array.isArray(args.edits)) return false;
  const doc = vscode.workspace.textDocuments.find((x) => x.uri.toString() === args.uri);
  const refuse = (why: string): false => {
    d.log.warn(`quick fix "${args.title}" not applied to ${args.uri}: ${why}`);
    void vscode.window.showWarningMessage(`Grounded: "${args.title}" was not applied: ${why}.`);
    return false;
  };
  if (!doc || doc.isClosed) return refuse('the draft is no longer open');
  if (!d.isDraft(doc)) return refuse('the file is not a draft');
  if (doc.version !== args.version) return refuse('the draft changed after the fix was offered; ask for the quick fix again');
  const edit = new vscode.WorkspaceEdit();
  for (const e of args.edits) edit.replace(doc.uri, toRange(e.range), e.newText);
  // VS Code itself also refuses the edit if the document moved on between the check above and now
  const ok = await vscode.workspace.applyEdit(edit);
  if (!ok) return refuse('the draft changed while the fix was being applied');
  return true;
}
