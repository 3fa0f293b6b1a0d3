/**
 * Where each passage of the corpus is: rows of typed arrays by passage key (start offset and
 * length). The line and character of a passage's start are worked out from its source's text
 * when the passage is made (see ./sourceCache.ts).
 */
import { grown } from '../index/arrays';

/** Marks a 16-bit field that did not fit; the value is in the table's overflow map. */
export const WIDE = 0xffff;

/**
 * Where each passage is, one row per key: start offset and length (6 bytes a passage). Lengths
 * wider than 16 bits are kept aside (under twice the key, as snapshots store them).
 */
export class PassageTable {
  start: Uint32Array = new Uint32Array(1024);
  length: Uint16Array = new Uint16Array(1024);
  private readonly wide = new Map<number, number>();

  /** Makes room for the rows up to key `keys`; `bulk`: during a bulk build (see `grown`). */
  reserve(keys: number, bulk = false): void {
    if (keys <= this.start.length) return;
    this.start = grown(this.start, keys, bulk);
    this.length = grown(this.length, keys, bulk);
  }

  set(key: number, start: number, end: number): void {
    this.start[key] = start;
    this.length[key] = end - start < WIDE ? end - start : WIDE;
    if (end - start >= WIDE) this.wide.set(2 * key, end - start);
  }

  end(key: number): number {
    const n = this.length[key]!;
    return this.start[key]! + (n === WIDE ? this.wide.get(2 * key)! : n);
  }

  /** Gives back the room beyond `keys` rows (after a bulk build). */
  trim(keys: number): void {
    if (this.start.length <= keys) return;
    this.start = this.start.slice(0, keys);
    this.length = this.length.slice(0, keys);
  }

  get wideEntries(): Array<[number, number]> {
    return [...this.wide];
  }

  /** Overflowing lengths (a snapshot of an older layout may also hold characters, under odd numbers: they are not needed). */
  set wideEntries(entries: Array<[number, number]>) {
    this.wide.clear();
    for (const [k, v] of entries) if (k % 2 === 0) this.wide.set(k, v);
  }

  get byteSize(): number {
    return this.start.byteLength + this.length.byteLength;
  }
}
