/**
 * The check of one document version, shared by diagnostics, hover and code actions: the core's
 * `check` result is cached per document and reused while the document's version, the corpus'
 * generation and the settings are unchanged.
 */
import * as vscode from 'vscode';
import { check, type CheckResult, type Settings } from '../core';
import type { WorkspaceCorpus } from './workspaceCorpus';

export interface CheckedDocument {
  uri: vscode.Uri;
  version: number;
  generation: number;
  settingsKey: string;
  result: CheckResult;
  /** Milliseconds the core took. */
  ms: number;
}

export class DocumentChecker {
  private readonly cache = new Map<string, CheckedDocument>();

  constructor(
    private readonly workspace: WorkspaceCorpus,
    private readonly settings: () => Settings,
  ) {}

  /** The check of the document as it is now (from the cache when still valid). */
  resultFor(doc: Pick<vscode.TextDocument, 'uri' | 'version' | 'getText'>): CheckedDocument {
    const key = doc.uri.toString();
    const corpus = this.workspace.corpus;
    const settings = this.settings();
    const settingsKey = JSON.stringify(settings.severity);
    const hit = this.cache.get(key);
    if (hit && hit.version === doc.version && hit.generation === corpus.generation && hit.settingsKey === settingsKey) return hit;
    const t0 = performance.now();
    const result = check(doc.getText(), corpus, { severity: settings.severity });
    const entry: CheckedDocument = { uri: doc.uri, version: doc.version, generation: corpus.generation, settingsKey, result, ms: performance.now() - t0 };
    this.cache.set(key, entry);
    return entry;
  }

  /** Checks text that is not an open document (not cached: it has no version). */
  checkText(uri: vscode.Uri, text: string): CheckedDocument {
    const corpus = this.workspace.corpus;
    const settings = this.settings();
    const t0 = performance.now();
    const result = check(text, corpus, { severity: settings.severity });
    return { uri, version: -1, generation: corpus.generation, settingsKey: JSON.stringify(settings.severity), result, ms: performance.now() - t0 };
  }

  /** The last check of a document, whatever its version. */
  last(uri: vscode.Uri): CheckedDocument | undefined {
    return this.cache.get(uri.toString());
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  clear(): void {
    this.cache.clear();
  }
}
