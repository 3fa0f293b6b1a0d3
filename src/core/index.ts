/**
 * Grounded's engine: the one public entry that the language server, the CLI and the benchmarks
 * import. Everything here is pure TypeScript — no `vscode`, no language server library, no
 * `node:` module — so it runs and is unit-tested anywhere JavaScript runs.
 *
 * @example
 * ```ts
 * import { Corpus, check } from './core';
 * const corpus = new Corpus();
 * corpus.addSource('seeds/000.txt', '…');
 * const { findings } = check('The pause began at 08:00 [@000].', corpus);
 * ```
 */
export * from './model/types';
export * from './model/config';
export * from './text/text';
export * from './text/segment';
export * from './text/truncate';
export * from './sources/sources';
export * from './sources/bibliography';
export * from './sources/extract';
export * from './index/passageIndex';
export * from './index/leanIndex';
export * from './index/miniSearchIndex';
export * from './corpus/corpus';
export * from './corpus/reads';
export * from './corpus/prepared';
export * from './corpus/snapshot';
export * from './corpus/host';
export * from './corpus/savedCorpus';
export * from './draft/draft';
export * from './draft/bibliographies';
export * from './draft/locators';
export * from './verdict/support';
export * from './verdict/features';
export * from './verdict/learned';
export * from './verdict/analysis';
export * from './verdict/messages';
export * from './verdict/quotes';
export * from './verdict/check';
export * from './verifier/band';
export * from './verifier/prompt';
export * from './verifier/answer';
export * from './verifier/cache';
export * from './verifier/apply';
export * from './verifier/status';
export * from './editor/complete';
export * from './editor/render';
export * from './editor/hoverContent';
export * from './editor/completionItems';
export * from './editor/statusContent';
export * from './report/report';
export * from './report/problems';
