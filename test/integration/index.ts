// Mocha entry for the integration tests, run inside a real VS Code extension host.
// VS Code loads out/test/integration/index.js (extensionTestsPath) and awaits run().
// Runs every compiled `*.test.js` beside this file, except that a workspace in Restricted Mode
// (scripts/vscode/run-tests.sh with GROUNDED_UNTRUSTED=1) runs `untrusted.test.js` alone, and a
// trusted one everything but it (GROUNDED_TEST_FILES narrows that down). Both mocha interfaces are available:
// `suite`/`test`/`setup`/`teardown` (tdd) and `describe`/`it`/`before`/`after` (bdd).
// Build: node scripts/build-tests.mjs; run: npm run test:integration (see scripts/vscode/).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    timeout: 60_000,
    color: !process.env.NO_COLOR && !process.env.CI,
  });
  // Add the bdd globals too, so either style works.
  Mocha.interfaces.bdd(mocha.suite);

  const dir = __dirname;
  const untrusted = !vscode.workspace.isTrusted;
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js') && (f === 'untrusted.test.js') === untrusted)
    // GROUNDED_TEST_FILES=hostBlock runs only the files whose names contain it (e.g. a measurement in its own workspace)
    .filter((f) => !process.env.GROUNDED_TEST_FILES || process.env.GROUNDED_TEST_FILES.split(',').some((part) => f.includes(part)))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));

  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        // Read by scripts/vscode/driver.cjs, which prints the closing `N passed, N failed` line.
        console.log(`__RESULT__:${JSON.stringify({ passed: passes, failed: failures, pending })}`);
        if (files.length === 0) reject(new Error(`no *.test.js files in ${dir}`));
        else if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}

/**
 * Asks the test driver for a screenshot of the whole workbench, saved as `<name>.png` in the
 * folder given by env GROUNDED_SCREENSHOTS, and resolves with its path once the file exists.
 * Resolves with undefined after `timeoutMs` when no driver answers (e.g. under test-electron).
 */
export function screenshot(name: string, timeoutMs = 10_000): Promise<string | undefined> {
  const safe = name.replace(/\.png$/i, '').replace(/[^\w.-]+/g, '_') || 'screenshot';
  const dir = process.env.GROUNDED_SCREENSHOTS;
  if (!dir) {
    console.log(`__SCREENSHOT__:${safe}`);
    return Promise.resolve(undefined);
  }
  const file = path.join(dir, `${safe}.png`);
  fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(file, { force: true });
  return new Promise((resolve) => {
    const done = (result: string | undefined) => {
      watcher.close();
      clearTimeout(timer);
      resolve(result);
    };
    // The driver writes a temp file and renames it to <name>.png when complete.
    const watcher = fs.watch(dir, () => {
      if (fs.existsSync(file)) done(file);
    });
    const timer = setTimeout(() => done(fs.existsSync(file) ? file : undefined), timeoutMs);
    console.log(`__SCREENSHOT__:${safe}`);
  });
}
