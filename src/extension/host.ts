/**
 * The core's `Host` over VS Code's workspace API: files found with `workspace.findFiles` and read
 * with `workspace.fs`, so the extension works on remote and virtual file systems (no Node `fs`).
 * Paths are workspace-relative and `/`-separated, as the core expects; with several workspace
 * folders they start with the folder's name.
 */
import * as vscode from 'vscode';
import { type Host } from '../core';

export class WorkspaceHost implements Host {
  private readonly uris = new Map<string, vscode.Uri>();
  /** Per path: the stamp of the contents last read, and of the last stat. */
  private readonly stamps = new Map<string, Stamp>();
  private readonly statted = new Map<string, Stamp>();

  /** The workspace-relative path the core uses for a file. */
  pathOf(uri: vscode.Uri): string {
    const path = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1).replace(/\\/g, '/');
    this.uris.set(path, uri);
    return path;
  }

  /** The file behind a path given out by {@link pathOf} or {@link findFiles}. */
  uriOf(path: string): vscode.Uri | undefined {
    const known = this.uris.get(path);
    if (known) return known;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) return vscode.Uri.joinPath(folders[0]!.uri, path);
    const [name, ...rest] = path.split('/');
    const folder = folders.find((f) => f.name === name);
    return folder ? vscode.Uri.joinPath(folder.uri, ...rest) : undefined;
  }

  /** Drops what is remembered about a path (its file is gone). */
  forget(path: string): void {
    this.uris.delete(path);
    this.stamps.delete(path);
    this.statted.delete(path);
  }

  async findFiles(globs: readonly string[], ignore: readonly string[] = []): Promise<string[]> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const exclude = ignore.length ? `{${ignore.join(',')}}` : undefined;
    const found = new Set<string>();
    // one search per folder and glob: VS Code's globs do not nest braces, and ours have them
    await Promise.all(
      folders.flatMap((folder) =>
        globs.map(async (glob) => {
          for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), exclude)) found.add(this.pathOf(uri));
        }),
      ),
    );
    return [...found].sort();
  }

  async readFile(path: string): Promise<Uint8Array> {
    const uri = this.uriOf(path);
    if (!uri) throw new Error(`not in the workspace: ${path}`);
    const statted = this.statted.get(path);
    const bytes = await vscode.workspace.fs.readFile(uri);
    // the core stats a file just before reading it: that stamp goes with these bytes
    if (statted) this.stamps.set(path, statted);
    return bytes;
  }

  async size(path: string): Promise<number | undefined> {
    return (await this.stat(path))?.[0];
  }

  /** Size and modification time of a file now, or undefined when it is gone. */
  async stat(path: string): Promise<Stamp | undefined> {
    const uri = this.uriOf(path);
    if (!uri) return undefined;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File)) return undefined;
      const stamp: Stamp = [stat.size, stat.mtime];
      this.statted.set(path, stamp);
      return stamp;
    } catch {
      this.statted.delete(path);
      return undefined;
    }
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

/** A file's size and modification time (ms since 1970). */
export type Stamp = [size: number, mtime: number];
