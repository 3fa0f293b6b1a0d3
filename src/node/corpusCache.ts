/**
 * The file of the CLI's `--cache`: one file in the cache folder, read whole and replaced whole
 * (written to a temporary file beside it, then renamed), so that two runs at once never leave a
 * half-written cache: each reader sees one run's cache or the other's.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicParts, writeFileAtomicSync } from './atomicFile';
import type { SavedReads } from '../core';

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

/**
 * Replaces the cache with `parts` (written one after the other), atomically; off this thread, so
 * that the check can run meanwhile.
 */
export async function writeCorpusCacheParts(dir: string, parts: readonly Uint8Array[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await writeFileAtomicParts(corpusCacheFile(dir), parts);
}

/** The searches remembered beside the cache, for the save named `id`. */
export function readRememberedSearches(dir: string, id: string): Array<[string, number[]]> {
  if (!id) return [];
  try {
    const saved = JSON.parse(readFileSync(join(dir, 'searches.json'), 'utf8')) as { corpus?: string; searches?: Array<[string, number[]]> };
    return saved.corpus === id && Array.isArray(saved.searches) ? saved.searches : [];
  } catch {
    return [];
  }
}

/** Keeps the searches of a run beside the cache (they are valid while the save named `id` is). */
export function writeRememberedSearches(dir: string, id: string, searches: Array<[string, number[]]>): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(join(dir, 'searches.json'), JSON.stringify({ corpus: id, searches }));
}

/** A draft's check, kept beside the cache: the hash of its text, its findings, its problems. */
export interface KeptCheck {
  hash: string;
  findings: unknown[];
  problems: string[];
  /** Each claim's findings and what its check read of the corpus (`CorpusReads`), in the draft's order. */
  claims?: KeptClaim[];
}

/** One claim's findings and what checking it read of the corpus, with what they depend on in the draft. */
export interface KeptClaim {
  findings: unknown[];
  reads: SavedReads;
  /** `claimSignature` of the claim: its findings hold for a claim with the same one. */
  signature: string;
  /** The claim's first line, from which its findings are moved. */
  line: number;
}

/** The checks kept beside the cache for the save named `id`, by draft path. */
export function readKeptChecks(dir: string, id: string): Map<string, KeptCheck> {
  if (!id) return new Map();
  try {
    const saved = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8')) as { corpus?: string; drafts?: Record<string, KeptCheck> };
    if (saved.corpus !== id || !saved.drafts || typeof saved.drafts !== 'object') return new Map();
    return new Map(Object.entries(saved.drafts).filter(([, c]) => c && typeof c.hash === 'string' && Array.isArray(c.findings) && Array.isArray(c.problems) && (c.claims === undefined || (Array.isArray(c.claims) && c.claims.every((k) => k && Array.isArray(k.findings))))));
  } catch {
    return new Map();
  }
}

/** Keeps the drafts' checks of a run beside the cache (valid while the save named `id` is and each draft's text is the same). */
export function writeKeptChecks(dir: string, id: string, drafts: ReadonlyMap<string, KeptCheck>): void {
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(join(dir, 'checks.json'), JSON.stringify({ corpus: id, drafts: Object.fromEntries(drafts) }));
}
