/**
 * Sources that are not plain text — PDF, HTML, DOCX — read into the text the corpus indexes. The
 * result starts with YAML front matter that carries the document's own metadata (`format:` marks
 * it as extracted, so a bibliography entry still takes precedence), then the text; a PDF's pages
 * are separated by `\f`, and its passages carry their page.
 */
import { stringify } from 'yaml';
import { extractDocx } from './formats/docx';
import { extractHtml } from './formats/html';
import { extractPdf } from './formats/pdf';
import type { ExtractLimits, Extraction } from './formats/extraction';
import { decodeText } from './sources';

export type { ExtractLimits, Extraction } from './formats/extraction';
export { DEFAULT_MAX_PAGES, DEFAULT_MAX_INFLATED_BYTES, isExtractedFrontMatter } from './formats/extraction';

export type SourceFormat = 'pdf' | 'html' | 'docx';

/** The extensions of sources that are extracted, not read as text. */
export const EXTRACTED_EXTENSIONS = ['pdf', 'html', 'htm', 'docx'] as const;

/** The format a path's extension names, when it is one that is extracted. */
export function formatOf(path: string): SourceFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext === 'pdf') return 'pdf';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'docx') return 'docx';
  return undefined;
}

/**
 * Reads a PDF, HTML or DOCX file's bytes. Never throws: a file that cannot be read gives the
 * reason (encrypted, corrupt, scanned, not a zip, too large unpacked, no article).
 */
export async function extractSource(path: string, bytes: Uint8Array, limits: ExtractLimits = {}): Promise<Extraction> {
  const format = formatOf(path);
  if (format === 'pdf') return extractPdf(bytes, limits);
  if (format === 'docx') return extractDocx(bytes, limits);
  if (format === 'html') {
    const decoded = decodeText(bytes, Infinity);
    if (!decoded.ok) return { ok: false, reason: decoded.reason };
    return extractHtml(decoded.text);
  }
  return { ok: false, reason: 'not a format that is extracted' };
}

/** The text a source is indexed as: front matter with the document's metadata, then its text. */
export function extractedText(path: string, extraction: Extraction & { ok: true }): string {
  const fm: Record<string, unknown> = { format: formatOf(path) ?? 'text' };
  for (const [k, v] of Object.entries(extraction.meta)) if (v !== undefined && v !== '') fm[k] = v;
  return `---\n${stringify(fm, { lineWidth: 0 }).trimEnd()}\n---\n\n${extraction.text}\n`;
}
