import assert from 'node:assert/strict';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateCorpus, generateDraft } from '../../bench/corpusgen';
import { run } from '../../src/cli/run';
import { decodeSavedCorpus, loadCorpusCached, savedCorpusKey } from '../../src/core';
import { readCorpusCache } from '../../src/node/corpusCache';
import { NodeHost } from '../../src/node/host';
import { BBC, REUTERS, ROOT, copyTextSeeds } from './fixtures';

async function cli(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({ argv, cwd, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The report with and without --cache (the cached run after a cold one of the same files). */
async function both(cwd: string, ...argv: string[]) {
  const cold = await cli(cwd, ...argv);
  const cached = await cli(cwd, ...argv, '--cache');
  return { cold, cached };
}

function sameReports(r: { cold: { code: number; stdout: string; stderr: string }; cached: { code: number; stdout: string; stderr: string } }): void {
  assert.equal(r.cached.stdout, r.cold.stdout);
  assert.equal(r.cached.code, r.cold.code);
  assert.equal(r.cached.stderr, r.cold.stderr);
}

describe('grounded check --cache', () => {
  let ws: string;
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'grounded-cache-'));
    copyTextSeeds(join(ws, 'seeds'));
    writeFileSync(join(ws, 'draft.md'), `The rebels have rejected the offer [@${BBC}].\n\nMalahifji said: "We will not give up the city of Aleppo to the Americans" [@${REUTERS}].\n\nThe United Nations delivered forty trucks of food to the eastern districts that week.\n`);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('saves the prepared sources in node_modules/.cache/grounded/ and gives the same report on the seeds', async () => {
    for (const format of ['json', 'text', 'sarif']) sameReports(await both(ws, 'check', 'draft.md', '--format', format));
    assert.ok(existsSync(join(ws, 'node_modules', '.cache', 'grounded', 'corpus.bin')));
    // and again, nothing changed: the saved corpus as it is, and the searches of the last run
    const cold = await cli(ws, 'check', 'draft.md', '--format', 'json');
    sameReports({ cold, cached: await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache') });
    assert.ok(existsSync(join(ws, 'node_modules', '.cache', 'grounded', 'searches.json')));
    sameReports({ cold, cached: await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache') });
  });

  it('answers the searches saved from the same corpus without searching again, until it changes', async () => {
    const host = new NodeHost(ws);
    const loaded = await loadCorpusCached(host, ['seeds/**/*.txt'], { key: 'k', stat: (p) => host.stat(p) });
    const corpus = loaded.corpus;
    const found = corpus.search(['aleppo'], 3).map((p) => p.key);
    const [query] = corpus.rememberedSearches.find(([, keys]) => keys.join() === found.join())!;
    // a saved answer stands for the search: here, on purpose, another passage than the index gives
    const other = corpus.passageKeys(corpus.sourceIds[0]!)!.first + 1;
    corpus.rememberSearches([[query, [other]]]);
    assert.deepEqual(corpus.search(['aleppo'], 3).map((p) => p.key), [other]);
    corpus.addSource('seeds/extra.txt', 'Aleppo again.');
    assert.notDeepEqual(corpus.search(['aleppo'], 3).map((p) => p.key), [other]);
  });

  it('gives a draft whose text is unchanged the findings of the last run, and checks an edited one again', async () => {
    const dir = join(ws, 'kept');
    const first = await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache-location', dir);
    await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache-location', dir);
    assert.ok(existsSync(join(dir, 'checks.json')));
    sameReports({ cold: first, cached: await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache-location', dir) });
    const edited = join(ws, 'edited.md');
    writeFileSync(edited, `The rebels have accepted the offer [@${BBC}].\n`);
    const before = await cli(ws, 'check', 'edited.md', '--format', 'json', '--cache-location', dir);
    writeFileSync(edited, `The rebels have rejected the offer [@${BBC}].\n`);
    const after = await cli(ws, 'check', 'edited.md', '--format', 'json', '--cache-location', dir);
    assert.notEqual(after.stdout, before.stdout);
    sameReports({ cold: await cli(ws, 'check', 'edited.md', '--format', 'json'), cached: after });
    // the kept check stands for the check while the text is the same (here, on purpose, the
    // findings of the other wording, which the source contradicts)
    const contradicted = JSON.parse(before.stdout).files[0].findings;
    assert.ok(contradicted.length > 0);
    const kept = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8'));
    kept.drafts['edited.md'].findings = contradicted;
    writeFileSync(join(dir, 'checks.json'), JSON.stringify(kept));
    assert.deepEqual(JSON.parse((await cli(ws, 'check', 'edited.md', '--format', 'json', '--cache-location', dir)).stdout).files[0].findings, contradicted);
    // a kept check whose hash is not the text's is never used
    kept.drafts['edited.md'].findings = [];
    kept.drafts['edited.md'].hash = 'not the hash of the text';
    writeFileSync(join(dir, 'checks.json'), JSON.stringify(kept));
    sameReports({ cold: await cli(ws, 'check', 'edited.md', '--format', 'json'), cached: await cli(ws, 'check', 'edited.md', '--format', 'json', '--cache-location', dir) });
  });

  it('keeps the cache in --cache-location', async () => {
    const dir = join(ws, 'elsewhere');
    const r = await cli(ws, 'check', 'draft.md', '--cache-location', dir);
    assert.equal(r.stderr, '');
    assert.ok(existsSync(join(dir, 'corpus.bin')));
  });

  it('ignores a damaged or foreign cache with one line on stderr, and builds it again', async () => {
    const dir = join(ws, 'damaged');
    const reference = await cli(ws, 'check', 'draft.md', '--format', 'json');
    for (const junk of [Buffer.from('not a cache at all'), Buffer.concat([Buffer.from('GRNDCACH'), Buffer.alloc(64, 7)])]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'corpus.bin'), junk);
      const r = await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache-location', dir);
      assert.equal(r.stdout, reference.stdout);
      assert.equal(r.stderr.split('\n').length, 1);
      assert.match(r.stderr, /^grounded: the cache in .* could not be used \(.+\); building it again$/);
      // rebuilt: the next run uses it without a word
      assert.equal((await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache-location', dir)).stderr, '');
    }
    // a cache cut short (a run killed while copying it by hand, a full disk)
    const whole = readFileSync(join(dir, 'corpus.bin'));
    writeFileSync(join(dir, 'corpus.bin'), whole.subarray(0, Math.floor(whole.length / 2)));
    const r = await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache-location', dir);
    assert.equal(r.stdout, reference.stdout);
    assert.match(r.stderr, /could not be used/);
  });

  it('runs at once leave a whole cache and no temporary files', async () => {
    const dir = join(ws, 'concurrent');
    const runs = await Promise.all(Array.from({ length: 4 }, () => cli(ws, 'check', 'draft.md', '--format', 'json', '--cache-location', dir)));
    for (const r of runs) assert.equal(r.stdout, runs[0]!.stdout);
    assert.deepEqual(readdirSync(dir).filter((f) => f !== 'searches.json' && f !== 'checks.json'), ['corpus.bin']);
    assert.equal((await cli(ws, 'check', 'draft.md', '--format', 'json', '--cache-location', dir)).stderr, '');
  });
});

describe('--cache on a generated 5 MB corpus', () => {
  let ws: string;
  let paths: string[];
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'grounded-cache5-'));
    const corpus = generateCorpus(ROOT, 5_000_000);
    const draft = generateDraft(ROOT, corpus);
    paths = corpus.files.map((f) => f.path);
    for (const f of corpus.files) {
      mkdirSync(dirname(join(ws, 'sources', f.path)), { recursive: true });
      writeFileSync(join(ws, 'sources', f.path), f.text);
    }
    writeFileSync(join(ws, 'draft.md'), draft.text);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));
  const argv = ['check', 'draft.md', '--format', 'json', '--fail-on', 'never'];

  it('gives the report of a run without it, after edits, additions and deletions', async () => {
    sameReports(await both(ws, ...argv));
    sameReports(await both(ws, ...argv));
    // edits: a sentence appended, a sentence rewritten in place (same size, mtime moved on), a file emptied
    appendFileSync(join(ws, 'sources', paths[3]!), '\nThe ceasefire was extended by another 48 hours on Friday, officials said.\n');
    const inPlace = join(ws, 'sources', paths[10]!);
    writeFileSync(inPlace, readFileSync(inPlace, 'utf8').replace(/\b(\d)\b/, (d) => String((Number(d) + 1) % 10)));
    utimesSync(inPlace, new Date(), new Date(Date.now() + 5000));
    writeFileSync(join(ws, 'sources', paths[20]!), '');
    // additions: a copy of a source under another name (the same id: renamed), a new file between others
    cpSync(join(ws, 'sources', paths[0]!), join(ws, 'sources', dirname(paths[0]!), 'copy-of-first.txt'));
    writeFileSync(join(ws, 'sources', dirname(paths[30]!), `${paths[30]!.split('/').pop()!.replace('.txt', '')}a.txt`), 'Officials said on Monday that 40 trucks of food reached the eastern districts.\n');
    // deletions
    unlinkSync(join(ws, 'sources', paths[5]!));
    unlinkSync(join(ws, 'sources', paths[paths.length - 1]!));
    sameReports(await both(ws, ...argv));
    // and a cached run that read only those files
    const host = new NodeHost(ws);
    const key = savedCorpusKey(['test'], '0');
    const first = await loadCorpusCached(host, ['sources/**/*.txt'], { key, stat: (p) => host.stat(p) });
    assert.equal(first.reused, 0);
    const saved = first.save();
    appendFileSync(join(ws, 'sources', paths[40]!), '\nA late update.\n');
    const second = await loadCorpusCached(host, ['sources/**/*.txt'], { key, stat: (p) => host.stat(p), saved });
    assert.equal(second.reused, second.found - 1);
    assert.equal(second.unchanged, false);
    assert.equal(second.corpus.passageCount, first.corpus.passageCount + 1);
    const third = await loadCorpusCached(host, ['sources/**/*.txt'], { key, stat: (p) => host.stat(p), saved: second.save() });
    assert.equal(third.unchanged, true);
    assert.equal(third.reused, third.found);
    // another key: not this cache
    const other = await loadCorpusCached(host, ['sources/**/*.txt'], { key: savedCorpusKey(['other'], '0'), stat: (p) => host.stat(p), saved });
    assert.match(other.ignored ?? '', /another version or with other settings/);
    assert.ok(readCorpusCache(join(ws, 'node_modules', '.cache', 'grounded')));
  });

  it('splices an edited file into the saved snapshot: the very snapshot of a build from scratch', async () => {
    const host = new NodeHost(ws);
    const key = savedCorpusKey(['splice'], '0');
    const load = (saved?: Uint8Array) => loadCorpusCached(host, ['sources/**/*.txt'], { key, stat: (p) => host.stat(p), ...(saved ? { saved } : {}) });
    const snapshotOf = (bytes: Uint8Array) => decodeSavedCorpus(bytes).snapshot;
    let saved = (await load()).save();
    // (whether an edit is spliced: true, false, or either)
    const edits: Array<[string, (text: string) => string, boolean | undefined]> = [
      // a sentence appended, of words the corpus has before this file (the first files')
      [paths[200]!, (t) => `${t}\nOfficials said the talks would resume on Monday.\n`, true],
      // a sentence taken away, a word changed in place, one file edited twice
      [paths[300]!, (t) => t.split('\n').slice(1).join('\n'), undefined],
      [paths[400]!, (t) => t.replace(/\bsaid\b/, 'told'), undefined],
      [paths[200]!, (t) => `${t}The talks did not resume.\n`, true],
      // words no source has: new term ids, the later ones numbered anew
      [paths[500]!, (t) => `${t}\nQuixotically zephyrean.\n`, true],
      // and taken away again: terms the corpus no longer has
      [paths[500]!, (t) => t.replace('\nQuixotically zephyrean.\n', ''), true],
      // new words in two files, then taken away from the first: first met in the second file now
      [paths[600]!, (t) => `${t}\nZanzibarian marmalade, quixotic wizardry.\n`, true],
      [paths[700]!, (t) => `Zanzibarian wizardry and quixotic marmalade. ${t}`, true],
      [paths[600]!, (t) => t.replace('\nZanzibarian marmalade, quixotic wizardry.\n', '\n'), true],
      [paths[paths.length - 2]!, (t) => `Zephyrean quixotry. ${t}`, true],
    ];
    for (const [n, [path, edit, splices]] of edits.entries()) {
      const file = join(ws, 'sources', path);
      writeFileSync(file, edit(readFileSync(file, 'utf8')));
      utimesSync(file, new Date(), new Date(Date.now() + 10_000 * (n + 1)));
      const cached = await load(saved);
      assert.equal(cached.reused, cached.found - 1);
      if (splices !== undefined) assert.equal(cached.spliced ?? 0, splices ? 1 : 0, path);
      const scratch = await load();
      assert.deepEqual(Buffer.from(snapshotOf(cached.save())), Buffer.from(snapshotOf(scratch.save())), path);
      saved = cached.save();
    }
  });

  it('after the draft is edited, keeps the findings of each claim whose sentence is unchanged, moved with it', async () => {
    const dir = join(ws, 'draft-edits');
    const cached = () => cli(ws, ...argv, '--cache-location', dir);
    const original = readFileSync(join(ws, 'draft.md'), 'utf8');
    try {
      await cached();
      const kept = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8'));
      const claims: Array<{ findings: Array<{ range: { start: { line: number } } }>; line: number }> = kept.drafts['draft.md'].claims;
      const i = claims.findIndex((c) => c.findings.length > 0 && c.line > 5);
      assert.ok(i >= 0);
      const marked = claims[i]!.findings.length;
      claims[i]!.findings = claims[i]!.findings.map((f) => ({ ...f, message: 'kept, on purpose' }));
      writeFileSync(join(dir, 'checks.json'), JSON.stringify(kept));
      // two lines added at the top: the kept findings come out two lines lower
      writeFileSync(join(ws, 'draft.md'), `Officials gave no further details on Sunday about the new arrangements.\n\n${original}`);
      const after = JSON.parse((await cached()).stdout).files[0].findings as Array<{ message: string; range: { start: { line: number } } }>;
      const moved = after.filter((f) => f.message === 'kept, on purpose');
      assert.equal(moved.length, marked);
      assert.equal(moved[0]!.range.start.line, claims[i]!.findings[0]!.range.start.line + 2);
      // a new cache gives the cold report, edit after edit of the draft
      rmSync(dir, { recursive: true });
      await cached();
      const edits: Array<(t: string) => string> = [(t) => t.replace(/ the /, ' a '), (t) => t.replace(/\n\n[^\n]+\n/, '\n\n'), (t) => `${t}\nThe talks resumed in Geneva on Monday, a spokesman said.\n`, (t) => t.replace(/\[@[^\]]+\]/, '')];
      let text = original;
      for (const edit of edits) {
        text = edit(text);
        writeFileSync(join(ws, 'draft.md'), text);
        sameReports({ cold: await cli(ws, ...argv), cached: await cached() });
      }
    } finally {
      writeFileSync(join(ws, 'draft.md'), original);
    }
  });

  it('after an edit, keeps the findings of each claim whose check read nothing the edit changed', async () => {
    const dir = join(ws, 'claims-cache');
    const cached = () => cli(ws, ...argv, '--cache-location', dir);
    await cached();
    const kept = JSON.parse(readFileSync(join(dir, 'checks.json'), 'utf8'));
    const draft = kept.drafts['draft.md'];
    assert.ok(draft.claims.length > 10);
    // a claim that read a source, and one that did not read it
    const j = draft.claims.findIndex((c: { reads: { sources: string[] } }) => c.reads.sources.length > 0);
    const id: string = draft.claims[j].reads.sources[0];
    const path = paths.find((p) => p.endsWith(`/${id}.txt`));
    assert.ok(path, id);
    const i = draft.claims.findIndex((c: { reads: { sources: string[]; facts: string[] } }, n: number) => n !== j && !c.reads.sources.includes(id) && !c.reads.facts.includes('all'));
    assert.ok(i >= 0);
    const some = JSON.parse((await cli(ws, ...argv)).stdout).files[0].findings[0];
    draft.claims[i].findings = [{ ...some, message: 'kept, on purpose' }];
    draft.claims[j].findings = [{ ...some, message: 'checked again, on purpose' }];
    writeFileSync(join(dir, 'checks.json'), JSON.stringify(kept));
    // words no claim has, appended to the source the one claim read
    appendFileSync(join(ws, 'sources', path), '\nQuixotic zephyrs vexed the jumbled wizardry.\n');
    const after = await cached();
    assert.match(after.stdout, /kept, on purpose/);
    assert.doesNotMatch(after.stdout, /checked again, on purpose/);
    // the kept claims go on into the next save; a new cache gives the cold report, edit after edit
    rmSync(dir, { recursive: true });
    await cached();
    for (const edit of ['\nThe ceasefire was extended by another 48 hours on Friday, officials said.\n', '\nQuixotic zephyrs vexed the jumbled wizardry again.\n']) {
      appendFileSync(join(ws, 'sources', path), edit);
      sameReports({ cold: await cli(ws, ...argv), cached: await cached() });
    }
    unlinkSync(join(ws, 'sources', path));
    sameReports({ cold: await cli(ws, ...argv), cached: await cached() });
  });
});
