/**
 * A prepared corpus saved between runs, and brought up to date from the files on disk: what the
 * CLI's `--cache` and an editor's warm start share.
 *
 * What is saved: the corpus snapshot (`Corpus.toSnapshot`) and, for every file that was found, its
 * stamp (size and modification time when it was read) and what reading it gave. The next load
 * compares the stamps with the disk: when nothing changed, the snapshot is the corpus; otherwise
 * the corpus is put together again in path order, from the snapshot for the files that did not
 * change and from the disk for the others, so that it is the corpus a build from scratch gives
 * (same passage keys, term ids and problems: the same verdicts).
 *
 *   "GRNDCACH" | u32 format | u32 description bytes | description JSON | padding | snapshot
 */
import { Corpus, DEFAULT_MAX_CORPUS_BYTES } from './corpus';
import { spliceSnapshot } from './splice';
import { DEFAULT_IGNORE, isBibliography, isReadme, loadBibliographies, loadCorpus, readText, sortedByPath, type Host, type LoadOptions, type LoadResult } from './host';
import type { SourceFile } from './prepared';
import { prepareSources } from './prepared';
import { SNAPSHOT_FORMAT, termsFingerprint } from './snapshot';
import type { Problem } from '../model/types';
import type { CorpusChanges, CorpusFact } from './reads';

/** Size in bytes and modification time (ms) of a file, as a host reports them. */
export type Stamp = [size: number, mtime: number];

/** Whether two stamps describe the same file contents (as far as stamps can tell). */
export function sameStamp(a: Stamp | undefined | null, b: Stamp | undefined | null): boolean {
  return !!a && !!b && a[0] === b[0] && a[1] === b[1];
}

/**
 * Paths whose stamps differ between what was saved and what is on disk now: changed, added or
 * gone (`now` undefined for a path that is gone).
 */
export function staleFiles(saved: Readonly<Record<string, Stamp>>, now: ReadonlyMap<string, Stamp | undefined>): string[] {
  const out: string[] = Object.keys(saved).filter((p) => !now.has(p));
  for (const [path, stamp] of now) if (!sameStamp(stamp, saved[path])) out.push(path);
  return out;
}

/** One file of a saved corpus: its stamp when it was read, and what reading it gave. */
export interface SavedFile {
  stamp: Stamp;
  /** Whether it was read as text (else it was skipped, with `problem`). */
  text: boolean;
  /** What reading it reported (an encoding note, or why it was skipped). */
  problem?: Problem;
}

export interface SavedCorpus {
  /** Settings, engine version, tokeniser and snapshot format, hashed: another key is another corpus. */
  key: string;
  /** This save's own name: what is kept beside it (remembered searches) names the save it belongs to. */
  id?: string;
  files: Record<string, SavedFile>;
}

const MAGIC = 'GRNDCACH';
/** At most this many edited files are spliced into the saved snapshot; more, and the corpus is put together again. */
const SPLICED_FILES = 8;
/** Bumped whenever the layout of a saved corpus changes. */
export const SAVED_CORPUS_FORMAT = 1;
const align8 = (n: number) => (n + 7) & ~7;

/** A 64-bit FNV-1a hash of a string, in hex. */
export function hashString(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x0100019d) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** The key of a saved corpus: the caller's settings and version, the tokeniser and the formats. */
export function savedCorpusKey(settings: unknown, version: string): string {
  return hashString(JSON.stringify([SAVED_CORPUS_FORMAT, SNAPSHOT_FORMAT, termsFingerprint(), version, settings]));
}

/** Packs a description and a snapshot into one buffer (written to a file in one go). */
export function encodeSavedCorpus(saved: SavedCorpus, snapshot: Uint8Array): Uint8Array {
  const [head, body] = encodeSavedCorpusParts(saved, snapshot) as [Uint8Array, Uint8Array];
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

/** {@link encodeSavedCorpus}'s bytes in two parts: the head (magic, format, description, padding) and the snapshot itself. */
export function encodeSavedCorpusParts(saved: SavedCorpus, snapshot: Uint8Array): Uint8Array[] {
  const description = new TextEncoder().encode(JSON.stringify(saved));
  const head = new Uint8Array(align8(16 + description.length));
  head.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(head.buffer);
  view.setUint32(8, SAVED_CORPUS_FORMAT, true);
  view.setUint32(12, description.length, true);
  head.set(description, 16);
  return [head, snapshot];
}

/** Unpacks {@link encodeSavedCorpus}'s buffer; throws when it is damaged or of another format. */
export function decodeSavedCorpus(bytes: Uint8Array): { saved: SavedCorpus; snapshot: Uint8Array } {
  if (bytes.length < 16 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error('not a Grounded cache');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint32(8, true);
  if (format !== SAVED_CORPUS_FORMAT) throw new Error(`cache format ${format}, expected ${SAVED_CORPUS_FORMAT}`);
  const length = view.getUint32(12, true);
  if (16 + length > bytes.length) throw new Error('the cache is truncated');
  const saved = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + length))) as SavedCorpus;
  if (typeof saved?.key !== 'string' || typeof saved.files !== 'object' || !saved.files) throw new Error('the cache has no description');
  return { saved, snapshot: bytes.subarray(align8(16 + length)) };
}

export interface CachedLoadOptions extends LoadOptions {
  /** What was saved last time ({@link encodeSavedCorpus}'s bytes), if anything. */
  saved?: Uint8Array;
  /** {@link savedCorpusKey} of the settings now. */
  key: string;
  /** How files are stamped: the host's `stat`. */
  stat: (path: string) => Promise<Stamp | undefined>;
  /** Stamps of many files at once, in the order of `paths`, where the host can do it faster than one `stat` at a time. */
  statAll?: (paths: readonly string[]) => Promise<Array<Stamp | undefined>>;
  /** Above this share of changed files the corpus is built from scratch (default 0.25). */
  rebuildShare?: number;
}

export interface CachedLoadResult extends LoadResult {
  /** Files taken from the saved corpus without reading them. */
  reused: number;
  /** Files whose new passages were spliced into the saved snapshot (the corpus was not put together again). */
  spliced?: number;
  /** Whether the saved corpus was used as it was (nothing changed: no need to save it again). */
  unchanged: boolean;
  /** The name of the save this corpus is (when unchanged) or will be (once saved). */
  id: string;
  /** Why the saved corpus could not be used (damaged, another version or settings), if it could not. */
  ignored?: string;
  /**
   * When the corpus was brought up to date from a save (some files changed): the name of that
   * save and how this corpus differs from it, for keeping what was worked out from it where the
   * changes cannot reach (see `unaffected`).
   */
  previous?: { id: string; changes: CorpusChanges };
  /** The corpus and the stamps, to save for the next run. */
  save(): Uint8Array;
  /** The same bytes as {@link save}, in parts to be written one after the other (no copy into one buffer). */
  saveParts(): Uint8Array[];
}

/**
 * {@link loadCorpus}, starting from what was saved last time: only files that changed, were added
 * or were removed are read. The result is the corpus (and the problems) that `loadCorpus` gives.
 */
export async function loadCorpusCached(host: Host, sourceGlobs: readonly string[], options: CachedLoadOptions): Promise<CachedLoadResult> {
  const bib = await loadBibliographies(host, sourceGlobs, options.bibliographies);
  // the bibliography's entries are part of the key: a source's metadata comes from them
  const key = hashString(options.key + JSON.stringify([...bib.entries]));
  const paths = (await host.findFiles(sourceGlobs, DEFAULT_IGNORE)).filter((p) => !isBibliography(p) && !isReadme(p));
  const stamps = new Map<string, Stamp | undefined>();
  if (options.statAll) {
    const all = await options.statAll(paths);
    paths.forEach((path, i) => stamps.set(path, all[i]));
  } else for (const path of paths) stamps.set(path, await options.stat(path));

  let old: Corpus | undefined;
  let saved: SavedCorpus | undefined;
  let oldSnapshot: Uint8Array | undefined;
  let ignored: string | undefined;
  if (options.saved) {
    try {
      const decoded = decodeSavedCorpus(options.saved);
      if (decoded.saved.key !== key) throw new Error('it was made by another version or with other settings');
      old = Corpus.fromSnapshot(decoded.snapshot, { ...options, key });
      saved = decoded.saved;
      oldSnapshot = decoded.snapshot;
    } catch (e) {
      ignored = (e as Error).message ?? String(e);
    }
  }
  const files: Record<string, SavedFile> = {};
  const newId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const finish = (corpus: Corpus, problems: Problem[], reused: number, unchanged = false, previous?: CachedLoadResult['previous']): CachedLoadResult => ({
    corpus,
    ...(previous ? { previous } : {}),
    id: unchanged ? (saved?.id ?? '') : newId,
    problems,
    found: paths.length,
    reused,
    unchanged,
    ...(ignored ? { ignored } : {}),
    save: () => encodeSavedCorpus({ key, id: newId, files }, corpus.toSnapshot(key)),
    saveParts: () => encodeSavedCorpusParts({ key, id: newId, files }, corpus.toSnapshot(key)),
  });

  const stale = saved ? paths.filter((p) => !sameStamp(stamps.get(p), saved.files[p]?.stamp)) : paths;
  const gone = saved ? Object.keys(saved.files).some((p) => !stamps.has(p)) : false;
  if (old && saved && !stale.length && !gone) {
    // nothing changed: the saved corpus is the corpus
    old.bibliography = bib.entries;
    Object.assign(files, saved.files);
    options.onProgress?.(paths.length, paths.length, { bytes: old.byteCount, cached: paths.length });
    return finish(old, [...bib.problems, ...sortedByPath(old.problems)], paths.length, true);
  }

  if (!old || !saved || stale.length > (options.rebuildShare ?? 0.25) * paths.length) {
    // too much changed: from scratch, noting what each file gave
    const result = await loadCorpus(host, sourceGlobs, { ...options, bibliographies: options.bibliographies, onRead: (path, chars, problem) => stampRead(files, stamps, path, chars !== undefined, problem) });
    return finish(result.corpus, result.problems, 0);
  }

  // a few files edited: their passages spliced into the saved snapshot, when that gives the snapshot of a build from scratch
  if (!gone && oldSnapshot && stale.length <= SPLICED_FILES && stale.every((p) => saved.files[p]?.text && old.idAtPath(p) !== undefined)) {
    let snapshot: Uint8Array | undefined = oldSnapshot;
    const read: Record<string, SavedFile> = {};
    let bytes = old.byteCount;
    for (const path of stale) {
      const { text, problem } = await readText(host, path, options.maxFileBytes);
      if (text === undefined || problem) snapshot = undefined;
      else {
        const batch = prepareSources([{ path, text }], bib.entries);
        bytes += batch.sources[0]!.bytes;
        snapshot = spliceSnapshot(snapshot!, path, batch);
        stampRead(read, stamps, path, true, problem);
      }
      if (!snapshot) break;
    }
    // (no source left out for the corpus' size, before or after)
    if (snapshot && bytes <= (options.maxBytes ?? DEFAULT_MAX_CORPUS_BYTES) && !old.problems.some((p) => /^skipped: the (sources reached|index ran out)/.test(p.message))) {
      const corpus = Corpus.fromSnapshot(snapshot, { ...options, key });
      corpus.bibliography = bib.entries;
      Object.assign(files, saved.files, read);
      options.onProgress?.(paths.length, paths.length, { bytes: corpus.byteCount, cached: paths.length - stale.length });
      const previous = saved.id ? { id: saved.id, changes: corpusChanges(old, corpus, stale) } : undefined;
      const done = finish(corpus, [...bib.problems, ...sortedByPath(corpus.problems)], paths.length - stale.length, false, previous);
      const whole = snapshot;
      return { ...done, spliced: stale.length, save: () => encodeSavedCorpus({ key, id: newId, files }, whole), saveParts: () => encodeSavedCorpusParts({ key, id: newId, files }, whole) };
    }
  }

  // some files changed: the corpus again, in path order, the unchanged files from the saved one
  const corpus = new Corpus(options);
  corpus.bibliography = bib.entries;
  const notes: Problem[] = [];
  let run: string[] = [];
  let fresh: SourceFile[] = [];
  let reused = 0;
  let done = 0;
  let bytes = 0;
  const flushRun = () => {
    if (run.length) corpus.addPrepared(old!.preparedOf(run));
    run = [];
  };
  const flushFresh = () => {
    if (fresh.length) corpus.addPrepared(prepareSources(fresh, corpus.bibliography));
    fresh = [];
  };
  for (const path of paths) {
    const was = saved.files[path];
    const unchanged = was && sameStamp(stamps.get(path), was.stamp);
    if (unchanged && was.text && old.sourceAtPath(path)) {
      flushFresh();
      run.push(path);
      files[path] = was;
      if (was.problem) notes.push(was.problem);
      reused++;
      bytes += was.stamp[0];
    } else if (unchanged && !was.text) {
      flushRun();
      flushFresh();
      files[path] = was;
      if (was.problem) corpus.reportProblem(was.problem);
      reused++;
    } else {
      flushRun();
      const { text, problem } = await readText(host, path, options.maxFileBytes);
      stampRead(files, stamps, path, text !== undefined, problem);
      if (text === undefined) {
        flushFresh();
        if (problem) corpus.reportProblem(problem);
      } else {
        if (problem) notes.push(problem);
        fresh.push({ path, text });
        bytes += text.length;
      }
    }
    options.onProgress?.(++done, paths.length, { bytes, cached: reused });
  }
  flushRun();
  flushFresh();
  await corpus.flush();
  for (const note of notes) corpus.reportProblem(note);
  const changed = [...stale, ...Object.keys(saved.files).filter((p) => !stamps.has(p))];
  const previous = saved.id ? { id: saved.id, changes: corpusChanges(old, corpus, changed) } : undefined;
  return finish(corpus, [...bib.problems, ...sortedByPath(corpus.problems)], reused, false, previous);
}

/**
 * How `now` differs from `before`, which it was brought up to date from by reading the files at
 * `changed` again (changed, added or removed; the bibliography the same).
 */
export function corpusChanges(before: Corpus, now: Corpus, changed: readonly string[]): CorpusChanges {
  const terms = new Set<string>();
  const sources = new Set<string>();
  for (const path of changed) {
    const was = before.idAtPath(path);
    const is = now.idAtPath(path);
    if (was !== undefined) sources.add(was);
    if (is !== undefined) sources.add(is);
    const a = was === undefined ? undefined : before.passageKeys(was);
    const b = is === undefined ? undefined : now.passageKeys(is);
    const count = Math.max(a?.count ?? 0, b?.count ?? 0);
    for (let i = 0; i < count; i++) {
      const x = a && i < a.count ? before.terms(a.first + i) : [];
      const y = b && i < b.count ? now.terms(b.first + i) : [];
      // the same terms at the same place: the same postings, the same scores
      if (x.length === y.length && x.every((t, j) => t === y[j])) continue;
      for (const t of x) terms.add(t);
      for (const t of y) terms.add(t);
    }
  }
  // a source whose id moved (another took its id, or gave it back) reads differently
  const idsBefore = before.sourceIds;
  const idsNow = now.sourceIds;
  for (const path of now.sourcePaths) {
    const id = now.idAtPath(path)!;
    const was = before.idAtPath(path);
    if (was !== id) {
      sources.add(id);
      if (was !== undefined) sources.add(was);
    }
  }
  const facts = new Set<CorpusFact>(['all']);
  if (idsBefore.length !== idsNow.length || idsBefore.some((id, i) => id !== idsNow[i])) facts.add('ids');
  if (before.hasPassages !== now.hasPassages) facts.add('nonEmpty');
  const [n0, l0] = before.scoringStatistics;
  const [n1, l1] = now.scoringStatistics;
  return { terms, sources, paths: new Set(changed), facts, sameStatistics: n0 === n1 && l0 === l1 };
}

function stampRead(files: Record<string, SavedFile>, stamps: ReadonlyMap<string, Stamp | undefined>, path: string, text: boolean, problem: Problem | undefined): void {
  const stamp = stamps.get(path);
  if (stamp) files[path] = { stamp, text, ...(problem ? { problem } : {}) };
}
