// The language server's host: for workspaces it cannot read itself (not `file:`), every file is
// found, statted and read through the client's requests, with workspace-relative paths; a folder on
// disk may be read by the index workers.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { addSourcesAuto } from '../../src/node/indexWorkers';
import { loadCorpus } from '../../src/core';
import { ServerHost } from '../../src/server/host';
import { FIND_FILES, READ_FILE, STAT_FILE, type FindFilesParams, type FileParams } from '../../src/server/protocol';

const BASE = 'vscode-vfs://github/newsroom/archive';
const FILES: Record<string, string> = {
  [`${BASE}/sources/a.txt`]: 'First report\n\nThe ferry left the harbour at dawn on Tuesday.\n',
  [`${BASE}/sources/deep/b%20c.md`]: '---\ntitle: Second report\n---\nThe lighthouse keeper counted nine herons.\n',
  [`${BASE}/notes/draft.md`]: 'Not a source.\n',
};

function client(asked: string[]) {
  return async <R>(method: string, params: unknown): Promise<R> => {
    asked.push(method);
    if (method === FIND_FILES) {
      const p = params as FindFilesParams;
      const prefix = `${p.base}/${p.glob.split('/')[0]}/`;
      return Object.keys(FILES).filter((u) => u.startsWith(prefix) && /\.(txt|md)$/.test(u)) as R;
    }
    const { uri } = params as FileParams;
    const text = FILES[uri];
    if (method === STAT_FILE) return (text === undefined ? null : { size: Buffer.byteLength(text), mtime: 1, type: 1 }) as R;
    if (method === READ_FILE) {
      if (text === undefined) throw new Error('not found');
      return Buffer.from(text).toString('base64') as R;
    }
    throw new Error(`unexpected ${method}`);
  };
}

test('a virtual workspace is indexed through the client: found, statted and read by request', async () => {
  const asked: string[] = [];
  const host = new ServerHost(client(asked));
  host.setFolders([{ uri: BASE, name: 'archive' }]);
  const { corpus, problems } = await loadCorpus(host, ['sources/**/*.{txt,md}']);
  assert.deepEqual(problems, []);
  assert.deepEqual(corpus.sources.map((s) => s.path), ['sources/a.txt', 'sources/deep/b c.md']);
  assert.equal(corpus.source('b c')?.meta.title, 'Second report');
  assert.ok(asked.includes(FIND_FILES) && asked.includes(STAT_FILE) && asked.includes(READ_FILE));
  // paths and URIs map both ways, spaces and all
  assert.equal(host.uriOf('sources/deep/b c.md'), `${BASE}/sources/deep/b%20c.md`);
  assert.equal(host.pathOf(`${BASE}/sources/deep/b%20c.md`), 'sources/deep/b c.md');
  assert.equal(host.pathOf('vscode-vfs://github/other/repo/x.md'), undefined);
});

test('with several folders, paths start with the folder name', async () => {
  const host = new ServerHost(client([]));
  host.setFolders([
    { uri: BASE, name: 'archive' },
    { uri: 'vscode-vfs://github/newsroom/other', name: 'other' },
  ]);
  assert.deepEqual(await host.findFiles(['sources/**/*.{txt,md}']), ['archive/sources/a.txt', 'archive/sources/deep/b c.md']);
  assert.equal(host.uriOf('archive/sources/a.txt'), `${BASE}/sources/a.txt`);
  assert.equal(await host.size('archive/sources/a.txt'), Buffer.byteLength(FILES[`${BASE}/sources/a.txt`]!));
});

test('a disk folder read by the index workers gives the corpus, problems and stamps of one read on this thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'grounded-serverhost-'));
  try {
    mkdirSync(join(dir, 'sources'));
    for (let i = 0; i < 12; i++) writeFileSync(join(dir, 'sources', `r${i}.txt`), `Report ${i}\n\nThe ferry left the harbour at dawn on day ${i}. The crew counted ${i + 3} herons.\n`);
    writeFileSync(join(dir, 'sources', 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    const load = async (buildReads: boolean) => {
      const host = new ServerHost(undefined);
      host.setFolders([{ uri: pathToFileURL(dir).toString(), name: 'archive' }]);
      const stamps: Array<[string, unknown]> = [];
      const { corpus, problems } = await loadCorpus(host, ['sources/**/*.txt'], {
        // workers even for this little text, each reading its own files when buildReads is set
        build: (c, files, o) => addSourcesAuto(c, files, { ...o, inThreadChars: 0, workers: 1 }),
        buildReads,
        onRead: (path, chars) => chars !== undefined && host.readElsewhere(path),
      });
      for (const path of corpus.sourcePaths) stamps.push([path, host.stampOf(path)]);
      return { snapshot: Buffer.from(corpus.toSnapshot('t')).toString('base64'), problems, stamps, host };
    };
    const here = await load(false);
    const there = await load(true);
    assert.equal(there.snapshot, here.snapshot);
    assert.deepEqual(there.problems, here.problems);
    assert.equal(there.problems.length, 1);
    assert.deepEqual(there.stamps, here.stamps);
    const s = statSync(join(dir, 'sources', 'r3.txt'));
    assert.deepEqual(there.host.stampOf('sources/r3.txt'), [s.size, Math.floor(s.mtimeMs)]);
    assert.equal(there.host.location('sources/nothing.txt'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
