// Shared by the integration tests: activation, the sample sources, drafts on disk, and waiting
// on events with a timeout (never sleeping).
import * as vscode from 'vscode';
import type { GroundedApi } from '../../src/extension/extension';

export const SEEDS = ['000_35f1dbd1b08b91d7', '001_b0a5b3a894015755', '002_ac6502ea9c5e1856', '003_1fa6402b6538030d', '004_545e220eb4316cf6'];

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (the sample seeds)');
  return folder.uri;
}

/** Resolves with the first event that satisfies `ok`, or rejects after `ms`. */
export function waitFor<T>(event: vscode.Event<T>, ok: (e: T) => boolean = () => true, ms = 20_000, what = 'event'): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const sub = event((e) => {
      if (!ok(e)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(e);
    });
  });
}

let api: GroundedApi | undefined;

/**
 * Activates the extension and waits until the five seed articles (the workspace's seeds/) are
 * indexed, and until VS Code's built-in Markdown support has started (see markdownStarted).
 */
export async function activate(): Promise<GroundedApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<GroundedApi>('grounded.grounded');
  if (!ext) throw new Error('extension grounded.grounded not found');
  const a = await ext.activate();
  await a.ready();
  await markdownStarted();
  if (a.state().sources < SEEDS.length) throw new Error(`expected the ${SEEDS.length} seeds to be indexed, found ${a.state().sources}`);
  api = a;
  return a;
}

/**
 * Resolves once the built-in Markdown extension (vscode.markdown-language-features) is active.
 * Its activation ends by starting the Markdown language server, whose client registers that
 * server's providers, code actions among them, for every Markdown document. VS Code cancels a
 * code-action request when the set of code-action providers for the document changes while the
 * request is in flight (`vscode.executeCodeActionProvider` then resolves with no actions, or
 * rejects with "Canceled"), so a request made in the first seconds of a run, before that server
 * is up, can come back empty although our provider answered. Once the activation has resolved,
 * those registrations have been sent to the workbench ahead of any request the test makes next.
 */
export async function markdownStarted(): Promise<void> {
  await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
}

/** Writes a draft into the workspace (drafts/<name>.md), opens it in an editor and returns the editor. */
export async function openDraft(name: string, text: string): Promise<vscode.TextEditor> {
  // a document already open would keep its old text until VS Code notices the file changed: use a new file
  let uri = vscode.Uri.joinPath(root(), 'drafts', `${name}.md`);
  for (let n = 2; vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()); n++) uri = vscode.Uri.joinPath(root(), 'drafts', `${name}-${n}.md`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/**
 * Saves a document; resolves, once it is saved, with how many times VS Code refused the save.
 *
 * In the web workbench (code-server) `files.autoSave` defaults to `afterDelay` (1 s; desktop VS
 * Code: `off`). A save asked for while another save of the same document is running its save
 * participants (the onWillSaveTextDocument round trip to the extension host) is refused:
 * `save()` resolves false at once and the document stays dirty until that other save has written
 * it. So when more than a second passes between an edit and `save()` (the extension host or the
 * browser busy, as on a loaded machine), the auto save starts first and the explicit save is
 * refused. On a refusal this waits for the document's next save, then asks again (a save of a
 * document that is no longer dirty resolves true at once); it fails if the document is still not
 * saved after `ms`.
 */
export async function save(doc: vscode.TextDocument, ms = 60_000): Promise<number> {
  const deadline = Date.now() + ms;
  const key = doc.uri.toString();
  for (let refused = 0; ; refused++) {
    // listening before asking, so that the other save's completion cannot slip past
    let sub: vscode.Disposable | undefined;
    const saved = new Promise<void>((resolve) => {
      sub = vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.toString() === key) resolve();
      });
    });
    try {
      if (await doc.save()) return refused;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${doc.uri.path} was not saved within ${ms} ms: save() resolved false ${refused + 1} times (dirty: ${doc.isDirty}, version ${doc.version})`);
      // the other save's end (or, should it never come, a few seconds), then ask again
      if (doc.isDirty) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 5_000));
          void saved.then(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    } finally {
      sub?.dispose();
    }
  }
}

/** Diagnostics of ours for a document, once `ok` holds for them (checked now, then on every change). */
export async function groundedDiagnostics(uri: vscode.Uri, ok: (d: vscode.Diagnostic[]) => boolean, ms = 20_000): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'grounded');
  const waiting = waitFor(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === uri.toString()) && ok(ours()), ms, `diagnostics on ${uri.path}`);
  if (ok(ours())) {
    waiting.catch(() => undefined);
    return ours();
  }
  await waiting;
  return ours();
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Position of the `nth` occurrence of `needle` in a document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not in ${doc.uri.path}`);
  }
  return doc.positionAt(at + delta);
}

/** The Markdown of every hover, joined. */
export function hoverMarkdown(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

/** Markdown escapes and bold marks removed, to compare with source text. */
export function unescape(md: string): string {
  return md.replace(/\*\*/g, '').replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function completionItems(list: vscode.CompletionList | undefined): vscode.CompletionItem[] {
  return list?.items ?? [];
}

export function insertTextOf(item: vscode.CompletionItem): string {
  return typeof item.insertText === 'string' ? item.insertText : (item.insertText?.value ?? (typeof item.label === 'string' ? item.label : item.label.label));
}

/** Waits for the next change of a document's text. */
export function nextChange(doc: vscode.TextDocument, ms = 5_000): Promise<vscode.TextDocumentChangeEvent> {
  return waitFor(vscode.workspace.onDidChangeTextDocument, (e) => e.document === doc && e.contentChanges.length > 0, ms, `a change of ${doc.uri.path}`);
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * Resolves once `ok()` holds for the index: checked now, then after every index event (`ok` may
 * ask the language server, so it may be async; the next event is listened for before each look).
 */
export async function indexUntil(api: GroundedApi, ok: () => boolean | Promise<boolean>, ms = 30_000, what = 'the index'): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const next = waitFor(api.onDidIndex, () => true, Math.max(1, deadline - Date.now()), what);
    if (await ok()) {
      next.catch(() => undefined);
      return;
    }
    await next;
  }
}

/** Every source file's bytes and modification time, to show that nothing wrote to them. */
export async function fingerprint(uris: readonly vscode.Uri[]): Promise<Map<string, { mtime: number; size: number; bytes: string }>> {
  const out = new Map<string, { mtime: number; size: number; bytes: string }>();
  for (const uri of uris) {
    const stat = await vscode.workspace.fs.stat(uri);
    const bytes = await vscode.workspace.fs.readFile(uri);
    out.set(uri.toString(), { mtime: stat.mtime, size: stat.size, bytes: Buffer.from(bytes).toString('base64') });
  }
  return out;
}
