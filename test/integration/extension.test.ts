/// <reference types="mocha" />
// Grounded in a real VS Code: hover, completion, Insert Quote, diagnostics, quick fixes, the file
// watcher and the escaping of untrusted source text, driven through VS Code's own API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GroundedApi } from '../../src/extension/extension';
import { activate, codeOf, completionItems, groundedDiagnostics, hoverMarkdown, insertTextOf, nextChange, openDraft, positionOf, root, save, SEEDS, unescape, waitFor } from './helpers';
import { screenshot } from './index';

const [S000, , S002, , S004] = SEEDS as [string, string, string, string, string];

const DRAFT = `# What Moscow offered

Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${S000}].

Rebels would be allowed to leave with their weapons via two special corridors [@${S002}; @${S004}].

Putin had ordered the pause "to avoid senseless victims" [@${S002}].

Zakaria Malahifji of the Fastaqim rebel group said: "We will not give up the city of Aleppo to the Americans" [@${S002}].

Everyone agrees the siege will end by Christmas.
`;

let api: GroundedApi;

suite('Grounded in VS Code', function () {
  this.timeout(60_000);

  suiteSetup(async () => {
    api = await activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('indexes the five sample sources', () => {
    const s = api.state();
    assert.equal(s.sources, 5);
    assert.ok(s.passages > 50, `${s.passages} passages`);
  });

  test('every contributed command is registered, with the Grounded category', async () => {
    const pkg = vscode.extensions.getExtension('grounded.grounded')!.packageJSON as { contributes: { commands: Array<{ command: string; category: string }> } };
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual([...api.commands].sort(), contributed);
    const all = new Set(await vscode.commands.getCommands(true));
    for (const c of pkg.contributes.commands) {
      assert.ok(all.has(c.command), `${c.command} not registered`);
      assert.equal(c.category, 'Grounded');
    }
  });

  test('hover over a citation key names the passage that backs the sentence, with a link that opens it', async () => {
    const editor = await openDraft('hover', DRAFT);
    const doc = editor.document;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, `@${S000}`, 3));
    const md = hoverMarkdown(hovers);
    const text = unescape(md);
    assert.ok(text.includes('Russian President Vladimir Putin has ordered a 10-hour humanitarian pause'), md);
    assert.ok(text.includes('UPI'), 'the outlet is named');
    assert.match(md, /\*\*Putin\*\*/, 'matched words are bold');
    const link = /\[Open source at line (\d+)\]\((command:grounded\.openSource\?[^)]+)\)/.exec(md);
    assert.ok(link, `no "Open source" link in ${md}`);
    assert.equal(link[1], '1');

    // the link opens the source with the passage selected
    const args = JSON.parse(decodeURIComponent(link[2]!.slice('command:grounded.openSource?'.length)));
    const opened = await vscode.commands.executeCommand<vscode.TextEditor>('grounded.openSource', ...args);
    assert.ok(opened.document.uri.path.endsWith(`${S000}.txt`), opened.document.uri.path);
    assert.ok(opened.document.getText(opened.selection).startsWith('ALEPPO, Syria, Nov. 2 (UPI) -- Russian President Vladimir Putin has ordered'), opened.document.getText(opened.selection));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('each key of [@a; @b] hovers on its own source', async () => {
    const editor = await openDraft('hover', DRAFT);
    const doc = editor.document;
    const first = unescape(hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, `@${S002}; @`, 2))));
    const second = unescape(hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, `@${S004}]`, 2))));
    assert.ok(first.includes('Russia tells rebels to leave Syria') && first.includes('via two special corridors'), first);
    assert.ok(second.includes(`source 004`) && second.includes('rebels would be allowed to leave unharmed'), second);
    assert.ok(!second.includes('Russia tells rebels to leave Syria'), 'the second key shows its own source');
  });

  test('hover over a quote says where it stands, or that it does not', async () => {
    const editor = await openDraft('hover', DRAFT);
    const doc = editor.document;
    const good = unescape(hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'to avoid senseless', 3))));
    assert.match(good, /Verbatim in 002, line 19/);
    const bad = unescape(hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'to the Americans', 3))));
    assert.match(bad, /not verbatim/);
    assert.ok(bad.includes('We will not give up the city of Aleppo to the Russians'), bad);
  });

  test('screenshot: the hover in the editor', async () => {
    const editor = await openDraft('hover', DRAFT);
    const pos = positionOf(editor.document, `@${S002}; @`, 4);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const shown = waitFor(api.onDidProvideHover, (u) => u.toString() === editor.document.uri.toString(), 10_000, 'the hover');
    await vscode.commands.executeCommand('editor.action.showHover');
    await shown;
    await screenshot('hover');
    await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
  });

  test('a quote completion inserts the exact sentence, the closing quote and the citation', async () => {
    const editor = await openDraft('complete', '# Notes\n\nThe rebel official said "we will not give\n');
    const doc = editor.document;
    const end = doc.lineAt(2).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end, ' ');
    const ours = completionItems(list).filter((i) => insertTextOf(i).includes('[@'));
    const sentence = 'We will not give up the city of Aleppo to the Russians and we won’t surrender';
    assert.ok(ours.length >= 1, 'no quote completions');
    assert.equal(insertTextOf(ours[0]!), `${sentence}" [@${S002}]`);
    assert.match(String(ours[0]!.detail), /line 15/);

    // accept it in the editor, as a writer would: the suggest widget, then Enter
    editor.selection = new vscode.Selection(end, end);
    const provided = waitFor(api.onDidProvideCompletions, (e) => e.uri.toString() === doc.uri.toString() && e.count > 0, 10_000, 'completions');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await provided;
    // a round trip through the workbench, so the widget has its items before the details open
    await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, end, ' ');
    await vscode.commands.executeCommand('toggleSuggestionDetails');
    await screenshot('completion');
    // the widget may still be rendering: accept until the document changes (bounded, event-driven)
    for (let i = 0; i < 20; i++) {
      const changed = nextChange(doc, 500).then(() => true, () => false);
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      if (await changed) break;
    }
    assert.equal(doc.lineAt(2).text, `The rebel official said "${sentence}" [@${S002}]`);
    // one undo step takes it back
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.lineAt(2).text, 'The rebel official said "we will not give');
  });

  test('after [@ the source keys are offered with their titles', async () => {
    const editor = await openDraft('keys', '# Notes\n\nThe pause was ordered [@]\n');
    const pos = positionOf(editor.document, '[@', 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos, '@');
    const labels = completionItems(list).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const id of SEEDS) assert.ok(labels.includes(id), `${id} not offered: ${labels.join(', ')}`);
    const reuters = completionItems(list).find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === S002)!;
    assert.ok(String(reuters.filterText).includes('Russia tells rebels'), 'searchable by title');
  });

  test('no quote completion in code or front matter', async () => {
    const editor = await openDraft('nocode', '---\ntitle: "we will not give\n---\n\n```\n"we will not give\n```\n');
    const doc = editor.document;
    for (const line of [1, 5]) {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(line).range.end, ' ');
      assert.equal(completionItems(list).filter((i) => insertTextOf(i).includes('[@')).length, 0, `line ${line}`);
    }
  });

  test('Insert Quote inserts the quote and its citation at the cursor, in one undo step', async () => {
    const editor = await openDraft('insert', '# Notes\n\nGerasimov said the pause was meant \n');
    const doc = editor.document;
    const end = doc.lineAt(2).range.end;
    editor.selection = new vscode.Selection(end, end);
    const inserted = await vscode.commands.executeCommand<string>('grounded.insertQuote', { query: 'to avoid senseless victims' });
    assert.match(inserted, /^"to avoid senseless victims" \[@\d{3}_[0-9a-f]+\]$/);
    assert.equal(doc.lineAt(2).text, `Gerasimov said the pause was meant ${inserted}`);
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.lineAt(2).text, 'Gerasimov said the pause was meant ');
  });

  test('a misquote and an unsupported claim get diagnostics on open, which follow an edit and save; the quick fix repairs the misquote', async () => {
    const editor = await openDraft('check', DRAFT);
    const doc = editor.document;
    const diags = await groundedDiagnostics(doc.uri, (d) => d.length > 0);
    const codes = diags.map(codeOf).sort();
    assert.deepEqual(codes, ['misquote', 'unsupported-claim'], JSON.stringify(diags.map((d) => [codeOf(d), d.message])));
    const misquote = diags.find((d) => codeOf(d) === 'misquote')!;
    assert.equal(misquote.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(doc.getText(misquote.range), 'We will not give up the city of Aleppo to the Americans');
    const related = misquote.relatedInformation?.[0];
    assert.ok(related && related.location.uri.path.endsWith(`${S002}.txt`), 'evidence points into the source');
    assert.equal(related.location.range.start.line, 14);
    const unsupported = diags.find((d) => codeOf(d) === 'unsupported-claim')!;
    assert.equal(unsupported.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(unsupported.range), 'Everyone agrees the siege will end by Christmas.');

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await screenshot('problems');

    // edit and save: the unsupported claim is replaced by one the sources back
    const line = unsupported.range.start.line;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, doc.lineAt(line).range, `Civilians could leave via six other corridors [@${S002}].`);
    await vscode.workspace.applyEdit(edit);
    const afterSave = groundedDiagnostics(doc.uri, (d) => d.length === 1);
    await save(doc);
    assert.deepEqual((await afterSave).map(codeOf), ['misquote']);

    // the quick fix puts in the source's wording
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, misquote.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.startsWith("Replace with the source's wording"));
    assert.ok(fix?.command, `no fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(actions.some((a) => a.title === 'Ignore misquote on this line'));
    assert.equal(await vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? [])), true);
    assert.ok(doc.getText().includes('"We will not give up the city of Aleppo to the Russians"'));
    const clean = groundedDiagnostics(doc.uri, (d) => d.length === 0);
    await save(doc);
    await clean;
  });

  test('the severity setting re-checks open drafts, and "off" drops a rule', async () => {
    const editor = await openDraft('severity', `Zakaria Malahifji said: "We will not give up the city of Aleppo to the Americans" [@${S002}].\n`);
    const doc = editor.document;
    await groundedDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'misquote'));
    const config = vscode.workspace.getConfiguration('grounded');
    try {
      const warned = groundedDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'misquote' && x.severity === vscode.DiagnosticSeverity.Warning));
      await config.update('severity', { misquote: 'warning' }, vscode.ConfigurationTarget.Workspace);
      await warned;
      const gone = groundedDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'misquote'));
      await config.update('severity', { misquote: 'off' }, vscode.ConfigurationTarget.Workspace);
      await gone;
    } finally {
      await config.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a source added on disk becomes searchable without a reload, and goes when deleted', async () => {
    const uri = vscode.Uri.joinPath(root(), 'sources', 'zz_market.txt');
    const added = waitFor(api.onDidIndex, (s) => !s.indexing && s.sources === 6, 20_000, 'the new source');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('Market news\n\nThe zebra crossing near the old market was repainted on Monday, officials said.\n'));
    await added;
    const editor = await openDraft('watch', '# Notes\n\nA council note said "the zebra crossing\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.document.lineAt(2).range.end, ' ');
    const texts = completionItems(list).map(insertTextOf);
    assert.ok(texts.includes('The zebra crossing near the old market was repainted on Monday" [@zz_market]'), texts.join('\n'));
    const removed = waitFor(api.onDidIndex, (s) => !s.indexing && s.sources === 5, 20_000, 'the source to go');
    await vscode.workspace.fs.delete(uri);
    await removed;
    const after = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.document.lineAt(2).range.end, ' ');
    assert.equal(completionItems(after).filter((i) => insertTextOf(i).includes('zz_market')).length, 0);
  });

  test('source text is shown as text: no command links or HTML from a source', async () => {
    const uri = vscode.Uri.joinPath(root(), 'sources', 'zz_hostile.txt');
    const hostile = 'Hostile page\n\nClick [x](command:workbench.action.terminal.new) to see the <img src=x onerror="alert(1)"> market report about pumpkins.\n';
    const added = waitFor(api.onDidIndex, (s) => !s.indexing && s.sources === 6, 20_000, 'the hostile source');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(hostile));
    await added;
    try {
      const editor = await openDraft('hostile', '# Notes\n\nThe market report is about pumpkins [@zz_hostile].\n');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, '@zz_hostile', 3));
      const md = hoverMarkdown(hovers);
      assert.ok(md.includes('\\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\)'), md);
      assert.ok(md.includes('&lt;img src\\=x onerror\\=\\"alert\\(1\\)\\"&gt;'), md);
      assert.ok(!md.includes('](command:workbench'), 'a command link got through');
      assert.ok(!md.includes('<img'), 'HTML got through');
      for (const h of hovers) {
        for (const c of h.contents) {
          if (typeof c === 'string' || !('isTrusted' in c) || !unescape(c.value).includes('pumpkins')) continue;
          assert.deepEqual(c.isTrusted, { enabledCommands: ['grounded.openSource'] });
          assert.notEqual(c.supportHtml, true);
        }
      }
      editor.selection = new vscode.Selection(positionOf(editor.document, '@zz_hostile', 3), positionOf(editor.document, '@zz_hostile', 3));
      const shown = waitFor(api.onDidProvideHover, () => true, 10_000, 'the hover');
      await vscode.commands.executeCommand('editor.action.showHover');
      await shown;
      await screenshot('hover-escaped');
    } finally {
      await vscode.workspace.fs.delete(uri);
      await waitFor(api.onDidIndex, (s) => !s.indexing && s.sources === 5, 20_000, 'the hostile source to go');
    }
  });

  test('citations are not reported as broken links by VS Code’s Markdown link validation', async () => {
    const md = vscode.workspace.getConfiguration('markdown');
    await md.update('validate.enabled', true, vscode.ConfigurationTarget.Workspace);
    try {
      const editor = await openDraft('links', `# Links\n\nPutin ordered a pause [@${S000}] and @${S002} agreed [see @${S004}, p. 3].\n\nA [broken link](./no-such-file.md) is reported.\n`);
      const uri = editor.document.uri;
      const markdownDiags = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source !== 'grounded');
      // the broken link is the control: once it is reported, the validator has run on the file
      if (!markdownDiags().some((d) => /no-such-file/.test(d.message))) {
        await waitFor(vscode.languages.onDidChangeDiagnostics, () => markdownDiags().some((d) => /no-such-file/.test(d.message)), 30_000, 'markdown link validation');
      }
      const aboutCitations = markdownDiags().filter((d) => /@/.test(d.message) || /@/.test(editor.document.getText(d.range)));
      assert.deepEqual(aboutCitations.map((d) => d.message), []);
    } finally {
      await md.update('validate.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
