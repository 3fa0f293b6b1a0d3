/**
 * Fits the learned support model: logistic regression over the engine's features
 * (src/core/verdict/features.ts), written to src/core/verdict/weights.ts.
 *
 *   node --import tsx bench/train.ts [-- --data DIR] [--dry-run]
 *
 * Data (read where it lies, never copied): `train/summedits-other.jsonl` (seven SummEdits domains
 * other than news), `train/wice-train.jsonl` (WiCE sub-claims, all unsupported: hard negatives),
 * and the dev splits of `wice` and `summedits-news`. The test splits are never read.
 *
 * The dev splits are used with cross-validation grouped by source document: each fold's model is
 * fitted on the training files and the other folds, and predicts the held-out fold. The thresholds
 * are tuned on those out-of-fold predictions (the `supported` threshold for the mean balanced
 * accuracy of the two dev splits; the `confident` one at least MIN_BAND lower, as high as keeps
 * the precision of warnings alone at CONFIDENT_PRECISION); the model written out is then fitted on everything.
 *
 * A claim of several sentences is represented by its weakest sentence (lowest hand score).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FEATURE_NAMES, type SupportModel } from '../src/core';
import { benchDir, corpusOf, groupOf, judgeSentences, loadExamples, type Example } from './claims';

const { values: args } = parseArgs({ options: { data: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, folds: { type: 'string', default: '5' } } });
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = benchDir(repo, args.data);

/** L2 penalty on the standardised coefficients. */
const LAMBDA = Number(process.env['GROUNDED_TRAIN_LAMBDA'] ?? 1);
/** Share of the total weight given to each part of the data (each part's classes balanced within it). */
const PART_WEIGHT: Record<string, number> = { 'summedits-other': Number(process.env['GROUNDED_W_SO'] ?? 1), 'wice-train': Number(process.env['GROUNDED_W_WT'] ?? 0.3), 'wice-dev': Number(process.env['GROUNDED_W_WD'] ?? 1), 'summedits-news-dev': Number(process.env['GROUNDED_W_SD'] ?? 1) };
/** Precision of warnings alone that the `confident` threshold keeps on the dev splits. */
const CONFIDENT_PRECISION = 0.9;
/** The uncertain band is at least this wide (in probability) below `supported`. */
const MIN_BAND = 0.1;

interface Row {
  part: string;
  group: string;
  x: number[];
  y: number; // 1 supported
}

function rowsOf(part: string, examples: Example[]): Row[] {
  const started = performance.now();
  const rows = examples.map((ex) => {
    const sentences = judgeSentences(corpusOf(ex), ex.claim, true);
    const worst = sentences.reduce((a, b) => (b.score < a.score ? b : a), sentences[0]!);
    return { part, group: `${part}:${groupOf(ex)}`, x: worst?.features ?? zeroFeatures(), y: ex.label === 'supported' ? 1 : 0 };
  });
  console.error(`${part}: ${rows.length} claims in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return rows;
}

function zeroFeatures(): number[] {
  return FEATURE_NAMES.map(() => 0);
}

const split = (set: string, s: string) => loadExamples(join(dataDir, set, 'data.jsonl')).filter((e) => e.split === s);
// GROUNDED_TRAIN_CACHE=FILE keeps the features between runs while the weights of the parts are tried (outside the repository)
const cacheFile = process.env['GROUNDED_TRAIN_CACHE'];
let all: { train: Row[]; dev: Row[] };
if (cacheFile && existsSync(cacheFile)) all = JSON.parse(readFileSync(cacheFile, 'utf8')) as typeof all;
else {
  all = {
    train: [...rowsOf('summedits-other', loadExamples(join(dataDir, 'train', 'summedits-other.jsonl'))), ...rowsOf('wice-train', loadExamples(join(dataDir, 'train', 'wice-train.jsonl')))],
    dev: [...rowsOf('wice-dev', split('wice', 'dev')), ...rowsOf('summedits-news-dev', split('summedits-news', 'dev'))],
  };
  if (cacheFile) writeFileSync(cacheFile, JSON.stringify(all));
}
const { train, dev } = all;

/** Sample weights: each part gets PART_WEIGHT of the whole, its two classes half each (a part with one class gets it all). */
function weights(rows: readonly Row[]): number[] {
  const counts = new Map<string, [number, number]>();
  for (const r of rows) {
    const c = counts.get(r.part) ?? [0, 0];
    c[r.y]++;
    counts.set(r.part, c);
  }
  return rows.map((r) => {
    const c = counts.get(r.part)!;
    const classes = (c[0] ? 1 : 0) + (c[1] ? 1 : 0);
    return (PART_WEIGHT[r.part] ?? 1) / classes / c[r.y] * 1000;
  });
}

/** Logistic regression by Newton's method on standardised features with an L2 penalty. */
/**
 * The direction each feature may move the probability: more coverage never makes a claim less
 * supported, a missing name or a conflict never more. A fitted weight of the wrong sign (a quirk of
 * the training sets, such as SummEdits' paraphrased supported summaries carrying more new words
 * than its one-word edits) is dropped and the model fitted again without it, so that the model
 * behaves sensibly on drafts unlike the training data. Features not named may go either way.
 */
const SIGN: Partial<Record<string, 1 | -1>> = {
  coverage: 1, score: 1, plainCoverage: 1, logScore: 1, worstClause: 1, relation: 1, order: 1,
  absentFacts: -1, missingNames: -1, missingFacts: -1, missingWords: -1, newWords: -1, newNames: -1, maxMissingWeight: -1, missingRun: -1,
  conflictNumber: -1, conflictName: -1, conflictNegation: -1, conflictAntonym: -1, conflictRole: -1, decisive: -1, substituted: -1, negationMismatch: -1,
};

/** Fits with the sign constraints: refits without the features whose weights come out the wrong way, until none does. */
function fit(all: readonly Row[], subset: readonly string[] = FEATURE_NAMES): SupportModel {
  let kept = [...subset];
  for (;;) {
    const model = fitFree(all, kept);
    const wrong = FEATURE_NAMES.filter((n, i) => kept.includes(n) && SIGN[n] !== undefined && model.coef[i]! * SIGN[n]! < 0);
    if (!wrong.length) return model;
    kept = kept.filter((n) => !(wrong as readonly string[]).includes(n));
  }
}

function fitFree(all: readonly Row[], subset: readonly string[]): SupportModel {
  const keep = FEATURE_NAMES.map((n) => subset.includes(n));
  const rows = all.map((r) => ({ ...r, x: r.x.map((v, i) => (keep[i] ? v : 0)) }));
  const d = FEATURE_NAMES.length;
  const w = weights(rows);
  const W = w.reduce((a, b) => a + b, 0);
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  rows.forEach((r, n) => r.x.forEach((v, i) => (mean[i]! += (w[n]! * v) / W)));
  rows.forEach((r, n) => r.x.forEach((v, i) => (scale[i]! += (w[n]! * (v - mean[i]!) ** 2) / W)));
  for (let i = 0; i < d; i++) scale[i] = Math.sqrt(scale[i]!) || 1;
  const X = rows.map((r) => [1, ...r.x.map((v, i) => (v - mean[i]!) / scale[i]!)]);
  let beta = new Array<number>(d + 1).fill(0);
  const lambda = (LAMBDA * W) / rows.length;
  for (let iter = 0; iter < 30; iter++) {
    const g = new Array<number>(d + 1).fill(0);
    const H = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    X.forEach((x, n) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, i) => s + v * beta[i]!, 0)));
      const e = w[n]! * (p - rows[n]!.y);
      const h = w[n]! * p * (1 - p);
      for (let i = 0; i <= d; i++) {
        g[i]! += e * x[i]!;
        for (let j = i; j <= d; j++) H[i]![j]! += h * x[i]! * x[j]!;
      }
    });
    for (let i = 0; i <= d; i++) for (let j = 0; j < i; j++) H[i]![j] = H[j]![i]!;
    for (let i = 1; i <= d; i++) {
      g[i]! += lambda * beta[i]!;
      H[i]![i]! += lambda;
    }
    const step = solve(H, g);
    beta = beta.map((b, i) => b - step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return { features: [...FEATURE_NAMES], mean: mean.map(round), scale: scale.map(round), coef: beta.slice(1).map(round), intercept: round(beta[0]!), thresholds: { supported: 0.5, confident: 0.5 } };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Solves A x = b by Gaussian elimination with partial pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const pivot = M[c]![c]! || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / pivot;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / (M[r]![r]! || 1e-12);
  }
  return x;
}

function predict(model: SupportModel, x: readonly number[]): number {
  let z = model.intercept;
  for (let i = 0; i < x.length; i++) z += (model.coef[i]! * (x[i]! - model.mean[i]!)) / model.scale[i]!;
  return 1 / (1 + Math.exp(-z));
}

// ---- grouped cross-validation over the dev splits -----------------------------------------

/**
 * The feature sets tried; the one with the best out-of-fold dev balanced accuracy is written out
 * (features left out get no weight).
 */
const SUBSETS: Record<string, readonly string[]> = {
  'hand score': ['score', 'logScore'],
  'hand score, names and relations': ['score', 'logScore', 'coverage', 'absentFacts', 'newNames', 'missingNames', 'relation', 'joint', 'substituted'],
  'hand score and missing details': ['score', 'logScore', 'missingRun', 'worstClause', 'absentFacts'],
  'all features': FEATURE_NAMES,
};

const folds = Number(args.folds);
const groups = [...new Set(dev.map((r) => r.group))];
// a fixed shuffle, so that the folds are the same on every run
groups.sort((a, b) => hash(a) - hash(b));
const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
function outOfFold(subset: readonly string[]): number[] {
  const out = new Array<number>(dev.length).fill(0);
  for (let k = 0; k < folds; k++) {
    const model = fit([...train, ...dev.filter((r) => foldOf.get(r.group) !== k)], subset);
    dev.forEach((r, i) => {
      if (foldOf.get(r.group) === k) out[i] = predict(model, r.x);
    });
  }
  return out;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** A conflict makes a claim unsupported whatever the probability (isSupported). */
const CONFLICTS = ['conflictNumber', 'conflictName', 'conflictNegation', 'conflictAntonym', 'conflictRole'].map((n) => FEATURE_NAMES.indexOf(n as (typeof FEATURE_NAMES)[number]));
function hasConflict(r: Row): boolean {
  return CONFLICTS.some((i) => r.x[i]! > 0);
}

function bacc(part: string, t: number): number {
  let tp = 0, fn = 0, tn = 0, fp = 0;
  dev.forEach((r, i) => {
    if (r.part !== part) return;
    const unsup = oof[i]! < t || hasConflict(r);
    if (r.y === 0) unsup ? tp++ : fn++;
    else unsup ? fp++ : tn++;
  });
  return (tp / (tp + fn || 1) + tn / (tn + fp || 1)) / 2;
}

const parts = ['wice-dev', 'summedits-news-dev'];
let oof: number[] = [];
let chosen = { name: '', supported: 0.5, mean: -1, oof: [] as number[] };
for (const [name, subset] of Object.entries(SUBSETS)) {
  oof = outOfFold(subset);
  const candidates = [...new Set(oof.map((p) => Math.round(p * 1000) / 1000))].sort((a, b) => a - b);
  let best = { t: 0.5, mean: -1 };
  for (const t of candidates) {
    const m = parts.reduce((sum, p) => sum + bacc(p, t), 0) / parts.length;
    if (m > best.mean) best = { t, mean: m };
  }
  console.log(`${name}: out-of-fold dev balanced accuracy ${parts.map((p) => `${p} ${(100 * bacc(p, best.t)).toFixed(1)}`).join(', ')} (mean ${(100 * best.mean).toFixed(1)}) at supported >= ${best.t}`);
  if (best.mean > chosen.mean + 1e-9) chosen = { name, supported: best.t, mean: best.mean, oof };
}
oof = chosen.oof;
const supported = chosen.supported;
const candidates = [...new Set(oof.map((p) => Math.round(p * 1000) / 1000))].sort((a, b) => a - b);
// confident: at least MIN_BAND under `supported`, as high as keeps the precision of warnings
let confident = Math.max(0, supported - MIN_BAND);
for (const t of candidates.filter((c) => c <= supported - MIN_BAND)) {
  const warned = dev.filter((r, i) => oof[i]! < t || hasConflict(r));
  if (warned.length < 10) continue;
  const precision = warned.filter((r) => r.y === 0).length / warned.length;
  if (precision >= CONFIDENT_PRECISION) confident = t;
}

const model = fit([...train, ...dev], SUBSETS[chosen.name]);
model.thresholds = { supported, confident };
console.log(`chosen: ${chosen.name}; supported >= ${supported}, confident below ${confident}`);
console.log(`lambda ${LAMBDA}, part weights ${JSON.stringify(PART_WEIGHT)}`);
console.log(FEATURE_NAMES.map((n, i) => `${n} ${model.coef[i]!.toFixed(3)}`).join(', '));

if (!args['dry-run']) {
  const file = join(repo, 'src', 'core', 'verdict', 'weights.ts');
  writeFileSync(
    file,
    `/**
 * Generated by bench/train.ts: do not edit. A logistic model of the support probability over the
 * features of features.ts (standardised by mean and scale), and the thresholds tuned with it on
 * out-of-fold predictions for the dev splits.
 */
import type { SupportModel } from './types';

export const SUPPORT_MODEL: SupportModel = ${JSON.stringify(model, null, 2)};
`,
  );
  console.log(`wrote ${file}`);
}
