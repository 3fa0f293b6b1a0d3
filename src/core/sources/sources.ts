/**
 * Reading sources: bytes → text (with encoding checks), front matter, metadata inferred from the
 * text, and segmentation into passages (bibliographies: bibliography.ts; PDF, HTML, DOCX:
 * extract.ts).
 */
import { parseDocument } from 'yaml';
import { isExtractedFrontMatter } from './formats/extraction';
import { hasLetterOrDigit, isSpace, lineStarts, positionAt, sentenceBounds } from '../text/segment';
import type { Passage, Source, SourceMeta } from '../model/types';

/** Files larger than this are not read (setting `grounded.maxFileSize`). */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Passages longer than this are cut into pieces of this size, so one giant line cannot stall the index. */
export const MAX_PASSAGE_CHARS = 2000;

export type Decoded = { ok: true; text: string; note?: string } | { ok: false; reason: string };

/**
 * Decodes a file's bytes as text. UTF-8 (with or without BOM) and UTF-16 with BOM are read;
 * binary content (NUL bytes, image signatures) is refused; invalid UTF-8 falls back to
 * Windows-1252 with a note.
 */
export function decodeText(bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): Decoded {
  if (bytes.length > maxBytes) {
    return { ok: false, reason: `too large (${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)})` };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), note: 'read as UTF-16' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), note: 'read as UTF-16' };
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes)' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: true, text: new TextDecoder('windows-1252').decode(bytes), note: 'not valid UTF-8; read as Windows-1252' };
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Splits YAML front matter (`---` … `---`) from a Markdown text. `bodyStart` is where the body begins. */
export function splitFrontMatter(text: string): { yaml?: string; bodyStart: number } {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)(?:\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { bodyStart: 0 };
  return { yaml: m[1] ?? '', bodyStart: m[0].length };
}

/** Parses YAML front matter; returns the object, or an error message. */
export function parseFrontMatter(yamlText: string): { data: Record<string, unknown>; error?: string } {
  try {
    const doc = parseDocument(yamlText, { prettyErrors: false });
    if (doc.errors.length) return { data: {}, error: `front matter is not valid YAML: ${firstLine(doc.errors[0]!.message)}` };
    const data = doc.toJS() as unknown;
    if (data === null || data === undefined) return { data: {} };
    if (typeof data !== 'object' || Array.isArray(data)) return { data: {}, error: 'front matter is not a YAML mapping' };
    return { data: data as Record<string, unknown> };
  } catch (e) {
    return { data: {}, error: `front matter is not valid YAML: ${firstLine(String((e as Error).message ?? e))}` };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return undefined;
}

/** CSL `issued` ({date-parts: [[2016, 11, 2]]}, "2016-11-02", {literal}) → "2016-11-02". */
function cslDate(v: unknown): string | undefined {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const parts = o['date-parts'];
    if (Array.isArray(parts) && Array.isArray(parts[0])) {
      return (parts[0] as unknown[]).map((p, i) => (i === 0 ? String(p) : String(p).padStart(2, '0'))).join('-');
    }
    return str(o['literal']) ?? str(o['raw']);
  }
  return str(v);
}

/** Metadata fields from a front matter or CSL entry object. */
export function metaFromObject(id: string, o: Record<string, unknown>): SourceMeta {
  const meta: SourceMeta = { id };
  const title = str(o['title']);
  if (title) meta.title = title;
  const outlet = str(o['container-title']) ?? str(o['publisher']) ?? str(o['outlet']) ?? str(o['source']);
  if (outlet) meta.outlet = outlet;
  const date = cslDate(o['issued']) ?? str(o['date']);
  if (date) meta.date = date;
  const url = str(o['URL']) ?? str(o['url']);
  if (url) meta.url = url;
  const author = authorText(o['author']);
  if (author) meta.author = author;
  return meta;
}

function authorText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const names = v
      .map((a) => (typeof a === 'string' ? a : a && typeof a === 'object' ? [str((a as Record<string, unknown>)['given']), str((a as Record<string, unknown>)['family']) ?? str((a as Record<string, unknown>)['literal'])].filter(Boolean).join(' ') : ''))
      .filter(Boolean);
    return names.length ? names.join(', ') : undefined;
  }
  return undefined;
}

/** A news dateline: "MOSCOW (Reuters) -", "ALEPPO, Syria, Nov. 2 (UPI) --". */
const OUTLET_RE = /^[\p{Lu}][\p{Lu} .'-]+(?:,[^()\n]{1,40})?\s*\(([\p{L}][\p{L}\s.&-]{1,40})\)\s*(?:--|-|–|—)/mu;

/** Metadata read from the text itself: first line as title, dateline outlet "(Reuters)". */
export function inferMeta(id: string, text: string, bodyStart = 0): SourceMeta {
  const meta: SourceMeta = { id };
  const body = text.slice(bodyStart, bodyStart + 4000);
  const first = firstFilledLine(body);
  if (first) {
    const t = first.replace(/^#+\s*/, '').trim();
    meta.title = t.length > 100 ? t.slice(0, 99).replace(/\s+\S*$/, '') + '…' : t;
  }
  const m = OUTLET_RE.exec(body);
  if (m) meta.outlet = m[1]!.trim();
  else if (first && /\s[|–-]\s/.test(first)) {
    const parts = first.split(/\s[|–-]\s/);
    const last = parts[parts.length - 1]!.trim();
    if (last.length <= 40) meta.outlet = last;
  }
  return meta;
}

/** The first line of `s` that is not blank, as `s.split(/\r?\n|\r/).find((l) => l.trim())` gives it (without cutting the other lines). */
function firstFilledLine(s: string): string | undefined {
  const n = s.length;
  for (let start = 0; ; ) {
    let end = start;
    while (end < n && s.charCodeAt(end) !== 10 && s.charCodeAt(end) !== 13) end++;
    const line = s.slice(start, end);
    if (line.trim()) return line;
    if (end >= n) return undefined;
    start = end + (s.charCodeAt(end) === 13 && s.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
}

/** The default id of a source file: its file name without extension. */
export function idFromPath(path: string): string {
  // the name after the last separator, less its last extension (a dot and one character or more)
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot >= 0 && dot < base.length - 1 ? base.slice(0, dot) : base;
}

export interface ParseSourceOptions {
  /** Metadata from a bibliography, by id. */
  bibliography?: ReadonlyMap<string, SourceMeta>;
  /** Bibliography keys by linked file (see `entriesByFile`): a source a `file` field names takes that key as its id. */
  byFile?: ReadonlyMap<string, string>;
  /** The first passage key to use. */
  firstKey?: number;
}

/** What {@link parseSource} reads before the passages: the id, the metadata, the problems and where the body begins. */
export interface SourceHead {
  id: string;
  meta: SourceMeta;
  problems: string[];
  bodyStart: number;
}

/**
 * Parses a source: front matter (for `.md`), metadata (front matter, then bibliography, then the
 * text) and passages with offsets, lines and columns.
 */
export function parseSource(path: string, text: string, options: ParseSourceOptions = {}): Source {
  const { id, meta, problems, bodyStart } = sourceHead(path, text, options);
  const passages = segmentPassages(id, text, bodyStart, options.firstKey ?? 0);
  return { id, path, text, meta, passages, problems };
}

/** {@link parseSource} but for the passages (see {@link passageBounds}). */
export function sourceHead(path: string, text: string, options: ParseSourceOptions = {}): SourceHead {
  const problems: string[] = [];
  let bodyStart = 0;
  let fm: Record<string, unknown> = {};
  if (/\.(md|markdown)$/i.test(path) || text.startsWith('---')) {
    const split = splitFrontMatter(text);
    if (split.yaml !== undefined) {
      bodyStart = split.bodyStart;
      const parsed = parseFrontMatter(split.yaml);
      if (parsed.error) problems.push(parsed.error);
      fm = parsed.data;
    }
  }
  const linked = options.byFile && linkedKeyOf(options.byFile, path);
  const id = str(fm['id']) ?? linked ?? idFromPath(path);
  const inferred = inferMeta(id, text, bodyStart);
  const { files: _files, bibliography: _bib, ...fromBib } = options.bibliography?.get(id) ?? { id };
  const fromFm = metaFromObject(id, fm);
  // a document's own metadata (PDF, HTML, DOCX) gives way to the writer's bibliography entry
  const meta: SourceMeta = isExtractedFrontMatter(fm) ? { ...inferred, ...stripUndefined(fromFm), ...stripUndefined(fromBib), id } : { ...inferred, ...stripUndefined(fromBib), ...stripUndefined(fromFm), id };
  const pages = typeof fm['pages'] === 'number' && fm['pages'] > 0 ? fm['pages'] : undefined;
  if (pages) meta.pages = pages;
  else delete meta.pages;
  return { id, meta, problems, bodyStart };
}

function linkedKeyOf(byFile: ReadonlyMap<string, string>, path: string): string | undefined {
  return byFile.get(path) ?? byFile.get(`name:${path.slice(path.lastIndexOf('/') + 1)}`);
}

/**
 * The 1-based page of each offset of a paged text, whose pages are separated by `\f`: the
 * offsets where pages 2, 3, … begin. `pageOf(starts, offset)` then finds a page.
 */
export function pageStarts(text: string, from = 0): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\f', from); i >= 0; i = text.indexOf('\f', i + 1)) out.push(i + 1);
  return out;
}

/** The page of an offset, from {@link pageStarts}. */
export function pageOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/** `o` without its undefined fields (the others in their order): `o` itself when it has none. */
function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  for (const k in o) if (Object.hasOwn(o, k) && o[k] === undefined) return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return o;
}

/** Segments `text[from…]` into passages. Overlong sentences are cut at word boundaries. */
export function segmentPassages(sourceId: string, text: string, from: number, firstKey: number): Passage[] {
  const bounds: number[] = [];
  passageBounds(text, from, bounds);
  const starts = lineStarts(text);
  const passages: Passage[] = [];
  for (let i = 0; i < bounds.length; i += 2) {
    const s = bounds[i]!;
    const e = bounds[i + 1]!;
    const pos = positionAt(starts, s);
    passages.push({ key: firstKey + passages.length, sourceId, start: s, end: e, line: pos.line, character: pos.character, text: text.slice(s, e), ordinal: passages.length });
  }
  return passages;
}

/** The start and end offsets of the passages of `text[from…]` ({@link segmentPassages}), appended to `out`, without cutting strings. */
export function passageBounds(text: string, from: number, out: number[]): void {
  const sentences: number[] = [];
  sentenceBounds(text, from, text.length, sentences);
  for (let i = 0; i < sentences.length; i += 2) {
    const end = sentences[i + 1]!;
    for (let s = sentences[i]!; s < end; ) {
      let e = Math.min(end, s + MAX_PASSAGE_CHARS);
      if (e < end) {
        const space = text.lastIndexOf(' ', e);
        if (space > s + MAX_PASSAGE_CHARS / 2) e = space;
      }
      if (hasLetterOrDigit(text, s, e)) out.push(s, e);
      s = e;
      while (s < end && isSpace(text.charCodeAt(s))) s++;
    }
  }
}

/** The passage of a source that contains an offset (or the nearest one). */
export function passageAt(passages: readonly Passage[], offset: number): Passage | undefined {
  let lo = 0;
  let hi = passages.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = passages[mid]!;
    if (offset < p.start) hi = mid - 1;
    else if (offset >= p.end) lo = mid + 1;
    else return p;
  }
  return passages[Math.max(0, Math.min(lo, passages.length - 1))];
}
