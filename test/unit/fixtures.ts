/** Shared fixtures: the sample corpus from seeds/, built once per test file. */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus } from '../../src/core/corpus/corpus';

export const ROOT = join(__dirname, '..', '..');
export const SEEDS = join(ROOT, 'seeds');
/** The five news articles of seeds/ (plain text); the PDF and the web page beside them are left out. */
export const SEED_TEXTS = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort();

/** Copies the five text seeds into `dir` (created if need be). */
export function copyTextSeeds(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const f of SEED_TEXTS) cpSync(join(SEEDS, f), join(dir, f));
}

let cached: Corpus | undefined;
export function seedCorpus(): Corpus {
  if (!cached) {
    cached = new Corpus();
    for (const f of SEED_TEXTS) cached.addSource(`seeds/${f}`, readFileSync(join(SEEDS, f), 'utf8'));
  }
  return cached;
}

export const UPI = '000_35f1dbd1b08b91d7';
export const MOSCOW_TIMES = '001_b0a5b3a894015755';
export const REUTERS = '002_ac6502ea9c5e1856';
export const ASHARQ = '003_1fa6402b6538030d';
export const BBC = '004_545e220eb4316cf6';
