/**
 * The lean reference: the least work a check of a draft against an archive has to do, written
 * plainly, so that `grounded check` can be measured against it as a whole process
 * (`npm run bench:perf`). It reads every file, splits sentences at `.`, `!` or `?` followed by
 * white space and at line breaks, takes lowercase alphanumeric words less a short stopword list,
 * builds a BM25 index over typed arrays, and for each sentence of the draft scores its top 20
 * passages by how many of the sentence's words they cover.
 *
 *   node bench/out/lean-reference.cjs SOURCE_DIR DRAFT.md
 *
 * Prints one JSON line: sentences, passages, terms, the mean best coverage.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const STOP = new Set('a an and are as at be by for from has have he her his in is it its of on or that the their they this to was were which will with'.split(' '));

/** Sentences of a text: at `.`, `!`, `?` before white space, and at line breaks. */
function sentences(text: string, out: string[]): void {
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const brk = c === 10 || ((c === 46 || c === 33 || c === 63) && (text.charCodeAt(i + 1) <= 32 || i + 1 === text.length));
    if (!brk) continue;
    const s = text.slice(start, c === 10 ? i : i + 1).trim();
    if (s) out.push(s);
    start = i + 1;
  }
  const s = text.slice(start).trim();
  if (s) out.push(s);
}

/** Lowercase alphanumeric words, less stopwords. */
function words(sentence: string): string[] {
  const out: string[] = [];
  for (const w of sentence.toLowerCase().split(/[^a-z0-9]+/)) if (w && !STOP.has(w)) out.push(w);
  return out;
}

function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else if (e.name.endsWith('.txt') || e.name.endsWith('.md')) out.push(p);
  }
  return out;
}

function main(dir: string, draftPath: string): void {
  // every passage's term ids, back to back
  const ids = new Map<string, number>();
  let terms = new Uint32Array(1 << 20);
  let used = 0;
  const ends: number[] = [];
  const list: string[] = [];
  for (const file of files(dir)) {
    list.length = 0;
    sentences(readFileSync(file, 'utf8'), list);
    for (const s of list) {
      for (const w of words(s)) {
        let id = ids.get(w);
        if (id === undefined) ids.set(w, (id = ids.size));
        if (used === terms.length) {
          const next = new Uint32Array(terms.length * 2);
          next.set(terms);
          terms = next;
        }
        terms[used++] = id;
      }
      ends.push(used);
    }
  }
  // postings (passage, term frequency) by term, in compressed rows
  const n = ends.length;
  const vocabulary = ids.size;
  const df = new Uint32Array(vocabulary + 1);
  const last = new Int32Array(vocabulary).fill(-1);
  const lengths = new Uint32Array(n);
  for (let p = 0, from = 0; p < n; from = ends[p++]!) {
    lengths[p] = ends[p]! - from;
    for (let i = from; i < ends[p]!; i++) {
      const t = terms[i]!;
      if (last[t] !== p) {
        last[t] = p;
        df[t]!++;
      }
    }
  }
  const rowStart = new Uint32Array(vocabulary + 1);
  for (let t = 0; t < vocabulary; t++) rowStart[t + 1] = rowStart[t]! + df[t]!;
  const docs = new Uint32Array(rowStart[vocabulary]!);
  const tfs = new Uint16Array(rowStart[vocabulary]!);
  const fill = rowStart.slice(0, vocabulary);
  last.fill(-1);
  for (let p = 0, from = 0; p < n; from = ends[p++]!) {
    for (let i = from; i < ends[p]!; i++) {
      const t = terms[i]!;
      if (last[t] !== p) {
        last[t] = p;
        docs[fill[t]!++] = p;
      }
      tfs[fill[t]! - 1]!++;
    }
  }
  let total = 0;
  for (let p = 0; p < n; p++) total += lengths[p]!;
  const avg = total / Math.max(1, n);
  // the draft: each sentence's top 20 by BM25, then the best coverage of its words among them
  const draft: string[] = [];
  sentences(readFileSync(draftPath, 'utf8'), draft);
  const score = new Float64Array(n);
  const touched = new Uint32Array(n);
  let sum = 0;
  let claims = 0;
  for (const s of draft) {
    const claim = [...new Set(words(s))].map((w) => ids.get(w)).filter((id): id is number => id !== undefined);
    if (!claim.length) continue;
    claims++;
    let count = 0;
    for (const t of claim) {
      const idf = Math.log(1 + (n - df[t]! + 0.5) / (df[t]! + 0.5));
      for (let j = rowStart[t]!; j < rowStart[t + 1]!; j++) {
        const p = docs[j]!;
        const tf = tfs[j]!;
        if (score[p] === 0) touched[count++] = p;
        score[p]! += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * lengths[p]!) / avg));
      }
    }
    const top: number[] = [];
    for (let i = 0; i < count; i++) {
      const p = touched[i]!;
      if (top.length < 20) top.push(p);
      else {
        let worst = 0;
        for (let k = 1; k < 20; k++) if (score[top[k]!]! < score[top[worst]!]!) worst = k;
        if (score[p]! > score[top[worst]!]!) top[worst] = p;
      }
    }
    const want = new Set(claim);
    let best = 0;
    for (const p of top) {
      const have = new Set<number>();
      for (let i = p === 0 ? 0 : ends[p - 1]!; i < ends[p]!; i++) if (want.has(terms[i]!)) have.add(terms[i]!);
      best = Math.max(best, have.size / want.size);
    }
    sum += best;
    for (let i = 0; i < count; i++) score[touched[i]!] = 0;
  }
  process.stdout.write(JSON.stringify({ sentences: claims, passages: n, terms: vocabulary, meanCoverage: claims ? sum / claims : 0 }) + '\n');
}

const [dir, draftPath] = process.argv.slice(2);
if (!dir || !draftPath) {
  process.stderr.write('usage: lean-reference SOURCE_DIR DRAFT.md\n');
  process.exitCode = 2;
} else main(dir, draftPath);
