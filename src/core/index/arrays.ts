/** Typed-array helpers shared by the term store and the lean index: growth and varint coding. */

export type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/**
 * Past this many items an array grows by a sixty-fourth at a time rather than by half (arrays of
 * terms too: 170,000 at 100 MB of sources, where the first new word after the build would add
 * 85,000 items of room to each). By items, not bytes: arrays kept row by row (a passage's start,
 * length …) grow in step, whatever their type.
 */
const LARGE_ARRAY_ITEMS = 1 << 16;

/**
 * A typed array with room for at least `min` items, keeping the contents. Small arrays grow by
 * half, large ones by a sixty-fourth: the first source added after a bulk build (whose arrays are
 * trimmed to size) would otherwise leave a third of the corpus' largest arrays unused (by a
 * sixteenth, 1.5 MB at 100 MB of sources; a sixty-fourth still leaves room for the passages of
 * hundreds of changed sources, and each copy costs a few milliseconds). During a bulk build
 * (`bulk`, trimmed at its end) large ones grow by a quarter: by a sixteenth, the arrays of a
 * 100 MB build would be allocated and copied some 70 times over.
 */
export function grown<T extends TypedArray>(arr: T, min: number, bulk = false): T {
  if (arr.length >= min) return arr;
  let n = Math.max(arr.length, 1024);
  while (n < min) n = Math.ceil(n * (n < LARGE_ARRAY_ITEMS ? 1.5 : bulk ? 1.25 : 1 + 1 / 64));
  const out = new (arr.constructor as new (n: number) => T)(n);
  out.set(arr as never);
  return out;
}

/**
 * `arr`, or a new array of its type (empty, a quarter larger than asked) when it holds fewer than
 * `min` items: for scratch arrays, whose contents need not be kept. Called every time rather than
 * where an array is too small, so that the caller's optimised code has met the call and is not
 * thrown away the first time an array grows in it.
 */
export function room<T extends TypedArray>(arr: T, min: number): T {
  return arr.length >= min ? arr : new (arr.constructor as new (n: number) => T)(Math.ceil(min * 1.25));
}

export function varintLength(v: number): number {
  return v < 0x80 ? 1 : v < 0x4000 ? 2 : v < 0x200000 ? 3 : v < 0x10000000 ? 4 : 5;
}

/**
 * The varint at `pos` of `buf` (as {@link writeVarint} writes it: it takes {@link varintLength}
 * bytes). Its bits are joined by a shifted OR, so the value must stay below 2^28, as passage keys,
 * their gaps and term ids do.
 */
export function readVarint(buf: Uint8Array, pos: number): number {
  let b = buf[pos++]!;
  let v = b & 0x7f;
  for (let shift = 7; b & 0x80; shift += 7) {
    b = buf[pos++]!;
    v |= (b & 0x7f) << shift;
  }
  return v;
}

export function writeVarint(buf: Uint8Array, pos: number, v: number): number {
  while (v >= 0x80) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  buf[pos++] = v;
  return pos;
}
