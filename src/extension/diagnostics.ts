/**
 * Diagnostics: the core's findings in the Problems panel. Checked on open and save (or as you
 * type, debounced per document, or only on command, per `grounded.run`); results computed for an
 * older version of a document are dropped; a document's diagnostics go when it closes; everything
 * open is checked again when the sources or the settings change.
 */
import * as vscode from 'vscode';
import { shortName, truncate, type Finding, type Settings } from '../core';
import type { CheckedDocument, DocumentChecker } from './checker';
import { toRange, toSeverity } from './convert';
import type { Logger } from './log';
import type { WorkspaceCorpus } from './workspaceCorpus';

export const DIAGNOSTIC_SOURCE = 'grounded';

/** After the sources change, wait this long for more changes before checking the open drafts again… */
const RECHECK_DELAY_MS = 300;
/** …but no longer than this, while changes keep coming. */
const RECHECK_MAX_DELAY_MS = 2000;

export interface CheckEvent {
  uri: vscode.Uri;
  version: number;
  /** The corpus generation the document was checked against. */
  generation: number;
  findings: readonly Finding[];
  ms: number;
}

export class DiagnosticsManager implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('grounded');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private recheckSince = 0;
  /** Open drafts out of view whose diagnostics predate the sources or settings: checked when shown. */
  private readonly stale = new Set<string>();
  /** Per document, the number of the latest check asked for: an older run's result is dropped. */
  private readonly runs = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly published = new Map<string, readonly Finding[]>();
  private readonly checked = new vscode.EventEmitter<CheckEvent>();
  /** Fires after a document's diagnostics were published. */
  readonly onDidCheck = this.checked.event;

  constructor(
    private readonly workspace: WorkspaceCorpus,
    private readonly checker: DocumentChecker,
    private readonly settings: () => Settings,
    private readonly log: Logger,
  ) {
    this.subscriptions.push(
      this.collection,
      this.checked,
      vscode.workspace.onDidOpenTextDocument((doc) => this.opened(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length && this.settings().run === 'onType' && this.isDraft(e.document)) this.schedule(e.document, this.settings().debounceMs);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (this.settings().run !== 'manual' && this.isDraft(doc)) this.schedule(doc, 0);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.closed(doc)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => this.cameIntoView(editors)),
    );
  }

  /**
   * The sources changed (a file added, changed or removed): check the open drafts again once the
   * changes pause, so a folder of new files costs one round of checks, not one per file.
   */
  sourcesChanged(): void {
    if (!this.recheckSince) this.recheckSince = Date.now();
    clearTimeout(this.recheckTimer);
    const wait = Math.max(0, Math.min(RECHECK_DELAY_MS, this.recheckSince + RECHECK_MAX_DELAY_MS - Date.now()));
    this.recheckTimer = setTimeout(() => {
      this.recheckTimer = undefined;
      this.recheckSince = 0;
      this.checkOpenDocuments();
    }, wait);
  }

  /**
   * Brings the open drafts up to date (on activation, and when the sources or settings change):
   * those in visible editors now; the others when they come into view. VS Code keeps documents
   * open a while after their editors close, and checking every one of them on each change of the
   * sources kept the extension host busy for seconds with a large archive.
   */
  checkOpenDocuments(): void {
    const manual = this.settings().run === 'manual';
    const visible = new Set(vscode.window.visibleTextEditors.map((e) => e.document));
    for (const doc of vscode.workspace.textDocuments) {
      if (!this.isDraft(doc)) continue;
      // in manual mode only documents already checked by command are brought up to date
      if (manual && !this.collection.has(doc.uri)) continue;
      if (visible.has(doc)) this.schedule(doc, 0);
      else if (this.collection.has(doc.uri)) this.stale.add(doc.uri.toString());
    }
  }

  /** Drafts that came into view and were checked against older sources or settings: check them now. */
  private cameIntoView(editors: readonly vscode.TextEditor[]): void {
    for (const e of editors) {
      if (this.stale.delete(e.document.uri.toString()) && this.isDraft(e.document)) this.schedule(e.document, 0);
    }
  }

  /** A Markdown file that matches `grounded.drafts` and is not a source. */
  isDraft(doc: vscode.TextDocument): boolean {
    if (doc.languageId !== 'markdown') return false;
    if (doc.uri.scheme === 'untitled') return true;
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'git' || doc.uri.scheme === 'vscode-notebook-cell') return false;
    if (this.workspace.isSourceFile(doc.uri)) return false;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    return this.settings().drafts.some((glob) => vscode.languages.match({ pattern: folder ? new vscode.RelativePattern(folder, glob) : glob }, doc) > 0);
  }

  private opened(doc: vscode.TextDocument): void {
    if (this.settings().run !== 'manual' && this.isDraft(doc)) this.schedule(doc, 0);
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.runs.set(key, (this.runs.get(key) ?? 0) + 1); // any run in flight is now stale
    this.collection.delete(doc.uri);
    this.published.delete(key);
    this.stale.delete(key);
    this.checker.forget(doc.uri);
  }

  /** Checks a document after `delay` ms; a later call for the same document replaces it. */
  schedule(doc: vscode.TextDocument, delay: number): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.checkNow(doc);
      }, delay),
    );
  }

  /** Checks a document now and publishes its diagnostics; undefined if the result went stale. */
  async checkNow(doc: vscode.TextDocument): Promise<CheckedDocument | undefined> {
    const key = doc.uri.toString();
    const run = (this.runs.get(key) ?? 0) + 1;
    this.runs.set(key, run);
    try {
      await this.workspace.ready();
      if (doc.isClosed || this.runs.get(key) !== run) return undefined;
      const version = doc.version;
      const checked = this.checker.resultFor(doc);
      // the document changed, or a newer check started, while this one waited: drop it
      if (doc.isClosed || doc.version !== version || checked.version !== version || this.runs.get(key) !== run) return undefined;
      this.publish(doc.uri, checked);
      return checked;
    } catch (e) {
      this.log.error(`checking ${doc.uri.toString(true)} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  }

  /** Checks a file that may not be open (Check Citations in every draft). */
  async checkText(uri: vscode.Uri, text: string): Promise<CheckedDocument> {
    await this.workspace.ready();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const checked = open ? this.checker.resultFor(open) : this.checker.checkText(uri, text);
    this.publish(uri, checked);
    return checked;
  }

  private publish(uri: vscode.Uri, checked: CheckedDocument): void {
    this.stale.delete(uri.toString());
    const diagnostics = checked.result.findings.map((f) => this.toDiagnostic(f));
    this.collection.set(uri, diagnostics);
    this.published.set(uri.toString(), checked.result.findings);
    this.log.debug(`checked ${uri.toString(true)} v${checked.version}: ${diagnostics.length} findings in ${checked.ms.toFixed(1)} ms`);
    this.checked.fire({ uri, version: checked.version, generation: checked.generation, findings: checked.result.findings, ms: checked.ms });
  }

  /** The findings behind a document's published diagnostics. */
  lastFindings(uri: vscode.Uri): readonly Finding[] | undefined {
    return this.published.get(uri.toString());
  }

  toDiagnostic(f: Finding): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(f.range), f.message, toSeverity(f.severity));
    d.source = DIAGNOSTIC_SOURCE;
    d.code = f.rule;
    const related: vscode.DiagnosticRelatedInformation[] = [];
    for (const e of f.evidence) {
      const loc = this.workspace.location(e.source, e.start, e.end);
      if (loc) related.push(new vscode.DiagnosticRelatedInformation(loc, `${shortName(this.workspace.corpus, e.source)}, line ${e.line}: ${truncate(e.text, 160)}`));
    }
    if (related.length) d.relatedInformation = related;
    return d;
  }

  dispose(): void {
    clearTimeout(this.recheckTimer);
    this.stale.clear();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}
