/**
 * Sentence boundaries of plain text in one pass: the rules of Unicode's sentence segmentation
 * (UAX #29, which `Intl.Segmenter` follows) for the characters news text is made of — ASCII,
 * typographic quotes and dashes, the ellipsis and the no-break space. A text with any other
 * character is left to `Intl.Segmenter` (see `sentenceSegments` in ./segment.ts); on plain text
 * both give the same segments (test/unit/segment.test.ts compares them).
 */

/** Sentence-break classes of UAX #29 (those plain text has). */
const OTHER = 0;
const SP = 1;
const LOWER = 2;
const UPPER = 3;
const NUMERIC = 4;
const ATERM = 5;
const STERM = 6;
const CLOSE = 7;
const SCONTINUE = 8;
/** A character outside plain text. */
const NOT_PLAIN = 9;

const ASCII = new Uint8Array(128).fill(NOT_PLAIN);
for (let c = 0x20; c < 0x7f; c++) ASCII[c] = OTHER;
ASCII[0x09] = SP;
ASCII[0x20] = SP;
// line breaks inside the range are soft ones (a hard-wrapped paragraph): read as spaces
ASCII[0x0a] = SP;
ASCII[0x0d] = SP;
for (let c = 0x61; c <= 0x7a; c++) ASCII[c] = LOWER;
for (let c = 0x41; c <= 0x5a; c++) ASCII[c] = UPPER;
for (let c = 0x30; c <= 0x39; c++) ASCII[c] = NUMERIC;
ASCII[0x2e] = ATERM;
ASCII[0x21] = STERM;
ASCII[0x3f] = STERM;
for (const ch of `"'()[]{}`) ASCII[ch.charCodeAt(0)] = CLOSE;
for (const ch of ',-:;') ASCII[ch.charCodeAt(0)] = SCONTINUE;

/** The ASCII characters {@link plainSentenceEnds} stops at (1): the terminators, and those outside plain text (see {@link classOf}). */
const STOP = new Uint8Array(128);
for (let c = 0; c < 128; c++) STOP[c] = ASCII[c] === ATERM || ASCII[c] === STERM || ASCII[c] === NOT_PLAIN ? 1 : 0;

/** The first character of `text[i, to)` that {@link plainSentenceEnds} stops at (a terminator, or one outside plain text), or `to`. */
function nextStop(text: string, i: number, to: number): number {
  for (; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 128 ? STOP[c] === 1 : classOf(c) === NOT_PLAIN) return i;
  }
  return to;
}

function classOf(c: number): number {
  if (c < 128) return ASCII[c]!;
  switch (c) {
    case 0xa0:
      return SP;
    case 0x2018:
    case 0x2019:
    case 0x201c:
    case 0x201d:
    case 0xab:
    case 0xbb:
      return CLOSE;
    case 0x2013:
    case 0x2014:
      return SCONTINUE;
    case 0x2026:
      return OTHER;
    default:
      return NOT_PLAIN;
  }
}

/**
 * The end offsets of the sentence segments of `text[from, to)` (each segment keeps the spaces
 * after its terminator; the last ends at `to`), or undefined when the text is not plain.
 * Line breaks there are read as spaces (the caller splits at hard ones first).
 */
export function plainSentenceEnds(text: string, from: number, to: number): number[] | undefined {
  // one pass: every character is read by the search for the next terminator or character outside
  // plain text (nextStop) or here as `c` (the jumps below only pass closing marks and spaces
  // already read), so a character outside plain text is always met
  const ends: number[] = [];
  let i = from;
  while (i < to) {
    i = nextStop(text, i, to);
    if (i === to) break;
    const c = classOf(text.charCodeAt(i));
    if (c !== ATERM && c !== STERM) {
      if (c === NOT_PLAIN) return undefined;
      i++;
      continue;
    }
    let j = i + 1;
    if (c === ATERM && j < to) {
      const next = classOf(text.charCodeAt(j));
      // SB6: "3.5"; SB7: "U.S"
      if (next === NUMERIC) {
        i = j;
        continue;
      }
      if (next === UPPER && i > from) {
        const before = classOf(text.charCodeAt(i - 1));
        if (before === UPPER || before === LOWER) {
          i = j;
          continue;
        }
      }
    }
    // SB9, SB10: closing marks, then spaces, stay with the sentence
    while (j < to && classOf(text.charCodeAt(j)) === CLOSE) j++;
    while (j < to && classOf(text.charCodeAt(j)) === SP) j++;
    if (j >= to) break;
    if (c === ATERM) {
      // SB8: no break when a lower-case letter comes before any other letter or terminator
      let k = j;
      let kc = classOf(text.charCodeAt(k));
      while (k < to && kc !== UPPER && kc !== LOWER && kc !== ATERM && kc !== STERM) kc = classOf(text.charCodeAt(++k));
      if (k < to && kc === LOWER) {
        i = j;
        continue;
      }
    }
    // SB8a: a comma, dash, colon or another terminator continues the sentence
    const next = classOf(text.charCodeAt(j));
    if (next === SCONTINUE || next === ATERM || next === STERM) {
      i = j;
      continue;
    }
    // SB11
    ends.push(j);
    i = j;
  }
  ends.push(to);
  return ends;
}
