/**
 * PDF → text per page, with PDF.js (through `unpdf`, whose build runs in Node, browsers and web
 * workers without native code). Lines are rebuilt from the text items' positions, paragraphs from
 * the gaps between lines; words hyphenated at a line end are joined again; running headers and
 * footers (the same line at the top or bottom of most pages, page numbers) are dropped, and a
 * sentence that goes on over a page break stays one sentence. Pages are separated by `\f`.
 */
import { DEFAULT_MAX_PAGES, reasonOf, type ExtractLimits, type Extraction } from './extraction';
import type { SourceMeta } from '../../model/types';

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  eol: boolean;
}

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
}

/** A page's lines, top to bottom. */
type Page = Line[];

/** Reads a PDF's text and metadata. Never throws: a file that cannot be read gives its reason. */
export async function extractPdf(bytes: Uint8Array, limits: ExtractLimits = {}): Promise<Extraction> {
  const maxPages = limits.maxPages ?? DEFAULT_MAX_PAGES;
  let pdf: Awaited<ReturnType<typeof import('unpdf').getDocumentProxy>>;
  try {
    const { getDocumentProxy } = await import('unpdf');
    // a copy: PDF.js may take over (detach) the buffer it is given
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, stopAtErrors: false } as never);
  } catch (e) {
    const name = (e as Error)?.name;
    if (name === 'PasswordException') return { ok: false, reason: 'encrypted PDF (it needs a password to open)' };
    if (name === 'InvalidPDFException') return { ok: false, reason: `not a readable PDF (${reasonOf(e)})` };
    return { ok: false, reason: `not a readable PDF (${reasonOf(e)})` };
  }
  try {
    const notes: string[] = [];
    const total = pdf.numPages;
    const count = Math.min(total, maxPages);
    if (count < total) notes.push(`only the first ${count} of its ${total} pages were read (the limit is ${maxPages} pages)`);
    const pages: Page[] = [];
    for (let n = 1; n <= count; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      pages.push(linesOf(content.items as unknown[]));
      page.cleanup();
    }
    if (!pages.some((p) => p.some((l) => /[\p{L}\p{N}]/u.test(l.text)))) return { ok: false, reason: 'scanned: no text to check (the PDF has no text layer)' };
    const meta = await metaOf(pdf, count);
    return { ok: true, text: pagesToText(pages), meta, notes };
  } catch (e) {
    return { ok: false, reason: `not a readable PDF (${reasonOf(e)})` };
  } finally {
    void pdf.destroy();
  }
}

/** PDF.js text items → lines (top to bottom), items on one baseline joined with the right spaces. */
function linesOf(raw: readonly unknown[]): Page {
  const items: Item[] = [];
  for (const r of raw) {
    const it = r as { str?: string; transform?: number[]; width?: number; height?: number; hasEOL?: boolean };
    if (typeof it.str !== 'string' || !it.transform) continue;
    const size = Math.abs(it.transform[3] ?? 0) || it.height || 10;
    items.push({ str: it.str, x: it.transform[4] ?? 0, y: it.transform[5] ?? 0, width: it.width ?? 0, size, eol: !!it.hasEOL });
  }
  const lines: Line[] = [];
  let cur: Line | undefined;
  let end = 0;
  for (const it of items) {
    if (cur && Math.abs(it.y - cur.y) <= cur.size * 0.4) {
      if (it.str) {
        const gap = it.x - end;
        if (gap > cur.size * 0.15 && !/\s$/.test(cur.text) && !/^\s/.test(it.str)) cur.text += ' ';
        cur.text += it.str;
        end = it.x + it.width;
      }
    } else if (it.str.trim()) {
      if (cur) lines.push(cur);
      cur = { text: it.str, x: it.x, y: it.y, size: it.size };
      end = it.x + it.width;
    }
  }
  if (cur) lines.push(cur);
  for (const l of lines) l.text = l.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text).sort((a, b) => b.y - a.y);
}

/** A line with its digits made one mark, to tell a running header "Report — page 3" from page to page. */
function furnitureKey(s: string): string {
  return s.replace(/\d+/g, '#').replace(/\s+/g, ' ').trim().toLowerCase();
}

const PAGE_NUMBER = /^(?:[-–—]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?(?:\s*[-–—])?$|^[ivxlc]{1,6}$/i;

/** Drops running headers and footers: the first and last lines that repeat on most pages, and page numbers. */
function dropFurniture(pages: Page[]): Page[] {
  const edge = (p: Page) => [...p.slice(0, 2), ...p.slice(-2)];
  const counts = new Map<string, number>();
  for (const p of pages) for (const k of new Set(edge(p).map((l) => furnitureKey(l.text)))) counts.set(k, (counts.get(k) ?? 0) + 1);
  const repeated = (l: Line) => pages.length >= 2 && (counts.get(furnitureKey(l.text)) ?? 0) >= Math.max(2, Math.ceil(pages.length / 2));
  return pages.map((p) => {
    const drop = new Set<Line>();
    const edges = [p.slice(0, 2), p.slice(-2)];
    for (const group of edges) for (const l of group) if (repeated(l) || PAGE_NUMBER.test(l.text)) drop.add(l);
    return p.filter((l) => !drop.has(l));
  });
}

/** Paragraphs of a page: a wider gap between lines, or an indented first line, starts a new one. */
function paragraphsOf(page: Page): Line[][] {
  const gaps: number[] = [];
  for (let i = 1; i < page.length; i++) gaps.push(page[i - 1]!.y - page[i]!.y);
  const sorted = [...gaps].filter((g) => g > 0).sort((a, b) => a - b);
  const usual = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const paras: Line[][] = [];
  page.forEach((l, i) => {
    const gap = i ? gaps[i - 1]! : Infinity;
    const prev = page[i - 1];
    // a first-line indent: further in than the line before (a block indented as a whole is one paragraph)
    const indented = !!prev && l.x > prev.x + l.size * 0.8;
    const sizeChange = prev && Math.abs(prev.size - l.size) > 0.5;
    if (!paras.length || gap > usual * 1.35 + 0.5 || indented || sizeChange) paras.push([l]);
    else paras[paras.length - 1]!.push(l);
  });
  return paras;
}

const HYPHENATED = /(\p{L})[-\u00ad]$/u;

/** Joins a paragraph's lines: a word hyphenated at a line end is made whole again. */
function joinLines(lines: readonly string[], hyphenated: ReadonlySet<string>): string {
  let out = '';
  for (const line of lines) {
    if (!out) {
      out = line;
      continue;
    }
    const m = HYPHENATED.exec(out);
    const next = /^[\p{Ll}]/u.test(line);
    if (m && next) {
      const head = /[\p{L}]+[-\u00ad]$/u.exec(out)![0].slice(0, -1);
      const tail = /^[\p{L}]+/u.exec(line)![0];
      // a hyphen the word always has ("well-known" elsewhere in the text) stays
      out = hyphenated.has(`${head}-${tail}`.toLowerCase()) ? out.replace(/\u00ad$/, '-') + line : out.slice(0, -1) + line;
    } else out += ' ' + line;
  }
  return out;
}

const TERMINAL = /[.!?…:]["'”’)\]]*$/u;

/** The pages as text: paragraphs on lines of their own, blank lines between, `\f` between pages. */
function pagesToText(raw: Page[]): string {
  const pages = dropFurniture(raw);
  const all = pages.flatMap((p) => p.map((l) => l.text)).join('\n');
  const hyphenated = new Set((all.match(/\p{L}+-\p{L}+/gu) ?? []).map((w) => w.toLowerCase()));
  let out = '';
  pages.forEach((page, i) => {
    const paras = paragraphsOf(page).map((p) => joinLines(p.map((l) => l.text), hyphenated));
    if (i > 0) {
      const first = paras[0] ?? '';
      if (out && !TERMINAL.test(out) && /^[\p{Ll}\d(]/u.test(first)) {
        // a sentence that goes on over the page break: the break is only a `\f` inside it
        const word = /^\S*/u.exec(first)![0];
        if (HYPHENATED.test(out) && /^\p{Ll}/u.test(word)) out = out.slice(0, -1) + word + '\f' + first.slice(word.length);
        else out += ' \f' + first;
        paras.shift();
        if (paras.length) out += '\n\n';
      } else out += '\n\n\f\n\n';
    }
    out += paras.join('\n\n');
  });
  return out;
}

/** Parses a PDF date, "D:20161103120000Z", to "2016-11-03". */
function pdfDate(v: unknown): string | undefined {
  const m = typeof v === 'string' ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(v) : null;
  if (!m) return undefined;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

async function metaOf(pdf: { getMetadata(): Promise<{ info: unknown }> }, pages: number): Promise<Partial<SourceMeta>> {
  const meta: Partial<SourceMeta> = { pages };
  try {
    const info = ((await pdf.getMetadata()).info ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof info[k] === 'string' && (info[k] as string).trim() ? (info[k] as string).trim() : undefined);
    const title = str('Title');
    if (title && !/^(untitled|microsoft word - .*|.*\.(docx?|pdf|ps|tex))$/i.test(title)) meta.title = title;
    const author = str('Author');
    if (author) meta.author = author;
    const date = pdfDate(info['CreationDate']);
    if (date) meta.date = date;
  } catch {
    // metadata is optional
  }
  return meta;
}
