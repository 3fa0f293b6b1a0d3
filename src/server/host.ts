/**
 * The core's `Host` for the language server: the workspace folders the client named, read from
 * disk for `file:` folders (Node's file system and tinyglobby, as the CLI does) and through the
 * client for any other scheme (remote, virtual: `grounded/findFiles`, `grounded/readFile` and
 * `grounded/stat`, which the VS Code client answers with `workspace.findFiles` and
 * `workspace.fs`). Paths are workspace-relative and `/`-separated, as the core expects; with
 * several folders they start with the folder's name.
 */
import { statSync } from 'node:fs';
import { URI, Utils } from 'vscode-uri';
import { type ExtractLimits, type Extraction, type Host, type Stamp } from '../core';
import { NodeHost } from '../node/host';
import { ExtractPool } from '../node/extractPool';
import { FIND_FILES, READ_FILE, STAT_FILE, type FindFilesParams, type FileParams, type StatResult } from './protocol';

/** A workspace folder as the client named it. */
export interface Folder {
  uri: string;
  name: string;
}

/** A file's size and modification time (ms since 1970). */
export type { Stamp } from '../core';

/** How the server asks the client for files (a request and its answer). */
export type ClientRequest = <R>(method: string, params: unknown) => Promise<R>;

/** The URI of a document or folder as one string that compares equal however the client spelt it. */
export function normalUri(uri: string): string {
  return URI.parse(uri).toString();
}

interface HostFolder {
  uri: URI;
  /** The URI as a string, without a trailing slash. */
  key: string;
  name: string;
  /** For a `file:` folder: its files on disk. */
  disk?: NodeHost;
}

export class ServerHost implements Host {
  private folders: HostFolder[] = [];
  /** Per path: the stamp of the contents last read, and of the last stat. */
  private readonly stamps = new Map<string, Stamp>();
  private readonly statted = new Map<string, Stamp>();
  /** PDF, HTML and DOCX sources are read into text on a worker thread, off the server's own. */
  private readonly extractor = new ExtractPool();

  constructor(private readonly request: ClientRequest | undefined) {}

  extract(path: string, bytes: Uint8Array, limits: ExtractLimits): Promise<Extraction> {
    return this.extractor.extract(path, bytes, limits);
  }

  setFolders(folders: readonly Folder[]): void {
    this.folders = folders.map((f) => {
      const uri = URI.parse(f.uri);
      return { uri, key: uri.toString().replace(/\/$/, ''), name: f.name, ...(uri.scheme === 'file' ? { disk: new NodeHost(uri.fsPath) } : {}) };
    });
  }

  get folderUris(): string[] {
    return this.folders.map((f) => f.uri.toString());
  }

  get folderList(): Folder[] {
    return this.folders.map((f) => ({ uri: f.uri.toString(), name: f.name }));
  }

  /** The workspace-relative path of a URI, or undefined when it is in no folder. */
  pathOf(uri: string): string | undefined {
    const key = normalUri(uri);
    for (const f of this.folders) {
      if (!key.startsWith(f.key + '/')) continue;
      const rel = decodeURIComponent(key.slice(f.key.length + 1));
      return this.folders.length > 1 ? `${f.name}/${rel}` : rel;
    }
    return undefined;
  }

  /** The folder-relative path (without the folder's name) and its folder, for glob matching. */
  folderPathOf(uri: string): { folder: string; path: string } | undefined {
    const key = normalUri(uri);
    for (const f of this.folders) {
      if (key.startsWith(f.key + '/')) return { folder: f.uri.toString(), path: decodeURIComponent(key.slice(f.key.length + 1)) };
    }
    return undefined;
  }

  /** The URI of a workspace-relative path. */
  uriOf(path: string): string | undefined {
    const located = this.locate(path);
    return located ? Utils.joinPath(located.folder.uri, ...located.rel.split('/')).toString() : undefined;
  }

  private locate(path: string): { folder: HostFolder; rel: string } | undefined {
    if (this.folders.length === 1) return { folder: this.folders[0]!, rel: path };
    const [name, ...rest] = path.split('/');
    const folder = this.folders.find((f) => f.name === name);
    return folder ? { folder, rel: rest.join('/') } : undefined;
  }

  /** Drops what is remembered about a path (its file is gone). */
  forget(path: string): void {
    this.stamps.delete(path);
    this.statted.delete(path);
  }

  async findFiles(globs: readonly string[], ignore: readonly string[] = []): Promise<string[]> {
    const found = new Set<string>();
    const prefix = this.folders.length > 1;
    await Promise.all(
      this.folders.map(async (f) => {
        let paths: string[];
        if (f.disk) paths = await f.disk.findFiles(globs, ignore);
        else if (this.request) {
          // one search per glob: VS Code's globs do not nest braces, and ours have them
          const lists = await Promise.all(globs.map((glob) => this.request!<string[]>(FIND_FILES, { base: f.uri.toString(), glob, ...(ignore.length ? { exclude: `{${ignore.join(',')}}` } : {}) } satisfies FindFilesParams)));
          paths = lists.flat().map((u) => this.pathOf(u)).filter((p): p is string => p !== undefined).map((p) => (prefix ? p.slice(f.name.length + 1) : p));
        } else paths = [];
        for (const p of paths) found.add(prefix ? `${f.name}/${p}` : p);
      }),
    );
    return [...found].sort();
  }

  /**
   * Where a build that reads files itself finds a file on disk (its absolute path; see
   * `LoadOptions.buildReads`), or undefined for a file the client reads, or one not there or not
   * to be stat'ed (read the usual way, which tells why). Its size and modification time are taken
   * now, as the core stats a file just before {@link readFile}: they become its stamp once the
   * build has read it ({@link readElsewhere}).
   */
  location(path: string): string | undefined {
    const located = this.locate(path);
    if (!located?.folder.disk) return undefined;
    const file = located.folder.disk.location(located.rel);
    try {
      const s = statSync(file, { throwIfNoEntry: false });
      if (!s?.isFile()) return undefined;
      this.statted.set(path, [s.size, Math.floor(s.mtimeMs)]);
      return file;
    } catch {
      return undefined;
    }
  }

  /** A file the build read itself (given by {@link location}) is in the index: the stamp taken there goes with it. */
  readElsewhere(path: string): void {
    const statted = this.statted.get(path);
    if (statted) this.stamps.set(path, statted);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const located = this.locate(path);
    if (!located) throw new Error(`not in the workspace: ${path}`);
    const statted = this.statted.get(path);
    let bytes: Uint8Array;
    if (located.folder.disk) bytes = await located.folder.disk.readFile(located.rel);
    else if (this.request) bytes = Buffer.from(await this.request<string>(READ_FILE, { uri: this.uriOf(path)! } satisfies FileParams), 'base64');
    else throw new Error(`cannot read ${path}: the client reads no files for the server`);
    // the core stats a file just before reading it: that stamp goes with these bytes
    if (statted) this.stamps.set(path, statted);
    return bytes;
  }

  async size(path: string): Promise<number | undefined> {
    return (await this.stat(path))?.[0];
  }

  /** Size and modification time of a file now, or undefined when it is gone (or not a file). */
  async stat(path: string): Promise<Stamp | undefined> {
    const s = await this.statAny(path);
    if (!s || s.type !== 1) {
      this.statted.delete(path);
      return undefined;
    }
    const stamp: Stamp = [s.size, s.mtime];
    this.statted.set(path, stamp);
    return stamp;
  }

  /** Whether a path is a folder. */
  async isDirectory(path: string): Promise<boolean> {
    return (await this.statAny(path))?.type === 2;
  }

  private async statAny(path: string): Promise<StatResult | undefined> {
    const located = this.locate(path);
    if (!located) return undefined;
    if (located.folder.disk) {
      try {
        const s = statSync(Utils.joinPath(located.folder.uri, ...located.rel.split('/')).fsPath);
        return { size: s.size, mtime: Math.floor(s.mtimeMs), type: s.isFile() ? 1 : s.isDirectory() ? 2 : 0 };
      } catch {
        return undefined;
      }
    }
    if (!this.request) return undefined;
    return (await this.request<StatResult | null>(STAT_FILE, { uri: this.uriOf(path)! } satisfies FileParams).catch(() => null)) ?? undefined;
  }

  /** The size and modification time a file had when it was last read: what the index holds of it. */
  stampOf(path: string): Stamp | undefined {
    return this.stamps.get(path);
  }

  /** Stamps of files read in an earlier session, whose contents a restored index holds. */
  adoptStamps(stamps: Record<string, Stamp>): void {
    for (const [path, stamp] of Object.entries(stamps)) this.stamps.set(path, stamp);
  }
}
