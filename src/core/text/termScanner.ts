/**
 * The index terms of a text in one pass: the terms of its tokens that are no stopwords, exactly as
 * `tokenize` (./tokenize.ts) gives them, without making tokens for plain words. Words are found by
 * scanning character codes; each spelling as written is looked up by a hash of its characters in
 * a table of its own (no string is cut from the text for a word met before), which holds the
 * spelling's lower case and, once known, its plain word (or the term of a negation or a weekday,
 * which no neighbour changes). Words that may be numbers, dates or times, and words not met before,
 * go through `tokenAt` as in `tokenize`. Texts with letters beyond ASCII go through `tokenize`.
 */
import { NEGATIONS, SYNONYMS, WEEKDAYS, detached } from './lexicon';
import { DECLINE_OBJECT, FALL, PHRASAL_BY_VERB, PLAIN_WORDS_MAX, digitGroup, foldWord, isDigit, isLetter, isNumberWord, monthOf, plainWord, tokenAt, tokenize, type RawWord, type Token } from './tokenize';

/**
 * Spellings as written, by the hash of their characters: an open-addressing table (at most half
 * full: it doubles as spellings come; cleared at SPELLINGS_MAX, as plain words are at theirs)
 * whose slots hold the spelling's hash, its place plus one (0: an empty slot), its length and its
 * first INLINE characters, so that a word met before is found by reading one slot of the table:
 * no object and no string is read for it but for a long word's remaining characters. What is
 * known of a spelling is kept by its place, in typed arrays and flat lists (see `flags` and `strings`).
 */
const STRIDE = 8;
/** Characters of a spelling kept in its slot, two to an integer. */
const INLINE = 10;
/**
 * The table and `flags` start small, so that they first grow within a text or two, while `added`
 * is still interpreted: its optimised code then has a way to grow them, and is not thrown away
 * when they first do.
 */
let slots = 1 << 4;
let table = new Int32Array(STRIDE * slots);
/**
 * Per place, four strings side by side: the spelling as written, its folded lower case, its term
 * once known (its plain word's, or that of a negation or a weekday, which no neighbour changes; ''
 * while unknown) and its lower case if short enough to be a particle (see the phrasal verbs; '' if not).
 */
const strings: string[] = [];
/** Per place: what is known of the spelling ({@link PLAIN} …). */
let flags = new Uint8Array(1 << 4);
/** Spellings remembered (the number of places in use). */
let spellingCount = 0;
/** Its plain word is known: its term is in `strings` … */
const PLAIN = 1;
/** … and it is a stopword, */
const STOP = 2;
/** … or a form of "decline" ("fall" unless an object follows), */
const DECLINE = 4;
/** … or a phrasal verb's (see PHRASAL_BY_VERB). */
const PHRASAL = 8;
/** Its term is a negation's or a weekday's (as `tokenAt` gives it), in `strings`. */
const FIXED = 16;
/** It is never a plain word (a number, a month, a number word, "no", a weekday): `tokenAt` works it out where it stands. */
const NEVER_PLAIN = 32;
/** Bumped whenever the table is cleared: a spelling's place then means another spelling. */
let generation = 0;
/** Spellings remembered, as many as plain words (about 10 MB at most). */
const SPELLINGS_MAX = PLAIN_WORDS_MAX;

function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = start; k < end; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193);
  return h ^ (h >>> 15);
}

/** The place of the spelling of `text` from `start` to `end`, whose {@link hashOf} is `h` (added if new). */
function placeAt(text: string, start: number, end: number, h: number): number {
  const len = end - start;
  const mask = slots - 1;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const at = slot * STRIDE;
    const e = table[at + 1]!;
    if (e === 0) break;
    if (table[at] === h && table[at + 2] === len && sameAt(text, start, len, at, e - 1)) return e - 1;
  }
  return added(text, start, end, h);
}

/** Whether the spelling in the slot at `at` (of place `place` and length `len`) is the text's from `start`. */
function sameAt(text: string, start: number, len: number, at: number, place: number): boolean {
  const inline = len < INLINE ? len : INLINE;
  let k = 0;
  for (; k + 1 < inline; k += 2) if (table[at + 3 + (k >> 1)] !== (text.charCodeAt(start + k) | (text.charCodeAt(start + k + 1) << 16))) return false;
  if (k < inline && table[at + 3 + (k >> 1)] !== text.charCodeAt(start + k)) return false;
  return len <= INLINE || text.startsWith(strings[4 * place]!, start);
}

/** Writes a spelling's slot: its hash, place, length and first characters. */
function put(h: number, place: number, key: string): void {
  let slot = h & (slots - 1);
  while (table[slot * STRIDE + 1] !== 0) slot = (slot + 1) & (slots - 1);
  const at = slot * STRIDE;
  table[at] = h;
  table[at + 1] = place + 1;
  table[at + 2] = key.length;
  const inline = Math.min(key.length, INLINE);
  for (let k = 0; k < inline; k += 2) table[at + 3 + (k >> 1)] = key.charCodeAt(k) | (k + 1 < inline ? key.charCodeAt(k + 1) << 16 : 0);
}

function added(text: string, start: number, end: number, h: number): number {
  if (2 * (spellingCount + 1) > slots) {
    // grow: every slot placed again by its hash
    const old = table;
    slots *= 2;
    table = new Int32Array(STRIDE * slots);
    const mask = slots - 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 1] === 0) continue;
      let slot = old[at]! & mask;
      while (table[slot * STRIDE + 1] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(at, at + STRIDE), slot * STRIDE);
    }
  }
  const key = detached(text.slice(start, end));
  const lower = foldWord(key).toLowerCase();
  // a month, with or without its period
  const month = monthOf(lower) !== undefined;
  const numberWord = isNumberWord(lower);
  // "no" may be a rank ("No. 1"); other negations and the weekdays stand alone
  const alone = lower !== 'no' && isLetter(lower.charCodeAt(0)) && !month && !numberWord;
  const weekday = WEEKDAYS.has(lower);
  const fixed = !alone ? undefined : lower.endsWith("n't") || NEGATIONS.has(lower) ? '~not' : weekday ? `%${lower.slice(0, 3)}` : undefined;
  // what `tokenAt` remembers as a plain word, and only that, can ever be one
  const never = !(key.charCodeAt(0) > 57 && !month && !numberWord && lower !== 'no' && !weekday);
  const place = spellingCount++;
  strings.push(key, lower, fixed ?? '', key.length <= 4 ? key.toLowerCase() : '');
  if (place >= flags.length) {
    const more = new Uint8Array(flags.length * 2);
    more.set(flags);
    flags = more;
  }
  flags[place] = (fixed !== undefined ? FIXED : 0) | (never ? NEVER_PLAIN : 0);
  put(h, place, key);
  return place;
}

/** Forgets every spelling (see {@link spellingGeneration}). */
function clearSpellings(): void {
  spellingCount = 0;
  strings.length = 0;
  table.fill(0);
  generation++;
}

/** Its plain word, if `tokenAt` has worked it out meanwhile: the spelling's flags then, else 0. */
function learnPlain(place: number): number {
  const pw = plainWord(strings[4 * place + 1]!);
  if (!pw) return 0;
  strings[4 * place + 2] = pw.term;
  const f = PLAIN | (pw.stop ? STOP : 0) | (pw.decline ? DECLINE : 0) | (PHRASAL_BY_VERB.has(pw.term) ? PHRASAL : 0);
  flags[place] = f;
  return f;
}

/** Characters beyond ASCII that are no letter, digit or mark (see `isSimple` in ./tokenize.ts). */
const isSimpleWide = (c: number) => c === 0x2019 || c === 0x2018 || c === 0x201c || c === 0x201d || c === 0x2013 || c === 0x2014 || c === 0x2026 || c === 0xa0;

/** Character classes of ASCII: 1 a letter, 2 a digit. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) CLASS[c] = isLetter(c) ? 1 : isDigit(c) ? 2 : 0;

/** Word bounds of the text being scanned, and each word's hash (grown as needed). */
let starts = new Int32Array(16);
let ends = new Int32Array(16);
let hashes = new Int32Array(16);

/**
 * The words of a simple text (see `isSimple`), that of `text` from `from` to `n`, into
 * `starts`/`ends`/`hashes` (offsets in `text`), with hyphenated names that hold a number joined
 * (`mergeIdentifiers`); -1 when the text is not simple. Nothing outside it is read.
 */
function scanWords(text: string, from: number, n: number): number {
  let count = 0;
  let hyphen = false;
  let i = from;
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
      // one step for every way a word goes on: a step met late (a word's first inner comma) would
      // otherwise send the optimised loop back to the interpreter
      if (!(c < 128 && CLASS[c] !== 0) && !((c === 39 || c === 0x2019 || c === 46) && i + 1 < n && isLetter(text.charCodeAt(i + 1))) && !((c === 58 || c === 46 || c === 44) && digitGroup(text, i + 1, n))) break;
      i++;
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
    if (end < n && text.charCodeAt(end) === 45) hyphen = true;
  }
  // only a word followed by a hyphen can be joined to the next
  return hyphen ? mergeIdentifiers(text, count) : count;
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

/** A word of the text being scanned, cut from it only when its text is read (one object per word place, used again for every text). */
class ScannedWord implements RawWord {
  private cut: string | undefined = undefined;
  private source = '';
  start = 0;
  end = 0;
  get text(): string {
    return (this.cut ??= this.source.slice(this.start, this.end));
  }
  /** Makes it the word of `source` from `start` to `end`. */
  at(source: string, start: number, end: number): this {
    this.source = source;
    this.start = start;
    this.end = end;
    this.cut = undefined;
    return this;
  }
}

/** One word object per word place, used again from text to text (see {@link wordsFrom}). */
const wordPool: ScannedWord[] = [];
/** The words `tokenAt` reads, by their index in the text being scanned. */
const wordList: Array<ScannedWord | undefined> = [];

/**
 * {@link wordList} holding the words from `from` to `count`, as words of `text` (which starts at
 * `offset` of the text scanned), and none after them as far as `tokenAt` reads (two words on);
 * the places before `from` hold another text's.
 */
function wordsFrom(text: string, offset: number, from: number, count: number): readonly RawWord[] {
  const pool = wordPool;
  const list = wordList;
  while (pool.length < count) pool.push(new ScannedWord());
  while (list.length < count + 2) list.push(undefined);
  for (let k = from; k < count; k++) list[k] = pool[k]!.at(text, starts[k]! - offset, ends[k]! - offset);
  list[count] = undefined;
  list[count + 1] = undefined;
  return list as readonly RawWord[];
}

/** After a long text, its words go (with the text they hold): the pool keeps at most some 4,096 words. */
function releaseWords(count: number): void {
  if (count <= 4096) return;
  wordPool.length = 0;
  wordList.length = 0;
}

/** Per token: its term, whether it is a stopword, and its raw text in lower case (for phrasal verbs). */
let terms: string[] = [];
let lowers: string[] = [];
/** `terms` and `lowers` with `size` places at least (a text has fewer than two tokens a word). */
function padStrings(size: number): void {
  while (terms.length < size) {
    terms.push('');
    lowers.push('');
  }
}
/** These and the word bounds start small (see `slots`): they first grow while the code is interpreted. */
let stops = new Uint8Array(16);
/** Per token: the place of the spelling whose term it always is, or -1 (its term is in `terms`; see {@link TermSpellings}). */
let placeOf = new Int32Array(16);
/** Per token: the place of the spelling whose lower case it has, or -1 (it is in `lowers`). */
let lowerOf = new Int32Array(16);

/** The tokens of the text at hand whose term is a phrasal verb's verb (grown as needed). */
let verbTokens = new Int32Array(16);

/** Notes token `token` as a phrasal verb's verb, the `verbs`th: the number noted then. */
function verbAt(verbs: number, token: number): number {
  if (verbs === verbTokens.length) verbTokens = grow(verbTokens);
  verbTokens[verbs] = token;
  return verbs + 1;
}

/**
 * Which spelling each term found by {@link indexTermsInto} stands for: a spelling's term is the
 * same wherever it is met (its plain word, a negation, a weekday), unless the words around it
 * change it (-1). A caller can then remember a spelling's term by its place instead of looking the
 * term up; places are valid for one {@link spellingGeneration}.
 */
export class TermSpellings {
  /** Per term: the place of its spelling (its term is {@link spellingTerm} of it), or -1 (its term is in `out`). */
  places = new Int32Array(16);
}

/** Spellings' places change meaning when this does (the table of spellings was cleared). */
export function spellingGeneration(): number {
  return generation;
}

/** The term of the spelling at `place` (of the current {@link spellingGeneration}) that {@link indexTermsInto} gave for it. */
export function spellingTerm(place: number): string {
  return strings[4 * place + 2]!;
}

/** One more than the largest place a spelling has now. */
export function spellingPlaces(): number {
  return spellingCount;
}

export function indexTermsOf(text: string): string[] {
  const out: string[] = [];
  indexTermsInto(text, out);
  return out;
}

/**
 * {@link indexTermsOf} into `out` from its start (what was there beyond is left): the number of
 * terms. With `spellings`, also which spelling each term stands for; where it stands for one, its
 * term is that spelling's ({@link spellingTerm}) and is not written to `out`. With `from` and `to`,
 * the terms of the text between them, as if cut from it.
 */
export function indexTermsInto(text: string, out: string[], spellings?: TermSpellings, from = 0, to = text.length): number {
  // a text cut from another (a slice) is slower to read character by character than the whole
  const n = scanWords(text, from, to);
  // the text as `tokenAt` and `tokenize` read it (nothing beyond it), cut only if they do
  let cut = from === 0 && to === text.length ? text : undefined;
  if (n < 0) {
    let k = 0;
    for (const t of tokenize(cut ?? text.slice(from, to))) if (!t.stop) out[k++] = t.term;
    if (spellings) {
      if (spellings.places.length < k) spellings.places = new Int32Array(k * 2);
      spellings.places.fill(-1, 0, k);
    }
    return k;
  }
  // cleared here, if at all, so that the places met in a text keep their meaning to its end
  if (spellingCount + n > SPELLINGS_MAX) clearSpellings();
  if (stops.length < n) {
    stops = new Uint8Array(n * 2);
    placeOf = new Int32Array(n * 2);
    lowerOf = new Int32Array(n * 2);
  }
  // a place for every token's term and lower case, written in any order (no store beyond the end)
  if (terms.length < 2 * n) padStrings(2 * n);
  let count = 0;
  let words: readonly RawWord[] | undefined;
  let special: Token[] | undefined;
  let next = -1;
  // the tokens whose term is a phrasal verb's verb, in order
  let verbs = 0;
  for (let i = 0; i < n; i++) {
    const place = next >= 0 ? next : placeAt(text, starts[i]!, ends[i]!, hashes[i]!);
    next = -1;
    let f = flags[place]!;
    if ((f & (PLAIN | FIXED | NEVER_PLAIN)) === 0) f = learnPlain(place);
    if (f & PLAIN) {
      // its term and its lower case are the spelling's (read only where needed)
      let own = true;
      if (f & DECLINE) {
        // "declined the offer" rejects it; "sales declined 5%" fall (see pushWord)
        if (i + 1 < n) next = placeAt(text, starts[i + 1]!, ends[i + 1]!, hashes[i + 1]!);
        if (!DECLINE_OBJECT.test(next >= 0 ? strings[4 * next + 1]! : '')) {
          own = false;
          terms[count] = FALL;
        }
      }
      if (f & PHRASAL && own) verbs = verbAt(verbs, count);
      placeOf[count] = own ? place : -1;
      lowerOf[count] = place;
      stops[count++] = f & STOP ? 1 : 0;
      continue;
    }
    if (f & FIXED) {
      placeOf[count] = place;
      lowerOf[count] = -1;
      lowers[count] = strings[4 * place + 3]!;
      stops[count++] = 0;
      continue;
    }
    if (!words) {
      // tokenAt reads two words back at most, and forward as far as it needs; the words before
      // are never read (i only grows)
      cut ??= text.slice(from, to);
      words = wordsFrom(cut, from, Math.max(0, i - 2), n);
    }
    special ??= [];
    special.length = 0;
    // its plain word was just looked for (learnPlain), or it has none
    i = tokenAt(cut!, words, i, special, true);
    for (const t of special) {
      if (PHRASAL_BY_VERB.has(t.term)) verbs = verbAt(verbs, count);
      terms[count] = t.term;
      // only a short word can be a particle (and a short string holds no text alive)
      lowers[count] = t.raw.length <= 4 ? t.raw.toLowerCase() : '';
      placeOf[count] = -1;
      lowerOf[count] = -1;
      stops[count++] = t.stop ? 1 : 0;
    }
  }
  // as mergePhrasalVerbs does on tokens: each verb's term (no other token's can be one) and the
  // lower case of the four tokens after it
  for (let v = 0; v < verbs; v++) {
    const i = verbTokens[v]!;
    if (placeOf[i]! >= 0) terms[i] = strings[4 * placeOf[i]! + 2]!;
    for (let j = i + 1; j <= i + 4 && j < count; j++) if (lowerOf[j]! >= 0) lowers[j] = strings[4 * lowerOf[j]! + 1]!;
    const entries = PHRASAL_BY_VERB.get(terms[i]!);
    if (entries) {
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
      const place = placeOf[i]!;
      places[k] = place;
      if (place < 0) out[k] = terms[i]!;
      k++;
    }
  } else {
    for (let i = 0; i < count; i++) {
      if (stops[i]) continue;
      const place = placeOf[i]!;
      out[k++] = place >= 0 ? strings[4 * place + 2]! : terms[i]!;
    }
  }
  if (words) releaseWords(n);
  if (terms.length > 4096) {
    // a long text: let its strings go
    terms = [];
    lowers = [];
  }
  return k;
}
