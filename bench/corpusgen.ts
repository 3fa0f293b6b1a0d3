/**
 * A deterministic generator of news-like corpora for the performance benchmark (bench/perf.ts).
 *
 * Real sentence structure: every generated sentence is a sentence of the repository's own sources
 * (seeds/) or sample draft (examples/), with its names, places, numbers and dates replaced and some
 * of its content words swapped. The vocabulary keeps growing with the size of the corpus, as a
 * newsroom archive's does: every article brings new people and places (and some reuse popular
 * ones, Zipf-like), numbers and dates vary, and rare words appear now and then.
 *
 * The draft mixes what the check meets in practice: sentences from the sources (cited, uncited,
 * wrongly cited, paraphrased a little), the same with a number changed, sentences about people and
 * places no source mentions, verbatim quotes and misquotes, opinions, and an unknown key.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isStopword, splitSentences, type SourceFile } from '../src/core';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Piece =
  | { kind: 'text'; text: string }
  | { kind: 'name'; text: string; words: number }
  | { kind: 'number'; text: string }
  | { kind: 'date'; text: string; month: string }
  | { kind: 'weekday'; text: string }
  | { kind: 'time'; text: string }
  | { kind: 'word'; text: string };

interface Template {
  pieces: Piece[];
  /** Source file and position, to walk articles in order. */
  file: number;
}

const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const MONTH_RE = '(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?|January|February|March|April|May|June|July|August|September|October|November|December';
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const OUTLETS = ['Reuters', 'AP', 'AFP', 'UPI', 'BBC', 'DPA', 'ANSA', 'Kyodo', 'Xinhua', 'EFE'];
const SYLLABLES = 'ka ri mo sa te lu na vi do ze ha ro mi ta ve su lo be ga ni pa ko ra de fi yo ma bu che sha al en or ul ar is ov ek im an el os ur ba ne ti ja ki zo hu ly gra bre sto vla dri nor kas mel'.split(' ');
const PLACE_SUFFIX = ['', 'abad', 'grad', 'ville', 'ton', 'burg', 'stan', 'ia', 'pur', 'ova'];
const FIRST = 'Adam Amir Anna Boris Carla Dmitri Elena Farid Grace Hassan Ines Jamal Karin Leila Marco Nadia Omar Petra Rami Sara Tomas Umar Vera Walid Yara Zaid Alan Beth Chen Dana Emil Fatima Goran Hana Ivan Julia Kemal Lina Mona Nikolai Olga Pavel Rania Samir Tariq Ursula Viktor Wen Yusuf Zofia'.split(' ');
const RARE_STEMS = 'hydro tele ortho cyber agro petro neuro geo aero bio micro macro proto meta para infra ultra trans'.split(' ');
const RARE_TAILS = 'logy metric scope phage graphy nomics plasty lysis sphere dynamics genesis tronics morph'.split(' ');

/** A name made of syllables, unique for each `n`. */
function syllableName(n: number, min = 2): string {
  let s = '';
  let k = n;
  let count = 0;
  do {
    s += SYLLABLES[k % SYLLABLES.length];
    k = Math.floor(k / SYLLABLES.length);
    count++;
  } while (k > 0 || count < min);
  return s[0]!.toUpperCase() + s.slice(1);
}

/** Pieces of a sentence: names, numbers, dates, weekdays and words, with the text between them. */
function parseTemplate(sentence: string, file: number): Template {
  const pieces: Piece[] = [];
  const re = new RegExp(`(${MONTH_RE}) (\\d{1,2})\\b|\\b(${WEEKDAYS.join('|')})\\b|\\b(\\d{1,2}:\\d{2})\\b|\\b\\d[\\d,.]*\\d\\b|\\b\\d\\b|(?:\\b\\p{Lu}[\\p{L}'’-]+(?:\\s+(?:al-)?\\p{Lu}[\\p{L}'’-]+)*)|\\b\\p{Ll}[\\p{L}'’-]*`, 'gu');
  let last = 0;
  let first = true;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    if (m.index > last) pieces.push({ kind: 'text', text: sentence.slice(last, m.index) });
    const t = m[0];
    if (m[1]) pieces.push({ kind: 'date', text: t, month: m[1] });
    else if (m[3]) pieces.push({ kind: 'weekday', text: t });
    else if (m[4]) pieces.push({ kind: 'time', text: t });
    else if (/^\d/.test(t)) pieces.push({ kind: 'number', text: t });
    else if (/^\p{Lu}/u.test(t)) {
      const words = t.split(/\s+/).length;
      // a capitalised first word alone is an ordinary word
      if (first && words === 1) pieces.push({ kind: 'word', text: t });
      else pieces.push({ kind: 'name', text: t, words });
    } else pieces.push({ kind: 'word', text: t });
    first = false;
    last = m.index + t.length;
  }
  if (last < sentence.length) pieces.push({ kind: 'text', text: sentence.slice(last) });
  return { pieces, file };
}

/** The sentences the generator reuses: those of seeds/ and examples/. */
export function loadTemplates(root: string): { templates: Template[]; byFile: Template[][]; furniture: string[]; words: string[] } {
  const texts: string[] = [];
  for (const dir of ['seeds', 'examples']) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, dir)).sort();
    } catch {
      continue;
    }
    for (const f of names) if (/\.(txt|md)$/.test(f)) texts.push(readFileSync(join(root, dir, f), 'utf8').replace(/^---[\s\S]*?---\n/, '').replace(/\[@[^\]]*\]|<!--[\s\S]*?-->|^#+ /gm, ''));
  }
  const byFile: Template[][] = [];
  const furniture: string[] = [];
  const words = new Set<string>();
  texts.forEach((text, file) => {
    const list: Template[] = [];
    for (const span of splitSentences(text)) {
      const s = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
      if (s.split(' ').length < 6 || !/[.!?"”]$/.test(s)) {
        if (s.length < 40) furniture.push(s);
        continue;
      }
      const t = parseTemplate(s, file);
      list.push(t);
      for (const p of t.pieces) if (p.kind === 'word' && p.text.length > 3 && /^\p{Ll}+$/u.test(p.text) && !isStopword(p.text)) words.add(p.text);
    }
    if (list.length) byFile.push(list);
  });
  return { templates: byFile.flat(), byFile, furniture, words: [...words].sort() };
}

export interface GeneratedCorpus {
  files: SourceFile[];
  /** UTF-8 bytes of all files. */
  bytes: number;
  /** Distinct words (case-folded letter/digit runs) in the corpus. */
  distinctWords: number;
}

/** People and places of one article. */
interface Cast {
  people: string[];
  places: string[];
  map: Map<string, string>;
}

class Generator {
  private readonly random: () => number;
  private people: string[] = [];
  private places: string[] = [];
  private rare: string[] = [];
  private nameCounter = 0;
  private placeCounter = 0;
  private rareCounter = 0;

  constructor(
    private readonly t: ReturnType<typeof loadTemplates>,
    seed: number,
    /** Offset for names, so that a second generator invents people no corpus has. */
    private readonly nameOffset = 0,
  ) {
    this.random = rng(seed);
  }

  r(): number {
    return this.random();
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)]!;
  }

  /** Zipf-like: popular (early) entries more often. */
  private popular<T>(list: readonly T[]): T {
    const u = this.random();
    return list[Math.floor(list.length * u * u * u)]!;
  }

  newPerson(): string {
    const name = `${this.pick(FIRST)} ${syllableName(this.nameOffset + this.nameCounter++, 2)}`;
    this.people.push(name);
    return name;
  }

  newPlace(): string {
    const n = this.nameOffset + this.placeCounter++;
    const name = syllableName(n * 7 + 3, 2) + PLACE_SUFFIX[n % PLACE_SUFFIX.length];
    this.places.push(name);
    return name;
  }

  cast(): Cast {
    const people: string[] = [];
    const places: string[] = [];
    for (let i = 0; i < 3; i++) people.push(this.people.length < 20 || this.random() < 0.5 ? this.newPerson() : this.popular(this.people));
    for (let i = 0; i < 2; i++) places.push(this.places.length < 20 || this.random() < 0.4 ? this.newPlace() : this.popular(this.places));
    return { people, places, map: new Map() };
  }

  private rareWord(): string {
    if (this.rare.length < 50 || this.random() < 0.3) {
      const n = this.rareCounter++;
      const w = this.pick(RARE_STEMS) + syllableName(n, 1).toLowerCase() + this.pick(RARE_TAILS);
      this.rare.push(w);
      return w;
    }
    return this.popular(this.rare);
  }

  private number(text: string): string {
    const digits = text.replace(/\D/g, '').length;
    if (digits <= 1) return String(1 + Math.floor(this.random() * 9));
    const n = Math.floor(10 ** (digits - 1) + this.random() * 9 * 10 ** (digits - 1));
    return text.includes(',') ? n.toLocaleString('en-US') : String(n);
  }

  /** A sentence from a template, with this article's cast. */
  sentence(t: Template, cast: Cast, swap = 0.15): string {
    let out = '';
    for (const p of t.pieces) {
      switch (p.kind) {
        case 'text':
          out += p.text;
          break;
        case 'name': {
          let v = cast.map.get(p.text);
          if (v === undefined) {
            if (this.random() < 0.15) v = p.text;
            else if (p.words >= 2) v = cast.people[cast.map.size % cast.people.length]!;
            else v = this.random() < 0.5 ? cast.places[cast.map.size % cast.places.length]! : cast.people[cast.map.size % cast.people.length]!.split(' ')[1]!;
            cast.map.set(p.text, v);
          }
          out += v;
          break;
        }
        case 'number':
          out += this.number(p.text);
          break;
        case 'date':
          out += `${this.pick(MONTHS)} ${1 + Math.floor(this.random() * 28)}`;
          break;
        case 'weekday':
          out += this.pick(WEEKDAYS);
          break;
        case 'time':
          out += `${String(Math.floor(this.random() * 24)).padStart(2, '0')}:${this.pick(['00', '15', '30', '45'])}`;
          break;
        case 'word': {
          const lower = p.text.toLowerCase();
          const u = this.random();
          if (p.text.length > 3 && !isStopword(lower) && u < swap) {
            const w = u < 0.02 ? this.rareWord() : this.pick(this.t.words);
            out += /^\p{Lu}/u.test(p.text) ? w[0]!.toUpperCase() + w.slice(1) : w;
          } else out += p.text;
          break;
        }
      }
    }
    return out;
  }

  /** One article of about `size` characters. */
  article(size: number): string {
    const cast = this.cast();
    const t = this.t;
    const headline = this.sentence(this.pick(t.templates), cast).replace(/[.!?"”]+$/, '').split(' ').slice(0, 6 + Math.floor(this.random() * 6)).join(' ');
    const parts: string[] = [headline, ''];
    let file = this.pick(t.byFile);
    let i = Math.floor(this.random() * file.length);
    let length = headline.length;
    let first = true;
    while (length < size) {
      if (this.random() < 0.2) {
        file = this.pick(t.byFile);
        i = Math.floor(this.random() * file.length);
      }
      let para = this.sentence(file[i % file.length]!, cast);
      i++;
      if (this.random() < 0.4) {
        para += ' ' + this.sentence(file[i % file.length]!, cast);
        i++;
      }
      if (first) {
        para = `${cast.places[0]!.toUpperCase()} (${this.pick(OUTLETS)}) - ${para}`;
        first = false;
      }
      parts.push(para, '');
      length += para.length + 2;
      if (this.random() < 0.05) parts.push(this.pick(t.furniture.length ? t.furniture : ['Related']), '');
    }
    if (this.random() < 0.5) parts.push(`Writing by ${cast.people[1]}; Editing by ${cast.people[2]}`);
    return parts.join('\n').trimEnd() + '\n';
  }
}

/**
 * A corpus of about `targetBytes` of UTF-8 text in articles of 1–4 KB (mean about 2 KB: 50,000
 * articles at 100 MB). The same seed and size give the same corpus.
 */
export function generateCorpus(root: string, targetBytes: number, seed = 20161102): GeneratedCorpus {
  const templates = loadTemplates(root);
  const gen = new Generator(templates, seed);
  const files: SourceFile[] = [];
  let bytes = 0;
  const words = new Set<string>();
  const wordRe = /[\p{L}\p{N}]+/gu;
  let n = 0;
  while (bytes < targetBytes) {
    const size = 900 + Math.floor(gen.r() * gen.r() * 3000);
    const text = gen.article(size);
    const hash = Math.floor(gen.r() * 2 ** 32).toString(16).padStart(8, '0') + Math.floor(gen.r() * 2 ** 32).toString(16).padStart(8, '0');
    const id = `${String(n).padStart(6, '0')}_${hash}`;
    files.push({ path: `archive/${String(Math.floor(n / 1000)).padStart(3, '0')}/${id}.txt`, text });
    bytes += Buffer.byteLength(text);
    for (const m of text.matchAll(wordRe)) words.add(m[0].toLowerCase());
    n++;
  }
  return { files, bytes, distinctWords: words.size };
}

/** What the draft's sentences are meant to be, for the report. */
export interface DraftMix {
  supported: number;
  contradicted: number;
  unsupported: number;
  quotes: number;
  misquotes: number;
  opinions: number;
}

/**
 * A Markdown draft of about `words` words about the corpus: sentences taken from its sources
 * (mostly cited), with numbers changed, about people no source has, quotes and misquotes.
 */
export function generateDraft(root: string, corpus: GeneratedCorpus, words = 2000, seed = 4): { text: string; words: number; mix: DraftMix } {
  const templates = loadTemplates(root);
  const gen = new Generator(templates, seed, 10_000_000);
  const id = (f: SourceFile) => f.path.split('/').pop()!.replace(/\.txt$/, '');
  const sentencesOf = (f: SourceFile) =>
    splitSentences(f.text)
      .map((s) => f.text.slice(s.start, s.end).replace(/\s+/g, ' '))
      .filter((s) => s.split(' ').length >= 8 && /[.!?"”]$/.test(s) && !/\(\w+\) - /.test(s));
  const mix: DraftMix = { supported: 0, contradicted: 0, unsupported: 0, quotes: 0, misquotes: 0, opinions: 0 };
  const out: string[] = ['---', 'title: Benchmark draft', '---', '', '# What the archive says', ''];
  let count = 0;
  let para: string[] = [];
  const stories = Array.from({ length: 40 }, () => gen.pick(corpus.files));
  while (count < words) {
    const f = gen.pick(stories);
    const sentences = sentencesOf(f);
    const u = gen.r();
    let s: string;
    if (!sentences.length) continue;
    const base = gen.pick(sentences).replace(/["“”]/g, '');
    if (u < 0.35) {
      // supported: the sentence, lightly reworded; cited, uncited or cited wrongly
      s = base.replace(/\bsaid\b/, 'stated').replace(/[.!?]$/, '');
      const v = gen.r();
      s += v < 0.7 ? ` [@${id(f)}].` : v < 0.8 ? ` [@${id(gen.pick(stories))}].` : '.';
      mix.supported++;
    } else if (u < 0.45) {
      // contradicted: a number or a weekday changed
      s = base.replace(/\b\d+\b/, (m) => String(Number(m) + 3)).replace(/\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/, 'Sunday').replace(/[.!?]$/, '') + ` [@${id(f)}].`;
      mix.contradicted++;
    } else if (u < 0.7) {
      // unsupported: people and places no source has
      s = gen.sentence(gen.pick(templates.templates), gen.cast(), 0.3).replace(/["“”]/g, '');
      mix.unsupported++;
    } else if (u < 0.9) {
      // a quote of 6–14 words, verbatim or with one word changed
      const w = base.replace(/[.!?]$/, '').split(' ');
      const len = Math.min(w.length, 6 + Math.floor(gen.r() * 9));
      const at = Math.floor(gen.r() * (w.length - len + 1));
      const quoted = w.slice(at, at + len);
      if (gen.r() < 0.25) {
        quoted[Math.floor(quoted.length / 2)] = gen.pick(templates.words);
        mix.misquotes++;
      } else mix.quotes++;
      const who = gen.cast().people[0]!;
      s = `${who} said "${quoted.join(' ').replace(/[,;:]$/, '')}" [@${id(f)}].`;
    } else {
      s = gen.pick(['It is hard to see how this could change much on the ground.', 'Arguably, the timing matters more than the numbers.', 'We think the real story lies elsewhere.', 'This raises more questions than it answers.']);
      mix.opinions++;
    }
    para.push(s);
    count += s.split(/\s+/).length;
    if (para.length >= 3 + Math.floor(gen.r() * 3)) {
      out.push(para.join(' '), '');
      para = [];
      if (gen.r() < 0.25) out.push(`## ${gen.sentence(gen.pick(templates.templates), gen.cast()).split(' ').slice(0, 5).join(' ').replace(/[.,;:"“”]/g, '')}`, '');
    }
  }
  if (para.length) out.push(para.join(' '), '');
  out.push('See also [@999999_missing] for background.', '');
  return { text: out.join('\n'), words: count, mix };
}
