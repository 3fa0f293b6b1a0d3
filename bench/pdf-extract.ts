// PDF extraction speed and memory on a 100-page PDF typeset by groff and Ghostscript from the
// sample articles (needs groff and ghostscript: `apt-get install groff ghostscript`).
//   node --expose-gc --import tsx bench/pdf-extract.ts [pages]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractSource, extractedText, Corpus } from '../src/core';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'bench', 'out');
const pages = Number(process.argv[2] ?? 100);

function makePdf(): string {
  const pdf = join(OUT, `pdf-${pages}.pdf`);
  if (existsSync(pdf)) return pdf;
  mkdirSync(OUT, { recursive: true });
  const texts = readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(ROOT, 'seeds', f), 'utf8'));
  const paragraphs = texts.flatMap((t) => t.split(/\n+/).filter((l) => l.trim().length > 60)).map((p) => p.replace(/^[.']/, '\\&$&'));
  const ms = ['.ds LH Benchmark briefing', '.ds RH Page %', '.ds LF Typeset for the PDF benchmark', '.TL', 'A long briefing'];
  for (let page = 0; page < pages; page++) {
    ms.push('.NH', `Part ${page + 1}`);
    for (let k = 0; k < 4; k++) ms.push('.PP', paragraphs[(page * 4 + k) % paragraphs.length]!);
    ms.push('.bp');
  }
  const src = join(OUT, `pdf-${pages}.ms`);
  writeFileSync(src, ms.join('\n') + '\n');
  const ps = execFileSync('groff', ['-ms', '-Tps', src], { maxBuffer: 1 << 30 });
  writeFileSync(join(OUT, `pdf-${pages}.ps`), ps);
  execFileSync('ps2pdf', [join(OUT, `pdf-${pages}.ps`), pdf]);
  return pdf;
}

async function main(): Promise<void> {
  const file = makePdf();
  const bytes = new Uint8Array(readFileSync(file));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 5);
  const runs: number[] = [];
  let text = '';
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await extractSource('bench.pdf', bytes);
    runs.push(performance.now() - t0);
    if (!r.ok) throw new Error(r.reason);
    text = extractedText('bench.pdf', r);
  }
  clearInterval(timer);
  const corpus = new Corpus();
  const source = corpus.addSource('bench.pdf', text);
  const best = Math.min(...runs);
  const mb = bytes.length / 1024 / 1024;
  console.log(
    JSON.stringify(
      {
        date: new Date().toISOString().slice(0, 10),
        pages: source.meta.pages,
        pdfMB: Number(mb.toFixed(2)),
        textKB: Math.round(text.length / 1024),
        passages: source.passages.length,
        ms: runs.map((x) => Math.round(x)),
        MBperSecond: Number((mb / (best / 1000)).toFixed(2)),
        pagesPerSecond: Math.round((source.meta.pages ?? 0) / (best / 1000)),
        peakRssMB: Math.round(peakRss / 1024 / 1024),
        rssGrowthMB: Math.round((peakRss - before.rss) / 1024 / 1024),
      },
      null,
      1,
    ),
  );
}

void main();
