/// <reference types="mocha" />
// Soak in the real extension host (issue 6): 2,000 sources dropped into the workspace, then 200
// rapid edits and saves to a draft while sources are added and deleted on disk. Afterwards the
// index must match the files on disk, the draft's diagnostics must match a fresh CLI run over the
// same files, and the extension host's heap must be back within 20% of its level before the soak.
// Every save must leave the draft clean and on disk as in the editor; a save VS Code refuses because
// its own auto save of the draft is running is waited out and asked again (helpers.ts, save()).
// Waits on events only. Prints one `SOAK {…}` line with the figures (recorded in bench/RESULTS.md).
// Part of `npm test` (the trusted run of scripts/vscode/run-tests.sh).
//
// env GROUNDED_SOAK_SOURCES (default 2000), GROUNDED_SOAK_EDITS (default 200),
//     GROUNDED_SOAK_CHURN_EVERY (default 5: one source added and one deleted every 5 edits),
//     GROUNDED_SOAK=0 skips it, GROUNDED_SOAK_SNAPSHOTS=<dir> writes heap snapshots before and after.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { run as cli } from '../../src/cli/main';
import { DEFAULT_SOURCE_GLOBS, loadCorpus } from '../../src/core/corpus/host';
import type { CheckEvent, GroundedApi } from '../../src/extension/extension';
import { NodeHost } from '../../src/node/host';
import { activate, codeOf, indexUntil, percentile, root, save, SEEDS, waitFor } from './helpers';
import { codeName, rng, sourceSentences, sourceText } from './newsgen';

const SOURCES = Number(process.env.GROUNDED_SOAK_SOURCES ?? 2000);
const EDITS = Number(process.env.GROUNDED_SOAK_EDITS ?? 200);
const CHURN_EVERY = Number(process.env.GROUNDED_SOAK_CHURN_EVERY ?? 5);
const SKIP = process.env.GROUNDED_SOAK === '0';
const idOf = (n: number) => `soak-${String(n).padStart(5, '0')}`;

// ---- heap -------------------------------------------------------------------------------

/** A full GC if one can be had (global.gc, else --expose-gc set at run time). */
function gcFunction(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    const f = vm.runInNewContext('gc') as unknown;
    return typeof f === 'function' ? (f as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** Heap in use after a full collection (or after letting pending work settle, without one). */
async function settledHeap(gc: (() => void) | undefined): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    gc?.();
  }
  return process.memoryUsage().heapUsed;
}

const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;

// ---- the soak ------------------------------------------------------------------------------

suite('soak: 2,000 sources, 200 edits and saves while sources come and go', function () {
  this.timeout(600_000);
  let api: GroundedApi;
  /** The figures so far; printed as `SOAK {…}` at the end, or as `SOAK-PARTIAL {…}` when the test fails. */
  let figures: Record<string, unknown> | undefined;

  teardown(() => {
    if (figures) console.log(`SOAK-PARTIAL ${JSON.stringify(figures)}`);
  });

  suiteSetup(async function () {
    if (SKIP) this.skip();
    api = await activate();
    await api.settled();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test(`${SOURCES} sources, ${EDITS} edits and saves; index, diagnostics and heap afterwards`, async () => {
    const ws = root().fsPath;
    const dir = path.join(ws, 'sources', 'soak');
    const gc = gcFunction();
    figures = { sources: SOURCES, edits: EDITS, gc: gc ? 'global.gc' : 'none (heap after settling)' };
    const onDisk = () => diskSources(ws);
    /** What differs between the index and the disk, for failure messages. */
    const diff = async () => {
      const disk = new Set(onDisk());
      const indexed = new Set((await api.sources()).map((x) => x.path));
      return JSON.stringify({ state: api.state(), missing: [...disk].filter((p) => !indexed.has(p)).slice(0, 10), extra: [...indexed].filter((p) => !disk.has(p)).slice(0, 10), log: api.logLines().slice(-10) });
    };
    const until = (ok: () => boolean | Promise<boolean>, ms: number, what: string) => indexUntil(api, ok, ms, what).catch(async (e: Error) => Promise.reject(new Error(`${e.message}: ${await diff()}`)));
    const indexMatchesDisk = async () => {
      const s = api.state();
      if (s.indexing || s.pending) return false;
      const disk = onDisk();
      const indexed = (await api.sources()).map((x) => x.path);
      return indexed.length === disk.length && indexed.sort().every((p, i) => p === disk[i]);
    };

    // 1. drop 2,000 sources into the workspace, as another tool would (straight to disk)
    let t0 = performance.now();
    fs.mkdirSync(dir, { recursive: true });
    for (let n = 0; n < SOURCES; n++) fs.writeFileSync(path.join(dir, `${idOf(n)}.txt`), sourceText(n));
    figures.writeMs = Math.round(performance.now() - t0);
    await until(async () => api.state().sources === SEEDS.length + SOURCES && (await indexMatchesDisk()), 240_000, `${SOURCES} new sources to be indexed`);
    figures.watcherIndexMs = Math.round(performance.now() - t0);
    t0 = performance.now();
    await vscode.commands.executeCommand('grounded.rebuildIndex');
    figures.rebuildMs = Math.round(performance.now() - t0);
    const start = api.state();
    figures.passages = start.passages;
    figures.sourceBytes = fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);

    // 1b. the heap cold, then warm: the core caches what it works out about the sources and
    //     passages it scores (terms, numbers, negations), up to bounds, so checking claims
    //     against sources not yet touched grows the heap up to those bounds. Every
    //     source is touched once before the soak (drafts citing each one), so that what the soak
    //     measures is what stays behind from its own work: a leak, not a cache filling up.
    const heapCold = await settledHeap(gc);
    t0 = performance.now();
    const WARM_CHUNK = 250;
    for (let from = 0; from < SOURCES; from += WARM_CHUNK) {
      const text = '# Warm-up\n\n' + Array.from({ length: Math.min(WARM_CHUNK, SOURCES - from) }, (_, i) => `${sourceSentences(from + i).sentences[1]} [@${idOf(from + i)}]`).join('\n\n') + '\n';
      const uri = vscode.Uri.joinPath(root(), 'drafts', `warm-up-${from}.md`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const checked = waitFor(api.onDidCheck, (e) => e.uri.toString() === uri.toString(), 60_000, `the check of ${uri.path}`);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      await checked;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
    figures.warmUpMs = Math.round(performance.now() - t0);
    const heapWarm = await settledHeap(gc);

    // 2. the draft: claims copied from soak sources, quotes, a misquote, citations of sources that
    //    will be deleted and of sources that do not exist yet, unsupported claims
    const draftUri = vscode.Uri.joinPath(root(), 'drafts', 'soak.md');
    const paragraphs = initialParagraphs();
    await vscode.workspace.fs.writeFile(draftUri, new TextEncoder().encode(draftText(paragraphs)));
    const doc = await vscode.workspace.openTextDocument(draftUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const checks: Array<Pick<CheckEvent, 'version' | 'generation' | 'ms'>> = [];
    let otherChecks = 0;
    let otherCheckMs = 0;
    const listening = api.onDidCheck((e) => {
      if (e.uri.toString() === doc.uri.toString()) checks.push({ version: e.version, generation: e.generation, ms: e.ms });
      else {
        otherChecks++;
        otherCheckMs += e.ms;
      }
    });
    // drafts VS Code still holds open from earlier tests are checked again when the sources change
    figures.openDrafts = vscode.workspace.textDocuments.filter((d) => d.languageId === 'markdown' && !d.isClosed).length;

    const heapBefore = await settledHeap(gc);
    if (process.env.GROUNDED_SOAK_SNAPSHOTS) v8.writeHeapSnapshot(path.join(process.env.GROUNDED_SOAK_SNAPSHOTS, 'before.heapsnapshot'));
    let heapPeak = heapBefore;
    const sample = () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));

    // 3. the soak: rapid edits and saves, a source added and one deleted every few edits
    //    (an independent watcher counts what VS Code reports of those files, for the figures)
    const reported = new Set<string>();
    const witness = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root(), 'sources/**/*.txt'), false, true, false);
    witness.onDidCreate((u) => reported.add(`+${u.path}`));
    witness.onDidDelete((u) => reported.add(`-${u.path}`));
    // saves of the draft VS Code started itself (files.autoSave, afterDelay by default in the web
    // workbench), and explicit saves it refused because one of those was running (see save())
    let autoSaves = 0;
    let refusedSaves = 0;
    const willSave = vscode.workspace.onWillSaveTextDocument((e) => {
      if (e.document === doc && e.reason !== vscode.TextDocumentSaveReason.Manual) autoSaves++;
    });
    // how long the extension host's event loop was held up (this test runs in it too)
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const rand = rng(20261123);
    let added = 0;
    let deleted = 0;
    let nextNew = SOURCES;
    const deletable = Array.from({ length: SOURCES }, (_, n) => n).filter((n) => !CITED.has(n) || DOOMED.includes(n));
    t0 = performance.now();
    for (let i = 0; i < EDITS; i++) {
      const k = EDITABLE[i % EDITABLE.length]!;
      paragraphs[k] = variant(paragraphs[k]!, i, rand);
      const line = 2 + 2 * k; // a heading line, a blank line, then one paragraph per line with blank lines between
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, doc.lineAt(line).range, paragraphs[k]!);
      assert.ok(await vscode.workspace.applyEdit(edit), `edit ${i}`);
      refusedSaves += await save(doc);
      assert.ok(!doc.isDirty, `save ${i}: the draft is still dirty`);
      assert.equal(fs.readFileSync(draftUri.fsPath, 'utf8'), doc.getText(), `save ${i}: the draft on disk is the one in the editor`);
      if (CHURN_EVERY > 0 && i % CHURN_EVERY === CHURN_EVERY - 1) {
        const n = nextNew++;
        fs.writeFileSync(path.join(dir, `${idOf(n)}.txt`), sourceText(n));
        added++;
        // the doomed sources (cited by the draft) go first, then others at random
        const victim = DOOMED[deleted] ?? deletable.splice(Math.floor(rand() * deletable.length), 1)[0]!;
        fs.rmSync(path.join(dir, `${idOf(victim)}.txt`));
        deleted++;
      }
      sample();
    }
    figures.soakMs = Math.round(performance.now() - t0);
    loop.disable();
    willSave.dispose();
    figures.saves = { autoSaves, refused: refusedSaves };
    figures.eventLoopDelayMs = { p50: round1(loop.percentile(50) / 1e6), p99: round1(loop.percentile(99) / 1e6), max: round1(loop.max / 1e6) };
    figures.added = added;
    figures.deleted = deleted;
    assert.equal(doc.getText(), draftText(paragraphs), 'every edit landed');

    // 4. settle: the index catches up with the disk, and the draft is checked at its last version
    //    against the last corpus
    t0 = performance.now();
    await until(indexMatchesDisk, 120_000, 'the index to match the files on disk');
    await api.settled();
    const current = (e: Pick<CheckEvent, 'version' | 'generation'> | undefined) => !!e && e.version === doc.version && e.generation === api.state().generation;
    if (!current(checks[checks.length - 1])) await waitFor(api.onDidCheck, (e) => e.uri.toString() === doc.uri.toString() && current(e), 60_000, 'the last check');
    figures.settleMs = Math.round(performance.now() - t0);
    listening.dispose();
    witness.dispose();
    figures.watcherReported = reported.size;
    const coreMs = checks.map((c) => c.ms).sort((a, b) => a - b);
    figures.checks = checks.length;
    figures.otherChecks = { count: otherChecks, ms: Math.round(otherCheckMs) };
    figures.checkMs = { median: round1(percentile(coreMs, 50)), p95: round1(percentile(coreMs, 95)), max: round1(coreMs[coreMs.length - 1] ?? NaN) };
    const diagnostics = vscode.languages
      .getDiagnostics(doc.uri)
      .filter((d) => d.source === 'grounded')
      .map((d) => ({ rule: codeOf(d), severity: severityName(d.severity), message: d.message, range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } } }));
    const draftOnDisk = fs.readFileSync(draftUri.fsPath, 'utf8');
    assert.equal(draftOnDisk, doc.getText(), 'the draft on disk is the one in the editor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // 5. heap, before the test builds anything of its own to compare with
    const heapAfter = await settledHeap(gc);
    if (process.env.GROUNDED_SOAK_SNAPSHOTS) v8.writeHeapSnapshot(path.join(process.env.GROUNDED_SOAK_SNAPSHOTS, 'after.heapsnapshot'));
    figures.heapMB = { cold: mb(heapCold), warm: mb(heapWarm), before: mb(heapBefore), peak: mb(heapPeak), after: mb(heapAfter), ratio: Math.round((heapAfter / heapBefore) * 1000) / 1000, ratioToCold: Math.round((heapAfter / heapCold) * 1000) / 1000 };
    const end = api.state();
    figures.end = { sources: end.sources, passages: end.passages, generation: end.generation };

    // 6. the index matches the files on disk: same files, same text, same passages as a fresh load
    const fresh = await loadCorpus(new NodeHost(ws), DEFAULT_SOURCE_GLOBS);
    const indexed = new Map((await api.sources(true)).map((s) => [s.path, s]));
    assert.deepEqual([...indexed.keys()].sort(), fresh.corpus.sources.map((s) => s.path).sort(), 'indexed files');
    for (const s of fresh.corpus.sources) {
      const mine = indexed.get(s.path)!;
      assert.equal(mine.id, s.id, s.path);
      assert.equal(mine.text, s.text, `${s.path}: text`);
      assert.equal(mine.passageCount, s.passages.length, `${s.path}: passages`);
    }
    assert.equal(end.passages, fresh.corpus.passageCount, 'passage count');
    assert.deepEqual(api.problems(), [], 'problems');

    // 7. the diagnostics match a fresh CLI run over the same files
    const out: string[] = [];
    const err: string[] = [];
    const code = await cli({ argv: ['check', 'drafts/soak.md', '--format', 'json', '--fail-on', 'never'], cwd: ws, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
    assert.equal(code, 0, err.join('\n'));
    const report = JSON.parse(out.join('\n')) as { files: Array<{ findings: Array<{ rule: string; severity: string; message: string; range: unknown }> }> };
    const expected = report.files[0]!.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, range: f.range }));
    const key = (f: { range: unknown; rule: string; message: string }) => JSON.stringify([f.range, f.rule, f.message]);
    assert.deepEqual(diagnostics.map(key).sort(), expected.map(key).sort(), 'diagnostics vs. grounded check');
    assert.deepEqual(diagnostics.sort((a, b) => (key(a) < key(b) ? -1 : 1)), expected.sort((a, b) => (key(a) < key(b) ? -1 : 1)));
    figures.findings = expected.length;
    figures.watcherMisses = api.logLines().filter((l) => l.includes('not reported by the file watcher')).length;
    figures.rules = countBy(expected.map((f) => f.rule));
    // the draft's fixed paragraphs: citations of the deleted sources are unknown now, the added one is known
    const unknown = (n: number) => expected.some((f) => f.rule === 'unknown-source' && f.message.startsWith(`No source has the key "${idOf(n)}"`));
    for (const n of DOOMED) assert.ok(unknown(n), `${idOf(n)} is reported as unknown`);
    assert.ok(!unknown(SOURCES), `${idOf(SOURCES)} is known`);

    console.log(`SOAK ${JSON.stringify(figures)}`);
    figures = undefined;
    assert.ok(heapAfter <= heapBefore * 1.2, `heap after the soak ${mb(heapAfter)} MB is more than 20% above ${mb(heapBefore)} MB before it`);

    // clean up: the folder goes, and so do its sources
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(draftUri.fsPath, { force: true });
    await indexUntil(api, async () => api.state().sources === SEEDS.length && (await indexMatchesDisk()), 120_000, 'the soak sources to go');
  });
});

// ---- the draft ----------------------------------------------------------------------------

/** Soak sources the draft cites. */
const CITED = new Set<number>();
/** Cited sources that are deleted during the soak (first), so their citations end up unknown. */
const DOOMED = [11, 12];
/** The paragraphs the soak edits; the others (citing the doomed sources, and one added during the soak) stay. */
const EDITABLE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 15, 16, 17];

function initialParagraphs(): string[] {
  const [s000, , s002] = SEEDS as [string, string, string];
  const ps: string[] = [];
  const cite = (n: number) => {
    CITED.add(n);
    return `[@${idOf(n)}]`;
  };
  for (const n of [3, 41, 97, 250, 777, 1203, 1500, 1999 % SOURCES]) {
    const { sentences } = sourceSentences(n);
    ps.push(`${sentences[2]!.replace(/^"|"$/g, '')} ${cite(n)}`);
  }
  for (const n of [58, 333]) {
    const s = sourceSentences(n).sentences.find((x) => !x.includes('"')) ?? '';
    ps.push(`The report said that "${s.replace(/\.$/, '').split(' ').slice(0, 9).join(' ')}" ${cite(n)}.`);
  }
  {
    const s = sourceSentences(600).sentences.find((x) => !x.includes('"'))!.replace(/\.$/, '').split(' ').slice(0, 9);
    s[s.length - 2] = 'zeppelin';
    ps.push(`A spokesman was quoted as saying "${s.join(' ')}" ${cite(600)}.`);
  }
  for (const n of DOOMED) ps.push(`${sourceSentences(n).sentences[1]} ${cite(n)}`);
  // cited before they exist: the first sources added during the soak
  ps.push(`A later report covered the ${codeName(SOURCES)} plan [@${idOf(SOURCES)}].`);
  ps.push(`Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${s000}].`);
  ps.push(`Putin had ordered the pause "to avoid senseless victims" [@${s002}].`);
  ps.push('Everyone agrees the siege will end by Christmas.');
  ps.push('The marmalade festival drew a record crowd of twelve thousand cyclists.');
  return ps;
}

function draftText(paragraphs: readonly string[]): string {
  return `# Soak\n\n${paragraphs.join('\n\n')}\n`;
}

/** The next version of a paragraph: cite or uncite, change a number, swap in another source's sentence, or tweak a word. */
function variant(p: string, i: number, rand: () => number): string {
  switch (i % 5) {
    case 0:
      if (/\[@[^\]]+\]\.?\s*$/.test(p)) {
        const bare = p.replace(/\s*\[@[^\]]+\]\.?\s*$/, '');
        return /[.!?"]$/.test(bare) ? bare : `${bare}.`;
      }
      return `${p.trimEnd().replace(/\.$/, '')} [@${idOf(Math.floor(rand() * SOURCES))}].`;
    case 1:
      return p.replace(/\d+/, (d) => String(Number(d) + 1));
    case 2: {
      const n = Math.floor(rand() * SOURCES);
      const { sentences } = sourceSentences(n);
      return `${sentences[Math.floor(rand() * sentences.length)]!.replace(/^"|"$/g, '')} [@${idOf(n)}]`;
    }
    case 3:
      return p.replace(/\b(said|told|warned)\b/, (w) => ({ said: 'told', told: 'warned', warned: 'said' })[w]!);
    default:
      return p.endsWith(' ') ? p.trimEnd() : `${p} `;
  }
}

// ---- helpers ------------------------------------------------------------------------------

/** Source files on disk under the default globs (seeds/ and sources/, .txt and .md), sorted. */
function diskSources(ws: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(ws, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.(txt|md)$/.test(e.name)) out.push(p);
    }
  };
  walk('seeds');
  walk('sources');
  return out.sort();
}

function severityName(s: vscode.DiagnosticSeverity): string {
  return ['error', 'warning', 'information', 'hint'][s]!;
}

function countBy(xs: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
