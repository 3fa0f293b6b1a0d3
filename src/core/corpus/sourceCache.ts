/**
 * The sources used last, decoded and materialised: `Source` objects, texts and passages, within a
 * budget of characters.
 */
import type { Passage, Source, SourceMeta } from '../model/types';
import { pageOf, pageStarts } from '../sources/sources';
import type { PassageTable } from './passageTable';
import type { SourceRecord } from './sourceRecords';
import { compactString } from '../text/compact';
import { Generations } from './generations';
import { lineStarts, positionAt, positionAfter } from '../text/segment';

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A source as callers see it. The object lives as long as its source stays in the corpus' cache
 * (callers' caches keyed by it, such as WeakMaps, are then bounded too); asked for again later,
 * the same source comes as a new object with the same contents.
 */
class CorpusSource implements Source {
  constructor(
    private readonly cache: SourceCache,
    private readonly record: SourceRecord,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get path(): string {
    return this.record.path;
  }

  get meta(): SourceMeta {
    return this.record.meta;
  }

  get problems(): string[] {
    return this.record.problems;
  }

  get text(): string {
    return this.cache.text(this.record);
  }

  get passages(): Passage[] {
    return this.cache.passages(this.record);
  }

  toJSON(): Source {
    return { id: this.id, path: this.path, text: this.text, meta: this.meta, passages: this.passages, problems: this.problems };
  }
}

interface CacheEntry {
  source: CorpusSource;
  /** Characters of the source's text, once decoded for this entry (what the entry is charged for). */
  chars: number;
  passages: Array<Passage | undefined>;
  full: boolean;
  /** Of a paged source: where its pages 2, 3, … begin. */
  pageStarts?: number[];
  /** Of a long source whose passages were asked for out of order: where its lines begin. */
  lineStarts?: number[];
  /** Of a short source: the last passage cut from its UTF-8 (-1: none yet), and the byte it starts at (see {@link fromBytes}). */
  cutOrdinal: number;
  cutByte: number;
}

/** What a cached source costs beyond its text, in characters (objects, and what callers cache by it). */
const ENTRY_CHARGE = 2048;
/**
 * Most characters read to find where a passage starts (its line and character) from the passage
 * before it already made or the text's start; beyond, the source's line starts are kept.
 */
const LONG_SCAN = 16_384;
/** The share of the character budget that whole decoded texts may take (the rest: what is made from them). */
const TEXT_SHARE = 1 / 32;

/**
 * A copy of a part of a text that holds nothing else alive (a slice of 13 characters or more is a
 * view of the whole string in V8), of one byte a character where its characters allow (a text with
 * one curly quote is two bytes a character throughout, most of its passages need not be).
 */
function ownCopy(text: string, start: number, end: number): string {
  const part = text.slice(start, end);
  return part.length < 13 ? part : compactString(part);
}

/**
 * A short source's passage `ordinal` (characters `[start, end)` of its text) cut from its UTF-8
 * `bytes` alone, with the line and character where it starts: the same text and position as
 * decoding the whole source and slicing it gives, without a decoded copy of the whole source
 * (most of a check's or a completion's passages are one or two of a source). The bytes are read
 * on from the last passage cut when it comes before (passages are mostly asked for in order),
 * else from the start. Undefined when `start` or `end` falls between the two halves of a
 * character outside the Basic Multilingual Plane, which UTF-8 cannot cut.
 */
function fromBytes(e: CacheEntry, bytes: Uint8Array, ordinal: number, start: number, end: number): { text: string; line: number; character: number } | undefined {
  let b = 0;
  let c = 0;
  let line = 0;
  let character = 0;
  const q = e.cutOrdinal >= 0 && e.cutOrdinal < ordinal ? e.passages[e.cutOrdinal] : undefined;
  if (q && q.start <= start) {
    b = e.cutByte;
    ({ start: c, line, character } = q);
  }
  // lines broken as lineStarts breaks them: at \n, and at \r not followed by \n
  let lineStart = -1;
  const from = c;
  for (; c < start; ) {
    const x = bytes[b]!;
    if (x < 0x80) {
      if (x === 10 || (x === 13 && bytes[b + 1] !== 10)) {
        line++;
        lineStart = c + 1;
      }
      b++;
      c++;
    } else if (x < 0xf0) {
      b += x < 0xe0 ? 2 : 3;
      c++;
    } else {
      if (c + 2 > start) return undefined;
      b += 4;
      c += 2;
    }
  }
  const byteStart = b;
  for (; c < end; ) {
    const x = bytes[b]!;
    if (x < 0xf0) {
      b += x < 0x80 ? 1 : x < 0xe0 ? 2 : 3;
      c++;
    } else {
      if (c + 2 > end) return undefined;
      b += 4;
      c += 2;
    }
  }
  e.cutOrdinal = ordinal;
  e.cutByte = byteStart;
  return { text: decoder.decode(bytes.subarray(byteStart, b)), line, character: lineStart < 0 ? character + (start - from) : start - lineStart };
}

const entryCost = (e: CacheEntry) => ENTRY_CHARGE + e.chars;
const textCost = (t: string) => t.length;

/**
 * The sources used last — their `Source` objects and materialised passages — in two generations
 * of up to half the character budget each, each source charged its text's length and
 * {@link ENTRY_CHARGE}; a source used again moves to the young one, and when the young one is
 * full the old one is dropped. A passage is the same object for as long as its source stays here,
 * so callers can compare passages by identity within a check. A passage's text is a copy of its
 * own, so that the whole decoded texts, kept apart with a smaller budget ({@link TEXT_SHARE}), can
 * go before their passages: a check of a long draft reads one or two passages of each of
 * thousands of sources, and decoding a text again costs little beside what is worked out from the
 * source and its passages, which lasts as long as they stay here.
 */
export class SourceCache {
  private readonly entries: Generations<SourceRecord, CacheEntry>;
  private readonly texts: Generations<SourceRecord, string>;

  constructor(
    private readonly table: PassageTable,
    maxChars: number,
  ) {
    // each generation up to half the budget: the young one is let go once it holds more
    this.entries = new Generations(Math.floor(maxChars / 2) + 1, entryCost);
    this.texts = new Generations(Math.floor(Math.max(1, Math.floor(maxChars * TEXT_SHARE)) / 2) + 1, textCost);
  }

  entry(r: SourceRecord): CacheEntry {
    let e = this.entries.take(r);
    if (!e) this.entries.put(r, (e = { source: new CorpusSource(this, r), chars: 0, passages: new Array(r.passageCount), full: false, cutOrdinal: -1, cutByte: 0 }));
    return e;
  }

  /** The source's object: the cached one, or (with `keep` false) a new one left out of the cache. */
  source(r: SourceRecord, keep = true): CorpusSource {
    if (keep) return this.entry(r).source;
    return this.entries.peek(r)?.source ?? new CorpusSource(this, r);
  }

  text(r: SourceRecord, given?: string): string {
    const e = this.entry(r);
    let text = this.texts.take(r);
    if (text === undefined) {
      text = given ?? decoder.decode(r.bytes);
      this.texts.put(r, text);
    }
    this.charge(e, text.length);
    return text;
  }

  /** Charges an entry for its source's text, `chars` long, once. */
  private charge(e: CacheEntry, chars: number): void {
    if (e.chars || !chars) return;
    e.chars = chars;
    this.entries.charge(chars);
  }

  drop(r: SourceRecord): void {
    this.entries.delete(r);
    this.texts.delete(r);
  }

  passage(r: SourceRecord, key: number): Passage {
    const e = this.entry(r);
    const ordinal = key - r.firstKey;
    let p = e.passages[ordinal];
    if (!p) {
      const t = this.table;
      const start = t.start[key]!;
      const end = t.end(key);
      const cut = !r.meta.pages && r.byteLength <= LONG_SCAN && this.texts.peek(r) === undefined ? fromBytes(e, r.bytes, ordinal, start, end) : undefined;
      if (cut) {
        // as if decoded: its bytes are at least its characters
        this.charge(e, r.byteLength);
        p = { key, sourceId: r.id, start, end, line: cut.line, character: cut.character, text: cut.text, ordinal };
      } else {
        const text = this.text(r);
        const { line, character } = this.position(e, text, ordinal, start);
        p = { key, sourceId: r.id, start, end, line, character, text: ownCopy(text, start, end), ordinal };
        if (r.meta.pages) p = { ...p, page: pageOf((e.pageStarts ??= pageStarts(text)), start) };
      }
      e.passages[ordinal] = p;
    }
    return p;
  }

  /**
   * The 0-based line and character of offset `at` of an entry's text, where passage `ordinal`
   * starts: read on from the nearest passage before it already made (or the text's start), or
   * looked up in the entry's line starts when that would read far.
   */
  private position(e: CacheEntry, text: string, ordinal: number, at: number): { line: number; character: number } {
    if (e.lineStarts) return positionAt(e.lineStarts, at);
    let from = 0;
    let line = 0;
    let character = 0;
    for (let j = ordinal - 1; j >= 0; j--) {
      const q = e.passages[j];
      if (q) {
        ({ start: from, line, character } = q);
        break;
      }
    }
    if (at - from > LONG_SCAN) return positionAt((e.lineStarts = lineStarts(text)), at);
    return positionAfter(text, from, line, character, at);
  }

  passages(r: SourceRecord): Passage[] {
    const e = this.entry(r);
    if (!e.full) {
      for (let i = 0; i < r.passageCount; i++) this.passage(r, r.firstKey + i);
      e.full = true;
    }
    return e.passages as Passage[];
  }
}
