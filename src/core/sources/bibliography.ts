/**
 * Bibliographies: BibTeX/BibLaTeX (`.bib`, read with `@retorquere/bibtex-parser`, the parser
 * Better BibTeX uses), CSL JSON (`.json`, as Zotero and Better BibTeX export it) and CSL YAML
 * (`.yaml`/`.yml`, as Pandoc reads it). Each entry becomes the metadata of the source it names,
 * and its `file` field (`report.pdf`, or Zotero's `Title:path/x.pdf:application/pdf;…`) links it
 * to the files that hold its text, relative to the bibliography.
 */
import { parse as parseYaml } from 'yaml';
import { metaFromObject, splitFrontMatter } from './sources';
import type { SourceMeta } from '../model/types';

export interface Bibliography {
  entries: Map<string, SourceMeta>;
  problems: string[];
}

/** The bibliography formats by extension. */
export type BibliographyFormat = 'bibtex' | 'csl-json' | 'csl-yaml';

export function bibliographyFormat(path: string): BibliographyFormat {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === 'bib' || ext === 'bibtex' || ext === 'biblatex') return 'bibtex';
  if (ext === 'json') return 'csl-json';
  return 'csl-yaml';
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/**
 * Parses a bibliography file of any supported format. `path` (workspace-relative) names the
 * format by its extension, and is where `file` fields are resolved from.
 *
 * @example await parseBibliographyFile('refs/library.bib', '@report{un, title={…}, file={un.pdf}}')
 * // entries: un → { id: 'un', title: '…', files: ['refs/un.pdf'], bibliography: 'refs/library.bib' }
 */
export async function parseBibliographyFile(path: string, text: string): Promise<Bibliography> {
  const format = bibliographyFormat(path);
  const bib = format === 'bibtex' ? await parseBibtex(text) : format === 'csl-json' ? parseCslJson(text) : parseBibliography(text);
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  for (const [id, meta] of bib.entries) {
    const files = meta.files?.map((f) => resolvePath(dir, f));
    bib.entries.set(id, { ...meta, ...(files?.length ? { files } : {}), bibliography: path });
  }
  return bib;
}

/** Parses a CSL YAML bibliography (`references:` list, or a bare list), as Pandoc reads it. */
export function parseBibliography(text: string): Bibliography {
  let data: unknown;
  try {
    const { yaml } = splitFrontMatter(text);
    data = parseYaml(yaml ?? text);
  } catch (e) {
    return { entries: new Map(), problems: [`not valid YAML: ${firstLine(String((e as Error).message))}`] };
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as Record<string, unknown>)['references'] : undefined;
  if (!Array.isArray(list)) return { entries: new Map(), problems: ['no `references:` list found'] };
  return cslEntries(list);
}

/** Parses CSL JSON: an array of items (or `{items: […]}`). */
export function parseCslJson(text: string): Bibliography {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { entries: new Map(), problems: [`not valid JSON: ${firstLine(String((e as Error).message))}`] };
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' ? (data as Record<string, unknown>)['items'] : undefined;
  if (!Array.isArray(list)) return { entries: new Map(), problems: ['not a CSL JSON list of items'] };
  return cslEntries(list);
}

function cslEntries(list: unknown[]): Bibliography {
  const entries = new Map<string, SourceMeta>();
  const problems: string[] = [];
  list.forEach((item, i) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`entry ${i + 1} is not a mapping; ignored`);
      return;
    }
    const o = item as Record<string, unknown>;
    const id = typeof o['id'] === 'string' || typeof o['id'] === 'number' ? String(o['id']).trim() : '';
    if (!id) {
      problems.push(`entry ${i + 1} has no id; ignored`);
      return;
    }
    if (entries.has(id)) {
      problems.push(`duplicate id "${id}" (entry ${i + 1}); the first one is kept`);
      return;
    }
    for (const field of ['title', 'container-title', 'URL']) {
      const v = o[field];
      if (v !== undefined && typeof v !== 'string') problems.push(`entry "${id}": ${field} should be text`);
    }
    const meta = metaFromObject(id, o);
    const files = typeof o['file'] === 'string' ? fileField(o['file']) : [];
    entries.set(id, files.length ? { ...meta, files } : meta);
  });
  return { entries, problems };
}

/** Parses BibTeX/BibLaTeX. Entries that do not parse are reported; the others are kept. */
export async function parseBibtex(text: string): Promise<Bibliography> {
  const entries = new Map<string, SourceMeta>();
  const problems: string[] = [];
  let library: import('@retorquere/bibtex-parser').Library;
  try {
    const { parse } = await import('@retorquere/bibtex-parser');
    library = parse(text, { sentenceCase: false, caseProtection: false, english: false });
  } catch (e) {
    return { entries, problems: [`not valid BibTeX: ${firstLine(String((e as Error).message ?? e))}`] };
  }
  for (const err of library.errors) problems.push(`BibTeX: ${firstLine(err.error)}`);
  for (const entry of library.entries) {
    if (entries.has(entry.key)) {
      problems.push(`duplicate key "${entry.key}"; the first one is kept`);
      continue;
    }
    const f = entry.fields as Record<string, unknown>;
    const text1 = (k: string) => {
      const v = f[k];
      if (Array.isArray(v)) return v.filter((x) => typeof x === 'string').join(', ') || undefined;
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const meta: SourceMeta = { id: entry.key };
    const title = text1('title');
    if (title) meta.title = title;
    const authors = (Array.isArray(f['author']) ? f['author'] : Array.isArray(f['editor']) ? f['editor'] : []) as Array<{ name?: string; firstName?: string; lastName?: string; prefix?: string }>;
    const names = authors.map((a) => a.name ?? [a.firstName, a.prefix, a.lastName].filter(Boolean).join(' ')).filter(Boolean);
    if (names.length) meta.author = names.join(', ');
    const outlet = text1('journaltitle') ?? text1('journal') ?? text1('booktitle') ?? text1('publisher') ?? text1('institution') ?? text1('organization') ?? text1('howpublished');
    if (outlet) meta.outlet = outlet;
    const date = text1('date') ?? [text1('year'), monthNumber(text1('month')), text1('day')?.padStart(2, '0')].filter(Boolean).join('-');
    if (date) meta.date = date;
    const url = text1('url');
    if (url) meta.url = url;
    const files = text1('file') ? fileField(text1('file')!) : [];
    if (files.length) meta.files = files;
    entries.set(entry.key, meta);
  }
  return { entries, problems };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthNumber(m: string | undefined): string | undefined {
  if (!m) return undefined;
  if (/^\d{1,2}$/.test(m)) return m.padStart(2, '0');
  const i = MONTHS.indexOf(m.slice(0, 3).toLowerCase());
  return i < 0 ? undefined : String(i + 1).padStart(2, '0');
}

/**
 * The paths of a `file` field: `report.pdf`, or Zotero/Better BibTeX's `Title:path:mime`, several
 * separated by `;` (with `\;` and `\:` as escaped marks).
 *
 * @example fileField('Full Text:storage/x.pdf:application/pdf;report.docx') // ['storage/x.pdf', 'report.docx']
 */
export function fileField(value: string): string[] {
  const out: string[] = [];
  for (const raw of value.split(/(?<!\\);/)) {
    const item = raw.trim();
    if (!item) continue;
    // Title:path:mime — the path may hold colons itself (C\:/…), escaped or not
    const m = /^([^:]*):(.+):([\w.+-]+\/[\w.+-]+)$/.exec(item);
    const path = (m ? m[2]! : item).replace(/\\([:;\\])/g, '$1').trim();
    if (path) out.push(path.replace(/\\/g, '/'));
  }
  return out;
}

/** A path relative to `dir` (workspace-relative, `/`-separated), normalised; absolute paths stay. */
export function resolvePath(dir: string, rel: string): string {
  if (rel.startsWith('/') || /^[A-Za-z]:\//.test(rel) || !dir) return normalise(rel);
  return normalise(`${dir}/${rel}`);
}

function normalise(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') out.pop();
    else if (p !== '.' && p) out.push(p);
  }
  return (abs ? '/' : '') + out.join('/');
}

/**
 * Which bibliography entry each linked file belongs to: by the path of its `file` field, and by
 * the file's name alone when only one entry names a file of that name (a Zotero storage path that
 * the writer copied into the workspace).
 */
export function entriesByFile(bibliography: ReadonlyMap<string, SourceMeta>): Map<string, string> {
  const byPath = new Map<string, string>();
  const byName = new Map<string, string | null>();
  for (const [id, meta] of bibliography) {
    for (const f of meta.files ?? []) {
      if (!byPath.has(f)) byPath.set(f, id);
      const name = f.slice(f.lastIndexOf('/') + 1);
      byName.set(`name:${name}`, byName.has(`name:${name}`) && byName.get(`name:${name}`) !== id ? null : id);
    }
  }
  for (const [k, v] of byName) if (v) byPath.set(k, v);
  return byPath;
}

