/**
 * The bibliographies a draft names in its front matter (`bibliography: refs.bib`, or a YAML list
 * of them), as Pandoc, Quarto and R Markdown read it: paths relative to the draft.
 */
import { resolvePath } from '../sources/bibliography';
import { parseDraft, type Draft } from './draft';

/**
 * The bibliographies of the draft at `draftPath` (workspace-relative), resolved against the
 * draft's folder, for `loadBibliographies`. Pass the parsed draft where there is one, so its front
 * matter is not read again.
 *
 * @example bibliographiesOfDraft('notes/a.qmd', '---\nbibliography:\n  - refs.bib\n  - ../lib.json\n---\n…')
 * // ['notes/refs.bib', 'lib.json']
 */
export function bibliographiesOfDraft(draftPath: string, draft: string | Draft): string[] {
  const listed = (typeof draft === 'string' ? parseDraft(draft) : draft).bibliography ?? [];
  const dir = draftPath.includes('/') ? draftPath.slice(0, draftPath.lastIndexOf('/')) : '';
  return listed.map((p) => resolvePath(dir, p));
}
