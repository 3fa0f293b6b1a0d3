/** The Node host for the CLI, the tests and the benchmarks: files under a root folder. */
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { glob } from 'tinyglobby';
import { type ExtractLimits, type Extraction, type Host } from '../core';
import { ExtractPool } from './extractPool';

export class NodeHost implements Host {
  /** PDF, HTML and DOCX sources are read into text on a worker thread (started on the first one). */
  private extractor: ExtractPool | undefined;

  constructor(readonly root: string) {}

  extract(path: string, bytes: Uint8Array, limits: ExtractLimits): Promise<Extraction> {
    return (this.extractor ??= new ExtractPool()).extract(path, bytes, limits);
  }

  private abs(path: string): string {
    return isAbsolute(path) ? path : join(this.root, path);
  }

  /** Where a build that reads files itself finds a file: its absolute path (see `LoadOptions.buildReads`). */
  location(path: string): string {
    return this.abs(path);
  }

  async findFiles(globs: readonly string[], ignore: readonly string[] = []): Promise<string[]> {
    const found = await glob([...globs], { cwd: this.root, ignore: [...ignore], onlyFiles: true, followSymbolicLinks: true, dot: false, expandDirectories: false });
    return found.map((p) => p.replace(/\\/g, '/')).sort();
  }

  async readFile(path: string): Promise<Uint8Array> {
    return readFileSync(this.abs(path));
  }

  async readUtf8(path: string): Promise<string> {
    return readFileSync(this.abs(path), 'utf8');
  }

  async size(path: string): Promise<number | undefined> {
    try {
      const s = statSync(this.abs(path));
      return s.isFile() ? s.size : undefined;
    } catch {
      return undefined;
    }
  }

  async stat(path: string): Promise<[size: number, mtime: number] | undefined> {
    try {
      const s = statSync(this.abs(path));
      return s.isFile() ? [s.size, s.mtimeMs] : undefined;
    } catch {
      return undefined;
    }
  }

  /** {@link stat} of many paths at once (one synchronous call each: much faster than as many promises). */
  async statAll(paths: readonly string[]): Promise<Array<[size: number, mtime: number] | undefined>> {
    const prefix = this.root.endsWith('/') || this.root.endsWith('\\') ? this.root : `${this.root}/`;
    return paths.map((path) => {
      try {
        const s = statSync(isAbsolute(path) ? path : prefix + path, { throwIfNoEntry: false });
        return s?.isFile() ? [s.size, s.mtimeMs] : undefined;
      } catch {
        return undefined;
      }
    });
  }

  /** A path as shown to the user: relative to the root when inside it. */
  display(path: string): string {
    const rel = relative(this.root, this.abs(path)).replace(/\\/g, '/');
    return rel.startsWith('..') ? path : rel;
  }
}
