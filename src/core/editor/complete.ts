/**
 * Quote completion and passage search for the editor: given the words a writer has typed inside
 * an open quote, the source sentences and clauses that contain them verbatim (case, quote marks,
 * dashes and spacing folded), best first; and a live search over every passage for the Insert
 * Quote picker. Pure: the corpus in, plain candidates out.
 */
import { perGeneration, type Corpus } from '../corpus/corpus';
import { Generations } from '../corpus/generations';
import { ofPassage } from '../verdict/caches';
import { foldForQuote, originalOffset, type Folded } from '../verdict/quotes';
import { compactString } from '../text/compact';
import { lastAtOrBefore, lineStarts, positionAfter, positionAt } from '../text/segment';
import { parseDraft, type Draft } from '../draft/draft';
import { contentTerms, tokenize } from '../text/text';
import type { Passage } from '../model/types';

/** A piece of source wording that can be quoted verbatim. */
export interface QuoteCandidate {
  sourceId: string;
  /** Key of the passage it comes from. */
  passageKey: number;
  /** Offsets of the wording in the source text. */
  start: number;
  end: number;
  /** The wording exactly as the source has it (no quote marks around it). */
  text: string;
  /** 0-based line and UTF-16 character of `start` in the source. */
  line: number;
  character: number;
  /** 1-based page, when the source is paged (a PDF). */
  page?: number;
  /** `sentence`: to the end of the sentence (or of the source's own quotation); `clause`: to the next clause break. */
  kind: 'sentence' | 'clause';
  /** Higher is better. */
  score: number;
}

export interface CompleteOptions {
  /** Most candidates returned. */
  limit?: number;
  /** Fewer typed words than this give no candidates. */
  minWords?: number;
  /** Corpora up to this many passages are scanned whole, so no match is missed; larger ones go through the index. */
  scanLimit?: number;
}

const QUOTE_MARK = /["“”„‟«»]/;
/** A clause break (a `g` regex is stateful: each search makes its own, see {@link clauseBreakAfter}). */
const CLAUSE_BREAK = /[,;:(]|\s[-–—]\s|—/;
const TRAILING = /[\s,;:.!?\-–—(]+$/;

/** Passages folded for matching, by key, in two generations of this many (a completion reads up to 400 passages). */
const FOLDED_PASSAGES = 1024;

/**
 * Passages folded for matching, and line starts of sources: kept by the corpus, per generation.
 * Folded passages are kept by key, not in a WeakMap by passage: a WeakMap's table keeps the size
 * it grew to after its passages are gone (2 MB at 100 MB of sources, after a few hundred completions).
 */
const foldedPassages = perGeneration(() => new Generations<number, { text: string; value: Folded }>(FOLDED_PASSAGES));
const sourceLineStarts = perGeneration(() => new WeakMap<object, number[]>());

function foldedPassage(corpus: Corpus, p: Passage): Folded {
  return ofPassage(foldedPassages(corpus), p, (text) => ({ text, value: foldForQuote(text) }));
}

/** 0-based line and UTF-16 character of an offset in a source's text (line starts kept per corpus generation). */
export function positionInSource(corpus: Corpus, sourceId: string, offset: number): { line: number; character: number } {
  const source = corpus.source(sourceId);
  if (!source) return { line: 0, character: 0 };
  const cache = sourceLineStarts(corpus);
  let starts = cache.get(source);
  if (!starts) {
    starts = lineStarts(source.text);
    cache.set(source, starts);
  }
  return positionAt(starts, offset);
}

/** 0-based line and UTF-16 character of offset `at` of a passage's text in its source (read from where the passage starts). */
function positionInPassage(p: Passage, at: number): { line: number; character: number } {
  return positionAfter(p.text, 0, p.line, p.character, at);
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c);
}

/** Number of words in a text. */
function words(s: string): number {
  return (s.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

/** The typed words folded for matching; leading quote marks and spaces dropped. */
function foldTyped(typed: string): string {
  return foldForQuote(typed.replace(/^[\s"“”„']+/, '')).text;
}

/** Passages that may contain the typed words: all of them in a small corpus, else the index's best. */
function candidatePassages(corpus: Corpus, typed: string, scanLimit: number): Passage[] {
  if (corpus.passageCount <= scanLimit) return corpus.sources.flatMap((s) => s.passages);
  const tokens = tokenize(typed).filter((t) => !t.stop);
  const terms = tokens.map((t) => t.term);
  const seen = new Set<number>();
  const out: Passage[] = [];
  const push = (passages: Passage[]) => {
    for (const p of passages) {
      if (seen.has(p.key)) continue;
      seen.add(p.key);
      out.push(p);
    }
  };
  if (terms.length) {
    // the last word may be half typed: a prefix, unless a space followed it (through the corpus,
    // which first indexes sources added in bulk and not indexed yet)
    push(corpus.searchPrefix(terms, 200));
    if (terms.length > 1) push(corpus.searchPrefix(terms.slice(0, -1), 200));
  }
  return out;
}

/** Where the folded `needle` stands in a passage, at a word start; original offsets within the passage. */
function locate(corpus: Corpus, p: Passage, needle: string, wholeLastWord: boolean): { start: number; end: number } | undefined {
  const f = foldedPassage(corpus, p);
  for (let at = f.text.indexOf(needle); at >= 0; at = f.text.indexOf(needle, at + 1)) {
    if (isWordChar(f.text[at - 1])) continue;
    const endFold = at + needle.length;
    if (wholeLastWord && isWordChar(needle[needle.length - 1]) && isWordChar(f.text[endFold])) continue;
    return { start: originalOffset(f, at), end: originalOffset(f, endFold - 1) + 1 };
  }
  return undefined;
}

/** The quote-free stretch of a passage around offset `at`: where the source's own quote marks start and end. */
function segmentAround(text: string, at: number): { start: number; end: number; quoted: boolean } {
  let start = at;
  while (start > 0 && !QUOTE_MARK.test(text[start - 1]!)) start--;
  let end = at;
  while (end < text.length && !QUOTE_MARK.test(text[end]!)) end++;
  return { start, end, quoted: start > 0 || end < text.length };
}

/** The first clause break at or after `from`, with its index in `text`. */
function clauseBreakAfter(text: string, from: number): { index: number } | undefined {
  const m = CLAUSE_BREAK.exec(text.slice(from));
  return m ? { index: from + m.index } : undefined;
}

function trimEnd(text: string, start: number, end: number): number {
  const m = TRAILING.exec(text.slice(start, end));
  return m ? end - m[0].length : end;
}

function trimStart(text: string, start: number, end: number): number {
  while (start < end && /[\s,;:.!?\-–—)]/.test(text[start]!)) start++;
  return start;
}

/**
 * Source wording that begins with the typed words, for completing a quote: for each passage that
 * contains them verbatim (at a word start), the rest of its sentence (or of the source's own
 * quotation, when the words stand inside one) and the rest of the clause. Best first: matches that
 * start a sentence or quotation, then the index's order.
 *
 * @param typed what the writer typed after the opening quote mark
 */
export function quoteCandidates(corpus: Corpus, typed: string, options: CompleteOptions = {}): QuoteCandidate[] {
  const limit = options.limit ?? 20;
  const needle = foldTyped(typed).replace(/ $/, '');
  if (!needle || words(typed) < (options.minWords ?? 2)) return [];
  const wholeLastWord = /\s$/.test(typed);
  const out: QuoteCandidate[] = [];
  const seen = new Set<string>();
  const passages = candidatePassages(corpus, typed, options.scanLimit ?? 20000);
  passages.forEach((p, rank) => {
    const hit = locate(corpus, p, needle, wholeLastWord);
    if (!hit) return;
    const seg = segmentAround(p.text, hit.start);
    if (hit.end > seg.end) return; // the typed words run past the source's quote mark
    const sentenceEnd = trimEnd(p.text, hit.start, seg.end);
    if (sentenceEnd <= hit.start) return;
    const atStart = !p.text.slice(seg.start, hit.start).trim();
    const base = (atStart ? 2 : 0) + (seg.quoted && atStart ? 1 : 0) + 1 / (2 + rank);
    const add = (end: number, kind: QuoteCandidate['kind'], score: number) => {
      const start = p.start + hit.start;
      const key = `${p.sourceId}:${start}:${p.start + end}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push({ sourceId: p.sourceId, passageKey: p.key, start, end: p.start + end, text: p.text.slice(hit.start, end), ...positionInPassage(p, hit.start), ...(p.page ? { page: p.page } : {}), kind, score });
    };
    add(sentenceEnd, 'sentence', base);
    const brk = clauseBreakAfter(p.text, hit.end);
    if (brk && brk.index < sentenceEnd) {
      const clauseEnd = trimEnd(p.text, hit.start, brk.index);
      if (clauseEnd > hit.start && clauseEnd < sentenceEnd) add(clauseEnd, 'clause', base - 0.5);
    }
  });
  out.sort((a, b) => b.score - a.score || a.text.length - b.text.length);
  return out.slice(0, limit);
}

/**
 * Live search over every passage, for the Insert Quote picker: passages where the query stands
 * verbatim first, then the index's best matches for its words (the last one as a prefix). Each
 * result is the quotable stretch of its passage: the whole sentence, or, when the source quotes
 * someone inside it, the stretch (inside or outside its quote marks) that holds the most query words.
 */
export function searchPassages(corpus: Corpus, query: string, options: { limit?: number } = {}): QuoteCandidate[] {
  const limit = options.limit ?? 50;
  const q = query.trim();
  if (!q) return [];
  const out: QuoteCandidate[] = [];
  const seen = new Set<number>();
  const needle = foldTyped(q);
  const push = (p: Passage, at: number | undefined, score: number) => {
    if (seen.has(p.key) || out.length >= limit) return;
    const span = quotableSpan(p, at, q);
    if (!span) return;
    seen.add(p.key);
    const start = p.start + span.start;
    out.push({ sourceId: p.sourceId, passageKey: p.key, start, end: p.start + span.end, text: p.text.slice(span.start, span.end), ...positionInPassage(p, span.start), ...(p.page ? { page: p.page } : {}), kind: 'sentence', score });
  };
  // verbatim hits (any passage, in a corpus small enough to scan; else among the index's hits)
  const terms = contentTerms(q);
  const indexed = terms.length ? corpus.searchPrefix(terms, 200) : [];
  const pool = corpus.passageCount <= 20000 ? corpus.sources.flatMap((s) => s.passages) : indexed;
  if (needle) {
    for (const p of pool) {
      if (out.length >= limit) break;
      const hit = locate(corpus, p, needle, false);
      if (hit) push(p, hit.start, 3);
    }
  }
  for (const p of indexed) push(p, undefined, 2);
  if (out.length < limit && terms.length) for (const p of corpus.search(terms, limit)) push(p, undefined, 1);
  return out;
}

/** The stretch of a passage to quote: the quote-free segment around `at`, or the one with most query words. */
function quotableSpan(p: Passage, at: number | undefined, query: string): { start: number; end: number } | undefined {
  const text = p.text;
  if (!QUOTE_MARK.test(text)) {
    const end = trimEnd(text, 0, text.length);
    return end > 0 ? { start: 0, end } : undefined;
  }
  const segments: Array<{ start: number; end: number }> = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || QUOTE_MARK.test(text[i]!)) {
      const start = trimStart(text, s, i);
      const end = trimEnd(text, start, i);
      if (end > start && words(text.slice(start, end)) >= 1) segments.push({ start, end });
      s = i + 1;
    }
  }
  if (!segments.length) return undefined;
  if (at !== undefined) return segments.find((g) => at >= g.start && at < g.end) ?? segments.find((g) => g.start >= at);
  const q = new Set(contentTerms(query));
  let best = segments[0]!;
  let bestScore = -1;
  for (const g of segments) {
    const score = contentTerms(text.slice(g.start, g.end)).filter((t) => q.has(t)).length * 1000 + words(text.slice(g.start, g.end));
    if (score > bestScore) {
      best = g;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The citation written after an inserted quote: `[@key]`, or `[@key, p. N]` for a paged source.
 *
 * @example citationOf({ sourceId: 'un-briefing', page: 2 }) // '[@un-briefing, p. 2]'
 */
export function citationOf(c: { sourceId: string; page?: number }): string {
  return c.page ? `[@${c.sourceId}, p. ${c.page}]` : `[@${c.sourceId}]`;
}

/** What is being typed at the cursor, for completion. */
export type CompletionContext =
  | { kind: 'key'; /** the key typed so far after `@` */ prefix: string; /** offset where the key starts */ start: number }
  | { kind: 'quote'; /** the words typed after the opening quote mark */ typed: string; /** offset after the opening quote mark */ start: number; /** the closing mark that matches the opening one */ close: '"' | '”' };

const KEY_CONTEXT = /\[(?:[^[\]\n]*?[\s;])?-?@([\p{L}\p{N}_:.#$%&+?<>~/-]*)$/u;

/** Most sources offered after `[@` at once; with more, only those that match what is typed. */
export const MAX_KEY_CANDIDATES = 200;

/**
 * The sources to offer after `[@`: every one when there are at most `limit` (the editor filters
 * them as the writer types), else those whose key starts with what is typed, then those with a
 * word of the title or outlet that does, up to `limit` — and `complete` false, so that the editor
 * asks again as the writer types on.
 */
export function keyCandidates(corpus: Corpus, typed: string, limit = MAX_KEY_CANDIDATES): { ids: string[]; complete: boolean } {
  const ids = corpus.sourceIds;
  if (ids.length <= limit) return { ids, complete: true };
  const lower = typed.toLowerCase();
  const byKey = ids.filter((id) => id.toLowerCase().startsWith(lower)).slice(0, limit);
  if (byKey.length >= limit || !lower) return { ids: byKey, complete: false };
  const taken = new Set(byKey);
  const byWords: string[] = [];
  // the blocks hold the sources in the order of `ids` (the corpus' order, for the same generation)
  const blocks = titleWords(corpus);
  const needle = ` ${lower}`;
  // a source's words hold no line break, so that a match never runs from one source into the next
  if (needle.includes('\n')) return { ids: byKey, complete: false };
  blocks.forEach((block, b) => {
    const { text, starts } = block;
    for (let at = text.indexOf(needle); at >= 0 && byKey.length + byWords.length < limit; ) {
      const j = lastAtOrBefore(starts, at);
      const id = ids[b * TITLE_BLOCK + j]!;
      if (!taken.has(id)) byWords.push(id);
      at = j + 1 < starts.length ? text.indexOf(needle, starts[j + 1]!) : -1;
    }
  });
  return { ids: [...byKey, ...byWords], complete: false };
}


/** A key to offer after `[@`: a source, or a bibliography entry whose text is not in the workspace. */
export interface KeyEntry {
  id: string;
  meta: import('../model/types').SourceMeta;
  /** Whether its text is in the workspace, so citing it gets the sentence checked. */
  checkable: boolean;
}

/**
 * Every key to offer after `[@`: the sources ({@link keyCandidates}), then the bibliography
 * entries that have no text in the workspace (not checkable), those matching what is typed.
 */
export function keyEntries(corpus: Corpus, typed: string, limit = MAX_KEY_CANDIDATES): { entries: KeyEntry[]; complete: boolean } {
  const { ids, complete } = keyCandidates(corpus, typed, limit);
  const entries: KeyEntry[] = [];
  for (const id of ids) {
    const s = corpus.source(id);
    if (s) entries.push({ id, meta: s.meta, checkable: true });
  }
  const lower = typed.toLowerCase();
  let more = complete;
  for (const [id, meta] of corpus.bibliography) {
    if (corpus.source(id)) continue;
    if (!complete && !id.toLowerCase().startsWith(lower) && !(meta.title ?? '').toLowerCase().includes(lower)) continue;
    if (entries.length >= limit * 2) {
      more = false;
      break;
    }
    entries.push({ id, meta, checkable: false });
  }
  return { entries, complete: more };
}

/** Sources whose title words are joined in one string. */
const TITLE_BLOCK = 512;

/**
 * Each source's title and outlet, lower case, every word after a space: the sources' words joined
 * by line breaks, `TITLE_BLOCK` sources to a string, with where each source's words start (a
 * string per source costs more in headers than most titles in characters; a block of its own
 * keeps a title in another script from doubling the size of every other). The sources are in the
 * corpus' order, that of `corpus.sourceIds`.
 */
const titleWords = perGeneration((corpus) => {
  const blocks: Array<{ text: string; starts: Int32Array }> = [];
  let words: string[] = [];
  const close = () => {
    const starts = new Int32Array(words.length);
    let at = 0;
    words.forEach((w, i) => {
      starts[i] = at;
      at += w.length + 1;
    });
    blocks.push({ text: compactString(words.join('\n')), starts });
    words = [];
  };
  for (const source of corpus.sources) {
    words.push(` ${source.meta.title ?? ''} ${source.meta.outlet ?? ''}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' '));
    if (words.length === TITLE_BLOCK) close();
  }
  if (words.length) close();
  return blocks;
});

/**
 * What completion can offer at `offset` in a Markdown draft: a citation key after `[@` (or after
 * `; @` in a group), or source wording inside an open double quote. Nothing in front matter, code
 * (fenced, indented or inline), HTML blocks or link destinations. Takes the draft as parsed for its
 * check (one Markdown parse per version), or its text.
 */
export function completionContext(input: string | Draft, offset: number): CompletionContext | undefined {
  const draft = typeof input === 'string' ? parseDraft(input) : input;
  const text = draft.text;
  if (offset < draft.bodyStart) return undefined;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const linePrefix = text.slice(lineStart, offset);
  if (!inProse(draft, lineStart)) return undefined;
  // paragraph so far: back to the previous blank line
  const blank = /\n[ \t]*\n/g;
  let paraStart = draft.bodyStart;
  for (let m = blank.exec(text); m && m.index + m[0].length <= lineStart; m = blank.exec(text)) paraStart = m.index + m[0].length;
  const before = text.slice(paraStart, offset);
  if (((before.match(/`/g) ?? []).length & 1) === 1) return undefined; // inside inline code
  if (/\]\([^)]*$/.test(linePrefix) || /<[a-z][a-z0-9+.-]*:[^>\s]*$/i.test(linePrefix)) return undefined; // link destination, autolink
  const key = KEY_CONTEXT.exec(linePrefix);
  if (key) return { kind: 'key', prefix: key[1]!, start: offset - key[1]!.length };
  let open = -1;
  let openChar = '';
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (c !== '"' && c !== '“' && c !== '”' && c !== '„') continue;
    if (open < 0) {
      if (c === '”') continue;
      open = i;
      openChar = c;
    } else if (c === '"' || c === '”') open = -1;
    else open = i;
  }
  if (open < 0) return undefined;
  const typed = before.slice(open + 1).replace(/\r?\n[ \t>]*/g, ' ');
  if (!typed.trim() || /^\s/.test(typed)) return undefined; // a quote mark followed by a space closes something, or is a stray
  return { kind: 'quote', typed, start: paraStart + open + 1, close: openChar === '"' ? '"' : '”' };
}

/** Whether a line is in a paragraph (not code, HTML or a link definition), by the draft's block structure. */
function inProse(draft: Draft, lineStart: number): boolean {
  const text = draft.text;
  const line = (text.slice(0, lineStart).match(/\n/g) ?? []).length;
  if (/^ {0,3}\[[^\]]+\]:/.test(text.slice(lineStart, lineStart + 200))) return false; // a link reference definition
  return !draft.codeLines.some(([first, end]) => line >= first && line < end);
}
