/**
 * The index saved between sessions (warm start): the corpus snapshot (`index.bin`) and what it
 * was made from (`index.json`: the settings and version it is valid for, and each file's size and
 * modification time when read), in the storage folder the client passes in
 * `initializationOptions.storagePath`.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../node/atomicFile';
import type { Stamp } from './host';

/** What the saved index is valid for: a change of format or of what is read makes it stale. */
export const SAVED_FORMAT = 2;

/** Written beside the saved index: what it was made from. */
export interface SavedIndex {
  format: number;
  key: string;
  /** Bytes of the snapshot, so that a snapshot and a description from different saves do not pair up. */
  snapshotBytes: number;
  /** Each file the index holds (or reports a problem with): size and modification time when read. */
  files: Record<string, Stamp>;
  /** The bibliographies beside the sources, or null where there is none. */
  bibliographies: Record<string, Stamp | null>;
}

/**
 * The saved snapshot's file and size, and its description, or undefined when none was saved (or
 * it cannot be read). The snapshot is read when restored, a section at a time
 * (`withSnapshotFile`), so that what the corpus stops using of it is freed.
 */
export async function readSavedIndex(dir: string): Promise<{ snapshotFile: string; snapshotBytes: number; saved: SavedIndex } | undefined> {
  try {
    const snapshotFile = join(dir, 'index.bin');
    const [{ size }, json] = await Promise.all([stat(snapshotFile), readFile(join(dir, 'index.json'), 'utf8')]);
    return { snapshotFile, snapshotBytes: size, saved: JSON.parse(json) as SavedIndex };
  } catch {
    return undefined;
  }
}

/** Writes the snapshot, then its description (each through a temporary file of its own, so a crash or a second server leaves no half file). */
export async function writeSavedIndex(dir: string, bytes: Uint8Array, saved: SavedIndex): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, 'index.bin'), bytes);
  await writeFileAtomic(join(dir, 'index.json'), JSON.stringify(saved));
}
