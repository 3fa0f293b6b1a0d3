/**
 * The one renderer of a source passage as Markdown, shared by the hover, the completion
 * documentation and the Insert Quote picker, so a source looks the same everywhere.
 *
 * Source text is untrusted input: every character that Markdown or HTML could read as syntax is
 * escaped, so a source containing `[x](command:…)`, `<img onerror=…>` or `# heading` shows as the
 * text it is. The only links in the output are the command links this module builds itself.
 */
import { tokenize } from '../text/text';
import type { SourceMeta } from '../model/types';

/**
 * Escapes text so that Markdown shows it literally: every ASCII punctuation character gets a
 * backslash (CommonMark allows that for all of them), `<`, `>` and `&` become entities, and line
 * breaks and runs of white space become one space (so nothing can start a block).
 *
 * @example escapeMarkdown('[x](command:y)') // '\\[x\\]\\(command\\:y\\)'
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[!"#$%'()*+,\-./:;=?@[\\\]^_`{|}~]/g, (c) => '\\' + c)
    .replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}

/** A `command:` URI with JSON arguments, safe inside a Markdown link destination. */
export function commandUri(command: string, args: unknown): string {
  const json = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `command:${command}?${json}`;
}

/** Terms of the given words (as written anywhere), for bolding the same words in a passage. */
export function termsOf(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) for (const t of tokenize(w)) if (!t.stop) out.add(t.term);
  return out;
}

/**
 * Escaped text with the words whose terms are in `bold` set in bold. Words compare by their
 * normalised term, so "rebel" in a claim bolds "rebels" in the passage.
 */
export function emphasise(text: string, bold: ReadonlySet<string> | undefined): string {
  if (!bold || bold.size === 0) return escapeMarkdown(text);
  let out = '';
  let at = 0;
  for (const t of tokenize(text)) {
    if (t.stop || !bold.has(t.term)) continue;
    out += escapeMarkdown(text.slice(at, t.start)) + '**' + escapeMarkdown(text.slice(t.start, t.end)) + '**';
    at = t.end;
  }
  return out + escapeMarkdown(text.slice(at));
}

/** "**Title**" then "Outlet · date · `id`" on the next line: who said it. */
export function renderSourceHeading(meta: SourceMeta, shortId = meta.id): string {
  const title = meta.title ? `**${escapeMarkdown(meta.title)}**` : `**${escapeMarkdown(shortId)}**`;
  const facts = [meta.outlet, meta.author, meta.date].filter((x): x is string => !!x && x.trim() !== '').map(escapeMarkdown);
  facts.push(`source ${escapeMarkdown(shortId)}`);
  return `${title}  \n${facts.join(' · ')}`;
}

export interface RenderPassageOptions {
  meta: SourceMeta;
  /** How the source is named to the writer (its short name). */
  shortId?: string;
  /** The passage text (one sentence, or two joined). */
  text: string;
  /** 0-based line of the passage in its source. */
  line: number;
  /** 1-based page of a paged source (a PDF): shown as "p. N". */
  page?: number;
  /** Terms to set in bold (see {@link termsOf}). */
  bold?: ReadonlySet<string>;
  /** A line above the passage, already Markdown (e.g. "Backs this sentence: 82% of its words"). */
  note?: string;
  /** The command that opens the source, with its arguments; the link reads "Open source at line N". */
  open?: { command: string; args: unknown };
  /** Leave out the heading (when the caller shows it elsewhere). */
  noHeading?: boolean;
}

/**
 * A passage as Markdown: heading (title, outlet, date), an optional note, the passage as a block
 * quote with matched words in bold, and a link that opens the source at the passage.
 */
export function renderPassage(o: RenderPassageOptions): string {
  const parts: string[] = [];
  if (!o.noHeading) parts.push(renderSourceHeading(o.meta, o.shortId));
  if (o.note) parts.push(o.note);
  parts.push('> ' + emphasise(o.text, o.bold));
  const where = o.page ? `p. ${o.page}, line ${o.line + 1}` : `line ${o.line + 1}`;
  parts.push(o.open ? `[Open source at ${where}](${commandUri(o.open.command, o.open.args)})` : `${escapeMarkdown(o.shortId ?? o.meta.id)}, ${where}`);
  return parts.join('\n\n');
}


/** One line naming where a passage is, in plain text: "002 · Reuters · line 5" (with "p. 3" for a paged source). For details and pickers. */
export function describeLocation(meta: SourceMeta, shortId: string, line: number, page?: number): string {
  return [shortId, meta.outlet, meta.date, page ? `p. ${page}` : undefined, `line ${line + 1}`].filter((x): x is string => !!x && x.trim() !== '').join(' · ');
}
