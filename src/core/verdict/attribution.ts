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

/**
 * The frames (case-blind): each with what it cannot match without (its fixed words), so that a
 * sentence without them is not tried against it.
 */
const FRAME_SOURCES: ReadonlyArray<readonly [needs: string, frame: string]> = [
  // "According to the briefing, …"
  [String.raw`according\s+to\s`, String.raw`^\s*according\s+to\s+${NAMED}\s*,\s*`],
  // "…, according to the briefing." / "… according to UPI."
  [String.raw`according\s+to\s`, String.raw`,?\s+according\s+to\s+${NAMED}\s*(?=[.!]?\s*$)`],
  // "The Daily Ledger reports that …", "Second, only the Ledger says that …"
  [String.raw`\s${SAYS}`, String.raw`^\s*(?:(?:first|second|third|finally|also|again|similarly|likewise)\s*,?\s+)?(?:only\s+)?${NAMED}\s+(?:also\s+|alone\s+)?${SAYS}\s+(?:that\s+)?(?=\S)`],
  // "…, the agency reported." / "…, the BBC reported."
  [String.raw`\s${SAYS}`, String.raw`,\s*${NAMED}\s+${SAYS}\s*(?=[.!]?\s*$)`],
  // "In the Ledger's account, …"
  [String.raw`^\s*in\s`, String.raw`^\s*in\s+${NAMED}(?:'s|’s|')\s+(?:reading|account|view|words|telling|version|report|story|summary)\s*,\s*`],
];

type Frames = ReadonlyArray<readonly [needs: RegExp, frame: RegExp]>;
const framesWith = (flags: string): Frames => FRAME_SOURCES.map(([needs, frame]) => [new RegExp(needs, flags), new RegExp(frame, flags)] as const);
/**
 * The frames as they are matched against the prose in lower case: without the `i` flag, V8
 * compiles a class of letters in a fraction of the time (a cold check compiles each frame twice).
 */
const LOWER_FRAMES = framesWith('u');
/** The frames matched case-blind, for prose whose lower case is not a letter-for-letter copy (compiled only if ever used). */
const BLIND_FRAMES = framesWith('iu');

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
  const lower = prose.toLowerCase();
  // a frame names the source in words of `refs`: without one of them there is nothing to take away
  if (!(lower.match(WORDS) ?? []).some((w) => refs.has(w) || refs.has(w.replace(/s$/, '')))) return prose;
  // matched in lower case where that is the same as case-blind: as long, and no long s (ſ, which
  // the `i` flag takes for an s)
  const asLower = lower.length === prose.length && !prose.includes('ſ');
  const frames = asLower ? LOWER_FRAMES : BLIND_FRAMES;
  let out = prose;
  let text = asLower ? lower : prose;
  for (const [needs, re] of frames) {
    if (!needs.test(text)) continue;
    const m = re.exec(text);
    if (!m || !namesSource(m[1]!, refs)) continue;
    const blank = (s: string) => s.slice(0, m.index) + ' '.repeat(m[0].length) + s.slice(m.index + m[0].length);
    const rest = blank(out);
    // the frame is not the whole sentence
    if (/[\p{L}\p{N}]{3,}/u.test(rest)) {
      out = rest;
      text = asLower ? blank(text) : rest;
    }
  }
  return out;
}
