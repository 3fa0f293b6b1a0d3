/**
 * The bibliographies a draft names in its front matter (`bibliography: refs.bib`, or a YAML list
 * of them), as Pandoc, Quarto and R Markdown read it: paths relative to the draft.
 */
import { parseFrontMatter, splitFrontMatter } from '../sources/sources';
import { resolvePath } from '../sources/bibliography';

/** `bibliography:` of a front matter mapping: one path or a list of them, as written. */
export function bibliographyField(data: Record<string, unknown>): string[] | undefined {
  const bib = data['bibliography'];
  if (typeof bib === 'string') return bib.trim() ? [bib.trim()] : [];
  if (Array.isArray(bib)) return bib.filter((b): b is string => typeof b === 'string' && b.trim() !== '').map((b) => b.trim());
  return undefined;
}

/**
 * The bibliographies of the draft at `draftPath` (workspace-relative), resolved against the
 * draft's folder, for `loadBibliographies`.
 *
 * @example bibliographiesOfDraft('notes/a.qmd', '---\nbibliography:\n  - refs.bib\n  - ../lib.json\n---\n…')
 * // ['notes/refs.bib', 'lib.json']
 */
export function bibliographiesOfDraft(draftPath: string, text: string): string[] {
  const { yaml } = splitFrontMatter(text);
  if (yaml === undefined) return [];
  const listed = bibliographyField(parseFrontMatter(yaml).data) ?? [];
  const dir = draftPath.includes('/') ? draftPath.slice(0, draftPath.lastIndexOf('/')) : '';
  return listed.map((p) => resolvePath(dir, p));
}
