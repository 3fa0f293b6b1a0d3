// PDF, HTML and DOCX sources, and the files that cannot be read. The fixtures in
// test/fixtures/formats were made by real producers (see make.sh there: groff + ghostscript,
// qpdf, pandoc); the broken ones are made here, with JSZip for the zips.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { Corpus, extractSource, extractedText, loadCorpus, readText, type Host } from '../../src/core';
import { NodeHost } from '../../src/node/host';
import { ROOT } from './fixtures';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'formats');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A host over files held in memory. */
function memoryHost(files: Record<string, Uint8Array | string>): Host {
  const bytes = (p: string) => {
    const f = files[p];
    return typeof f === 'string' ? new TextEncoder().encode(f) : f;
  };
  return {
    findFiles: async () => Object.keys(files).sort(),
    readFile: async (p) => bytes(p)!,
    size: async (p) => bytes(p)?.length,
  };
}

async function sourceOf(path: string, bytes: Uint8Array) {
  const r = await extractSource(path, bytes);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  const corpus = new Corpus();
  return corpus.addSource(path, extractedText(path, r));
}

describe('PDF sources', () => {
  it('reads the text of each page, and every passage carries its 1-based page', async () => {
    const s = await sourceOf('sources/paged.pdf', fixture('paged.pdf'));
    assert.equal(s.meta.pages, 3);
    const on = (words: string) => s.passages.find((p) => p.text.includes(words));
    assert.equal(on('convoy stood at the checkpoint')?.page, 1);
    assert.equal(on('second corridor stayed closed')?.page, 2);
    assert.equal(on('observers left the city at dusk')?.page, 3);
  });

  it('joins words hyphenated at a line end, keeping hyphens the word always has', async () => {
    const s = await sourceOf('sources/paged.pdf', fixture('paged.pdf'));
    assert.ok(s.passages.some((p) => p.text.includes('the humanitarian workers counted')));
    assert.ok(s.passages.some((p) => p.text.includes('and the well-known crossing at the mill')));
    assert.ok(!s.passages.some((p) => /humani- ?tarian/.test(p.text)));
  });

  it('drops running headers, footers and page numbers, and keeps a sentence that goes on over a page break whole', async () => {
    const s = await sourceOf('sources/paged.pdf', fixture('paged.pdf'));
    for (const p of s.passages) {
      assert.doesNotMatch(p.text, /Field Notes|Page \d|Test fixture for Grounded/);
    }
    const over = s.passages.find((p) => p.text.includes('crossing at the mill'))!;
    assert.match(over.text.replace(/\s+/g, ' '), /stayed empty because the shelling had not stopped there\.$/);
    assert.equal(over.page, 2);
  });

  it('skips an encrypted PDF, saying why', async () => {
    const r = await extractSource('a.pdf', fixture('encrypted.pdf'));
    assert.deepEqual(r, { ok: false, reason: 'encrypted PDF (it needs a password to open)' });
  });

  it('skips a PDF with no text layer as scanned', async () => {
    const r = await extractSource('a.pdf', fixture('scanned.pdf'));
    assert.ok(!r.ok && r.reason.startsWith('scanned: no text to check'));
  });

  it('skips a corrupt PDF', async () => {
    const good = fixture('paged.pdf');
    for (const bytes of [new TextEncoder().encode('%PDF-1.4\nthis is not a PDF body\n%%EOF'), good.slice(0, 400)]) {
      const r = await extractSource('a.pdf', bytes);
      assert.ok(!r.ok && /^not a readable PDF/.test(r.reason), JSON.stringify(r));
    }
  });

  it('reads at most the page cap and reports that the cap was hit', async () => {
    const r = await extractSource('a.pdf', fixture('paged.pdf'), { maxPages: 2 });
    assert.ok(r.ok);
    assert.equal(r.meta.pages, 2);
    assert.match(r.notes.join(), /only the first 2 of its 3 pages were read/);
    assert.doesNotMatch(r.text, /at dusk/);
  });
});

const PAGE = `<!doctype html><html lang="en"><head>
<title>Aid waits at Aleppo | The Daily Ledger</title>
<meta property="og:title" content="Aid convoys wait as Aleppo pause begins">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="article:published_time" content="2016-11-04T09:30:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Aid convoys wait","author":{"@type":"Person","name":"Mara Quinn"},"datePublished":"2016-11-04"}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/world/middle-east">Middle East</a></nav></header>
<div id="cookie-consent" class="banner"><p>We use cookies to give you the best experience on our site. Accept all cookies or manage your preferences.</p><button>Accept</button></div>
<main><article>
<h1>Aid convoys wait as Aleppo pause begins</h1>
<p>United Nations aid convoys waited at the edge of eastern Aleppo on Friday as a Russian-declared humanitarian pause began, officials said.</p>
<p>The pause was due to last from 9 a.m. to 7 p.m., and eight corridors were opened for civilians and fighters to leave the city.</p>
<div class="newsletter-box"><h3>Get the Morning Brief</h3><p>Sign up for our newsletter and never miss the day's top stories from around the world.</p></div>
<p>Jan Egeland, who chairs a U.N. humanitarian task force, said the organisation had not yet received the guarantees it needed to send in aid.</p>
<section class="related-stories"><h2>Related</h2><ul><li><a href="/a">Syria talks stall in Geneva as both sides trade blame</a></li><li><a href="/b">Winter looms for the displaced of northern Syria</a></li></ul></section>
<p>Residents reported that the streets were quiet in the morning hours, with few people approaching the crossings.</p>
</article></main>
<footer><p>© 2016 The Daily Ledger. All rights reserved.</p><p><a href="/privacy">Privacy policy</a> · <a href="/terms">Terms of use</a></p></footer>
</body></html>`;

describe('HTML sources', () => {
  it('indexes only the article: no navigation, cookie banner, newsletter box, related list or footer', async () => {
    const s = await sourceOf('sources/ledger.html', new TextEncoder().encode(PAGE));
    const text = s.passages.map((p) => p.text).join('\n');
    assert.match(text, /aid convoys waited at the edge of eastern Aleppo/);
    assert.match(text, /few people approaching the crossings/);
    for (const furniture of [/Middle East/, /cookies/, /Morning Brief|newsletter/, /Syria talks stall|Winter looms/, /All rights reserved|Privacy policy/]) {
      assert.doesNotMatch(text, furniture);
    }
  });

  it('takes title, outlet, author and date from the page metadata', async () => {
    const s = await sourceOf('sources/ledger.html', new TextEncoder().encode(PAGE));
    assert.deepEqual(
      { title: s.meta.title, outlet: s.meta.outlet, author: s.meta.author, date: s.meta.date },
      { title: 'Aid convoys wait as Aleppo pause begins', outlet: 'The Daily Ledger', author: 'Mara Quinn', date: '2016-11-04' },
    );
    assert.equal(s.meta.pages, undefined);
    assert.ok(s.passages.every((p) => p.page === undefined));
  });

  it('skips a page with no article', async () => {
    const r = await extractSource('a.html', new TextEncoder().encode('<html><body><nav><a href="/">Home</a></nav><footer>© 2016</footer></body></html>'));
    assert.deepEqual(r, { ok: false, reason: 'no article found in the page' });
  });
});

describe('DOCX sources', () => {
  it('reads the paragraphs, and title and author from the core properties', async () => {
    const s = await sourceOf('sources/statement.docx', fixture('statement.docx'));
    assert.equal(s.meta.title, 'Statement on the humanitarian pause');
    assert.equal(s.meta.author, 'Office of the Special Envoy');
    assert.ok(s.passages.some((p) => p.text === 'He said that aid convoys must be guaranteed safe passage before they enter the eastern districts.'));
  });

  it('skips a DOCX that is not a zip, and a zip that is not a Word document', async () => {
    const notZip = await extractSource('a.docx', new TextEncoder().encode('just text, saved with the wrong extension'));
    assert.ok(!notZip.ok && /not a zip/.test(notZip.reason));
    const zip = new JSZip();
    zip.file('hello.txt', 'hello');
    const other = await extractSource('a.docx', await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
    assert.ok(!other.ok && /no word\/document\.xml/.test(other.reason));
  });

  it('skips a zip bomb before inflating it', async () => {
    const zip = await JSZip.loadAsync(fixture('statement.docx'));
    zip.file('word/media/filler.bin', new Uint8Array(4 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    assert.ok(bomb.length < 64 * 1024, `the test zip should be small (${bomb.length} bytes)`);
    const r = await extractSource('a.docx', bomb, { maxInflatedBytes: 1024 * 1024 });
    assert.ok(!r.ok && /too large when unpacked \(4\.\d MB; the limit is 1\.0 MB\)/.test(r.reason), JSON.stringify(r));
  });
});

describe('reading sources through the host', () => {
  it('reports a file that cannot be extracted as skipped, with the reason, and reads the rest', async () => {
    const host = memoryHost({ 'sources/scan.pdf': fixture('scanned.pdf'), 'sources/paged.pdf': fixture('paged.pdf') });
    const bad = await readText(host, 'sources/scan.pdf');
    assert.equal(bad.text, undefined);
    assert.deepEqual(bad.problem, { path: 'sources/scan.pdf', message: 'skipped: scanned: no text to check (the PDF has no text layer)', kind: 'skipped' });
    const good = await readText(host, 'sources/paged.pdf');
    assert.match(good.text!, /^---\nformat: pdf\n/);
  });

  it('reads the sample PDF and web page of seeds/, and never the folder’s README', async () => {
    const seeds = ['005_aleppo_briefing.pdf', '006_aleppo_ledger.html', 'README.md'];
    const host = memoryHost(Object.fromEntries(seeds.map((f) => [`seeds/${f}`, new Uint8Array(readFileSync(join(ROOT, 'seeds', f)))])));
    const { corpus, problems } = await loadCorpus(host, ['seeds/**/*']);
    assert.deepEqual(problems, []);
    assert.deepEqual(corpus.sourceIds.sort(), ['005_aleppo_briefing', '006_aleppo_ledger']);
    assert.equal(corpus.source('005_aleppo_briefing')!.meta.pages, 3);
    assert.ok(corpus.source('005_aleppo_briefing')!.passages.some((p) => p.page === 3 && p.text === 'The rebels rejected the offer.'));
    assert.equal(corpus.source('006_aleppo_ledger')!.meta.outlet, 'The Daily Ledger');
  });

  it('extracts on a worker thread through the Node host, with the same text as in place', async () => {
    const host = new NodeHost(FIXTURES);
    const onWorker = await readText(host, 'paged.pdf');
    const inPlace = await extractSource('paged.pdf', fixture('paged.pdf'));
    assert.ok(inPlace.ok);
    assert.equal(onWorker.text, extractedText('paged.pdf', inPlace));
    assert.match((await readText(host, 'encrypted.pdf')).problem!.message, /^skipped: encrypted PDF/);
    // bytes that are a view of a larger (pooled) buffer, as Node's Buffer.slice gives
    const pooled = Buffer.concat([Buffer.alloc(16), Buffer.from(fixture('paged.pdf'))]).subarray(16);
    const viewHost: Host = { ...memoryHost({ 'paged.pdf': pooled }), extract: (p, b, l) => host.extract(p, b, l) };
    assert.equal((await readText(viewHost, 'paged.pdf')).text, onWorker.text);
  });

  it('uses the host’s own extraction when it has one', async () => {
    const host: Host = { ...memoryHost({ 'a.pdf': 'x' }), extract: async () => ({ ok: true, text: 'From the host.', meta: {}, notes: [] }) };
    assert.match((await readText(host, 'a.pdf')).text!, /From the host\./);
  });
});
