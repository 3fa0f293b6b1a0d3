/**
 * Hover in drafts: the core builds the Markdown (src/core/editor/hoverContent.ts) from the check
 * of the document's current version; this converts offsets to positions and nothing else.
 */
import { MarkupKind, type CancellationToken, type Hover, type HoverParams, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hoverAt } from '../core';
import type { Drafts } from './drafts';
import type { WorkspaceCorpus } from './workspace';

export class CitationHoverProvider {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly drafts: Drafts,
    private readonly workspace: () => WorkspaceCorpus,
    private readonly ready: () => Promise<void>,
  ) {}

  async provideHover(params: HoverParams, token: CancellationToken): Promise<Hover | null> {
    const doc = this.documents.get(params.textDocument.uri);
    if (!doc || !this.drafts.isDraft(doc)) return null;
    await this.ready();
    if (token.isCancellationRequested || this.documents.get(doc.uri) !== doc) return null;
    const { result } = this.drafts.resultFor(doc);
    const hover = hoverAt(result, this.workspace().corpus, doc.offsetAt(params.position));
    if (!hover) return null;
    return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: { start: doc.positionAt(hover.start), end: doc.positionAt(hover.end) } };
  }
}
