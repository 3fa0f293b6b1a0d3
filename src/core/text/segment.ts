/**
 * Sentence segmentation with offsets. A one-pass scanner (./sentenceScanner.ts) cuts plain text
 * where `Intl.Segmenter` would, and the segmenter itself cuts the rest; we add what news text needs:
 * abbreviations that do not end sentences ("Nov. 2", "U.S.", "Gen. Valery Gerasimov", "a.m."),
 * hard-wrapped lines joined back into one sentence, and one-line items (headlines, "Related")
 * kept apart from the sentence after them.
 */

import { plainSentenceEnds } from './sentenceScanner';

/** A half-open character range `[start, end)` in some text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Words ending in "." that do not end a sentence when something follows on the same line. */
const ABBREVIATIONS = new Set(
  `mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres supt insp det st mt ft rev fr hon
jan feb mar apr jun jul aug sep sept oct nov dec no nos vol vs etc inc corp ltd co bros jr sr
u.s u.k u.n e.u a.m p.m i.e e.g approx est dept univ ave blvd`.split(/\s+/),
);
/** Of those, the ones after which a capitalised word still continues the sentence. */
const TITLE_ABBREVIATIONS = new Set(
  'mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt sen rep gov pres supt insp det st mt ft rev fr hon jan feb mar apr jun jul aug sep sept oct nov dec no nos vs u.s u.k u.n e.u'.split(' '),
);

const ABBREVIATION_END = /(?:^|[\s(“"'‘])((?:\p{L}\.)+\p{L}?|\p{L}+)\.["'”’)]?\s*$/u;
/** Longest tail of a sentence read for its last word (white space at the end aside). */
const TAIL = 64;

/** Whether `text[start, end)` ends with an abbreviation that does not end the sentence before `nextStart`. */
function endsWithAbbreviation(text: string, start: number, end: number, nextStart: string): boolean {
  // only the tail: a cut word cannot match (nothing before it counts as a word start)
  let last = end;
  while (last > start && isSpace(text.charCodeAt(last - 1))) last--;
  // what ABBREVIATION_END needs: a "." at the end (a closing mark and spaces aside) after a letter;
  // after seven ASCII letters or more the word is neither an abbreviation nor an initial
  let dot = last - 1;
  const q = text.charCodeAt(dot);
  if (q === 34 || q === 39 || q === 41 || q === 0x201d || q === 0x2019) dot--;
  if (dot <= start || text.charCodeAt(dot) !== 46) return false;
  let letters = 0;
  while (letters < 7 && dot - letters > start && isAsciiLetter(text.charCodeAt(dot - letters - 1))) letters++;
  if (letters === 7) return false;
  let raw: string;
  const from = dot - letters;
  if (letters > 0 && (from === start || isWordStart(text.charCodeAt(from - 1)))) {
    // ASCII letters after a word start: the word ABBREVIATION_END would find (a short one is never cut by the tail)
    raw = text.slice(from, dot);
  } else {
    const segment = last - TAIL > start ? '\u0001' + text.slice(last - TAIL, end) : text.slice(start, end);
    const m = ABBREVIATION_END.exec(segment);
    if (!m) return false;
    raw = m[1]!;
  }
  const word = raw.toLowerCase().replace(/\.$/, '');
  if (!ABBREVIATIONS.has(word)) {
    // single capital letters: initials ("John F. Kennedy")
    return /^\p{Lu}$/u.test(raw) && /^\p{Lu}/u.test(nextStart);
  }
  if (TITLE_ABBREVIATIONS.has(word)) return true;
  // a.m., etc., i.e.: continue when the next word is lower case or a digit
  return /^[\p{Ll}\d]/u.test(nextStart) || word === 'a.m' || word === 'p.m';
}

/** What `/\s/` matches, by character code. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && WIDE_SPACE.test(String.fromCharCode(c)));
}
const WIDE_SPACE = /\s/;

/** What may come before a word in ABBREVIATION_END: white space or an opening mark. */
function isWordStart(c: number): boolean {
  return c === 40 || c === 34 || c === 39 || c === 0x201c || c === 0x2018 || isSpace(c);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

const TERMINAL = /[.!?…]["'”’)\]]*\s*$/u;

/**
 * Blocks of text separated by hard breaks: blank lines, or a line break where the line before is
 * complete (ends a sentence) or is a short line of its own, like a headline. A line break inside a
 * sentence (a hard-wrapped paragraph) is soft: the block goes on.
 */
export function splitBlocks(text: string, from = 0, to = text.length): Span[] {
  const blocks: Span[] = [];
  let blockStart = from;
  let pos = from;
  while (pos < to) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= to) nl = to;
    const lineEnd = nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
    const line = text.slice(pos, lineEnd);
    const nextLineStart = nl + 1;
    if (nl >= to) break;
    let nextEnd = text.indexOf('\n', nextLineStart);
    if (nextEnd < 0 || nextEnd > to) nextEnd = to;
    const nextLine = text.slice(nextLineStart, nextEnd);
    const hard = line.trim() === '' || nextLine.trim() === '' || TERMINAL.test(line) || !isWrapped(line, nextLine);
    if (hard) {
      if (text.slice(blockStart, lineEnd).trim()) blocks.push({ start: blockStart, end: lineEnd });
      blockStart = nextLineStart;
    }
    pos = nextLineStart;
  }
  if (blockStart < to && text.slice(blockStart, to).trim()) blocks.push({ start: blockStart, end: to });
  return blocks;
}

/**
 * A line break inside a sentence: the next line goes on in lower case, or the line is long and
 * stops mid-phrase (a hard-wrapped paragraph). Short lines without a full stop (headlines, "Related",
 * captions) stand alone.
 */
function isWrapped(line: string, nextLine: string): boolean {
  if (/^\s*[\p{Ll}\d(]/u.test(nextLine)) return true;
  const t = line.trim();
  return t.length >= 50 && /[\p{Ll},;:\-–]$/u.test(t) && !t.includes(' | ');
}

/**
 * The end offsets of the sentence segments of a block (as `Intl.Segmenter` cuts them, spaces after
 * a terminator kept): by the one-pass scanner for plain text, else by the segmenter.
 */
function segmentEnds(text: string, block: Span): number[] {
  const plain = plainSentenceEnds(text, block.start, block.end);
  if (plain) return plain;
  // soft line breaks become spaces (same length) so the segmenter reads one paragraph
  const blockText = text.slice(block.start, block.end).replace(/\r?\n|\r/g, (m) => ' '.repeat(m.length));
  const ends: number[] = [];
  for (const seg of segmenter.segment(blockText)) ends.push(block.start + seg.index + seg.segment.length);
  return ends;
}

/** Sentences of `text[from, to)`, trimmed, with absolute offsets. Never returns an empty span. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  for (const block of splitBlocks(text, from, to)) {
    let pendingStart = -1;
    let pendingEnd = -1;
    let s = block.start;
    for (const e of segmentEnds(text, block)) {
      if (pendingStart >= 0) {
        const segment = text.slice(s, e);
        if (endsWithAbbreviation(text, pendingStart, pendingEnd, segment.trimStart()) || !/\p{L}|\p{N}/u.test(segment) || startsLowerCase(segment)) {
          pendingEnd = e;
          s = e;
          continue;
        }
        pushTrimmed(text, { start: pendingStart, end: pendingEnd }, out);
      }
      pendingStart = s;
      pendingEnd = e;
      s = e;
    }
    if (pendingStart >= 0) pushTrimmed(text, { start: pendingStart, end: pendingEnd }, out);
  }
  return out;
}

function startsLowerCase(segment: string): boolean {
  return /^\s*[\p{Ll}]/u.test(segment) && !/^\s*(?:i|e)\p{Lu}/u.test(segment);
}

function pushTrimmed(text: string, span: Span, out: Span[]): void {
  let { start, end } = span;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push({ start, end });
}

/** Offsets of the first character of every line, for offset → line/column conversion. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/**
 * The 0-based line and character of offset `to` of `text`, from those of an earlier offset `from`
 * (lines broken as {@link lineStarts} breaks them): what `positionAt(lineStarts(text), to)` gives,
 * reading only the text between the two.
 */
export function positionAfter(text: string, from: number, line: number, character: number, to: number): { line: number; character: number } {
  let lineStart = -1;
  // only the span is searched (a slice is a view of the text, not a copy): searching the text
  // from `from` would read on to its end, for every passage of a long source
  const span = text.slice(from, to);
  if (!span.includes('\r')) {
    for (let i = span.indexOf('\n'); i >= 0; i = span.indexOf('\n', i + 1)) {
      line++;
      lineStart = from + i + 1;
    }
  } else {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
  }
  return { line, character: lineStart < 0 ? character + (to - from) : to - lineStart };
}

/** The index of the last of the ascending, non-empty `starts` that is at or before `at` (0 if none is). */
export function lastAtOrBefore(starts: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** 0-based line and UTF-16 column of an offset. */
export function positionAt(starts: readonly number[], offset: number): { line: number; character: number } {
  const line = lastAtOrBefore(starts, offset);
  return { line, character: offset - starts[line]! };
}

/** Offset of a 0-based line and character. */
export function offsetAt(starts: readonly number[], line: number, character: number): number {
  const l = Math.max(0, Math.min(line, starts.length - 1));
  return starts[l]! + character;
}
