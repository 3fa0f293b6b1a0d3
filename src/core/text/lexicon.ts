/**
 * The word lists of the tokeniser: stopwords, negations, number words, months and weekdays,
 * newsroom synonyms, antonyms, irregular forms, and the stemmer that folds words to terms.
 */
import { stemmer } from 'stemmer';

export const STOPWORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself of off on once only or other ought our ours
ourselves out over own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves also s t said says say saying told tell tells according us may might must shall
one ones been being get got via per upon amid among within whether however although though yet even still
mr mrs ms dr`.split(/\s+/),
);

export const NEGATIONS = new Set(['not', 'no', 'never', 'nor', 'neither', 'none', 'nobody', 'nothing', 'nowhere', 'without', 'cannot', "n't"]);

/** Word tables without a prototype, so that "constructor" or "toString" is not found in them. */
function table(entries: Record<string, number>): Record<string, number> {
  return Object.assign(Object.create(null) as Record<string, number>, entries);
}

export const NUMBER_WORDS: Record<string, number> = table({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  hundred: 100, thousand: 1000, dozen: 12, single: 1, double: 2, twice: 2, half: 0.5,
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
});
/** Number words that are also ordinary words; only treated as numbers next to a unit or another number. */
export const WEAK_NUMBER_WORDS = new Set(['one', 'single', 'double', 'second', 'half', 'first']);
export const SCALE_WORDS: Record<string, number> = table({ million: 1e6, billion: 1e9, trillion: 1e12, thousand: 1e3, hundred: 100, m: 1e6, bn: 1e9 });

export const MONTHS: Record<string, number> = table({
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
});
export const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

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
succeeded failed
support oppose
agree disagree
guilty innocent
alive dead
legal illegal
approve deny
approve reject
admit deny
resume suspend
resume stop
resume postpone
extend shorten
allow forbid
allow prohibit
include exclude
gain loss
victory defeat
hire fire
maximum minimum
strong weak
strengthen weaken
reinforce weaken
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
succeeded failed
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

/** Irregular forms and the word each is a form of ("took" → take, "women" → woman). */
export const IRREGULAR_FORMS: ReadonlyMap<string, string> = IRREGULAR;

/**
 * A copy of a string that does not keep a larger one alive: V8 represents a long enough substring
 * as a slice of its parent, and a cache that keeps a word cut from a source would keep the whole
 * text of that source.
 */
export function detached(s: string): string {
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

export const SYNONYMS = new Map<string, string>();
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

export const DECLINE = stem('decline');

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
