/// <reference types="mocha" />
// The .vsix as users get it: scripts/vscode/run-vsix-tests.sh packs it (npm run package), installs
// it with `code-server --install-extension` into a fresh extensions folder and runs this file and
// smoke.test.js against that copy (GROUNDED_INSTALLED_DIR names the folder; without it this suite
// is skipped). Everything the extension runs must come from inside the package: the client, the
// language server, the index worker threads and the citation grammar.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, codeOf, groundedDiagnostics, indexUntil, openDraft, root, SEEDS } from './helpers';
import { sourceText } from './newsgen';

const INSTALLED = process.env.GROUNDED_INSTALLED_DIR;
const [, , S002] = SEEDS as [string, string, string, string, string];

suite('the installed .vsix', function () {
  this.timeout(120_000);
  let ext: vscode.Extension<unknown>;

  suiteSetup(function () {
    if (!INSTALLED) this.skip();
    ext = vscode.extensions.getExtension('grounded.grounded')!;
    assert.ok(ext, 'extension grounded.grounded not installed');
  });

  test('runs from the extensions folder it was installed into, with only what the package holds', () => {
    const dir = fs.realpathSync(ext.extensionPath);
    assert.ok(dir.startsWith(fs.realpathSync(INSTALLED!) + path.sep), `${dir} is not under ${INSTALLED}`);
    assert.ok(fs.existsSync(path.join(dir, '.vsixmanifest')), 'installed from a .vsix');
    for (const f of ['dist/extension.js', 'dist/server.js', 'dist/indexWorker.js', 'syntaxes/citations.injection.tmLanguage.json', 'package.json']) {
      assert.ok(fs.existsSync(path.join(dir, f)), `${f} missing from the package`);
    }
    assert.ok(fs.readdirSync(dir).some((f) => /^LICENSE(\.(txt|md))?$/i.test(f)), 'LICENSE missing from the package');
    const pkg = ext.packageJSON as { icon?: string; license?: string; repository?: unknown };
    assert.ok(pkg.icon && fs.existsSync(path.join(dir, pkg.icon)), `icon ${pkg.icon} missing`);
    assert.equal(pkg.license, 'MIT');
    assert.ok(pkg.repository, 'repository field');
    for (const absent of ['src', 'test', 'node_modules', 'bench', 'seeds', 'dist/extension.js.map']) {
      assert.ok(!fs.existsSync(path.join(dir, absent)), `${absent} shipped in the package`);
    }
  });

  test('the packaged language server checks a draft: a misquote and an unknown key are reported', async () => {
    await activate();
    const editor = await openDraft('installed', `# Notes\n\nZakaria Malahifji said: "We will not give up the city of Aleppo to the Americans" [@${S002}].\n\nSee also [@no_such_source].\n`);
    const diags = await groundedDiagnostics(editor.document.uri, (d) => d.length >= 2, 60_000);
    assert.deepEqual(diags.map(codeOf).sort(), ['misquote', 'unknown-source'], JSON.stringify(diags.map((d) => [codeOf(d), d.message])));
    const misquote = diags.find((d) => codeOf(d) === 'misquote')!;
    assert.equal(editor.document.getText(misquote.range), 'We will not give up the city of Aleppo to the Americans');
  });

  test('a source folder above 2 MB is indexed on the packaged worker threads', async () => {
    const api = await activate();
    // about 2.4 million characters in 160 files: the rebuild prepares them on worker threads
    const dir = path.join(root().fsPath, 'sources', 'bulk');
    fs.mkdirSync(dir, { recursive: true });
    const files = 160;
    for (let f = 0; f < files; f++) {
      const text = Array.from({ length: 10 }, (_, i) => sourceText(f * 10 + i)).join('\n');
      fs.writeFileSync(path.join(dir, `bulk_${String(f).padStart(3, '0')}.txt`), text);
    }
    try {
      const expected = SEEDS.length + files;
      // the rebuild reads every source again, the way a first start does, and resolves when done
      const rebuilt = await vscode.commands.executeCommand<{ sources?: number } | undefined>('grounded.rebuildIndex');
      assert.equal(rebuilt?.sources, expected, JSON.stringify(rebuilt));
      await indexUntil(api, () => !api.state().indexing && api.state().sources === expected, 100_000, `${expected} sources`);
      assert.deepEqual(api.problems(), []);
      assert.ok(!api.logLines().some((l) => /worker/i.test(l) && /error|fail|cannot/i.test(l)), api.logLines().join('\n'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
