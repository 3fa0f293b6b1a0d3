/// <reference types="mocha" />
// Reliability and security in a real VS Code (issue 6): source files that cannot be used are named
// where the writer looks (status bar tooltip, report, output channel); the extension never writes a
// source and applies a fix only to the version of the draft it was computed for, as one undo step;
// Markdown built from source text (hover, completion documentation) cannot run a command or
// inject HTML, and the Insert Quote picker shows it as plain text.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import type { GroundedApi } from '../../src/extension/extension';
import { activate, codeOf, completionItems, fingerprint, groundedDiagnostics, hoverMarkdown, indexUntil, insertTextOf, openDraft, positionOf, root, save, SEEDS, unescape, waitFor } from './helpers';
import { screenshot } from './index';

const [S000, , S002, , S004] = SEEDS as [string, string, string, string, string];
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const encode = (s: string) => new TextEncoder().encode(s);

const DRAFT = `# What Moscow offered

Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${S000}].

Putin had ordered the pause "to avoid senseless victims" [@${S002}].

Zakaria Malahifji of the Fastaqim rebel group said: "We will not give up the city of Aleppo to the Americans" [@${S002}].

The rebels turned the offer down [@${S004}].

Everyone agrees the siege will end by Christmas.
`;

let api: GroundedApi;

/** Closes every editor, saving drafts first so no "save changes?" dialog can block the run. */
async function closeAll(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

suite('reliability: files that cannot be used are reported', function () {
  this.timeout(90_000);

  suiteSetup(async () => {
    api = await activate();
    await api.settled();
    await closeAll();
  });

  test('skipped and partly used sources are named in the status bar tooltip, the report and the output channel; the rest is indexed', async () => {
    const dir = vscode.Uri.joinPath(root(), 'sources', 'bad');
    const files: Array<[string, Uint8Array]> = [
      ['photo.txt', PNG],
      ['archive-dump.txt', new Uint8Array(21 * 1024 * 1024).fill(0x61)],
      ['broken-front-matter.md', encode('---\ntitle: "unclosed\n---\nThe okapi convoy reached the northern gate.\n')],
      ['latin1.txt', new Uint8Array([...encode('The caf'), 0xe9, ...encode(' near the okapi enclosure was closed on Friday.\n')])],
    ];
    const names = files.map(([f]) => `sources/bad/${f}`);
    for (const [f, bytes] of files) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, f), bytes);
    try {
      await indexUntil(api, () => names.every((n) => api.problems().some((p) => p.path === n)) && !api.state().pending && !api.state().indexing, 30_000, 'the bad files to be reported');
      const s = api.state();
      assert.deepEqual({ sources: s.sources, skipped: s.skipped, partial: s.partial, problems: s.problems }, { sources: 7, skipped: 2, partial: 1, problems: 4 });

      // the status bar: a warning icon, and every file named with its reason
      const bar = api.statusBar();
      assert.match(bar.text, /^\$\(warning\) Grounded: 7 sources/);
      const tip = unescape(bar.tooltip);
      assert.ok(tip.includes('Not used (2):'), tip);
      assert.ok(tip.includes('- sources/bad/archive-dump.txt: too large (21.0 MB; the limit is 20.0 MB)'), tip);
      assert.ok(tip.includes('- sources/bad/photo.txt: binary file (contains NUL bytes)'), tip);
      assert.ok(tip.includes('Partly used (1):'), tip);
      assert.match(tip, /- sources\/bad\/broken-front-matter\.md: front matter is not valid YAML/);
      assert.ok(tip.includes('Read with a note (1):\n\n- sources/bad/latin1.txt: not valid UTF-8; read as Windows-1252'), tip);

      // the report (Grounded: Show Report, also what a click on the status bar shows)
      const report = await vscode.commands.executeCommand<string>('grounded.showReport');
      assert.ok(report.includes('Not used (2):\n  sources/bad/archive-dump.txt: too large (21.0 MB; the limit is 20.0 MB)\n  sources/bad/photo.txt: binary file (contains NUL bytes)'), report);
      assert.match(report, /Partly used \(1\):\n {2}sources\/bad\/broken-front-matter\.md: front matter is not valid YAML/);

      // the output channel
      const log = api.logLines().join('\n');
      assert.ok(log.includes('[warning] sources/bad/photo.txt: skipped: binary file (contains NUL bytes)'), log);
      assert.ok(log.includes('[warning] sources/bad/archive-dump.txt: skipped: too large (21.0 MB; the limit is 20.0 MB)'), log);
      assert.match(log, /\[warning\] 2 source files not used, 1 partly used: "Grounded: Show Report" lists them/);

      // the rest of the work goes on: the partly used and noted files are searchable, the seeds hover
      const picks = (await api.quotePickItems('okapi')).map((i) => i.label);
      assert.ok(picks.some((l) => l.startsWith('The okapi convoy reached the northern gate')), picks.join('\n'));
      const editor = await openDraft('with-bad-sources', DRAFT);
      const md = unescape(hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, `@${S000}`, 3))));
      assert.ok(md.includes('Russian President Vladimir Putin has ordered a 10-hour humanitarian pause'), md);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(dir, { recursive: true });
    }
    // the folder went: so did its sources and its problems
    await indexUntil(api, () => api.problems().length === 0 && api.state().sources === 5 && !api.state().pending, 30_000, 'the bad folder to go');
    assert.match(api.statusBar().text, /^\$\(book\) Grounded: 5 sources/);
    assert.ok(!api.statusBar().tooltip.includes('Not used'));
  });

  test('a source rewritten as binary leaves the index with a reason, and comes back when repaired', async () => {
    const uri = vscode.Uri.joinPath(root(), 'sources', 'zz_flip.txt');
    const good = encode('Flip report\n\nThe narwhal ferry sailed from the harbour at dawn on Tuesday.\n');
    const has = async () => (await api.sources()).some((s) => s.id === 'zz_flip');
    const reported = () => api.problems().some((p) => p.path === 'sources/zz_flip.txt' && p.kind === 'skipped');
    await vscode.workspace.fs.writeFile(uri, good);
    try {
      await indexUntil(api, has, 20_000, 'the new source');
      await vscode.workspace.fs.writeFile(uri, PNG);
      await indexUntil(api, async () => !(await has()) && reported(), 20_000, 'the source to turn binary');
      assert.ok(unescape(api.statusBar().tooltip).includes('- sources/zz_flip.txt: binary file (contains NUL bytes)'));
      await vscode.workspace.fs.writeFile(uri, good);
      await indexUntil(api, async () => (await has()) && !reported(), 20_000, 'the source to come back');
      assert.equal((await api.sources()).find((s) => s.id === 'zz_flip')!.passageCount, 2);
    } finally {
      await vscode.workspace.fs.delete(uri);
      await indexUntil(api, async () => !(await has()) && !api.problems().length, 20_000, 'the source to go');
    }
  });
});

suite('reliability: changes made outside VS Code keep being seen', function () {
  this.timeout(90_000);

  suiteSetup(async () => {
    api = await activate();
    await api.settled();
  });

  /** Writes a source straight to disk (as another program would) and waits until it is indexed. */
  async function dropAndSee(rel: string): Promise<void> {
    const file = path.join(root().fsPath, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const id = path.basename(rel).replace(/\.[^.]+$/, '');
    fs.writeFileSync(file, `Outside report\n\nThe ${id} crane lifted the last girder on Sunday.\n`);
    await indexUntil(api, async () => (await api.sources()).some((s) => s.id === id), 20_000, `${rel} to be indexed`);
    fs.rmSync(file);
    await indexUntil(api, async () => !(await api.sources()).some((s) => s.id === id), 20_000, `${rel} to go`);
  }

  test('after Rebuild Source Index', async () => {
    await vscode.commands.executeCommand('grounded.rebuildIndex');
    await dropAndSee('sources/zz_outside_rebuild.txt');
  });

  test('after the sources setting changes, and changes back', async () => {
    const config = vscode.workspace.getConfiguration('grounded');
    const rebuilt = () => waitFor(api.onDidIndex, (s) => !s.indexing, 20_000, 'the rebuild');
    try {
      let done = rebuilt();
      await config.update('sources', ['seeds/**/*.{txt,md}', 'sources/**/*.{txt,md}', 'more/**/*.txt'], vscode.ConfigurationTarget.Workspace);
      await done;
      await dropAndSee('more/zz_outside_more.txt');
      await dropAndSee('sources/zz_outside_setting.txt');
      done = rebuilt();
      await config.update('sources', undefined, vscode.ConfigurationTarget.Workspace);
      await done;
    } finally {
      await config.update('sources', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await dropAndSee('sources/zz_outside_restored.txt');
  });
});

suite('reliability: drafts follow the sources', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await activate();
    await api.settled();
    await closeAll();
  });

  test('a draft out of view is brought up to date when it comes into view', async () => {
    const uri = vscode.Uri.joinPath(root(), 'sources', 'zz_late.txt');
    const a = await openDraft('out-of-view', '# Notes\n\nThe late report was filed on Tuesday [@zz_late].\n');
    await groundedDiagnostics(a.document.uri, (d) => d.some((x) => codeOf(x) === 'unknown-source'));
    // another draft in the same editor group: the first stays open, out of view
    await openDraft('in-view', '# Other notes\n');
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document === a.document));
    await vscode.workspace.fs.writeFile(uri, encode('Late report\n\nThe late report was filed on Tuesday, the clerk said.\n'));
    try {
      await indexUntil(api, async () => (await api.sources()).some((s) => s.id === 'zz_late'), 20_000, 'the new source');
      const updated = groundedDiagnostics(a.document.uri, (d) => !d.some((x) => codeOf(x) === 'unknown-source'));
      await vscode.window.showTextDocument(a.document);
      await updated;
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(uri);
      await indexUntil(api, async () => !(await api.sources()).some((s) => s.id === 'zz_late'), 20_000, 'the source to go');
    }
  });

  test("a draft's diagnostics go when VS Code closes the document", async () => {
    // VS Code closes a document (onDidCloseTextDocument) when nothing holds it any more, not when
    // its editor closes: a document an extension opened with workspace.openTextDocument is held
    // for up to three minutes after that (so openDraft's drafts stay open). This draft is opened
    // only by the workbench ('vscode.open'), so closing its editor lets VS Code close it.
    const uri = vscode.Uri.joinPath(root(), 'drafts', 'closing.md');
    const key = uri.toString();
    await vscode.workspace.fs.writeFile(uri, encode(`# Closing\n\nThe report was filed on Tuesday [@no-such-source].\n\nZakaria Malahifji said: "We will not give up the city of Aleppo to the Americans" [@${S002}].\n`));
    try {
      const opened = waitFor(vscode.workspace.onDidOpenTextDocument, (d) => d.uri.toString() === key, 20_000, 'the draft to open');
      const found = groundedDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'unknown-source') && d.some((x) => codeOf(x) === 'misquote'));
      await vscode.commands.executeCommand('vscode.open', uri);
      const doc = await opened;
      await found;
      assert.equal(vscode.window.activeTextEditor?.document, doc, 'the draft is in the active editor');
      const closed = waitFor(vscode.workspace.onDidCloseTextDocument, (d) => d.uri.toString() === key, 60_000, 'VS Code to close the document');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await closed;
      assert.ok(doc.isClosed);
      assert.deepEqual(await groundedDiagnostics(uri, (d) => d.length === 0, 10_000), [], 'diagnostics of the closed draft');
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key));
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(uri);
    }
  });
});

suite('reliability: nothing lost', function () {
  this.timeout(90_000);

  suiteSetup(async () => {
    api = await activate();
    await api.settled();
    await closeAll();
  });

  test('a quick fix offered for an older version of the draft is refused; a current one applies as one undoable edit', async () => {
    const editor = await openDraft('stale-fix', DRAFT);
    const doc = editor.document;
    const misquote = (await groundedDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'misquote'))).find((x) => codeOf(x) === 'misquote')!;
    const fixFor = async (range: vscode.Range) => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title.startsWith("Replace with the source's wording"));
      assert.ok(fix?.command, `no fix among ${actions.map((a) => a.title).join(' | ')}`);
      assert.equal(fix.edit, undefined, 'a fix is a versioned command, not a bare edit');
      return fix.command;
    };
    const stale = await fixFor(misquote.range);
    assert.equal(stale.command, 'grounded.applyFix');

    // the writer types at the start of the line: the fix's ranges no longer hold the misquote
    const line = misquote.range.start.line;
    assert.ok(await editor.edit((e) => e.insert(new vscode.Position(line, 0), 'As reported, ')));
    const edited = doc.getText();
    assert.equal(await vscode.commands.executeCommand<boolean>(stale.command, ...(stale.arguments ?? [])), false, 'the stale fix was applied');
    assert.equal(doc.getText(), edited, 'the draft was changed by a refused fix');
    assert.ok(api.logLines().some((l) => l.startsWith('[warning] quick fix "Replace with the source') && l.includes('the draft changed after the fix was offered')));

    // asked again, the fix is computed for the draft as it is now, and applies
    const fresh = await fixFor(doc.lineAt(line).range);
    assert.equal(await vscode.commands.executeCommand<boolean>(fresh.command, ...(fresh.arguments ?? [])), true);
    assert.equal(doc.lineAt(line).text, `As reported, Zakaria Malahifji of the Fastaqim rebel group said: "We will not give up the city of Aleppo to the Russians" [@${S002}].`);
    // one undo step takes exactly the fix back
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), edited);
    await save(doc);
  });

  test('a fix is never applied to a source, even when asked by command', async () => {
    const source = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'seeds', `${S002}.txt`));
    await vscode.window.showTextDocument(source);
    const forged = { uri: source.uri.toString(), version: source.version, title: 'forged', edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } }, newText: 'PWNED' }] };
    assert.equal(await vscode.commands.executeCommand<boolean>('grounded.applyFix', forged), false);
    assert.equal(await vscode.commands.executeCommand('grounded.insertQuote', { query: 'to avoid senseless victims' }), undefined, 'Insert Quote wrote into a source');
    assert.equal(source.isDirty, false);
    assert.ok(!source.getText().startsWith('PWNED'));
    await closeAll();
  });

  test('a whole session of hovers, completions, quick fixes, Insert Quote and Open Source leaves every source file as it was', async () => {
    const sourceUris = [...(await vscode.workspace.findFiles('seeds/**/*.{txt,md}')), ...(await vscode.workspace.findFiles('sources/**/*.{txt,md}'))];
    assert.ok(sourceUris.length >= 5);
    const before = await fingerprint(sourceUris);

    const editor = await openDraft('session', DRAFT + '\nThe rebel official said "we will not give\n\nPutin ordered it [@\n');
    const doc = editor.document;
    await groundedDiagnostics(doc.uri, (d) => d.length > 0);
    // hover every citation and quote
    for (const m of doc.getText().matchAll(/@\d{3}_[0-9a-f]+|"[^"\n]+"/g)) {
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(m.index! + 2));
    }
    // complete a quote and a key
    const quoteLine = doc.getText().split('\n').findIndex((l) => l.endsWith('"we will not give'));
    const quotes = completionItems(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(quoteLine).range.end, ' '));
    assert.ok(quotes.some((i) => insertTextOf(i).includes('[@')));
    const keys = completionItems(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(quoteLine + 2).range.end, '@'));
    assert.ok(keys.length >= 5);
    // apply every quick fix offered, one at a time (each is computed for the current version)
    for (let round = 0; round < 10; round++) {
      const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'grounded');
      let applied = false;
      for (const d of ours) {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
        const fix = actions.find((a) => a.command?.command === 'grounded.applyFix' && !a.title.startsWith('Ignore'));
        if (fix?.command && (await vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? [])))) {
          applied = true;
          break;
        }
      }
      if (!applied) break;
      const checked = waitFor(api.onDidCheck, (e) => e.uri.toString() === doc.uri.toString() && e.version === doc.version, 20_000, 'the check after a fix');
      await save(doc);
      await checked;
    }
    // insert a quote, open every source at a passage, rebuild, check everything, show the report
    await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(doc.lineAt(doc.lineCount - 1).range.end, doc.lineAt(doc.lineCount - 1).range.end);
    assert.ok(await vscode.commands.executeCommand<string>('grounded.insertQuote', { query: 'humanitarian pause' }));
    for (const s of await api.sources(true)) await vscode.commands.executeCommand('grounded.openSource', { source: s.id, start: s.passages?.[0]?.start ?? 0, end: s.passages?.[0]?.end ?? 0 });
    await vscode.commands.executeCommand('grounded.rebuildIndex');
    await vscode.commands.executeCommand('grounded.checkWorkspace');
    await vscode.commands.executeCommand('grounded.showReport');
    await save(doc);

    const dirtySources = vscode.workspace.textDocuments.filter((d) => d.isDirty && sourceUris.some((u) => u.toString() === d.uri.toString()));
    assert.deepEqual(dirtySources.map((d) => d.uri.path), [], 'a source document was changed in the editor');
    const after = await fingerprint(sourceUris);
    for (const [uri, b] of before) {
      const a = after.get(uri)!;
      assert.equal(a.mtime, b.mtime, `${uri} was written (mtime)`);
      assert.ok(a.size === b.size && a.bytes === b.bytes, `${uri} changed`);
    }
    await closeAll();
  });
});

suite('reliability: source text cannot run commands or inject HTML', function () {
  this.timeout(90_000);
  const hostileLine =
    'The pumpkin harvest doubled in the valley this autumn, said [x](command:workbench.action.terminal.new) the <img src=x onerror=alert(1)> council and <script>alert(1)</script> its mayor ![t](https://example.invalid/track.png) <a href="command:workbench.action.terminal.new">open</a> <command:workbench.action.terminal.new> [y][ref] $(bug).';
  const hostile = `---
title: "Pumpkins [x](command:workbench.action.terminal.new) <script>alert(1)</script>"
container-title: "<img src=x onerror=alert(1)>"
author: "![t](https://example.invalid/track.png)"
---
${hostileLine}

[ref]: command:workbench.action.terminal.new
`;
  const uri = () => vscode.Uri.joinPath(root(), 'sources', 'zz_hostile_md.md');
  // VS Code renders hovers with marked (no HTML unless supportHtml); markdown-it with HTML on is the stricter test
  const render = new MarkdownIt({ html: true });

  /** Asserts a Markdown string of ours shows source text only as text. */
  function assertInert(md: vscode.MarkdownString | string | undefined, where: string): string {
    assert.ok(md && typeof md !== 'string', `${where}: no Markdown`);
    assert.deepEqual(md.isTrusted, { enabledCommands: ['grounded.openSource'] }, `${where}: trust`);
    assert.notEqual(md.supportHtml, true, `${where}: HTML on`);
    const html = render.render(md.value);
    assert.doesNotMatch(html, /<img|<script|<a href="(?!command:grounded\.openSource\?)/i, `${where}: ${html}`);
    assert.doesNotMatch(html, /<[a-z]+[^>]*\s(?:src|on\w+)=/i, `${where}: ${html}`);
    return unescape(md.value);
  }

  suiteSetup(async () => {
    api = await activate();
    await api.settled();
    await closeAll();
    await vscode.workspace.fs.writeFile(uri(), encode(hostile));
    await indexUntil(api, async () => (await api.sources()).some((s) => s.id === 'zz_hostile_md'), 20_000, 'the hostile source');
  });

  suiteTeardown(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(uri());
    await indexUntil(api, async () => !(await api.sources()).some((s) => s.id === 'zz_hostile_md'), 20_000, 'the hostile source to go');
  });

  test('hover over the key and over a quote', async () => {
    const editor = await openDraft('hostile-hover', '# Notes\n\nThe pumpkin harvest doubled in the valley this autumn [@zz_hostile_md].\n\nThe council said: "The pumpkin harvest doubled in the valley this autumn" [@zz_hostile_md].\n');
    const doc = editor.document;
    for (const [what, pos] of [
      ['key', positionOf(doc, '@zz_hostile_md', 3)],
      ['quote', positionOf(doc, '"The pumpkin harvest doubled', 5)],
    ] as const) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const ours = hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'isTrusted' in c && unescape(c.value).includes('pumpkin'));
      assert.equal(ours.length, 1, `${what}: ${hoverMarkdown(hovers)}`);
      const text = assertInert(ours[0], `hover on the ${what}`);
      if (what === 'key') {
        assert.ok(text.includes('Pumpkins [x](command:workbench.action.terminal.new) <script>alert(1)</script>'), text);
        assert.ok(text.includes('<img src=x onerror=alert(1)>'), text);
      }
      assert.ok(text.includes('said [x](command:workbench.action.terminal.new) the <img src=x onerror=alert(1)> council and <script>alert(1)</script> its mayor ![t](https://example.invalid/track.png)'), text);
    }
    editor.selection = new vscode.Selection(positionOf(doc, '@zz_hostile_md', 3), positionOf(doc, '@zz_hostile_md', 3));
    const shown = waitFor(api.onDidProvideHover, () => true, 10_000, 'the hover');
    await vscode.commands.executeCommand('editor.action.showHover');
    await shown;
    await screenshot('hover-hostile');
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  });

  test('quote and key completion documentation', async () => {
    const editor = await openDraft('hostile-complete', '# Notes\n\nThe mayor said "the pumpkin harvest doubled\n\nSee [@zz_hos\n');
    const doc = editor.document;
    const quotes = completionItems(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(2).range.end, ' ')).filter((i) => insertTextOf(i).includes('[@zz_hostile_md]'));
    assert.ok(quotes.length >= 1, 'no quote from the hostile source');
    for (const item of quotes) {
      const text = assertInert(item.documentation as vscode.MarkdownString, `quote completion ${insertTextOf(item)}`);
      assert.ok(text.includes('<script>alert(1)</script>'), text);
      // the inserted text is the verbatim source wording: the writer's draft, the writer's choice
      assert.ok(hostileLine.includes(insertTextOf(item).replace(/" \[@zz_hostile_md\]$/, '')));
    }
    const keys = completionItems(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(4).range.end, '@'));
    const key = keys.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'zz_hostile_md');
    assert.ok(key, 'the hostile source is offered as a key');
    const text = assertInert(key.documentation as vscode.MarkdownString, 'key completion');
    assert.ok(text.includes('Pumpkins [x](command:workbench.action.terminal.new) <script>alert(1)</script>'), text);
  });

  test('the Insert Quote picker shows source text as plain text', async () => {
    const items = await api.quotePickItems('pumpkin harvest doubled');
    const item = items.find((i) => i.label.startsWith('The pumpkin harvest doubled'));
    assert.ok(item, items.map((i) => i.label).join('\n'));
    // a quick pick item is not Markdown: the text is shown as it is, whatever it contains
    assert.ok(hostileLine.startsWith(item.label.replace(/…$/, '')), item.label);
    assert.equal(item.detail, 'Pumpkins [x](command:workbench.action.terminal.new) <script>alert(1)</script>');
  });
});
