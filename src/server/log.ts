/**
 * Logging from the server: to the client's log (`window/logMessage`, which VS Code shows in the
 * "Grounded" output channel and other editors in their LSP log), or, for a private index that
 * writes nowhere, kept in memory.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** The four levels of `connection.console`. */
export interface Console {
  log(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export class ConsoleLog implements Logger {
  constructor(private readonly console: Console) {}

  debug(message: string): void {
    this.console.log(message);
  }

  info(message: string): void {
    this.console.info(message);
  }

  warn(message: string): void {
    this.console.warn(message);
  }

  error(message: string): void {
    this.console.error(message);
  }
}

/** A logger that only keeps its lines, as `[level] message` (info and above). */
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

  lines(): string[] {
    return [...this.recent];
  }
}
