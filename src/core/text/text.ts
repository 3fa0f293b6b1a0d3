/**
 * Word-level text processing shared by indexing, retrieval and support scoring:
 * tokenising with offsets, case folding, stemming, stopwords, newsroom synonyms and
 * value-normalised numbers, times and dates.
 *
 * Every token carries a `term`: the form that the index stores and that claims are
 * compared by. Two spellings of the same fact get the same term:
 * "two" and "2" → `#2`; "9 a.m.", "9am", "0900" and "09:00" → `@09:00`;
 * "Nov. 4" and "November 4" → `%11-04`; "rejected" and "turned … down" → `reject`.
 *
 * The work is split by job: ./lexicon.ts (word lists and stemming), ./tokenize.ts (tokens),
 * ./terms.ts (terms of a text, generic words, closed classes, polarity), ./negation.ts.
 */
export { antonymsOf, canonical, isStopword, stem } from './lexicon';
export { foldPunctuation, tokenize, type Token } from './tokenize';
export { contentTerms, indexTerms, isGenericTerm, oppositePolarity, sameClosedClass } from './terms';
export { negationScopes, type NegationSite } from './negation';
