// Deterministic news-like sources for the soak test (and for trying the same corpus outside VS
// Code): wire-report sentences built from small word pools, with a code name unique to each source.
// Not a test file: bundled into the tests that import it.

import { rng } from '../../bench/corpusgen';

export { rng };

const FIRST = ['Amira', 'Boris', 'Chen', 'Dalia', 'Emil', 'Farah', 'Goran', 'Hana', 'Ivan', 'Jamal', 'Kira', 'Leila', 'Marek', 'Nadia', 'Omar', 'Petra', 'Rashid', 'Sofia', 'Tarek', 'Ulla', 'Viktor', 'Wen', 'Yusuf', 'Zara'];
const LAST = ['Haddad', 'Petrov', 'Okafor', 'Lindqvist', 'Moreau', 'Nakamura', 'Rahman', 'Kowalski', 'Silva', 'Osei', 'Brandt', 'Farouk', 'Ivanova', 'Keller', 'Mendes', 'Novak', 'Qureshi', 'Rossi', 'Sato', 'Toma'];
const PLACES = ['Aleppo', 'Idlib', 'Homs', 'Latakia', 'Raqqa', 'Deir ez-Zor', 'Hama', 'Daraa', 'Tartus', 'Qamishli', 'Manbij', 'Kobani', 'Afrin', 'Palmyra', 'Douma', 'Azaz', 'Jarablus', 'Suwayda', 'Quneitra', 'Hasakah'];
const ORGS = ['Red Crescent', 'United Nations', 'World Food Programme', 'defence ministry', 'health ministry', 'city council', 'rebel command', 'relief agency', 'border authority', 'water board'];
const NOUNS = ['convoy', 'corridor', 'ceasefire', 'shipment', 'clinic', 'bridge', 'checkpoint', 'evacuation', 'truck', 'shelter', 'bakery', 'generator', 'school', 'pipeline', 'warehouse', 'ambulance'];
const VERBS = ['reopen', 'inspect', 'secure', 'repair', 'suspend', 'extend', 'monitor', 'evacuate', 'supply', 'rebuild'];
const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const OUTLETS = ['Reuters', 'AP', 'AFP', 'UPI', 'BBC'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'qu', 'bri', 'dal', 'fen', 'gor', 'hul', 'jin'];

/** A made-up word unique to `n` (a code name that only this source has). */
export function codeName(n: number): string {
  let out = '';
  let x = n + 4096;
  while (x > 0) {
    out += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
  }
  return out[0]!.toUpperCase() + out.slice(1);
}

/** The sentences of source `n`: a title line, then 12–19 sentences in the style of a wire report. */
export function sourceSentences(n: number): { title: string; sentences: string[] } {
  const r = rng(n * 7919 + 17);
  const pick = <T>(a: readonly T[]) => a[Math.floor(r() * a.length)]!;
  const num = () => 2 + Math.floor(r() * 480);
  const person = () => `${pick(FIRST)} ${pick(LAST)}`;
  const when = () => `${pick(MONTHS)} ${1 + Math.floor(r() * 28)}`;
  const code = codeName(n);
  const place = pick(PLACES);
  const title = `${place} ${pick(NOUNS)} talks stall as ${pick(ORGS)} weighs ${code} plan`;
  const templates = [
    () => `${person()}, a spokesman for the ${pick(ORGS)}, said ${num()} ${pick(NOUNS)}s had reached ${pick(PLACES)} on ${when()}.`,
    () => `The ${pick(ORGS)} said it would ${pick(VERBS)} the ${pick(NOUNS)} in ${pick(PLACES)} before ${when()}, according to ${person()}.`,
    () => `"We will not ${pick(VERBS)} the ${pick(NOUNS)} of ${pick(PLACES)} until the ${code} talks end," ${pick(LAST)} told reporters in ${pick(PLACES)}.`,
    () => `Officials in ${pick(PLACES)} counted ${num()} people at the ${pick(NOUNS)} after the ${code} agreement began.`,
    () => `${person()} of the ${pick(ORGS)} warned that the ${pick(NOUNS)} near ${pick(PLACES)} could not ${pick(VERBS)} more than ${num()} families a day.`,
    () => `Residents said the ${pick(NOUNS)} had been closed for ${num()} days and that ${pick(NOUNS)}s were running short.`,
    () => `The ${code} plan, first proposed on ${when()}, calls for ${num()} ${pick(NOUNS)}s to ${pick(VERBS)} the road to ${pick(PLACES)}.`,
  ];
  const sentences: string[] = [];
  const count = 12 + Math.floor(r() * 8);
  for (let i = 0; i < count; i++) sentences.push(pick(templates)());
  sentences[0] = `${place.toUpperCase()}, ${when()} (${pick(OUTLETS)}) - ${sentences[0]}`;
  return { title, sentences };
}

export function sourceText(n: number): string {
  const { title, sentences } = sourceSentences(n);
  const paras: string[] = [];
  for (let i = 0; i < sentences.length; i += 3) paras.push(sentences.slice(i, i + 3).join(' '));
  return `${title}\n\n${paras.join('\n\n')}\n`;
}

