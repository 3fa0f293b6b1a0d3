/**
 * The host: how the core reaches files. Node implements it for the CLI and the tests; the
 * extension implements it with `workspace.findFiles` and `workspace.fs`.
 */
import { Corpus, type BulkOptions, type CorpusOptions } from './corpus';
import type { SourceFile, UnreadFile } from './prepared';
import { decodeText, DEFAULT_MAX_FILE_BYTES, formatBytes } from '../sources/sources';
import { parseBibliographyFile } from '../sources/bibliography';
import { extractSource, extractedText, formatOf, type ExtractLimits, type Extraction } from '../sources/extract';
import type { Problem, SourceMeta } from '../model/types';

export interface Host {
  /** Files matching any of the globs (paths relative to the workspace root, `/`-separated), sorted. */
  findFiles(globs: readonly string[], ignore?: readonly string[]): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
  /** Size in bytes, or undefined when the file is gone. */
  size(path: string): Promise<number | undefined>;
  /**
   * The file read as UTF-8 text, invalid bytes as U+FFFD (Node's `readFileSync(path, 'utf8')`).
   * Optional: where the host has it, a plain text file is read this way, without a buffer of its
   * bytes (which stays in memory until the next collection); see `readText`.
   */
  readUtf8?(path: string): Promise<string>;
  /** Size and modification time (ms), or undefined when the file is gone; where the host can tell (for caches). */
  stat?(path: string): Promise<[size: number, mtime: number] | undefined>;
  /**
   * Reads a PDF, HTML or DOCX file's bytes into text (`extractSource`). Optional: a host that can
   * (Node's) runs it off its main thread; without it the core extracts in place.
   */
  extract?(path: string, bytes: Uint8Array, limits: ExtractLimits): Promise<Extraction>;
  /**
   * Where a build that reads files itself finds this one (Node's: its absolute path), or
   * undefined. Optional; see `LoadOptions.buildReads`.
   */
  location?(path: string): string | undefined;
}

/** Default settings: where sources and drafts are. */
export const DEFAULT_SOURCE_GLOBS = ['seeds/**/*.{txt,md,pdf,html,htm,docx}', 'sources/**/*.{txt,md,pdf,html,htm,docx}'];
export const DEFAULT_DRAFT_GLOBS = ['**/*.{md,qmd,Rmd}'];
export const DEFAULT_IGNORE = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/out/**', '**/.vscode-test/**'];

/** The folder part of a glob before its first wildcard: `seeds/**\/*.txt` → `seeds`. */
export function globBase(glob: string): string {
  const parts = glob.split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (/[*?[\]{}!]/.test(p)) break;
    out.push(p);
  }
  return out.join('/');
}

export interface LoadOptions extends CorpusOptions {
  maxFileBytes?: number;
  /** Bibliography files to read before the sources (`bibliography:` of drafts). */
  bibliographies?: readonly string[];
  /** Called after each file, for progress: files done of `total`, and (when known) the text read so far and how many files came from a cache. */
  onProgress?: (done: number, total: number, more?: { bytes: number; cached: number }) => void;
  /** Called when a file has been read: the length of its text (UTF-16 code units), or undefined and the problem that kept it out. */
  onRead?: (path: string, chars: number | undefined, problem: Problem | undefined) => void;
  /**
   * How many files to read ahead while the current one is indexed (default 1: one at a time).
   * Worth raising when each read is a round trip (VS Code's `workspace.fs`); files are still
   * indexed in path order, so ids and problems do not depend on which read finished first.
   */
  readAhead?: number;
  /**
   * How the files are indexed: by default `corpus.addSources` (on this thread, in slices). Node
   * callers pass `addSourcesAuto` (src/node/indexWorkers.ts) to prepare many on worker threads.
   */
  build?: (corpus: Corpus, files: AsyncIterable<SourceFile | UnreadFile>, options: BuildOptions) => Promise<void>;
  /**
   * `build` reads plain text files itself: those the host gives a location for (`Host.location`)
   * are handed to it unread (`UnreadFile`), to be read where they are prepared, and it tells of
   * each through `BuildOptions.onFileRead`. `addSourcesAuto` can (on its worker threads, so that
   * the text never passes through this thread); the default build cannot.
   */
  buildReads?: boolean;
}

/** What `loadCorpus` asks of `LoadOptions.build`. */
export interface BuildOptions extends BulkOptions {
  /**
   * Called for each `UnreadFile`, in order, before its source is added: what `readPlainText`
   * gave (the length of the text, or undefined and the problem that kept it out; a note about
   * the encoding beside a text).
   */
  onFileRead?: (path: string, chars: number | undefined, problem: Problem | undefined) => void;
}

export interface LoadResult {
  corpus: Corpus;
  problems: Problem[];
  /** Source files found by the globs (whether or not they could be read). */
  found: number;
}

/**
 * Reads a source or draft through the host as text, or says why not (`gone`: there is no such
 * file). PDF, HTML and DOCX files are extracted (see `extractedText`); a file that cannot be is
 * skipped with the reason (encrypted, corrupt, scanned, not a zip, no article…).
 */
export async function readText(host: Host, path: string, maxBytes = DEFAULT_MAX_FILE_BYTES, limits: ExtractLimits = {}): Promise<{ text?: string; problem?: Problem; gone?: true }> {
  try {
    const size = await host.size(path);
    if (size === undefined) return { problem: notFound(path), gone: true };
    if (size > maxBytes) return { problem: tooLarge(path, size, maxBytes) };
    if (host.readUtf8 && !formatOf(path)) {
      // the text decodeText would give, when it is valid UTF-8 (no U+FFFD) without NUL bytes and
      // surely within the limit (3 bytes at most a code unit); anything else (UTF-16, binary,
      // another encoding, a U+FFFD of its own, a file grown since its size was taken) is read as bytes
      const text = await host.readUtf8(path);
      if (text.length * 3 <= maxBytes && text.indexOf('\uFFFD') < 0 && text.indexOf('\0') < 0) return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
    }
    const bytes = await host.readFile(path);
    if (formatOf(path)) {
      const extracted = await (host.extract ? host.extract(path, bytes, limits) : extractSource(path, bytes, limits));
      if (!extracted.ok) return { problem: { path, message: `skipped: ${extracted.reason}`, kind: 'skipped' } };
      const text = extractedText(path, extracted);
      return extracted.notes.length ? { text, problem: { path, message: extracted.notes.join('; '), kind: 'partial' } } : { text };
    }
    return plainText(path, bytes, maxBytes);
  } catch (e) {
    return readFailure(path, e);
  }
}

/**
 * A plain text file's bytes as {@link readText} gives them (see `decodeText`): its text, or the
 * problem that keeps it out; a note about its encoding beside a text.
 */
export function plainText(path: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): { text?: string; problem?: Problem } {
  const decoded = decodeText(bytes, maxBytes);
  if (!decoded.ok) return { problem: { path, message: `skipped: ${decoded.reason}`, kind: 'skipped' } };
  return decoded.note ? { text: decoded.text, problem: { path, message: decoded.note, kind: 'info' } } : { text: decoded.text };
}

/** The problem of a file that is not there (or not a file). */
export function notFound(path: string): Problem {
  return { path, message: 'file not found', kind: 'skipped' };
}

/** The problem of a file over the size limit, which is not read. */
export function tooLarge(path: string, size: number, maxBytes: number): Problem {
  return { path, message: `skipped: too large (${formatBytes(size)}; the limit is ${formatBytes(maxBytes)})`, kind: 'skipped' };
}

/** Why a read failed, as {@link readText} tells it (`gone`: the file is not there any more). */
export function readFailure(path: string, e: unknown): { problem: Problem; gone?: true } {
  // deleted (or its folder replaced) between the size and the read: gone, like a file not found
  if (vanished(e)) return { problem: notFound(path), gone: true };
  return { problem: { path, message: `skipped: cannot read (${(e as Error).message ?? e})`, kind: 'skipped' } };
}

/** Whether a read failed because the file is not there (any more): ENOENT or ENOTDIR, by code or, passed on by a client, by message. */
function vanished(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'FileNotFound') return true;
  return /^(ENOENT|ENOTDIR)\b/.test(String((e as Error | undefined)?.message ?? ''));
}

/** The bibliography beside each source glob's folder: `<folder>/sources.yaml`. */
export function bibliographyPaths(sourceGlobs: readonly string[]): string[] {
  return [...new Set(sourceGlobs.map((g) => [globBase(g), 'sources.yaml'].filter(Boolean).join('/')))];
}

/** Whether a path is a folder's README (`README.md`, `README.txt`), which says what the sources are and is never one. */
export function isReadme(path: string): boolean {
  return /(^|\/)README(\.(md|txt))?$/i.test(path);
}

/** Whether a path is a bibliography (`sources.yaml`/`sources.yml`), which is never a source. */
export function isBibliography(path: string): boolean {
  return /(^|\/)sources\.ya?ml$/.test(path);
}

/**
 * Reads bibliographies (BibTeX, CSL JSON, CSL YAML): the given ones plus `sources.yaml` beside
 * each source glob. An entry of an earlier one wins over the same key in a later one.
 */
export async function loadBibliographies(host: Host, sourceGlobs: readonly string[], extra: readonly string[] = []): Promise<{ entries: Map<string, SourceMeta>; problems: Problem[] }> {
  const entries = new Map<string, SourceMeta>();
  const problems: Problem[] = [];
  const candidates = [...new Set([...extra, ...bibliographyPaths(sourceGlobs)])];
  for (const path of candidates) {
    if ((await host.size(path).catch(() => undefined)) === undefined) {
      if (extra.includes(path)) problems.push({ path, message: 'bibliography not found', kind: 'skipped' });
      continue;
    }
    const { text, problem } = await readText(host, path);
    if (problem) problems.push(problem);
    if (text === undefined) continue;
    const bib = await parseBibliographyFile(path, text);
    for (const message of bib.problems) problems.push({ path, message, kind: 'partial' });
    for (const [id, meta] of bib.entries) if (!entries.has(id)) entries.set(id, meta);
  }
  return { entries, problems };
}

/** Finds, reads and indexes every source. Unreadable files are reported and skipped. */
export async function loadCorpus(host: Host, sourceGlobs: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const corpus = new Corpus(options);
  const bib = await loadBibliographies(host, sourceGlobs, options.bibliographies);
  corpus.bibliography = bib.entries;
  const paths = (await host.findFiles(sourceGlobs, DEFAULT_IGNORE)).filter((p) => !isBibliography(p) && !isReadme(p));
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // plain text files left for the build to read, where it can
  const locate = options.build && options.buildReads && host.location ? host.location.bind(host) : undefined;
  const read = async (path: string): Promise<{ path: string; text?: string; problem?: Problem; location?: string }> => {
    const location = locate && !formatOf(path) ? locate(path) : undefined;
    return location === undefined ? { path, ...(await readText(host, path, maxBytes)) } : { path, location };
  };
  // notes about files that were read (their encoding) are reported once the files are in
  const notes: Problem[] = [];
  let skipped = 0;
  let indexed = 0;
  let bytes = 0;
  /** What reading a file gave, here or in the build: whether it goes into the corpus. */
  const settle = (path: string, chars: number | undefined, problem: Problem | undefined): boolean => {
    options.onRead?.(path, chars, problem);
    if (chars === undefined) {
      if (problem) corpus.reportProblem(problem);
      options.onProgress?.(indexed + ++skipped, paths.length, { bytes, cached: 0 });
      return false;
    }
    if (problem) notes.push(problem);
    bytes += chars;
    return true;
  };
  async function* texts(): AsyncGenerator<SourceFile | UnreadFile> {
    for await (const { path, text, problem, location } of inOrder(paths, options.readAhead ?? 1, read)) {
      if (location !== undefined) yield { path, location, maxBytes };
      else if (settle(path, text?.length, problem)) yield { path, text: text! };
    }
  }
  // in bulk: the index is built once, at the end, and the work is cut in slices
  const build = options.build ?? ((c, files, o) => c.addSources(files as AsyncIterable<SourceFile>, o));
  await build(corpus, texts(), {
    onProgress: (n) => {
      indexed = n;
      options.onProgress?.(indexed + skipped, paths.length, { bytes, cached: 0 });
    },
    onFileRead: settle,
  });
  for (const note of notes) corpus.reportProblem(note);
  return { corpus, problems: [...bib.problems, ...sortedByPath(corpus.problems)], found: paths.length };
}

/** Problems in the order of their paths (stable within a path): the same whichever file was read first. */
export function sortedByPath(problems: readonly Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.path < b.p.path ? -1 : a.p.path > b.p.path ? 1 : a.i - b.i))
    .map(({ p }) => p);
}


/**
 * Runs `fn` over `items` with up to `ahead` calls in flight, yielding the results in the order of
 * `items` (so at most `ahead` results are held at once). `fn` should not reject.
 *
 * @example for await (const r of inOrder(paths, 16, (p) => readText(host, p))) use(r);
 */
export async function* inOrder<T, R>(items: readonly T[], ahead: number, fn: (item: T) => Promise<R>): AsyncGenerator<R> {
  const window = Math.max(1, Math.floor(ahead));
  const pending: Array<Promise<R>> = [];
  let next = 0;
  const start = () => pending.push(fn(items[next++]!));
  while (next < items.length && pending.length < window) start();
  while (pending.length) {
    const r = await pending.shift()!;
    if (next < items.length) start();
    yield r;
  }
}
