/** The writer's settings, read through the core's typed defaults (src/core/config.ts). */
import * as vscode from 'vscode';
import { readSettings, type Settings } from '../core';

export function currentSettings(): Settings {
  const config = vscode.workspace.getConfiguration('grounded');
  return readSettings((key) => config.get(key));
}
