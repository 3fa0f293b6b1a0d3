/**
 * Grounded in VS Code: a thin client of the Grounded language server (dist/server.js, started over
 * IPC). The server indexes, checks, hovers, completes and fixes; the extension host only shows what
 * VS Code's own UI needs: the status bar, the Insert Quote picker, Open Source, the report and the
 * output channel. `activate` builds the pieces and starts the client; nothing waits on the index.
 */
import * as vscode from 'vscode';
import { DidChangeConfigurationNotification, LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { DID_CHECK, MEMORY, PROBE_SAVED_INDEX, READY, SAVE_INDEX, SERVER_COMMANDS, SHOW_REPORT, SOURCES, STATUS_CHANGED, VISIBLE_DOCUMENTS, type CheckEventParams, type InitOptions, type ProbeResult, type SourceSummary, type StatusParams } from '../server/protocol';
import type { IndexState, Problem, Settings } from '../core';
import { aroundServerCommand, clientCommands } from './commands';
import { EXTRACTED_SCHEME, registerExtractedText } from './extractedText';
import { serveFileSystem } from './fileSystem';
import { quotePickItems } from './insertQuote';
import { OutputLog } from './log';
import { IndexStatus } from './statusBar';
import { withUserOnlySettings } from './userSettings';

/** Set by the bundle's first line (scripts/build.mjs): when the extension's code began to load. */
declare const GROUNDED_LOAD_START: number | undefined;
/** How long the bundle took to load, up to this module (its dependencies are evaluated first). */
const loadMs = typeof GROUNDED_LOAD_START === 'number' ? performance.now() - GROUNDED_LOAD_START : undefined;

/** A draft was checked and its diagnostics are in the Problems panel. */
export interface CheckEvent {
  uri: vscode.Uri;
  version: number;
  /** The corpus generation the document was checked against. */
  generation: number;
  /** How many findings. */
  findings: number;
  /** Milliseconds the server's core took. */
  ms: number;
}

/** What the extension hands to other extensions and to its integration tests (answered by the server). */
export interface GroundedApi {
  /** Resolves when the sources are indexed. */
  ready(): Promise<void>;
  /** Resolves when the sources are indexed and every file change reported so far has been read. */
  settled(): Promise<void>;
  /** The index as the server last reported it. */
  state(): IndexState;
  /** The indexed sources (with their text and passages when `full`). */
  sources(full?: boolean): Promise<SourceSummary[]>;
  /** Source files skipped or partly used, and why (as the server last reported). */
  problems(): readonly Problem[];
  /** The status bar item's text and tooltip (Markdown). */
  statusBar(): { text: string; tooltip: string };
  /** The last lines written to the Grounded output channel (info and above), the server's included. */
  logLines(): readonly string[];
  /** The items the Insert Quote picker shows for a query. */
  quotePickItems(query: string): Promise<vscode.QuickPickItem[]>;
  onDidIndex: vscode.Event<IndexState>;
  onDidCheck: vscode.Event<CheckEvent>;
  onDidProvideHover: vscode.Event<vscode.Uri>;
  onDidProvideCompletions: vscode.Event<{ uri: vscode.Uri; count: number }>;
  /** Ids of the registered commands (the extension's and the server's). */
  readonly commands: readonly string[];
  /** Saves the index for the next session now (it is saved on its own after indexing and after changes). */
  saveIndex(): Promise<void>;
  /**
   * What the next session would start with: a second, private index in the server started from the
   * saved one and brought up to date with the files on disk, then dropped. `settings` overrides
   * some of the current settings for it.
   */
  probeSavedIndex(settings?: Partial<Settings>): Promise<ProbeResult>;
  /** The language server process' memory (`process.memoryUsage()` there). */
  serverMemory(): Promise<{ rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }>;
  /** Time to load the extension's code (when known) and to run `activate`, in ms. */
  activation: { loadMs?: number; activateMs: number };
}

const MARKDOWN = [{ language: 'markdown' }, { language: 'quarto' }, { language: 'rmd' }];

export function activate(context: vscode.ExtensionContext): GroundedApi {
  const started = performance.now();
  const log = new OutputLog();
  const status = new IndexStatus();
  const indexed = new vscode.EventEmitter<IndexState>();
  const checked = new vscode.EventEmitter<CheckEvent>();
  const hovered = new vscode.EventEmitter<vscode.Uri>();
  const completed = new vscode.EventEmitter<{ uri: vscode.Uri; count: number }>();
  let last: StatusParams | undefined;
  /** Check events waiting for their diagnostics to reach the Problems panel. */
  const pendingChecks = new Map<string, CheckEvent>();

  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const storage = context.storageUri ?? context.globalStorageUri;
  const initializationOptions: InitOptions = {
    ...(storage.scheme === 'file' ? { storagePath: storage.fsPath } : {}),
    clientFileSystem: true,
    visibility: true,
    showReport: true,
    extractedTextScheme: EXTRACTED_SCHEME,
  };
  let client: LanguageClient;
  const clientOptions: LanguageClientOptions = {
    documentSelector: MARKDOWN,
    outputChannel: log,
    // the server's warnings are for the output channel, not pop-ups
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions,
    synchronize: { configurationSection: 'grounded' },
    // Markdown from the server shows source text escaped; only our own command may run from its links
    markdown: { isTrusted: { enabledCommands: ['grounded.openSource'] }, supportHtml: false },
    middleware: {
      provideHover: async (doc, pos, token, next) => {
        const hover = await next(doc, pos, token);
        if (hover) hovered.fire(doc.uri);
        return hover;
      },
      provideCompletionItem: async (doc, pos, ctx, token, next) => {
        const list = await next(doc, pos, ctx, token);
        const count = Array.isArray(list) ? list.length : (list?.items.length ?? 0);
        if (list) completed.fire({ uri: doc.uri, count });
        return list;
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        next(uri, diagnostics);
        const event = pendingChecks.get(uri.toString());
        if (event) {
          pendingChecks.delete(uri.toString());
          checked.fire(event);
        }
      },
      executeCommand: (command, args, next) => aroundServerCommand(client, command, args, next),
      workspace: {
        // the verifier's endpoint and model: the writer's own values only (src/extension/userSettings.ts)
        configuration: async (params, token, next) => {
          const values = await next(params, token);
          if (!Array.isArray(values)) return values;
          return values.map((v, i) => (params.items[i]?.section === 'grounded' ? withUserOnlySettings(v) : v));
        },
      },
    },
  };
  client = new LanguageClient('grounded', 'Grounded', serverOptions, clientOptions);

  const setStatus = (s: StatusParams) => {
    last = s;
    status.update(s.text, s.tooltip);
    indexed.fire(s.state);
  };
  const sendVisible = () => void client.sendNotification(VISIBLE_DOCUMENTS, { uris: vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()) });
  client.onNotification(STATUS_CHANGED, setStatus);
  client.onNotification(DID_CHECK, (p: CheckEventParams) => {
    const uri = vscode.Uri.parse(p.uri);
    pendingChecks.set(uri.toString(), { uri, version: p.version, generation: p.generation, findings: p.findings, ms: p.ms });
  });
  client.onNotification(SHOW_REPORT, () => void vscode.commands.executeCommand('grounded.showReport'));
  const handlers = clientCommands(client, log);
  context.subscriptions.push(
    log,
    status,
    indexed,
    checked,
    hovered,
    completed,
    ...serveFileSystem(client),
    registerExtractedText(client),
    ...Object.entries(handlers).map(([id, handler]) => vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown)),
    vscode.window.onDidChangeVisibleTextEditors(sendVisible),
    // settings restricted in an untrusted workspace (the verifier) apply once it is trusted
    vscode.workspace.onDidGrantWorkspaceTrust(() => void running.then(() => client.sendNotification(DidChangeConfigurationNotification.type, { settings: null }))),
    { dispose: () => void client.stop() },
  );

  // off the activation path: the server starts, then indexes and checks what is open
  const running = client.start().then(
    () => sendVisible(),
    (e: unknown) => {
      log.error(`the Grounded language server did not start: ${(e as Error)?.stack ?? e}`);
      throw e;
    },
  );
  const request = async <R>(method: string, params?: unknown): Promise<R> => {
    await running;
    return client.sendRequest<R>(method, params);
  };
  const activation = { ...(loadMs === undefined ? {} : { loadMs }), activateMs: performance.now() - started };
  const timing = `${activation.activateMs.toFixed(1)} ms${loadMs === undefined ? '' : `, code loaded in ${loadMs.toFixed(1)} ms`}`;
  log.info(`activated in ${timing} (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode'}); starting the language server`);

  const empty: IndexState = { indexing: true, done: 0, total: 0, sources: 0, passages: 0, problems: 0, skipped: 0, partial: 0, pending: 0, generation: 0 };
  return {
    ready: async () => setStatus(await request<StatusParams>(READY, {})),
    settled: async () => setStatus(await request<StatusParams>(READY, { settled: true })),
    state: () => last?.state ?? empty,
    sources: (full = false) => request<SourceSummary[]>(SOURCES, { full }),
    problems: () => last?.problems ?? [],
    statusBar: () => status.shown,
    logLines: () => log.lines(),
    quotePickItems: async (query) => {
      await running;
      return (await quotePickItems(client, query)).map(({ label, description, detail }) => ({ label, ...(description ? { description } : {}), ...(detail ? { detail } : {}) }));
    },
    onDidIndex: indexed.event,
    onDidCheck: checked.event,
    onDidProvideHover: hovered.event,
    onDidProvideCompletions: completed.event,
    get commands() {
      return [...Object.keys(handlers), ...Object.values(SERVER_COMMANDS)];
    },
    saveIndex: () => request<void>(SAVE_INDEX),
    probeSavedIndex: (settings = {}) => request<ProbeResult>(PROBE_SAVED_INDEX, { settings }),
    serverMemory: () => request(MEMORY),
    activation,
  };
}

export function deactivate(): void {
  // everything is disposed through context.subscriptions (the client stops the server)
}
