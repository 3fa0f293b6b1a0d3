/**
 * A corpus snapshot file read a section at a time (`Corpus.fromSnapshot` with a
 * `SnapshotReader`), each part in a buffer of its own, so that the parts the corpus stops using
 * are freed rather than kept alive by the rest of one buffer holding the whole file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { SnapshotReader } from '../core';

/** Runs `use` with a reader of the snapshot file at `path` (closed afterwards). */
export function withSnapshotFile<T>(path: string, use: (reader: SnapshotReader) => T): T {
  const fd = openSync(path, 'r');
  try {
    const byteLength = fstatSync(fd).size;
    const read = (offset: number, length: number): Uint8Array => {
      // a buffer of its own (not a slice of Node's shared pool)
      const out = Buffer.allocUnsafeSlow(length);
      for (let done = 0; done < length; ) {
        const n = readSync(fd, out, done, length - done, offset + done);
        if (n <= 0) throw new Error(`snapshot is truncated (${offset + done} of ${byteLength} bytes)`);
        done += n;
      }
      return out;
    };
    return use({ byteLength, read });
  } finally {
    closeSync(fd);
  }
}
