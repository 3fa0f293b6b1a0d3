/** Problems grouped for the writer, and reading many files at once in order. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inOrder } from '../../src/core/corpus/host';
import { isLimit, problemFiles } from '../../src/core/report/problems';

describe('problemFiles', () => {
  it('lists each file once, under its worst kind, sorted, without the "skipped: " prefix', () => {
    const g = problemFiles([
      { path: 'sources/b.md', kind: 'partial', message: 'front matter is not valid YAML: x' },
      { path: 'sources/a.txt', kind: 'skipped', message: 'skipped: binary file (contains NUL bytes)' },
      { path: 'sources/c.txt', kind: 'info', message: 'not valid UTF-8; read as Windows-1252' },
      { path: 'sources/b.md', kind: 'info', message: 'another source already has the id "b"' },
      { path: 'sources/b.md', kind: 'partial', message: 'front matter is not valid YAML: x' },
      { path: 'sources/0.txt', kind: 'info', message: 'read as UTF-16' },
      { path: 'sources/0.txt', kind: 'skipped', message: 'skipped: too large (21.0 MB; the limit is 20.0 MB)' },
    ]);
    assert.deepEqual(g.skipped, [
      { path: 'sources/0.txt', kind: 'skipped', reasons: ['read as UTF-16', 'too large (21.0 MB; the limit is 20.0 MB)'] },
      { path: 'sources/a.txt', kind: 'skipped', reasons: ['binary file (contains NUL bytes)'] },
    ]);
    assert.deepEqual(g.partial, [{ path: 'sources/b.md', kind: 'partial', reasons: ['front matter is not valid YAML: x', 'another source already has the id "b"'] }]);
    assert.deepEqual(g.notes, [{ path: 'sources/c.txt', kind: 'info', reasons: ['not valid UTF-8; read as Windows-1252'] }]);
  });

  it('tells a limit the writer can raise from a file that cannot be read', () => {
    assert.equal(isLimit({ path: 'a', kind: 'skipped', message: 'skipped: too large (21.0 MB; the limit is 20.0 MB)' }), true);
    assert.equal(isLimit({ path: 'a', kind: 'skipped', message: 'skipped: the sources reached the corpus limit of 1.0 GB' }), true);
    assert.equal(isLimit({ path: 'a', kind: 'skipped', message: 'skipped: binary file (contains NUL bytes)' }), false);
  });
});

describe('inOrder', () => {
  it('keeps at most `ahead` calls in flight and yields in item order, whatever order they finish in', async () => {
    let inFlight = 0;
    let most = 0;
    const fn = async (n: number) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, (10 - n) * 2)); // later items finish sooner
      inFlight--;
      return n * 10;
    };
    const out: number[] = [];
    for await (const r of inOrder([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4, fn)) out.push(r);
    assert.deepEqual(out, [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.equal(most, 4);
  });

  it('reads nothing for no items, and one at a time with ahead = 1', async () => {
    const seen: number[] = [];
    for await (const r of inOrder<number, number>([], 8, async (n) => n)) seen.push(r);
    assert.deepEqual(seen, []);
    let inFlight = 0;
    let most = 0;
    const one = async (n: number): Promise<number> => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return n;
    };
    const out: number[] = [];
    for await (const r of inOrder([1, 2, 3], 1, one)) out.push(r);
    assert.equal(most, 1);
    assert.deepEqual(out, [1, 2, 3]);
  });
});
