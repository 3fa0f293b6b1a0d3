import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readText, type Host } from '../../src/core/corpus/host';
import { NodeHost } from '../../src/node/host';
import { ENCODING_FILES } from './fixtures';

const FILES = ENCODING_FILES;

let dir: string;

describe('readText through a host that reads UTF-8 text itself', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'grounded-readtext-'));
    for (const [name, bytes] of Object.entries(FILES)) writeFileSync(join(dir, name), bytes);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives what reading the bytes gives, for every encoding, binary files and the size limit', async () => {
    const fast = new NodeHost(dir);
    let fastReads = 0;
    const counted: Host = Object.assign(Object.create(fast) as Host, {
      readUtf8: (p: string) => {
        fastReads++;
        return fast.readUtf8(p);
      },
    });
    // the same host without readUtf8: every file through its bytes and decodeText
    const bytesOnly: Host = { findFiles: (g, i) => fast.findFiles(g, i), readFile: (p) => fast.readFile(p), size: (p) => fast.size(p) };
    for (const name of Object.keys(FILES)) {
      for (const max of [20_000_000, 5_000]) {
        assert.deepEqual(await readText(counted, name, max), await readText(bytesOnly, name, max), `${name}, limit ${max}`);
      }
    }
    assert.ok(fastReads > 0);
    assert.equal((await readText(counted, 'bom.txt')).text, 'With a byte order mark.');
    assert.deepEqual(await readText(counted, 'gone.txt'), await readText(bytesOnly, 'gone.txt'));
  });
});
