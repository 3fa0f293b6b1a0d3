import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { progressLine } from '../../src/cli/progress';
import { run } from '../../src/cli/run';
import { BBC, copyTextSeeds } from './fixtures';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 100, write: (s: string) => writes.push(s), writes };
}

describe('the progress line', () => {
  let ws: string;
  before(() => {
    ws = mkdtempSync(join(tmpdir(), 'grounded-progress-'));
    copyTextSeeds(join(ws, 'seeds'));
    writeFileSync(join(ws, 'draft.md'), `The rebels have rejected the offer [@${BBC}].\n`);
  });
  after(() => rmSync(ws, { recursive: true, force: true }));
  const check = (progress: ReturnType<typeof stream>, env: Record<string, string>, ...more: string[]) =>
    run({ argv: ['check', 'draft.md', ...more], cwd: ws, stdout: () => undefined, stderr: () => undefined, progress, env });

  it('is drawn in place on a terminal while the sources are read, and cleared at the end', async () => {
    const tty = stream(true);
    await check(tty, {});
    assert.ok(tty.writes.length >= 2);
    for (const w of tty.writes) assert.ok(w.startsWith('\r\x1b[2K'), JSON.stringify(w));
    assert.match(tty.writes.slice(0, -1).join('\n'), /grounded: (reading|indexing) sources: \d+\/5 files, [\d.]+ MB, [\d.]+ MB\/s/);
    assert.equal(tty.writes[tty.writes.length - 1], '\r\x1b[2K');
    for (const w of tty.writes) assert.ok(w.length - 5 <= 99, 'fits the terminal');
  });

  it('says how many files came from the cache', async () => {
    await check(stream(true), {}, '--cache');
    const tty = stream(true);
    await check(tty, {}, '--cache');
    assert.match(tty.writes.join('\n'), /5 from the cache/);
  });

  it('stays silent off a terminal, under CI=true and with --quiet', async () => {
    for (const [s, env, more] of [[stream(false), {}, []], [stream(true), { CI: 'true' }, []], [stream(true), {}, ['--quiet']]] as const) {
      await check(s, env, ...more);
      assert.deepEqual(s.writes, []);
    }
  });

  it('is cut to the width of the terminal', () => {
    const narrow = { isTTY: true, columns: 30, writes: [] as string[], write(s: string) { this.writes.push(s); } };
    const p = progressLine(narrow, { quiet: false, ci: false });
    p.update(1, 1000, { bytes: 5e6, cached: 12 });
    assert.equal(narrow.writes[0]!.length, 5 + 29);
    assert.ok(narrow.writes[0]!.endsWith('…'));
  });

  it('is redrawn at most every 100 ms', () => {
    let t = 0;
    const tty = stream(true);
    const p = progressLine(tty, { quiet: false, ci: false }, () => t);
    for (let i = 1; i <= 50; i++) {
      t += 10;
      p.update(i, 100, { bytes: i * 1000, cached: 0 });
    }
    p.done();
    assert.equal(tty.writes.length, 5 + 1);
  });
});
