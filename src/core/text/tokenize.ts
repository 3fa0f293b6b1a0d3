/**
 * Tokenising with offsets: words, with numbers, times and dates merged and normalised, phrasal
 * verbs folded, and a term for each (see ./text.ts for what terms are).
 */
import { DECLINE, MONTHS, NEGATIONS, NUMBER_WORDS, SCALE_WORDS, STOPWORDS, SYNONYMS, WEAK_NUMBER_WORDS, WEEKDAYS, canonical, detached, isStopword, stem } from './lexicon';

/** One word of a text, with its position and normalised term. */
export interface Token {
  /** The word as written. */
  readonly raw: string;
  /** Offset of the first character in the text that was tokenised. */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
  /** Case-folded, stemmed, synonym-mapped term; numbers as `#n`, times `@hh:mm`, dates `%mm-dd`. */
  readonly term: string;
  /** Kind of token, for the fact checks. */
  readonly kind: 'word' | 'number' | 'time' | 'date' | 'negation';
  /** Starts with an upper-case letter (and is not the first word of a sentence). */
  readonly capital: boolean;
  /** A stopword: kept for phrase matching, ignored for support. */
  readonly stop: boolean;
}

/**
 * Folds the characters that vary between copies of the same text: curly quotes and apostrophes,
 * dashes, non-breaking and other spaces. Keeps string length, so offsets still apply.
 */
export function foldPunctuation(text: string): string {
  return text.replace(/[‘’‚‛′`]/g, "'").replace(/[“”„‟″«»]/g, '"').replace(/[‐‑‒–—―−]/g, '-').replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
}

/** {@link foldPunctuation} for one word; most words are plain ASCII and need none. */
export function foldWord(word: string): string {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) return foldPunctuation(word);
  return word;
}

// A word: letters/digits with internal apostrophes, periods (U.S., a.m.), colons in times (09:00) and commas in numbers.
const WORD_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['’](?=\p{L})|\.(?=\p{L}\.?)|[:.,](?=\d{2,3}\b))*\.?/gu;

export interface RawWord {
  text: string;
  start: number;
  end: number;
}

function rawWords(text: string): RawWord[] {
  if (isSimple(text)) return mergeIdentifiers(text, simpleRawWords(text));
  const out: RawWord[] = [];
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(text); m; m = WORD_RE.exec(text)) {
    let w = m[0];
    let end = m.index + w.length;
    // a trailing period belongs to the word only in abbreviations like "U.S." or "a.m."
    if (w.endsWith('.') && !/\p{L}\.\p{L}\.$/u.test(w)) {
      w = w.slice(0, -1);
      end--;
    }
    out.push({ text: w, start: m.index, end });
  }
  return mergeIdentifiers(text, out);
}

/**
 * Whether a text is ASCII but for typographic quotes, dashes, the ellipsis and the no-break space
 * (none of them a letter, digit or mark): most news text, which {@link simpleRawWords} reads.
 */
function isSimple(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) continue;
    if (c === 0x2019 || c === 0x2018 || c === 0x201c || c === 0x201d || c === 0x2013 || c === 0x2014 || c === 0x2026 || c === 0xa0) continue;
    return false;
  }
  return true;
}

/** The months, the number words and the scale words by name, in maps: a lookup of a string met for the first time costs less than a property's. */
const MONTH_OF = new Map(Object.entries(MONTHS));
const NUMBER_OF = new Map(Object.entries(NUMBER_WORDS));
const NUMBER_WORD_NAMES = new Set(Object.keys(NUMBER_WORDS));
const SCALE_OF = new Map(Object.entries(SCALE_WORDS));

/** The month a word in lower case names, with or without its period ("sept." → 9). */
export function monthOf(lower: string): number | undefined {
  return MONTH_OF.get(lower.endsWith('.') ? lower.slice(0, -1) : lower);
}

/** Whether a word in lower case is a number word ("two", "twenty"). */
export function isNumberWord(lower: string): boolean {
  return NUMBER_WORD_NAMES.has(lower);
}

export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isAlnum = (c: number) => isLetter(c) || isDigit(c);

/** {@link WORD_RE} and the trailing-period rule in one pass, for a simple text (see {@link isSimple}). */
function simpleRawWords(text: string): RawWord[] {
  const out: RawWord[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i++;
    // no read past the end (V8 compiles a read in bounds, and compiles again at the first past it)
    for (;;) {
      const c = i < n ? text.charCodeAt(i) : -1;
      if (isAlnum(c)) i++;
      else if ((c === 39 || c === 0x2019 || c === 46) && isLetter(i + 1 < n ? text.charCodeAt(i + 1) : -1)) i++;
      else if ((c === 58 || c === 46 || c === 44) && digitGroup(text, i + 1)) i++;
      else break;
    }
    if (i < n && text.charCodeAt(i) === 46) i++;
    let end = i;
    // a trailing period belongs to the word only in abbreviations like "U.S." or "a.m."
    if (text.charCodeAt(end - 1) === 46 && !(end - start >= 4 && isLetter(text.charCodeAt(end - 4)) && text.charCodeAt(end - 3) === 46 && isLetter(text.charCodeAt(end - 2)))) end--;
    out.push({ text: text.slice(start, end), start, end });
  }
  return out;
}

/** `(?=\d{2,3}\b)` at `at`: two or three digits, then no word character. */
export function digitGroup(text: string, at: number, n = text.length): boolean {
  // no read past the end `n` (a NaN character slows the scanners that call this)
  let k = 0;
  while (k < 4 && at + k < n && isDigit(text.charCodeAt(at + k))) k++;
  if (k !== 2 && k !== 3) return false;
  if (at + k >= n) return true;
  const c = text.charCodeAt(at + k);
  return !(isAlnum(c) || c === 95);
}

/**
 * Hyphenated names with a number in them are one word: "COVID-19", "SARS-CoV-2", "F-16", "G-7" —
 * not a count of something. "10-hour" and "one-year" stay apart (the number comes first).
 */
function mergeIdentifiers(text: string, words: RawWord[]): RawWord[] {
  const out: RawWord[] = [];
  for (let i = 0; i < words.length; i++) {
    let j = i;
    while (j + 1 < words.length && text.charCodeAt(words[j]!.end) === 45 /* - */ && words[j + 1]!.start === words[j]!.end + 1) j++;
    if (j === i) {
      out.push(words[i]!);
      continue;
    }
    const parts = words.slice(i, j + 1);
    const firstDigit = parts.findIndex((p) => /\d/.test(p.text));
    if (firstDigit > 0 && /^\p{L}+$/u.test(parts[0]!.text)) {
      out.push({ text: text.slice(parts[0]!.start, parts[j - i]!.end), start: parts[0]!.start, end: parts[j - i]!.end });
      i = j;
    } else out.push(words[i]!);
  }
  return out;
}

function parseNumber(word: string): number | undefined {
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(word)) return Number(word.replace(/,/g, ''));
  if (/^\d+(\.\d+)?$/.test(word)) return Number(word);
  const ord = /^(\d+)(st|nd|rd|th)$/i.exec(word);
  if (ord) return Number(ord[1]);
  return undefined;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Splits text into tokens with normalised terms. Multi-word values (times, dates, "turned … down") are merged. */
export function tokenize(text: string): Token[] {
  const words = rawWords(text);
  const out: Token[] = [];
  for (let i = 0; i < words.length; i++) i = tokenAt(text, words, i, out);
  return mergePhrasalVerbs(out);
}

/**
 * The token of word `i` of `text` (appended to `out`), with the words after it that it takes (a
 * time's "a.m.", a date's day, a number's scale); returns the index of the last word taken.
 * `notPlain`: the caller has found no plain word for it (see {@link plainWord}) just before.
 */
export function tokenAt(text: string, words: readonly RawWord[], i: number, out: Token[], notPlain = false): number {
  const w = words[i]!;
  const lower = foldWord(w.text).toLowerCase();
  const c0 = w.text.charCodeAt(0);
  // the first word starts a sentence: its capital says nothing
  const capital = i > 0 && (c0 < 128 ? c0 >= 65 && c0 <= 90 : /^\p{Lu}/u.test(w.text));
  const plainWord = notPlain ? undefined : plainWords.get(lower);
  if (plainWord) {
    // a word seen before that is no number, date, time or negation in any context
    pushWord(out, w, plainWord, capital, c0, words[i + 1]);
    return i;
  }
  const push = (term: string, kind: Token['kind'], end = w.end, raw = text.slice(w.start, end)) => {
    out.push({ raw, start: w.start, end, term, kind, capital, stop: false });
  };
  const next = words[i + 1];
  // every time and number below starts with a digit: a word that does not is never tried for one
  const digit = isDigit(lower.charCodeAt(0));
  const month = monthOf(lower);
  const numberWord = isNumberWord(lower);
  // the next word and what is between: read only by times, dates and numbers
  const near = next !== undefined && (digit || month !== undefined || numberWord);
  const nextLower = near ? next.text.toLowerCase() : '';
  const gapToNext = near ? text.slice(w.end, next.start) : '';
  // times: 09:00, 9am, 9 a.m., 0900 (four digits between 0000 and 2359 beside another time or "local time"/"GMT")
  let m = digit ? /^(\d{1,2}):(\d{2})$/.exec(lower) : null;
  if (m && Number(m[1]) < 24 && Number(m[2]) < 60) {
    let h = Number(m[1]);
    if (next && /^(a\.?m|p\.?m)\.?$/.test(nextLower) && /^\s*$/.test(gapToNext)) {
      h = ampm(h, nextLower);
      push(`@${pad2(h)}:${m[2]}`, 'time', next.end);
      i++;
    } else push(`@${pad2(h)}:${m[2]}`, 'time');
    return i;
  }
  m = digit ? /^(\d{1,2})(a\.?m|p\.?m)\.?$/.exec(lower) : null;
  if (m && Number(m[1]) <= 12) {
    push(`@${pad2(ampm(Number(m[1]), m[2]!))}:00`, 'time');
    return i;
  }
  if (digit && /^\d{1,2}$/.test(lower) && next && /^(a\.?m|p\.?m)\.?$/.test(nextLower) && /^\s*$/.test(gapToNext) && Number(lower) <= 12) {
    push(`@${pad2(ampm(Number(lower), nextLower))}:00`, 'time', next.end);
    i++;
    return i;
  }
  if (digit && /^([01]\d|2[0-3])[0-5]\d$/.test(lower) && looksLikeClock(words, i, text)) {
    push(`@${lower.slice(0, 2)}:${lower.slice(2)}`, 'time');
    return i;
  }
  // dates: "Nov. 4", "November 4th", "4 November", "the 4th of November"
  if (month !== undefined && !(lower === 'may' && !/^\d/.test(nextLower)) && !(lower === 'mar' && !/^\d/.test(nextLower))) {
    const day = next && /^[\s.,]*$/.test(gapToNext) ? parseNumber(nextLower) : undefined;
    if (day !== undefined && day >= 1 && day <= 31 && Number.isInteger(day)) {
      push(`%${pad2(month)}-${pad2(day)}`, 'date', next!.end);
      i++;
      return i;
    }
    push(`%${pad2(month)}`, 'date');
    return i;
  }
  // "$5bn", "£1.5m", "20k": a number with its scale attached (m and k only after a currency sign)
  // (a word that starts with a digit and ends in n, m or k: most numbers are not tried)
  const lastCode = lower.charCodeAt(lower.length - 1);
  m = digit && (lastCode === 110 || lastCode === 109 || lastCode === 107) ? /^(\d+(?:\.\d+)?)(bn|mn|tn|m|k)$/.exec(lower) : null;
  if (m && (m[2] !== 'm' && m[2] !== 'k' || /[$£€¥]\s*$/.test(text.slice(Math.max(0, w.start - 3), w.start)))) {
    const scale = { bn: 1e9, mn: 1e6, tn: 1e12, m: 1e6, k: 1e3 }[m[2] as 'bn' | 'mn' | 'tn' | 'm' | 'k'];
    push(`#${Math.round(Number(m[1]) * scale)}`, 'number');
    return i;
  }
  const num = digit ? parseNumber(lower) : undefined;
  if (num !== undefined) {
    // "4th of November", "4 November"
    let j = i + 1;
    if (words[j]?.text.toLowerCase() === 'of') j++;
    const mon = words[j] ? monthOf(words[j]!.text.toLowerCase()) : undefined;
    if (mon !== undefined && num >= 1 && num <= 31 && j - i <= 2 && /^[\s\p{L}]*$/u.test(text.slice(w.end, words[j]!.start))) {
      push(`%${pad2(mon)}-${pad2(num)}`, 'date', words[j]!.end);
      i = j;
      return i;
    }
    const scale = next ? SCALE_OF.get(nextLower) : undefined;
    if (scale && /^\s*$/.test(gapToNext)) {
      push(`#${Math.round(num * scale)}`, 'number', next!.end);
      i++;
      return i;
    }
    push(`#${num}`, 'number');
    return i;
  }
  if (numberWord) {
    const weak = WEAK_NUMBER_WORDS.has(lower);
    const isUnitContext = next && /^\s*$/.test(gapToNext) && !isStopword(nextLower) && !isNumberWord(nextLower);
    if (!weak || (isUnitContext && lower !== 'second' && lower !== 'first')) {
      let value = NUMBER_OF.get(lower)!;
      // "twenty five", "two hundred"
      let k = i;
      while (words[k + 1] && /^[\s-]*$/.test(text.slice(words[k]!.end, words[k + 1]!.start))) {
        const nl = words[k + 1]!.text.toLowerCase();
        const scale = SCALE_OF.get(nl);
        if (scale && nl !== 'm' && nl !== 'bn') value *= scale;
        else if (value >= 20 && value < 100 && value % 10 === 0 && (NUMBER_OF.get(nl) ?? 99) < 10) value += NUMBER_OF.get(nl)!;
        else break;
        k++;
      }
      push(`#${value}`, 'number', words[k]!.end);
      i = k;
      return i;
    }
  }
  if (lower === 'no' && /^\.?\s?\d/.test(text.slice(w.end, w.end + 3))) {
    // "No. 1", "No.1": a rank, not a negation
    out.push({ raw: w.text, start: w.start, end: w.end, term: 'no', kind: 'word', capital: false, stop: true });
    return i;
  }
  if (lower.endsWith("n't") || NEGATIONS.has(lower)) {
    // "didn't" → not; the verb before it is a stopword anyway
    push('~not', 'negation');
    return i;
  }
  if (WEEKDAYS.has(lower)) {
    push(`%${lower.slice(0, 3)}`, 'date');
    return i;
  }
  const spelling = detached(lower);
  const word = plainWordOf(spelling);
  // only words that are never numbers, dates, times or negations are remembered (see above)
  if (c0 > 57 && month === undefined && !numberWord && lower !== 'no' && !WEEKDAYS.has(lower)) {
    if (plainWords.size >= PLAIN_WORDS_MAX) plainWords.clear();
    plainWords.set(spelling, word);
  }
  pushWord(out, w, word, capital, c0, next);
  return i;
}

/** What a word that is no number, date, time or negation stands for, worked out once per spelling. */
export interface PlainWord {
  term: string;
  stop: boolean;
  /** "am"/"pm" left over: never a capital. */
  neverCapital: boolean;
  /** A form of "decline": "fall" unless an object follows. */
  decline: boolean;
}

const plainWords = new Map<string, PlainWord>();

/** The plain word of a spelling in lower case, when it has been met and is one (see tokenAt). */
export function plainWord(lower: string): PlainWord | undefined {
  return plainWords.get(lower);
}
/** Spellings remembered (about 10 MB at most); a news archive's common words fit many times over. */
export const PLAIN_WORDS_MAX = 100_000;
export const FALL = canonical('fall');

function plainWordOf(lower: string): PlainWord {
  // most words have no apostrophe and no period: no replacing then
  const quoted = lower.includes("'") || lower.includes('’');
  const plain = quoted ? lower.replace(/['’]s$/, '').replace(/['’]/g, '') : lower;
  const key = plain.includes('.') ? plain.replace(/\./g, '') : plain;
  if (key === 'us' && plain.includes('.')) return { term: 'usa', stop: false, neverCapital: false, decline: false };
  // a stray a.m./p.m. after a number we did not recognise
  if (key === 'am' || key === 'pm') return { term: key, stop: true, neverCapital: true, decline: false };
  const stop = STOPWORDS.has(key) || (key.length === 1 && !/\d/.test(key));
  return { term: stop ? key : canonical(key), stop, neverCapital: false, decline: !stop && stem(key) === DECLINE };
}

/** "declined the offer" rejects it; "sales declined 5%" and "a decline in sales" fall. */
export const DECLINE_OBJECT = /^(to|the|a|an|his|her|their|its|this|that|these|those|any|all|offers?|invitations?|requests?|calls?)$/;

function pushWord(out: Token[], w: RawWord, word: PlainWord, capital: boolean, c0: number, next: RawWord | undefined): void {
  let term = word.term;
  if (word.decline && !DECLINE_OBJECT.test(next ? next.text.toLowerCase() : '')) term = FALL;
  // an abbreviation in capitals ("NATO") is a name wherever it stands
  const upperAbbrev = !word.neverCapital && !(c0 >= 97 && c0 <= 122) && w.text.length >= 2 && allCapitals(w.text);
  out.push({ raw: w.text, start: w.start, end: w.end, term, kind: 'word', capital: word.neverCapital ? false : capital || upperAbbrev, stop: word.stop });
}

/** `/^\p{Lu}+$/u`, without the regular expression for ASCII words. */
function allCapitals(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 128) return /^\p{Lu}{2,}$/u.test(word);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

function ampm(h: number, marker: string): number {
  const pm = marker.startsWith('p');
  if (pm && h < 12) return h + 12;
  if (!pm && h === 12) return 0;
  return h;
}

/** "0900" is a clock time when next to "and"/"to"/"-" and another 4-digit time, or before "local time"/"GMT"/"hours". */
function looksLikeClock(words: readonly RawWord[], i: number, text: string): boolean {
  const near = (k: number) => words[k]?.text.toLowerCase() ?? '';
  const isFour = (k: number) => /^([01]\d|2[0-3])[0-5]\d$/.test(near(k));
  if (/^(local|gmt|utc|hours|hrs|h)$/.test(near(i + 1))) return true;
  if ((near(i + 1) === 'and' || near(i + 1) === 'to') && isFour(i + 2)) return true;
  if ((near(i - 1) === 'and' || near(i - 1) === 'to' || near(i - 1) === 'between' || near(i - 1) === 'from') && (isFour(i - 2) || isFour(i + 2) || near(i - 1) === 'between' || near(i - 1) === 'from')) return true;
  const w = words[i]!;
  const after = text.slice(w.end, w.end + 3);
  return /^\s*-\s*\d/.test(after) && isFour(i + 1);
}

/** Phrasal verbs that mean one word: "turned the offer down" → reject. */
const PHRASAL: Array<[string, string, string]> = [
  ['turn', 'down', 'reject'],
  ['pull', 'back', 'withdraw'],
  ['pull', 'out', 'withdraw'],
  ['call', 'off', 'cancel'],
  ['set', 'up', 'establish'],
  ['give', 'up', 'surrend'],
  ['break', 'out', 'escap'],
  ['carri', 'out', 'conduct'],
  ['put', 'off', 'postpon'],
  ['step', 'down', 'resign'],
  ['cut', 'off', 'sever'],
  ['shut', 'down', 'close'],
];

/** The phrasal verbs of each verb, in the order of PHRASAL. */
export const PHRASAL_BY_VERB = new Map<string, Array<[string, string, string]>>();
for (const entry of PHRASAL) PHRASAL_BY_VERB.set(entry[0], [...(PHRASAL_BY_VERB.get(entry[0]) ?? []), entry]);

function mergePhrasalVerbs(tokens: Token[]): Token[] {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const entries = PHRASAL_BY_VERB.get(t.term);
    if (!entries) continue;
    for (const [, particle, meaning] of entries) {
      for (let j = i + 1; j <= i + 4 && j < tokens.length; j++) {
        if (tokens[j]!.raw.toLowerCase() === particle) {
          tokens[i] = { ...t, term: SYNONYMS.get(meaning) ?? meaning, stop: false };
          tokens[j] = { ...tokens[j]!, stop: true };
          break;
        }
      }
    }
  }
  return tokens;
}
