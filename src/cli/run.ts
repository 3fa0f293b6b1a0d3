/**
 * `grounded check [drafts…] [--sources GLOB]… [--bibliography FILE]… [--format text|json|sarif] [--fail-on LEVEL] [--output FILE] [--cache]`
 *
 * Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 usage error or nothing readable.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_DRAFT_GLOBS, DEFAULT_SETTINGS, DEFAULT_IGNORE, DEFAULT_MAX_FILE_BYTES, DEFAULT_SOURCE_GLOBS, SEVERITY_ORDER, bibliographiesOfDraft, check, parseDraft, formatJson, formatSarif, formatText, globBase, loadCorpus, loadCorpusCached, readText, savedCorpusKey, summaryLine, unaffected, claimSignature, movedFindings, CorpusReads, type CheckOptions, type Claim, type CorpusChanges, type CheckResult, type Draft, type FileReport, type Finding, type Host, type LoadOptions, type LoadResult, type Problem, type Severity } from '../core';
import { readCorpusCache, readKeptChecks, readRememberedSearches, writeCorpusCacheParts, writeKeptChecks, writeRememberedSearches, type KeptCheck, type KeptClaim } from '../node/corpusCache';
import { NodeHost } from '../node/host';
import { addSourcesAuto, StartedWorkers } from '../node/indexWorkers';
import { progressLine, type ProgressStream } from './progress';
import { secondOpinions, summaryOfSecondOpinion, VerifierUsageError } from './secondOpinion';

declare const GROUNDED_VERSION: string | undefined;
const VERSION = typeof GROUNDED_VERSION === 'string' ? GROUNDED_VERSION : '0.0.0-dev';

const USAGE = `Usage: grounded check [drafts…] [options]

Checks Markdown drafts against the sources: unsupported claims, misquotes, wrong and unknown citations.

Options:
  --sources GLOB     where sources are (repeatable; default: ${DEFAULT_SOURCE_GLOBS.join(', ')})
  --bibliography FILE  a BibTeX, CSL JSON or CSL YAML bibliography (repeatable; drafts' own
                     \`bibliography:\` and sources.yaml beside the sources are read as well)
  --format FORMAT    text (default), json or sarif
  --fail-on LEVEL    exit 1 when a finding is at or above: error (default), warning, information, hint, never
  --output FILE      write the report to FILE instead of standard output
  --root DIR         the workspace root (default: the current folder)
  --verifier URL     ask a model server on your machine (OpenAI chat-completions, e.g. Ollama at
                     http://127.0.0.1:11434/v1) for a second opinion on the uncertain claims;
                     only each claim and its evidence passages are sent
  --verifier-model NAME  the model it asks (default: ${DEFAULT_SETTINGS.verifierModel})
  --cache            keep the prepared sources between runs; the next run reads only changed files
  --cache-location DIR  where --cache keeps them (default: node_modules/.cache/grounded/)
  --quiet            no progress line on a terminal
  --debug            print stack traces of internal errors
  -h, --help         show this help
  -v, --version      show the version

Drafts default to every Markdown file (${DEFAULT_DRAFT_GLOBS.join(', ')}) that is not a source.`;

export interface RunContext {
  argv: string[];
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  host?: Host;
  /** Where the progress line is drawn (standard error): drawn only on a terminal. */
  progress?: ProgressStream;
  /** The environment (`CI=true` keeps the progress line off). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Index workers are started as the run begins, before it knows how many files there are (a
   * build of few files ends them unused): the command does so, tests and other callers need not.
   */
  startWorkersEarly?: boolean;
}

class UsageError extends Error {}

/** Runs the CLI; returns the exit code. Never calls process.exit. */
export async function run(ctx: RunContext): Promise<number> {
  const debug = ctx.argv.includes('--debug');
  try {
    return await main(ctx);
  } catch (e) {
    if (e instanceof UsageError) {
      ctx.stderr(`grounded: ${e.message}\nRun "grounded --help" for usage.`);
      return 2;
    }
    ctx.stderr(`grounded: internal error: ${(e as Error).message ?? e}${debug ? `\n${(e as Error).stack}` : ' (run with --debug for details)'}`);
    return 2;
  }
}

const OPTIONS = {
  sources: { type: 'string', multiple: true },
  bibliography: { type: 'string', multiple: true },
  format: { type: 'string', default: 'text' },
  'fail-on': { type: 'string', default: 'error' },
  output: { type: 'string', short: 'o' },
  root: { type: 'string' },
  verifier: { type: 'string' },
  'verifier-model': { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies ParseArgsConfig['options'];

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>['values'];

async function main(ctx: RunContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: ctx.argv,
      allowPositionals: true,
      options: OPTIONS,
    });
  } catch (e) {
    throw new UsageError(String((e as Error).message).replace(/\. To specify a positional argument.*$/, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    ctx.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    ctx.stdout(VERSION);
    return 0;
  }
  const [command, ...draftArgs] = positionals;
  if (command !== 'check') throw new UsageError(command ? `unknown command "${command}"` : 'missing command (try "grounded check")');
  const format = values.format!;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`unknown format "${format}" (text, json or sarif)`);
  const failOn = values['fail-on']!;
  if (!['error', 'warning', 'information', 'hint', 'never'].includes(failOn)) throw new UsageError(`unknown --fail-on level "${failOn}"`);
  // without --cache many sources are prepared on worker threads: on a machine with cores to spare,
  // the workers can start now, while the drafts are read and the files listed
  const started = ctx.startWorkersEarly && !(values.cache || values['cache-location']) && availableParallelism() > 1 ? new StartedWorkers(WORKERS, WORKER_LIMITS) : undefined;
  try {
    return await checkDrafts(ctx, values, draftArgs, format, failOn, started);
  } finally {
    started?.close();
  }
}

/**
 * Index workers: one CPU fewer than there are (this thread prepares too). Their young generation
 * is limited to 32 MB: at 8 MB a worker spent a tenth more time (scavenging what a batch makes),
 * and the peak memory was the same. Their old generation is limited to 1 GB (a batch and the
 * largest file read, 20 MB, need far less), so that V8 lets it grow by less between full collections.
 */
const WORKERS = Math.max(1, availableParallelism() - 1);
const WORKER_LIMITS = { youngGenerationMb: 32, oldGenerationMb: 1024 };

async function checkDrafts(ctx: RunContext, values: Values, draftArgs: string[], format: string, failOn: string, started: StartedWorkers | undefined): Promise<number> {

  const root = values.root ?? ctx.cwd;
  const host = ctx.host ?? new NodeHost(root);
  const sourceGlobs = values.sources?.length ? values.sources : DEFAULT_SOURCE_GLOBS;

  // drafts: named ones (files or globs), else every Markdown file outside the sources
  let drafts: string[];
  if (draftArgs.length) {
    drafts = [];
    for (const arg of draftArgs) {
      if (/[*?[\]{}]/.test(arg)) {
        const found = await host.findFiles([arg], DEFAULT_IGNORE);
        if (!found.length) throw new UsageError(`no draft matches "${arg}"`);
        drafts.push(...found);
      } else if ((await host.size(arg)) === undefined) {
        throw new UsageError(`draft not found: ${arg}`);
      } else drafts.push(arg);
    }
  } else {
    const sourceSet = new Set(await host.findFiles(sourceGlobs, DEFAULT_IGNORE));
    drafts = (await host.findFiles(DEFAULT_DRAFT_GLOBS, DEFAULT_IGNORE)).filter((p) => !sourceSet.has(p));
  }
  drafts = [...new Set(drafts)];

  const problems: Problem[] = [];
  // each draft parsed once: its front matter names bibliographies, and the check reads the rest
  const draftsRead = new Map<string, Draft>();
  const draftHashes = new Map<string, string>();
  const bibliographies: string[] = [...(values.bibliography ?? [])];
  for (const d of drafts) {
    const { text, problem } = await readText(host, d);
    if (problem) problems.push(problem);
    if (text === undefined) continue;
    const draft = parseDraft(text);
    draftsRead.set(d, draft);
    draftHashes.set(d, createHash('sha256').update(text).digest('hex'));
    bibliographies.push(...bibliographiesOfDraft(d, draft));
  }
  const progress = progressLine(ctx.progress, { quiet: !!values.quiet, ci: ctx.env?.['CI'] === 'true' });
  const loadOptions: LoadOptions = {
    bibliographies,
    // a large archive is prepared on every core (the CLI has nothing else to do meanwhile): on
    // worker threads and on this one, which spares a worker's heap
    build: (corpus, files, o) => addSourcesAuto(corpus, files, { ...o, workers: WORKERS, thisThread: true, ...WORKER_LIMITS, ...(started ? { started } : {}) }),
    // plain text files are read where they are prepared: their text never passes through this thread
    buildReads: true,
    // a check never completes a quote: the index's lexicon is not sorted for it
    sortLexiconOnDemand: true,
    onProgress: progress.update,
  };
  let loaded: CachedLoad;
  try {
    loaded = values.cache || values['cache-location'] ? await loadWithCache(ctx, host, root, sourceGlobs, values['cache-location'], loadOptions) : await loadCorpus(host, sourceGlobs, loadOptions);
  } finally {
    progress.done();
  }
  // the cache is written while the check runs and the report is printed; the run ends when it is
  const kept = new Map<string, KeptCheck>();
  let keptChanged = false;
  try {
    const { corpus, problems: sourceProblems, found } = loaded;
    problems.push(...sourceProblems);
    for (const p of problems) ctx.stderr(`grounded: ${p.path}: ${p.message}`);
    if (found === 0) ctx.stderr(`grounded: no source files match ${sourceGlobs.join(', ')}`);
    if (!draftsRead.size) {
      ctx.stderr(drafts.length ? 'grounded: no draft could be read' : `grounded: no drafts found (Markdown files outside ${sourceGlobs.map(globBase).join(', ')})`);
      return 2;
    }
    if (corpus.sourceCount === 0) {
      ctx.stderr('grounded: no source could be read; nothing to check against');
      return 2;
    }

    const options: CheckOptions = {};
    const checks: Array<{ path: string; result?: CheckResult; findings: Finding[] }> = [];
    // with --cache, a draft whose text is the same as in the last run against this very corpus
    // has the findings it had then (not with --verifier, which reads the whole check)
    const prior = values.verifier ? undefined : loaded.keptChecks;
    // after some sources changed, each claim keeps its findings while its check read nothing that changed
    const earlier = values.verifier ? undefined : loaded.earlierChecks;
    for (const [path, draft] of draftsRead) {
      const hash = draftHashes.get(path)!;
      const same = prior?.get(path);
      if (same && same.hash === hash) {
        for (const p of same.problems) ctx.stderr(`grounded: ${path}: ${p}`);
        checks.push({ path, findings: same.findings as Finding[] });
        kept.set(path, same);
        continue;
      }
      // the claims the last run checked, each kept while its sentence is unchanged (see
      // claimSignature): against this very corpus when only the draft changed, or against the
      // corpus this one was brought up to date from, while nothing the claim's check read changed
      const before = earlier?.checks.get(path);
      const from = same?.claims ? { claims: same.claims } : before?.claims && earlier ? { claims: before.claims, changes: earlier.changes } : undefined;
      const bySignature = from && keptBySignature(from.claims);
      const keptClaims: KeptClaim[] = [];
      const result = check(draft, corpus, {
        ...options,
        ...(loaded.saveCache ? { onClaim: (i: number, findings: readonly Finding[], reads: CorpusReads) => (keptClaims[i] = { findings: [...findings], reads: reads.toJSON(), signature: claimSignature(draft, draft.claims[i]!), line: draft.claims[i]!.range.start.line }) } : {}),
        ...(bySignature
          ? {
              reuse: (i: number, claim: Claim) => {
                const k = bySignature.get(claimSignature(draft, claim))?.shift();
                if (!k) return undefined;
                if (from.changes) {
                  const reads = CorpusReads.fromJSON(k.reads);
                  if (!reads || !unaffected(reads, from.changes)) return undefined;
                }
                const findings = movedFindings(k.findings as Finding[], claim.range.start.line - k.line);
                keptClaims[i] = { ...k, findings, line: claim.range.start.line };
                return findings;
              },
            }
          : {}),
      });
      for (const p of result.draft.problems) ctx.stderr(`grounded: ${path}: ${p}`);
      checks.push({ path, result, findings: result.findings });
      const complete = draft.claims.every((_, i) => keptClaims[i] !== undefined);
      kept.set(path, { hash, findings: result.findings, problems: result.draft.problems.map(String), ...(complete ? { claims: keptClaims } : {}) });
      keptChanged = true;
    }
    // the built-in verdicts are all in; then the model's answers, before anything is written
    let opinions: { findings: Finding[][]; summary?: Awaited<ReturnType<typeof secondOpinions>>['summary'] };
    // a check that kept some claims' findings has no verdicts for those claims: the model is asked only about fully checked drafts
    const checked = checks.every((c) => c.result) ? (checks as Array<{ path: string; result: CheckResult }>) : undefined;
    try {
      const cacheDir = values.cache || values['cache-location'] ? cacheFolder(root, values['cache-location']) : undefined;
      opinions = checked ? await secondOpinions(checked, corpus, { endpoint: values.verifier, model: values['verifier-model'], check: options, stderr: ctx.stderr, ...(cacheDir ? { cacheDir } : {}) }) : { findings: checks.map((c) => c.findings) };
    } catch (e) {
      if (e instanceof VerifierUsageError) throw new UsageError(e.message);
      throw e;
    }
    const reports: FileReport[] = checks.map((c, i) => ({ path: c.path, findings: opinions.findings[i]! }));

    const out = format === 'json' ? formatJson(reports, problems) : format === 'sarif' ? formatSarif(reports, problems, VERSION, (id) => corpus.source(id)?.path) : [formatText(reports), summaryLine(reports, corpus.sourceCount, corpus.passageCount), opinions.summary && summaryOfSecondOpinion(opinions.summary)].filter(Boolean).join('\n');
    if (values.output) {
      try {
        writeFileSync(values.output, out + '\n');
      } catch (e) {
        throw new UsageError(`cannot write ${values.output}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    } else ctx.stdout(out);

    if (failOn === 'never') return 0;
    const threshold = SEVERITY_ORDER[failOn as Severity];
    return reports.some((r) => r.findings.some((f) => SEVERITY_ORDER[f.severity] >= threshold)) ? 1 : 0;
  } finally {
    await loaded.saveCache?.(keptChanged ? kept : undefined);
  }
}

/** Kept claims by signature, in the draft's order (those of an older cache, without one, are left out). */
function keptBySignature(claims: readonly KeptClaim[]): Map<string, KeptClaim[]> {
  const by = new Map<string, KeptClaim[]>();
  for (const k of claims) {
    if (typeof k.signature !== 'string' || typeof k.line !== 'number') continue;
    const list = by.get(k.signature);
    if (list) list.push(k);
    else by.set(k.signature, [k]);
  }
  return by;
}

/** The sources, and with --cache what is kept beside them: the save, and the last run's checks of drafts against it. */
type CachedLoad = LoadResult & {
  saveCache?: (checks?: ReadonlyMap<string, KeptCheck>) => Promise<void>;
  keptChecks?: ReadonlyMap<string, KeptCheck>;
  /** The checks kept against the save this corpus was brought up to date from, and how it changed since. */
  earlierChecks?: { checks: ReadonlyMap<string, KeptCheck>; changes: CorpusChanges };
};

/**
 * The sources, from the cache where their files have not changed. When something changed, the
 * cache is written again on the side (the check goes on meanwhile); `saveCache` waits for that
 * and keeps the run's searches beside it.
 */
async function loadWithCache(ctx: RunContext, host: Host, root: string, sourceGlobs: readonly string[], location: string | undefined, options: LoadOptions): Promise<CachedLoad> {
  const dir = cacheFolder(root, location);
  const stat = host.stat?.bind(host);
  if (!stat) return loadCorpus(host, sourceGlobs, options);
  const saved = readCorpusCache(dir);
  const key = savedCorpusKey([resolve(root), sourceGlobs, DEFAULT_MAX_FILE_BYTES, options.bibliographies ?? []], VERSION);
  const statAll = host instanceof NodeHost ? host.statAll.bind(host) : undefined;
  const result = await loadCorpusCached(host, sourceGlobs, { ...options, key, stat, ...(statAll ? { statAll } : {}), ...(saved ? { saved } : {}) });
  if (result.ignored) ctx.stderr(`grounded: the cache in ${dir} could not be used (${result.ignored}); building it again`);
  const writing = result.unchanged
    ? Promise.resolve(true)
    : writeCorpusCacheParts(dir, result.saveParts()).then(
        () => true,
        (e: unknown) => {
          ctx.stderr(`grounded: the cache could not be saved in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          return false;
        },
      );
  // the searches of the last run against this very corpus: the same answers, without searching
  const remembered = result.unchanged ? readRememberedSearches(dir, result.id) : [];
  if (remembered.length) result.corpus.rememberSearches(remembered);
  const keptChecks = result.unchanged ? readKeptChecks(dir, result.id) : undefined;
  const earlierChecks = result.previous ? { checks: readKeptChecks(dir, result.previous.id), changes: result.previous.changes } : undefined;
  const saveCache = async (checks?: ReadonlyMap<string, KeptCheck>) => {
    if (!(await writing)) return;
    const searches = result.corpus.rememberedSearches;
    try {
      if (searches.length > remembered.length) writeRememberedSearches(dir, result.id, searches);
      // the drafts' checks of this run, with those of other drafts kept from the last one
      if (checks) writeKeptChecks(dir, result.id, new Map([...(keptChecks ?? []), ...checks]));
    } catch {
      // only a later run's time is lost
    }
  };
  return { ...result, saveCache, ...(keptChecks ? { keptChecks } : {}), ...(earlierChecks ? { earlierChecks } : {}) };
}

/** Where `--cache` keeps what it keeps: `--cache-location`, else node_modules/.cache/grounded/. */
function cacheFolder(root: string, location: string | undefined): string {
  return resolve(root, location ?? 'node_modules/.cache/grounded');
}
