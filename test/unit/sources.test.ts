import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Corpus } from '../../src/core/corpus/corpus';
import { decodeText, parseSource } from '../../src/core/sources/sources';
import { parseBibliography } from '../../src/core/sources/bibliography';
import { seedCorpus, REUTERS, UPI } from './fixtures';

describe('sources', () => {
  it('infers title and outlet from the text', () => {
    const c = seedCorpus();
    assert.equal(c.source(REUTERS)!.meta.title, "Russia tells rebels to leave Syria's Aleppo by Friday evening");
    assert.equal(c.source(REUTERS)!.meta.outlet, 'Reuters');
    assert.equal(c.source(UPI)!.meta.outlet, 'UPI');
  });

  it('reads front matter metadata and an id from a Markdown source', () => {
    const s = parseSource('sources/a.md', '---\nid: aleppo-pause\ntitle: Pause in Aleppo\ncontainer-title: The Wire\nissued: 2016-11-02\n---\nThe pause began on Friday.\n');
    assert.equal(s.id, 'aleppo-pause');
    assert.deepEqual({ title: s.meta.title, outlet: s.meta.outlet, date: s.meta.date }, { title: 'Pause in Aleppo', outlet: 'The Wire', date: '2016-11-02' });
    assert.equal(s.passages.length, 1);
    assert.equal(s.passages[0]!.line, 6);
  });

  it('keeps the text of a source whose front matter is broken, and says so', () => {
    const s = parseSource('sources/b.md', '---\ntitle: [unclosed\n---\nThe pause began on Friday.\n');
    assert.equal(s.passages.length, 1);
    assert.match(s.problems[0]!, /front matter is not valid YAML/);
  });

  it('reads CSL YAML bibliographies and reports wrong types and duplicate ids', () => {
    const bib = parseBibliography(
      'references:\n- id: a\n  title: First\n  container-title: Reuters\n  issued:\n    date-parts: [[2016, 11, 2]]\n  URL: https://example.com/a\n- id: a\n  title: Again\n- id: b\n  title: [1, 2]\n- just a string\n',
    );
    assert.deepEqual(bib.entries.get('a'), { id: 'a', title: 'First', outlet: 'Reuters', date: '2016-11-02', url: 'https://example.com/a' });
    assert.ok(bib.problems.some((p) => /duplicate id "a"/.test(p)));
    assert.ok(bib.problems.some((p) => /"b": title should be text/.test(p)));
    assert.ok(bib.problems.some((p) => /entry 4 is not a mapping/.test(p)));
    assert.match(parseBibliography('references: [unclosed').problems[0]!, /not valid YAML/);
  });

  it('applies bibliography metadata to sources', () => {
    const c = new Corpus();
    c.bibliography = parseBibliography('references:\n- id: x\n  title: From the bibliography\n').entries;
    assert.equal(c.addSource('sources/x.txt', 'Some text here.').meta.title, 'From the bibliography');
  });

  it('gives a second source with the same id a distinct id and reports it', () => {
    const c = new Corpus();
    c.addSource('a/same.txt', 'First text about the pause.');
    const second = c.addSource('b/same.txt', 'Second text about the pause.');
    assert.equal(second.id, 'same-2');
    assert.equal(c.sourceCount, 2);
    assert.match(c.problems[0]!.message, /already has the id "same"/);
  });

  it('decodes UTF-8, UTF-16 with BOM and refuses binary and oversized files', () => {
    assert.deepEqual(decodeText(new TextEncoder().encode('\uFEFFhello')), { ok: true, text: 'hello' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello', 'utf16le')]);
    assert.equal((decodeText(utf16) as { text: string }).text, 'hello');
    assert.equal(decodeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])).ok, false);
    assert.match((decodeText(new Uint8Array(100), 10) as { reason: string }).reason, /too large/);
    assert.deepEqual(decodeText(new Uint8Array([])), { ok: true, text: '' });
  });

  it('updates the index when a source changes or goes', () => {
    const c = new Corpus();
    c.addSource('s/a.txt', 'The zebra crossed the road.');
    assert.equal(c.search(['zebra'], 5).length, 1);
    c.addSource('s/a.txt', 'The giraffe crossed the road.');
    assert.equal(c.search(['zebra'], 5).length, 0);
    assert.equal(c.search(['giraff'], 5).length, 1);
    c.removeSource('s/a.txt');
    assert.equal(c.passageCount, 0);
    assert.equal(c.search(['giraff'], 5).length, 0);
  });

  it('cuts an enormous one-line source into bounded passages', () => {
    const text = 'word '.repeat(50_000);
    const s = parseSource('big.txt', text);
    assert.ok(s.passages.length >= 100);
    assert.ok(s.passages.every((p) => p.text.length <= 2000));
  });
});
