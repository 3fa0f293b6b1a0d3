/**
 * A PDF, Word file or saved web page opened as a source shows the text Grounded read from it,
 * read-only (the `grounded-text:` scheme): lines and offsets are those of the passages, so
 * "Open source at p. 2, line 14" lands on the passage.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { SOURCE_TEXT, type SourceTextParams } from '../server/protocol';

export const EXTRACTED_SCHEME = 'grounded-text';

/** Whether a source file is shown as its extracted text rather than opened itself. */
export function isExtracted(uri: vscode.Uri): boolean {
  return /\.(pdf|docx|x?html?)$/i.test(uri.path);
}

/** The read-only text view of a source: `grounded-text:/<file name>.txt?<source id>`. */
export function extractedUri(file: vscode.Uri, source: string): vscode.Uri {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  return vscode.Uri.from({ scheme: EXTRACTED_SCHEME, path: `/${name}.txt`, query: source });
}

/** Serves the text views from the language server's corpus. */
export function registerExtractedText(client: BaseLanguageClient): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(EXTRACTED_SCHEME, {
    provideTextDocumentContent: async (uri) => (await client.sendRequest<string | null>(SOURCE_TEXT, { source: uri.query, start: 0, end: Number.MAX_SAFE_INTEGER } satisfies SourceTextParams)) ?? '',
  });
}
