/**
 * Grounded's own requests and notifications on top of LSP, shared by the server and the VS Code
 * client (types only, and method names: no engine code, so the client's bundle stays small).
 * Any LSP client can use the standard features without them; these add what VS Code's own UI
 * shows (status bar, Insert Quote picker, Open Source, report) and what the tests look at.
 */
import type { IndexState, Problem } from '../core';

/**
 * Settings (keys of the `grounded` section) that a workspace may not set: the client sends the
 * writer's own user value for them, and none in Restricted Mode (src/extension/userSettings.ts).
 */
export const USER_ONLY_SETTINGS: readonly string[] = ['verifier.endpoint', 'verifier.model'];

/** What the client passes in `initializationOptions` (every field optional). */
export interface InitOptions {
  /** A folder where the index is saved between sessions (warm start); none: no saving. */
  storagePath?: string;
  /** The client reads files of non-`file:` workspaces for the server (`grounded/readFile` & co.). */
  clientFileSystem?: boolean;
  /** The client tells the server which documents are in view (`grounded/visibleDocuments`). */
  visibility?: boolean;
  /** The client shows the report when sent `grounded/showReport`. */
  showReport?: boolean;
  /**
   * The client shows a PDF, Word file or saved web page as the text Grounded read from it, at
   * `<scheme>:/<file name>.txt?<source id>` (served by `grounded/sourceText`): evidence in such a
   * source is linked there rather than to the file itself.
   */
  extractedTextScheme?: string;
}

/** Server → client: the index changed (state, problems, and the status bar's text and tooltip). */
export const STATUS_CHANGED = 'grounded/statusChanged';
export interface StatusParams {
  state: IndexState;
  problems: Problem[];
  text: string;
  tooltip: string;
}

/** Client → server: the current status (same shape as the notification). */
export const STATUS = 'grounded/status';

/** Client → server: resolves once the index is built (`settled`: and every reported file change read). */
export const READY = 'grounded/ready';
export interface ReadyParams {
  settled?: boolean;
}

/** Server → client: a draft was checked and its diagnostics published. */
export const DID_CHECK = 'grounded/didCheck';
export interface CheckEventParams {
  uri: string;
  version: number;
  /** The corpus generation it was checked against. */
  generation: number;
  findings: number;
  /** Milliseconds the core took. */
  ms: number;
}

/** Client → server: passages for the Insert Quote picker. */
export const SEARCH_PASSAGES = 'grounded/searchPassages';
export interface SearchParams {
  query: string;
  limit?: number;
}
export interface PassageItem {
  /** The wording to insert, verbatim. */
  text: string;
  sourceId: string;
  start: number;
  end: number;
  /** 1-based page of a paged source (a PDF): the citation then names it. */
  page?: number;
  /** Plain text for the picker: wording, where it stands, the source's title. */
  label: string;
  description: string;
  detail?: string;
}

/** Client → server: a stretch of a source's text, by offsets. */
export const SOURCE_TEXT = 'grounded/sourceText';
export interface SourceTextParams {
  source: string;
  start: number;
  end: number;
}

/** Client → server: where a source (and a stretch of it) is, for Open Source. */
export const SOURCE_LOCATION = 'grounded/sourceLocation';
export interface SourceLocationParams {
  source: string;
  start?: number;
  end?: number;
}
export interface SourceLocation {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Client → server: the indexed sources (with their text and passages when `full`). */
export const SOURCES = 'grounded/sources';
export interface SourcesParams {
  full?: boolean;
}
export interface SourceSummary {
  id: string;
  path: string;
  shortName: string;
  title?: string;
  outlet?: string;
  date?: string;
  passageCount: number;
  text?: string;
  passages?: Array<{ start: number; end: number; line: number }>;
}

/** Client → server: whether a document is a draft, a source or neither. */
export const DOCUMENT_KIND = 'grounded/documentKind';
export type DocumentKind = 'draft' | 'source' | 'other';

/** Client → server: the report (index, files not used, checked drafts) as text. */
export const REPORT = 'grounded/report';

/** Server → client: show the report (a notification's button asked for it). */
export const SHOW_REPORT = 'grounded/showReport';

/** Client → server: the documents now in view (the others are brought up to date when shown). */
export const VISIBLE_DOCUMENTS = 'grounded/visibleDocuments';
export interface VisibleParams {
  uris: string[];
}

/** Client → server: the server process' memory (`process.memoryUsage()`), for the benchmarks. */
export const MEMORY = 'grounded/memory';

/** Client → server: save the index for the next session now. */
export const SAVE_INDEX = 'grounded/saveIndex';

/** Client → server: what the next session would start with (a private index from the saved one). */
export const PROBE_SAVED_INDEX = 'grounded/probeSavedIndex';
export interface ProbeParams {
  /** Settings to override for the probe (e.g. `{ maxFileBytes: 1 }`). */
  settings?: Record<string, unknown>;
}
export interface ProbeResult {
  restored: boolean;
  sources: Array<{ path: string; text: string }>;
  problems: Problem[];
  log: string[];
}

/** Server → client, for workspaces the server cannot read itself (not `file:`). */
export const FIND_FILES = 'grounded/findFiles';
export interface FindFilesParams {
  /** The workspace folder's URI. */
  base: string;
  glob: string;
  exclude?: string;
}
export const READ_FILE = 'grounded/readFile';
export const STAT_FILE = 'grounded/stat';
export interface FileParams {
  uri: string;
}
/** `readFile` answers with base64; `stat` with size, mtime and type (1 file, 2 directory), or null. */
export interface StatResult {
  size: number;
  mtime: number;
  type: number;
}

/** Commands the server runs (`workspace/executeCommand`); the client adds the UI around them. */
export const SERVER_COMMANDS = {
  checkDocument: 'grounded.checkDocument',
  checkWorkspace: 'grounded.checkWorkspace',
  rebuildIndex: 'grounded.rebuildIndex',
  applyFix: 'grounded.applyFix',
} as const;

/** Argument of `grounded.applyFix`: plain data, carrying the draft version it was computed for. */
export interface FixArgs {
  uri: string;
  version: number;
  title: string;
  edits: Array<{ range: SourceLocation['range']; newText: string }>;
}

/** What `grounded.checkWorkspace` returns. */
export interface CheckWorkspaceResult {
  drafts: number;
  findings: number;
  summary: string;
}
