/**
 * The sources used last, decoded and materialised: `Source` objects, texts and passages, within a
 * budget of characters.
 */
import type { Passage, Source, SourceMeta } from '../model/types';
import { pageOf, pageStarts } from '../sources/sources';
import type { PassageTable } from './passageTable';
import type { SourceRecord } from './sourceRecords';

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
  text: string | undefined;
  passages: Array<Passage | undefined>;
  full: boolean;
  /** Of a paged source: where its pages 2, 3, … begin. */
  pageStarts?: number[];
}

/** What a cached source costs beyond its text, in characters (objects, and what callers cache by it). */
const ENTRY_CHARGE = 2048;

/**
 * The sources used last — their `Source` objects, decoded texts and materialised passages — in
 * two generations of up to half the character budget each; a source used again moves to the young
 * one, and when the young one is full the old one is dropped. A passage is the same object for as
 * long as its source stays here, so callers can compare passages by identity within a check.
 */
export class SourceCache {
  private young = new Map<SourceRecord, CacheEntry>();
  private old = new Map<SourceRecord, CacheEntry>();
  private youngChars = 0;

  constructor(
    private readonly table: PassageTable,
    private readonly maxChars: number,
  ) {}

  entry(r: SourceRecord): CacheEntry {
    let e = this.young.get(r);
    if (e) return e;
    e = this.old.get(r);
    if (e) this.old.delete(r);
    else e = { source: new CorpusSource(this, r), text: undefined, passages: new Array(r.passageCount), full: false };
    this.young.set(r, e);
    this.charge(ENTRY_CHARGE + (e.text?.length ?? 0));
    return e;
  }

  private charge(chars: number): void {
    this.youngChars += chars;
    if (this.youngChars > this.maxChars / 2) {
      this.old = this.young;
      this.young = new Map();
      this.youngChars = 0;
    }
  }

  /** The source's object: the cached one, or (with `keep` false) a new one left out of the cache. */
  source(r: SourceRecord, keep = true): CorpusSource {
    if (keep) return this.entry(r).source;
    return (this.young.get(r) ?? this.old.get(r))?.source ?? new CorpusSource(this, r);
  }

  text(r: SourceRecord, given?: string): string {
    const e = this.entry(r);
    if (e.text === undefined) {
      e.text = given ?? decoder.decode(r.bytes);
      this.charge(e.text.length);
    }
    return e.text;
  }

  drop(r: SourceRecord): void {
    if (this.young.delete(r)) this.youngChars = [...this.young.values()].reduce((n, e) => n + ENTRY_CHARGE + (e.text?.length ?? 0), 0);
    this.old.delete(r);
  }

  passage(r: SourceRecord, key: number): Passage {
    const e = this.entry(r);
    const ordinal = key - r.firstKey;
    let p = e.passages[ordinal];
    if (!p) {
      const text = this.text(r);
      const t = this.table;
      const start = t.start[key]!;
      const end = t.end(key);
      p = { key, sourceId: r.id, start, end, line: t.line[key]!, character: t.characterOf(key), text: text.slice(start, end), ordinal };
      if (r.meta.pages) p = { ...p, page: pageOf((e.pageStarts ??= pageStarts(text)), start) };
      e.passages[ordinal] = p;
    }
    return p;
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
