/// <reference types="mocha" />
// Editor latency in the real extension host on the sample sources: at least 100 hover, completion
// and diagnostics requests each, through VS Code's API (so each includes the round trip to the
// workbench and every other provider registered for Markdown). Logs median and p95 as
// `LATENCY <name> n=… median=…ms p95=…ms` lines, recorded in bench/RESULTS.md.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GroundedApi } from '../../src/extension/extension';
import { activate, groundedDiagnostics, openDraft, percentile, save, SEEDS, waitFor } from './helpers';

const N = Number(process.env.GROUNDED_LATENCY_N ?? 120);

function report(name: string, ms: number[]): { median: number; p95: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const p95 = percentile(sorted, 95);
  console.log(`LATENCY ${name} n=${ms.length} median=${median.toFixed(1)}ms p95=${p95.toFixed(1)}ms max=${sorted[sorted.length - 1]!.toFixed(1)}ms`);
  return { median, p95 };
}

suite('latency on seeds/', function () {
  this.timeout(300_000);
  let api: GroundedApi;
  let draft: string;

  suiteSetup(async () => {
    api = await activate();
    draft = sampleDraft();
  });

  test(`hover over citations (${N} requests)`, async () => {
    const editor = await openDraft('latency-hover', draft);
    const doc = editor.document;
    const keys = [...doc.getText().matchAll(/@\d{3}_[0-9a-f]+/g)].map((m) => doc.positionAt(m.index! + 3));
    assert.ok(keys.length > 5);
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, keys[i % keys.length]);
      times.push(performance.now() - t0);
      assert.ok(hovers.length > 0);
    }
    report('hover', times);
  });

  test(`quote completion (${N} requests)`, async () => {
    const prefixes = ['we will not', 'to avoid senseless', 'rebels would be allowed', 'humanitarian pause', 'civilians did not trust', 'the Russian Defence Ministry'];
    const editor = await openDraft('latency-complete', '# Notes\n\n' + prefixes.map((p) => `Someone said "${p}\n`).join('\n'));
    const doc = editor.document;
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const line = 2 + 2 * (i % prefixes.length);
      const t0 = performance.now();
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(line).range.end, ' ');
      times.push(performance.now() - t0);
      assert.ok(list.items.some((it) => String(typeof it.insertText === 'string' ? it.insertText : '').includes('[@')), `no quote for line ${line}`);
    }
    report('completion', times);
  });

  test(`diagnostics after an edit and save (${N} checks)`, async () => {
    const editor = await openDraft('latency-check', draft);
    const doc = editor.document;
    await groundedDiagnostics(doc.uri, (d) => d.length > 0);
    const times: number[] = [];
    const core: number[] = [];
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    for (let i = 0; i < N; i++) {
      // a one-character edit, then save: the time until the new diagnostics are published
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, end, i % 2 ? '' : ' ');
      if (i % 2) edit.delete(doc.uri, new vscode.Range(end, end.translate(0, 1)));
      await vscode.workspace.applyEdit(edit);
      const version = doc.version;
      const checked = waitFor(api.onDidCheck, (e) => e.uri.toString() === doc.uri.toString() && e.version === version, 20_000, 'the check');
      const published = waitFor(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === doc.uri.toString()), 20_000, 'diagnostics');
      const t0 = performance.now();
      await save(doc);
      const c = await checked;
      await published;
      times.push(performance.now() - t0);
      core.push(c.ms);
    }
    report('diagnostics (save → Problems)', times);
    report('diagnostics (core check of the draft)', core);
  });
});

/** A draft like examples/draft.md: 14 claims, citations, quotes, a misquote and an unsupported claim. */
function sampleDraft(): string {
  const [a, b, c, d, e] = SEEDS as [string, string, string, string, string];
  return `---
title: Aleppo's humanitarian pause
---

# What Moscow offered

Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${a}].

Rebels would be allowed to leave with their weapons via two special corridors, while civilians could use six other corridors [@${c}].

The corridors would be open between 9 a.m. and 7 p.m. local time on Nov. 4 [@${e}].

The rebels turned the offer down.

## What was said

Zakaria Malahifji of the Fastaqim rebel group said: "We will not give up the city of Aleppo to the Americans" [@${c}].

The Russian military said three corridors would be opened for the rebels [@${a}].

Gerasimov said the pause was meant "to avoid senseless victims" [@${a}].

The United Nations delivered 40 trucks of food to the eastern districts that week [@${d}].

Civilians trusted the government side, the rebel official said [@${c}].

The humanitarian ceasefire represents the latest in a series of attempts by Moscow [@${b}].

It is hard to see how a ten-hour window could change much on the ground.

See also [@005_missing] for background.

<!-- grounded-disable-next-line -->
Everyone agrees the siege will end by Christmas.
`;
}
