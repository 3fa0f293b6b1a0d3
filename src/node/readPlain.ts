/**
 * Reading a plain text file where it is prepared (on an index worker, or on the CLI's thread):
 * what `readText` gives through `NodeHost`, the same text and the same problems (not found, too
 * large, binary, cannot read, an encoding note), read into a buffer kept from one file to the next.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { notFound, plainText, readFailure, tooLarge, type Problem, type UnreadFile } from '../core';

/** The read buffer, kept between files while it is small. */
export class ReadScratch {
  bytes = new Uint8Array(1 << 16);
}

/** A buffer larger than this is let go after its file (a file this large is rare). */
const KEEP_BYTES = 1 << 20;

/** The file's text, or the problem that keeps it out (and a note about its encoding beside a text). */
export function readPlainFile(file: UnreadFile, scratch: ReadScratch): { text?: string; problem?: Problem } {
  const { path, location, maxBytes } = file;
  let fd: number;
  try {
    fd = openSync(location, 'r');
  } catch (e) {
    return { problem: readFailure(path, e).problem };
  }
  let bytes = scratch.bytes;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return { problem: notFound(path) };
    const size = stats.size;
    if (size > maxBytes) return { problem: tooLarge(path, size, maxBytes) };
    // the whole file, with room for one byte more to see whether it grew since its size was taken
    if (bytes.length <= size) bytes = new Uint8Array(Math.max(size + 1, 2 * bytes.length));
    let n = 0;
    for (let k = readSync(fd, bytes, 0, bytes.length, null); k > 0; k = readSync(fd, bytes, n, bytes.length - n, null)) {
      n += k;
      if (n < bytes.length) continue;
      if (n > maxBytes) return { problem: tooLarge(path, n, maxBytes) };
      const more = new Uint8Array(2 * bytes.length);
      more.set(bytes);
      bytes = more;
    }
    return plainText(path, bytes.subarray(0, n), maxBytes);
  } catch (e) {
    return { problem: readFailure(path, e).problem };
  } finally {
    closeSync(fd);
    if (bytes.length <= KEEP_BYTES) scratch.bytes = bytes;
  }
}
