/**
 * Diagnostics: the core's findings, published to the client with the evidence passages as related
 * information. Checked on open and save (or as you type, debounced per document, or only on
 * command, per `grounded.run`); results computed for an older version of a document are dropped; a
 * document's diagnostics go when it closes; the open drafts are checked again when the sources or
 * the settings change — those in view at once, the others when they come into view (when the
 * client says what is in view; else all of them).
 */
import { DiagnosticSeverity, type Connection, type Diagnostic, type DiagnosticRelatedInformation, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatOf, positionInSource, shortName, truncate, type Finding, type Settings, type Severity } from '../core';
import type { DraftVerifier } from '../node/draftVerifier';
import type { CheckedDocument, Drafts } from './drafts';
import type { Logger } from './log';
import { DID_CHECK, type CheckEventParams } from './protocol';
import type { WorkspaceCorpus } from './workspace';

export const DIAGNOSTIC_SOURCE = 'grounded';

/** After the sources change, wait this long for more changes before checking the open drafts again… */
const RECHECK_DELAY_MS = 300;
/** …but no longer than this, while changes keep coming. */
const RECHECK_MAX_DELAY_MS = 2000;

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export class DiagnosticsManager {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  private recheckSince = 0;
  /** Open drafts out of view whose diagnostics predate the sources or settings: checked when shown. */
  private readonly stale = new Set<string>();
  /** Per document, the number of the latest check asked for: an older run's result is dropped. */
  private readonly runs = new Map<string, number>();
  /** The findings behind each document's published diagnostics. */
  private readonly published = new Map<string, readonly Finding[]>();
  /** The documents in view, when the client says (else every open draft counts as in view). */
  private visible: Set<string> | undefined;
  /** Asked about the uncertain claims after each publish; its answers are published when they come. */
  verifier: DraftVerifier | undefined;
  /** Where the client shows an extracted source's text (`InitOptions.extractedTextScheme`). */
  extractedTextScheme: string | undefined;
  /** Per document, the findings the model's answers changed and the version they are for. */
  private readonly decided = new Map<string, { version: number; findings: readonly Finding[] }>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly drafts: Drafts,
    private readonly workspace: () => WorkspaceCorpus,
    private readonly settings: () => Settings,
    private readonly ready: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  opened(doc: TextDocument): void {
    if (this.settings().run !== 'manual' && this.drafts.isDraft(doc)) this.schedule(doc.uri, 0);
  }

  edited(doc: TextDocument): void {
    this.verifier?.cancel(doc.uri);
    if (this.settings().run === 'onType' && this.drafts.isDraft(doc)) this.schedule(doc.uri, this.settings().debounceMs);
  }

  saved(doc: TextDocument): void {
    if (this.settings().run !== 'manual' && this.drafts.isDraft(doc)) this.schedule(doc.uri, 0);
  }

  closed(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.runs.set(uri, (this.runs.get(uri) ?? 0) + 1); // any run in flight is now stale
    this.stale.delete(uri);
    this.drafts.forget(uri);
    this.verifier?.forget(uri);
    this.decided.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The client says which documents are in view: those checked against older sources or settings are checked now. */
  setVisible(uris: readonly string[]): void {
    this.visible = new Set(uris);
    for (const uri of uris) if (this.stale.delete(uri)) this.schedule(uri, 0);
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

  /** Brings the open drafts up to date: those in view now, the others when they come into view. */
  checkOpenDocuments(): void {
    const manual = this.settings().run === 'manual';
    for (const doc of this.documents.all()) {
      if (!this.drafts.isDraft(doc)) continue;
      // in manual mode only documents already checked by command are brought up to date
      if (manual && !this.published.has(doc.uri)) continue;
      if (!this.visible || this.visible.has(doc.uri)) this.schedule(doc.uri, 0);
      else if (this.published.has(doc.uri)) this.stale.add(doc.uri);
    }
  }

  /** Takes back every diagnostic (the run mode became `manual`). */
  clearAll(): void {
    for (const uri of this.published.keys()) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.clear();
    this.stale.clear();
  }

  /** Checks a document after `delay` ms; a later call for the same document replaces it. */
  schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.checkNow(uri);
      }, delay),
    );
  }

  /** Checks an open document now and publishes its diagnostics; undefined if the result went stale. */
  async checkNow(uri: string): Promise<CheckedDocument | undefined> {
    const run = (this.runs.get(uri) ?? 0) + 1;
    this.runs.set(uri, run);
    try {
      await this.ready();
      const doc = this.documents.get(uri);
      if (!doc || this.runs.get(uri) !== run) return undefined;
      const checked = this.drafts.resultFor(doc);
      this.publish(uri, checked);
      void this.secondOpinion(uri, checked, run);
      return checked;
    } catch (e) {
      this.log.error(`checking ${uri} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  }

  /** Checks a file that may not be open (Check Citations in every draft). */
  async checkText(uri: string, text: string): Promise<CheckedDocument> {
    await this.ready();
    const open = this.documents.get(uri);
    const checked = open ? this.drafts.resultFor(open) : this.drafts.checkText(uri, text);
    this.publish(uri, checked);
    return checked;
  }

  /** The built-in findings are out: the model's answers, when a verifier is set, are published over them when they come. */
  private async secondOpinion(uri: string, checked: CheckedDocument, run: number): Promise<void> {
    if (!this.verifier?.enabled) return;
    try {
      const corpus = this.workspace().corpus;
      await this.verifier.afterCheck(uri, checked.result, { severity: this.settings().severity, name: (id) => shortName(corpus, id) }, (review) => {
        // only onto the version the answers are about, and only while no newer check has started
        if (this.runs.get(uri) !== run || this.documents.get(uri)?.version !== checked.version) return;
        this.publish(uri, checked, review.findings);
        this.decided.set(uri, { version: checked.version, findings: review.findings });
      });
    } catch (e) {
      this.log.error(`the second opinion on ${uri} failed: ${(e as Error).stack ?? e}`);
    }
  }

  /** The findings a second opinion changed, while the document is at the version they are for (for quick fixes). */
  decidedFindings(uri: string, version: number): readonly Finding[] | undefined {
    const d = this.decided.get(uri);
    return d && d.version === version ? d.findings : undefined;
  }

  private publish(uri: string, checked: CheckedDocument, findings: readonly Finding[] = checked.result.findings): void {
    this.stale.delete(uri);
    this.decided.delete(uri);
    const diagnostics = findings.map((f) => this.toDiagnostic(f));
    this.published.set(uri, findings);
    this.log.debug(`checked ${uri} v${checked.version}: ${diagnostics.length} findings in ${checked.ms.toFixed(1)} ms`);
    // the check event goes first: the VS Code client tells its listeners once the diagnostics are in
    void this.connection.sendNotification(DID_CHECK, { uri, version: checked.version, generation: checked.generation, findings: diagnostics.length, ms: checked.ms } satisfies CheckEventParams);
    void this.connection.sendDiagnostics({ uri, ...(checked.version >= 0 ? { version: checked.version } : {}), diagnostics });
  }

  /** The findings behind every document's published diagnostics. */
  get findings(): ReadonlyMap<string, readonly Finding[]> {
    return this.published;
  }

  toDiagnostic(f: Finding): Diagnostic {
    const workspace = this.workspace();
    const corpus = workspace.corpus;
    const related: DiagnosticRelatedInformation[] = [];
    for (const e of f.evidence) {
      const source = corpus.source(e.source);
      const file = source && workspace.host.uriOf(source.path);
      if (!source || !file) continue;
      const uri = this.extractedTextScheme && formatOf(source.path) ? extractedTextUri(this.extractedTextScheme, source.path, source.id) : file;
      const range = { start: positionInSource(corpus, e.source, e.start), end: positionInSource(corpus, e.source, e.end) };
      related.push({ location: { uri, range }, message: `${shortName(corpus, e.source)}, ${e.page ? `p. ${e.page}, ` : ''}line ${e.line}: ${truncate(e.text, 160)}` });
    }
    return {
      range: f.range,
      severity: SEVERITY[f.severity],
      source: DIAGNOSTIC_SOURCE,
      code: f.rule,
      message: f.message,
      ...(related.length ? { relatedInformation: related } : {}),
    };
  }

  dispose(): void {
    clearTimeout(this.recheckTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** The client's view of an extracted source's text: `<scheme>:/<file name>.txt?<source id>`. */
export function extractedTextUri(scheme: string, path: string, source: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return `${scheme}:/${encodeURIComponent(`${name}.txt`)}?${encodeURIComponent(source)}`;
}
