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
 * For each example a fresh Corpus is built from its sources. Three ways of judging it, side by side:
 *
 * - learned: the engine's default, the learned support probability (src/core/verdict/weights.ts,
 *   fitted by bench/train.ts) against DEFAULT_THRESHOLDS; the claim is split into sentences (a
 *   SummEdits summary has 1–3) and is supported only if every sentence is;
 * - hand-tuned: the same candidates judged by the hand-set score against HAND_THRESHOLDS (0.53);
 * - check: what the shipped CLI reports at its defaults: `check()` of a draft that is the claim
 *   citing every source of the example; unsupported when any finding of `unsupported-claim`,
 *   `contradicted`, `wrong-citation` or `misquote` is reported, whatever its severity ("all
 *   findings"), or only when one is a warning or an error ("warnings alone").
 *
 * The precision of warnings alone is the share of claims that get a warning that are unsupported.
 * "Unsupported" is the positive class for precision, recall and F1, as in ../shared/bench/baseline.mjs.
 * For the learned scorer a threshold tuned on each set's dev split is shown too.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_THRESHOLDS, HAND_THRESHOLDS, check, claimTerms, confidenceOf, rankPassages, type Corpus } from '../src/core';
import { benchDir, corpusOf, judgeSentences, loadExamples, type Example } from './claims';

/** One example after the engine has judged it. */
interface Judged {
  split: 'dev' | 'test';
  unsupported: boolean;
  /** Per sentence: learned probability, hand score, and whether a conflict was found. */
  sentences: Array<{ probability: number; score: number; conflict: boolean; confident: boolean }>;
  /** What check() reported: any support finding, and any at warning or above. */
  checkAny: boolean;
  checkWarning: boolean;
  hit1?: boolean;
  hit5?: boolean;
}

const SETS = ['wice', 'summedits-news'];
const SUPPORT_RULES = new Set(['unsupported-claim', 'contradicted', 'wrong-citation', 'misquote']);

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
    set: { type: 'string' },
    data: { type: 'string' },
  },
});
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = benchDir(repo, args.data);
const sets = args.set ? args.set.split(',') : SETS;

function judge(ex: Example): Judged {
  const corpus = corpusOf(ex);
  const sentences = judgeSentences(corpus, ex.claim).map((s) => ({
    probability: s.result?.probability ?? 0,
    score: s.score,
    conflict: (s.result?.conflicts.length ?? 0) > 0,
    confident: confidenceOf(s.result) === 'confident',
  }));
  const draft = `${ex.claim.replace(/\s+/g, ' ').trim()} [${corpus.sourceIds.map((id) => `@${id}`).join('; ')}]`;
  const findings = check(draft, corpus).findings.filter((f) => SUPPORT_RULES.has(f.rule));
  const judged: Judged = {
    split: ex.split as 'dev' | 'test',
    unsupported: ex.label === 'unsupported',
    sentences,
    checkAny: findings.length > 0,
    checkWarning: findings.some((f) => f.severity === 'warning' || f.severity === 'error'),
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

/** A way of judging: unsupported or not, a continuous support value for AUC, and whether a warning would be shown. */
interface Scorer {
  unsupported(j: Judged): boolean;
  value(j: Judged): number;
  warned(j: Judged): boolean;
}

const learned = (supported: number, confident = DEFAULT_THRESHOLDS.confident): Scorer => ({
  unsupported: (j) => j.sentences.some((s) => s.conflict || s.probability < supported),
  value: (j) => Math.min(...j.sentences.map((s) => s.probability)),
  warned: (j) => j.sentences.some((s) => (s.conflict && s.confident) || s.probability < confident),
});
const hand: Scorer = {
  unsupported: (j) => j.sentences.some((s) => s.conflict || s.score < HAND_THRESHOLDS.supported),
  value: (j) => Math.min(...j.sentences.map((s) => s.score)),
  warned: (j) => j.sentences.some((s) => s.conflict || s.score < HAND_THRESHOLDS.supported),
};
const checkAll: Scorer = { unsupported: (j) => j.checkAny, value: (j) => Math.min(...j.sentences.map((s) => s.probability)), warned: (j) => j.checkWarning };
const checkWarnings: Scorer = { unsupported: (j) => j.checkWarning, value: checkAll.value, warned: (j) => j.checkWarning };

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
  /** Claims that get a warning, and the share of them that are unsupported. */
  warned: number;
  warningPrecision: number;
}

function metrics(rows: readonly Judged[], s: Scorer): Metrics {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (const r of rows) {
    const pred = s.unsupported(r);
    if (pred && r.unsupported) tp++;
    else if (pred) fp++;
    else if (r.unsupported) fn++;
    else tn++;
  }
  const recall = tp / (tp + fn || 1);
  const specificity = tn / (tn + fp || 1);
  const precision = tp / (tp + fp || 1);
  const f1 = tp ? (2 * precision * recall) / (precision + recall) : 0;
  const warned = rows.filter((r) => s.warned(r));
  return { n: rows.length, bacc: (recall + specificity) / 2, precision, recall, f1, auc: auc(rows, s), tp, fp, tn, fn, warned: warned.length, warningPrecision: warned.filter((r) => r.unsupported).length / (warned.length || 1) };
}

/** P(value of a supported claim > value of an unsupported one); ties count half. */
function auc(rows: readonly Judged[], s: Scorer): number {
  const pos = rows.filter((r) => !r.unsupported).map(s.value);
  const neg = rows.filter((r) => r.unsupported).map(s.value);
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return pos.length && neg.length ? wins / (pos.length * neg.length) : NaN;
}

/** The learned `supported` threshold that maximises balanced accuracy on the given rows. */
function tune(rows: readonly Judged[]): number {
  const values = [...new Set(rows.flatMap((r) => r.sentences.map((s) => s.probability)))].sort((a, b) => a - b);
  let best = { t: DEFAULT_THRESHOLDS.supported, bacc: -1 };
  values.forEach((c, i) => {
    const t = i === 0 ? c : (values[i - 1]! + c) / 2;
    const bacc = metrics(rows, learned(t)).bacc;
    if (bacc > best.bacc) best = { t, bacc };
  });
  return best.t;
}

function evidence(rows: readonly Judged[]): { n: number; hit1: number; hit5: number } {
  const withGold = rows.filter((r) => r.hit1 !== undefined);
  return { n: withGold.length, hit1: withGold.filter((r) => r.hit1).length / (withGold.length || 1), hit5: withGold.filter((r) => r.hit5).length / (withGold.length || 1) };
}

interface SplitMetrics {
  dev: Metrics;
  test?: Metrics;
}

interface SetReport {
  examples: number;
  seconds: number;
  thresholds: { learned: number; confident: number; hand: number; tunedLearned: number };
  learned: SplitMetrics;
  hand: SplitMetrics;
  tunedLearned: SplitMetrics;
  checkAllFindings: SplitMetrics;
  checkWarningsAlone: SplitMetrics;
  evidence: { dev: ReturnType<typeof evidence>; test?: ReturnType<typeof evidence> };
}

const report: Record<string, SetReport> = {};
for (const set of sets) {
  const started = performance.now();
  const judged = loadExamples(join(dataDir, set, 'data.jsonl')).filter((e) => e.split === 'dev' || !args.dev).map(judge);
  const seconds = (performance.now() - started) / 1000;
  const dev = judged.filter((r) => r.split === 'dev');
  const test = judged.filter((r) => r.split === 'test');
  const at = (s: Scorer): SplitMetrics => ({ dev: metrics(dev, s), ...(args.dev ? {} : { test: metrics(test, s) }) });
  const tuned = tune(dev);
  report[set] = {
    examples: judged.length,
    seconds,
    thresholds: { learned: DEFAULT_THRESHOLDS.supported, confident: DEFAULT_THRESHOLDS.confident, hand: HAND_THRESHOLDS.supported, tunedLearned: tuned },
    learned: at(learned(DEFAULT_THRESHOLDS.supported)),
    hand: at(hand),
    tunedLearned: at(learned(tuned)),
    checkAllFindings: at(checkAll),
    checkWarningsAlone: at(checkWarnings),
    evidence: { dev: evidence(dev), ...(args.dev ? {} : { test: evidence(test) }) },
  };
}

if (args.json) console.log(JSON.stringify(report, null, 2));
else for (const [set, r] of Object.entries(report)) print(set, r);

function print(set: string, r: SetReport): void {
  const p = (x: number) => (100 * x).toFixed(1).padStart(5);
  const line = (split: string, m: Metrics) =>
    `    ${split.padEnd(4)}  BAcc ${p(m.bacc)}  P(unsup) ${p(m.precision)}  R(unsup) ${p(m.recall)}  F1(unsup) ${p(m.f1)}  AUC ${p(m.auc)}  warnings ${String(m.warned).padStart(3)} (precision ${p(m.warningPrecision)})  n ${m.n} [tp ${m.tp} fp ${m.fp} tn ${m.tn} fn ${m.fn}]`;
  console.log(`\n${set}: ${r.examples} examples in ${r.seconds.toFixed(1)} s`);
  const block = (title: string, m: SplitMetrics) => {
    console.log(`  ${title}:`);
    console.log(line('dev', m.dev));
    if (m.test) console.log(line('test', m.test));
  };
  const t = r.thresholds;
  block(`learned (engine default: supported >= ${t.learned.toFixed(3)}, warnings below ${t.confident.toFixed(3)})`, r.learned);
  block(`hand-tuned (score >= ${t.hand.toFixed(2)})`, r.hand);
  block(`learned, threshold tuned on this set's dev split (${t.tunedLearned.toFixed(3)})`, r.tunedLearned);
  block('check() at its defaults, all findings', r.checkAllFindings);
  block('check() at its defaults, warnings alone', r.checkWarningsAlone);
  for (const [split, e] of Object.entries(r.evidence)) {
    if (e.n) console.log(`  evidence ${split.padEnd(4)} hit@1 ${p(e.hit1)}  hit@5 ${p(e.hit5)}  (n ${e.n} claims with gold evidence)`);
  }
}
