/**
 * Grounded: Insert Quote… — a quick pick that searches every source passage live as you type
 * (through the index, not the quick pick's own filter); Enter inserts `"…" [@key]` at the cursor
 * or over the selection, in one undo step. With an argument it inserts without asking.
 */
import * as vscode from 'vscode';
import { describeLocation, searchPassages, shortName, truncate, type QuoteCandidate } from '../core';
import type { WorkspaceCorpus } from './workspaceCorpus';

/** Argument of `grounded.insertQuote`: the best match for `query`, or an exact stretch of a source. */
export interface InsertQuoteArgs {
  query?: string;
  source?: string;
  start?: number;
  end?: number;
}

export interface Item extends vscode.QuickPickItem {
  candidate: QuoteCandidate;
}

/** The text inserted for a quote: the verbatim words in quote marks, then the citation. */
export function quoteText(c: Pick<QuoteCandidate, 'text' | 'sourceId'>): string {
  return `"${c.text}" [@${c.sourceId}]`;
}

export async function insertQuote(workspace: WorkspaceCorpus, isDraft: (doc: vscode.TextDocument) => boolean, args?: InsertQuoteArgs): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Grounded: open a draft to insert a quote into.');
    return undefined;
  }
  // the extension never writes into a source, nor into a file that is not a draft
  if (!isDraft(editor.document)) {
    void vscode.window.showInformationMessage(`Grounded: ${workspace.isSourceFile(editor.document.uri) ? 'this file is a source; quotes go into a draft' : 'Insert Quote works in a Markdown draft'}.`);
    return undefined;
  }
  await workspace.ready();
  let candidate: QuoteCandidate | undefined;
  if (args?.source !== undefined && args.start !== undefined && args.end !== undefined) {
    const source = workspace.corpus.source(args.source);
    if (!source) throw new Error(`no source "${args.source}"`);
    candidate = { sourceId: source.id, passageKey: -1, start: args.start, end: args.end, text: source.text.slice(args.start, args.end), line: 0, character: 0, kind: 'sentence', score: 0 };
  } else if (args?.query !== undefined) {
    candidate = searchPassages(workspace.corpus, args.query, { limit: 1 })[0];
    if (!candidate) {
      void vscode.window.showInformationMessage(`Grounded: no passage matches "${args.query}".`);
      return undefined;
    }
  } else {
    candidate = await pick(workspace);
  }
  if (!candidate) return undefined;
  const text = quoteText(candidate);
  const target = editor;
  if (target.document.isClosed) return undefined;
  // one edit at the writer's cursor(s) as they are now: one undo step
  const ok = await target.edit((edit) => {
    for (const sel of target.selections) edit.replace(sel, text);
  });
  return ok ? text : undefined;
}

/** The items the Insert Quote picker shows for what the writer typed: plain text, never Markdown. */
export function quotePickItems(workspace: WorkspaceCorpus, value: string): Item[] {
  const corpus = workspace.corpus;
  const found = value.trim() ? searchPassages(corpus, value, { limit: 50 }) : corpus.sources.slice(0, 200).flatMap((s) => searchPassages(corpus, s.passages[1]?.text ?? s.passages[0]?.text ?? '', { limit: 1 }));
  return found.map((c) => {
    const source = corpus.source(c.sourceId)!;
    // alwaysShow: the index chose these; the quick pick's own filter must not hide them
    return { label: truncate(c.text, 140), description: describeLocation(source.meta, shortName(corpus, c.sourceId), c.line), detail: source.meta.title, alwaysShow: true, candidate: c };
  });
}

function pick(workspace: WorkspaceCorpus): Promise<QuoteCandidate | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = 'Grounded: Insert Quote';
    qp.placeholder = 'Type words from a source: every passage is searched';
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    const update = (value: string) => {
      qp.items = quotePickItems(workspace, value);
    };
    update('');
    let chosen: QuoteCandidate | undefined;
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => {
      chosen = qp.selectedItems[0]?.candidate ?? qp.activeItems[0]?.candidate;
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(chosen);
    });
    qp.show();
  });
}
