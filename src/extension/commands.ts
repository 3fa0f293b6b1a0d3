/**
 * Every command, in one handler map: `package.json` `contributes.commands` must list exactly
 * these (an integration test checks both ways).
 */
import * as vscode from 'vscode';
import { DEFAULT_IGNORE, formatText, problemFiles, shortName, summaryLine, type FileReport, type Settings } from '../core';
import { applyFix, type FixArgs } from './applyFix';
import type { CheckedDocument } from './checker';
import type { DiagnosticsManager } from './diagnostics';
import type { OpenSourceArgs } from './hover';
import { insertQuote, type InsertQuoteArgs } from './insertQuote';
import type { Logger } from './log';
import type { WorkspaceCorpus } from './workspaceCorpus';

export interface CommandDeps {
  workspace: WorkspaceCorpus;
  diagnostics: DiagnosticsManager;
  settings: () => Settings;
  log: Logger;
}

export type Handler = (...args: never[]) => unknown;

export function commandHandlers(d: CommandDeps): Record<string, Handler> {
  return {
    'grounded.checkDocument': (uri?: vscode.Uri) => checkDocument(d, uri),
    'grounded.checkWorkspace': () => checkWorkspace(d),
    'grounded.rebuildIndex': async () => {
      await d.workspace.rebuild();
      return d.workspace.state;
    },
    'grounded.insertQuote': (args?: InsertQuoteArgs) => insertQuote(d.workspace, (doc) => d.diagnostics.isDraft(doc), args),
    'grounded.applyFix': (args?: FixArgs) => applyFix({ isDraft: (doc) => d.diagnostics.isDraft(doc), log: d.log }, args),
    'grounded.openSource': (args?: OpenSourceArgs | string) => openSource(d, typeof args === 'string' ? { source: args } : args),
    'grounded.showReport': () => showReport(d),
  };
}

async function checkDocument(d: CommandDeps, uri?: vscode.Uri): Promise<number | undefined> {
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!doc || doc.languageId !== 'markdown') {
    void vscode.window.showInformationMessage('Grounded: open a Markdown draft to check it.');
    return undefined;
  }
  if (d.workspace.isSourceFile(doc.uri)) {
    void vscode.window.showInformationMessage('Grounded: this file is a source, not a draft (see the grounded.sources setting).');
    return undefined;
  }
  const checked = await d.diagnostics.checkNow(doc);
  return checked?.result.findings.length;
}

/** The drafts of the workspace: Markdown files matching `grounded.drafts` that are not sources. */
async function findDrafts(d: CommandDeps): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  const exclude = `{${DEFAULT_IGNORE.join(',')}}`;
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const glob of d.settings().drafts) {
      for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude)) {
        if (/\.(md|markdown)$/i.test(uri.path) && !d.workspace.isSourceFile(uri)) found.set(uri.toString(), uri);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.path.localeCompare(b.path));
}

async function checkWorkspace(d: CommandDeps): Promise<{ drafts: number; findings: number }> {
  await d.workspace.ready();
  const drafts = await findDrafts(d);
  const files: FileReport[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Grounded: checking drafts' }, async (progress) => {
    for (const [i, uri] of drafts.entries()) {
      progress.report({ message: `${i + 1}/${drafts.length}` });
      const open = vscode.workspace.textDocuments.find((x) => x.uri.toString() === uri.toString());
      const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const checked: CheckedDocument = await d.diagnostics.checkText(uri, text);
      files.push({ path: vscode.workspace.asRelativePath(uri), findings: checked.result.findings });
    }
  });
  const corpus = d.workspace.corpus;
  const summary = summaryLine(files, corpus.sourceCount, corpus.passageCount);
  d.log.info(`Check Citations (all drafts): ${summary}`);
  const text = formatText(files);
  if (text) d.log.info('\n' + text);
  const findings = files.reduce((n, f) => n + f.findings.length, 0);
  void vscode.window.showInformationMessage(`Grounded: ${summary}`, 'Show Problems').then((a) => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
  return { drafts: drafts.length, findings };
}

async function openSource(d: CommandDeps, args?: OpenSourceArgs): Promise<vscode.TextEditor | undefined> {
  await d.workspace.ready();
  const corpus = d.workspace.corpus;
  let target = args;
  if (!target?.source) {
    const picked = await vscode.window.showQuickPick(
      corpus.sources.map((s) => ({ label: shortName(corpus, s.id), description: s.meta.title, detail: [s.meta.outlet, s.meta.date, s.path].filter(Boolean).join(' · '), id: s.id })),
      { title: 'Grounded: Open Source', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    target = { source: picked.id };
  }
  const uri = d.workspace.uriOf(target.source);
  if (!uri) {
    void vscode.window.showWarningMessage(`Grounded: no source "${target.source}".`);
    return undefined;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const start = target.start !== undefined ? d.workspace.positionIn(target.source, target.start) : new vscode.Position(0, 0);
  const end = target.end !== undefined ? d.workspace.positionIn(target.source, target.end) : start;
  const selection = new vscode.Range(start, end);
  return vscode.window.showTextDocument(doc, { selection, preview: true });
}

/** The report in the output channel: the index, files that could not be read, and every checked draft. */
async function showReport(d: CommandDeps): Promise<string> {
  const corpus = d.workspace.corpus;
  const s = d.workspace.state;
  const lines: string[] = [];
  lines.push(`Grounded report — ${s.indexing ? 'indexing…' : `${corpus.sourceCount} sources, ${corpus.passageCount} passages`} (globs: ${d.settings().sources.join(', ')})`);
  for (const src of corpus.sources) lines.push(`  ${src.id}  ${src.passages.length} passages  ${src.meta.title ?? ''}${src.meta.outlet ? ` (${src.meta.outlet})` : ''}  ${src.path}`);
  const groups = problemFiles(d.workspace.problems);
  const list = (title: string, files: typeof groups.skipped) => {
    if (!files.length) return;
    lines.push(`${title} (${files.length}):`);
    for (const f of files) lines.push(`  ${f.path}: ${f.reasons.join('; ')}`);
  };
  list('Not used', groups.skipped);
  list('Partly used', groups.partial);
  list('Read with a note', groups.notes);
  const files: FileReport[] = [];
  d.diagnostics.collection.forEach((uri) => {
    const findings = d.diagnostics.lastFindings(uri);
    if (findings) files.push({ path: vscode.workspace.asRelativePath(uri), findings: [...findings] });
  });
  lines.push(`Checked drafts: ${summaryLine(files, corpus.sourceCount, corpus.passageCount)}`);
  const text = formatText(files);
  if (text) lines.push(text);
  const report = lines.join('\n');
  d.log.info('\n' + report);
  d.log.show(true);
  return report;
}
