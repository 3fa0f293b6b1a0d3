/**
 * A saved web page → the article's main text, with Mozilla's Readability (Firefox Reader View's
 * engine) on a `linkedom` document: both plain JavaScript, so this runs in Node and in a web
 * worker. Navigation, cookie banners, sign-up boxes, "related" lists and footers are left out;
 * title, outlet, author and date come from the page's metadata (`<title>`, Open Graph,
 * `article:published_time`, JSON-LD).
 */
import { reasonOf, tidy, type Extraction } from './extraction';
import type { SourceMeta } from '../../model/types';

/** What this module uses of a DOM element (linkedom's), without the DOM library's types. */
interface El {
  readonly tagName: string;
  readonly children: ArrayLike<El>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  remove(): void;
}
interface Doc extends El {
  readonly body: El;
}

/** Page furniture that Readability's own rules may keep: removed before it reads the page. */
const FURNITURE_SELECTOR = [
  'nav',
  'footer',
  'aside',
  'form',
  'script',
  'style',
  'noscript',
  'template',
  '[role="navigation"]',
  '[role="contentinfo"]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[aria-modal="true"]',
].join(',');
const FURNITURE_NAME = /\b(cookie|consent|gdpr|newsletter|subscribe|sign-?up|signup|related|recommended|promo|share|social|paywall|banner|breadcrumb|most-read|trending|advert|ad-slot)\b/i;

/** Reads the article of an HTML page. Never throws. */
export async function extractHtml(html: string): Promise<Extraction> {
  try {
    const [{ parseHTML }, { Readability }] = await Promise.all([import('linkedom'), import('@mozilla/readability')]);
    const document = (parseHTML(html) as unknown as { document: Doc }).document;
    const meta = pageMeta(document);
    for (const el of Array.from(document.querySelectorAll(FURNITURE_SELECTOR))) el.remove();
    for (const el of Array.from(document.querySelectorAll('[class],[id]'))) {
      if (el.tagName === 'BODY' || el.tagName === 'HTML' || el.tagName === 'ARTICLE' || el.tagName === 'MAIN') continue;
      if (FURNITURE_NAME.test(`${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`)) el.remove();
    }
    const article = new Readability(document as never, { charThreshold: 200 }).parse();
    if (!article || !article.content) return { ok: false, reason: 'no article found in the page' };
    const body = (parseHTML(`<!doctype html><html><body>${article.content}</body></html>`) as unknown as { document: Doc }).document;
    const text = blocksOf(body.body).join('\n\n');
    if (!/[\p{L}\p{N}]/u.test(text)) return { ok: false, reason: 'no article found in the page' };
    if (!meta.title && article.title) meta.title = article.title.trim();
    if (!meta.author && article.byline) meta.author = article.byline.replace(/^by\s+/i, '').trim();
    if (!meta.outlet && article.siteName) meta.outlet = article.siteName.trim();
    if (!meta.date && article.publishedTime) meta.date = isoDay(article.publishedTime);
    return { ok: true, text, meta, notes: [] };
  } catch (e) {
    return { ok: false, reason: `cannot read the page (${reasonOf(e)})` };
  }
}

const BLOCK = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE', 'FIGCAPTION', 'DT', 'DD', 'TD', 'TH']);

/** The text of each block element (paragraph, heading, list item…), in order. */
function blocksOf(root: El): string[] {
  const out: string[] = [];
  const walk = (el: El) => {
    for (const child of Array.from(el.children)) {
      if (BLOCK.has(child.tagName) && !child.querySelector([...BLOCK].join(','))) {
        const t = tidy((child.textContent ?? '').replace(/\s*\n\s*/g, ' ')).trim();
        if (t) out.push(t);
      } else walk(child);
    }
  };
  walk(root);
  if (!out.length) {
    const t = tidy(root.textContent ?? '').trim();
    if (t) out.push(...t.split(/\n{2,}/));
  }
  return out;
}

function isoDay(s: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s.trim());
  return m ? m[1]! : s.trim();
}

/** Title, outlet, author, date and URL from `<meta>`, `<title>` and JSON-LD. */
function pageMeta(doc: Doc): Partial<SourceMeta> {
  const content = (sel: string) => doc.querySelector(sel)?.getAttribute('content')?.trim() || undefined;
  const meta: Partial<SourceMeta> = {};
  const ld = jsonLd(doc);
  const title = content('meta[property="og:title"]') ?? str(ld['headline']) ?? doc.querySelector('title')?.textContent?.trim();
  if (title) meta.title = title;
  const outlet = content('meta[property="og:site_name"]') ?? str((ld['publisher'] as Record<string, unknown> | undefined)?.['name']);
  if (outlet) meta.outlet = outlet;
  const author = content('meta[name="author"]') ?? content('meta[property="article:author"]') ?? ldAuthor(ld['author']);
  if (author && !/^https?:/.test(author)) meta.author = author;
  const date = content('meta[property="article:published_time"]') ?? str(ld['datePublished']) ?? doc.querySelector('time[datetime]')?.getAttribute('datetime') ?? undefined;
  if (date) meta.date = isoDay(date);
  const url = content('meta[property="og:url"]') ?? doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined;
  if (url) meta.url = url;
  return meta;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function ldAuthor(v: unknown): string | undefined {
  const list = Array.isArray(v) ? v : v ? [v] : [];
  const names = list.map((a) => (typeof a === 'string' ? a : str((a as Record<string, unknown>)?.['name']))).filter((x): x is string => !!x);
  return names.length ? names.join(', ') : undefined;
}

/** The first JSON-LD object that describes an article (or the first one at all). */
function jsonLd(doc: Doc): Record<string, unknown> {
  const found: Array<Record<string, unknown>> = [];
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      const data = JSON.parse(s.textContent ?? '') as unknown;
      const items = Array.isArray(data) ? data : (data as Record<string, unknown>)?.['@graph'] ? ((data as Record<string, unknown>)['@graph'] as unknown[]) : [data];
      for (const it of items) if (it && typeof it === 'object') found.push(it as Record<string, unknown>);
    } catch {
      // a broken block is skipped
    }
  }
  return found.find((o) => /Article|Report|Posting/i.test(String(o['@type'] ?? ''))) ?? found[0] ?? {};
}
