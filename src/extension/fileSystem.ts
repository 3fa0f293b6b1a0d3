/**
 * The server's window on workspaces it cannot read itself (remote, virtual: not `file:`): file
 * search with `workspace.findFiles` and reads with `workspace.fs`, answered over the connection.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FIND_FILES, READ_FILE, STAT_FILE, type FileParams, type FindFilesParams, type StatResult } from '../server/protocol';

export function serveFileSystem(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(FIND_FILES, async (p: FindFilesParams) => {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.parse(p.base), p.glob), p.exclude);
      return found.map((u) => u.toString());
    }),
    client.onRequest(READ_FILE, async (p: FileParams) => Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.parse(p.uri))).toString('base64')),
    client.onRequest(STAT_FILE, async (p: FileParams): Promise<StatResult | null> => {
      try {
        const s = await vscode.workspace.fs.stat(vscode.Uri.parse(p.uri));
        return { size: s.size, mtime: s.mtime, type: s.type & vscode.FileType.File ? 1 : s.type & vscode.FileType.Directory ? 2 : 0 };
      } catch {
        return null;
      }
    }),
  ];
}
