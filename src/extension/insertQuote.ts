/**
 * Grounded: Insert Quote… — a quick pick that searches every source passage live as you type
 * (the server's index, `grounded/searchPassages`, not the quick pick's own filter); Enter inserts
 * `"…" [@key]` at the cursor or over the selection, in one undo step. With an argument it inserts
 * without asking.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { DOCUMENT_KIND, SEARCH_PASSAGES, SOURCE_TEXT, type DocumentKind, type PassageItem, type SearchParams, type SourceTextParams } from '../server/protocol';

/** Argument of `grounded.insertQuote`: the best match for `query`, or an exact stretch of a source. */
export interface InsertQuoteArgs {
  query?: string;
  source?: string;
  start?: number;
  end?: number;
}

export interface Item extends vscode.QuickPickItem {
  passage: PassageItem;
}

/** The text inserted for a quote: the verbatim words in quote marks, then the citation. */
export function quoteText(p: Pick<PassageItem, 'text' | 'sourceId' | 'page'>): string {
  return `"${p.text}" ${p.page ? `[@${p.sourceId}, p. ${p.page}]` : `[@${p.sourceId}]`}`;
}

/** The items the Insert Quote picker shows for what the writer typed: plain text, never Markdown. */
export async function quotePickItems(client: BaseLanguageClient, query: string, limit = 50): Promise<Item[]> {
  const found = await client.sendRequest<PassageItem[]>(SEARCH_PASSAGES, { query, limit } satisfies SearchParams);
  // alwaysShow: the index chose these; the quick pick's own filter must not hide them
  return found.map((p) => ({ label: p.label, description: p.description, ...(p.detail ? { detail: p.detail } : {}), alwaysShow: true, passage: p }));
}

export async function insertQuote(client: BaseLanguageClient, args?: InsertQuoteArgs): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('Grounded: open a draft to insert a quote into.');
    return undefined;
  }
  // the extension never writes into a source, nor into a file that is not a draft
  const kind = await client.sendRequest<DocumentKind>(DOCUMENT_KIND, { uri: editor.document.uri.toString(), languageId: editor.document.languageId });
  if (kind !== 'draft') {
    void vscode.window.showInformationMessage(`Grounded: ${kind === 'source' ? 'this file is a source; quotes go into a draft' : 'Insert Quote works in a Markdown draft'}.`);
    return undefined;
  }
  let passage: Pick<PassageItem, 'text' | 'sourceId'> | undefined;
  if (args?.source !== undefined && args.start !== undefined && args.end !== undefined) {
    const text = await client.sendRequest<string | null>(SOURCE_TEXT, { source: args.source, start: args.start, end: args.end } satisfies SourceTextParams);
    if (text === null) throw new Error(`no source "${args.source}"`);
    passage = { text, sourceId: args.source };
  } else if (args?.query !== undefined) {
    passage = (await quotePickItems(client, args.query, 1))[0]?.passage;
    if (!passage) {
      void vscode.window.showInformationMessage(`Grounded: no passage matches "${args.query}".`);
      return undefined;
    }
  } else {
    passage = await pick(client);
  }
  if (!passage || editor.document.isClosed) return undefined;
  const text = quoteText(passage);
  // one edit at the writer's cursor(s) as they are now: one undo step
  const ok = await editor.edit((edit) => {
    for (const sel of editor.selections) edit.replace(sel, text);
  });
  return ok ? text : undefined;
}

function pick(client: BaseLanguageClient): Promise<PassageItem | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = 'Grounded: Insert Quote';
    qp.placeholder = 'Type words from a source: every passage is searched';
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    // answers can come back out of order: only the latest question's are shown
    let asked = 0;
    const update = (value: string) => {
      const n = ++asked;
      qp.busy = true;
      void quotePickItems(client, value).then(
        (items) => {
          if (n !== asked) return;
          qp.items = items;
          qp.busy = false;
        },
        () => n === asked && (qp.busy = false),
      );
    };
    update('');
    let chosen: PassageItem | undefined;
    qp.onDidChangeValue(update);
    qp.onDidAccept(() => {
      chosen = qp.selectedItems[0]?.passage ?? qp.activeItems[0]?.passage;
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve(chosen);
    });
    qp.show();
  });
}
