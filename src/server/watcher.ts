/**
 * Source changes from the client: the server asks it (`client/registerCapability`) to watch the
 * source globs in every workspace folder, the folders they start in (a folder created or deleted
 * with its files at once may be reported as the folder alone) and the bibliographies (beside them, matched by
 * `grounded.bibliographies`, or named by a draft's front matter; a change to one rebuilds the index), and turns `workspace/didChangeWatchedFiles` into work for the
 * workspace corpus. Registered again only when the folders or globs change, so no event falls
 * between an old registration and its replacement. A client that cannot watch files is covered by
 * the corpus' own periodic rescan.
 */
import { DidChangeWatchedFilesNotification, FileChangeType, WatchKind, type Connection, type Disposable, type FileEvent, type FileSystemWatcher } from 'vscode-languageserver';
import { bibliographyPaths, globBase, isBibliography, type Settings } from '../core';
import type { Drafts } from './drafts';
import type { ServerHost } from './host';
import type { WorkspaceCorpus } from './workspace';

export class SourceWatcher {
  private registration: Disposable | undefined;
  private key = '';

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly drafts: Drafts,
    private readonly workspace: () => WorkspaceCorpus,
    private readonly settings: () => Settings,
    /** What the client can do: register watchers at all, and with a base folder (LSP 3.17). */
    private readonly can: { dynamic: boolean; relative: boolean },
  ) {}

  /** (Re)registers the watchers for the current folders and source globs, unless they are the same. */
  async watch(): Promise<void> {
    if (!this.can.dynamic) return;
    const settings = this.settings();
    const drafts = this.workspace().draftBibliographyPaths;
    const key = JSON.stringify([this.host.folderUris, settings.sources, settings.bibliographies, drafts]);
    if (key === this.key) return;
    this.key = key;
    const watchers: FileSystemWatcher[] = [];
    const add = (glob: string, kind: number) => {
      for (const folder of this.host.folderUris) watchers.push({ globPattern: this.can.relative ? { baseUri: folder, pattern: glob } : `**/${glob}`, kind });
    };
    for (const glob of settings.sources) add(glob, WatchKind.Create | WatchKind.Change | WatchKind.Delete);
    for (const base of new Set(settings.sources.map(globBase).filter(Boolean))) add(`{${base},${base}/**}`, WatchKind.Create | WatchKind.Delete);
    for (const bib of bibliographyPaths(settings.sources)) add(bib, WatchKind.Create | WatchKind.Change | WatchKind.Delete);
    for (const glob of [...settings.bibliographies, ...drafts]) add(glob, WatchKind.Create | WatchKind.Change | WatchKind.Delete);
    const old = this.registration;
    this.registration = await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    old?.dispose();
  }

  /** Reported changes: sources are queued, folders looked into, a bibliography change rebuilds. */
  changed(events: readonly FileEvent[]): void {
    const workspace = this.workspace();
    const bibliographies = new Set(bibliographyPaths(this.settings().sources));
    let rebuild = false;
    for (const e of events) {
      const path = this.host.pathOf(e.uri);
      if (path === undefined) continue;
      if (isBibliography(path)) {
        if (bibliographies.has(path)) rebuild = true;
      } else if (workspace.readsBibliography(path) || (e.type === FileChangeType.Created && this.drafts.matchesBibliographyGlobs(e.uri))) rebuild = true; else if (this.drafts.matchesSourceGlobs(e.uri) || workspace.knows(path)) workspace.queue(path);
      else if (e.type === FileChangeType.Created) void workspace.folderCreated(path);
      else if (e.type === FileChangeType.Deleted) workspace.folderDeleted(path);
    }
    if (rebuild) void workspace.rebuild();
  }

  dispose(): void {
    this.registration?.dispose();
  }
}
