import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lineStarts, offsetAt, positionAfter, positionAt, splitSentences } from '../../src/core/text/segment';
import { Corpus } from '../../src/core/corpus/corpus';
import { parseSource } from '../../src/core/sources/sources';
import { plainSentenceEnds } from '../../src/core/text/sentenceScanner';
import { generateCorpus } from '../../bench/corpusgen';
import { splitSentencesBySegmenter } from '../../bench/segmenter-reference';
import { ROOT, SEEDS, UPI, SEED_TEXTS } from './fixtures';

const sentences = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe('segmentation', () => {
  const upi = parseSource(`seeds/${UPI}.txt`, readFileSync(join(SEEDS, `${UPI}.txt`), 'utf8'));

  it('keeps a dateline with "Nov. 2" inside its sentence', () => {
    const first = upi.passages[0]!;
    assert.ok(first.text.startsWith('ALEPPO, Syria, Nov. 2 (UPI) -- Russian President Vladimir Putin has ordered'), first.text);
    assert.ok(first.text.endsWith('through two corridors.'), first.text);
  });

  it('keeps "Gen. Valery Gerasimov, Russia\'s chief of the general staff, said Wednesday." whole', () => {
    const p = upi.passages.find((x) => x.text.includes('Valery Gerasimov'));
    assert.ok(p);
    assert.ok(p.text.includes("Gen. Valery Gerasimov, Russia's chief of the general staff, said Wednesday."), p.text);
    assert.ok(!upi.passages.some((x) => x.text === 'Gen.' || x.text.endsWith(' Gen.')));
  });

  it('does not end sentences at "U.S." or "a.m."', () => {
    assert.deepEqual(sentences('In their view, the U.S. has been unable to act. The pause starts at 9 a.m. on Friday and ends at 7 p.m. local time.'), [
      'In their view, the U.S. has been unable to act.',
      'The pause starts at 9 a.m. on Friday and ends at 7 p.m. local time.',
    ]);
  });

  it('joins hard-wrapped lines and keeps short lines apart', () => {
    const text = 'Related\n"In order to avoid\nneedless casualties, Defense Minister Sergey Shoigu on President\nPutin\'s orders has decided to act," it said.\n\nSlideshow ( 2 images )\n';
    assert.deepEqual(sentences(text), ['Related', '"In order to avoid\nneedless casualties, Defense Minister Sergey Shoigu on President\nPutin\'s orders has decided to act," it said.', 'Slideshow ( 2 images )']);
  });

  it('gives passages their source id, line, column and offsets', () => {
    for (const p of upi.passages) {
      assert.equal(p.sourceId, UPI);
      assert.equal(upi.text.slice(p.start, p.end), p.text);
      const pos = positionAt(lineStarts(upi.text), p.start);
      assert.equal(p.line, pos.line);
      assert.equal(p.character, pos.character);
    }
    const second = upi.passages.find((p) => p.text.startsWith('One corridor will head'))!;
    assert.equal(second.line, 2);
    assert.ok(second.character > 0);
  });

  it('handles CRLF and lone CR line endings', () => {
    assert.deepEqual(sentences('First line here.\r\nSecond line here.\rThird line here.'), ['First line here.', 'Second line here.', 'Third line here.']);
    const starts = lineStarts('a\r\nb\rc\nd');
    assert.deepEqual(starts, [0, 3, 5, 7]);
    assert.equal(offsetAt(starts, 2, 0), 5);
  });

  it('never returns empty sentences', () => {
    assert.deepEqual(sentences('   \n\n  ...  \n'), ['...']);
    assert.deepEqual(sentences(''), []);
  });
});

describe('the one-pass sentence scanner', () => {
  const pieces = ['a', 'b', 'Z', 'U', '1', '.', '.', '.', '!', '?', '"', "'", '(', ')', '[', ']', '{', '}', ',', '-', ':', ';', ' ', ' ', '\t', '\u00a0', '‘', '’', '“', '”', '–', '—', '…', '#', '%', '&', '*', '/', '@', '«', '»', 'word', 'The', 'U.S.', 'etc.', 'e.g.', 'Gen.', 'Nov.', 'a.m.', 'F.'];
  const plainText = fc.array(fc.constantFrom(...pieces), { maxLength: 24 }).map((p) => p.join(''));

  it('cuts plain text where Intl.Segmenter does', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    fc.assert(
      fc.property(plainText, (text) => {
        const want = [...segmenter.segment(text)].map((s) => s.index + s.segment.length);
        assert.deepEqual(plainSentenceEnds(text, 0, text.length), text ? want : [0]);
      }),
      { numRuns: 20_000 },
    );
  });

  it('leaves text with other characters to the segmenter', () => {
    assert.equal(plainSentenceEnds('Zürich. Then', 0, 12), undefined);
    assert.equal(plainSentenceEnds('a\u00adb. C', 0, 6), undefined);
  });

  it('gives the passages of the splitter it replaced, on any text', () => {
    const anyText = fc.array(fc.oneof(fc.constantFrom(...pieces, '\n', '\n\n', '\r\n', 'ü', 'Ä', '。', '\u2028'), fc.string({ maxLength: 3 })), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(anyText, (text) => {
        assert.deepEqual(splitSentences(text), splitSentencesBySegmenter(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives the passages of the splitter it replaced for any range of a text with letters beyond ASCII, wrapped lines and closing marks', () => {
    const wide = ['é', 'É', 'ß', 'iPhone', 'eBay', 'i', 'e', '\ud835\udc00', '\ud835\udc1a', '\ud835', '\udc00', '٣', '\ufeff', ' | ', 'Mr.', 'J. ', '\r', 'a line that goes on well past fifty characters and then,', 'wraps'];
    const anyText = fc.array(fc.constantFrom(...pieces, ...wide, '\n', '\n\n', '\r\n'), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(anyText, fc.nat(200), fc.nat(200), (text, a, b) => {
        const from = Math.min(a, b, text.length);
        const to = Math.min(Math.max(a, b), text.length);
        assert.deepEqual(splitSentences(text, from, to), splitSentencesBySegmenter(text, from, to));
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives the passages of the splitter it replaced on the seeds, the example draft and a generated corpus', () => {
    const texts = [...SEED_TEXTS.map((f) => readFileSync(join(SEEDS, f), 'utf8')), readFileSync(join(ROOT, 'examples', 'draft.md'), 'utf8'), ...generateCorpus(ROOT, 1_000_000).files.map((f) => f.text)];
    let sentencesSeen = 0;
    for (const text of texts) {
      const want = splitSentencesBySegmenter(text);
      sentencesSeen += want.length;
      assert.deepEqual(splitSentences(text), want);
    }
    assert.ok(sentencesSeen > 5_000);
  });
});

describe('positions in a text', () => {
  const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'é'), { maxLength: 60 }).map((parts) => parts.join(''));

  it('reads on from an earlier position to what the line starts give', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, x, y) => {
        const starts = lineStarts(t);
        const [from, to] = [x % (t.length + 1), y % (t.length + 1)].sort((a, b) => a - b) as [number, number];
        const at = positionAt(starts, from);
        assert.deepEqual(positionAfter(t, from, at.line, at.character, to), positionAt(starts, to));
      }),
    );
  });

  /** The line and character of each passage of `t` in a corpus, asked for one at a time in the order `order` gives. */
  const corpusPositions = (t: string, order: (count: number) => number[]) => {
    const corpus = new Corpus();
    corpus.addSource('a.txt', t);
    const { first, count } = corpus.passageKeys(corpus.sourceIds[0]!)!;
    const got: Array<[number, number]> = [];
    for (const i of order(count)) {
      const p = corpus.passage(first + i)!;
      got[i] = [p.line, p.character];
    }
    return got;
  };
  const parsedPositions = (t: string) => parseSource('a.txt', t).passages.map((p) => [p.line, p.character]);

  it('gives a corpus passage the line and character of its start, whatever order passages are asked for in', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('One line here.', 'Another, longer sentence.', '\n', '\r\n', '\r', ' ', '\n\n'), { minLength: 1, maxLength: 40 }), fc.nat(), (parts, seed) => {
        const t = parts.join('');
        const order = (n: number) => Array.from({ length: n }, (_, i) => i).sort((i, j) => (Math.imul(i + seed, 0x9e3779b1) >>> 0) - (Math.imul(j + seed, 0x9e3779b1) >>> 0));
        assert.deepEqual(corpusPositions(t, order), parsedPositions(t));
      }),
    );
  });

  it('gives the passages of a long text, asked for from the last, the lines and characters of their starts', () => {
    const t = Array.from({ length: 3000 }, (_, i) => `Sentence number ${i} stands here.${i % 3 ? ' ' : i % 2 ? '\r\n' : '\n'}`).join('');
    assert.deepEqual(corpusPositions(t, (n) => Array.from({ length: n }, (_, i) => n - 1 - i)), parsedPositions(t));
  });
});
