/**
 * Reading a draft: which text is prose (markdown-it tells paragraphs and list items from headings,
 * code, HTML, tables, front matter and link definitions), its sentences (claims), the Pandoc
 * citations and the quotes in them, and the writer's `grounded-disable` comments.
 */
import MarkdownIt from 'markdown-it';
import { lineStarts, positionAt, splitSentences, type Span } from '../text/segment';
import { splitFrontMatter, parseFrontMatter } from '../sources/sources';
import { pageLocator, type PageLocator } from './locators';
import { RULES, type Range, type RuleId } from '../model/types';

export interface Citation {
  key: string;
  locator?: string;
  /** The pages the locator names (`p. 2`, `pp. 2-3`, `page 2`), with where that part is written. */
  pages?: PageLocator;
  /** Offsets of `@key` (including the `@`). */
  start: number;
  end: number;
  /** Offsets of the whole bracketed group `[…]`, or of `@key` for an in-text citation. */
  groupStart: number;
  groupEnd: number;
  bracketed: boolean;
}

export interface Quote {
  /** The quoted words, as written (without the quote marks). */
  text: string;
  /** Offsets of the quoted words. */
  start: number;
  end: number;
  /** Offsets including the quote marks. */
  outerStart: number;
  outerEnd: number;
}

export interface Claim {
  /** The sentence as written, citations included. */
  text: string;
  /** The sentence with citations, code, links and markup blanked out: what is checked. */
  prose: string;
  start: number;
  end: number;
  range: Range;
  citations: Citation[];
  quotes: Quote[];
  /** Rules the writer switched off for this sentence (`all` for every rule). */
  disabled: ReadonlySet<RuleId> | 'all';
  /** Plainly the writer's own analysis or opinion (hedges, first person, questions). */
  opinion: boolean;
  /** The claim begins the first line of its paragraph (a comment can go on the line above). */
  startsParagraph: boolean;
}

export interface Draft {
  text: string;
  claims: Claim[];
  /** Every citation in prose, including those in sentences that are not claims. */
  citations: Citation[];
  /** `bibliography:` of the front matter, if any. */
  bibliography?: string[];
  lineStarts: number[];
  /** Where the text after the front matter starts (0 without front matter). */
  bodyStart: number;
  /** Lines of code blocks (fenced or indented) and HTML blocks: [first line, line after the last]. */
  codeLines: Array<[number, number]>;
  /** Problems with the draft itself (front matter that does not parse). */
  problems: string[];
}

const md = new MarkdownIt({ html: true });

const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])?`;
const BRACKET_RE = /\[([^[\]\n]*?@[^[\]\n]*?)\](?!\()/gu;
const ITEM_KEY_RE = new RegExp(String.raw`(-?)@(${KEY}|\{[^}]+\})`, 'u');
const INTEXT_RE = new RegExp(String.raw`(?<![\p{L}\p{N}_.@\\])@(${KEY})`, 'gu');
const DIRECTIVE_RE = /<!--\s*grounded-(disable-next-line|disable-line|disable|enable)((?:\s+[\w-]+)*)\s*-->/g;

const HEDGES = [
  /\bit is (?:hard|difficult|easy|tempting|fair|reasonable|worth) to\b/i,
  /\b(?:arguably|perhaps|presumably|seemingly|apparently|in my view|in our view|to my mind|it seems|seems to me|i think|we think|i believe|we believe|i suspect|one might|one could|may well|remains to be seen|it is unclear|it is not clear)\b/i,
  /\b(?:should|ought to)\b.*\b(?:we|i)\b/i,
];
const FIRST_PERSON = /\b(?:I|we|We|my|My|our|Our|me|us)\b/;

/** `bibliography:` of a front matter mapping: one path or a list of them, as written. */
export function bibliographyField(data: Record<string, unknown>): string[] | undefined {
  const bib = data['bibliography'];
  if (typeof bib === 'string') return bib.trim() ? [bib.trim()] : [];
  if (Array.isArray(bib)) return bib.filter((b): b is string => typeof b === 'string' && b.trim() !== '').map((b) => b.trim());
  return undefined;
}

/** Parses a draft. */
export function parseDraft(text: string): Draft {
  const starts = lineStarts(text);
  const problems: string[] = [];
  let bibliography: string[] | undefined;
  const fm = splitFrontMatter(text);
  if (fm.yaml !== undefined) {
    const parsed = parseFrontMatter(fm.yaml);
    if (parsed.error) problems.push(parsed.error);
    bibliography = bibliographyField(parsed.data);
  }
  // markdown-it does not know front matter: blank it (keeping line numbers) before parsing
  const body = fm.bodyStart ? text.slice(0, fm.bodyStart).replace(/[^\r\n]/g, ' ') + text.slice(fm.bodyStart) : text;
  const mask = new Array<string>(text.length).fill(' ');
  const paragraphs: Span[] = [];
  const tokens = md.parse(body, {});
  const codeLines: Array<[number, number]> = [];
  /** The cells of each table body row, which are read like paragraphs. */
  const rows: Span[][] = [];
  let inTableBody = false;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if ((tok.type === 'fence' || tok.type === 'code_block' || tok.type === 'html_block') && tok.map) codeLines.push([tok.map[0], tok.map[1]]);
    if (tok.type === 'tbody_open' || tok.type === 'tbody_close') inTableBody = tok.type === 'tbody_open';
    if (tok.type === 'tr_open' && inTableBody && tok.map) {
      const row = tableCells(text, starts, tokens, i);
      for (const cell of row) for (let k = cell.start; k < cell.end; k++) mask[k] = text[k]!;
      paragraphs.push(...row);
      rows.push(row);
      continue;
    }
    if (tok.type !== 'paragraph_open' || !tok.map) continue;
    const inline = tokens[i + 1];
    if (!inline || inline.type !== 'inline') continue;
    const contentLines = inline.content.split('\n');
    const [first, last] = tok.map;
    let pStart = -1;
    let pEnd = -1;
    for (let l = first; l < last; l++) {
      const lineStart = starts[l]!;
      const lineEnd = l + 1 < starts.length ? starts[l + 1]! : text.length;
      const lineText = text.slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '');
      const content = (contentLines[l - first] ?? '').trimEnd();
      // Pandoc's fenced divs (`::: {.callout-note}` … `:::`) are markup, not prose
      if (/^\s*:{3,}/.test(content)) continue;
      let at = content ? lineText.lastIndexOf(content) : -1;
      if (at < 0) at = lineText.length - lineText.trimStart().length;
      const s = lineStart + at;
      const e = lineStart + (content ? at + content.length : lineText.trimEnd().length);
      for (let k = s; k < e; k++) mask[k] = text[k]!;
      if (l + 1 < last) mask[e] = '\n';
      if (pStart < 0) pStart = s;
      pEnd = e;
    }
    if (pStart >= 0 && pEnd > pStart) paragraphs.push({ start: pStart, end: pEnd });
  }
  let masked = mask.join('');
  masked = blankInline(masked);

  const citations: Citation[] = [];
  for (const p of paragraphs) citations.push(...findCitations(masked, p.start, p.end));
  // citations are not prose: blank them in the copy that is segmented and checked
  let prose = masked;
  for (const c of citations) prose = prose.slice(0, c.groupStart) + ' '.repeat(c.groupEnd - c.groupStart) + prose.slice(c.groupEnd);

  const disabledByLine = directivesByLine(text, starts.length);
  const claims: Claim[] = [];
  for (const p of paragraphs) {
    const quotes = findQuotes(text, masked, p.start, p.end);
    const spans = mergeAcrossQuotes(splitSentences(prose, p.start, p.end), quotes);
    for (const span of spans) {
      const own = citations.filter((c) => c.groupStart >= span.start && c.groupStart < span.end);
      // a citation right after the sentence's full stop belongs to it: "… leave. [@a]"
      const next = spans[spans.indexOf(span) + 1];
      const after = citations.filter((c) => c.groupStart >= span.end && (next === undefined || c.groupStart < next.start) && /^[\s.,;:!?)"”’]*$/.test(text.slice(span.end, c.groupStart)));
      const all = [...own, ...after];
      const end = all.length ? Math.max(span.end, ...all.map((c) => c.groupEnd)) : span.end;
      const sentenceProse = prose.slice(span.start, span.end);
      const line = positionAt(starts, span.start).line;
      const claimQuotes = quotes.filter((q) => q.outerStart >= span.start && q.outerStart < span.end);
      claims.push({
        text: text.slice(span.start, end),
        prose: sentenceProse,
        start: span.start,
        end,
        range: { start: positionAt(starts, span.start), end: positionAt(starts, end) },
        citations: all,
        quotes: claimQuotes,
        disabled: disabledByLine[line] ?? new Set(),
        opinion: isOpinion(sentenceProse, claimQuotes, span.start),
        startsParagraph: span.start === p.start || !text.slice(starts[line]!, span.start).trim().replace(/^(?:[>*+-]|\d+[.)])\s*/, '').trim(),
      });
    }
  }
  // a cell that holds only citations ("| claim | [@a] |") cites for the claim before it in its row
  for (const row of rows) {
    let last: Claim | undefined;
    for (const cell of row) {
      const inCell = claims.filter((c) => c.start >= cell.start && c.start < cell.end);
      if (inCell.length) last = inCell[inCell.length - 1];
      else if (last) last.citations.push(...citations.filter((c) => c.groupStart >= cell.start && c.groupStart < cell.end));
    }
  }
  return { text, claims, citations, ...(bibliography ? { bibliography } : {}), lineStarts: starts, bodyStart: fm.bodyStart, codeLines, problems };
}

/** The cells of the table row whose `tr_open` token is `tokens[at]`: where each cell's text is. */
function tableCells(text: string, starts: readonly number[], tokens: ReturnType<typeof md.parse>, at: number): Span[] {
  const line = tokens[at]!.map![0];
  const lineStart = starts[line]!;
  const lineText = text.slice(lineStart, starts[line + 1] ?? text.length);
  const cells: Span[] = [];
  let cursor = 0;
  for (let j = at + 1; j < tokens.length && tokens[j]!.type !== 'tr_close'; j++) {
    if (tokens[j]!.type !== 'inline') continue;
    const content = tokens[j]!.content.trim();
    const found = content ? lineText.indexOf(content, cursor) : -1;
    if (found < 0) continue;
    cells.push({ start: lineStart + found, end: lineStart + found + content.length });
    cursor = found + content.length;
  }
  return cells;
}

/** Blanks inline code, HTML, link destinations, images, autolinks, URLs and footnote references. */
function blankInline(s: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return s
    .replace(/(`+)[^`]*?\1/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/<\/?[A-Za-z][^<>]*>/g, blank)
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, blank)
    .replace(/(\]\()([^)\n]*)(\))/g, (_m, a: string, url: string, b: string) => ' '.repeat(a.length) + blank(url) + ' '.repeat(b.length))
    .replace(/\]\[[^\]\n]*\]/g, blank)
    .replace(/\bhttps?:\/\/[^\s)>\]]+/g, blank)
    .replace(/\[\^[^\]\s]+\]/g, blank)
    .replace(/[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}/g, (m) => (/^_+$/.test(m) ? m : blank(m)));
}

/** Pandoc citations in `text[from, to)`: `[@a]`, `[see @a, p. 3; @b]`, `[-@a]` and in-text `@a`. */
export function findCitations(text: string, from: number, to: number): Citation[] {
  const region = text.slice(from, to);
  const out: Citation[] = [];
  const taken: Span[] = [];
  BRACKET_RE.lastIndex = 0;
  for (let m = BRACKET_RE.exec(region); m; m = BRACKET_RE.exec(region)) {
    const groupStart = from + m.index;
    const groupEnd = groupStart + m[0].length;
    const inner = m[1]!;
    let offset = groupStart + 1;
    const found: Citation[] = [];
    for (const item of inner.split(';')) {
      const km = ITEM_KEY_RE.exec(item);
      if (km) {
        const at = offset + km.index + km[1]!.length;
        const key = km[2]!.replace(/^\{|\}$/g, '');
        const tail = item.slice(km.index + km[0].length);
        const lead = /^\s*,?\s*/.exec(tail)![0].length;
        const rest = tail.slice(lead).trim();
        const pages = rest ? pageLocator(rest, offset + km.index + km[0].length + lead) : undefined;
        found.push({ key, start: at, end: at + 1 + km[2]!.length, groupStart, groupEnd, bracketed: true, ...(rest ? { locator: rest } : {}), ...(pages ? { pages } : {}) });
      }
      offset += item.length + 1;
    }
    // only a real citation group when every item names a key: "[email me @ home]" is not one
    if (found.length && found.length === inner.split(';').filter((s) => s.trim()).length) {
      out.push(...found);
      taken.push({ start: groupStart, end: groupEnd });
    }
  }
  INTEXT_RE.lastIndex = 0;
  for (let m = INTEXT_RE.exec(region); m; m = INTEXT_RE.exec(region)) {
    const s = from + m.index;
    if (taken.some((t) => s >= t.start && s < t.end)) continue;
    const e = s + m[0].length;
    out.push({ key: m[1]!, start: s, end: e, groupStart: s, groupEnd: e, bracketed: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Quotes in `text[from, to)`: `"…"` and `“…”` (straight marks pair up in order; curly ones by
 * direction). A quote mark with no partner is ignored, not guessed at.
 */
export function findQuotes(text: string, masked: string, from: number, to: number): Quote[] {
  const out: Quote[] = [];
  let open = -1;
  let openChar = '';
  for (let i = from; i < to; i++) {
    const c = masked[i];
    if (c !== '"' && c !== '“' && c !== '”' && c !== '„') continue;
    if (open < 0) {
      if (c === '”') continue;
      open = i;
      openChar = c;
    } else if (c === '"' || c === '”') {
      if (openChar === '“' && c === '"' && /\p{L}/u.test(masked[i + 1] ?? '') && !/\p{L}/u.test(masked[i - 1] ?? '')) continue;
      const inner = text.slice(open + 1, i);
      out.push({ text: inner, start: open + 1, end: i, outerStart: open, outerEnd: i + 1 });
      open = -1;
    } else if (c === '“' || c === '„') {
      // a new opening mark before the old one closed: the old one was unbalanced
      open = i;
      openChar = c;
    }
  }
  return out;
}

/** A quote of `minWords` or more words; shorter ones ("so-called 'scare quotes'") are not checked. */
export function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

function mergeAcrossQuotes(spans: Span[], quotes: Quote[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && quotes.some((q) => q.outerStart < prev.end && q.outerEnd > s.start)) {
      out[out.length - 1] = { start: prev.start, end: s.end };
    } else out.push(s);
  }
  return out;
}

function isOpinion(prose: string, quotes: Quote[], offset: number): boolean {
  // what a quoted person says is not the writer's first person
  let outside = prose;
  for (const q of quotes) {
    const s = q.outerStart - offset;
    const e = q.outerEnd - offset;
    if (s >= 0 && s < outside.length) outside = outside.slice(0, s) + ' '.repeat(Math.min(e, outside.length) - s) + outside.slice(Math.min(e, outside.length));
  }
  if (/\?\s*$/.test(outside.trim())) return true;
  if (HEDGES.some((h) => h.test(outside))) return true;
  return FIRST_PERSON.test(outside);
}

/** Per line, the rules switched off by `grounded-disable…` comments. */
function directivesByLine(text: string, lineCount: number): Array<ReadonlySet<RuleId> | 'all' | undefined> {
  const starts = lineStarts(text);
  const lines: Array<ReadonlySet<RuleId> | 'all' | undefined> = new Array(lineCount);
  const events: Array<{ line: number; kind: string; rules: RuleId[] | 'all' }> = [];
  DIRECTIVE_RE.lastIndex = 0;
  for (let m = DIRECTIVE_RE.exec(text); m; m = DIRECTIVE_RE.exec(text)) {
    const names = m[2]!.trim().split(/\s+/).filter(Boolean);
    const rules = names.length ? (names.filter((n) => (RULES as readonly string[]).includes(n)) as RuleId[]) : 'all';
    events.push({ line: positionAt(starts, m.index).line, kind: m[1]!, rules });
  }
  if (!events.length) return lines;
  const add = (line: number, rules: RuleId[] | 'all') => {
    if (line >= lineCount) return;
    const cur = lines[line];
    if (rules === 'all' || cur === 'all') lines[line] = 'all';
    else lines[line] = new Set([...(cur ?? []), ...rules]);
  };
  // block regions
  let state = new Set<RuleId>() as Set<RuleId> | 'all';
  let e = 0;
  for (let line = 0; line < lineCount; line++) {
    while (e < events.length && events[e]!.line === line) {
      const ev = events[e]!;
      if (ev.kind === 'disable') state = ev.rules === 'all' || state === 'all' ? 'all' : new Set([...state, ...ev.rules]);
      else if (ev.kind === 'enable') state = ev.rules === 'all' ? new Set() : state === 'all' ? new Set(RULES.filter((r) => !(ev.rules as RuleId[]).includes(r))) : new Set([...state].filter((r) => !(ev.rules as RuleId[]).includes(r)));
      e++;
    }
    if (state === 'all' || state.size) add(line, state === 'all' ? 'all' : [...state]);
  }
  for (const ev of events) {
    if (ev.kind === 'disable-line') add(ev.line, ev.rules);
    if (ev.kind === 'disable-next-line') {
      let next = ev.line + 1;
      while (next < lineCount && !lineText(text, starts, next).trim()) next++;
      add(next, ev.rules);
    }
  }
  return lines;
}

function lineText(text: string, starts: number[], line: number): string {
  return text.slice(starts[line], starts[line + 1] ?? text.length);
}
