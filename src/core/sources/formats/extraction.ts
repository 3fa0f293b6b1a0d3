/**
 * What a format reader gives back: the text to index (with `\f` between pages of a paged
 * document), the document's own metadata, and notes for the writer — or why the file was skipped.
 */
import type { SourceMeta } from '../../model/types';

export type Extraction =
  | { ok: true; text: string; meta: Partial<SourceMeta>; notes: string[] }
  | { ok: false; reason: string };

/** Caps on what one file may cost to read. */
export interface ExtractLimits {
  /** Most pages of a PDF that are read (default 2,000); a longer one is read in part and reported. */
  maxPages?: number;
  /** Most bytes a compressed document (DOCX) may inflate to (default 100 MB); larger ones are skipped. */
  maxInflatedBytes?: number;
}

export const DEFAULT_MAX_PAGES = 2000;
export const DEFAULT_MAX_INFLATED_BYTES = 100 * 1024 * 1024;

/** The first line of an error's message. */
export function reasonOf(e: unknown): string {
  const m = String((e as Error)?.message ?? e);
  return m.split('\n')[0]!.trim();
}

/** Whitespace runs (but not line breaks) made one space; lines trimmed. */
export function tidy(s: string): string {
  return s
    .replace(/[\u00a0\t\u2000-\u200b\u202f\u205f\u3000 ]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .join('\n');
}

/** Whether a parsed front matter is one that `extractedText` wrote (so a bibliography entry wins over it). */
export function isExtractedFrontMatter(fm: Record<string, unknown>): boolean {
  return fm['format'] === 'pdf' || fm['format'] === 'html' || fm['format'] === 'docx';
}
