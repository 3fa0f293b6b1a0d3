/**
 * Plain data shared by the core, the CLI and the extension. No `vscode` types: positions are
 * 0-based lines and UTF-16 characters, as VS Code counts them.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const RULES = ['unsupported-claim', 'uncited-claim', 'wrong-citation', 'misquote', 'contradicted', 'unknown-source', 'wrong-locator', 'unchecked-citation'] as const;
export type RuleId = (typeof RULES)[number];

/** Who said it and where: metadata of one source. */
export interface SourceMeta {
  id: string;
  title?: string;
  outlet?: string;
  date?: string;
  url?: string;
  author?: string;
  /** Number of pages, for a paged source (a PDF): its passages then carry their `page`. */
  pages?: number;
  /** Of a bibliography entry: the files that hold its text (workspace-relative paths). */
  files?: string[];
  /** Of a bibliography entry: the bibliography file it was read from. */
  bibliography?: string;
}

/** One sentence of a source. */
export interface Passage {
  /** Position of this passage in the corpus' passage table (stable while the source is unchanged). */
  readonly key: number;
  readonly sourceId: string;
  /** Offsets into the source text. */
  readonly start: number;
  readonly end: number;
  /** 0-based line and character of `start`. */
  readonly line: number;
  readonly character: number;
  readonly text: string;
  /** Order of the passage within its source (0-based), for finding neighbours. */
  readonly ordinal: number;
  /** 1-based page of a paged source (a PDF); absent for other sources. */
  readonly page?: number;
}

/** One source file, segmented. */
export interface Source {
  readonly id: string;
  readonly path: string;
  readonly text: string;
  readonly meta: SourceMeta;
  readonly passages: Passage[];
  /** Problems met while reading it (front matter that did not parse, encoding guessed, …). */
  readonly problems: string[];
}

/** A passage a verdict rests on, as shown to the writer. */
export interface Evidence {
  source: string;
  /** 1-based line, as people count. */
  line: number;
  /** 0-based UTF-16 column of the passage start on that line. */
  character: number;
  text: string;
  /** Offsets of the passage in the source text. */
  start: number;
  end: number;
  /** The claim's words that this passage contains, as written in the passage. */
  matched?: string[];
  /** 1-based page, when the source is paged (a PDF). */
  page?: number;
}

/** A text edit that fixes a finding. */
export interface Fix {
  title: string;
  range: Range;
  newText: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  range: Range;
  evidence: Evidence[];
  /** Support score in [0, 1]: the share of the claim's weighted content the evidence covers. */
  score: number;
  fixes: Fix[];
  /**
   * For findings about support (`unsupported-claim`, `contradicted`, `wrong-citation`):
   * `uncertain` when the support probability lies between the thresholds; such a finding is
   * information-level ("possibly unsupported"), and a second opinion may settle it.
   */
  confidence?: 'confident' | 'uncertain';
  /** The support probability the finding rests on, in [0, 1]. */
  probability?: number;
}

/** Something about the inputs the writer should know: a skipped file, a cap reached. */
export interface Problem {
  path: string;
  message: string;
  /** `skipped`: nothing of the file was used; `partial`: some of it was. */
  kind: 'skipped' | 'partial' | 'info';
}
