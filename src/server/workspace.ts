/**
 * The workspace's sources as a core `Corpus`, in the language server: found by the
 * `grounded.sources` globs, read through the host, indexed on worker threads with progress, kept
 * current from the client's file events and the server's own rescans, and saved for the next
 * session. File events are collected per path and read in batches once they settle, so a folder
 * of a thousand new articles is one update of the index (and one re-check of the open drafts),
 * not a thousand. Every file that could not be used, or only in part, is kept in `problems` and
 * logged: never a silent skip.
 */
import { Emitter } from 'vscode-languageserver';
import { Corpus, DEFAULT_IGNORE, bibliographyPaths, inOrder, sameStamp, isBibliography, isLimit, isReadme, loadBibliographies, loadCorpus, problemFiles, readText, type IndexState, type Problem, type Settings } from '../core';
import { addSourcesAuto } from '../node/indexWorkers';
import { withSnapshotFile } from '../node/snapshotFile';
import type { ServerHost, Stamp } from './host';
import type { Logger } from './log';
import { SAVED_FORMAT, readSavedIndex, writeSavedIndex, type SavedIndex } from './savedIndex';

/** Quiet time after the last file event before the changed files are read. */
const WATCH_DELAY_MS = 100;
/** Longest a changed file waits while events keep coming. */
const WATCH_MAX_DELAY_MS = 1000;
/** Indexing that takes longer than this shows progress. */
const PROGRESS_AFTER_MS = 1000;
/** How often the client hears of indexing progress. */
const PROGRESS_EVERY_MS = 250;
/** Files read at once (each read through the client is a round trip). */
const READ_AHEAD = 16;
/** After a burst of changes or a new folder: compare the disk with the index this much later. */
const RECONCILE_AFTER_BURST_MS = 2000;
/** And every so often anyway: file watchers can drop events (overflow, a watcher restart, none at all). */
export const RECONCILE_EVERY_MS = 60_000;
/** A batch at least this large counts as a burst. */
const BURST = 20;
/**
 * The index is saved after it is built, and again once this many source files changed since (this
 * long after the last change): a few files changed since the save are read again at the next start.
 */
const SAVE_AFTER_CHANGES = 200;
const SAVE_AFTER_MS = 30_000;
/**
 * After a build, the save waits this long: writing a large index takes the server's thread for a
 * second or two, and the writer's first check after indexing should not wait behind it.
 */
const SAVE_AFTER_BUILD_MS = 10_000;

/** What the workspace corpus needs of the editor: progress and messages. */
export interface WorkspaceUi {
  /** Shows progress; returns how to report it and how to end it. */
  progress(title: string): Promise<{ report(percentage: number, message: string): void; done(): void }>;
  showWarning(message: string, action?: string): Promise<boolean>;
  showError(message: string): void;
  /** The report, when a warning's button asks for it. */
  showReport(): void;
}

export interface SavedIndexOptions {
  /** Where the index is saved between sessions; without it every session builds the index from the files. */
  storage?: string;
  /** The server's version: an index saved by another version is not used. */
  version?: string;
  /** Whether this index saves itself (default true); a private second index only reads. */
  save?: boolean;
}

export class WorkspaceCorpus {
  private current = new Corpus();
  /** Problems that are not the corpus' own (the bibliography's). */
  private otherProblems: Problem[] = [];
  private building: Promise<void> | undefined;
  /** Bibliography files named by drafts' front matter (workspace paths). */
  private readonly draftBibliographies = new Set<string>();
  /** The files `grounded.bibliographies` matched at the last build. */
  private listedBibliographies = new Set<string>();
  private readonly firstBuild: Promise<void>;
  private resolveFirst!: () => void;
  private progress = { done: 0, total: 0 };
  /** Paths with file events not yet read, and when the oldest of them came. */
  private readonly dirty = new Set<string>();
  private dirtySince = 0;
  private dirtyTimer: ReturnType<typeof setTimeout> | undefined;
  /** The loop reading dirty paths, while it runs; and how many paths its current batch has. */
  private updating: Promise<void> | undefined;
  private inFlight = 0;
  /** Files a limit stopped, already told about in a notification. */
  private readonly toldLimits = new Set<string>();
  private lastSummary = '';
  private reconcileTimer: ReturnType<typeof setTimeout> | undefined;
  private reconcileInterval: ReturnType<typeof setInterval> | undefined;
  private readonly changed = new Emitter<IndexState>();
  private disposed = false;
  /** The first build may start from the index saved by the last session. */
  private warmStartAllowed: boolean;
  /** Whether the current index was restored from the saved one (rather than built from the files). */
  restored = false;
  /** Comparing a restored index with the files on disk, while it runs. */
  private catchingUp: Promise<void> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** Source files changed in the index since it was last saved (or restored). */
  private changedSinceSave = 0;
  private saving: Promise<void> | undefined;
  /** Fires when indexing starts or ends, and after every change to the corpus. */
  readonly onDidChange = this.changed.event;
  private readonly storage: string | undefined;
  private readonly version: string;
  private readonly saves: boolean;

  constructor(
    readonly host: ServerHost,
    private readonly settings: () => Settings,
    private readonly log: Logger,
    private readonly ui: WorkspaceUi | undefined,
    saved: SavedIndexOptions = {},
  ) {
    this.storage = saved.storage;
    this.version = saved.version ?? '';
    this.saves = saved.save ?? true;
    this.warmStartAllowed = this.storage !== undefined;
    this.firstBuild = new Promise((resolve) => (this.resolveFirst = resolve));
  }

  /** Compares the disk with the index every `RECONCILE_EVERY_MS` (the safety net under the file events). */
  rescanPeriodically(ms = RECONCILE_EVERY_MS): void {
    clearInterval(this.reconcileInterval);
    this.reconcileInterval = setInterval(() => this.reconcileSoon(0), ms);
  }

  get corpus(): Corpus {
    return this.current;
  }

  /** Everything met while reading the sources and their bibliography: skipped and partly used files. */
  get problems(): Problem[] {
    return [...this.otherProblems, ...this.current.problems];
  }

  get state(): IndexState {
    const groups = problemFiles(this.problems);
    return {
      indexing: this.building !== undefined,
      done: this.progress.done,
      total: this.progress.total,
      sources: this.current.sourceCount,
      passages: this.current.passageCount,
      problems: groups.skipped.length + groups.partial.length + groups.notes.length,
      skipped: groups.skipped.length,
      partial: groups.partial.length,
      pending: this.dirty.size + this.inFlight,
      generation: this.current.generation,
    };
  }

  /** Resolves once the first index is built (and after any rebuild in progress). */
  async ready(): Promise<void> {
    await this.firstBuild;
    while (this.building) await this.building;
  }

  /** Resolves when the index is built and every file change reported so far has been read. */
  async settled(): Promise<void> {
    await this.ready();
    while (!this.disposed && (this.dirty.size || this.updating || this.building || this.catchingUp)) {
      if (this.dirty.size && !this.updating) this.drain();
      const busy = this.updating ?? this.building ?? this.catchingUp;
      if (!busy) break;
      await busy;
    }
  }

  /**
   * Reads and indexes every source again into a fresh corpus, then swaps it in. Reports progress
   * (through `onDidChange`, and as work-done progress when it takes more than a second).
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

  /**
   * Notes the bibliography files a draft's front matter names (workspace paths, see
   * `bibliographiesOfDraft`). Returns true when one was not read before: the caller rebuilds, so
   * that its entries and their `file` links are in the index.
   */
  noteDraftBibliographies(paths: readonly string[]): boolean {
    let added = false;
    for (const path of paths) {
      if (this.draftBibliographies.has(path)) continue;
      this.draftBibliographies.add(path);
      added = true;
    }
    return added;
  }

  /** Whether a change to `path` changes what the index was built from: a bibliography it read (besides `sources.yaml`). */
  readsBibliography(path: string): boolean {
    return this.draftBibliographies.has(path) || this.listedBibliographies.has(path);
  }

  /** The drafts' own bibliography files, for the file watcher. */
  get draftBibliographyPaths(): readonly string[] {
    return [...this.draftBibliographies];
  }

  /** The bibliographies read besides `sources.yaml`: the files `grounded.bibliographies` matches and those drafts name. */
  private async extraBibliographies(settings: Settings): Promise<string[]> {
    const listed = settings.bibliographies.length ? await this.host.findFiles(settings.bibliographies, DEFAULT_IGNORE) : [];
    this.listedBibliographies = new Set(listed);
    return [...new Set([...listed, ...this.draftBibliographies])];
  }

  private async build(): Promise<void> {
    const settings = this.settings();
    const t0 = Date.now();
    this.progress = { done: 0, total: 0 };
    let shown: { report(percentage: number, message: string): void; done(): void } | undefined;
    let ended = false;
    const timer = setTimeout(() => {
      void this.ui?.progress('Grounded: indexing sources').then((p) => (ended ? p.done() : (shown = p)));
    }, PROGRESS_AFTER_MS);
    try {
      if (this.warmStartAllowed) {
        this.warmStartAllowed = false;
        if (await this.warmStart(settings)) return;
      }
      let fired = 0;
      const result = await loadCorpus(this.host, settings.sources, {
        maxFileBytes: settings.maxFileBytes,
        bibliographies: await this.extraBibliographies(settings),
        readAhead: READ_AHEAD,
        // a large folder is read, segmented and tokenised on worker threads (plain text files on
        // disk are read by the worker that prepares them, off this thread)
        build: (corpus, files, options) => addSourcesAuto(corpus, files, options),
        buildReads: true,
        // a file indexed holds the stamp it had when read (one it could not use is read again next session)
        onRead: (path, chars) => chars !== undefined && this.host.readElsewhere(path),
        onProgress: (done, total) => {
          this.progress = { done, total };
          if (done === total || Date.now() - fired >= PROGRESS_EVERY_MS) {
            fired = Date.now();
            shown?.report(total ? Math.round((done / total) * 100) : 0, `${done} of ${total} files`);
            this.fire();
          }
        },
      });
      if (this.disposed) return;
      // the generation keeps rising across rebuilds, so cached verdicts of the old corpus are stale
      result.corpus.continueAfter(this.current);
      const kept = new Set(result.corpus.sourcePaths);
      for (const path of this.current.sourcePaths) if (!kept.has(path)) this.host.forget(path);
      this.current = result.corpus;
      this.restored = false;
      const own = new Set(result.corpus.problems);
      this.otherProblems = result.problems.filter((p) => !own.has(p));
      for (const p of result.problems) this.log.warn(`${p.path}: ${p.message}`);
      this.log.info(`indexed ${result.corpus.sourceCount} sources, ${result.corpus.passageCount} passages (${result.found} files matched ${settings.sources.join(', ')}) in ${Date.now() - t0} ms`);
      this.summarise();
      this.saveSoon(SAVE_AFTER_BUILD_MS);
    } catch (e) {
      this.log.error(`indexing failed: ${(e as Error).stack ?? e}`);
      this.ui?.showError(`Grounded: indexing the sources failed: ${(e as Error).message ?? e}`);
    } finally {
      ended = true;
      clearTimeout(timer);
      shown?.done();
    }
  }

  /** A new folder under a source glob's base: queue the sources in it that the index lacks. */
  async folderCreated(dir: string): Promise<void> {
    if (!(await this.host.isDirectory(dir))) return;
    for (const path of await this.sourceFilesOnDisk()) {
      if (path.startsWith(dir + '/') && !this.current.sourceAtPath(path)) this.queue(path);
    }
    // files still being written into the new folder may not all be reported: look again later
    this.reconcileSoon(RECONCILE_AFTER_BURST_MS);
  }

  /** A folder went: every source under it goes too, and so do the problems of files that were in it. */
  folderDeleted(dir: string): void {
    const paths = new Set([...this.current.sourcePaths, ...this.current.problems.map((p) => p.path)]);
    for (const path of paths) if (path.startsWith(dir + '/')) this.queue(path);
  }

  /**
   * A source file changed (created, changed, deleted): mark it, and read the marked files once
   * events pause for `WATCH_DELAY_MS` (or after `WATCH_MAX_DELAY_MS` at most while they keep coming).
   */
  queue(path: string): void {
    if (ignored(path) || isBibliography(path) || isReadme(path) || this.disposed) return;
    const first = this.dirty.size === 0;
    this.dirty.add(path);
    if (first) this.dirtySince = Date.now();
    clearTimeout(this.dirtyTimer);
    const wait = Math.max(0, Math.min(WATCH_DELAY_MS, this.dirtySince + WATCH_MAX_DELAY_MS - Date.now()));
    this.dirtyTimer = setTimeout(() => {
      this.dirtyTimer = undefined;
      this.drain();
    }, wait);
    if (first) this.fire();
  }

  /** Whether a path is indexed or has a problem reported (whatever the globs say now). */
  knows(path: string): boolean {
    return !!this.current.sourceAtPath(path) || this.current.problems.some((p) => p.path === path);
  }

  /** Starts the loop that reads the marked files, batch after batch, unless it runs already. */
  private drain(): void {
    if (this.updating || this.disposed || !this.dirty.size) return;
    // `finally` runs in a later microtask, so `updating` is always set before it is cleared
    const run: Promise<void> = this.drainLoop().finally(() => {
      if (this.updating === run) this.updating = undefined;
      this.fire();
    });
    this.updating = run;
  }

  private async drainLoop(): Promise<void> {
    while (this.dirty.size && !this.disposed) {
      if (this.building) await this.building;
      const batch = [...this.dirty].sort();
      this.dirty.clear();
      this.inFlight = batch.length;
      try {
        await this.update(batch);
      } catch (e) {
        this.log.error(`updating the index failed: ${(e as Error).stack ?? e}`);
      } finally {
        this.inFlight = 0;
      }
    }
  }

  /** Reads a batch of changed files into the corpus (several reads at once, applied in order): each is added, replaced or removed. */
  private async update(paths: readonly string[]): Promise<void> {
    const corpus = this.current;
    const maxBytes = this.settings().maxFileBytes;
    let changes = 0;
    const read = async (path: string) => ({ path, ...(await readText(this.host, path, maxBytes)) });
    for await (const r of inOrder(paths, READ_AHEAD, read)) {
      if (this.disposed || corpus !== this.current) return; // a rebuild reads everything anyway
      const path = r.path;
      if (r.gone) {
        const had = corpus.removeSource(path);
        corpus.clearProblem(path);
        this.host.forget(path);
        if (had) {
          changes++;
          this.log.info(`source removed: ${path}`);
        }
        continue;
      }
      const { text, problem } = r;
      if (text === undefined) {
        // nothing of it can be used (any more): out of the index, and said why
        if (corpus.removeSource(path)) changes++;
        corpus.reportProblem(problem!);
        this.log.warn(`${path}: ${problem!.message}`);
        continue;
      }
      const before = corpus.generation;
      const source = corpus.addSource(path, text);
      if (problem) corpus.reportProblem(problem);
      for (const p of corpus.problems) if (p.path === path) this.log.warn(`${path}: ${p.message}`);
      if (corpus.generation !== before) {
        changes++;
        this.log.info(`source updated: ${path} (${source.passages.length} passages)`);
      }
    }
    if (paths.length > 1) this.log.info(`${paths.length} changed files read: ${changes} changes to the index (${corpus.sourceCount} sources, ${corpus.passageCount} passages)`);
    this.summarise();
    this.changedSinceSave += changes;
    if (this.changedSinceSave >= SAVE_AFTER_CHANGES) this.saveSoon(SAVE_AFTER_MS);
    if (paths.length >= BURST) this.reconcileSoon(RECONCILE_AFTER_BURST_MS);
  }

  /** Compares the disk with the index after `delay` ms (a later call replaces an earlier one). */
  reconcileSoon(delay: number): void {
    if (this.disposed) return;
    clearTimeout(this.reconcileTimer);
    this.reconcileTimer = setTimeout(() => {
      this.reconcileTimer = undefined;
      void this.reconcile().catch((e) => this.log.error(`comparing the index with the disk failed: ${(e as Error).stack ?? e}`));
    }, delay);
  }

  /** The files the source globs match on disk now (bibliographies and ignored folders left out). */
  private async sourceFilesOnDisk(): Promise<string[]> {
    return (await this.host.findFiles(this.settings().sources, DEFAULT_IGNORE)).filter((p) => !ignored(p) && !isBibliography(p) && !isReadme(p));
  }

  /**
   * The safety net under the file events: finds the files the source globs match now and queues
   * every difference with the index (a file it lacks, a file that is gone). Returns how many.
   */
  async reconcile(): Promise<number> {
    // while the index is busy, differences are expected: look again once it is quiet
    if (this.building || this.updating || this.dirty.size) {
      this.reconcileSoon(RECONCILE_AFTER_BURST_MS);
      return 0;
    }
    const corpus = this.current;
    const found = await this.sourceFilesOnDisk();
    if (this.disposed || corpus !== this.current || this.building || this.updating || this.dirty.size) return 0;
    const onDisk = new Set(found);
    const known = new Set([...corpus.sourcePaths, ...corpus.problems.map((p) => p.path)]);
    const missed = [...found.filter((p) => !known.has(p)), ...[...known].filter((p) => !onDisk.has(p))];
    if (!missed.length) return 0;
    this.log.warn(`${missed.length} file change${missed.length === 1 ? '' : 's'} not reported by the file watcher, reading ${missed.length === 1 ? 'it' : 'them'} now: ${missed.slice(0, 5).join(', ')}${missed.length > 5 ? ', …' : ''}`);
    for (const path of missed) this.queue(path);
    return missed.length;
  }

  /** What a saved index must have been made with: this version, these folders and settings. */
  private savedKey(settings: Settings): string {
    return JSON.stringify([this.version, this.host.folderUris, settings.sources, settings.maxFileBytes]);
  }

  /** The bibliography files that would be read beside the sources, with their stamps now. */
  private async bibliographyStamps(settings: Settings): Promise<Record<string, Stamp | null>> {
    const out: Record<string, Stamp | null> = {};
    for (const path of bibliographyPaths(settings.sources)) out[path] = (await this.host.stat(path)) ?? null;
    return out;
  }

  /**
   * Starts from the index the last session saved, when it was made by this version with these
   * settings and the bibliographies are unchanged: the sources are searchable at once, and the
   * files changed, added or removed since are then found (by size and modification time) and read
   * as if the client had reported them. Returns false when there is no such index.
   */
  private async warmStart(settings: Settings): Promise<boolean> {
    const t0 = Date.now();
    const found = await readSavedIndex(this.storage!);
    if (!found) return false;
    const { snapshotFile, snapshotBytes, saved } = found;
    try {
      const key = this.savedKey(settings);
      if (saved.format !== SAVED_FORMAT || saved.key !== key || saved.snapshotBytes !== snapshotBytes) return false;
      if (JSON.stringify(await this.bibliographyStamps(settings)) !== JSON.stringify(saved.bibliographies)) {
        this.log.info('a bibliography changed since the index was saved: building it again');
        return false;
      }
      const bib = await loadBibliographies(this.host, settings.sources, await this.extraBibliographies(settings));
      // read a section at a time: the parts a changed source grows out of are then freed
      const corpus = withSnapshotFile(snapshotFile, (reader) => (reader.byteLength === saved.snapshotBytes ? Corpus.fromSnapshot(reader, { key }) : undefined));
      if (!corpus) return false;
      corpus.bibliography = bib.entries;
      if (this.disposed) return true;
      corpus.continueAfter(this.current);
      this.current = corpus;
      this.otherProblems = bib.problems;
      this.host.adoptStamps(saved.files);
      this.log.info(`restored the saved index: ${corpus.sourceCount} sources, ${corpus.passageCount} passages in ${Date.now() - t0} ms; comparing it with the files on disk`);
      this.summarise();
      this.restored = true;
      const run: Promise<void> = this.catchUp(corpus, saved.files)
        .catch((e) => this.log.error(`comparing the saved index with the disk failed: ${(e as Error).stack ?? e}`))
        .finally(() => {
          if (this.catchingUp === run) this.catchingUp = undefined;
        });
      this.catchingUp = run;
      return true;
    } catch (e) {
      this.log.warn(`the saved index could not be used (${(e as Error).message ?? e}): building it again`);
      return false;
    }
  }

  /** Queues every file that differs from what a restored index was made from: changed, new or gone. */
  private async catchUp(corpus: Corpus, files: Record<string, Stamp>): Promise<void> {
    const t0 = Date.now();
    const found = await this.sourceFilesOnDisk();
    const onDisk = new Set(found);
    const stale: string[] = Object.keys(files).filter((p) => !onDisk.has(p));
    for await (const { path, stamp } of inOrder(found, READ_AHEAD, async (path) => ({ path, stamp: await this.host.stat(path) }))) {
      if (this.disposed || corpus !== this.current) return;
      const was = files[path];
      if (!sameStamp(stamp, was)) stale.push(path);
    }
    this.log.info(`${stale.length} of ${found.length} source files changed since the index was saved (compared in ${Date.now() - t0} ms)${stale.length ? ': reading them' : ''}`);
    for (const path of stale) this.queue(path);
  }

  /** Saves the index for the next session after `delay` ms (a later call replaces an earlier one). */
  private saveSoon(delay: number): void {
    if (!this.storage || !this.saves || this.disposed) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      // busy: the change under way will ask again
      if (this.building || this.updating || this.dirty.size || this.saving) return this.saveSoon(SAVE_AFTER_MS);
      this.saving = this.save()
        .catch((e) => this.log.warn(`the index could not be saved for the next session: ${(e as Error).message ?? e}`))
        .finally(() => (this.saving = undefined));
    }, delay);
  }

  /** Saves the index for the next session now, once it has taken in every change reported so far. */
  async saveNow(): Promise<void> {
    if (!this.storage) throw new Error('no storage folder: the index is not saved');
    await this.settled();
    clearTimeout(this.saveTimer);
    while (this.saving) await this.saving;
    await this.save();
  }

  private async save(): Promise<void> {
    const t0 = Date.now();
    const settings = this.settings();
    const corpus = this.current;
    const bibliographies = await this.bibliographyStamps(settings);
    if (corpus !== this.current || this.disposed) return;
    // the snapshot and the stamps are taken in one turn of the event loop: they describe the same index
    const key = this.savedKey(settings);
    const files: Record<string, Stamp> = {};
    for (const path of [...corpus.sourcePaths, ...corpus.problems.map((p) => p.path)]) {
      const stamp = this.host.stampOf(path);
      if (stamp) files[path] = stamp;
    }
    const bytes = corpus.toSnapshot(key);
    this.changedSinceSave = 0;
    const saved: SavedIndex = { format: SAVED_FORMAT, key, snapshotBytes: bytes.length, files, bibliographies };
    await writeSavedIndex(this.storage!, bytes, saved);
    this.log.info(`index saved for the next session (${(bytes.length / 1e6).toFixed(1)} MB, ${Date.now() - t0} ms)`);
  }

  /** One line in the log about files skipped or partly used (when that changes); a notification when a limit stopped the work. */
  private summarise(): void {
    const groups = problemFiles(this.problems);
    const summary = groups.skipped.length || groups.partial.length ? `${groups.skipped.length} source file${groups.skipped.length === 1 ? '' : 's'} not used, ${groups.partial.length} partly used: "Grounded: Show Report" lists them` : '';
    if (summary && summary !== this.lastSummary) this.log.warn(summary);
    this.lastSummary = summary;
    const limited = this.problems.filter((p) => isLimit(p) && !this.toldLimits.has(p.path));
    if (!limited.length || !this.ui) return;
    for (const p of limited) this.toldLimits.add(p.path);
    const first = limited[0]!;
    const more = limited.length > 1 ? ` and ${limited.length - 1} more` : '';
    void this.ui.showWarning(`Grounded: ${first.path} was not indexed (${first.message.replace(/^skipped: /, '')})${more}.`, 'Show Report').then((chosen) => chosen && this.ui!.showReport());
  }

  private fire(): void {
    if (!this.disposed) this.changed.fire(this.state);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.dirtyTimer);
    clearTimeout(this.reconcileTimer);
    clearTimeout(this.saveTimer);
    clearInterval(this.reconcileInterval);
    this.dirty.clear();
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
