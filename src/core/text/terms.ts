/**
 * What terms say beyond themselves: the terms of a text for the index and for support, generic
 * words, closed classes and polarity.
 */
import { canonical } from './lexicon';
import { indexTermsOf } from './termScanner';
import { tokenize } from './tokenize';

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
  return indexTermsOf(text);
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
