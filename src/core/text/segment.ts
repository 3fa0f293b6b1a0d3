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

/**
 * Whether `text[start, end)` ends with an abbreviation that does not end the sentence whose next
 * segment is `text[nextFrom, nextTo)`.
 */
function endsWithAbbreviation(text: string, start: number, end: number, nextFrom: number, nextTo: number): boolean {
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
  let word: string;
  const from = dot - letters;
  if (letters > 0 && (from === start || isWordStart(text.charCodeAt(from - 1)))) {
    // ASCII letters after a word start: the word ABBREVIATION_END would find (a short one is never cut by the tail)
    raw = text.slice(from, dot);
    word = raw.toLowerCase();
  } else {
    // ABBREVIATION_END's word ends in a letter or a period: after a digit, a space or a mark no word is read
    const before = text.charCodeAt(dot - 1);
    if (before < 128 && before !== 46 && !isAsciiLetter(before)) return false;
    const segment = last - TAIL > start ? '\u0001' + text.slice(last - TAIL, end) : text.slice(start, end);
    const m = ABBREVIATION_END.exec(segment);
    if (!m) return false;
    raw = m[1]!;
    word = raw.toLowerCase().replace(/\.$/, '');
  }
  // the next segment's first character after white space
  let next = nextFrom;
  while (next < nextTo && isSpace(text.charCodeAt(next))) next++;
  if (!ABBREVIATIONS.has(word)) {
    // single capital letters: initials ("John F. Kennedy"); one code point is two code units at most
    return raw.length <= 2 && /^\p{Lu}$/u.test(raw) && isUpperAt(text, next, nextTo);
  }
  if (TITLE_ABBREVIATIONS.has(word)) return true;
  // a.m., etc., i.e.: continue when the next word is lower case or a digit
  return isLowerOrDigitAt(text, next, nextTo) || word === 'a.m' || word === 'p.m';
}

/** What `/\s/` (and `trim`) matches, by character code. */
export function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 128 && WIDE_SPACE.test(String.fromCharCode(c)));
}
const WIDE_SPACE = /\s/;

/** Whether `text[from, to)` is white space only (`text.slice(from, to).trim() === ''`). */
function isBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isSpace(text.charCodeAt(k))) return false;
  return true;
}

/** What may come before a word in ABBREVIATION_END: white space or an opening mark. */
function isWordStart(c: number): boolean {
  return c === 40 || c === 34 || c === 39 || c === 0x201c || c === 0x2018 || isSpace(c);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

const UPPER_START = /^\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;
const LOWER_END = /\p{Ll}$/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Whether the character at `at` (before `to`) is an upper-case letter (`/^\p{Lu}/u` on `text.slice(at, to)`). */
function isUpperAt(text: string, at: number, to: number): boolean {
  if (at >= to) return false;
  const c = text.charCodeAt(at);
  return c < 128 ? c >= 65 && c <= 90 : UPPER_START.test(text.slice(at, Math.min(at + 2, to)));
}

/** `/^\p{Ll}/u` on `text.slice(at, to)`. */
function isLowerAt(text: string, at: number, to: number): boolean {
  if (at >= to) return false;
  const c = text.charCodeAt(at);
  return c < 128 ? c >= 97 && c <= 122 : LOWER_START.test(text.slice(at, Math.min(at + 2, to)));
}

/** `/^[\p{Ll}\d]/u` on `text.slice(at, to)`. */
function isLowerOrDigitAt(text: string, at: number, to: number): boolean {
  if (at >= to) return false;
  const c = text.charCodeAt(at);
  return (c >= 48 && c <= 57) || isLowerAt(text, at, to);
}

/** Whether `text[from, to)` has a letter or a digit (`/[\p{L}\p{N}]/u`). */
export function hasLetterOrDigit(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return LETTER_OR_DIGIT.test(text.slice(k, to));
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  }
  return false;
}

/** Whether the line `text[from, to)` is complete: `/[.!?…]["'”’)\]]*\s*$/u` (a terminator, closing marks, white space). */
function endsSentence(text: string, from: number, to: number): boolean {
  let k = to;
  while (k > from && isSpace(text.charCodeAt(k - 1))) k--;
  while (k > from && isClosing(text.charCodeAt(k - 1))) k--;
  if (k <= from) return false;
  const c = text.charCodeAt(k - 1);
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** A closing mark after a terminator: `"'”’)]`. */
function isClosing(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93;
}

/**
 * Blocks of text separated by hard breaks: blank lines, or a line break where the line before is
 * complete (ends a sentence) or is a short line of its own, like a headline. A line break inside a
 * sentence (a hard-wrapped paragraph) is soft: the block goes on.
 */
export function splitBlocks(text: string, from = 0, to = text.length): Span[] {
  const bounds: number[] = [];
  blockBounds(text, from, to, bounds);
  return spansOf(bounds);
}

/** {@link splitBlocks} as start and end offsets, appended to `out`, without cutting strings. */
function blockBounds(text: string, from: number, to: number, out: number[]): void {
  let blockStart = from;
  let pos = from;
  while (pos < to) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= to) break;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const nextLineStart = nl + 1;
    let nextEnd = text.indexOf('\n', nextLineStart);
    if (nextEnd < 0 || nextEnd > to) nextEnd = to;
    const hard = isBlank(text, pos, lineEnd) || isBlank(text, nextLineStart, nextEnd) || endsSentence(text, pos, lineEnd) || !isWrapped(text, pos, lineEnd, nextLineStart, nextEnd);
    if (hard) {
      if (!isBlank(text, blockStart, lineEnd)) out.push(blockStart, lineEnd);
      blockStart = nextLineStart;
    }
    pos = nextLineStart;
  }
  if (blockStart < to && !isBlank(text, blockStart, to)) out.push(blockStart, to);
}

/**
 * A line break inside a sentence: the next line goes on in lower case, or the line is long and
 * stops mid-phrase (a hard-wrapped paragraph). Short lines without a full stop (headlines, "Related",
 * captions) stand alone. The line is `text[from, to)`, the next one `text[nextFrom, nextTo)`.
 */
function isWrapped(text: string, from: number, to: number, nextFrom: number, nextTo: number): boolean {
  // the next line starts (after white space) in lower case, with a digit or with "("
  let k = nextFrom;
  while (k < nextTo && isSpace(text.charCodeAt(k))) k++;
  if (k < nextTo && (text.charCodeAt(k) === 40 || isLowerOrDigitAt(text, k, nextTo))) return true;
  // the line, trimmed: at least 50 characters, ending in lower case or , ; : - –, and no " | " in it
  let s = from;
  let e = to;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e - s < 50) return false;
  const c = text.charCodeAt(e - 1);
  const open = c < 128 ? (c >= 97 && c <= 122) || c === 44 || c === 59 || c === 58 || c === 45 : c === 0x2013 || LOWER_END.test(text.slice(e - 2, e));
  if (!open) return false;
  for (let x = s; x + 3 <= e; x++) if (text.charCodeAt(x) === 32 && text.charCodeAt(x + 1) === 124 && text.charCodeAt(x + 2) === 32) return false;
  return true;
}

/**
 * The end offsets of the sentence segments of a block (as `Intl.Segmenter` cuts them, spaces after
 * a terminator kept): by the one-pass scanner for plain text, else by the segmenter.
 */
function segmentEnds(text: string, start: number, end: number): number[] {
  const plain = plainSentenceEnds(text, start, end);
  if (plain) return plain;
  // soft line breaks become spaces (same length) so the segmenter reads one paragraph
  const blockText = text.slice(start, end).replace(/\r?\n|\r/g, (m) => ' '.repeat(m.length));
  const ends: number[] = [];
  for (const seg of segmenter.segment(blockText)) ends.push(start + seg.index + seg.segment.length);
  return ends;
}

/** Sentences of `text[from, to)`, trimmed, with absolute offsets. Never returns an empty span. */
export function splitSentences(text: string, from = 0, to = text.length): Span[] {
  const bounds: number[] = [];
  sentenceBounds(text, from, to, bounds);
  return spansOf(bounds);
}

/** Spans of start and end offsets side by side. */
function spansOf(bounds: readonly number[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < bounds.length; i += 2) out.push({ start: bounds[i]!, end: bounds[i + 1]! });
  return out;
}

/** {@link splitSentences} as start and end offsets, appended to `out`, without cutting strings. */
export function sentenceBounds(text: string, from: number, to: number, out: number[]): void {
  const blocks: number[] = [];
  blockBounds(text, from, to, blocks);
  for (let b = 0; b < blocks.length; b += 2) {
    let pendingStart = -1;
    let pendingEnd = -1;
    let s = blocks[b]!;
    for (const e of segmentEnds(text, s, blocks[b + 1]!)) {
      if (pendingStart >= 0) {
        if (endsWithAbbreviation(text, pendingStart, pendingEnd, s, e) || !hasLetterOrDigit(text, s, e) || startsLowerCase(text, s, e)) {
          pendingEnd = e;
          s = e;
          continue;
        }
        pushTrimmed(text, pendingStart, pendingEnd, out);
      }
      pendingStart = s;
      pendingEnd = e;
      s = e;
    }
    if (pendingStart >= 0) pushTrimmed(text, pendingStart, pendingEnd, out);
  }
}

/** Whether the segment `text[from, to)` starts in lower case (white space aside), but not as "iPhone" or "eBay" do. */
function startsLowerCase(text: string, from: number, to: number): boolean {
  let k = from;
  while (k < to && isSpace(text.charCodeAt(k))) k++;
  if (!isLowerAt(text, k, to)) return false;
  const c = text.charCodeAt(k);
  return !((c === 105 || c === 101) && isUpperAt(text, k + 1, to));
}

function pushTrimmed(text: string, start: number, end: number, out: number[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end > start) out.push(start, end);
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
