/**
 * The core's `Host` over VS Code's workspace API: files found with `workspace.findFiles` and read
 * with `workspace.fs`, so the extension works on remote and virtual file systems (no Node `fs`).
 * Paths are workspace-relative and `/`-separated, as the core expects; with several workspace
 * folders they start with the folder's name.
 */
import * as vscode from 'vscode';
import type { Host } from '../core/host';

export class WorkspaceHost implements Host {
  private readonly uris = new Map<string, vscode.Uri>();

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
    return vscode.workspace.fs.readFile(uri);
  }

  async size(path: string): Promise<number | undefined> {
    const uri = this.uriOf(path);
    if (!uri) return undefined;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      return stat.type & vscode.FileType.File ? stat.size : undefined;
    } catch {
      return undefined;
    }
  }
}
