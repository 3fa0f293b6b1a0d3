/**
 * The sentence splitter as it was before the one-pass scanner: `Intl.Segmenter` for every block,
 * then the news rules. Kept verbatim so that a test and `bench/segment-diff.ts` can show that the
 * scanner gives the same passages.
 */
import type { Span } from '../src/core/text/segment';

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

function endsWithAbbreviation(segment: string, nextStart: string): boolean {
  const m = /(?:^|[\s(“"'‘])((?:\p{L}\.)+\p{L}?|\p{L}+)\.["'”’)]?\s*$/u.exec(segment);
  if (!m) return false;
  const word = m[1]!.toLowerCase().replace(/\.$/, '');
  if (!ABBREVIATIONS.has(word)) {
    // single capital letters: initials ("John F. Kennedy")
    return /^\p{Lu}$/u.test(m[1]!) && /^\p{Lu}/u.test(nextStart);
  }
  if (TITLE_ABBREVIATIONS.has(word)) return true;
  // a.m., etc., i.e.: continue when the next word is lower case or a digit
  return /^[\p{Ll}\d]/u.test(nextStart) || word === 'a.m' || word === 'p.m';
}

const TERMINAL = /[.!?…]["'”’)\]]*\s*$/u;

/**
 * Blocks of text separated by hard breaks: blank lines, or a line break where the line before is
 * complete (ends a sentence) or is a short line of its own, like a headline. A line break inside a
 * sentence (a hard-wrapped paragraph) is soft: the block goes on.
 */
function splitBlocks(text: string, from = 0, to = text.length): Span[] {
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

/** Sentences of `text[from, to)`, trimmed, with absolute offsets. Never returns an empty span. */
export function splitSentencesBySegmenter(text: string, from = 0, to = text.length): Span[] {
  const out: Span[] = [];
  for (const block of splitBlocks(text, from, to)) {
    // soft line breaks become spaces (same length) so the segmenter reads one paragraph
    const blockText = text.slice(block.start, block.end).replace(/\r?\n|\r/g, (m) => ' '.repeat(m.length));
    let pending: Span | undefined;
    for (const seg of segmenter.segment(blockText)) {
      const s = block.start + seg.index;
      const e = s + seg.segment.length;
      if (pending) {
        const prevText = text.slice(pending.start, pending.end);
        if (endsWithAbbreviation(prevText, seg.segment.trimStart()) || !/\p{L}|\p{N}/u.test(seg.segment) || startsLowerCase(seg.segment)) {
          pending = { start: pending.start, end: e };
          continue;
        }
        pushTrimmed(text, pending, out);
      }
      pending = { start: s, end: e };
    }
    if (pending) pushTrimmed(text, pending, out);
  }
  return out;
}

function startsLowerCase(segment: string): boolean {
  return /^\s*[\p{Ll}]/u.test(segment) && !/^\s*(?:i|e)\p{Lu}/u.test(segment);
}

function pushTrimmed(text: string, span: Span, out: Span[]): void {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}

