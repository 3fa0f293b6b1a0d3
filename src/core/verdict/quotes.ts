/**
 * Quote matching: is the quoted text verbatim in a source? Quote marks, dashes, whitespace and
 * case are folded; `...`/`…` mark omissions and `[…]` editorial insertions. When it is not
 * verbatim, the nearest wording in the source is found for the fix.
 */
import { distance } from 'fastest-levenshtein';
import type { Corpus } from '../corpus/corpus';
import { foldPunctuation } from '../text/text';
import { compactString } from '../text/compact';
import type { Source } from '../model/types';
import type { VerdictCaches } from './caches';

/** A text folded for matching, with the way back to the original offsets ({@link originalOffset}). */
export interface Folded {
  text: string;
  /**
   * Where folding dropped characters: pairs of a folded offset and how far the original offsets
   * run ahead of the folded ones from there on, ascending (none for most passages: a few numbers
   * where an offset per character took 4 bytes a character).
   */
  shifts: readonly number[];
}

/** The original offset of folded character `i` (for `i` = the folded length: the original's). */
export function originalOffset(f: Folded, i: number): number {
  const s = f.shifts;
  // the number of pairs at or before i
  let lo = 0;
  let hi = s.length >>> 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[2 * mid]! <= i) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? i : i + s[2 * lo - 1]!;
}

/** Folds text for verbatim comparison: punctuation variants, case, runs of whitespace (none before a comma, colon or closing bracket). */
export function foldForQuote(text: string): Folded {
  const f = foldPunctuation(text).toLowerCase();
  let out = '';
  const shifts: number[] = [];
  let shift = 0;
  let n = 0;
  let space = false;
  // characters other than whitespace are copied a run at a time
  let runStart = -1;
  for (let i = 0; i < f.length; i++) {
    const code = f.charCodeAt(i);
    if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(f[i]!))) {
      if (runStart >= 0) {
        out += f.slice(runStart, i);
        runStart = -1;
      }
      // no space before a comma, colon or closing bracket: "Booth memorials : Passages" is "Booth memorials: Passages"
      if (!space && n > 0 && !/^\s*[,;:!?)\]]/.test(f.slice(i, i + 8))) {
        if (i - n !== shift) shifts.push(n, (shift = i - n));
        n++;
        out += ' ';
      }
      space = true;
      continue;
    }
    space = false;
    if (runStart < 0) runStart = i;
    if (i - n !== shift) shifts.push(n, (shift = i - n));
    n++;
  }
  if (runStart >= 0) out += f.slice(runStart);
  if (f.length - n !== shift) shifts.push(n, f.length - n);
  // kept with passages and sources: a flat string, one byte a character where it can be
  return { text: compactString(out), shifts };
}

function folded(source: Source, caches?: VerdictCaches): Folded {
  return caches ? (caches.folded.get(source, () => foldForQuote(source.text)) as Folded) : foldForQuote(source.text);
}

export interface QuoteLocation {
  sourceId: string;
  /** Offsets in the source text of the first and past the last matched character. */
  start: number;
  end: number;
}

export interface NearestWording extends QuoteLocation {
  /** The source's exact wording, as written there. */
  text: string;
  /** Share of characters that differ (0 = identical). */
  difference: number;
}

const OMISSION = /\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|(?:\.\s*){3}|…)\s*/g;
const INSERTION = /\[[^\]]*\]/g;

/** The fragments a quote must match, in order, with the largest gap allowed before each. */
function fragments(quote: string): Array<{ text: string; gap: number }> {
  const out: Array<{ text: string; gap: number }> = [];
  let gap = 0;
  for (const part of quote.split(OMISSION)) {
    const pieces = part.split(INSERTION);
    pieces.forEach((piece, i) => {
      const t = trimPunct(foldForQuote(piece).text);
      if (t) out.push({ text: t, gap: out.length === 0 ? 0 : i > 0 ? 80 : Math.max(gap, 2000) });
      else if (i > 0) gap = 80;
    });
    gap = 2000;
  }
  return out;
}

function trimPunct(s: string): string {
  return s.replace(/^[\s.,;:!?'"()-]+|[\s.,;:!?'"()-]+$/g, '');
}

function isBoundary(text: string, i: number): boolean {
  return i <= 0 || i >= text.length || !/[\p{L}\p{N}]/u.test(text[i - 1]!) || !/[\p{L}\p{N}]/u.test(text[i]!);
}

/** Finds `quote` verbatim (modulo folding, omissions and insertions) in one source; `caches` keeps the folded text for the next quote. */
export function findInSource(quote: string, source: Source, caches?: VerdictCaches): QuoteLocation | undefined {
  const frags = fragments(quote);
  if (!frags.length) return undefined;
  const f = folded(source, caches);
  const first = frags[0]!;
  for (let at = f.text.indexOf(first.text); at >= 0; at = f.text.indexOf(first.text, at + 1)) {
    if (!isBoundary(f.text, at) || !isBoundary(f.text, at + first.text.length)) continue;
    let end = at + first.text.length;
    let ok = true;
    for (const frag of frags.slice(1)) {
      let next = f.text.indexOf(frag.text, end);
      while (next >= 0 && (!isBoundary(f.text, next) || !isBoundary(f.text, next + frag.text.length))) next = f.text.indexOf(frag.text, next + 1);
      if (next < 0 || next - end > frag.gap) {
        ok = false;
        break;
      }
      end = next + frag.text.length;
    }
    if (ok) return { sourceId: source.id, start: originalOffset(f, at), end: originalOffset(f, end - 1) + 1 };
  }
  return undefined;
}

/** Passages that nearestWording retrieves for a quote found nowhere. */
const NEAREST_SEARCH = 50;

/** Sources that could hold a quote: the cited ones, else those whose passages share its rarest words. */
export function candidateSources(corpus: Corpus, terms: readonly string[], limit = 12): Source[] {
  const seen = new Set<string>();
  const out: Source[] = [];
  // the first limit × 3 of the search nearestWording makes (the best k are the first k of the best
  // k' > k), so that a quote found nowhere costs one search, not two
  for (const p of corpus.search(terms, Math.max(limit * 3, NEAREST_SEARCH)).slice(0, limit * 3)) {
    if (seen.has(p.sourceId)) continue;
    seen.add(p.sourceId);
    const s = corpus.source(p.sourceId);
    if (s) out.push(s);
    if (out.length >= limit) break;
  }
  return out;
}

interface WordSpan {
  start: number;
  end: number;
}

function wordsOf(text: string, from: number, to: number): WordSpan[] {
  const out: WordSpan[] = [];
  const re = /[^\s]+/g;
  re.lastIndex = from;
  const slice = text.slice(0, to);
  for (let m = re.exec(slice); m; m = re.exec(slice)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * The wording in `sources` nearest to `quote`: the window of source words with the smallest
 * edit distance, searched in the passages that share the quote's words.
 */
export function nearestWording(quote: string, sources: readonly Source[], corpus: Corpus, terms: readonly string[]): NearestWording | undefined {
  const plain = quote.replace(OMISSION, ' ').replace(INSERTION, ' ');
  const target = trimPunct(foldForQuote(plain).text);
  const n = target.split(' ').length;
  if (!target) return undefined;
  const allowed = new Set(sources.map((s) => s.id));
  const passages = corpus
    .search(terms, NEAREST_SEARCH)
    .filter((p) => allowed.has(p.sourceId))
    .slice(0, 8);
  let best: NearestWording | undefined;
  for (const p of passages) {
    const source = corpus.source(p.sourceId)!;
    // the passage and its neighbours: quotes run across sentence ends
    const prev = corpus.neighbour(p, -1);
    const next = corpus.neighbour(p, 1);
    const from = prev && p.start - prev.end < 5 ? prev.start : p.start;
    const to = next && next.start - p.end < 5 ? next.end : p.end;
    const words = wordsOf(source.text, from, to);
    // the region folded once: its words are the words above, one space apart
    const region = foldForQuote(source.text.slice(from, to)).text;
    const foldedAt: number[] = [];
    for (let at = 0, k = 0; k < words.length; k++) {
      foldedAt.push(at);
      at = region.indexOf(' ', at) + 1 || region.length + 1;
    }
    const foldedEnd = (k: number) => (k + 1 < words.length ? foldedAt[k + 1]! - 1 : region.length);
    for (let i = 0; i < words.length; i++) {
      for (let len = Math.max(1, n - 3); len <= n + 3 && i + len <= words.length; len++) {
        const s = words[i]!.start;
        const e = words[i + len - 1]!.end;
        const candidate = trimPunct(region.slice(foldedAt[i]!, foldedEnd(i + len - 1)));
        const longer = Math.max(candidate.length, target.length, 1);
        // the distance is at least the difference in length: skip what cannot do better
        if (best && Math.abs(candidate.length - target.length) / longer >= best.difference) continue;
        const d = distance(candidate, target) / longer;
        if (!best || d < best.difference) {
          best = { sourceId: source.id, start: s, end: e, text: '', difference: d };
        }
      }
    }
  }
  if (!best) return undefined;
  const source = corpus.source(best.sourceId)!;
  const end = phraseEnd(source.text, best.start, best.end);
  const exact = source.text.slice(best.start, end).replace(/^[\s"'“”‘’(]+|[\s"'“”‘’),;:]+$/g, '').replace(/[.]$/, '');
  return { ...best, end, text: exact.replace(/\s+/g, ' ') };
}

/** Words a quote must not end on: the phrase they open goes on ("… to leave the"). */
const OPEN_ENDED = /(?:^|\s)(?:the|a|an|of|to|in|on|at|for|from|with|by|and|or|but|as|into|than|that|this|these|those|his|her|their|its|our|your|my|is|are|was|were|be|will|would|has|have|had|not|very|more|most)$/i;
/** How far a fix may reach to end its phrase. */
const PHRASE_REACH = 60;

/**
 * Where the wording of a fix should end: where it ends, unless that is inside a phrase (on "the",
 * "of", "to" …); then at the end of the source's quotation when the words stand in one that closes
 * soon after, else at the next clause boundary.
 */
export function phraseEnd(text: string, start: number, end: number): number {
  const after = text.slice(end, end + PHRASE_REACH);
  const openQuote = /[“"]/.exec(text.slice(Math.max(0, start - 400), start).split('').reverse().join(''));
  const closes = /^[^.!?“”"\n]*[”"]/.exec(after);
  const inQuotation = !!openQuote && !!closes && !/[”"]/.test(text.slice(start - openQuote.index, start));
  if (!OPEN_ENDED.test(text.slice(start, end).trimEnd())) return end;
  if (inQuotation) return end + closes![0].length - 1;
  const boundary = /[.,;:!?”"’)\n]/.exec(after);
  return boundary ? end + boundary.index : end;
}
