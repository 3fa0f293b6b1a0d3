/**
 * Preparing a batch of files for the corpus, reading here those not read yet (`UnreadFile`, see
 * readPlain.ts), in parts of some `partChars` characters each, so that a batch of files larger
 * than expected is never held and prepared at once: an index worker's request, or the CLI
 * thread's own share (src/node/indexWorkers.ts).
 */
import { PrepareScratch, prepareSources, type PreparedSources, type Problem, type SourceFile, type SourceMeta, type UnreadFile } from '../core';
import { ReadScratch, readPlainFile } from './readPlain';

/** What reading the batch's unread files gave, in their order: each text's length (-1: not read), and the problems by the file's place in that order. */
export interface FileReads {
  chars: number[];
  problems: Array<[at: number, problem: Problem]>;
}

/** Part of a prepared batch: its sources, and what became of its unread files. */
export interface PreparedPart {
  batch: PreparedSources;
  reads: FileReads;
}

/** The working memory of {@link prepareFiles}, kept from one batch to the next. */
export class FilesScratch {
  readonly prepare: PrepareScratch;
  readonly read = new ReadScratch();
  /**
   * @param sentAway the parts are posted to another thread (see `PrepareScratch`)
   * @param keepsLexicon the terms' ids are kept from one part to the next (see `PrepareScratch`)
   */
  constructor(sentAway = false, keepsLexicon = false) {
    this.prepare = new PrepareScratch(sentAway, keepsLexicon);
  }
}

/** Prepares `files` in order, handing each part to `emit` as soon as it is ready (the last one with `last`, possibly empty). */
export function prepareFiles(files: ReadonlyArray<SourceFile | UnreadFile>, bibliography: ReadonlyMap<string, SourceMeta> | undefined, scratch: FilesScratch, partChars: number, emit: (part: PreparedPart, last: boolean) => void): void {
  let texts: SourceFile[] = [];
  let reads: FileReads = { chars: [], problems: [] };
  let chars = 0;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    let text: string | undefined;
    if (file.text !== undefined) text = file.text;
    else {
      const read = readPlainFile(file, scratch.read);
      text = read.text;
      if (read.problem) reads.problems.push([reads.chars.length, read.problem]);
      reads.chars.push(text === undefined ? -1 : text.length);
      if (text === undefined) continue;
    }
    texts.push({ path: file.path, text });
    chars += text.length;
    if (chars >= partChars && i < files.length - 1) {
      emit({ batch: prepareSources(texts, bibliography, undefined, scratch.prepare), reads }, false);
      texts = [];
      reads = { chars: [], problems: [] };
      chars = 0;
    }
  }
  emit({ batch: prepareSources(texts, bibliography, undefined, scratch.prepare), reads }, true);
}
