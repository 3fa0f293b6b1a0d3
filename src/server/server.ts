/**
 * The Grounded language server: the engine (src/core) behind LSP 3.17, for VS Code and any
 * editor that speaks LSP. This wires the pieces to the connection: documents, diagnostics, hover,
 * completion, quick fixes, commands, file events, settings, progress, and Grounded's own requests
 * (src/server/protocol.ts). Nothing here decides anything: the pieces do.
 */
import { CodeActionKind, TextDocumentSyncKind, TextDocuments, type ClientCapabilities, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI, Utils } from 'vscode-uri';
import { DEFAULT_SETTINGS, bibliographiesOfDraft, statusText, statusTooltip, type Settings } from '../core';
import { CitationCompletionProvider, COMPLETION_TRIGGERS } from './completion';
import { applyFix, FixProvider } from './codeActions';
import { checkDocument, checkWorkspace, passageItems, report, sourceList, sourceLocation, type CommandDeps } from './commands';
import { DiagnosticsManager } from './diagnostics';
import { Drafts } from './drafts';
import { CitationHoverProvider } from './hover';
import { ServerHost, type ClientRequest, type Folder } from './host';
import { ConsoleLog, MemoryLog } from './log';
import * as P from './protocol';
import { pushedSection, settingsFrom } from './settings';
import { configureVerifier, serverVerifier, tooltipWithVerifier } from './verifier';
import { SourceWatcher } from './watcher';
import { WorkspaceCorpus, type WorkspaceUi } from './workspace';

export interface ServerOptions {
  /** The server's version (an index saved by another version is not used). */
  version: string;
}

/** Starts serving on a connection (call `connection.listen()` after). */
export function startServer(connection: Connection, options: ServerOptions): void {
  const started = performance.now();
  const log = new ConsoleLog(connection.console);
  const documents = new TextDocuments(TextDocument);
  let caps: ClientCapabilities = {};
  let init: P.InitOptions = {};
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let pushed: unknown;
  let settingsLoaded!: () => void;
  const settingsReady = new Promise<void>((resolve) => (settingsLoaded = resolve));
  const request: ClientRequest = (method, params) => connection.sendRequest(method, params);
  const host = new ServerHost(request);
  const getSettings = () => settings;

  const ui: WorkspaceUi = {
    progress: async (title) => {
      const reporter = await connection.window.createWorkDoneProgress();
      reporter.begin(title, 0, undefined, false);
      return { report: (pct, message) => reporter.report(pct, message), done: () => reporter.done() };
    },
    showWarning: async (message, action) => {
      if (!action || !init.showReport) {
        void connection.window.showWarningMessage(message);
        return false;
      }
      const chosen = await connection.window.showWarningMessage(message, { title: action });
      return chosen?.title === action;
    },
    showError: (message) => void connection.window.showErrorMessage(message),
    showReport: () => void connection.sendNotification(P.SHOW_REPORT),
  };
  let workspace: WorkspaceCorpus = new WorkspaceCorpus(host, getSettings, log, ui);
  const current = () => workspace;
  const ready = async () => {
    await settingsReady;
    await workspace.ready();
  };
  const drafts = new Drafts(current, host, getSettings);
  const diagnostics = new DiagnosticsManager(connection, documents, drafts, current, getSettings, ready, log);
  const hover = new CitationHoverProvider(documents, drafts, current, ready);
  const completion = new CitationCompletionProvider(documents, drafts, current, getSettings, ready, () => caps.textDocument?.completion?.completionItem?.insertReplaceSupport === true);
  const fixes = new FixProvider(documents, drafts, (uri, version) => diagnostics.decidedFindings(uri, version));
  let watcher: SourceWatcher | undefined;
  const sendStatus = () => void connection.sendNotification(P.STATUS_CHANGED, status());
  let verifier = serverVerifier(undefined, log, sendStatus);
  const deps: CommandDeps = { documents, drafts, diagnostics, workspace: current, settings: getSettings, log, verifier: () => verifier.status() };

  const status = (): P.StatusParams => {
    const state = workspace.state;
    const problems = workspace.problems;
    return { state, problems, text: statusText(state), tooltip: tooltipWithVerifier(statusTooltip(state, problems), verifier.status()) };
  };

  async function loadSettings(): Promise<Settings> {
    if (caps.workspace?.configuration) {
      try {
        return settingsFrom(await connection.workspace.getConfiguration({ section: 'grounded' }));
      } catch (e) {
        log.warn(`the client did not send the settings (${(e as Error).message ?? e}): using the defaults`);
      }
    }
    return settingsFrom(pushed, false);
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = params.capabilities;
    init = (params.initializationOptions ?? {}) as P.InitOptions;
    host.setFolders(foldersOf(params));
    workspace = new WorkspaceCorpus(host, getSettings, log, ui, { ...(init.storagePath ? { storage: init.storagePath } : {}), version: options.version });
    verifier = serverVerifier(init.storagePath, log, sendStatus);
    diagnostics.extractedTextScheme = init.extractedTextScheme;
    diagnostics.verifier = verifier;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: Object.values(P.SERVER_COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'grounded-language-server', version: options.version },
    };
  });

  connection.onInitialized(async () => {
    settings = await loadSettings();
    configureVerifier(verifier, settings, log);
    settingsLoaded();
    const watched = caps.workspace?.didChangeWatchedFiles;
    watcher = new SourceWatcher(connection, host, drafts, current, getSettings, { dynamic: watched?.dynamicRegistration === true, relative: watched?.relativePatternSupport === true });
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const names = new Set(e.removed.map((f) => f.uri));
        const folders = [...host.folderList.filter((f) => !names.has(f.uri)), ...e.added];
        host.setFolders(folders);
        void watcher?.watch();
        void workspace.rebuild();
      });
    }
    wire(workspace);
    await watcher.watch().catch((e) => log.warn(`the client cannot watch the source files (${(e as Error).message ?? e}): changes are found by rescanning every minute`));
    workspace.rescanPeriodically();
    void workspace.rebuild();
    log.info(`grounded-language-server ${options.version} started in ${(performance.now() - started).toFixed(0)} ms (run: ${settings.run}; sources: ${settings.sources.join(', ')}; folders: ${host.folderUris.join(', ') || 'none'}; ${init.storagePath ? 'index saved between sessions' : 'no storage: the index is built each session'})`);
  });

  let checkedGeneration = -1;
  let wasIndexing = true;
  /** Status to the client, and the open drafts checked again when the corpus changed. */
  function wire(w: WorkspaceCorpus): void {
    w.onDidChange((state) => {
      void connection.sendNotification(P.STATUS_CHANGED, status());
      // a new index: check the open drafts now; sources changed one by one: once the changes pause
      const built = wasIndexing && !state.indexing;
      wasIndexing = state.indexing;
      if (!state.indexing && state.generation !== checkedGeneration) {
        checkedGeneration = state.generation;
        if (built) diagnostics.checkOpenDocuments();
        else diagnostics.sourcesChanged();
      }
    });
  }

  connection.onDidChangeConfiguration(async (change) => {
    pushed = pushedSection(change.settings) ?? pushed;
    await settingsReady;
    const before = settings;
    settings = await loadSettings();
    configureVerifier(verifier, settings, log);
    sendStatus(); // the tooltip names the second opinion
    log.info('settings changed');
    if (JSON.stringify(before.sources) !== JSON.stringify(settings.sources) || before.maxFileBytes !== settings.maxFileBytes) {
      void watcher?.watch();
      void workspace.rebuild();
    } else {
      drafts.clear();
      if (settings.run === 'manual' && before.run !== 'manual') diagnostics.clearAll();
      diagnostics.checkOpenDocuments();
    }
  });

  connection.onDidChangeWatchedFiles((params) => watcher?.changed(params.changes));

  /** A draft's own bibliographies (front matter `bibliography:`): one not read before rebuilds the index, which checks the open drafts again. */
  const noteBibliographies = (doc: TextDocument) => {
    const path = host.pathOf(doc.uri);
    if (path === undefined || drafts.kind({ uri: doc.uri, languageId: doc.languageId }) !== 'draft') return;
    if (!workspace.noteDraftBibliographies(bibliographiesOfDraft(path, drafts.draftOf(doc)))) return;
    log.info(`${path} names a bibliography not read yet: indexing again`);
    void watcher?.watch();
    void workspace.rebuild();
  };

  const openedVersion = new Map<string, number>();
  documents.onDidOpen((e) => {
    openedVersion.set(e.document.uri, e.document.version);
    void settingsReady.then(() => {
      noteBibliographies(e.document);
      diagnostics.opened(e.document);
    });
  });
  documents.onDidChangeContent((e) => {
    if (openedVersion.get(e.document.uri) !== e.document.version) diagnostics.edited(e.document);
  });
  documents.onDidSave((e) => {
    noteBibliographies(e.document);
    diagnostics.saved(e.document);
  });
  documents.onDidClose((e) => {
    openedVersion.delete(e.document.uri);
    diagnostics.closed(e.document.uri);
  });

  connection.onHover((params, token) => hover.provideHover(params, token));
  connection.onCompletion((params, token) => completion.provideCompletions(params, token));
  connection.onCodeAction((params, token) => fixes.provideCodeActions(params, token));
  connection.onExecuteCommand(async (params) => {
    const [arg] = params.arguments ?? [];
    switch (params.command) {
      case P.SERVER_COMMANDS.checkDocument:
        return checkDocument(deps, typeof arg === 'string' ? arg : undefined);
      case P.SERVER_COMMANDS.checkWorkspace:
        return checkWorkspace(deps);
      case P.SERVER_COMMANDS.rebuildIndex:
        await workspace.rebuild();
        return workspace.state;
      case P.SERVER_COMMANDS.applyFix:
        return applyFix(connection, documents, drafts, log, arg as P.FixArgs | undefined);
      default:
        return undefined;
    }
  });

  connection.onRequest(P.STATUS, () => status());
  connection.onRequest(P.READY, async (params: P.ReadyParams | undefined) => {
    await ready();
    if (params?.settled) await workspace.settled();
    return status();
  });
  connection.onRequest(P.SEARCH_PASSAGES, async (params: P.SearchParams) => {
    await ready();
    return passageItems(workspace, params.query ?? '', params.limit);
  });
  connection.onRequest(P.SOURCE_TEXT, async (params: P.SourceTextParams) => {
    await ready();
    return workspace.corpus.source(params.source)?.text.slice(params.start, params.end) ?? null;
  });
  connection.onRequest(P.SOURCE_LOCATION, async (params: P.SourceLocationParams) => {
    await ready();
    return sourceLocation(workspace, params.source, params.start, params.end);
  });
  connection.onRequest(P.SOURCES, async (params: P.SourcesParams | undefined) => {
    await ready();
    return sourceList(workspace, params?.full === true);
  });
  connection.onRequest(P.DOCUMENT_KIND, async (params: { uri: string; languageId?: string }) => {
    await settingsReady;
    return drafts.kind({ uri: params.uri, languageId: params.languageId ?? documents.get(params.uri)?.languageId ?? 'markdown' });
  });
  connection.onRequest(P.REPORT, () => report(deps));
  connection.onRequest(P.MEMORY, () => process.memoryUsage());
  connection.onRequest(P.SAVE_INDEX, () => workspace.saveNow());
  connection.onRequest(P.PROBE_SAVED_INDEX, async (params: P.ProbeParams | undefined): Promise<P.ProbeResult> => {
    const probeLog = new MemoryLog();
    const probeHost = new ServerHost(request);
    probeHost.setFolders(host.folderList);
    const probeSettings = { ...settings, ...(params?.settings ?? {}) } as Settings;
    const probe = new WorkspaceCorpus(probeHost, () => probeSettings, probeLog, undefined, { ...(init.storagePath ? { storage: init.storagePath } : {}), version: options.version, save: false });
    try {
      await probe.rebuild();
      await probe.settled();
      return { restored: probe.restored, sources: probe.corpus.sources.map((s) => ({ path: s.path, text: s.text })), problems: probe.problems, log: probeLog.lines() };
    } finally {
      probe.dispose();
    }
  });
  connection.onNotification(P.VISIBLE_DOCUMENTS, (params: P.VisibleParams) => diagnostics.setVisible(params.uris));

  connection.onShutdown(async () => {
    await verifier.saveNow();
    verifier.dispose();
    watcher?.dispose();
    diagnostics.dispose();
    workspace.dispose();
  });

  documents.listen(connection);
}

/** The workspace folders of an initialize request (or its root, from older clients). */
function foldersOf(params: InitializeParams): Folder[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((f) => ({ uri: f.uri, name: f.name }));
  const root = params.rootUri ?? (params.rootPath ? URI.file(params.rootPath).toString() : undefined);
  return root ? [{ uri: root, name: nameOf(root) }] : [];
}

function nameOf(uri: string): string {
  return Utils.basename(URI.parse(uri));
}
