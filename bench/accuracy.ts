/**
 * Accuracy benchmark: the support verdict of the core engine on real labelled claims.
 *
 *   npm run bench:accuracy [-- [--json] [--dev] [--set wice,summedits-news] [--data DIR]]
 *
 * `--dev` reports the dev splits only: use it while tuning, so the test split stays unseen.
 *
 * Data: `<repo>/../shared/bench/<set>/data.jsonl` (see that folder's README), or the folder named by
 * `--data DIR` or the `GROUNDED_BENCH_DIR` environment variable. The data is read where it lies and
 * never copied into the repository.
 *
 * For each example a fresh Corpus is built from its sources. The claim is split into sentences (a
 * SummEdits summary has 1–3); the claim is supported only if every sentence is. The engine's own
 * verdict (`isSupported`) decides; the continuous score of a claim is the lowest sentence score.
 *
 * Thresholds: `supported` is tuned on the dev split for balanced accuracy, then applied to the test
 * split unchanged: once per set, and once for all sets together (the mean of their balanced
 * accuracies), which is how DEFAULT_THRESHOLDS.supported is chosen. The engine's defaults are
 * reported too.
 * "Unsupported" is the positive class for precision, recall and F1, as in ../shared/bench/baseline.mjs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Corpus, DEFAULT_THRESHOLDS, bestSupport, claimTerms, isSupported, rankPassages, splitSentences, type SupportResult, type SupportThresholds } from '../src/core';

interface Example {
  id: string;
  sources: Array<{ id: string; title?: string; text: string }>;
  claim: string;
  label: 'supported' | 'unsupported';
  evidence?: string[];
  split: 'dev' | 'test';
}

/** One example after the engine has judged it. */
interface Judged {
  split: 'dev' | 'test';
  unsupported: boolean;
  /** Per sentence of the claim, the engine's best support (undefined: nothing retrieved). */
  sentences: Array<SupportResult | undefined>;
  /** Lowest sentence score: the continuous score for AUC. */
  score: number;
  /** Whether a gold evidence sentence is the first / among the first five passages ranked. */
  hit1?: boolean;
  hit5?: boolean;
}

const SETS = ['wice', 'summedits-news'];

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    set: { type: 'string' },
    data: { type: 'string' },
  },
});
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = resolve(args.data ?? process.env['GROUNDED_BENCH_DIR'] ?? join(repo, '..', 'shared', 'bench'));
const sets = args.set ? args.set.split(',') : SETS;

function load(set: string): Example[] {
  const file = join(dataDir, set, 'data.jsonl');
  if (!existsSync(file)) {
    console.error(`bench/accuracy: no data at ${file} (set GROUNDED_BENCH_DIR or pass --data DIR)`);
    process.exit(2);
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Example);
}

function judge(ex: Example): Judged {
  const corpus = new Corpus();
  ex.sources.forEach((s, i) => corpus.addSource(`${i}_${s.id}.txt`, s.text));
  const sentences = splitSentences(ex.claim).map(({ start, end }) => {
    const terms = claimTerms(corpus, ex.claim.slice(start, end));
    return terms.terms.size ? bestSupport(corpus, terms) : undefined;
  });
  const judged: Judged = {
    split: ex.split,
    unsupported: ex.label === 'unsupported',
    sentences,
    score: Math.min(...sentences.map((r) => r?.score ?? 0)),
  };
  if (ex.evidence?.length) Object.assign(judged, evidenceHits(corpus, ex));
  return judged;
}

/** Gold evidence sentences are lines of the source text; a passage hits when it overlaps one. */
function evidenceHits(corpus: Corpus, ex: Example): { hit1: boolean; hit5: boolean } {
  const gold: Array<{ sourceId: string; start: number; end: number }> = [];
  for (const source of corpus.sources) {
    for (const g of ex.evidence!) {
      const at = source.text.indexOf(g);
      if (at >= 0) gold.push({ sourceId: source.id, start: at, end: at + g.length });
    }
  }
  const ranked = rankPassages(corpus, claimTerms(corpus, ex.claim), 5);
  const hits = ranked.map((p) => gold.some((g) => g.sourceId === p.sourceId && p.start < g.end && g.start < p.end));
  return { hit1: hits.slice(0, 1).some(Boolean), hit5: hits.some(Boolean) };
}

function predictUnsupported(j: Judged, t: SupportThresholds): boolean {
  return !j.sentences.every((r) => isSupported(r, t));
}

interface Metrics {
  n: number;
  bacc: number;
  precision: number;
  recall: number;
  f1: number;
  auc: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

function metrics(rows: readonly Judged[], t: SupportThresholds): Metrics {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (const r of rows) {
    const pred = predictUnsupported(r, t);
    if (pred && r.unsupported) tp++;
    else if (pred) fp++;
    else if (r.unsupported) fn++;
    else tn++;
  }
  const recall = tp / (tp + fn || 1);
  const specificity = tn / (tn + fp || 1);
  const precision = tp / (tp + fp || 1);
  const f1 = tp ? (2 * precision * recall) / (precision + recall) : 0;
  return { n: rows.length, bacc: (recall + specificity) / 2, precision, recall, f1, auc: auc(rows), tp, fp, tn, fn };
}

/** P(score of a supported claim > score of an unsupported one); ties count half. */
function auc(rows: readonly Judged[]): number {
  const pos = rows.filter((r) => !r.unsupported).map((r) => r.score);
  const neg = rows.filter((r) => r.unsupported).map((r) => r.score);
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return pos.length && neg.length ? wins / (pos.length * neg.length) : NaN;
}

/** Midpoints between the observed sentence scores: the thresholds worth trying. */
function candidateThresholds(rows: readonly Judged[]): number[] {
  const scores = [...new Set(rows.flatMap((r) => r.sentences.map((s) => s?.score ?? 0)))].sort((a, b) => a - b);
  return scores.map((c, i) => (i === 0 ? c : (scores[i - 1]! + c) / 2));
}

/** The `supported` threshold that maximises the mean balanced accuracy over the given dev splits. */
function tune(devs: ReadonlyArray<readonly Judged[]>): SupportThresholds {
  let best = { t: DEFAULT_THRESHOLDS, bacc: -1 };
  for (const c of candidateThresholds(devs.flat())) {
    const t = { ...DEFAULT_THRESHOLDS, supported: c };
    const bacc = devs.reduce((sum, rows) => sum + metrics(rows, t).bacc, 0) / devs.length;
    if (bacc > best.bacc) best = { t, bacc };
  }
  return best.t;
}

function evidence(rows: readonly Judged[]): { n: number; hit1: number; hit5: number } {
  const withGold = rows.filter((r) => r.hit1 !== undefined);
  return {
    n: withGold.length,
    hit1: withGold.filter((r) => r.hit1).length / (withGold.length || 1),
    hit5: withGold.filter((r) => r.hit5).length / (withGold.length || 1),
  };
}

interface SplitMetrics {
  supported: number;
  dev: Metrics;
  test?: Metrics;
}

interface SetReport {
  examples: number;
  seconds: number;
  /** Threshold tuned on this set's dev split. */
  tuned: SplitMetrics;
  /** One threshold for all sets, tuned on their dev splits together (mean balanced accuracy). */
  shared: SplitMetrics;
  /** The engine's DEFAULT_THRESHOLDS, as the product runs. */
  defaults: SplitMetrics;
  evidence: { dev: ReturnType<typeof evidence>; test?: ReturnType<typeof evidence> };
}

const judgedBySet = new Map<string, { judged: Judged[]; seconds: number }>();
for (const set of sets) {
  const started = performance.now();
  const judged = load(set).map(judge);
  judgedBySet.set(set, { judged, seconds: (performance.now() - started) / 1000 });
}
const devOf = (set: string) => judgedBySet.get(set)!.judged.filter((r) => r.split === 'dev');
const testOf = (set: string) => judgedBySet.get(set)!.judged.filter((r) => r.split === 'test');
const shared = tune(sets.map(devOf));

const report: Record<string, SetReport> = {};
for (const set of sets) {
  const { judged, seconds } = judgedBySet.get(set)!;
  const dev = devOf(set);
  const test = testOf(set);
  const at = (t: SupportThresholds): SplitMetrics => ({ supported: t.supported, dev: metrics(dev, t), ...(args.dev ? {} : { test: metrics(test, t) }) });
  report[set] = {
    examples: judged.length,
    seconds,
    tuned: at(tune([dev])),
    shared: at(shared),
    defaults: at(DEFAULT_THRESHOLDS),
    evidence: { dev: evidence(dev), ...(args.dev ? {} : { test: evidence(test) }) },
  };
}

if (args.json) console.log(JSON.stringify(report, null, 2));
else for (const [set, r] of Object.entries(report)) print(set, r);

function print(set: string, r: SetReport): void {
  const p = (x: number) => (100 * x).toFixed(1).padStart(5);
  const line = (split: string, m: Metrics) =>
    `    ${split.padEnd(4)}  BAcc ${p(m.bacc)}  P(unsup) ${p(m.precision)}  R(unsup) ${p(m.recall)}  F1(unsup) ${p(m.f1)}  AUC ${p(m.auc)}  n ${m.n} [tp ${m.tp} fp ${m.fp} tn ${m.tn} fn ${m.fn}]`;
  console.log(`\n${set}: ${r.examples} examples in ${r.seconds.toFixed(1)} s`);
  const block = (title: string, m: SplitMetrics) => {
    console.log(`  ${title} (supported >= ${m.supported.toFixed(3)}):`);
    console.log(line('dev', m.dev));
    if (m.test) console.log(line('test', m.test));
  };
  block('threshold tuned on this set\'s dev split', r.tuned);
  block('one threshold tuned on all sets\' dev splits', r.shared);
  block('engine defaults', r.defaults);
  for (const [split, e] of Object.entries(r.evidence)) {
    if (e.n) console.log(`  evidence ${split.padEnd(4)} hit@1 ${p(e.hit1)}  hit@5 ${p(e.hit5)}  (n ${e.n} claims with gold evidence)`);
  }
}
