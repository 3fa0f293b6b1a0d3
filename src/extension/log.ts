/**
 * The "Grounded" output channel. The language client writes the server's log into it
 * (`window/logMessage`), the extension its own lines; it also keeps the last lines written at
 * info level and above, so the integration tests can check what the writer was told there.
 */
import * as vscode from 'vscode';

const KEEP = 2000;

export class OutputLog implements vscode.LogOutputChannel {
  private readonly channel = vscode.window.createOutputChannel('Grounded', { log: true });
  private readonly recent: string[] = [];
  readonly name = this.channel.name;
  readonly onDidChangeLogLevel = this.channel.onDidChangeLogLevel;

  get logLevel(): vscode.LogLevel {
    return this.channel.logLevel;
  }

  trace(message: string, ...args: unknown[]): void {
    this.channel.trace(message, ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(message, ...args);
  }

  info(message: string, ...args: unknown[]): void {
    this.channel.info(message, ...args);
    this.keep('info', message);
  }

  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(message, ...args);
    this.keep('warning', message);
  }

  error(error: string | Error, ...args: unknown[]): void {
    this.channel.error(error, ...args);
    this.keep('error', typeof error === 'string' ? error : (error.stack ?? error.message));
  }

  append(value: string): void {
    this.channel.append(value);
  }

  appendLine(value: string): void {
    this.channel.appendLine(value);
  }

  replace(value: string): void {
    this.channel.replace(value);
  }

  clear(): void {
    this.channel.clear();
  }

  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(a?: boolean | vscode.ViewColumn, b?: boolean): void {
    this.channel.show(typeof a === 'boolean' ? a : (b ?? true));
  }

  hide(): void {
    this.channel.hide();
  }

  /** The last lines logged at info level and above, oldest first, as `[level] message`. */
  lines(): readonly string[] {
    return [...this.recent];
  }

  private keep(level: string, message: string): void {
    this.recent.push(`[${level}] ${message}`);
    if (this.recent.length > KEEP) this.recent.splice(0, this.recent.length - KEEP);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
