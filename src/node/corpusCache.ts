/**
 * The file of the CLI's `--cache`: one file in the cache folder, read whole and replaced whole
 * (written to a temporary file beside it, then renamed), so that two runs at once never leave a
 * half-written cache: each reader sees one run's cache or the other's.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from './atomicFile';

/** The cache file in `dir`. */
export function corpusCacheFile(dir: string): string {
  return join(dir, 'corpus.bin');
}

/** The saved bytes, or undefined when there is no cache yet. */
export function readCorpusCache(dir: string): Uint8Array | undefined {
  try {
    return readFileSync(corpusCacheFile(dir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Replaces the cache with `bytes`, atomically. */
export function writeCorpusCache(dir: string, bytes: Uint8Array): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(corpusCacheFile(dir), bytes);
}
