/**
 * The commands. Those that need VS Code's own UI run here (Insert Quote, Open Source, Show Report);
 * the others run in the server (`workspace/executeCommand`), which the language client registers,
 * and get their UI here through the client's middleware (the active editor for Check Citations,
 * progress and a message for Check Citations in every draft). `package.json`
 * `contributes.commands` must list exactly these (an integration test checks both ways).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, ExecuteCommandSignature } from 'vscode-languageclient';
import { DOCUMENT_KIND, REPORT, SERVER_COMMANDS, SOURCE_LOCATION, SOURCES, type CheckWorkspaceResult, type DocumentKind, type SourceLocation, type SourceLocationParams, type SourceSummary } from '../server/protocol';
import { extractedUri, isExtracted } from './extractedText';
import { insertQuote, type InsertQuoteArgs } from './insertQuote';
import type { OutputLog } from './log';

/** Argument of `grounded.openSource`: a source id and, optionally, the offsets to select. */
export interface OpenSourceArgs {
  source: string;
  start?: number;
  end?: number;
}

export type Handler = (...args: never[]) => unknown;

/** The commands the extension itself runs. */
export function clientCommands(client: BaseLanguageClient, log: OutputLog): Record<string, Handler> {
  return {
    'grounded.insertQuote': (args?: InsertQuoteArgs) => insertQuote(client, args),
    'grounded.openSource': (args?: OpenSourceArgs | string) => openSource(client, typeof args === 'string' ? { source: args } : args),
    'grounded.showReport': () => showReport(client, log),
  };
}

/** The UI around the server's commands (the language client's `executeCommand` middleware). */
export async function aroundServerCommand(client: BaseLanguageClient, command: string, args: unknown[], next: ExecuteCommandSignature): Promise<unknown> {
  if (command === SERVER_COMMANDS.checkDocument) {
    const given = args[0];
    const doc = given instanceof vscode.Uri ? await vscode.workspace.openTextDocument(given) : typeof given === 'string' ? await vscode.workspace.openTextDocument(vscode.Uri.parse(given)) : vscode.window.activeTextEditor?.document;
    if (!doc || !['markdown', 'quarto', 'rmd'].includes(doc.languageId)) {
      void vscode.window.showInformationMessage('Grounded: open a Markdown draft to check it.');
      return undefined;
    }
    if ((await client.sendRequest<DocumentKind>(DOCUMENT_KIND, { uri: doc.uri.toString(), languageId: doc.languageId })) === 'source') {
      void vscode.window.showInformationMessage('Grounded: this file is a source, not a draft (see the grounded.sources setting).');
      return undefined;
    }
    return next(command, [doc.uri.toString()]);
  }
  if (command === SERVER_COMMANDS.checkWorkspace) {
    const result = (await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Grounded: checking drafts' }, () => Promise.resolve(next(command, args)))) as CheckWorkspaceResult;
    void vscode.window.showInformationMessage(`Grounded: ${result.summary}`, 'Show Problems').then((a) => a && vscode.commands.executeCommand('workbench.actions.view.problems'));
    return { drafts: result.drafts, findings: result.findings };
  }
  return next(command, args);
}

async function openSource(client: BaseLanguageClient, args?: OpenSourceArgs): Promise<vscode.TextEditor | undefined> {
  let target = args;
  if (!target?.source) {
    const sources = await client.sendRequest<SourceSummary[]>(SOURCES, {});
    const picked = await vscode.window.showQuickPick(
      sources.map((s) => ({ label: s.shortName, ...(s.title ? { description: s.title } : {}), detail: [s.outlet, s.date, s.path].filter(Boolean).join(' · '), id: s.id })),
      { title: 'Grounded: Open Source', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    target = { source: picked.id };
  }
  const where = await client.sendRequest<SourceLocation | null>(SOURCE_LOCATION, { source: target.source, ...(target.start !== undefined ? { start: target.start } : {}), ...(target.end !== undefined ? { end: target.end } : {}) } satisfies SourceLocationParams);
  if (!where) {
    void vscode.window.showWarningMessage(`Grounded: no source "${target.source}".`);
    return undefined;
  }
  const file = vscode.Uri.parse(where.uri);
  const doc = await vscode.workspace.openTextDocument(isExtracted(file) ? extractedUri(file, target.source) : file);
  const { start, end } = where.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  return vscode.window.showTextDocument(doc, { selection, preview: true });
}

/** The report in the output channel: the index, files that could not be read, and every checked draft. */
async function showReport(client: BaseLanguageClient, log: OutputLog): Promise<string> {
  const report = await client.sendRequest<string>(REPORT);
  log.info('\n' + report);
  log.show(true);
  return report;
}
