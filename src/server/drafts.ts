/**
 * The open drafts: which documents are drafts (Markdown matching `grounded.drafts` that is not a
 * source), and the check of each draft version, shared by diagnostics, hover and code actions.
 * The Markdown of a version is parsed once, for the check and for completion; a check is reused
 * while the document's version, the corpus generation and the severities are unchanged, and after
 * an edit only the claims it changed are checked again.
 */
import picomatch from 'picomatch';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { check, parseDraft, type CheckResult, type Draft, type Settings } from '../core';
import type { ServerHost } from './host';
import type { DocumentKind } from './protocol';
import type { WorkspaceCorpus } from './workspace';

/** The languages a draft is written in: Markdown, Quarto and R Markdown (Pandoc citations in all three). */
export const DRAFT_LANGUAGES = ['markdown', 'quarto', 'rmd'];

export interface CheckedDocument {
  uri: string;
  version: number;
  generation: number;
  result: CheckResult;
  /** Milliseconds the core took. */
  ms: number;
}

/** A compiled glob list, remembered for the settings it was made from. */
class Globs {
  private key = '';
  private match: (path: string) => boolean = () => false;

  constructor(private readonly dot: boolean) {}

  test(globs: readonly string[], path: string): boolean {
    const key = globs.join('\u0000');
    if (key !== this.key) {
      this.key = key;
      this.match = picomatch([...globs], { dot: this.dot });
    }
    return this.match(path);
  }
}

export class Drafts {
  private readonly parsed = new Map<string, { version: number; draft: Draft }>();
  private readonly checked = new Map<string, CheckedDocument & { severityKey: string }>();
  private readonly sourceGlobs = new Globs(false);
  private readonly draftGlobs = new Globs(true);
  private readonly bibliographyGlobs = new Globs(true);

  constructor(
    private readonly workspace: () => WorkspaceCorpus,
    private readonly host: ServerHost,
    private readonly settings: () => Settings,
  ) {}

  /** Whether a file matches the source globs (whether or not it is indexed yet), or is indexed. */
  isSourceFile(uri: string): boolean {
    const rel = this.host.folderPathOf(uri);
    if (!rel) return false;
    const path = this.host.pathOf(uri)!;
    if (this.workspace().corpus.sourceAtPath(path)) return true;
    return this.sourceGlobs.test(this.settings().sources, rel.path);
  }

  /** Whether a path (workspace-relative) matches the source globs. */
  matchesSourceGlobs(uri: string): boolean {
    const rel = this.host.folderPathOf(uri);
    return !!rel && this.sourceGlobs.test(this.settings().sources, rel.path);
  }

  /** Whether a path (workspace-relative) matches `grounded.bibliographies`. */
  matchesBibliographyGlobs(uri: string): boolean {
    const rel = this.host.folderPathOf(uri);
    return !!rel && this.bibliographyGlobs.test(this.settings().bibliographies, rel.path);
  }

  /** A Markdown, Quarto or R Markdown document that matches `grounded.drafts` and is not a source. */
  isDraft(doc: { uri: string; languageId: string }): boolean {
    if (!DRAFT_LANGUAGES.includes(doc.languageId)) return false;
    const uri = URI.parse(doc.uri);
    if (uri.scheme === 'untitled') return true;
    if (uri.scheme === 'output' || uri.scheme === 'git' || uri.scheme === 'vscode-notebook-cell') return false;
    if (this.isSourceFile(doc.uri)) return false;
    const rel = this.host.folderPathOf(doc.uri);
    return this.draftGlobs.test(this.settings().drafts, rel ? rel.path : uri.path.replace(/^\//, ''));
  }

  kind(doc: { uri: string; languageId: string }): DocumentKind {
    if (this.isSourceFile(doc.uri)) return 'source';
    return this.isDraft(doc) ? 'draft' : 'other';
  }

  /** The document's Markdown, parsed once per version. */
  draftOf(doc: TextDocument): Draft {
    const hit = this.parsed.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.draft;
    const draft = parseDraft(doc.getText());
    this.parsed.set(doc.uri, { version: doc.version, draft });
    return draft;
  }

  /** The check of the document as it is now (from the cache when still valid). */
  resultFor(doc: TextDocument): CheckedDocument {
    const corpus = this.workspace().corpus;
    const severity = this.settings().severity;
    const severityKey = JSON.stringify(severity);
    const hit = this.checked.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === corpus.generation && hit.severityKey === severityKey) return hit;
    const draft = this.draftOf(doc);
    const t0 = performance.now();
    // after an edit, the claims it left as they were keep their verdicts (same corpus, same options)
    const earlier = hit && hit.generation === corpus.generation && hit.severityKey === severityKey ? hit.result : undefined;
    const result = check(draft, corpus, { severity, ...(earlier ? { earlier } : {}) });
    const entry = { uri: doc.uri, version: doc.version, generation: corpus.generation, severityKey, result, ms: performance.now() - t0 };
    this.checked.set(doc.uri, entry);
    return entry;
  }

  /** Checks text that is not an open document (not cached: it has no version). */
  checkText(uri: string, text: string): CheckedDocument {
    const corpus = this.workspace().corpus;
    const t0 = performance.now();
    const result = check(text, corpus, { severity: this.settings().severity });
    return { uri, version: -1, generation: corpus.generation, result, ms: performance.now() - t0 };
  }

  forget(uri: string): void {
    this.parsed.delete(uri);
    this.checked.delete(uri);
  }

  /** Drops every cached check (the settings changed); parses stay, they depend on the text alone. */
  clear(): void {
    this.checked.clear();
  }
}
