/**
 * The support probability: a logistic model over the features of a candidate (features.ts), with
 * the weights that bench/train.ts fits (weights.ts, generated). Plain arithmetic, no dependency.
 */
import type { Corpus } from '../corpus/corpus';
import { FEATURE_NAMES, supportFeatures } from './features';
import type { ClaimTerms, SupportModel, SupportResult } from './types';
import { SUPPORT_MODEL } from './weights';

if (SUPPORT_MODEL.features.join() !== FEATURE_NAMES.join()) throw new Error('weights.ts was fitted on other features: run bench/train.ts');

/** The model's probability for a feature vector. */
export function probabilityOf(x: readonly number[], model: SupportModel = SUPPORT_MODEL): number {
  let z = model.intercept;
  for (let i = 0; i < x.length; i++) z += (model.coef[i]! * (x[i]! - model.mean[i]!)) / model.scale[i]!;
  return 1 / (1 + Math.exp(-z));
}

/** The features the shipped model reads (a weight of 0 reads nothing). */
const USED: ReadonlySet<string> = new Set(SUPPORT_MODEL.features.filter((_, i) => SUPPORT_MODEL.coef[i] !== 0));

/** Probability that the candidate supports the claim. */
export function supportProbability(corpus: Corpus, claim: ClaimTerms, result: SupportResult): number {
  return probabilityOf(supportFeatures(corpus, claim, result, USED));
}
