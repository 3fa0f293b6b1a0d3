/**
 * Attribution to the cited source itself: "According to the briefing, …", "The Daily Ledger
 * reports that …", "…, the agency reported.", "In the Ledger's account, …". The frame names where
 * the claim comes from, not what it says: the source never calls itself "the briefing", so its
 * words would only lower the claim's coverage, draw in a passage that happens to have them, or
 * stand in a slot as a name ("only the Ledger says that Malahifji …" against "said Zakaria
 * Malahifji"). The frame is blanked (offsets kept) in the text that is scored.
 *
 * A frame is taken away only when every word of what it names is a word of a cited source's
 * outlet, author or key ("the Ledger", "Reuters", "the briefing" for `005_aleppo_briefing`), or a
 * word for a document or an outlet in general ("the report", "the agency", "the paper"). "According
 * to the Defence Ministry, …" stays: that is a claim about who said it.
 */
import type { Corpus } from '../corpus/corpus';

/** Words that refer to a document or an outlet in general. */
const DOCUMENT_WORDS = ['briefing', 'brief', 'report', 'article', 'paper', 'newspaper', 'story', 'piece', 'dispatch', 'account', 'agency', 'outlet', 'wire', 'site', 'website', 'page', 'broadcaster', 'network', 'channel', 'magazine', 'journal', 'daily', 'document', 'note', 'memo', 'transcript', 'release', 'bulletin'];

const SAYS = String.raw`(?:reports?|reported|says|said|notes?|noted|writes?|wrote|states?|stated|adds?|added|argues?|argued|claims?|claimed|recounts?|recounted|observes?|observed|explains?|explained|tells\s+readers|told\s+readers)`;
const WORD = String.raw`[\p{L}][\p{L}\p{N}.&'’-]*`;
/** What a frame names: one to four words, "the" and a possessive aside. */
const NAMED = String.raw`((?:the\s+)?${WORD}(?:\s+${WORD}){0,3}?)`;

const FRAMES: readonly RegExp[] = [
  // "According to the briefing, …"
  new RegExp(String.raw`^\s*according\s+to\s+${NAMED}\s*,\s*`, 'iu'),
  // "…, according to the briefing." / "… according to UPI."
  new RegExp(String.raw`,?\s+according\s+to\s+${NAMED}\s*(?=[.!]?\s*$)`, 'iu'),
  // "The Daily Ledger reports that …", "Second, only the Ledger says that …"
  new RegExp(String.raw`^\s*(?:(?:first|second|third|finally|also|again|similarly|likewise)\s*,?\s+)?(?:only\s+)?${NAMED}\s+(?:also\s+|alone\s+)?${SAYS}\s+(?:that\s+)?(?=\S)`, 'iu'),
  // "…, the agency reported." / "…, the BBC reported."
  new RegExp(String.raw`,\s*${NAMED}\s+${SAYS}\s*(?=[.!]?\s*$)`, 'iu'),
  // "In the Ledger's account, …"
  new RegExp(String.raw`^\s*in\s+${NAMED}(?:'s|’s|')\s+(?:reading|account|view|words|telling|version|report|story|summary)\s*,\s*`, 'iu'),
];

const WORDS = /[\p{L}\p{N}]+/gu;

/** The words that name a source: its outlet, author and key ("005_aleppo_briefing" → aleppo, briefing). */
export function referenceWords(corpus: Corpus, ids: Iterable<string>): Set<string> {
  const out = new Set(DOCUMENT_WORDS);
  for (const id of ids) {
    const s = corpus.source(id);
    if (!s) continue;
    // every word of the outlet and the author ("Asharq Al-awsat"); the words of the key ("aleppo", "briefing")
    for (const w of `${s.meta.outlet ?? ''} ${s.meta.author ?? ''}`.toLowerCase().match(WORDS) ?? []) out.add(w);
    for (const w of id.toLowerCase().match(WORDS) ?? []) if (w.length >= 3 && !/\d/.test(w)) out.add(w);
  }
  return out;
}

/** Whether every word of a frame's name (past "the" and a possessive) names the source. */
function namesSource(named: string, refs: ReadonlySet<string>): boolean {
  const words = named
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/['’]$/, '')
    .match(WORDS);
  if (!words) return false;
  const rest = words.filter((w, i) => !(i === 0 && w === 'the'));
  return rest.length > 0 && rest.every((w) => refs.has(w) || refs.has(w.replace(/s$/, '')));
}

/** The prose with frames that attribute it to the cited source itself blanked, offsets kept. */
export function withoutAttribution(prose: string, refs: ReadonlySet<string>): string {
  // a frame names the source in words of `refs`: without one of them there is nothing to take away
  if (!(prose.toLowerCase().match(WORDS) ?? []).some((w) => refs.has(w) || refs.has(w.replace(/s$/, '')))) return prose;
  let out = prose;
  for (const re of FRAMES) {
    const m = re.exec(out);
    if (!m || !namesSource(m[1]!, refs)) continue;
    const rest = out.slice(0, m.index) + ' '.repeat(m[0].length) + out.slice(m.index + m[0].length);
    // the frame is not the whole sentence
    if (/[\p{L}\p{N}]{3,}/u.test(rest)) out = rest;
  }
  return out;
}
