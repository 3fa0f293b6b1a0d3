/**
 * A corpus snapshot brought up to date for one edited file without putting the corpus together
 * again: the file's text, passages, terms and postings are replaced in the snapshot's sections,
 * and the passage keys after it move by the change in its passage count. Term ids are numbered by
 * first occurrence, in path order: those first met before the file stay, those first met in it
 * come next in the order its new text meets them, then the others (a term it no longer has is
 * first met further on, or nowhere and dropped). The result is the very snapshot (byte for byte)
 * that `toSnapshot` gives of the corpus built from scratch, or nothing when it could not be: the
 * file has problems, an id of another source or overlong passages, or the snapshot is not laid out
 * as a build from scratch lays it out. Then the caller builds it again.
 */
import { readVarint, varintLength, writeVarint } from '../index/arrays';
import { WIDE } from './passageTable';
import type { PreparedSources } from './prepared';
import { decodeSnapshot, encodeSnapshot } from './snapshot';
import type { Problem, SourceMeta } from '../model/types';

type SourceEntry = [string, string, SourceMeta, string[], number, number, number, { id: string; meta: SourceMeta }?];

interface Header {
  key: string;
  terms: string;
  nextKey: number;
  totalLength: number;
  wide: Array<[number, number]>;
  sources: SourceEntry[];
  problems: Array<[string, Problem[]]>;
  bibliography: SourceMeta[];
  index?: { keyLimit: number };
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * `snapshot` (from `Corpus.toSnapshot`) with the source read from `path` replaced by `batch`, the
 * same file prepared again (one source); undefined when that cannot give the snapshot of a build
 * from scratch (see the file's comment). `lexicon` is the snapshot's lexicon, parsed, when the
 * caller has it.
 */
export function spliceSnapshot(snapshot: Uint8Array, path: string, batch: PreparedSources, lexicon?: readonly string[]): Uint8Array | undefined {
  const { header: raw, sections: s } = decodeSnapshot(snapshot);
  const h = raw as unknown as Header;
  const prepared = batch.sources[0];
  if (!prepared || batch.sources.length !== 1 || !h.index || h.index.keyLimit !== h.nextKey) return undefined;
  const at = h.sources.findIndex((e) => e[1] === path);
  const entry = h.sources[at];
  // the same id, not taken from another source; no problems before or after
  if (!entry || entry[7] || entry[0] !== prepared.id || prepared.problems.length || entry[3].length || h.problems.some(([p]) => p === path)) return undefined;
  const u32 = (name: string) => s[name] as Uint32Array;
  const u16 = (name: string) => s[name] as Uint16Array;
  const u8 = (name: string) => s[name] as Uint8Array;
  const [text, start, length, df, pool, starts, ends, lens, alive, offsets, postings] = [u8('text'), u32('start'), u16('length'), u32('df'), u8('pool'), u32('starts'), u32('ends'), u16('lens'), u8('alive'), u32('offsets'), u8('postings')];
  if (![text, start, length, df, pool, starts, ends, lens, alive, offsets, postings].every(Boolean)) return undefined;
  // a snapshot of the older layout (with the lines and characters of passages) is built again
  if (s['line'] || h.wide.some(([k]) => k % 2)) return undefined;
  const a = entry[4];
  const c = entry[5];
  const c2 = prepared.passages;
  const d = c2 - c;
  const n = h.nextKey;
  const n2 = n + d;
  // every key alive, the pool in key order, none of the file's passages overlong
  if (h.wide.some(([k]) => k >> 1 >= a && k >> 1 < a + c)) return undefined;
  for (let k = a; k < a + c; k++) if (!alive[k]) return undefined;
  const poolFrom = c ? starts[a]! : a < n ? starts[a]! : pool.length;
  const poolTo = c ? ends[a + c - 1]! : poolFrom;
  if (a > 0 && ends[a - 1] !== poolFrom) return undefined;
  if (a + c < n && starts[a + c] !== poolTo) return undefined;

  // term ids are numbered by first occurrence: those first met before the file (below `m`) stay;
  // those first met in it come next, in the order the new text meets them; then the others
  const words = lexicon ?? (JSON.parse(decoder.decode(u8('lexicon'))) as string[]);
  const count = words.length;
  if (offsets.length !== count + 1 || df.length !== count) return undefined;
  const firstKeys = new Float64Array(count);
  for (let id = 0; id < count; id++) {
    if (offsets[id] === offsets[id + 1] || !df[id]) return undefined;
    firstKeys[id] = readVarint(postings, offsets[id]!);
    if (id > 0 && firstKeys[id]! < firstKeys[id - 1]!) return undefined;
  }
  let m = 0;
  while (m < count && firstKeys[m]! < a) m++;
  const wanted = new Map<string, number>();
  for (const t of batch.lexicon) wanted.set(t, -1);
  for (let id = 0; id < count; id++) if (wanted.get(words[id]!) === -1) wanted.set(words[id]!, id);
  // the old passages' terms, distinct per passage; those first met in the file are m, m + 1, …
  const oldTerms: number[][] = [];
  let firstMet = m;
  for (let k = a; k < a + c; k++) {
    const list = distinct(readVarints(pool, starts[k]!, ends[k]!));
    for (const id of list) if (id >= firstMet) {
      if (id !== firstMet) return undefined;
      firstMet++;
    }
    oldTerms.push(list);
  }
  // the new numbering: the terms the new text meets first, then the rest in their old order
  const remap = new Uint32Array(count);
  const assigned = new Uint8Array(count);
  const inverse: number[] = [];
  const added: string[] = [];
  let next = m;
  const batchIds = new Int32Array(batch.lexicon.length).fill(-1);
  for (let i = 0; i < batch.terms.length; i++) {
    const local = batch.terms[i]!;
    if (batchIds[local]! >= 0) continue;
    const term = batch.lexicon[local]!;
    const old = wanted.get(term)!;
    if (old >= 0 && old < m) batchIds[local] = old;
    else {
      if (old >= 0) {
        remap[old] = next;
        assigned[old] = 1;
        inverse.push(old);
      } else {
        inverse.push(-1);
        added.push(term);
      }
      batchIds[local] = next++;
    }
  }
  // a term first met in the old text and not in the new one is now first met further on (its place
  // among the terms first met there: by key, then by where the passage first has it), or nowhere
  const orderAt = new Map<number, number[]>();
  const firstTermsOf = (key: number) => {
    let order = orderAt.get(key);
    if (!order) orderAt.set(key, (order = distinct(readVarints(pool, starts[key]!, ends[key]!))));
    return order;
  };
  const moved: Array<{ id: number; key: number; pos: number }> = [];
  let dropped = 0;
  for (let id = m; id < firstMet; id++) {
    if (assigned[id]) continue;
    const key = firstKeyFrom(postings, offsets[id]!, offsets[id + 1]!, a + c);
    if (key < 0) {
      remap[id] = DROPPED;
      dropped++;
    } else moved.push({ id, key, pos: firstTermsOf(key).indexOf(id) });
  }
  moved.sort((x, y) => x.key - y.key || x.pos - y.pos);
  const place = (id: number) => {
    remap[id] = next++;
    inverse.push(id);
  };
  for (let id = 0; id < m; id++) remap[id] = id;
  let r = 0;
  for (let id = firstMet; id < count; id++) {
    if (assigned[id]) continue;
    const at = firstKeys[id]!;
    while (r < moved.length && (moved[r]!.key < at || (moved[r]!.key === at && moved[r]!.pos < firstTermsOf(at).indexOf(id)))) place(moved[r++]!.id);
    place(id);
  }
  while (r < moved.length) place(moved[r++]!.id);
  const count2 = next;
  let identity = added.length === 0 && dropped === 0;
  for (let id = m; identity && id < count; id++) if (remap[id] !== id) identity = false;
  const ids = new Uint32Array(batch.terms.length);
  for (let i = 0; i < ids.length; i++) ids[i] = batchIds[batch.terms[i]!]!;
  const newTerms: number[][] = [];
  for (let p = 0; p < c2; p++) newTerms.push(distinct(Array.from(ids.subarray(p === 0 ? 0 : batch.termEnds[p - 1]!, batch.termEnds[p]!))));
  // old ids whose postings hold a key of the file
  const touched = new Set<number>();
  for (const list of oldTerms) for (const id of list) touched.add(id);
  const words2 = identity ? words : Array.from({ length: count2 }, (_, id) => (id < m ? words[id]! : inverse[id - m]! >= 0 ? words[inverse[id - m]!]! : undefined));
  if (!identity) {
    let n = 0;
    for (let id = m; id < count2; id++) if (inverse[id - m] === -1) (words2 as Array<string | undefined>)[id] = added[n++];
  }

  // text
  const textFrom = h.sources.slice(0, at).reduce((sum, e) => sum + e[6], 0);
  const text2 = concat([text.subarray(0, textFrom), batch.text.subarray(0, prepared.bytes), text.subarray(textFrom + entry[6])]);
  // passage table
  const start2 = new Uint32Array(n2);
  const length2 = new Uint16Array(n2);
  const wide: Array<[number, number]> = [];
  for (const [k, v] of h.wide) if (k >> 1 < a) wide.push([k, v]);
  const spans = batch.spans;
  for (let p = 0; p < c2; p++) {
    const key = a + p;
    const [st, en] = [spans[p * 2]!, spans[p * 2 + 1]!];
    if (en - st >= WIDE) return undefined;
    start2[key] = st;
    length2[key] = en - st;
  }
  for (const [k, v] of h.wide) if (k >> 1 >= a + c) wide.push([k + 2 * d, v]);
  const keep = (from: Uint32Array | Uint16Array | Uint8Array, to: Uint32Array | Uint16Array | Uint8Array) => {
    to.set(from.subarray(0, a), 0);
    to.set(from.subarray(a + c, n), a + c2);
  };
  keep(start, start2);
  keep(length, length2);
  // term store
  const df2 = new Uint32Array(count2);
  for (let id = 0; id < count; id++) if (remap[id] !== DROPPED) df2[remap[id]!] = df[id]!;
  let totalLength = h.totalLength;
  for (const list of oldTerms) {
    for (const id of list) if (remap[id] !== DROPPED) df2[remap[id]!]!--;
    totalLength -= Math.min(list.length, 0xffff);
  }
  for (const list of newTerms) {
    for (const id of list) df2[id]!++;
    totalLength += Math.min(list.length, 0xffff);
  }
  const fresh = new Uint8Array(ids.length * 5);
  let freshLength = 0;
  const starts2 = new Uint32Array(n2);
  const ends2 = new Uint32Array(n2);
  const lens2 = new Uint16Array(n2);
  const alive2 = new Uint8Array(n2);
  for (let p = 0; p < c2; p++) {
    starts2[a + p] = poolFrom + freshLength;
    for (let i = p === 0 ? 0 : batch.termEnds[p - 1]!; i < batch.termEnds[p]!; i++) freshLength = writeVarint(fresh, freshLength, ids[i]!);
    ends2[a + p] = poolFrom + freshLength;
    lens2[a + p] = Math.min(newTerms[p]!.length, 0xffff);
  }
  const shift = poolFrom + freshLength - poolTo;
  starts2.set(starts.subarray(0, a), 0);
  ends2.set(ends.subarray(0, a), 0);
  let tail: Uint8Array = pool.subarray(poolTo);
  if (identity)
    for (let k = a + c; k < n; k++) {
      starts2[k + d] = starts[k]! + shift;
      ends2[k + d] = ends[k]! + shift;
    }
  else {
    // the passages after the file, their ids numbered anew
    let out = new Uint8Array(tail.length + (n - a - c) * 2 + 16);
    let o = 0;
    const base = poolFrom + freshLength;
    for (let k = a + c; k < n; k++) {
      if (out.length - o < (ends[k]! - starts[k]!) * 5) {
        const bigger = new Uint8Array(Math.max(out.length * 2, o + (ends[k]! - starts[k]!) * 5));
        bigger.set(out.subarray(0, o));
        out = bigger;
      }
      starts2[k + d] = base + o;
      for (let pos = starts[k]!; pos < ends[k]!; ) {
        const v = readVarint(pool, pos);
        pos += varintLength(v);
        o = writeVarint(out, o, remap[v]!);
      }
      ends2[k + d] = base + o;
    }
    tail = out.subarray(0, o);
  }
  keep(lens, lens2);
  keep(alive, alive2);
  alive2.fill(1, a, a + c2);
  const pool2 = concat([pool.subarray(0, poolFrom), fresh.subarray(0, freshLength), tail]);
  // postings: the file's keys out, its new keys in, the keys after it moved by d
  // the new passages' keys by (new) term id
  const added2 = new Map<number, number[]>();
  newTerms.forEach((list, p) => {
    for (const id of list) {
      let keys = added2.get(id);
      if (!keys) added2.set(id, (keys = []));
      keys.push(a + p);
    }
  });
  const postings2 = new Uint8Array(postings.length + count2 * 2 + ids.length * 5 + 16);
  const offsets2 = new Uint32Array(count2 + 1);
  let out = 0;
  const keys: number[] = [];
  for (let newId = 0; newId < count2; newId++) {
    offsets2[newId] = out;
    const id = newId < m ? newId : inverse[newId - m]!;
    if (id < 0) {
      let last = -1;
      for (const x of added2.get(newId) ?? []) {
        out = writeVarint(postings2, out, last < 0 ? x : x - last);
        last = x;
      }
      continue;
    }
    const from = offsets[id]!;
    const to = offsets[id + 1]!;
    if (!touched.has(id) && !added2.has(newId) && d === 0) {
      postings2.set(postings.subarray(from, to), out);
      out += to - from;
      continue;
    }
    // the keys before the file stay as they are (bytes copied), the rest decoded and written again
    let pos = from;
    let key = -1;
    let last = -1;
    while (pos < to) {
      const v = readVarint(postings, pos);
      const k = key < 0 ? v : key + v;
      if (k >= a) break;
      key = k;
      last = k;
      pos += varintLength(v);
    }
    postings2.set(postings.subarray(from, pos), out);
    out += pos - from;
    if (!touched.has(id) && !added2.has(newId)) {
      // none of the file's keys: the first key after it moves by d, the gaps after it stay
      if (pos < to) {
        const v = readVarint(postings, pos);
        pos += varintLength(v);
        out = writeVarint(postings2, out, v + d);
        postings2.set(postings.subarray(pos, to), out);
        out += to - pos;
      }
      continue;
    }
    keys.length = 0;
    for (const k of added2.get(newId) ?? []) keys.push(k);
    let k = key;
    while (pos < to) {
      const v = readVarint(postings, pos);
      pos += varintLength(v);
      k = k < 0 ? v : k + v;
      if (k >= a + c) keys.push(k + d);
    }
    for (const x of keys) {
      out = writeVarint(postings2, out, last < 0 ? x : x - last);
      last = x;
    }
  }
  offsets2[count2] = out;
  if (out > postings2.length) return undefined;

  const sources = h.sources.map((e, i): SourceEntry => (i < at ? e : i === at ? [e[0], e[1], prepared.meta, prepared.problems, a, c2, prepared.bytes] : (e.map((x, j) => (j === 4 ? (x as number) + d : x)) as SourceEntry)));
  const sorted2 = identity ? u32('sorted') : sortedAgain(u32('sorted'), remap, words2 as string[], count, count2, m, inverse);
  if (!sorted2) return undefined;
  const header = { key: h.key, terms: h.terms, nextKey: n2, totalLength, wide, sources, problems: h.problems, bibliography: h.bibliography, index: { keyLimit: n2 } };
  return encodeSnapshot(header, {
    text: text2,
    lexicon: identity ? u8('lexicon') : new TextEncoder().encode(JSON.stringify(words2)),
    start: start2,
    length: length2,
    df: df2,
    pool: pool2,
    starts: starts2,
    ends: ends2,
    lens: lens2,
    alive: alive2,
    offsets: offsets2,
    postings: postings2.subarray(0, out),
    sorted: sorted2,
  });
}

function readVarints(buf: Uint8Array, from: number, to: number): number[] {
  const out: number[] = [];
  for (let pos = from; pos < to; ) {
    const v = readVarint(buf, pos);
    pos += varintLength(v);
    out.push(v);
  }
  return out;
}

/** Marks a term id that the spliced corpus no longer has. */
const DROPPED = 0xffffffff;

/** The first key from `least` on in a delta-coded list of keys, or -1. */
function firstKeyFrom(buf: Uint8Array, from: number, to: number, least: number): number {
  let key = -1;
  for (let pos = from; pos < to; ) {
    const v = readVarint(buf, pos);
    pos += varintLength(v);
    key = key < 0 ? v : key + v;
    if (key >= least) return key;
  }
  return -1;
}

/** The distinct ids of a list, in the order of first occurrence. */
function distinct(list: readonly number[]): number[] {
  return [...new Set(list)];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The lexicon sorted by term (the lean index's prefix search), with ids numbered anew: the old
 * order with each id mapped, and the terms new to the corpus merged in at their places.
 */
function sortedAgain(sorted: Uint32Array, remap: Uint32Array, words: readonly string[], count: number, count2: number, m: number, inverse: readonly number[]): Uint32Array | undefined {
  if (sorted.length !== count) return undefined;
  const fresh: number[] = [];
  for (let id = m; id < count2; id++) if (inverse[id - m] === -1) fresh.push(id);
  fresh.sort((x, y) => (words[x]! < words[y]! ? -1 : words[x]! > words[y]! ? 1 : 0));
  const out = new Uint32Array(count2);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < count || j < fresh.length) {
    if (i < count && remap[sorted[i]!] === DROPPED) {
      i++;
      continue;
    }
    const a = i < count ? remap[sorted[i]!]! : -1;
    if (j < fresh.length && (a < 0 || words[fresh[j]!]! < words[a]!)) out[k++] = fresh[j++]!;
    else {
      out[k++] = a;
      i++;
    }
  }
  return k === count2 ? out : undefined;
}
