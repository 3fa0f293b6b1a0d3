/** The data of support scoring: a claim's terms, a candidate's result, the conflicts found. */
import type { NegationSite, Token } from '../text/text';
import type { Passage } from '../model/types';

/**
 * Thresholds on the support probability (see `probability` below), chosen on the benchmarks' dev
 * splits (bench/RESULTS.md).
 */
export interface SupportThresholds {
  /** Probability at or above which a claim is supported (when nothing conflicts). */
  supported: number;
  /** Probability below which an unsupported claim is reported with confidence (a warning); between this and `supported` the finding is information-level. */
  confident: number;
  /** Coverage at or above which a differing fact makes the claim `contradicted` rather than unsupported. */
  contradicted: number;
  /** Coverage at or above which a candidate is offered as a weak "Cite [@x]". */
  weak: number;
}

/** `confident`: the finding is a warning; `uncertain`: between the thresholds, information-level. */
export type Confidence = 'confident' | 'uncertain';

export interface TermInfo {
  weight: number;
  kind: Token['kind'];
  capital: boolean;
  raw: string;
  /** No passage of any source has this term. */
  absent: boolean;
}

/** What the claim's words are, prepared once. */
export interface ClaimTerms {
  /** The claim's text. */
  prose: string;
  tokens: Token[];
  /** Content terms with their weights. */
  terms: Map<string, TermInfo>;
  negations: number;
  /** Terms that a negation governs ("did not trust the government" → trust, govern), terms outside any, and each negation. */
  negated: ReadonlySet<string>;
  plain: ReadonlySet<string>;
  sites: NegationSite[];
  total: number;
  /** Penalty factor in (0, 1] for names and numbers that no source mentions. */
  absentFactor: number;
  /** How many of the claim's names and numbers no source mentions. */
  absentFacts: number;
}

/** `word`: another word of a different meaning in the same slot ("murder" for "manslaughter"). */
export type FactKind = 'number' | 'date' | 'time' | 'name' | 'negation' | 'antonym' | 'word';

export interface Conflict {
  kind: FactKind;
  /** What the claim says. */
  claim: string;
  /** What the passage says instead, when known. */
  passage?: string;
  /** The role both fill, when the conflict was found by aligning them ("who", "how many corridors"). */
  role?: string;
  /** The passage that has the source's words, when it is not one of the candidate's passages. */
  evidence?: Passage;
  /** Decisive on its own ("three corridors" against "two corridors"), whatever the rest of the wording. */
  decisive?: boolean;
}

export interface SupportResult {
  /** One passage, or two of the same source read together (the best one first). */
  passages: Passage[];
  /** Weighted coverage of the claim's content terms, in [0, 1]. */
  coverage: number;
  /** Terms of the claim that the passages contain (raw words of the claim). */
  matched: string[];
  /** Content words of the claim that the passages lack, as written in the claim. */
  missing: string[];
  /** Facts that differ between claim and passage. */
  conflicts: Conflict[];
  /** Hand-set score in [0, 1]: coverage, lowered by conflicts and by facts no source mentions. */
  score: number;
  /** Probability that the passages support the claim, from the learned weights (src/core/verdict/weights.ts). */
  probability: number;
}

/** A fitted logistic model of the support probability: standardised features, coefficients and intercept (bench/train.ts). */
export interface SupportModel {
  features: readonly string[];
  mean: readonly number[];
  scale: readonly number[];
  coef: readonly number[];
  intercept: number;
  /** Thresholds on the probability, tuned on the dev splits with the model. */
  thresholds: { supported: number; confident: number };
}
