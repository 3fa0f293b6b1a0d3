/// <reference types="mocha" />
// Grounded in Restricted Mode (an untrusted workspace), as package.json declares it: everything
// works, since it only reads text files, but the workspace's own grounded.maxFileBytes is ignored
// and the second opinion from a model server is off.
// Run alone by `GROUNDED_UNTRUSTED=1 bash scripts/vscode/run-tests.sh`, whose workspace carries a
// .vscode/settings.json that tries to raise that limit to 100 GB.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startModelServer } from '../unit/modelServer';
import { activate, codeOf, groundedDiagnostics, hoverMarkdown, indexUntil, openDraft, positionOf, root, save, SEEDS, unescape, waitFor } from './helpers';

const [S000, , S002] = SEEDS as [string, string, string];

suite('Restricted Mode (untrusted workspace)', function () {
  this.timeout(60_000);

  test('the workspace is not trusted, and Grounded indexes, hovers, checks and fixes as usual', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the harness should have opened the folder in Restricted Mode');
    // activate() also waits for the Markdown language server, whose providers arriving while the
    // code-action request below is in flight would make VS Code cancel that request (helpers.ts)
    const api = await activate();
    assert.equal(api.state().sources, SEEDS.length);
    const editor = await openDraft('restricted', `Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${S000}].\n\nMalahifji said: "We will not give up the city of Aleppo to the Americans" [@${S002}].\n`);
    const doc = editor.document;
    const md = unescape(hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, `@${S000}`, 3))));
    assert.ok(md.includes('Russian President Vladimir Putin has ordered a 10-hour humanitarian pause'), md);
    const misquote = (await groundedDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'misquote'))).find((x) => codeOf(x) === 'misquote')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, misquote.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith("Replace with the source's wording"));
    assert.ok(fix?.command, `no fix among ${JSON.stringify(actions.map((a) => [a.title, a.command?.command]))}; diagnostics ${JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map((d) => [d.source, d.code, d.message, d.range]))} v${doc.version}; state ${JSON.stringify(api.state())}; log ${api.logLines().slice(-8).join(' | ')}`);
    assert.equal(await vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? [])), true);
    assert.ok(doc.getText().includes('"We will not give up the city of Aleppo to the Russians"'));
    await save(doc);
  });

  test("the workspace's own grounded.maxFileBytes is ignored: a 21 MB source is still too large", async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration('grounded');
    assert.equal(config.get('maxFileBytes'), 20 * 1024 * 1024, 'the restricted setting took the workspace value');
    const uri = vscode.Uri.joinPath(root(), 'sources', 'huge.txt');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array(21 * 1024 * 1024).fill(0x61));
    try {
      await indexUntil(api, () => api.problems().some((p) => p.path === 'sources/huge.txt'), 20_000, 'the large file to be reported');
      assert.deepEqual(
        api.problems().map((p) => p.message),
        ['skipped: too large (21.0 MB; the limit is 20.0 MB)'],
      );
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('the second opinion is off: with an endpoint in the user settings, nothing is sent', async () => {
    const model = await startModelServer({ behave: () => ({ answer: 'No' }) });
    const config = vscode.workspace.getConfiguration('grounded');
    try {
      const api = await activate();
      const told = waitFor(api.onDidIndex, () => true, 20_000, 'the status after the settings changed');
      await config.update('verifier.endpoint', model.endpoint, vscode.ConfigurationTarget.Global);
      await told;
      assert.ok(unescape(api.statusBar().tooltip).includes('Second opinion: none'), api.statusBar().tooltip);
      const { document: doc } = await openDraft('restricted-verifier', 'The pause would begin at 08:00 on Friday, Russian officials said.\n');
      await groundedDiagnostics(doc.uri, (d) => d.some((x) => x.message.startsWith('Possibly unsupported')));
      await vscode.commands.executeCommand('grounded.checkDocument', doc.uri);
      assert.equal(model.requests.length, 0, 'a draft was sent from Restricted Mode');
    } finally {
      await config.update('verifier.endpoint', undefined, vscode.ConfigurationTarget.Global);
      await model.close();
    }
  });
});
