/**
 * Labelled claims for bench/accuracy.ts and bench/train.ts: reading the sets where they lie (never
 * copied into the repository) and asking the engine about each claim, sentence by sentence.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Corpus, bestSupport, claimTerms, splitSentences, supportFeatures, type SupportResult } from '../src/core';

export interface Example {
  id: string;
  sources: Array<{ id: string; title?: string; text: string }>;
  claim: string;
  label: 'supported' | 'unsupported';
  evidence?: string[];
  split: 'dev' | 'test' | 'train';
}

/** Reads a JSON-lines file of examples; exits with a message when it is missing. */
export function loadExamples(file: string): Example[] {
  if (!existsSync(file)) {
    console.error(`bench: no data at ${file} (set GROUNDED_BENCH_DIR or pass --data DIR)`);
    process.exit(2);
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Example);
}

/** Where the sets are: `--data DIR`, GROUNDED_BENCH_DIR, `<repo>/../shared/bench`, or `<repo>/../../shared/bench` from a worktree. */
export function benchDir(repo: string, given?: string): string {
  if (given) return given;
  if (process.env['GROUNDED_BENCH_DIR']) return process.env['GROUNDED_BENCH_DIR'];
  const near = join(repo, '..', 'shared', 'bench');
  return existsSync(near) ? near : join(repo, '..', '..', 'shared', 'bench');
}

/** The group an example belongs to for cross-validation: its (first) source document. */
export function groupOf(ex: Example): string {
  return ex.sources[0]!.text.slice(0, 400);
}

export function corpusOf(ex: Example): Corpus {
  const corpus = new Corpus();
  ex.sources.forEach((s, i) => corpus.addSource(`${i}_${s.id}.txt`, s.text));
  return corpus;
}

export interface JudgedSentence {
  result?: SupportResult;
  /** Hand-set score (0 when nothing was retrieved). */
  score: number;
  /** The learned model's features (undefined when nothing was retrieved). */
  features?: number[];
}

/** The engine's best support for each sentence of the claim (a claim is supported only if every sentence is). */
export function judgeSentences(corpus: Corpus, claim: string, withFeatures = false): JudgedSentence[] {
  return splitSentences(claim).map(({ start, end }) => {
    const terms = claimTerms(corpus, claim.slice(start, end));
    const result = terms.terms.size ? bestSupport(corpus, terms) : undefined;
    const out: JudgedSentence = { score: result?.score ?? 0 };
    if (result) out.result = result;
    if (result && withFeatures) out.features = supportFeatures(corpus, terms, result);
    return out;
  });
}
