/// <reference types="mocha" />
// Proves the wiring: the extension is installed in the test VS Code and activates.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('smoke', () => {
  test('the Grounded extension is present and activates', async () => {
    const ext = vscode.extensions.getExtension('grounded.grounded');
    assert.ok(ext, 'extension grounded.grounded not found');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });
});
