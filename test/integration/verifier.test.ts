/// <reference types="mocha" />
// The second opinion in a real VS Code: a model server on 127.0.0.1, started inside this test
// (the extension host), speaking chat-completions as Ollama does. Nothing is sent while the
// endpoint is empty or set only by the workspace; with the writer's own (user) setting the
// uncertain claims are asked and their diagnostics updated, naming the model.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startModelServer, type ModelServer } from '../unit/modelServer';
import type { GroundedApi } from '../../src/extension/extension';
import { activate, groundedDiagnostics, openDraft, root, unescape, waitFor } from './helpers';

/** Two claims the engine is unsure of, one it is sure nothing supports. */
const DRAFT = `# Notes

The pause would begin at 08:00 on Friday, Russian officials said.

The United Nations delivered 40 trucks of food to the eastern districts that week.

Gerasimov promised that the air strikes would stop for a month.
`;
const UNCERTAIN = ['The pause would begin at 08:00 on Friday, Russian officials said.', 'Gerasimov promised that the air strikes would stop for a month.'];
const NOTE = '(second opinion: bespoke-minicheck)';

/** The status tooltip (unescaped), once it includes `text` (the server sends it after each change of settings). */
/**
 * The status tooltip once it holds `text` (and matches `also`): the diagnostics a second opinion
 * republishes reach the editor before the status that counts its answers, which comes with a
 * notification of its own.
 */
async function tooltipWith(api: GroundedApi, text: string, also?: RegExp): Promise<string> {
  const tip = () => unescape(api.statusBar().tooltip);
  const holds = () => tip().includes(text) && (!also || also.test(tip()));
  if (!holds()) await waitFor(api.onDidIndex, holds, 20_000, `"${text}"${also ? ` and ${also}` : ''} in the status tooltip (it says: ${tip()})`);
  return tip();
}

suite('A second opinion from a model server', function () {
  this.timeout(60_000);
  let model: ModelServer;
  const config = () => vscode.workspace.getConfiguration('grounded');
  const workspaceSettings = () => vscode.Uri.joinPath(root(), '.vscode', 'settings.json');

  suiteSetup(async () => {
    model = await startModelServer({ behave: () => ({ answer: 'No' }) });
  });

  suiteTeardown(async () => {
    await config().update('verifier.endpoint', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.fs.delete(workspaceSettings()).then(undefined, () => undefined);
    await model.close();
  });

  test('nothing is sent while the endpoint is empty (the default)', async () => {
    const api = await activate();
    assert.equal(config().get('verifier.endpoint'), '');
    const { document: doc } = await openDraft('verifier-off', DRAFT);
    const diags = await groundedDiagnostics(doc.uri, (d) => d.filter((x) => x.message.startsWith('Possibly unsupported')).length === 2);
    assert.ok(diags.every((d) => !d.message.includes('second opinion')));
    await tooltipWith(api, 'Second opinion: none');
    assert.equal(model.requests.length, 0);
  });

  test("a workspace's own grounded.verifier.endpoint is ignored", async () => {
    const api = await activate();
    const changed = waitFor(vscode.workspace.onDidChangeConfiguration, (e) => e.affectsConfiguration('grounded'), 10_000, 'the workspace setting').catch(() => undefined);
    await vscode.workspace.fs.writeFile(workspaceSettings(), new TextEncoder().encode(JSON.stringify({ 'grounded.verifier.endpoint': model.endpoint, 'grounded.verifier.model': 'bespoke-minicheck' })));
    await changed;
    const { document: doc } = await openDraft('verifier-workspace', DRAFT);
    await groundedDiagnostics(doc.uri, (d) => d.filter((x) => x.message.startsWith('Possibly unsupported')).length === 2);
    // an explicit check as well: still nothing sent
    await vscode.commands.executeCommand('grounded.checkDocument', doc.uri);
    await tooltipWith(api, 'Second opinion: none');
    assert.equal(model.requests.length, 0, 'a workspace setting sent the draft to a server');
    await vscode.workspace.fs.delete(workspaceSettings());
  });

  test("with the writer's own endpoint, the uncertain claims are asked and their diagnostics name the model", async () => {
    const api = await activate();
    const { document: doc } = await openDraft('verifier-on', DRAFT);
    await groundedDiagnostics(doc.uri, (d) => d.filter((x) => x.message.startsWith('Possibly unsupported')).length === 2);
    const decided = groundedDiagnostics(doc.uri, (d) => d.filter((x) => x.message.endsWith(NOTE)).length === 2, 30_000);
    await config().update('verifier.endpoint', model.endpoint, vscode.ConfigurationTarget.Global);
    const diags = await decided;
    for (const d of diags.filter((x) => x.message.endsWith(NOTE))) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.match(d.message, /^No source supports this claim \(closest: /);
    }
    // only the uncertain claims, each with its own evidence: never the rest of the draft
    assert.deepEqual([...new Set(model.requests.map((r) => r.claim))].sort(), [...UNCERTAIN].sort());
    for (const r of model.requests) assert.ok(!r.document.includes('United Nations delivered') && !r.document.includes('# Notes'));
    const decidedCount = /[1-9]\d* claims? decided/;
    const tooltip = await tooltipWith(api, `Second opinion: bespoke-minicheck at ${model.endpoint}`, decidedCount);
    assert.match(tooltip, decidedCount);
  });
});
