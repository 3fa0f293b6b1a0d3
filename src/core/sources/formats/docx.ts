/**
 * A Word document (DOCX) → its paragraphs, with `mammoth` (its raw-text reader); title, author and
 * date from the document's core properties (`docProps/core.xml`). The zip is opened with JSZip
 * first (mammoth's own unzipper) to refuse what is not a zip and what would inflate past the cap
 * (a zip bomb) before anything is decompressed. Both are plain JavaScript (mammoth has a browser
 * build), so this runs in Node and in a web worker.
 */
import { DEFAULT_MAX_INFLATED_BYTES, reasonOf, tidy, type ExtractLimits, type Extraction } from './extraction';
import type { SourceMeta } from '../../model/types';
import { formatBytes } from '../sources';

/** Reads a DOCX. Never throws. */
export async function extractDocx(bytes: Uint8Array, limits: ExtractLimits = {}): Promise<Extraction> {
  const cap = limits.maxInflatedBytes ?? DEFAULT_MAX_INFLATED_BYTES;
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return { ok: false, reason: 'not a Word document: not a zip file, as every .docx is' };
  let zip: import('jszip');
  try {
    const { default: JSZip } = await import('jszip');
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    return { ok: false, reason: `not a Word document (the zip cannot be read: ${reasonOf(e)})` };
  }
  let inflated = 0;
  zip.forEach((_path, file) => {
    inflated += (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
  });
  if (inflated > cap) return { ok: false, reason: `too large when unpacked (${formatBytes(inflated)}; the limit is ${formatBytes(cap)})` };
  if (!zip.file('word/document.xml')) return { ok: false, reason: 'not a Word document (the zip has no word/document.xml)' };
  try {
    const mammoth = await import('mammoth');
    const lib = (mammoth as unknown as { default?: typeof mammoth }).default ?? mammoth;
    // `buffer` is what mammoth's Node build reads, `arrayBuffer` what its browser build reads
    const copy = bytes.slice();
    const result = await lib.extractRawText({ buffer: copy, arrayBuffer: copy.buffer } as never);
    const text = tidy(result.value)
      .split(/\n{2,}/)
      .map((p) => p.replace(/\n/g, ' ').trim())
      .filter(Boolean)
      .join('\n\n');
    if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, reason: 'the document has no text' };
    const meta = await coreProperties(zip);
    return { ok: true, text, meta, notes: [] };
  } catch (e) {
    return { ok: false, reason: `cannot read the Word document (${reasonOf(e)})` };
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function xmlText(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(xml);
  if (!m) return undefined;
  const t = m[1]!.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_e, n: string) => (n[0] === '#' ? String.fromCodePoint(n[1] === 'x' || n[1] === 'X' ? parseInt(n.slice(2), 16) : parseInt(n.slice(1), 10)) : ENTITIES[n.toLowerCase()]!)).trim();
  return t || undefined;
}

/** `dc:title`, `dc:creator` and `dcterms:created` of `docProps/core.xml`. */
async function coreProperties(zip: import('jszip')): Promise<Partial<SourceMeta>> {
  const file = zip.file('docProps/core.xml');
  if (!file) return {};
  const xml = await file.async('string');
  const meta: Partial<SourceMeta> = {};
  const title = xmlText(xml, 'dc:title');
  if (title) meta.title = title;
  const author = xmlText(xml, 'dc:creator');
  if (author) meta.author = author;
  const date = xmlText(xml, 'dcterms:created');
  if (date) meta.date = date.slice(0, 10);
  return meta;
}
