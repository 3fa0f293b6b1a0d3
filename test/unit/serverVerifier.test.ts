// The second opinion in the language server (dist/server.js over stdio), with a model server on
// 127.0.0.1: the built-in diagnostics are published first, then republished with the model's
// answers; the status and the report say so; an edit cancels the requests in flight; the answers
// are saved beside the index; with no endpoint nothing is sent.
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { ConfigurationRequest, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ROOT, copyTextSeeds } from './fixtures';
import { startModelServer, type Behaviour, type ModelServer } from './modelServer';

const SERVER = join(ROOT, 'dist', 'server.js');
const DRAFT = `# Notes

The pause would begin at 08:00 on Friday, Russian officials said.

The United Nations delivered 40 trucks of food to the eastern districts that week.

Gerasimov promised that the air strikes would stop for a month.
`;
const NOTE = '(second opinion: bespoke-minicheck)';

interface Session {
  connection: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  uri: string;
  storage: string;
  /** Resolves with the first diagnostics of the draft that satisfy `ok`. */
  diagnostics(ok: (d: Diagnostic[]) => boolean, ms?: number): Promise<Diagnostic[]>;
  close(): Promise<void>;
}

const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function model(behave: (r: Parameters<NonNullable<Parameters<typeof startModelServer>[0]>['behave'] & object>[0]) => Behaviour): Promise<ModelServer> {
  const s = await startModelServer({ behave });
  cleanups.push(() => s.close());
  return s;
}

/** The server on a workspace of the seeds and the draft, configured by a client that sends `section` for `grounded`. */
async function session(section: unknown, storage = mkdtempSync(join(tmpdir(), 'grounded-storage-'))): Promise<Session> {
  if (!existsSync(SERVER)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), 'grounded-lsp-verifier-'));
  copyTextSeeds(join(dir, 'seeds'));
  const child: ChildProcess = spawn(process.execPath, [SERVER, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<() => void> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((i) => (i.section === 'grounded' ? section : null)));
  connection.listen();
  const root = pathToFileURL(dir).href;
  await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: root, capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: root, name: 'ws' }], initializationOptions: { storagePath: storage } });
  await connection.sendNotification(InitializedNotification.type, {});
  const uri = pathToFileURL(join(dir, 'draft.md')).href;
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: DRAFT } });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
    if (child.exitCode === null) await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    rmSync(dir, { recursive: true, force: true });
  };
  cleanups.push(close);
  const diagnostics = (ok: (d: Diagnostic[]) => boolean, ms = 20_000) =>
    new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such diagnostics within ${ms} ms: ${JSON.stringify(published.map((p) => p.diagnostics.map((d) => d.message)))}`)), ms);
      const look = () => {
        const last = published.filter((p) => p.uri === uri).pop();
        if (!last || !ok(last.diagnostics)) return false;
        clearTimeout(timer);
        resolve(last.diagnostics);
        return true;
      };
      const again = () => {
        if (!look()) waiters.push(again);
      };
      again();
    });
  return { connection, published, uri, storage, diagnostics, close };
}

const text = (d: Diagnostic) => String(d.message);
const possibly = (d: Diagnostic[]) => d.filter((x) => text(x).startsWith('Possibly unsupported')).length === 2;
const decided = (d: Diagnostic[]) => d.filter((x) => text(x).endsWith(NOTE)).length === 2;

test('published first as the engine decided, then again with the answers; status and report say so; answers saved with the index', async () => {
  const s = await model(() => ({ answer: 'No', delayMs: 50 }));
  const lsp = await session({ verifier: { endpoint: s.endpoint, model: 'bespoke-minicheck' } });
  await lsp.diagnostics(possibly);
  const final = await lsp.diagnostics(decided);
  for (const d of final.filter((x) => text(x).endsWith(NOTE))) {
    assert.equal(d.severity, 2, 'a warning now');
    assert.match(text(d), /^No source supports this claim \(closest: /);
  }
  const claims = s.requests.map((r) => r.claim).sort();
  assert.deepEqual(claims, ['Gerasimov promised that the air strikes would stop for a month.', 'The pause would begin at 08:00 on Friday, Russian officials said.']);
  const status = await lsp.connection.sendRequest<{ tooltip: string }>('grounded/status');
  assert.ok(status.tooltip.replace(/\\/g, '').includes(`Second opinion: bespoke-minicheck at ${s.endpoint}, 2 claims decided`), status.tooltip);
  const report = await lsp.connection.sendRequest<string>('grounded/report');
  assert.ok(report.includes(`Second opinion: bespoke-minicheck at ${s.endpoint}, 2 claims decided`), report);
  await lsp.close();
  const saved = JSON.parse(readFileSync(join(lsp.storage, 'verifier-answers.json'), 'utf8'));
  assert.equal(saved.answers.length, 2);

  // the next session starts from the saved answers: nothing is sent
  const again = await session({ verifier: { endpoint: s.endpoint, model: 'bespoke-minicheck' } }, lsp.storage);
  await again.diagnostics(decided);
  assert.equal(s.requests.length, 2);
  await again.close();
});

test("a 'yes' makes an uncertain claim uncited-claim, and its quick fix cites the source", async () => {
  const s = await model(() => ({ answer: 'Yes' }));
  const lsp = await session({ verifier: { endpoint: s.endpoint, model: 'bespoke-minicheck' } });
  const final = await lsp.diagnostics((ds) => ds.filter((x) => text(x).includes(NOTE)).length === 2);
  const d = final.find((x) => text(x).startsWith('Supported by') && text(x).endsWith(`${NOTE}, but nothing is cited`))!;
  assert.ok(d, JSON.stringify(final.map(text)));
  assert.equal(d.code, 'uncited-claim');
  const actions = await lsp.connection.sendRequest<Array<{ title: string }>>('textDocument/codeAction', { textDocument: { uri: lsp.uri }, range: d.range, context: { diagnostics: [d] } });
  assert.ok(actions.some((a) => /^Cite \[@0\d\d_[0-9a-f]+\]$/.test(a.title)), JSON.stringify(actions.map((a) => a.title)));
  await lsp.close();
});

test('an edit cancels the requests in flight', async () => {
  const s = await model(() => ({ hang: true }));
  const lsp = await session({ verifier: { endpoint: s.endpoint, model: 'bespoke-minicheck', timeoutMs: 60000 } });
  await lsp.diagnostics(possibly);
  while (s.requests.length < 2) await new Promise((r) => setTimeout(r, 10));
  await lsp.connection.sendNotification('textDocument/didChange', { textDocument: { uri: lsp.uri, version: 2 }, contentChanges: [{ text: DRAFT + '\nMore.\n' }] });
  while (s.aborted < 2) await new Promise((r) => setTimeout(r, 10));
  assert.equal(s.aborted, 2);
  await lsp.close();
});

test('no endpoint: nothing is sent, and the status says there is no second opinion', async () => {
  const s = await model(() => ({ answer: 'No' }));
  const lsp = await session({ verifier: { endpoint: '', model: 'bespoke-minicheck' } });
  await lsp.diagnostics(possibly);
  const status = await lsp.connection.sendRequest<{ tooltip: string }>('grounded/status');
  assert.ok(status.tooltip.replace(/\\/g, '').includes('Second opinion: none'), status.tooltip);
  assert.equal(s.requests.length, 0);
  await lsp.close();
});
