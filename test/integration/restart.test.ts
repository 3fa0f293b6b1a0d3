/// <reference types="mocha" />
// The index saved for the next session: a second index started from it (what the next session
// does) has the same sources as the disk, including files changed, added and removed after the
// save, and says it started from the saved index; the activation time is reported.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GroundedApi } from '../../src/extension/extension';
import { activate, indexUntil, root, SEEDS } from './helpers';

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

suite('Saved index (warm start)', () => {
  let api: GroundedApi;
  const dir = () => vscode.Uri.joinPath(root(), 'seeds', 'restart');
  const file = (name: string) => vscode.Uri.joinPath(dir(), name);

  suiteSetup(async () => {
    api = await activate();
  });

  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('reports how long activation took', () => {
    const { activateMs, loadMs } = api.activation;
    assert.ok(Number.isFinite(activateMs) && activateMs > 0, `activateMs ${activateMs}`);
    assert.ok(loadMs === undefined || (Number.isFinite(loadMs) && loadMs > 0), `loadMs ${loadMs}`);
    assert.ok(
      api.logLines().some((l) => /activated in [\d.]+ ms/.test(l)),
      'the output channel says how long activation took',
    );
    console.log(`ACTIVATION activate=${activateMs.toFixed(1)}ms load=${loadMs === undefined ? 'n/a' : `${loadMs.toFixed(1)}ms`}`);
  });

  test('a new session starts from the saved index and catches up with files changed since', async () => {
    await vscode.workspace.fs.createDirectory(dir());
    await vscode.workspace.fs.writeFile(file('kept.txt'), encode('The kept report says the lighthouse keeper counted nine herons at dawn.\n'));
    await vscode.workspace.fs.writeFile(file('edited.txt'), encode('The first version says the ferry left Corfu at noon.\n'));
    await vscode.workspace.fs.writeFile(file('removed.txt'), encode('This file will be gone before the next session starts.\n'));
    await indexUntil(
      api,
      async () => {
        const sources = await api.sources();
        return ['kept', 'edited', 'removed'].every((id) => sources.some((s) => s.id === id));
      },
      30_000,
      'the new sources',
    );
    await api.saveIndex();

    // the session ends here; meanwhile, outside the editor, files change
    await vscode.workspace.fs.writeFile(file('edited.txt'), encode('The second version says the ferry left Corfu at midnight, with the mayor aboard.\n'));
    await vscode.workspace.fs.delete(file('removed.txt'));
    await vscode.workspace.fs.writeFile(file('added.txt'), encode('An added report says the harbour wall was rebuilt in stone.\n'));

    const next = await api.probeSavedIndex();
    assert.equal(next.restored, true, `started from the saved index; its log:\n${next.log.join('\n')}`);
    assert.ok(
      next.log.some((l) => /restored the saved index/.test(l)),
      next.log.join('\n'),
    );
    const byPath = new Map(next.sources.map((s) => [s.path, s.text]));
    assert.equal(byPath.get('seeds/restart/edited.txt'), decode(await vscode.workspace.fs.readFile(file('edited.txt'))), 'the edited file is read again');
    assert.ok(byPath.has('seeds/restart/added.txt'), 'the added file is in');
    assert.ok(!byPath.has('seeds/restart/removed.txt'), 'the removed file is out');
    assert.equal(byPath.get('seeds/restart/kept.txt'), decode(await vscode.workspace.fs.readFile(file('kept.txt'))));
    for (const seed of SEEDS) assert.ok(byPath.has(`seeds/${seed}.txt`), `seed ${seed}`);
    // exactly the files on disk
    const onDisk = (await vscode.workspace.findFiles('seeds/**/*.{txt,md}')).map((u) => vscode.workspace.asRelativePath(u)).sort();
    assert.deepEqual([...byPath.keys()].sort(), onDisk);
  });

  test('an index saved with other settings is not used', async () => {
    const next = await api.probeSavedIndex({ maxFileBytes: 5 * 1024 * 1024 });
    assert.equal(next.restored, false, next.log.join('\n'));
    assert.ok(next.sources.some((s) => s.path === 'seeds/restart/added.txt'), 'built from the files instead');
  });
});
