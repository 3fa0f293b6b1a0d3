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

/**
 * Plain text files in the encodings and shapes a reader must tell apart (UTF-8 with and without a
 * byte order mark, UTF-16 both ways, Latin-1, binary, a late NUL, a lone surrogate, empty, and one
 * over a small size limit), for the tests that compare the ways a file is read.
 */
export const ENCODING_FILES: Readonly<Record<string, Uint8Array>> = {
  'utf8.txt': Buffer.from('Aleppo — “two corridors”, 5 km. Café naïve.\n'),
  'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('With a byte order mark.')]),
  'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Little end first.', 'utf16le')]),
  'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Big end first.', 'utf16le').swap16()]),
  'latin1.txt': Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x2e]),
  'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]),
  'replacement.txt': Buffer.from('A U+FFFD of its own: \uFFFD.'),
  'late-nul.txt': Buffer.concat([Buffer.from('a'.repeat(9000)), Buffer.from([0]), Buffer.from('after')]),
  'surrogate.txt': Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]),
  'empty.txt': Buffer.alloc(0),
  'big.txt': Buffer.from('x'.repeat(3000)),
};

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
