// A file deleted between a file event and its read: a host that still sizes it but cannot read it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readText, type Host } from '../../src/core';

function hostThatThrows(error: Error): Host {
  return {
    findFiles: async () => [],
    size: async () => 12,
    readFile: async () => {
      throw error;
    },
  };
}

test('a file that vanished before its read (ENOENT, ENOTDIR) is gone, not skipped', async () => {
  for (const code of ['ENOENT', 'ENOTDIR']) {
    const e = Object.assign(new Error(`${code}: no such file or directory, open 'seeds/a.txt'`), { code });
    const r = await readText(hostThatThrows(e), 'seeds/a.txt');
    assert.equal(r.gone, true, code);
    assert.equal(r.text, undefined);
  }
  // a message alone (an error passed on by the client) says so too
  const r = await readText(hostThatThrows(new Error("ENOENT: no such file or directory, open '/w/seeds/a.txt'")), 'seeds/a.txt');
  assert.equal(r.gone, true);
});

test('another read error is still a skipped file with its reason', async () => {
  const r = await readText(hostThatThrows(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })), 'seeds/a.txt');
  assert.equal(r.gone, undefined);
  assert.match(r.problem!.message, /^skipped: cannot read \(EACCES/);
});
