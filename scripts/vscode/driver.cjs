// Drives code-server's VS Code workbench in headless Chromium and runs the extension's tests in it.
// Usage: node driver.cjs <serverUrl> <extensionDir> <testsDir> <workspaceDir>
//   env GROUNDED_SCREENSHOTS  folder for screenshots (default <cwd>/.vscode-test/screenshots)
//       TEST_TIMEOUT_MS       give up after this long (default 1200000: the whole suite, the soak test included,
//                             takes 2-5 minutes here, longer on a busy machine)
//       CHROMIUM_PATH         browser binary (default /usr/bin/chromium)
//       PLAYWRIGHT_CORE       path of the playwright-core package (default: resolved normally)
//       VERBOSE=1             also print workbench noise and the browser console
// Exit code: 0 tests passed, 1 tests failed, 2 page closed without a result, 3 timeout, 4 driver crash.
//
// With `--vscode-option enable-smoke-test-driver` the workbench reads the `payload` URL parameter
// (extensionDevelopmentPath / extensionTestsPath), forwards every log line (mocha's report and the
// extension host's console included) to window.codeAutomationLog, and calls
// window.codeAutomationExit(code) when the tests' run() settles.
// A test asks for a screenshot by logging `__SCREENSHOT__:<name>`; it is saved as <name>.png (written
// to a temp name, then renamed, so a test may wait for the file to appear).
// index.js logs `__RESULT__:{"passed":n,"failed":n,"pending":n}`, printed here as a plain closing line.
'use strict';
const path = require('path');
const fs = require('fs');
const os = require('os');
const util = require('util');
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

// Workbench chatter that says nothing about our extension (shown with VERBOSE=1).
const NOISE = new RegExp([
  /\[AgentHost/, /\[ChatModelSelection\]/, /\[AccountPolicyGate\]/, /getaddrinfo ENOTFOUND/,
  /connection token/, /Creating a socket/, /\[reconnection-grace-time\]/, /\[Service Worker\]/,
  /Updating additional builtin extensions cache/,
].map((r) => r.source).join('|'));

const [serverUrl, extDir, testsDir, wsDir] = process.argv.slice(2);
if (!serverUrl || !extDir || !testsDir || !wsDir) {
  console.error('usage: node driver.cjs <serverUrl> <extensionDir> <testsDir> <workspaceDir>');
  process.exit(4);
}
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 1200000);
const chromePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const shotDir = path.resolve(process.env.GROUNDED_SCREENSHOTS || path.join('.vscode-test', 'screenshots'));
const verbose = !!process.env.VERBOSE;

(async () => {
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(1) + 's';
  // Paths must be given as vscode-remote://host:port/abs/path (the server's file system), not file://.
  const remote = (p) => `vscode-remote://${new URL(serverUrl).host}${path.resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extDir)],
    ['extensionTestsPath', remote(testsDir)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  const target = `${serverUrl.replace(/\/$/, '')}/?folder=${encodeURIComponent(path.resolve(wsDir))}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || await ctx.newPage();

  let result = null;        // counts reported by index.js
  const pending = new Set(); // screenshots in progress
  let finished = false;
  const finish = async (code, why) => {
    if (finished) return;
    finished = true;
    await Promise.allSettled([...pending]);
    console.log(`[driver] ${why}; ${secs()}`);
    if (result) console.log(`integration: ${result.passed} passed, ${result.failed} failed, ${result.pending} skipped`);
    try { await ctx.close(); } catch { /* already gone */ }
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  };

  const screenshot = (rawName) => {
    const name = (rawName || 'screenshot').trim().replace(/\.png$/i, '').replace(/[^\w.-]+/g, '_') || 'screenshot';
    const file = path.join(shotDir, `${name}.png`);
    const tmp = path.join(shotDir, `.${name}.${process.pid}.tmp.png`);
    const p = (async () => {
      try {
        fs.mkdirSync(shotDir, { recursive: true });
        await page.screenshot({ path: tmp });
        fs.renameSync(tmp, file);
        console.log(`[driver] screenshot ${file}`);
      } catch (e) {
        console.log(`[driver] screenshot ${name} failed: ${e.message}`);
      }
    })();
    pending.add(p);
    p.finally(() => pending.delete(p));
  };

  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = util.format(...(Array.isArray(args) ? args : [args]));
    const shot = /__SCREENSHOT__(?::([^\s"'`]+))?/.exec(text);
    if (shot) screenshot(shot[1]);
    const res = /__RESULT__:(\{[^}]*\})/.exec(text);
    if (res) { try { result = JSON.parse(res[1]); } catch { /* ignore */ } }
    if (shot || res) return;
    if (verbose || !NOISE.test(text)) console.log(`[vscode:${type}] ${text}`);
  });
  await page.exposeFunction('codeAutomationExit', (code) =>
    finish(Number(code) ? 1 : 0, `tests finished with code ${code}`));

  if (verbose) page.on('console', (msg) => console.log(`[page:${msg.type()}] ${msg.text()}`));
  page.on('pageerror', (err) => console.log('[pageerror]', err.message));
  page.on('close', () => finish(2, 'page closed without a result'));
  setTimeout(() => {
    screenshot('timeout');
    finish(3, `timeout after ${timeoutMs}ms (screenshot: ${path.join(shotDir, 'timeout.png')})`);
  }, timeoutMs).unref();

  if (verbose) console.log('[driver] goto', target);
  await page.goto(target, { waitUntil: 'domcontentloaded' });
  console.log(`[driver] workbench loaded in ${secs()}`);
})().catch((e) => { console.error('[driver] fatal', e); process.exit(4); });
