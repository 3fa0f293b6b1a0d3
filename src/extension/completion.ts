/**
 * Completion in drafts: after `[@`, the source keys with their titles (searchable by title);
 * inside an open double quote, after a few words, the source sentences and clauses that contain
 * them verbatim, best first. Accepting a quote writes the source's exact wording, the closing
 * quote mark and ` [@key]` as one edit (one undo step).
 */
import * as vscode from 'vscode';
import { completionContext, describeLocation, keyCandidates, quoteCandidates, renderPassage, renderSourceHeading, shortName, termsOf, truncate, type Settings, type Source } from '../core';
import { OPEN_SOURCE_COMMAND, trustedMarkdown, type OpenSourceArgs } from './hover';
import type { WorkspaceCorpus } from './workspaceCorpus';

export const COMPLETION_TRIGGERS = ['"', '“', '@', ' '];

export class GroundedCompletionProvider implements vscode.CompletionItemProvider {
  private readonly provided = new vscode.EventEmitter<{ uri: vscode.Uri; count: number }>();
  /** Fires after completions were provided (tests and screenshots wait on it). */
  readonly onDidProvide = this.provided.event;

  constructor(
    private readonly workspace: WorkspaceCorpus,
    private readonly settings: () => Settings,
    private readonly isDraft: (doc: vscode.TextDocument) => boolean,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    if (!this.isDraft(doc)) return undefined;
    const text = doc.getText();
    const offset = doc.offsetAt(pos);
    const ctx = completionContext(text, offset);
    if (!ctx) return undefined;
    await this.workspace.ready();
    if (token.isCancellationRequested) return undefined;
    let list: vscode.CompletionList | undefined;
    if (ctx.kind === 'key') list = this.keys(doc, ctx.prefix, ctx.start, pos);
    else if (this.settings().completeQuotes) list = this.quotes(doc, ctx.typed, ctx.start, ctx.close, pos);
    if (list) this.provided.fire({ uri: doc.uri, count: list.items.length });
    return list;
  }

  private keys(doc: vscode.TextDocument, typed: string, start: number, pos: vscode.Position): vscode.CompletionList {
    const corpus = this.workspace.corpus;
    const range = new vscode.Range(doc.positionAt(start), pos);
    // a large archive: only the sources that match what is typed, asked again as typing goes on
    const { ids, complete } = keyCandidates(corpus, typed);
    const sources = ids.map((id) => corpus.source(id)).filter((s): s is Source => s !== undefined);
    const items = sources.map((s, i) => {
      const short = shortName(corpus, s.id);
      const item = new vscode.CompletionItem({ label: s.id, description: truncate(s.meta.title ?? '', 60) }, vscode.CompletionItemKind.Reference);
      item.range = range;
      item.insertText = s.id;
      // searchable by key, short name and title
      item.filterText = [s.id, short, s.meta.title, s.meta.outlet].filter(Boolean).join(' ');
      item.sortText = String(i).padStart(6, '0');
      item.detail = describeLocation(s.meta, short, 0).replace(/ · line 1$/, '');
      const first = s.passages[0];
      item.documentation = trustedMarkdown(first && first.text !== s.meta.title ? renderPassage({ meta: s.meta, shortId: short, text: first.text, line: first.line }) : renderSourceHeading(s.meta, short));
      return item;
    });
    return new vscode.CompletionList(items, !complete);
  }

  private quotes(doc: vscode.TextDocument, typed: string, start: number, close: string, pos: vscode.Position): vscode.CompletionList {
    const corpus = this.workspace.corpus;
    const settings = this.settings();
    const candidates = quoteCandidates(corpus, typed, { minWords: settings.completeMinWords, limit: 20 });
    // replace a closing mark that is already there (typed, or auto-closed)
    const after = doc.getText(new vscode.Range(pos, pos.translate(0, 1)));
    const end = after === close || (close === '”' && after === '"') ? pos.translate(0, 1) : pos;
    const range = { inserting: new vscode.Range(doc.positionAt(start), pos), replacing: new vscode.Range(doc.positionAt(start), end) };
    const bold = termsOf([typed]);
    const items = candidates.map((c, i) => {
      const source = corpus.source(c.sourceId)!;
      const short = shortName(corpus, c.sourceId);
      const item = new vscode.CompletionItem({ label: truncate(c.text, 44), description: `${short}, line ${c.line + 1}` }, vscode.CompletionItemKind.Text);
      item.range = range;
      item.insertText = `${c.text}${close} [@${c.sourceId}]`;
      // what was typed, then the rest of the source's wording: always matches what is typed
      item.filterText = typed + c.text.slice(Math.min(c.text.length, typed.replace(/^\s+/, '').length));
      item.sortText = String(i).padStart(6, '0');
      item.detail = `${c.kind === 'clause' ? 'Clause' : 'Sentence'} from ${describeLocation(source.meta, short, c.line)}`;
      const passage = corpus.passage(c.passageKey);
      item.documentation = trustedMarkdown(
        renderPassage({
          meta: source.meta,
          shortId: short,
          text: passage?.text ?? c.text,
          line: passage?.line ?? c.line,
          bold,
          open: { command: OPEN_SOURCE_COMMAND, args: [{ source: c.sourceId, start: c.start, end: c.end } satisfies OpenSourceArgs] },
        }),
      );
      return item;
    });
    // more typing narrows the candidates: ask again on every keystroke
    return new vscode.CompletionList(items, true);
  }

  dispose(): void {
    this.provided.dispose();
  }
}
