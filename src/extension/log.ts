/**
 * The "Grounded" output channel, behind a small interface so the pieces that log do not depend on
 * VS Code's channel type. It also keeps the last lines it logged (info and above), so the
 * integration tests can check what the writer was told there.
 */
import * as vscode from 'vscode';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Reveals the channel. */
  show(preserveFocus?: boolean): void;
}

const KEEP = 2000;

export class OutputLog implements Logger, vscode.Disposable {
  private readonly channel = vscode.window.createOutputChannel('Grounded', { log: true });
  private readonly recent: string[] = [];

  debug(message: string): void {
    this.channel.debug(message);
  }

  info(message: string): void {
    this.channel.info(message);
    this.keep('info', message);
  }

  warn(message: string): void {
    this.channel.warn(message);
    this.keep('warning', message);
  }

  error(message: string): void {
    this.channel.error(message);
    this.keep('error', message);
  }

  show(preserveFocus = true): void {
    this.channel.show(preserveFocus);
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

/** A logger that only keeps its lines (for a private index that writes to no channel). */
export class MemoryLog implements Logger {
  private readonly recent: string[] = [];

  debug(): void {
    // not kept
  }

  info(message: string): void {
    this.recent.push(`[info] ${message}`);
  }

  warn(message: string): void {
    this.recent.push(`[warning] ${message}`);
  }

  error(message: string): void {
    this.recent.push(`[error] ${message}`);
  }

  show(): void {
    // nothing to show
  }

  lines(): readonly string[] {
    return [...this.recent];
  }
}
