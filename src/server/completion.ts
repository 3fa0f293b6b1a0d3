/**
 * Completion in drafts: after `[@`, the source keys; inside an open double quote, after a few
 * words, the source sentences and clauses that contain them verbatim. The items come from the core
 * (src/core/editor/completionItems.ts); this places them: a quote replaces what was typed and a
 * closing mark already there (typed, or auto-closed), as one edit (one undo step).
 */
import { CompletionItemKind, InsertReplaceEdit, MarkupKind, TextEdit, type CancellationToken, type CompletionItem, type CompletionList, type CompletionParams, type Range, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completionContext, keyCompletions, quoteCompletions, type CompletionEntries, type Settings } from '../core';
import type { Drafts } from './drafts';
import type { WorkspaceCorpus } from './workspace';

export const COMPLETION_TRIGGERS = ['"', '“', '@', ' '];

export class CitationCompletionProvider {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly drafts: Drafts,
    private readonly workspace: () => WorkspaceCorpus,
    private readonly settings: () => Settings,
    private readonly ready: () => Promise<void>,
    /** Whether the client takes an insert and a replace range (LSP 3.16 `insertReplaceSupport`). */
    private readonly insertReplace: () => boolean,
  ) {}

  async provideCompletions(params: CompletionParams, token: CancellationToken): Promise<CompletionList | null> {
    const doc = this.documents.get(params.textDocument.uri);
    if (!doc || !this.drafts.isDraft(doc)) return null;
    const offset = doc.offsetAt(params.position);
    const ctx = completionContext(this.drafts.draftOf(doc), offset);
    if (!ctx) return null;
    await this.ready();
    if (token.isCancellationRequested) return null;
    const corpus = this.workspace().corpus;
    const start = doc.positionAt(ctx.start);
    if (ctx.kind === 'key') return this.list(keyCompletions(corpus, ctx.prefix), { start, end: params.position }, undefined);
    const settings = this.settings();
    if (!settings.completeQuotes) return null;
    const entries = quoteCompletions(corpus, ctx.typed, ctx.close, { minWords: settings.completeMinWords, limit: 20 });
    const text = doc.getText();
    const after = text[offset];
    const replaceEnd = after === ctx.close || (ctx.close === '”' && after === '"') ? doc.positionAt(offset + 1) : params.position;
    return this.list(entries, { start, end: params.position }, { start, end: replaceEnd });
  }

  private list(entries: CompletionEntries, insert: Range, replace: Range | undefined): CompletionList {
    const items = entries.items.map((e): CompletionItem => {
      const edit = replace && this.insertReplace() ? InsertReplaceEdit.create(e.insertText, insert, replace) : TextEdit.replace(replace ?? insert, e.insertText);
      return {
        label: e.label,
        labelDetails: { description: e.description },
        kind: e.kind === 'key' ? CompletionItemKind.Reference : CompletionItemKind.Text,
        textEdit: edit,
        filterText: e.filterText,
        sortText: e.sortText,
        detail: e.detail,
        documentation: { kind: MarkupKind.Markdown, value: e.documentation },
      };
    });
    return { isIncomplete: !entries.complete, items };
  }
}
