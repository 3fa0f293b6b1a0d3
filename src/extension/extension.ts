/**
 * Grounded in VS Code. `activate` only builds the pieces and registers them; the sources are
 * indexed after activation, with progress, and every feature waits for the index when it needs it.
 */
import * as vscode from 'vscode';
import { DocumentChecker } from './checker';
import { commandHandlers } from './commands';
import { COMPLETION_TRIGGERS, GroundedCompletionProvider } from './completion';
import { GroundedCodeActions } from './codeActions';
import { DiagnosticsManager, type CheckEvent } from './diagnostics';
import { CitationHoverProvider } from './hover';
import { currentSettings } from './settings';
import { IndexStatus } from './statusBar';
import { WorkspaceCorpus, type IndexState } from './workspaceCorpus';

/** What the extension hands to other extensions and to its integration tests. */
export interface GroundedApi {
  /** Resolves when the sources are indexed. */
  ready(): Promise<void>;
  state(): IndexState;
  onDidIndex: vscode.Event<IndexState>;
  onDidCheck: vscode.Event<CheckEvent>;
  onDidProvideHover: vscode.Event<vscode.Uri>;
  onDidProvideCompletions: vscode.Event<{ uri: vscode.Uri; count: number }>;
  /** Ids of the registered commands. */
  commands: readonly string[];
}

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export function activate(context: vscode.ExtensionContext): GroundedApi {
  const log = vscode.window.createOutputChannel('Grounded', { log: true });
  let settings = currentSettings();
  const getSettings = () => settings;

  const workspace = new WorkspaceCorpus(getSettings, log);
  const checker = new DocumentChecker(workspace, getSettings);
  const diagnostics = new DiagnosticsManager(workspace, checker, getSettings, log);
  const isDraft = (doc: vscode.TextDocument) => diagnostics.isDraft(doc);
  const hover = new CitationHoverProvider(workspace, checker, isDraft);
  const completion = new GroundedCompletionProvider(workspace, getSettings, isDraft);
  const status = new IndexStatus();
  const handlers = commandHandlers({ workspace, diagnostics, settings: getSettings, log });

  context.subscriptions.push(
    log,
    workspace,
    diagnostics,
    hover,
    completion,
    status,
    vscode.languages.registerHoverProvider(MARKDOWN, hover),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, completion, ...COMPLETION_TRIGGERS),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new GroundedCodeActions(checker, isDraft), { providedCodeActionKinds: GroundedCodeActions.kinds }),
    ...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown)),
    workspace.onDidChange((state) => {
      status.update(state);
      // new or changed sources: check the open drafts again
      if (!state.indexing) diagnostics.checkOpenDocuments();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('grounded')) return;
      const before = settings;
      settings = currentSettings();
      log.info('settings changed');
      if (JSON.stringify(before.sources) !== JSON.stringify(settings.sources) || before.maxFileBytes !== settings.maxFileBytes) void workspace.rebuild();
      else {
        checker.clear();
        if (settings.run === 'manual' && before.run !== 'manual') diagnostics.collection.clear();
        diagnostics.checkOpenDocuments();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void workspace.rebuild()),
  );

  // off the activation path: index, then check what is open
  void workspace.rebuild();
  log.info(`activated (run: ${settings.run}; sources: ${settings.sources.join(', ')})`);

  return {
    ready: () => workspace.ready(),
    state: () => workspace.state,
    onDidIndex: workspace.onDidChange,
    onDidCheck: diagnostics.onDidCheck,
    onDidProvideHover: hover.onDidProvide,
    onDidProvideCompletions: completion.onDidProvide,
    commands: Object.keys(handlers),
  };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
