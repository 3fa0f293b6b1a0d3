/// <reference types="mocha" />
// A Quarto draft that cites a page of a PDF and a saved web page, in a real VS Code: the PDF
// (seeds/005_aleppo_briefing.pdf, typeset by groff and Ghostscript) and the page
// (seeds/006_aleppo_ledger.html, saved by Chromium) are copied into the workspace's sources/ for
// this suite and removed after it, so the other suites keep the five text seeds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GroundedApi } from '../../src/extension/extension';
import { activate, codeOf, groundedDiagnostics, hoverMarkdown, indexUntil, positionOf, root, save, unescape } from './helpers';

const PDF = '005_aleppo_briefing';
const PAGE = '006_aleppo_ledger';

const DRAFT = `---
title: "Aleppo, page by page"
format: html
---

\`\`\`{r}
#| label: setup
#| echo: false
corridors <- c(rebels = 2, civilians = 6)
\`\`\`

Six other corridors were to be opened for civilians and for the sick and wounded [@${PDF}, p. 2].

The rebels rejected the offer [@${PDF}, p. 1].

Aid agencies said they were still waiting for guarantees from all sides before sending convoys into the eastern districts [@${PAGE}].

Rebel groups in eastern Aleppo said that "they would never leave the city" [@${PAGE}].
`;

let api: GroundedApi;
const copied: vscode.Uri[] = [];

/** How many of the PDF and the web page are indexed. */
async function indexed(): Promise<number> {
  const ids = new Set((await api.sources()).map((s) => s.id));
  return [PDF, PAGE].filter((id) => ids.has(id)).length;
}

suite('PDF and web page sources, Quarto drafts', function () {
  this.timeout(90_000);

  suiteSetup(async () => {
    api = await activate();
    const ext = vscode.extensions.getExtension('grounded.grounded')!.extensionUri;
    await api.settled(); // what the suites before this one changed is in
    for (const name of [`${PDF}.pdf`, `${PAGE}.html`]) {
      const to = vscode.Uri.joinPath(root(), 'sources', name);
      await vscode.workspace.fs.writeFile(to, await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext, 'seeds', name)));
      copied.push(to);
    }
    await indexUntil(api, async () => (await indexed()) === 2, 60_000, 'the PDF and the web page indexed');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of copied) await vscode.workspace.fs.delete(uri);
    await indexUntil(api, async () => (await indexed()) === 0, 60_000, 'the PDF and the web page gone');
  });

  test('a .qmd draft citing a PDF page and a web page gets its findings', async () => {
    const uri = vscode.Uri.joinPath(root(), 'drafts', 'pages.qmd');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(DRAFT));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    assert.equal(doc.languageId, 'quarto');
    const diags = await groundedDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'wrong-locator') && d.some((x) => codeOf(x) === 'misquote'), 60_000);
    const locator = diags.find((x) => codeOf(x) === 'wrong-locator')!;
    assert.equal(locator.message, '005 backs this on p. 3, not on the cited p. 1');
    assert.equal(doc.getText(locator.range), 'p. 1');
    const misquote = diags.find((x) => codeOf(x) === 'misquote')!;
    assert.equal(doc.getText(misquote.range), 'they would never leave the city');
    assert.match(misquote.message, /they would not leave the city/);
    // the evidence in the saved web page links to the text Grounded read from it, not to the .html
    const evidence = misquote.relatedInformation?.[0];
    assert.ok(evidence, 'the misquote has its evidence as related information');
    assert.equal(evidence.location.uri.scheme, 'grounded-text');
    const shown = await vscode.workspace.openTextDocument(evidence.location.uri);
    assert.match(shown.getText(evidence.location.range), /they would not leave the city/);
    // nothing in the R chunk is a claim, and the supported sentences have no findings
    assert.ok(!diags.some((x) => x.range.start.line < 11), diags.map((x) => `${x.range.start.line}: ${x.message}`).join('\n'));
    assert.ok(!diags.some((x) => doc.lineAt(x.range.start.line).text.startsWith('Six other corridors') || doc.lineAt(x.range.start.line).text.startsWith('Aid agencies')));
  });

  test('hover over a PDF citation shows the passage with "p. N", and opens its text there', async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/drafts/pages.qmd'))!;
    const md = hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, `@${PDF}, p. 2`, 3)));
    const text = unescape(md);
    assert.ok(text.includes('Six other corridors were to be opened for civilians'), md);
    const link = /\[Open source at p\. (\d+), line (\d+)\]\((command:grounded\.openSource\?[^)]+)\)/.exec(md);
    assert.ok(link, `no "Open source at p. N" link in ${md}`);
    assert.equal(link[1], '2');
    const args = JSON.parse(decodeURIComponent(link[3]!.slice('command:grounded.openSource?'.length)));
    const opened = await vscode.commands.executeCommand<vscode.TextEditor>('grounded.openSource', ...args);
    assert.equal(opened.document.uri.scheme, 'grounded-text');
    assert.ok(opened.document.getText(opened.selection).startsWith('Six other corridors were to be opened'), opened.document.getText(opened.selection));
    assert.equal(opened.selection.start.line + 1, Number(link[2]));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test('the wrong-locator fix rewrites the page', async () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/drafts/pages.qmd'))!;
    await vscode.window.showTextDocument(doc, { preview: false });
    const locator = (await groundedDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'wrong-locator'))).find((x) => codeOf(x) === 'wrong-locator')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, locator.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to p. 3');
    assert.ok(fix?.command, `no fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(await vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? [])), true);
    assert.ok(doc.getText().includes(`The rebels rejected the offer [@${PDF}, p. 3].`), doc.getText());
    const fixed = groundedDiagnostics(doc.uri, (d) => !d.some((x) => codeOf(x) === 'wrong-locator') && d.some((x) => codeOf(x) === 'misquote'));
    await save(doc);
    await fixed;
  });
});
