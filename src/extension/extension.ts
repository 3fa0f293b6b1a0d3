/**
 * Grounded in VS Code. `activate` only builds the pieces and registers them; the sources are
 * indexed after activation, with progress, and every feature waits for the index when it needs it.
 */
import * as vscode from 'vscode';
import { type Problem, type Settings, type Source } from '../core';
import { DocumentChecker } from './checker';
import { commandHandlers } from './commands';
import { COMPLETION_TRIGGERS, GroundedCompletionProvider } from './completion';
import { GroundedCodeActions } from './codeActions';
import { DiagnosticsManager, type CheckEvent } from './diagnostics';
import { CitationHoverProvider } from './hover';
import { quotePickItems } from './insertQuote';
import { MemoryLog, OutputLog } from './log';
import { currentSettings } from './settings';
import { IndexStatus } from './statusBar';
import { WorkspaceCorpus, type IndexState } from './workspaceCorpus';

/** Set by the bundle's first line (scripts/build.mjs): when the extension's code began to load. */
declare const GROUNDED_LOAD_START: number | undefined;
/** How long the bundle took to load, up to this module (its dependencies are evaluated first). */
const loadMs = typeof GROUNDED_LOAD_START === 'number' ? performance.now() - GROUNDED_LOAD_START : undefined;

/** What the extension hands to other extensions and to its integration tests. */
export interface GroundedApi {
  /** Resolves when the sources are indexed. */
  ready(): Promise<void>;
  /** Resolves when the sources are indexed and every file change reported so far has been read. */
  settled(): Promise<void>;
  state(): IndexState;
  /** The indexed sources. */
  sources(): readonly Source[];
  /** Source files skipped or partly used, and why. */
  problems(): readonly Problem[];
  /** The status bar item's text and tooltip (Markdown). */
  statusBar(): { text: string; tooltip: string };
  /** The last lines written to the Grounded output channel (info and above). */
  logLines(): readonly string[];
  /** The items the Insert Quote picker shows for a query. */
  quotePickItems(query: string): readonly vscode.QuickPickItem[];
  onDidIndex: vscode.Event<IndexState>;
  onDidCheck: vscode.Event<CheckEvent>;
  onDidProvideHover: vscode.Event<vscode.Uri>;
  onDidProvideCompletions: vscode.Event<{ uri: vscode.Uri; count: number }>;
  /** Ids of the registered commands. */
  commands: readonly string[];
  /** Saves the index for the next session now (it is saved on its own after indexing and after changes). */
  saveIndex(): Promise<void>;
  /**
   * What the next session would start with: a second, private index started from the saved one
   * and brought up to date with the files on disk, then disposed. For tests and diagnosis;
   * `settings` overrides some of the current settings for it.
   */
  probeSavedIndex(settings?: Partial<Settings>): Promise<{ restored: boolean; sources: Array<{ path: string; text: string }>; problems: readonly Problem[]; log: readonly string[] }>;
  /** Time to load the extension's code (when known) and to run `activate`, in ms. */
  activation: { loadMs?: number; activateMs: number };
}

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export function activate(context: vscode.ExtensionContext): GroundedApi {
  const started = performance.now();
  const log = new OutputLog();
  let settings = currentSettings();
  const getSettings = () => settings;

  const version = String((context.extension.packageJSON as { version?: string }).version ?? '');
  const workspace = new WorkspaceCorpus(getSettings, log, { storage: context.storageUri, version });
  const checker = new DocumentChecker(workspace, getSettings);
  const diagnostics = new DiagnosticsManager(workspace, checker, getSettings, log);
  const isDraft = (doc: vscode.TextDocument) => diagnostics.isDraft(doc);
  const hover = new CitationHoverProvider(workspace, checker, isDraft);
  const completion = new GroundedCompletionProvider(workspace, getSettings, isDraft);
  const status = new IndexStatus();
  const handlers = commandHandlers({ workspace, diagnostics, settings: getSettings, log });
  let checkedGeneration = -1;
  let wasIndexing = true;

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
      status.update(state, workspace.problems);
      // a new index: check the open drafts now; sources changed one by one: once the changes pause
      const built = wasIndexing && !state.indexing;
      wasIndexing = state.indexing;
      if (!state.indexing && state.generation !== checkedGeneration) {
        checkedGeneration = state.generation;
        if (built) diagnostics.checkOpenDocuments();
        else diagnostics.sourcesChanged();
      }
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
  const activation = { ...(loadMs === undefined ? {} : { loadMs }), activateMs: performance.now() - started };
  const timing = `${activation.activateMs.toFixed(1)} ms${loadMs === undefined ? '' : `, code loaded in ${loadMs.toFixed(1)} ms`}`;
  log.info(`activated in ${timing} (run: ${settings.run}; sources: ${settings.sources.join(', ')}; workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode'})`);

  return {
    ready: () => workspace.ready(),
    settled: () => workspace.settled(),
    state: () => workspace.state,
    sources: () => workspace.corpus.sources,
    problems: () => workspace.problems,
    statusBar: () => status.shown,
    logLines: () => log.lines(),
    quotePickItems: (query) => quotePickItems(workspace, query).map(({ label, description, detail }) => ({ label, description, detail })),
    onDidIndex: workspace.onDidChange,
    onDidCheck: diagnostics.onDidCheck,
    onDidProvideHover: hover.onDidProvide,
    onDidProvideCompletions: completion.onDidProvide,
    commands: Object.keys(handlers),
    saveIndex: () => workspace.saveNow(),
    probeSavedIndex: async (override = {}) => {
      const probeLog = new MemoryLog();
      const probe = new WorkspaceCorpus(() => ({ ...settings, ...override }), probeLog, { storage: context.storageUri, version, save: false });
      try {
        await probe.rebuild();
        await probe.settled();
        const sources = probe.corpus.sources.map((s) => ({ path: s.path, text: s.text }));
        return { restored: probe.restored, sources, problems: probe.problems, log: probeLog.lines() };
      } finally {
        probe.dispose();
      }
    },
    activation,
  };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions
}
