/**
 * Word-level text processing shared by indexing, retrieval and support scoring:
 * tokenising with offsets, case folding, stemming, stopwords, newsroom synonyms and
 * value-normalised numbers, times and dates.
 *
 * Every token carries a `term`: the form that the index stores and that claims are
 * compared by. Two spellings of the same fact get the same term:
 * "two" and "2" → `#2`; "9 a.m.", "9am", "0900" and "09:00" → `@09:00`;
 * "Nov. 4" and "November 4" → `%11-04`; "rejected" and "turned … down" → `reject`.
 */
import { stemmer } from 'stemmer';

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

const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself of off on once only or other ought our ours
ourselves out over own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves also s t said says say saying told tell tells according us may might must shall
one ones been being get got via per upon amid among within whether however although though yet even still
mr mrs ms dr`.split(/\s+/),
);

const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'neither', 'none', 'nobody', 'nothing', 'nowhere', 'without', 'cannot', "n't"]);

/** Word tables without a prototype, so that "constructor" or "toString" is not found in them. */
function table(entries: Record<string, number>): Record<string, number> {
  return Object.assign(Object.create(null) as Record<string, number>, entries);
}

const NUMBER_WORDS: Record<string, number> = table({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, thousand: 1000, dozen: 12, single: 1, double: 2, twice: 2, half: 0.5,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
});
/** Number words that are also ordinary words; only treated as numbers next to a unit or another number. */
const WEAK_NUMBER_WORDS = new Set(['one', 'single', 'double', 'second', 'half', 'first']);
const SCALE_WORDS: Record<string, number> = table({ million: 1e6, billion: 1e9, trillion: 1e12, thousand: 1e3, hundred: 100, m: 1e6, bn: 1e9 });

const MONTHS: Record<string, number> = table({
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
});
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * Newsroom synonyms: each line is one concept; every word (by stem) maps to the first word's stem.
 * Kept small and conservative: a wrong synonym turns a misstatement into support.
 */
const SYNONYM_GROUPS = `reject refuse decline dismiss rebuff spurn
leave exit depart evacuate withdraw quit flee
say state announce declare tell remark comment add
kill slay dead die death
attack strike assault raid bomb bombard airstrike
fighter gunman militant insurgent rebel combatant
truce ceasefire pause moratorium
civilian resident inhabitant
corridor route passage
weapon arm firearm gun
order instruct command direct
allow permit let enable
begin start commence launch
end finish conclude
stop halt cease
talk negotiation
accuse blame
help aid assist
meeting summit
buy purchase acquire
big large huge major
small little minor
rise increase grow climb jump surge soar
fall decrease drop decline plunge slump sink
show reveal display
need require
try attempt
build construct
hurt injure wound
car vehicle automobile
firm company business
fire sack dismiss
child kid
medic doctor physician
lawmaker legislator
president leader
official authority
troop soldier force
military army
bid offer proposal
talk discuss
chief head
shut close
open reopen
town city
country nation state
ban prohibit bar forbid
warn caution
plan intend
agree accept
deny refute
trap encircle besiege surround siege
fail collapse
defence defense
organise organize
neighbourhood neighborhood
minister secretary`;

const ANTONYM_PAIRS = `increase decrease
rise fall
accept reject
allow ban
win lose
open close
start end
up down
more less
high low
before after
success failure
support oppose
agree disagree
guilty innocent
alive dead
legal illegal
approve deny
include exclude
gain loss
victory defeat
hire fire
maximum minimum
strong weak
expand shrink
arrive leave
buy sell
true false
lift impose
import export
east west
north south
first last
old new
larger smaller
younger older
earlier later
majority minority
arrest release
convict acquit
succeed fail
enter exit
profit loss
surplus deficit
higher lower
largest smallest
biggest smallest
best worst
most least
positive negative
public private
domestic foreign
male female
man woman
husband wife
son daughter
father mother
brother sister
king queen
left right
inside outside
add remove
join leave
confirm deny
thrive struggle
peace war
easy difficult
safe dangerous
rich poor
cheap expensive
boost cut
raise lower
improve worsen
ally enemy
friend enemy
praise criticize
welcome condemn
optimistic pessimistic
love hate
full empty
heavy light
fast slow
present absent
win defeat`;

/**
 * Irregular verb forms and plurals that the Porter stemmer cannot fold ("took" → take, "pled" →
 * plead, "women" → woman). Forms whose other reading is common in news ("left", "found", "lay")
 * are left out.
 */
const IRREGULAR = new Map<string, string>(
  `arose:arise arisen:arise ate:eat eaten:eat awoke:awake awoken:awake became:become began:begin begun:begin bent:bend
bit:bite bitten:bite bled:bleed blew:blow blown:blow bore:bear borne:bear bought:buy bred:breed broke:break broken:break
brought:bring built:build burnt:burn caught:catch chose:choose chosen:choose clung:cling came:come dealt:deal dug:dig
drew:draw drawn:draw drove:drive driven:drive fed:feed fell:fall fallen:fall felt:feel fled:flee flew:fly flown:fly
forbade:forbid forbidden:forbid forgave:forgive forgiven:forgive forgot:forget forgotten:forget foresaw:foresee
foreseen:foresee fought:fight froze:freeze frozen:freeze gave:give given:give gone:go went:go grew:grow grown:grow
hung:hang held:hold hid:hide hidden:hide kept:keep knew:know known:know led:lead lent:lend lost:lose made:make
meant:mean met:meet mistook:mistake mistaken:mistake overcame:overcome overtook:overtake overtaken:overtake paid:pay
pled:plead rang:ring rung:ring rode:ride ridden:ride rose:rise risen:rise ran:run sang:sing sung:sing sank:sink
sunk:sink sat:sit saw:see seen:see sought:seek sold:sell sent:send shook:shake shaken:shake shone:shine shot:shoot
slept:sleep slid:slide sped:speed spent:spend spoke:speak spoken:speak spun:spin stole:steal stolen:steal stood:stand
struck:strike stricken:strike stuck:stick stung:sting swam:swim swore:swear sworn:swear swept:sweep taught:teach
thought:think threw:throw thrown:throw told:tell took:take taken:take tore:tear torn:tear understood:understand
undertook:undertake undertaken:undertake woke:wake woken:wake wore:wear worn:wear wept:weep withdrew:withdraw
withdrawn:withdraw won:win wrote:write written:write men:man women:woman children:child feet:foot teeth:tooth
mice:mouse geese:goose`
    .split(/\s+/)
    .map((pair) => pair.split(':') as [string, string]),
);

/**
 * A copy of a string that does not keep a larger one alive: V8 represents a long enough substring
 * as a slice of its parent, and a cache that keeps a word cut from a source would keep the whole
 * text of that source.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

const stemCache = new Map<string, string>();
/** Porter stem with a cache; British/American spellings fold together. */
export function stem(word: string): string {
  let s = stemCache.get(word);
  if (s === undefined) {
    const key = detached(word);
    s = key.length <= 3 ? key : stemmer(key);
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(key, s);
  }
  return s;
}

const SYNONYMS = new Map<string, string>();
for (const line of SYNONYM_GROUPS.split('\n')) {
  const words = line.trim().split(/\s+/);
  const head = stem(words[0]!);
  for (const w of words) if (!SYNONYMS.has(stem(w))) SYNONYMS.set(stem(w), head);
}
const ANTONYMS = new Map<string, Set<string>>();
for (const line of ANTONYM_PAIRS.split('\n')) {
  const [a, b] = line.trim().split(/\s+/).map((w) => canonical(w));
  if (!a || !b) continue;
  if (!ANTONYMS.has(a)) ANTONYMS.set(a, new Set());
  if (!ANTONYMS.has(b)) ANTONYMS.set(b, new Set());
  ANTONYMS.get(a)!.add(b);
  ANTONYMS.get(b)!.add(a);
}

const DECLINE = stem('decline');

/** The canonical term of one lower-case word: stemmed, then mapped through the synonym table. */
export function canonical(lowerWord: string): string {
  const s = stem(IRREGULAR.get(lowerWord) ?? lowerWord);
  return SYNONYMS.get(s) ?? s;
}

/** Terms that mean the opposite of `term` (both canonical). */
export function antonymsOf(term: string): ReadonlySet<string> | undefined {
  return ANTONYMS.get(term);
}

export function isStopword(lowerWord: string): boolean {
  return STOPWORDS.has(lowerWord);
}

/**
 * Folds the characters that vary between copies of the same text: curly quotes and apostrophes,
 * dashes, non-breaking and other spaces. Keeps string length, so offsets still apply.
 */
export function foldPunctuation(text: string): string {
  return text.replace(/[‘’‚‛′`]/g, "'").replace(/[“”„‟″«»]/g, '"').replace(/[‐‑‒–—―−]/g, '-').replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
}

/** {@link foldPunctuation} for one word; most words are plain ASCII and need none. */
function foldWord(word: string): string {
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) > 127) return foldPunctuation(word);
  return word;
}

// A word: letters/digits with internal apostrophes, periods (U.S., a.m.), colons in times (09:00) and commas in numbers.
const WORD_RE = /[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}]|['’](?=\p{L})|\.(?=\p{L}\.?)|[:.,](?=\d{2,3}\b))*\.?/gu;

interface RawWord {
  text: string;
  start: number;
  end: number;
}

function rawWords(text: string): RawWord[] {
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
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const lower = foldWord(w.text).toLowerCase();
    const c0 = w.text.charCodeAt(0);
    // the first word starts a sentence: its capital says nothing
    const capital = i > 0 && (c0 < 128 ? c0 >= 65 && c0 <= 90 : /^\p{Lu}/u.test(w.text));
    const plainWord = plainWords.get(lower);
    if (plainWord) {
      // a word seen before that is no number, date, time or negation in any context
      pushWord(out, w, plainWord, capital, c0, words[i + 1]);
      continue;
    }
    const push = (term: string, kind: Token['kind'], end = w.end, raw = text.slice(w.start, end)) => {
      out.push({ raw, start: w.start, end, term, kind, capital, stop: false });
    };
    const next = words[i + 1];
    const nextLower = next ? next.text.toLowerCase() : '';
    const gapToNext = next ? text.slice(w.end, next.start) : '';
    const before = text.slice(Math.max(0, w.start - 3), w.start);

    // times: 09:00, 9am, 9 a.m., 0900 (four digits between 0000 and 2359 beside another time or "local time"/"GMT")
    let m = /^(\d{1,2}):(\d{2})$/.exec(lower);
    if (m && Number(m[1]) < 24 && Number(m[2]) < 60) {
      let h = Number(m[1]);
      if (next && /^(a\.?m|p\.?m)\.?$/.test(nextLower) && /^\s*$/.test(gapToNext)) {
        h = ampm(h, nextLower);
        push(`@${pad2(h)}:${m[2]}`, 'time', next.end);
        i++;
      } else push(`@${pad2(h)}:${m[2]}`, 'time');
      continue;
    }
    m = /^(\d{1,2})(a\.?m|p\.?m)\.?$/.exec(lower);
    if (m && Number(m[1]) <= 12) {
      push(`@${pad2(ampm(Number(m[1]), m[2]!))}:00`, 'time');
      continue;
    }
    if (/^\d{1,2}$/.test(lower) && next && /^(a\.?m|p\.?m)\.?$/.test(nextLower) && /^\s*$/.test(gapToNext) && Number(lower) <= 12) {
      push(`@${pad2(ampm(Number(lower), nextLower))}:00`, 'time', next.end);
      i++;
      continue;
    }
    if (/^([01]\d|2[0-3])[0-5]\d$/.test(lower) && looksLikeClock(words, i, text)) {
      push(`@${lower.slice(0, 2)}:${lower.slice(2)}`, 'time');
      continue;
    }
    // dates: "Nov. 4", "November 4th", "4 November", "the 4th of November"
    const month = MONTHS[lower.replace(/\.$/, '')];
    if (month !== undefined && !(lower === 'may' && !/^\d/.test(nextLower)) && !(lower === 'mar' && !/^\d/.test(nextLower))) {
      const day = next && /^[\s.,]*$/.test(gapToNext) ? parseNumber(nextLower) : undefined;
      if (day !== undefined && day >= 1 && day <= 31 && Number.isInteger(day)) {
        push(`%${pad2(month)}-${pad2(day)}`, 'date', next!.end);
        i++;
        continue;
      }
      push(`%${pad2(month)}`, 'date');
      continue;
    }
    // "$5bn", "£1.5m", "20k": a number with its scale attached (m and k only after a currency sign)
    m = lower.charCodeAt(0) <= 57 ? /^(\d+(?:\.\d+)?)(bn|mn|tn|m|k)$/.exec(lower) : null;
    if (m && (m[2] !== 'm' && m[2] !== 'k' || /[$£€¥]\s*$/.test(before))) {
      const scale = { bn: 1e9, mn: 1e6, tn: 1e12, m: 1e6, k: 1e3 }[m[2] as 'bn' | 'mn' | 'tn' | 'm' | 'k'];
      push(`#${Math.round(Number(m[1]) * scale)}`, 'number');
      continue;
    }
    const num = parseNumber(lower);
    if (num !== undefined) {
      // "4th of November", "4 November"
      let j = i + 1;
      if (words[j]?.text.toLowerCase() === 'of') j++;
      const mon = words[j] ? MONTHS[words[j]!.text.toLowerCase().replace(/\.$/, '')] : undefined;
      if (mon !== undefined && num >= 1 && num <= 31 && j - i <= 2 && /^[\s\p{L}]*$/u.test(text.slice(w.end, words[j]!.start))) {
        push(`%${pad2(mon)}-${pad2(num)}`, 'date', words[j]!.end);
        i = j;
        continue;
      }
      const scale = next ? SCALE_WORDS[nextLower] : undefined;
      if (scale && /^\s*$/.test(gapToNext)) {
        push(`#${Math.round(num * scale)}`, 'number', next!.end);
        i++;
        continue;
      }
      push(`#${num}`, 'number');
      continue;
    }
    if (lower in NUMBER_WORDS) {
      const weak = WEAK_NUMBER_WORDS.has(lower);
      const isUnitContext = next && /^\s*$/.test(gapToNext) && !isStopword(nextLower) && !(nextLower in NUMBER_WORDS);
      if (!weak || (isUnitContext && lower !== 'second' && lower !== 'first')) {
        let value = NUMBER_WORDS[lower]!;
        // "twenty five", "two hundred"
        let k = i;
        while (words[k + 1] && /^[\s-]*$/.test(text.slice(words[k]!.end, words[k + 1]!.start))) {
          const nl = words[k + 1]!.text.toLowerCase();
          if (SCALE_WORDS[nl] && nl !== 'm' && nl !== 'bn') value *= SCALE_WORDS[nl]!;
          else if (value >= 20 && value < 100 && value % 10 === 0 && (NUMBER_WORDS[nl] ?? 99) < 10) value += NUMBER_WORDS[nl]!;
          else break;
          k++;
        }
        push(`#${value}`, 'number', words[k]!.end);
        i = k;
        continue;
      }
    }
    if (lower === 'no' && /^\.?\s?\d/.test(text.slice(w.end, w.end + 3))) {
      // "No. 1", "No.1": a rank, not a negation
      out.push({ raw: w.text, start: w.start, end: w.end, term: 'no', kind: 'word', capital: false, stop: true });
      continue;
    }
    if (lower.endsWith("n't") || NEGATIONS.has(lower)) {
      // "didn't" → not; the verb before it is a stopword anyway
      push('~not', 'negation');
      continue;
    }
    if (WEEKDAYS.has(lower)) {
      push(`%${lower.slice(0, 3)}`, 'date');
      continue;
    }
    const spelling = detached(lower);
    const word = plainWordOf(spelling);
    // only words that are never numbers, dates, times or negations are remembered (see above)
    if (c0 > 57 && !(lower in MONTHS) && !(lower.endsWith('.') && lower.slice(0, -1) in MONTHS) && !(lower in NUMBER_WORDS) && lower !== 'no' && !WEEKDAYS.has(lower)) {
      if (plainWords.size >= PLAIN_WORDS_MAX) plainWords.clear();
      plainWords.set(spelling, word);
    }
    pushWord(out, w, word, capital, c0, next);
  }
  return mergePhrasalVerbs(out);
}

/** What a word that is no number, date, time or negation stands for, worked out once per spelling. */
interface PlainWord {
  term: string;
  stop: boolean;
  /** "am"/"pm" left over: never a capital. */
  neverCapital: boolean;
  /** A form of "decline": "fall" unless an object follows. */
  decline: boolean;
}

const plainWords = new Map<string, PlainWord>();
/** Spellings remembered (about 10 MB at most); a news archive's common words fit many times over. */
const PLAIN_WORDS_MAX = 100_000;
const FALL = canonical('fall');

function plainWordOf(lower: string): PlainWord {
  const plain = lower.replace(/['’]s$/, '').replace(/['’]/g, '');
  const key = plain.replace(/\./g, '');
  if (key === 'us' && plain.includes('.')) return { term: 'usa', stop: false, neverCapital: false, decline: false };
  // a stray a.m./p.m. after a number we did not recognise
  if (key === 'am' || key === 'pm') return { term: key, stop: true, neverCapital: true, decline: false };
  const stop = STOPWORDS.has(key) || (key.length === 1 && !/\d/.test(key));
  return { term: stop ? key : canonical(key), stop, neverCapital: false, decline: !stop && stem(key) === DECLINE };
}

/** "declined the offer" rejects it; "sales declined 5%" and "a decline in sales" fall. */
const DECLINE_OBJECT = /^(to|the|a|an|his|her|their|its|this|that|these|those|any|all|offers?|invitations?|requests?|calls?)$/;

function pushWord(out: Token[], w: RawWord, word: PlainWord, capital: boolean, c0: number, next: RawWord | undefined): void {
  let term = word.term;
  if (word.decline && !DECLINE_OBJECT.test(next ? next.text.toLowerCase() : '')) term = FALL;
  // an abbreviation in capitals ("NATO") is a name wherever it stands
  const upperAbbrev = !word.neverCapital && !(c0 >= 97 && c0 <= 122) && w.text.length >= 2 && /^\p{Lu}{2,}$/u.test(w.text);
  out.push({ raw: w.text, start: w.start, end: w.end, term, kind: 'word', capital: word.neverCapital ? false : capital || upperAbbrev, stop: word.stop });
}

function ampm(h: number, marker: string): number {
  const pm = marker.startsWith('p');
  if (pm && h < 12) return h + 12;
  if (!pm && h === 12) return 0;
  return h;
}

/** "0900" is a clock time when next to "and"/"to"/"-" and another 4-digit time, or before "local time"/"GMT"/"hours". */
function looksLikeClock(words: RawWord[], i: number, text: string): boolean {
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
const PHRASAL_BY_VERB = new Map<string, Array<[string, string, string]>>();
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

/** The content terms of a text: no stopwords, deduplicated, in order. */
export function contentTerms(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tokenize(text)) {
    if (t.stop || t.kind === 'negation') continue;
    if (!seen.has(t.term)) {
      seen.add(t.term);
      out.push(t.term);
    }
  }
  return out;
}

/** Terms for indexing a passage (content terms plus the negation marker). */
export function indexTerms(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.stop)
    .map((t) => t.term);
}

/**
 * Generic words: verbs, nouns and adverbs that writers swap freely when they paraphrase
 * ("became", "known as", "part of", "currently"). They count for less in support, and a negation
 * over them alone says little.
 */
const GENERIC_WORDS = `done become became becomes take took taken make made give gave given go went gone come came know known call called
name named hold held include including included use used place part time times year years day days way well new
later currently current following since several many number various main also around approximately nearly
almost now then early late recently recent today often already again much really lot lots thing things
put set keep kept seem seemed see seen show shown want look looking looked continue continued
per percent cent pct total amount level range kind sort type`;
const GENERIC = new Set<string>();
for (const w of GENERIC_WORDS.split(/\s+/)) if (w) GENERIC.add(canonical(w));

/** Whether a canonical term is a generic word (see GENERIC_WORDS). */
export function isGenericTerm(term: string): boolean {
  return GENERIC.has(term);
}

/** How many content words after a negation it governs. */
const NEGATION_REACH = 3;
/** Words and marks that end a negation's reach: a new clause. */
const CLAUSE_BREAK = /[,;:()\[\]"“”—–]|\s-\s|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bhowever\b/i;

/** One negation: the content terms it governs, and the content word just before it ("Media" in "Ozy Media was not arrested"). */
export interface NegationSite {
  anchor?: string;
  governed: string[];
}

/**
 * The terms a negation governs ("civilians did not trust the government side" → trust, govern,
 * side), and the terms that stand outside any negation. A negation reaches the next few content
 * words of its clause. "Not only" is no negation.
 */
export function negationScopes(text: string, tokens: readonly Token[]): { negated: Set<string>; plain: Set<string>; sites: NegationSite[] } {
  const negated = new Set<string>();
  const plain = new Set<string>();
  const sites: NegationSite[] = [];
  let site: NegationSite | undefined;
  let reach = 0;
  let prevEnd = 0;
  let last: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (CLAUSE_BREAK.test(text.slice(prevEnd, t.start))) {
      reach = 0;
      last = undefined;
    }
    prevEnd = t.end;
    if (t.kind === 'negation') {
      if (/^not$/i.test(t.raw) && /^only$/i.test(tokens[i + 1]?.raw ?? '')) continue;
      reach = NEGATION_REACH;
      site = { governed: [] };
      if (last) site.anchor = last.term;
      sites.push(site);
      continue;
    }
    if (t.stop) {
      if (/^(but|while|although|though|however|whereas)$/i.test(t.raw)) {
        reach = 0;
        last = undefined;
      }
      continue;
    }
    if (reach > 0) {
      negated.add(t.term);
      site!.governed.push(t.term);
      reach--;
    } else plain.add(t.term);
    last = t;
  }
  return { negated, plain, sites };
}

/**
 * Closed classes: words that exclude each other, so one in place of another changes the fact
 * ("blue paint" → "white paint"). Months and weekdays are dates already.
 */
const CLOSED_CLASSES = [
  'red orange yellow green blue purple violet pink brown black white grey gray gold silver',
  'north south east west northern southern eastern western northeast northwest southeast southwest',
  'spring summer autumn winter',
  'morning afternoon evening night',
  'daily weekly monthly yearly annual',
];
const CLASS_OF = new Map<string, number>();
CLOSED_CLASSES.forEach((line, i) => {
  for (const w of line.split(' ')) CLASS_OF.set(canonical(w), i);
});

/** Whether two canonical terms are different members of one closed class. */
export function sameClosedClass(a: string, b: string): boolean {
  const ca = CLASS_OF.get(a);
  return a !== b && ca !== undefined && ca === CLASS_OF.get(b);
}

/**
 * Polarity: words that say something went well or badly. A claim that puts a word of one polarity
 * where its source has a word of the other ("the troubled start-up" → "the triumphant start-up",
 * "struggling" → "thriving") says the opposite, whatever the two words are; a paraphrase keeps the
 * polarity ("troubled" → "embattled").
 */
const POSITIVE_WORDS = `success successful succeed thrive thriving prosper prosperous flourish win winner victory victorious triumph
triumphant gain growth grow rise increase improve improvement boost strong strength strengthen healthy stable stability
safe safety secure peace peaceful calm agree agreement approve approval support praise celebrate celebration welcome
benefit profit profitable positive good great excellent best better happy hope hopeful optimistic confident confidence
rescue save protect help legal innocent acquit acquittal free freedom release honor honour reward award popular
wealthy efficient effective easy recover recovery expand expansion progress advance accept allow permit open launch
honest friendly ally friend love enjoy generous record-breaking surplus rally rebound soar surge`;
const NEGATIVE_WORDS = `fail failure failing struggle struggling trouble troubled decline drop fall falling loss lose weak weakness
weaken unstable instability unsafe danger dangerous threat threaten war attack violence violent conflict crisis disaster
problem problematic bad worse worst poor poverty sad fear afraid angry anger pessimistic doubt reject rejection ban block
oppose opposition criticize criticise criticism condemn blame accuse guilty convict conviction arrest jail prison fraud
crime criminal illegal corrupt corruption kill death dead die injure injury damage destroy destruction collapse crash
sink plunge slump shrink deficit debt bankrupt bankruptcy ailing embattled beleaguered distressed hurt harm risk worry
scandal controversy resign delay cancel abandon defeat sanction penalty punish suffer slowdown recession downturn`;
const POLARITY = new Map<string, 1 | -1>();
for (const w of POSITIVE_WORDS.split(/\s+/)) if (w) POLARITY.set(canonical(w), 1);
for (const w of NEGATIVE_WORDS.split(/\s+/)) if (w) POLARITY.set(canonical(w), -1);

/** Whether two canonical terms have opposite polarity (one says it went well, the other badly). */
export function oppositePolarity(a: string, b: string): boolean {
  const pa = POLARITY.get(a);
  const pb = POLARITY.get(b);
  return pa !== undefined && pb !== undefined && pa !== pb;
}
