/** What the corpus keeps of each source, and how it finds the source of a passage key. */
import type { Problem, SourceMeta } from '../model/types';
import { lastAtOrBefore } from '../text/segment';

/**
 * What a record rarely needs beyond its text: one object shared by every record of a bibliography
 * generation that has no problems, no report and no rename (see {@link SourceRecord.extra}).
 */
export interface SourceExtra {
  readonly problems: string[];
  /** The bibliography the metadata was taken from. */
  readonly bibliography: ReadonlyMap<string, SourceMeta>;
  /** What the corpus reported about it when it was added. */
  readonly report: readonly Problem[];
  /** The id and metadata as prepared, when another source had the id and this one was renamed. */
  readonly renamedFrom?: { id: string; meta: SourceMeta };
}

/** What the corpus keeps of a source: metadata, where its passages and its UTF-8 text are. */
export class SourceRecord {
  constructor(
    readonly id: string,
    readonly path: string,
    readonly meta: SourceMeta,
    /** Problems, bibliography, report and rename: shared by most records (tens of thousands in a corpus). */
    readonly extra: SourceExtra,
    /** Key of the first passage; the passages have the keys that follow. */
    readonly firstKey: number,
    readonly passageCount: number,
    /** The text, UTF-8: bytes `[byteStart, byteStart + byteLength)` of `buffer` (shared by a batch of sources). */
    readonly buffer: Uint8Array,
    readonly byteStart: number,
    readonly byteLength: number,
  ) {}

  get problems(): string[] {
    return this.extra.problems;
  }

  /** The bibliography the metadata was taken from. */
  get bibliography(): ReadonlyMap<string, SourceMeta> {
    return this.extra.bibliography;
  }

  /** What the corpus reported about it when it was added. */
  get report(): readonly Problem[] {
    return this.extra.report;
  }

  /** The id and metadata as prepared, when another source had the id and this one was renamed. */
  get renamedFrom(): { id: string; meta: SourceMeta } | undefined {
    return this.extra.renamedFrom;
  }

  /** The text, UTF-8. */
  get bytes(): Uint8Array {
    return this.buffer.subarray(this.byteStart, this.byteStart + this.byteLength);
  }
}

/** The sources in the order of their keys, to find the source of a passage key. */
export class KeyRanges {
  private firstKeys: number[] = [];
  private sources: Array<SourceRecord | undefined> = [];
  private removed = 0;

  /** Adds a source whose keys come after every other's. */
  push(source: SourceRecord): void {
    this.firstKeys.push(source.firstKey);
    this.sources.push(source);
  }

  /** The source that has passage `key`, if it is still in the corpus. */
  find(key: number): SourceRecord | undefined {
    if (!this.firstKeys.length || key < this.firstKeys[0]!) return undefined;
    const s = this.sources[lastAtOrBefore(this.firstKeys, key)];
    return s && key < s.firstKey + s.passageCount ? s : undefined;
  }

  remove(source: SourceRecord): void {
    const i = lastAtOrBefore(this.firstKeys, source.firstKey);
    if (this.sources[i] !== source) return;
    this.sources[i] = undefined;
    if (++this.removed > 1024 && this.removed > this.sources.length / 2) {
      const keep = this.sources.map((s, j) => (s ? j : -1)).filter((j) => j >= 0);
      this.firstKeys = keep.map((j) => this.firstKeys[j]!);
      this.sources = keep.map((j) => this.sources[j]!);
      this.removed = 0;
    }
  }
}
