/**
 * The index terms of a text in one pass: the terms of its tokens that are no stopwords, exactly as
 * `tokenize` (./tokenize.ts) gives them, without making tokens for plain words. Words are found by
 * scanning character codes; each spelling as written is looked up by a hash of its characters in
 * a table of its own (no string is cut from the text for a word met before), which holds the
 * spelling's lower case and, once known, its plain word (or the term of a negation or a weekday,
 * which no neighbour changes). Words that may be numbers, dates or times, and words not met before,
 * go through `tokenAt` as in `tokenize`. Texts with letters beyond ASCII go through `tokenize`.
 */
import { MONTHS, NEGATIONS, NUMBER_WORDS, SYNONYMS, WEEKDAYS, detached } from './lexicon';
import { DECLINE_OBJECT, FALL, PHRASAL_BY_VERB, PLAIN_WORDS_MAX, digitGroup, foldWord, isDigit, isLetter, plainWord, tokenAt, tokenize, type PlainWord, type RawWord, type Token } from './tokenize';

/** A spelling as written: its folded lower case, and its plain word once known. */
interface Spelling {
  readonly key: string;
  readonly lower: string;
  plain: PlainWord | undefined;
  /** Its plain word's term is a phrasal verb's (see PHRASAL_BY_VERB). */
  phrasal: boolean;
  /** The term of a negation or a weekday, which no neighbour changes (as `tokenAt` gives it). */
  readonly fixed: string | undefined;
  /** Its lower case, if short enough to be a particle (see the phrasal verbs). */
  readonly particle: string;
  /** Its place in `entries` (see {@link spellingGeneration}). */
  readonly place: number;
}

/**
 * Spellings by the hash of their characters (open addressing, at most half full: the table doubles
 * as spellings come; cleared at SPELLINGS_MAX, as plain words are at theirs).
 */
let slots = 1 << 14;
/** Per slot, side by side (one cache line): the spelling's hash, then its place in `entries` plus one (0: empty). */
let table = new Int32Array(2 * slots);
const entries: Spelling[] = [];
/** Bumped whenever `entries` is cleared: a spelling's place then means another spelling. */
let generation = 0;
/** Spellings remembered, as many as plain words (about 10 MB at most). */
const SPELLINGS_MAX = PLAIN_WORDS_MAX;

function place(h: number, entry: number): void {
  let slot = h & (slots - 1);
  while (table[2 * slot + 1] !== 0) slot = (slot + 1) & (slots - 1);
  table[2 * slot] = h;
  table[2 * slot + 1] = entry;
}

function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h ^ (h >>> 15);
}

/** The spelling of `text` from `start` to `end`, whose {@link hashOf} is `h`. */
function spellingAt(text: string, start: number, end: number, h: number): Spelling {
  const len = end - start;
  for (let slot = h & (slots - 1); ; slot = (slot + 1) & (slots - 1)) {
    const e = table[2 * slot + 1]!;
    if (e === 0) break;
    if (table[2 * slot] !== h) continue;
    const sp = entries[e - 1]!;
    const key = sp.key;
    if (key.length === len && text.startsWith(key, start)) return sp;
  }
  if (entries.length >= SPELLINGS_MAX) {
    entries.length = 0;
    table.fill(0);
    generation++;
  } else if (2 * (entries.length + 1) > slots) {
    // grow: every spelling placed again by its hash
    const hashes = new Int32Array(entries.length);
    for (let s = 0; s < slots; s++) if (table[2 * s + 1] !== 0) hashes[table[2 * s + 1]! - 1] = table[2 * s]!;
    slots *= 2;
    table = new Int32Array(2 * slots);
    for (let e = 0; e < entries.length; e++) place(hashes[e]!, e + 1);
  }
  const key = detached(text.slice(start, end));
  const lower = foldWord(key).toLowerCase();
  // "no" may be a rank ("No. 1"); other negations and the weekdays stand alone
  const alone = lower !== 'no' && isLetter(lower.charCodeAt(0)) && !(lower in MONTHS) && !(lower.replace(/\.$/, '') in MONTHS) && !(lower in NUMBER_WORDS);
  const fixed = !alone ? undefined : lower.endsWith("n't") || NEGATIONS.has(lower) ? '~not' : WEEKDAYS.has(lower) ? `%${lower.slice(0, 3)}` : undefined;
  const sp: Spelling = { key, lower, plain: undefined, phrasal: false, fixed, particle: key.length <= 4 ? key.toLowerCase() : '', place: entries.length };
  entries.push(sp);
  place(h, entries.length);
  return sp;
}

/** Characters beyond ASCII that are no letter, digit or mark (see `isSimple` in ./tokenize.ts). */
const isSimpleWide = (c: number) => c === 0x2019 || c === 0x2018 || c === 0x201c || c === 0x201d || c === 0x2013 || c === 0x2014 || c === 0x2026 || c === 0xa0;

/** Character classes of ASCII: 1 a letter, 2 a digit. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) CLASS[c] = isLetter(c) ? 1 : isDigit(c) ? 2 : 0;

/** Word bounds of the text being scanned, and each word's hash (grown as needed). */
let starts = new Int32Array(256);
let ends = new Int32Array(256);
let hashes = new Int32Array(256);

/**
 * The words of a simple text (see `isSimple`) into `starts`/`ends`/`hashes`, with hyphenated
 * names that hold a number joined (`mergeIdentifiers`); -1 when the text is not simple.
 */
function scanWords(text: string): number {
  const n = text.length;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    if (c0 >= 128 ? true : CLASS[c0] === 0) {
      if (c0 >= 128 && !isSimpleWide(c0)) return -1;
      i++;
      continue;
    }
    const start = i++;
    let h = Math.imul(0x811c9dc5 ^ c0, 0x01000193);
    // reads stay inside the text: a character read past its end (NaN) would make the loop slower
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128 && CLASS[c] !== 0) i++;
      else if ((c === 39 || c === 0x2019 || c === 46) && i + 1 < n && isLetter(text.charCodeAt(i + 1))) i++;
      else if ((c === 58 || c === 46 || c === 44) && digitGroup(text, i + 1)) i++;
      else break;
      h = Math.imul(h ^ c, 0x01000193);
    }
    let end = i;
    // a trailing period belongs to the word only in abbreviations like "U.S." or "a.m."
    if (i < n && text.charCodeAt(i) === 46) {
      i++;
      if (end - start >= 3 && isLetter(text.charCodeAt(end - 3)) && text.charCodeAt(end - 2) === 46 && isLetter(text.charCodeAt(end - 1))) {
        h = Math.imul(h ^ 46, 0x01000193);
        end = i;
      }
    }
    if (count === starts.length) {
      starts = grow(starts);
      ends = grow(ends);
      hashes = grow(hashes);
    }
    starts[count] = start;
    ends[count] = end;
    hashes[count++] = h ^ (h >>> 15);
  }
  return mergeIdentifiers(text, count);
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** `mergeIdentifiers` of ./tokenize.ts on `starts`/`ends`, in place: "COVID-19", "F-16" are one word. */
function mergeIdentifiers(text: string, count: number): number {
  let out = 0;
  for (let i = 0; i < count; i++) {
    let j = i;
    while (j + 1 < count && text.charCodeAt(ends[j]!) === 45 && starts[j + 1] === ends[j]! + 1) j++;
    if (j > i && lettersOnly(text, starts[i]!, ends[i]!)) {
      let digit = false;
      for (let k = i + 1; k <= j && !digit; k++) for (let x = starts[k]!; x < ends[k]! && !digit; x++) digit = isDigit(text.charCodeAt(x));
      // the first part has no digit (it is letters only): any digit is in a later part
      if (digit) {
        starts[out] = starts[i]!;
        ends[out] = ends[j]!;
        hashes[out++] = hashOf(text, starts[i]!, ends[j]!);
        i = j;
        continue;
      }
    }
    starts[out] = starts[i]!;
    ends[out] = ends[i]!;
    hashes[out++] = hashes[i]!;
  }
  return out;
}

function lettersOnly(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isLetter(text.charCodeAt(k))) return false;
  return true;
}

/** A word of the text being scanned, cut from it only when its text is read. */
class ScannedWord implements RawWord {
  private cut: string | undefined;
  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
  ) {}
  get text(): string {
    return (this.cut ??= this.source.slice(this.start, this.end));
  }
}

/** Per token: its term, whether it is a stopword, and its raw text in lower case (for phrasal verbs). */
let terms: string[] = [];
let lowers: string[] = [];
let stops = new Uint8Array(256);
/** Per token: the place of the spelling whose term it always is, or -1 (see {@link TermSpellings}). */
let placeOf = new Int32Array(256);

/**
 * Which spelling each term written by {@link indexTermsInto} stands for: a spelling's term is the
 * same wherever it is met (its plain word, a negation, a weekday), unless the words around it
 * change it (-1). A caller can then remember a spelling's term by its place instead of looking the
 * term up; places are valid for one {@link spellingGeneration}.
 */
export class TermSpellings {
  /** Per term written: the place of its spelling, or -1. */
  places = new Int32Array(256);
}

/** Spellings' places change meaning when this does (the table of spellings was cleared). */
export function spellingGeneration(): number {
  return generation;
}

/** One more than the largest place a spelling has now. */
export function spellingPlaces(): number {
  return entries.length;
}

export function indexTermsOf(text: string): string[] {
  const out: string[] = [];
  indexTermsInto(text, out);
  return out;
}

/**
 * {@link indexTermsOf} into `out` from its start (what was there beyond is left): the number of
 * terms. With `spellings`, also which spelling each term stands for.
 */
export function indexTermsInto(text: string, out: string[], spellings?: TermSpellings): number {
  const n = scanWords(text);
  const atStart = generation;
  if (n < 0) {
    let k = 0;
    for (const t of tokenize(text)) if (!t.stop) out[k++] = t.term;
    if (spellings) {
      if (spellings.places.length < k) spellings.places = new Int32Array(k * 2);
      spellings.places.fill(-1, 0, k);
    }
    return k;
  }
  if (stops.length < n) {
    stops = new Uint8Array(n * 2);
    placeOf = new Int32Array(n * 2);
  }
  let count = 0;
  let words: RawWord[] | undefined;
  let special: Token[] | undefined;
  let next: Spelling | undefined;
  let phrasal = false;
  for (let i = 0; i < n; i++) {
    const sp = next ?? spellingAt(text, starts[i]!, ends[i]!, hashes[i]!);
    next = undefined;
    let pw = sp.plain;
    if (!pw && (pw = plainWord(sp.lower))) {
      sp.plain = pw;
      sp.phrasal = PHRASAL_BY_VERB.has(pw.term);
    }
    if (pw) {
      let term = pw.term;
      if (pw.decline) {
        // "declined the offer" rejects it; "sales declined 5%" fall (see pushWord)
        if (i + 1 < n) next = spellingAt(text, starts[i + 1]!, ends[i + 1]!, hashes[i + 1]!);
        if (!DECLINE_OBJECT.test(next ? next.lower : '')) term = FALL;
      }
      if (sp.phrasal && term === pw.term) phrasal = true;
      terms[count] = term;
      lowers[count] = sp.lower;
      placeOf[count] = term === pw.term ? sp.place : -1;
      stops[count++] = pw.stop ? 1 : 0;
      continue;
    }
    if (sp.fixed !== undefined) {
      terms[count] = sp.fixed;
      lowers[count] = sp.particle;
      placeOf[count] = sp.place;
      stops[count++] = 0;
      continue;
    }
    if (!words) {
      // tokenAt reads two words back at most, and forward as far as it needs; the words before
      // are never read (i only grows)
      words = new Array<RawWord>(n);
      for (let k = Math.max(0, i - 2); k < n; k++) words[k] = new ScannedWord(text, starts[k]!, ends[k]!);
    }
    special ??= [];
    special.length = 0;
    i = tokenAt(text, words, i, special);
    for (const t of special) {
      if (!phrasal && PHRASAL_BY_VERB.has(t.term)) phrasal = true;
      terms[count] = t.term;
      // only a short word can be a particle (and a short string holds no text alive)
      lowers[count] = t.raw.length <= 4 ? t.raw.toLowerCase() : '';
      placeOf[count] = -1;
      stops[count++] = t.stop ? 1 : 0;
    }
  }
  if (phrasal) {
    // as mergePhrasalVerbs does on tokens
    for (let i = 0; i < count; i++) {
      const entries = PHRASAL_BY_VERB.get(terms[i]!);
      if (!entries) continue;
      for (const [, particle, meaning] of entries) {
        for (let j = i + 1; j <= i + 4 && j < count; j++) {
          if (lowers[j] === particle) {
            terms[i] = SYNONYMS.get(meaning) ?? meaning;
            placeOf[i] = -1;
            stops[i] = 0;
            stops[j] = 1;
            break;
          }
        }
      }
    }
  }
  let k = 0;
  if (spellings) {
    if (spellings.places.length < count) spellings.places = new Int32Array(count * 2);
    const places = spellings.places;
    for (let i = 0; i < count; i++) {
      if (stops[i]) continue;
      places[k] = placeOf[i]!;
      out[k++] = terms[i]!;
    }
    // the table was cleared on the way: the places met before mean other spellings now
    if (generation !== atStart) places.fill(-1, 0, k);
  } else for (let i = 0; i < count; i++) if (!stops[i]) out[k++] = terms[i]!;
  if (terms.length > 4096) {
    // a long text: let its strings go
    terms = [];
    lowers = [];
  }
  return k;
}
