// Renders docs/images/icon.svg to docs/images/icon.png (256×256, transparent corners) with the headless
// Chromium the integration tests use. Usage: node scripts/vscode/render-icon.cjs
//   env GROUNDED_VSCODE_DIR  the tools (default <repo>/.vscode-test; see scripts/vscode/setup.sh)
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const VT = path.resolve(process.env.GROUNDED_VSCODE_DIR || path.join(ROOT, '.vscode-test'));
const { chromium } = require(process.env.PLAYWRIGHT_CORE || path.join(VT, 'tools/node_modules/playwright-core'));

(async () => {
  const svg = fs.readFileSync(path.join(ROOT, 'docs', 'images', 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(ROOT, 'docs', 'images', 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
  console.log('docs/images/icon.png');
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
