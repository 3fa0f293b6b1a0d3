import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadCorpus, readText } from '../../src/core/corpus/host';
import type { Problem } from '../../src/core/model/types';
import { NodeHost } from '../../src/node/host';
import { addSourcesAuto, StartedWorkers } from '../../src/node/indexWorkers';
import { ReadScratch, readPlainFile } from '../../src/node/readPlain';
import { ENCODING_FILES } from './fixtures';

const FILES: Record<string, Uint8Array> = {
  ...ENCODING_FILES,
  // larger than the first read buffer (64 KB), within the larger limit
  'long.txt': Buffer.from('The convoy reached Aleppo at dawn. '.repeat(4000)),
};

let dir: string;

describe('reading plain text files where they are prepared', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'grounded-readplain-'));
    mkdirSync(join(dir, 'sources'));
    for (const [name, bytes] of Object.entries(FILES)) writeFileSync(join(dir, 'sources', name), bytes);
    mkdirSync(join(dir, 'sources', 'folder.txt'));
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'sources', `news-${String(i).padStart(2, '0')}.txt`), `Report ${i}. The ${i % 2 ? 'zebra' : 'giraffe'} convoy left Idlib on day ${i}.\nOfficials said ${i * 7} trucks crossed.\n`);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives what readText gives through NodeHost: every encoding, binary files, the size limit, a folder, a file gone', async () => {
    const host = new NodeHost(dir);
    const scratch = new ReadScratch();
    for (const name of [...Object.keys(FILES), 'folder.txt', 'gone.txt']) {
      const path = `sources/${name}`;
      for (const maxBytes of [20_000_000, 5_000]) {
        const { gone: _, ...expected } = await readText(host, path, maxBytes);
        assert.deepEqual(readPlainFile({ path, location: host.location(path), maxBytes }, scratch), expected, `${name}, limit ${maxBytes}`);
      }
    }
    assert.match(readPlainFile({ path: 'sources/big.txt', location: host.location('sources/big.txt'), maxBytes: 1024 }, scratch).problem!.message, /^skipped: too large \(2\.9 KB; the limit is 1\.0 KB\)$/);
    assert.equal(readPlainFile({ path: 'sources/bom.txt', location: host.location('sources/bom.txt'), maxBytes: 100 }, scratch).text, 'With a byte order mark.');
  });

  for (const [name, options] of [
    ['on worker threads, in parts', { workers: 2, batchChars: 100 }],
    ['on a worker thread and this one', { workers: 1, thisThread: true, batchChars: 400 }],
    ['on worker threads, the first files read here', { workers: 2, batchChars: 400, inThreadChars: 300 }],
  ] as const) {
    it(`loads the same corpus, problems and reads when the files are read ${name}`, async () => {
      const host = new NodeHost(dir);
      const load = async (reads: boolean) => {
        const told: string[] = [];
        let progress = 0;
        const result = await loadCorpus(host, ['sources/**/*.txt'], {
          maxFileBytes: 5_000,
          ...(reads ? { buildReads: true, build: (c, files, o) => addSourcesAuto(c, files, { inThreadChars: 0, ...o, ...options }) } : {}),
          onRead: (path: string, chars: number | undefined, problem: Problem | undefined) => told.push(JSON.stringify([path, chars, problem])),
          onProgress: (done: number, total: number) => {
            assert.ok(done > progress && done <= total, `progress ${done} of ${total}`);
            progress = done;
          },
        });
        assert.equal(progress, result.found);
        return { result, told };
      };
      const here = await load(false);
      const there = await load(true);
      assert.deepEqual(there.told, here.told);
      assert.deepEqual(there.result.problems, here.result.problems);
      assert.ok(here.result.problems.some((p) => p.message === 'read as UTF-16') && here.result.problems.some((p) => /too large/.test(p.message)));
      assert.deepEqual(there.result.corpus.sourceIds, here.result.corpus.sourceIds);
      assert.deepEqual(Buffer.from(there.result.corpus.toSnapshot('k')), Buffer.from(here.result.corpus.toSnapshot('k')));
    });
  }

  it('loads the same corpus with a worker started beforehand, and ends it unused when the files are few', async () => {
    const host = new NodeHost(dir);
    const load = (build?: { started: StartedWorkers; inThreadChars?: number }) =>
      loadCorpus(host, ['sources/**/*.txt'], { maxFileBytes: 5_000, ...(build ? { buildReads: true, build: (c, files, o) => addSourcesAuto(c, files, { ...o, workers: 1, thisThread: true, batchChars: 400, ...build }) } : {}) });
    const here = await load();
    const snapshot = Buffer.from(here.corpus.toSnapshot('k'));
    for (const inThreadChars of [undefined, 10_000_000]) {
      const started = new StartedWorkers(1);
      const there = await load({ started, ...(inThreadChars ? { inThreadChars } : {}) });
      assert.deepEqual(Buffer.from(there.corpus.toSnapshot('k')), snapshot);
      assert.deepEqual(there.problems, here.problems);
      // the build took the worker, or ended it: none is left to end
      assert.equal(started.take(1).length, 0, `in-thread limit ${inThreadChars}`);
    }
  });
});
