/** Property-based tests: random Unicode never breaks the segmenter, the draft parser or the quote matcher. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseDraft } from '../../src/core/draft/draft';
import { findInSource, foldForQuote, originalOffset } from '../../src/core/verdict/quotes';
import { foldPunctuation } from '../../src/core/text/tokenize';
import { lineStarts, offsetAt, splitSentences } from '../../src/core/text/segment';
import { parseSource } from '../../src/core/sources/sources';

// text that looks like prose and Markdown often enough to reach the interesting paths
const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('Nov. 4', 'U.S.', 'a.m.', 'Gen. ', '"', '“', '”', "'", '’', '...', '…', '[…]', '[@a]', '[@a, p. 3; @b]', '@key', '`', '```\n', '\n', '\n\n', '\r\n', '\r', '# ', '- ', '> ', '<!-- grounded-disable -->', '<!--', '-->', '---\n', '. ', '? ', '! ', ' ', '\t', '\u00a0', '\u2028', '😀', 'e\u0301'),
  fc.stringMatching(/^[A-Za-z]{1,10}$/),
);
const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));

describe('properties', () => {
  it('sentences lie inside the text, in order, trimmed and non-empty', () => {
    fc.assert(
      fc.property(text, (t) => {
        let last = 0;
        for (const s of splitSentences(t)) {
          assert.ok(s.start >= last && s.end > s.start && s.end <= t.length);
          assert.equal(t.slice(s.start, s.end).trim(), t.slice(s.start, s.end));
          last = s.end;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('passages round-trip to the source text at their line and column', () => {
    fc.assert(
      fc.property(text, (t) => {
        const src = parseSource('s.txt', t);
        const starts = lineStarts(t);
        for (const p of src.passages) {
          assert.equal(t.slice(p.start, p.end), p.text);
          assert.equal(offsetAt(starts, p.line, p.character), p.start);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('draft claims, citations and quotes have ranges inside the document that round-trip', () => {
    fc.assert(
      fc.property(text, (t) => {
        const d = parseDraft(t);
        const starts = lineStarts(t);
        for (const c of d.claims) {
          assert.ok(c.start >= 0 && c.end <= t.length && c.start < c.end);
          assert.equal(t.slice(c.start, c.end), c.text);
          assert.equal(offsetAt(starts, c.range.start.line, c.range.start.character), c.start);
          assert.equal(offsetAt(starts, c.range.end.line, c.range.end.character), c.end);
          for (const q of c.quotes) assert.equal(t.slice(q.start, q.end), q.text);
        }
        for (const c of d.citations) assert.ok(t.slice(c.start, c.end).startsWith('@'));
      }),
      { numRuns: 400 },
    );
  });

  it('a quote copied from a source is always found verbatim', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const src = parseSource('s.txt', t);
        if (!src.passages.length) return;
        const p = src.passages[a % src.passages.length]!;
        const words = p.text.split(/\s+/).filter(Boolean);
        const from = b % words.length;
        const quote = words.slice(from, from + 6).join(' ');
        if (!/[\p{L}\p{N}]/u.test(quote) || /\.\.\.|…|\[|\]/.test(quote)) return; // omission marks have their own meaning
        assert.ok(findInSource(quote, src), JSON.stringify({ quote, text: p.text }));
      }),
      { numRuns: 400 },
    );
  });

  it('a folded text leads back to the original offset of every character, as a map of one offset a character did', () => {
    // the map foldForQuote kept before (one Int32 a character): the reference
    const mapOf = (text: string): number[] => {
      const f = foldPunctuation(text).toLowerCase();
      const map: number[] = [];
      let space = false;
      for (let i = 0; i < f.length; i++) {
        const code = f.charCodeAt(i);
        if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(f[i]!))) {
          if (!space && map.length > 0 && !/^\s*[,;:!?)\]]/.test(f.slice(i, i + 8))) map.push(i);
          space = true;
          continue;
        }
        space = false;
        map.push(i);
      }
      map.push(f.length);
      return map;
    };
    const piece = fc.constantFrom('a', 'Word', ' ', '  ', '\n\n', '\t', ',', ' :', '\u00a0', '“', '—', ')', 'x y');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((p) => p.join('')), (t) => {
        const folded = foldForQuote(t);
        const map = mapOf(t);
        assert.equal(map.length, folded.text.length + 1);
        map.forEach((at, i) => assert.equal(originalOffset(folded, i), at, JSON.stringify({ t, i })));
      }),
      { numRuns: 400 },
    );
  });
});
