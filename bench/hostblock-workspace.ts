/**
 * A workspace for measuring the VS Code extension host while the language server works
 * (test/integration/hostBlock.test.ts): `<dir>/sources/` holds a generated news archive of about
 * `mb` megabytes (bench/corpusgen.ts, the performance benchmark's corpus) and `<dir>/drafts/draft.md`
 * its 2,000-word draft.
 *
 * Usage: node --import tsx bench/hostblock-workspace.ts <dir> [mb=100]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateCorpus, generateDraft } from './corpusgen';

const [dir, mbArg] = process.argv.slice(2);
if (!dir) throw new Error('usage: node --import tsx bench/hostblock-workspace.ts <dir> [mb]');
const mb = Number(mbArg ?? 100);
const root = join(import.meta.dirname, '..');
const corpus = generateCorpus(root, mb * 1_000_000);
const draft = generateDraft(root, corpus);
for (const f of corpus.files) {
  const file = join(dir, 'sources', f.path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, f.text);
}
mkdirSync(join(dir, 'drafts'), { recursive: true });
writeFileSync(join(dir, 'drafts', 'draft.md'), draft.text);
console.log(`${corpus.files.length} sources (${(corpus.bytes / 1e6).toFixed(1)} MB) and a ${draft.words}-word draft in ${dir}`);
