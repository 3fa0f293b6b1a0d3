/**
 * The binary container of a corpus snapshot (a warm start's cached index): a JSON header and
 * typed-array sections, 8-byte aligned so that they are read back as views, without copying.
 *
 *   "GRNDSNAP" | u32 format | u32 header bytes | header JSON | padding | sections…
 */
import { indexTerms } from '../text/text';

const MAGIC = 'GRNDSNAP';
/** Bumped whenever the layout of a snapshot changes. */
export const SNAPSHOT_FORMAT = 2;

type Section = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array;
const TYPES = { Uint8Array, Uint16Array, Uint32Array, Int32Array, Float64Array } as const;
type TypeName = keyof typeof TYPES;

interface SectionInfo {
  name: string;
  type: TypeName;
  /** Byte offset from the start of the sections. */
  offset: number;
  length: number;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Packs a header and named typed arrays into one buffer. */
export function encodeSnapshot(header: object, sections: Record<string, Section>): Uint8Array {
  const infos: SectionInfo[] = [];
  let offset = 0;
  for (const [name, arr] of Object.entries(sections)) {
    infos.push({ name, type: arr.constructor.name as TypeName, offset, length: arr.length });
    offset = align8(offset + arr.byteLength);
  }
  const head = new TextEncoder().encode(JSON.stringify({ ...header, sections: infos }));
  const dataStart = align8(16 + head.length);
  const out = new Uint8Array(dataStart + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, SNAPSHOT_FORMAT, true);
  view.setUint32(12, head.length, true);
  out.set(head, 16);
  const arrays = Object.values(sections);
  infos.forEach((info, i) => {
    const arr = arrays[i]!;
    out.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), dataStart + info.offset);
  });
  return out;
}

/**
 * A snapshot read a part at a time (from a file): `read` gives `length` bytes from `offset`, each
 * call in a buffer of its own. Restored from one, each section has a buffer of its own, which goes
 * as soon as the corpus no longer uses it (an array grown for a changed source, a rebuilt index),
 * where views into one buffer holding the whole snapshot keep all of it.
 */
export interface SnapshotReader {
  byteLength: number;
  read(offset: number, length: number): Uint8Array;
}

/**
 * Unpacks a snapshot; sections are views into `bytes` where alignment allows, copies otherwise
 * (from a {@link SnapshotReader}: each in the buffer read for it).
 */
export function decodeSnapshot(bytes: Uint8Array | SnapshotReader): { header: Record<string, unknown>; sections: Record<string, Section> } {
  const read = bytes instanceof Uint8Array ? (offset: number, length: number) => bytes.subarray(offset, offset + length) : (offset: number, length: number) => bytes.read(offset, length);
  const start = read(0, Math.min(16, bytes.byteLength));
  if (start.length < 16 || new TextDecoder().decode(start.subarray(0, 8)) !== MAGIC) throw new Error('not a Grounded index snapshot');
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength);
  const format = view.getUint32(8, true);
  if (format !== SNAPSHOT_FORMAT) throw new Error(`snapshot format ${format}, expected ${SNAPSHOT_FORMAT}`);
  const headLength = view.getUint32(12, true);
  if (16 + headLength > bytes.byteLength) throw new Error('snapshot is truncated (header)');
  const header = JSON.parse(new TextDecoder().decode(read(16, headLength))) as Record<string, unknown> & { sections: SectionInfo[] };
  const dataStart = align8(16 + headLength);
  const sections: Record<string, Section> = {};
  for (const info of header.sections) {
    const Type = TYPES[info.type];
    if (!Type) throw new Error(`snapshot section ${info.name} has an unknown type ${info.type}`);
    const byteLength = info.length * Type.BYTES_PER_ELEMENT;
    if (dataStart + info.offset + byteLength > bytes.byteLength) throw new Error(`snapshot is truncated (section ${info.name})`);
    const part = read(dataStart + info.offset, byteLength);
    const buffer = part.buffer as ArrayBuffer;
    sections[info.name] = part.byteOffset % Type.BYTES_PER_ELEMENT === 0 ? new Type(buffer, part.byteOffset, info.length) : new Type(buffer.slice(part.byteOffset, part.byteOffset + byteLength));
  }
  return { header, sections };
}

/**
 * Sentences that exercise the tokeniser's rules (numbers, dates, times, synonyms, phrasal verbs,
 * negation, abbreviations). Their terms stand for the tokeniser's behaviour: a snapshot made with
 * other terms is stale, because claims would be tokenised differently from the stored passages.
 */
const PROBE = `Russia's Defence Ministry said rebels would be allowed to leave Aleppo between 0900 and 1900 local time on Nov. 4 via two special corridors.
The U.S. envoy didn't attend; officials declined the offer and turned it down on Friday, 4 November 2016, at 9 a.m. or 14:30.
Twenty-five civilians were killed and 1,200 wounded, a 3.5% rise; the company paid $5bn, £1.5m and 20k euros for 10-hour talks.
COVID-19 and the F-16 jets: sales declined 5% as fighters withdrew, pulled out, set up camps and stepped down in March.
Gen. Valery Gerasimov told Reuters the ceasefire would never be extended; nobody trusts the government side, he said.`;

let fingerprint: string | undefined;

/** A hash of the tokeniser's output on a fixed text: stored in snapshots, compared on restore. */
export function termsFingerprint(): string {
  if (fingerprint === undefined) {
    const s = PROBE.split('\n').map((line) => indexTerms(line).join(' ')).join('\n');
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    fingerprint = `${h.toString(16)}-${s.length}`;
  }
  return fingerprint;
}
