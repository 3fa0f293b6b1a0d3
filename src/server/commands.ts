/**
 * What the server does on command and on Grounded's own requests: check a draft or every draft,
 * rebuild the index, the report, the passage search of the Insert Quote picker, where a source is,
 * and the list of sources. The client adds the UI (pickers, messages, the output channel).
 */
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_IGNORE, describeLocation, formatText, positionInSource, problemFiles, searchPassages, shortName, summaryLine, truncate, verifierStatusLine, type FileReport, type Settings, type VerifierStatus } from '../core';
import type { DiagnosticsManager } from './diagnostics';
import type { Drafts } from './drafts';
import type { Logger } from './log';
import type { CheckWorkspaceResult, PassageItem, SourceLocation, SourceSummary } from './protocol';
import type { WorkspaceCorpus } from './workspace';

export interface CommandDeps {
  documents: TextDocuments<TextDocument>;
  drafts: Drafts;
  diagnostics: DiagnosticsManager;
  workspace: () => WorkspaceCorpus;
  settings: () => Settings;
  log: Logger;
  /** The second opinion's state, for the report. */
  verifier?: () => VerifierStatus;
}

/** Checks one open draft now; resolves with how many findings it has (undefined: not a draft, or not open). */
export async function checkDocument(d: CommandDeps, uri: string | undefined): Promise<number | undefined> {
  const doc = uri ? d.documents.get(uri) : undefined;
  if (!doc || !d.drafts.isDraft(doc)) return undefined;
  return (await d.diagnostics.checkNow(doc.uri))?.result.findings.length;
}

/** Checks every draft of the workspace (Markdown files matching `grounded.drafts` that are not sources). */
export async function checkWorkspace(d: CommandDeps): Promise<CheckWorkspaceResult> {
  const workspace = d.workspace();
  await workspace.ready();
  const host = workspace.host;
  const paths = (await host.findFiles(d.settings().drafts, DEFAULT_IGNORE)).filter((p) => /\.(md|markdown)$/i.test(p));
  const files: FileReport[] = [];
  for (const path of paths) {
    const uri = host.uriOf(path);
    if (!uri || d.drafts.isSourceFile(uri)) continue;
    const open = d.documents.get(uri);
    const text = open ? open.getText() : new TextDecoder().decode(await host.readFile(path));
    const checked = await d.diagnostics.checkText(uri, text);
    files.push({ path, findings: checked.result.findings });
  }
  const corpus = d.workspace().corpus;
  const summary = summaryLine(files, corpus.sourceCount, corpus.passageCount);
  d.log.info(`Check Citations (all drafts): ${summary}`);
  const text = formatText(files);
  if (text) d.log.info('\n' + text);
  return { drafts: files.length, findings: files.reduce((n, f) => n + f.findings.length, 0), summary };
}

/** The report: the index, files that could not be read, and every checked draft. */
export function report(d: CommandDeps): string {
  const workspace = d.workspace();
  const corpus = workspace.corpus;
  const s = workspace.state;
  const lines: string[] = [];
  lines.push(`Grounded report — ${s.indexing ? 'indexing…' : `${corpus.sourceCount} sources, ${corpus.passageCount} passages`} (globs: ${d.settings().sources.join(', ')})`);
  for (const src of corpus.sources) lines.push(`  ${src.id}  ${src.passages.length} passages  ${src.meta.title ?? ''}${src.meta.outlet ? ` (${src.meta.outlet})` : ''}  ${src.path}`);
  const groups = problemFiles(workspace.problems);
  const list = (title: string, files: typeof groups.skipped) => {
    if (!files.length) return;
    lines.push(`${title} (${files.length}):`);
    for (const f of files) lines.push(`  ${f.path}: ${f.reasons.join('; ')}`);
  };
  list('Not used', groups.skipped);
  list('Partly used', groups.partial);
  list('Read with a note', groups.notes);
  const files: FileReport[] = [];
  for (const [uri, findings] of d.diagnostics.findings) files.push({ path: workspace.host.pathOf(uri) ?? uri, findings: [...findings] });
  lines.push(`Checked drafts: ${summaryLine(files, corpus.sourceCount, corpus.passageCount)}`);
  if (d.verifier) lines.push(verifierStatusLine(d.verifier()));
  const text = formatText(files);
  if (text) lines.push(text);
  return lines.join('\n');
}

/** The Insert Quote picker's items for what the writer typed (plain text, never Markdown); with nothing typed, a passage of each source. */
export function passageItems(workspace: WorkspaceCorpus, query: string, limit = 50): PassageItem[] {
  const corpus = workspace.corpus;
  const found = query.trim() ? searchPassages(corpus, query, { limit }) : corpus.sources.slice(0, 200).flatMap((s) => searchPassages(corpus, s.passages[1]?.text ?? s.passages[0]?.text ?? '', { limit: 1 }));
  return found.map((c) => {
    const source = corpus.source(c.sourceId)!;
    return { text: c.text, sourceId: c.sourceId, start: c.start, end: c.end, ...(c.page ? { page: c.page } : {}), label: truncate(c.text, 140), description: describeLocation(source.meta, shortName(corpus, c.sourceId), c.line, c.page), ...(source.meta.title ? { detail: source.meta.title } : {}) };
  });
}

/** Where a source is, with the stretch between two offsets (the start of the source without them). */
export function sourceLocation(workspace: WorkspaceCorpus, id: string, start?: number, end?: number): SourceLocation | null {
  const corpus = workspace.corpus;
  const source = corpus.source(id);
  const uri = source && workspace.host.uriOf(source.path);
  if (!source || !uri) return null;
  const from = start !== undefined ? positionInSource(corpus, id, start) : { line: 0, character: 0 };
  const to = end !== undefined ? positionInSource(corpus, id, end) : from;
  return { uri, range: { start: from, end: to } };
}

/** The indexed sources; with `full`, their text and passages too (for tests and diagnosis). */
export function sourceList(workspace: WorkspaceCorpus, full: boolean): SourceSummary[] {
  const corpus = workspace.corpus;
  return corpus.sources.map((s) => ({
    id: s.id,
    path: s.path,
    shortName: shortName(corpus, s.id),
    ...(s.meta.title ? { title: s.meta.title } : {}),
    ...(s.meta.outlet ? { outlet: s.meta.outlet } : {}),
    ...(s.meta.date ? { date: s.meta.date } : {}),
    passageCount: s.passages.length,
    ...(full ? { text: s.text, passages: s.passages.map((p) => ({ start: p.start, end: p.end, line: p.line })) } : {}),
  }));
}
