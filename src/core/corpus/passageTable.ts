/**
 * Where each passage of the corpus is: rows of typed arrays by passage key (start offset, length,
 * line and character of the start).
 */
import { grown } from '../index/arrays';

/** Marks a 16-bit field that did not fit; the value is in the table's overflow map. */
export const WIDE = 0xffff;

/**
 * Where each passage is, one row per key: start offset, length and the line and character of its
 * start (12 bytes a passage). Lengths and characters wider than 16 bits (a passage on a line longer
 * than 65,534 characters) are kept aside.
 */
export class PassageTable {
  start: Uint32Array = new Uint32Array(1024);
  length: Uint16Array = new Uint16Array(1024);
  line: Uint32Array = new Uint32Array(1024);
  character: Uint16Array = new Uint16Array(1024);
  private readonly wide = new Map<number, number>();

  /** Makes room for the rows up to key `keys`; `bulk`: during a bulk build (see `grown`). */
  reserve(keys: number, bulk = false): void {
    if (keys <= this.start.length) return;
    this.start = grown(this.start, keys, bulk);
    this.length = grown(this.length, keys, bulk);
    this.line = grown(this.line, keys, bulk);
    this.character = grown(this.character, keys, bulk);
  }

  set(key: number, start: number, end: number, line: number, character: number): void {
    this.start[key] = start;
    this.line[key] = line;
    this.length[key] = end - start < WIDE ? end - start : WIDE;
    if (end - start >= WIDE) this.wide.set(2 * key, end - start);
    this.character[key] = character < WIDE ? character : WIDE;
    if (character >= WIDE) this.wide.set(2 * key + 1, character);
  }

  end(key: number): number {
    const n = this.length[key]!;
    return this.start[key]! + (n === WIDE ? this.wide.get(2 * key)! : n);
  }

  characterOf(key: number): number {
    const c = this.character[key]!;
    return c === WIDE ? this.wide.get(2 * key + 1)! : c;
  }

  /** Gives back the room beyond `keys` rows (after a bulk build). */
  trim(keys: number): void {
    if (this.start.length <= keys) return;
    this.start = this.start.slice(0, keys);
    this.length = this.length.slice(0, keys);
    this.line = this.line.slice(0, keys);
    this.character = this.character.slice(0, keys);
  }

  get wideEntries(): Array<[number, number]> {
    return [...this.wide];
  }

  set wideEntries(entries: Array<[number, number]>) {
    this.wide.clear();
    for (const [k, v] of entries) this.wide.set(k, v);
  }

  get byteSize(): number {
    return this.start.byteLength * 3;
  }
}

