/**
 * Page locators of Pandoc citations: `[@key, p. 2]`, `[@key, pp. 2-3]`, `[@key, page 2]`,
 * `[@key, pages 2–3]`, `[@key, p. 4, para. 2]` (the page part is read; the rest is kept).
 */

/** The pages a citation names, and where its page locator is in the draft. */
export interface PageLocator {
  /** First and last page named (the same for one page). */
  from: number;
  to: number;
  /** Offsets of the page locator (`p. 2`, `pp. 2-3`) in the draft, for a fix that rewrites it. */
  start: number;
  end: number;
}

const PAGE_RE = /^(?:pp?\.?|pages?|pgs?\.?)\s*(\d{1,5})(?:\s*(?:-{1,2}|–|—|to)\s*(\d{1,5}))?\b/i;

/**
 * The page part of a citation's locator, which begins at offset `at` of the draft.
 *
 * @example pageLocator('pp. 2-3', 40) // { from: 2, to: 3, start: 40, end: 47 }
 */
export function pageLocator(locator: string, at: number): PageLocator | undefined {
  const m = PAGE_RE.exec(locator);
  if (!m) return undefined;
  const from = Number(m[1]);
  let to = m[2] ? Number(m[2]) : from;
  // "pp. 112-18" means 112 to 118
  if (m[2] && to < from && m[2].length < m[1]!.length) to = Number(m[1]!.slice(0, m[1]!.length - m[2].length) + m[2]);
  if (to < from) return undefined;
  return { from, to, start: at, end: at + m[0].length };
}

/** How a page or pages are written in a locator: `p. 2`, `pp. 2-3`. */
export function formatPages(from: number, to = from): string {
  return from === to ? `p. ${from}` : `pp. ${from}-${to}`;
}
