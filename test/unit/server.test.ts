// The bundled language server (dist/server.js) over stdio, from a plain Node LSP client: no VS
// Code, no settings sent, as Neovim or Helix start it. It opens the sample draft in a workspace
// holding the sample sources and receives the draft's diagnostics, a hover and a quote completion.
import assert from 'node:assert/strict';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { ApplyWorkspaceEditRequest, CodeActionRequest, CompletionRequest, DidChangeWatchedFilesNotification, DidOpenTextDocumentNotification, FileChangeType, ExecuteCommandRequest, ExitNotification, HoverRequest, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, type ApplyWorkspaceEditParams, type CodeAction, type CompletionList, type Diagnostic, type Hover, type MarkupContent, type PublishDiagnosticsParams, type TextDocumentEdit } from 'vscode-languageserver-protocol';
import { ROOT, REUTERS, UPI, copyTextSeeds } from './fixtures';

const SERVER = join(ROOT, 'dist', 'server.js');
let dir: string;
let child: ChildProcess;
let connection: ProtocolConnection;
let draftUri: string;
let draftText: string;
const published: PublishDiagnosticsParams[] = [];
const waiters: Array<() => void> = [];

function diagnosticsOf(uri: string, ms = 20_000, until: (d: Diagnostic[]) => boolean = (d) => d.length > 0): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${ms} ms: ${JSON.stringify(published.filter((p) => p.uri === uri).pop()?.diagnostics.map((d) => d.code))}`)), ms);
    const look = () => {
      const last = published.filter((p) => p.uri === uri).pop();
      if (!last || !until(last.diagnostics)) return false;
      clearTimeout(timer);
      resolve(last.diagnostics);
      return true;
    };
    const wait = () => {
      if (!look()) waiters.push(wait);
    };
    wait();
  });
}

/** Offset of `needle` in the draft, plus `delta`, as an LSP position. */
function positionOf(needle: string, delta = 0): { line: number; character: number } {
  const at = draftText.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in the draft`);
  const before = draftText.slice(0, at + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

before(async () => {
  if (!existsSync(SERVER)) execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT });
  dir = mkdtempSync(join(tmpdir(), 'grounded-stdio-'));
  copyTextSeeds(join(dir, 'seeds'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    for (const w of waiters.splice(0)) w();
  });
  connection.listen();
  const root = pathToFileURL(dir).href;
  // a minimal client: no configuration, no file watching, no progress
  const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: root, capabilities: {}, workspaceFolders: [{ uri: root, name: 'ws' }] });
  assert.equal(init.serverInfo?.name, 'grounded-language-server');
  await connection.sendNotification(InitializedNotification.type, {});
  draftUri = pathToFileURL(join(dir, 'examples', 'draft.md')).href;
  draftText = readFileSync(join(dir, 'examples', 'draft.md'), 'utf8');
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text: draftText } });
});

after(async () => {
  if (connection) {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
  }
  if (child && child.exitCode === null) await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

test('the draft gets its diagnostics, with the evidence as related information', async () => {
  const diags = await diagnosticsOf(draftUri);
  const misquote = diags.find((d) => d.code === 'misquote');
  assert.ok(misquote, JSON.stringify(diags.map((d) => [d.code, d.message])));
  assert.equal(misquote.source, 'grounded');
  assert.equal(misquote.severity, 1);
  const related = misquote.relatedInformation?.[0];
  assert.ok(related?.location.uri.endsWith(`/seeds/${REUTERS}.txt`), JSON.stringify(related));
  assert.ok(diags.some((d) => d.code === 'unknown-source' && String(d.message).includes('005_missing')));
});

test('a hover over a citation key shows the backing passage, source text escaped, with an Open Source link', async () => {
  const hover = (await connection.sendRequest(HoverRequest.type, { textDocument: { uri: draftUri }, position: positionOf(`@${UPI}`, 3) })) as Hover;
  const md = (hover.contents as MarkupContent).value;
  assert.equal((hover.contents as MarkupContent).kind, 'markdown');
  assert.ok(md.replace(/\\|\*\*/g, '').includes('Russian President Vladimir Putin has ordered a 10-hour humanitarian pause'), md);
  assert.match(md, /\[Open source at line \d+\]\(command:grounded\.openSource\?/);
});

test('typing an open quote and a few words offers the verbatim sentence with its citation', async () => {
  const line = draftText.split('\n').length; // a new last line
  const text = `${draftText}\nThe rebel official said "we will not give`;
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri: draftUri, version: 2 }, contentChanges: [{ text }] });
  const list = (await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: draftUri }, position: { line, character: 'The rebel official said "we will not give'.length } })) as CompletionList;
  const texts = list.items.map((i) => (i.textEdit && 'newText' in i.textEdit ? i.textEdit.newText : i.insertText));
  assert.ok(texts.includes(`We will not give up the city of Aleppo to the Russians and we won’t surrender" [@${REUTERS}]`), texts.join('\n'));
});

test('a quick fix is a command; the server answers it with an edit for the draft version it was offered for', async () => {
  const diags = await diagnosticsOf(draftUri);
  const misquote = diags.find((d) => d.code === 'misquote')!;
  const actions = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: draftUri }, range: misquote.range, context: { diagnostics: [misquote], only: ['quickfix'] } })) as CodeAction[];
  const fix = actions.find((a) => a.title.includes("source's wording"));
  assert.ok(fix?.command, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(fix.edit, undefined);
  const edits: ApplyWorkspaceEditParams[] = [];
  const handler = connection.onRequest(ApplyWorkspaceEditRequest.type, (p) => {
    edits.push(p);
    return { applied: true };
  });
  try {
    assert.equal(await connection.sendRequest(ExecuteCommandRequest.type, { command: fix.command.command, arguments: fix.command.arguments ?? [] }), true);
  } finally {
    handler.dispose();
  }
  const change = edits[0]?.edit.documentChanges?.[0] as TextDocumentEdit;
  assert.equal(change.textDocument.uri, draftUri);
  assert.equal(change.textDocument.version, (fix.command.arguments![0] as { version: number }).version);
  assert.ok(change.edits.some((e) => 'newText' in e && e.newText.includes('to the Russians')), JSON.stringify(change.edits));
});

test('after lines are added above them, the unchanged claims keep their diagnostics, moved down with them', async () => {
  const atVersion = (version: number) => (d: Diagnostic[]) => published.filter((p) => p.uri === draftUri).pop()?.version === version && d.length > 0;
  // the draft as the typing above left it (version 2, not checked yet: its new line has no claim)
  const text = `${draftText}\nThe rebel official said "we will not give`;
  const before = await diagnosticsOf(draftUri);
  const added = 'Officials gave no further details on Sunday.\n\n';
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri: draftUri, version: 11 }, contentChanges: [{ text: added + text }] });
  // checked on save (this client sends no settings)
  await connection.sendNotification('textDocument/didSave', { textDocument: { uri: draftUri } });
  const after = await diagnosticsOf(draftUri, 20_000, atVersion(11));
  const moved = (d: Diagnostic) => ({ ...d, range: { start: { ...d.range.start, line: d.range.start.line - 2 }, end: { ...d.range.end, line: d.range.end.line - 2 } } });
  const key = (d: Diagnostic) => JSON.stringify([d.code, d.message, d.severity, d.range]);
  assert.deepEqual(after.filter((d) => d.range.start.line >= 2).map(moved).map(key).sort(), before.map(key).sort());
  assert.ok(before.some((d) => d.code === 'misquote'));
});

test("a draft's own bibliography (front matter) is read, and read again when it changes", async () => {
  const bib = join(dir, 'examples', 'reading-list.yaml');
  writeFileSync(bib, 'references:\n- id: unhcr2016\n  title: Aleppo situation report\n');
  const uri = pathToFileURL(join(dir, 'examples', 'with-bibliography.md')).href;
  const text = '---\nbibliography:\n  - reading-list.yaml\n---\n\nAid agencies counted the families who left the city [@unhcr2016].\n';
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const codes = (d: Diagnostic[]) => d.map((x) => x.code);
  const first = await diagnosticsOf(uri, 30_000, (d) => codes(d).includes('unchecked-citation'));
  assert.ok(!codes(first).includes('unknown-source'), JSON.stringify(first.map((d) => [d.code, d.message])));
  assert.match(String(first.find((d) => d.code === 'unchecked-citation')!.message), /reading-list\.yaml/);
  // the entry leaves the bibliography: the key names nothing any more
  writeFileSync(bib, 'references:\n- id: other2017\n  title: Another report\n');
  await connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(bib).href, type: FileChangeType.Changed }] });
  const second = await diagnosticsOf(uri, 30_000, (d) => codes(d).includes('unknown-source'));
  assert.ok(!codes(second).includes('unchecked-citation'), JSON.stringify(second.map((d) => [d.code, d.message])));
});
