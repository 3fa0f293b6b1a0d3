/**
 * The workspace's sources as a core `Corpus`: found by the `grounded.sources` globs, read through
 * `workspace.fs`, indexed off the activation path with progress, and kept current by file
 * watchers that update one file at a time (debounced per path).
 */
import * as vscode from 'vscode';
import type { Settings } from '../core/config';
import { Corpus } from '../core/corpus';
import { DEFAULT_IGNORE, globBase, loadCorpus, readText } from '../core/host';
import { lineStarts, positionAt } from '../core/segment';
import type { Problem, Source } from '../core/types';
import { WorkspaceHost } from './host';

export interface IndexState {
  indexing: boolean;
  /** Files read so far and files found, while indexing. */
  done: number;
  total: number;
  sources: number;
  passages: number;
  problems: number;
  generation: number;
}

const WATCH_DELAY_MS = 100;
const NOTIFY_AFTER_MS = 1000;

export class WorkspaceCorpus implements vscode.Disposable {
  readonly host = new WorkspaceHost();
  private current = new Corpus();
  private problemList: Problem[] = [];
  private building: Promise<void> | undefined;
  private firstBuild: Promise<void>;
  private resolveFirst!: () => void;
  private progress = { done: 0, total: 0 };
  private watchers: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changed = new vscode.EventEmitter<IndexState>();
  private readonly startsCache = new WeakMap<Source, number[]>();
  private disposed = false;
  /** Fires when indexing starts or ends, and after every change to the corpus. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly settings: () => Settings,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.firstBuild = new Promise((resolve) => (this.resolveFirst = resolve));
  }

  get corpus(): Corpus {
    return this.current;
  }

  get problems(): readonly Problem[] {
    return this.problemList;
  }

  get state(): IndexState {
    return {
      indexing: this.building !== undefined,
      done: this.progress.done,
      total: this.progress.total,
      sources: this.current.sourceCount,
      passages: this.current.passageCount,
      problems: this.problemList.length,
      generation: this.current.generation,
    };
  }

  /** Resolves once the first index is built (and after any rebuild in progress). */
  async ready(): Promise<void> {
    await this.firstBuild;
    while (this.building) await this.building;
  }

  /** The file a source was read from. */
  uriOf(sourceId: string): vscode.Uri | undefined {
    const source = this.current.source(sourceId);
    return source ? this.host.uriOf(source.path) : undefined;
  }

  /** The source read from this file, if it is one. */
  sourceAt(uri: vscode.Uri): Source | undefined {
    return this.current.sourceAtPath(this.host.pathOf(uri));
  }

  /** Whether a file matches the source globs (whether or not it is indexed yet). */
  isSourceFile(uri: vscode.Uri): boolean {
    if (this.sourceAt(uri)) return true;
    return this.settings().sources.some((glob) => vscode.languages.match({ pattern: this.pattern(uri, glob) }, { uri, languageId: '' } as vscode.TextDocument) > 0);
  }

  private pattern(uri: vscode.Uri, glob: string): vscode.GlobPattern {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? new vscode.RelativePattern(folder, glob) : glob;
  }

  /** 0-based line and character of an offset in a source's text. */
  positionIn(sourceId: string, offset: number): vscode.Position {
    const source = this.current.source(sourceId);
    if (!source) return new vscode.Position(0, 0);
    let starts = this.startsCache.get(source);
    if (!starts) {
      starts = lineStarts(source.text);
      this.startsCache.set(source, starts);
    }
    const p = positionAt(starts, offset);
    return new vscode.Position(p.line, p.character);
  }

  /** A source range as a VS Code location. */
  location(sourceId: string, start: number, end: number): vscode.Location | undefined {
    const uri = this.uriOf(sourceId);
    return uri ? new vscode.Location(uri, new vscode.Range(this.positionIn(sourceId, start), this.positionIn(sourceId, end))) : undefined;
  }

  /**
   * Reads and indexes every source again into a fresh corpus, then swaps it in. Shows a spinner
   * (through `onDidChange`) and, when it takes more than a second, a progress notification.
   */
  rebuild(): Promise<void> {
    if (this.building) return this.building.then(() => this.rebuild());
    const run = this.build().finally(() => {
      this.building = undefined;
      this.resolveFirst();
      this.fire();
    });
    this.building = run;
    this.fire();
    return run;
  }

  private async build(): Promise<void> {
    const settings = this.settings();
    const t0 = Date.now();
    this.progress = { done: 0, total: 0 };
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let report: ((done: number, total: number) => void) | undefined;
    const notify = setTimeout(() => {
      void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Grounded: indexing sources' }, (progress) => {
        let last = 0;
        report = (done, total) => {
          const pct = total ? (done / total) * 100 : 0;
          progress.report({ message: `${done} of ${total} files`, increment: pct - last });
          last = pct;
        };
        return finished;
      });
    }, NOTIFY_AFTER_MS);
    try {
      this.watch(settings);
      const result = await loadCorpus(this.host, settings.sources, {
        maxFileBytes: settings.maxFileBytes,
        onProgress: (done, total) => {
          this.progress = { done, total };
          report?.(done, total);
          if (done === 1 || done === total || done % 50 === 0) this.fire();
        },
      });
      if (this.disposed) return;
      // keep the generation rising across rebuilds, so cached verdicts of the old corpus are stale
      result.corpus.generation += this.current.generation + 1;
      this.current = result.corpus;
      this.problemList = result.problems;
      for (const p of result.problems) this.log.warn(`${p.path}: ${p.message}`);
      this.log.info(`indexed ${result.corpus.sourceCount} sources, ${result.corpus.passageCount} passages (${result.found} files matched ${settings.sources.join(', ')}) in ${Date.now() - t0} ms`);
    } catch (e) {
      this.log.error(`indexing failed: ${(e as Error).stack ?? e}`);
      void vscode.window.showErrorMessage(`Grounded: indexing the sources failed: ${(e as Error).message ?? e}`);
    } finally {
      clearTimeout(notify);
      finish();
    }
  }

  /** (Re)creates one watcher per workspace folder and source glob, and for the bibliographies. */
  private watch(settings: Settings): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of settings.sources) {
        const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, glob));
        w.onDidCreate((uri) => this.queue(uri), undefined, this.watchers);
        w.onDidChange((uri) => this.queue(uri), undefined, this.watchers);
        w.onDidDelete((uri) => this.queue(uri), undefined, this.watchers);
        this.watchers.push(w);
      }
      // a folder created (or deleted) with its files at once may be reported as the folder alone
      for (const base of new Set(settings.sources.map(globBase).filter(Boolean))) {
        const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, `{${base},${base}/**}`), false, true, false);
        w.onDidCreate((uri) => void this.folderCreated(uri), undefined, this.watchers);
        w.onDidDelete((uri) => this.folderDeleted(uri), undefined, this.watchers);
        this.watchers.push(w);
      }
      const bibs = [...new Set(settings.sources.map((g) => [globBase(g), 'sources.yaml'].filter(Boolean).join('/')))];
      for (const bib of bibs) {
        // metadata of every source may change: rebuild
        const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, bib));
        const again = () => void this.rebuild();
        w.onDidCreate(again, undefined, this.watchers);
        w.onDidChange(again, undefined, this.watchers);
        w.onDidDelete(again, undefined, this.watchers);
        this.watchers.push(w);
      }
    }
  }

  /** A new folder under a source glob's base: queue the sources in it that the index lacks. */
  private async folderCreated(uri: vscode.Uri): Promise<void> {
    if (this.isSourceFile(uri)) return; // a file: its own watcher has it
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!stat || !(stat.type & vscode.FileType.Directory)) return;
    const dir = this.host.pathOf(uri);
    for (const path of await this.host.findFiles(this.settings().sources, DEFAULT_IGNORE)) {
      if (path.startsWith(dir + '/') && !this.current.sourceAtPath(path)) this.queue(this.host.uriOf(path)!);
    }
  }

  /** A folder went: every source under it goes too. */
  private folderDeleted(uri: vscode.Uri): void {
    const dir = this.host.pathOf(uri);
    for (const s of this.current.sources) if (s.path.startsWith(dir + '/')) this.queue(this.host.uriOf(s.path)!);
  }

  /** A watched file changed: update it alone, once things settle for that path. */
  private queue(uri: vscode.Uri): void {
    const path = this.host.pathOf(uri);
    if (ignored(path) || /(^|\/)sources\.ya?ml$/.test(path)) return;
    clearTimeout(this.timers.get(path));
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        void this.update(path);
      }, WATCH_DELAY_MS),
    );
  }

  private async update(path: string): Promise<void> {
    if (this.building) await this.building;
    if (this.disposed) return;
    const corpus = this.current;
    const exists = (await this.host.size(path)) !== undefined;
    if (!exists) {
      if (corpus.removeSource(path)) this.log.info(`source removed: ${path}`);
    } else {
      const { text, problem } = await readText(this.host, path, this.settings().maxFileBytes);
      if (corpus !== this.current) return; // a rebuild read it already
      corpus.clearProblem(path);
      if (problem) {
        corpus.reportProblem(problem);
        this.log.warn(`${path}: ${problem.message}`);
      }
      if (text === undefined) corpus.removeSource(path);
      else {
        const source = corpus.addSource(path, text);
        this.log.info(`source updated: ${path} (${source.passages.length} passages)`);
      }
    }
    this.problemList = corpus.problems;
    this.fire();
  }

  private fire(): void {
    if (!this.disposed) this.changed.fire(this.state);
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    for (const w of this.watchers) w.dispose();
    this.changed.dispose();
    this.resolveFirst();
  }
}

function ignored(path: string): boolean {
  return DEFAULT_IGNORE.some((glob) => {
    const dir = glob.replace(/^\*\*\//, '').replace(/\/\*\*$/, '');
    return path === dir || path.startsWith(dir + '/') || path.includes('/' + dir + '/');
  });
}
