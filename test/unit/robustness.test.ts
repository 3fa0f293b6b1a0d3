/** Hostile and broken input: each gets a clear message and the rest of the work goes on. */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../../src/cli/main';
import { check } from '../../src/core/verdict/check';
import { loadCorpus, type Host } from '../../src/core/corpus/host';
import { addSourcesAuto } from '../../src/node/indexWorkers';
import { NodeHost } from '../../src/node/host';
import { BBC, REUTERS, SEEDS, seedCorpus } from './fixtures';

let ws: string;

describe('hostile sources', () => {
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'grounded-robust-'));
    const src = join(ws, 'sources');
    mkdirSync(src);
    cpSync(join(SEEDS, `${BBC}.txt`), join(src, `${BBC}.txt`));
    writeFileSync(join(src, 'png.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]));
    writeFileSync(join(src, 'empty.txt'), '');
    writeFileSync(join(src, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('The zebra convoy left Aleppo at dawn on Friday.', 'utf16le')]));
    writeFileSync(join(src, 'crlf.txt'), 'First line of a CRLF file.\r\nSecond line about the convoy.\rThird line after a lone CR.');
    writeFileSync(join(src, 'lines.txt'), Array.from({ length: 100_000 }, (_, i) => `Line ${i} ok.`).join('\n'));
    writeFileSync(join(src, 'oneline.txt'), 'word '.repeat(200_000));
    writeFileSync(join(src, 'broken.md'), '---\ntitle: "unclosed\n---\nThe giraffe convoy reached Idlib.\n');
    writeFileSync(join(src, 'sources.yaml'), 'references:\n- id: a\n  title: [wrong, type]\n- id: a\n');
    mkdirSync(join(src, 'loop'));
    symlinkSync('..', join(src, 'loop', 'back'));
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('indexes what it can and reports the rest', async () => {
    const { corpus, problems } = await loadCorpus(new NodeHost(ws), ['sources/**/*.{txt,md}']);
    const byPath = (p: string) => problems.filter((x) => x.path.endsWith(p)).map((x) => x.message).join(' | ');
    assert.match(byPath('png.txt'), /binary/);
    assert.match(byPath('broken.md'), /front matter is not valid YAML/);
    assert.match(byPath('sources.yaml'), /title should be text/);
    assert.match(byPath('sources.yaml'), /duplicate id "a"/);
    assert.ok(corpus.source('utf16'), 'UTF-16 source read');
    assert.equal(corpus.search(['zebra'], 3)[0]?.sourceId, 'utf16');
    assert.equal(corpus.source('crlf')!.passages.length, 3);
    assert.equal(corpus.source('lines')!.passages.length, 100_000);
    assert.ok(corpus.source('oneline')!.passages.length >= 500);
    assert.ok(corpus.source('broken'), 'a source with broken front matter is still read');
    assert.equal(corpus.search(['giraff'], 3)[0]?.sourceId, 'broken');
    assert.equal(corpus.source('empty')!.passages.length, 0);
    assert.ok(corpus.source(BBC));
  });

  for (const [name, workerOptions] of [
    ['on worker threads', { workers: 2 }],
    ['on a worker thread and this one, with a small young generation', { workers: 1, thisThread: true, youngGenerationMb: 4 }],
  ] as const) {
    it(`loads the same corpus and problems ${name}`, async () => {
      const host = new NodeHost(ws);
      const here = await loadCorpus(host, ['sources/**/*.{txt,md}']);
      let progress = 0;
      const there = await loadCorpus(host, ['sources/**/*.{txt,md}'], {
        build: (c, files, o) => addSourcesAuto(c, files, { ...o, inThreadChars: 0, ...workerOptions, batchChars: 50_000 }),
        onProgress: (done, total) => {
          assert.ok(done > progress && done <= total, `progress ${done} of ${total}`);
          progress = done;
        },
      });
      assert.equal(progress, here.found);
      assert.deepEqual(there.corpus.sourceIds, here.corpus.sourceIds);
      assert.equal(there.corpus.passageCount, here.corpus.passageCount);
      const sorted = (ps: typeof here.problems) => ps.map((p) => `${p.path}: ${p.message}`).sort();
      assert.deepEqual(sorted(there.problems), sorted(here.problems));
      assert.ok(there.problems.some((p) => p.path.endsWith('utf16.txt')), 'the encoding note of a file read is kept');
      assert.equal(there.corpus.search(['zebra'], 3)[0]?.sourceId, 'utf16');
      const key = (c: typeof here.corpus) => c.sources.flatMap((s) => s.passages.map((p) => `${s.id} ${p.start} ${c.terms(p.key).join(' ')}`));
      assert.deepEqual(key(there.corpus), key(here.corpus));
    });
  }

  it('reports a file over the size limit instead of reading it', async () => {
    const big = join(ws, 'big');
    mkdirSync(big);
    writeFileSync(join(big, 'huge.txt'), Buffer.alloc(2048, 0x61));
    const { corpus, problems } = await loadCorpus(new NodeHost(ws), ['big/*.txt'], { maxFileBytes: 1024 });
    assert.equal(corpus.sourceCount, 0);
    assert.match(problems[0]!.message, /too large \(2\.0 KB; the limit is 1\.0 KB\)/);
  });

  it('reports a file that disappears while it is read', async () => {
    const host = new NodeHost(ws);
    const gone = { ...host, findFiles: async () => ['sources/vanished.txt'], readFile: host.readFile.bind(host), size: host.size.bind(host) };
    const { corpus, problems } = await loadCorpus(gone, ['x']);
    assert.equal(corpus.sourceCount, 0);
    assert.match(problems[0]!.message, /file not found/);
  });

  it('reports a 50 MB source that is one line as too large by default, without reading it', async () => {
    const dir = join(ws, 'huge');
    mkdirSync(dir);
    writeFileSync(join(dir, 'oneline.txt'), Buffer.alloc(50 * 1024 * 1024, 'word '));
    cpSync(join(SEEDS, `${BBC}.txt`), join(dir, `${BBC}.txt`));
    const node = new NodeHost(ws);
    const reads: string[] = [];
    const host: Host = { findFiles: (g, i) => node.findFiles(g, i), size: (p) => node.size(p), readFile: (p) => (reads.push(p), node.readFile(p)) };
    const { corpus, problems } = await loadCorpus(host, ['huge/*.txt']);
    assert.deepEqual(
      problems.map((p) => [p.path, p.kind, p.message]),
      [['huge/oneline.txt', 'skipped', 'skipped: too large (50.0 MB; the limit is 20.0 MB)']],
    );
    assert.deepEqual(reads, [`huge/${BBC}.txt`], 'the large file is never read');
    assert.deepEqual(corpus.sources.map((s) => s.id), [BBC], 'the rest is indexed');

    // the CLI says so on stderr, in the JSON report and in SARIF
    writeFileSync(join(ws, 'huge-draft.md'), `The rebels have rejected the offer [@${BBC}].\n`);
    for (const format of ['text', 'json', 'sarif']) {
      const err: string[] = [];
      const out: string[] = [];
      const code = await run({ argv: ['check', 'huge-draft.md', '--sources', 'huge/*.txt', '--format', format], cwd: ws, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
      assert.equal(code, 0, format);
      assert.match(err.join('\n'), /^grounded: huge\/oneline\.txt: skipped: too large \(50\.0 MB; the limit is 20\.0 MB\)$/m, format);
      if (format === 'json') assert.deepEqual(JSON.parse(out.join('\n')).problems, [{ path: 'huge/oneline.txt', message: 'skipped: too large (50.0 MB; the limit is 20.0 MB)' }]);
      if (format === 'sarif') {
        const notes = JSON.parse(out.join('\n')).runs[0].invocations[0].toolExecutionNotifications;
        assert.deepEqual(notes, [{ level: 'warning', message: { text: 'huge/oneline.txt: skipped: too large (50.0 MB; the limit is 20.0 MB)' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'huge/oneline.txt' } } }] }]);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('a file rewritten or deleted while it is indexed: the text as read, or a clear reason', async () => {
    const dir = join(ws, 'moving');
    mkdirSync(dir);
    for (const f of ['grows.txt', 'balloons.txt', 'turns-binary.txt', 'vanishes.txt']) writeFileSync(join(dir, f), 'A short first version.\n');
    const node = new NodeHost(ws);
    // each file changes on disk after it was measured and before it is read
    const rewrite: Record<string, () => void> = {
      'moving/grows.txt': () => writeFileSync(join(dir, 'grows.txt'), 'The okapi convoy reached the northern gate at noon. A second sentence follows it.\n'),
      'moving/balloons.txt': () => writeFileSync(join(dir, 'balloons.txt'), 'x '.repeat(2048)),
      'moving/turns-binary.txt': () => writeFileSync(join(dir, 'turns-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])),
      'moving/vanishes.txt': () => rmSync(join(dir, 'vanishes.txt')),
    };
    const host: Host = {
      findFiles: (g, i) => node.findFiles(g, i),
      size: async (p) => {
        const size = await node.size(p);
        rewrite[p]?.();
        return size;
      },
      readFile: (p) => node.readFile(p),
    };
    const { corpus, problems } = await loadCorpus(host, ['moving/*.txt'], { maxFileBytes: 2048 });
    const about = (f: string) => problems.filter((p) => p.path === `moving/${f}`).map((p) => `${p.kind}: ${p.message}`);
    assert.equal(corpus.source('grows')!.text, 'The okapi convoy reached the northern gate at noon. A second sentence follows it.\n');
    assert.equal(corpus.source('grows')!.passages.length, 2);
    assert.equal(corpus.search(['okapi'], 3)[0]?.sourceId, 'grows');
    assert.deepEqual(about('grows.txt'), []);
    assert.deepEqual(about('balloons.txt'), ['skipped: skipped: too large (4.0 KB; the limit is 2.0 KB)']);
    assert.deepEqual(about('turns-binary.txt'), ['skipped: skipped: binary file (contains NUL bytes)']);
    assert.equal(about('vanishes.txt').length, 1);
    assert.equal(about('vanishes.txt')[0], 'skipped: file not found'); // gone, like a file not found by its size
    assert.deepEqual(corpus.sources.map((s) => s.id), ['grows']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('the CLI goes on past broken sources', async () => {
    writeFileSync(join(ws, 'draft.md'), `The rebels have rejected the offer [@${BBC}].\n`);
    const err: string[] = [];
    const out: string[] = [];
    const code = await run({ argv: ['check', 'draft.md', '--sources', 'sources/**/*.{txt,md}'], cwd: ws, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
    assert.equal(code, 0);
    assert.match(err.join('\n'), /png\.txt: skipped: binary file/);
    assert.match(out.join('\n'), /^0 errors, 0 warnings, 0 information in 1 draft/m);
  });
});

describe('hostile drafts', () => {
  const corpus = seedCorpus();
  it('checks a 20,000-word draft', () => {
    const para = `The rebels have rejected the offer [@${BBC}]. Civilians trusted the government side [@${REUTERS}]. The United Nations delivered forty trucks of food to the eastern districts.\n\n`;
    const md = para.repeat(Math.ceil(20_000 / 25));
    const r = check(md, corpus);
    assert.ok(r.verdicts.length >= 2400);
    assert.ok(r.findings.length >= 1600);
  });

  it('checks a draft that is one long line', () => {
    const md = `The rebels have rejected the offer [@${BBC}]. `.repeat(2000);
    const r = check(md, corpus);
    assert.equal(r.findings.length, 0);
    assert.equal(r.verdicts.length, 2000);
  });

  it('survives malformed citations, nested quotes, tables, HTML and footnotes', () => {
    const md = [
      'Keys [@] and [@ key] and [@key and @ and desk@example.com are not citations.',
      '',
      'He said “she said ‘we will “not” leave the city of Aleppo’ today” and "unbalanced.',
      '',
      '| col | "quoted in a table cell here" |',
      '|---|---|',
      '',
      '<div>"A quote in HTML that is not verbatim anywhere."</div>',
      '',
      'A footnote here.[^1]',
      '',
      '[^1]: The footnote text mentions nothing verifiable at all.',
    ].join('\n');
    const r = check(md, corpus);
    for (const f of r.findings) assert.ok(f.range.start.line < 12);
    assert.ok(!r.findings.some((f) => f.range.start.line === 4 || f.range.start.line === 7));
  });
});
