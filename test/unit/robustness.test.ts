/** Hostile and broken input: each gets a clear message and the rest of the work goes on. */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { run } from '../../src/cli';
import { check } from '../../src/core/check';
import { loadCorpus } from '../../src/core/host';
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
