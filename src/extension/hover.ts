/**
 * Hover over a citation key: who said it (title, outlet, date) and the passage of that source
 * that best backs the surrounding sentence, matched words in bold, with a link that opens the
 * source there. Hover over a quote: where it stands in the sources, or that it stands nowhere.
 * Reuses the check of the document's current version.
 */
import * as vscode from 'vscode';
import { DEFAULT_THRESHOLDS, bestSupport, claimTerms, escapeMarkdown, nearKeys, passageAt, renderPassage, renderSourceHeading, shortName, termsOf, type Citation, type ClaimVerdict, type Passage, type Quote, type SupportResult } from '../core';
import type { DocumentChecker } from './checker';
import type { WorkspaceCorpus } from './workspaceCorpus';

export const OPEN_SOURCE_COMMAND = 'grounded.openSource';

/** Arguments of `grounded.openSource`: a source id and, optionally, the offsets to select. */
export interface OpenSourceArgs {
  source: string;
  start?: number;
  end?: number;
}

/** Markdown for a hover or completion: only our own command may run from its links. */
export function trustedMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value);
  md.isTrusted = { enabledCommands: [OPEN_SOURCE_COMMAND] };
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}

export class CitationHoverProvider implements vscode.HoverProvider {
  private readonly provided = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a hover was provided (tests and screenshots wait on it). */
  readonly onDidProvide = this.provided.event;

  constructor(
    private readonly workspace: WorkspaceCorpus,
    private readonly checker: DocumentChecker,
    private readonly isDraft: (doc: vscode.TextDocument) => boolean,
  ) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.isDraft(doc)) return undefined;
    await this.workspace.ready();
    if (token.isCancellationRequested) return undefined;
    const { result } = this.checker.resultFor(doc);
    const offset = doc.offsetAt(pos);
    const citation = result.draft.citations.find((c) => offset >= c.start && offset < c.end);
    let hover: vscode.Hover | undefined;
    if (citation) {
      const verdict = result.verdicts.find((v) => v.claim.citations.includes(citation));
      hover = new vscode.Hover(trustedMarkdown(this.citationMarkdown(citation, verdict)), new vscode.Range(doc.positionAt(citation.start), doc.positionAt(citation.end)));
    } else {
      for (const v of result.verdicts) {
        const q = v.claim.quotes.find((x) => offset >= x.outerStart && offset < x.outerEnd);
        if (!q) continue;
        const md = this.quoteMarkdown(q, v, result.findings.filter((f) => f.rule === 'misquote'), doc);
        if (md) hover = new vscode.Hover(trustedMarkdown(md), new vscode.Range(doc.positionAt(q.outerStart), doc.positionAt(q.outerEnd)));
        break;
      }
    }
    if (hover) this.provided.fire(doc.uri);
    return hover;
  }

  private citationMarkdown(c: Citation, verdict: ClaimVerdict | undefined): string {
    const corpus = this.workspace.corpus;
    const source = corpus.source(c.key);
    if (!source) {
      const near = nearKeys(c.key, corpus.sourceIds);
      return `**No source has the key ${escapeMarkdown(c.key)}**${near.length ? `\n\nDid you mean ${near.map((k) => `**${escapeMarkdown('@' + k)}**`).join(', ')}?` : ''}`;
    }
    const short = shortName(corpus, source.id);
    // a verbatim quote from this source is the most precise backing there is
    const quoted = verdict?.quotes.find((q) => q.location?.sourceId === source.id);
    if (quoted?.location) {
      const p = passageAt(source.passages, quoted.location.start) ?? source.passages[0];
      if (p) return this.passage(p, termsOf([quoted.quote.text]), 'The quote stands verbatim in this passage:');
    }
    let support: SupportResult | undefined;
    if (verdict) {
      support = verdict.citedSupport?.passages.every((p) => p.sourceId === source.id) ? verdict.citedSupport : undefined;
      support ??= bestSupport(corpus, claimTerms(corpus, verdict.claim.prose), { sources: new Set([source.id]) });
    }
    if (!support || !support.passages.length) {
      const first = source.passages[0];
      return first ? this.passage(first, undefined, verdict ? 'Nothing in this source matches the sentence.' : undefined) : renderSourceHeading(source.meta, short);
    }
    const pct = Math.round(support.coverage * 100);
    const backs = support.coverage >= DEFAULT_THRESHOLDS.supported && support.conflicts.length === 0;
    const note = backs ? `Backs this sentence (${pct}% of its words):` : `Closest passage, ${pct}% of the sentence's words${support.conflicts.length ? `; ${escapeMarkdown(describeConflict(support))}` : ''}:`;
    const text = support.passages.map((p) => p.text).join(' ');
    const first = support.passages[0]!;
    const last = support.passages[support.passages.length - 1]!;
    return renderPassage({
      meta: source.meta,
      shortId: short,
      text,
      line: first.line,
      bold: termsOf(support.matched),
      note,
      open: { command: OPEN_SOURCE_COMMAND, args: [{ source: source.id, start: first.start, end: last.end } satisfies OpenSourceArgs] },
    });
  }

  private passage(p: Passage, bold: Set<string> | undefined, note: string | undefined): string {
    const corpus = this.workspace.corpus;
    const source = corpus.source(p.sourceId)!;
    return renderPassage({
      meta: source.meta,
      shortId: shortName(corpus, source.id),
      text: p.text,
      line: p.line,
      ...(bold ? { bold } : {}),
      ...(note ? { note } : {}),
      open: { command: OPEN_SOURCE_COMMAND, args: [{ source: source.id, start: p.start, end: p.end } satisfies OpenSourceArgs] },
    });
  }

  private quoteMarkdown(q: Quote, v: ClaimVerdict, misquotes: readonly { range: { start: { line: number; character: number } }; message: string; evidence: { source: string; start: number; end: number; text: string }[] }[], doc: vscode.TextDocument): string | undefined {
    const checked = v.quotes.find((x) => x.quote === q);
    if (!checked) return undefined; // too short to be checked
    const corpus = this.workspace.corpus;
    if (checked.location) {
      const source = corpus.source(checked.location.sourceId);
      const p = source && (passageAt(source.passages, checked.location.start) ?? source.passages[0]);
      if (p) return this.passage(p, termsOf([q.text]), `Verbatim in ${escapeMarkdown(shortName(corpus, p.sourceId))}, line ${p.line + 1}:`);
    }
    const start = doc.positionAt(q.start);
    const finding = misquotes.find((f) => f.range.start.line === start.line && f.range.start.character === start.character);
    const near = finding?.evidence[0];
    if (near) {
      const source = corpus.source(near.source);
      const p = source && (passageAt(source.passages, near.start) ?? source.passages[0]);
      if (p) return this.passage(p, termsOf([near.text]), `**This quote is not verbatim in the sources.** Nearest wording: "${escapeMarkdown(near.text)}"`);
    }
    return '**This quote stands in no source.**';
  }

  dispose(): void {
    this.provided.dispose();
  }
}

function describeConflict(r: SupportResult): string {
  const c = r.conflicts[0];
  if (!c) return '';
  if (c.kind === 'negation') return 'a negation differs';
  return c.passage ? `${c.kind} differs: "${c.claim}" here, "${c.passage}" there` : `the ${c.kind} "${c.claim}" is not in it`;
}
