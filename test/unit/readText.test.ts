import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readText, type Host } from '../../src/core/corpus/host';
import { NodeHost } from '../../src/node/host';

const FILES: Record<string, Uint8Array> = {
  'utf8.txt': Buffer.from('Aleppo — “two corridors”, 5 km. Café naïve.\n'),
  'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('With a byte order mark.')]),
  'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Little end first.', 'utf16le')]),
  'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Big end first.', 'utf16le').swap16()]),
  'latin1.txt': Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x2e]),
  'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]),
  'replacement.txt': Buffer.from('A U+FFFD of its own: \uFFFD.'),
  'late-nul.txt': Buffer.concat([Buffer.from('a'.repeat(9000)), Buffer.from([0]), Buffer.from('after')]),
  'surrogate.txt': Buffer.from([0x61, 0xed, 0xa0, 0x80, 0x62]),
  'empty.txt': Buffer.alloc(0),
  'big.txt': Buffer.from('x'.repeat(3000)),
};

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
