/**
 * Files replaced whole: written to a temporary file of a name of their own beside the target, then
 * renamed over it, so that a reader (or a second writer at the same time) sees the old file or the
 * new one, never half of one. Used by the CLI's cache and the language server's saved index.
 */
import { rmSync, renameSync, writeFileSync } from 'node:fs';
import { open, rm, rename, writeFile } from 'node:fs/promises';

/** A temporary name beside `file`, unique to this process and call. */
function tempName(file: string): string {
  return `${file}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`;
}

export function writeFileAtomicSync(file: string, data: Uint8Array | string): void {
  const temp = tempName(file);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const temp = tempName(file);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** {@link writeFileAtomic} of `parts` one after the other (no copy of them into one buffer first). */
export async function writeFileAtomicParts(file: string, parts: readonly Uint8Array[]): Promise<void> {
  const temp = tempName(file);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writev([...parts]);
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
