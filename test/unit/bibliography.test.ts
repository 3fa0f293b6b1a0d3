// Bibliographies in each format, `file` fields that link an entry to its text, and the citations
// of entries whose text is not in the workspace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Corpus, bibliographiesOfDraft, check, fileField, loadBibliographies, loadCorpus, parseBibliographyFile, parseDraft, type Host } from '../../src/core';

function memoryHost(files: Record<string, string>): Host {
  const enc = new TextEncoder();
  return {
    findFiles: async (globs) => Object.keys(files).filter((p) => globs.some((g) => p.startsWith(g.split('/')[0]!) && !/sources\.ya?ml$/.test(p))).sort(),
    readFile: async (p) => enc.encode(files[p]!),
    size: async (p) => (p in files ? enc.encode(files[p]!).length : undefined),
  };
}

const BIB = String.raw`@report{un-briefing,
  title = {Aleppo: Humanitarian Pause Briefing},
  author = {Doe, Jane and {United Nations}},
  date = {2016-11-03},
  institution = {OCHA},
  url = {https://example.org/briefing},
  file = {Full Text:storage/ABC/briefing.pdf:application/pdf;Snapshot:storage/ABC/page.html:text/html}
}
@article{plain,
  title = {Plain File},
  journal = {The Daily Ledger},
  year = 2016,
  month = nov,
  file = {ledger.html}
}
@misc{broken, title = {never closed}
`;

describe('bibliographies', () => {
  it('reads BibTeX: title, authors, outlet, date, URL and the files of Zotero’s and the plain file field', async () => {
    const bib = await parseBibliographyFile('refs/library.bib', BIB);
    assert.deepEqual(bib.entries.get('un-briefing'), {
      id: 'un-briefing',
      title: 'Aleppo: Humanitarian Pause Briefing',
      author: 'Jane Doe, United Nations',
      outlet: 'OCHA',
      date: '2016-11-03',
      url: 'https://example.org/briefing',
      files: ['refs/storage/ABC/briefing.pdf', 'refs/storage/ABC/page.html'],
      bibliography: 'refs/library.bib',
    });
    const plain = bib.entries.get('plain')!;
    assert.deepEqual([plain.outlet, plain.date, plain.files], ['The Daily Ledger', '2016-11', ['refs/ledger.html']]);
    assert.ok(bib.problems.some((p) => /^BibTeX: /.test(p)), 'the broken entry is reported');
  });

  it('reads CSL JSON as Zotero and Better BibTeX export it', async () => {
    const json = JSON.stringify([
      { id: 'ocha-flash', type: 'report', title: 'Flash Update', author: [{ family: 'Egeland', given: 'Jan' }], issued: { 'date-parts': [[2016, 11, 4]] }, publisher: 'OCHA' },
      { title: 'no id' },
    ]);
    const bib = await parseBibliographyFile('lib.json', json);
    assert.deepEqual(bib.entries.get('ocha-flash'), { id: 'ocha-flash', title: 'Flash Update', author: 'Jan Egeland', date: '2016-11-04', outlet: 'OCHA', bibliography: 'lib.json' });
    assert.match(bib.problems.join(), /entry 2 has no id/);
    assert.match((await parseBibliographyFile('lib.json', '{not json')).problems[0]!, /not valid JSON/);
  });

  it('reads CSL YAML', async () => {
    const bib = await parseBibliographyFile('refs.yaml', 'references:\n- id: a\n  title: First\n  file: a-text.pdf\n');
    assert.deepEqual(bib.entries.get('a'), { id: 'a', title: 'First', files: ['a-text.pdf'], bibliography: 'refs.yaml' });
  });

  it('splits file fields: plain, Zotero’s Title:path:mime, several with ;, escaped marks', () => {
    assert.deepEqual(fileField('report.pdf'), ['report.pdf']);
    assert.deepEqual(fileField('Full Text PDF:files/12/x.pdf:application/pdf'), ['files/12/x.pdf']);
    assert.deepEqual(fileField('A:a.pdf:application/pdf;B:sub/b.html:text/html; c.docx'), ['a.pdf', 'sub/b.html', 'c.docx']);
    assert.deepEqual(fileField(String.raw`:C\:/Users/me/Zotero/x.pdf:application/pdf`), ['C:/Users/me/Zotero/x.pdf']);
  });

  it('links an entry to its text by the file field, so the key can differ from the file name', async () => {
    const host = memoryHost({
      'sources/refs.bib': '@report{un-briefing, title = {The UN briefing}, file = {Full Text:docs/unb-2016-11.txt:text/plain}}\n@article{ledger, title = {The Ledger story}}\n',
      'sources/docs/unb-2016-11.txt': 'The convoys waited at the crossing for six hours on Friday.\n',
      'sources/ledger.txt': 'Residents said the streets were quiet in the morning.\n',
    });
    const { corpus, problems } = await loadCorpus(host, ['sources/**/*.txt'], { bibliographies: ['sources/refs.bib'] });
    assert.deepEqual(problems, []);
    assert.equal(corpus.source('un-briefing')?.path, 'sources/docs/unb-2016-11.txt');
    assert.equal(corpus.source('un-briefing')?.meta.title, 'The UN briefing');
    assert.equal(corpus.source('unb-2016-11'), undefined);
    // otherwise by file name: ledger.txt is the text of @ledger
    assert.equal(corpus.source('ledger')?.meta.title, 'The Ledger story');
  });

  it('reports a bibliography that is named but missing', async () => {
    const r = await loadBibliographies(memoryHost({}), [], ['refs/gone.bib']);
    assert.deepEqual(r.problems, [{ path: 'refs/gone.bib', message: 'bibliography not found', kind: 'skipped' }]);
  });
});

describe('bibliographies of a draft', () => {
  it('takes a string or a YAML list, relative to the draft', () => {
    assert.deepEqual(bibliographiesOfDraft('notes/a.qmd', '---\nbibliography: refs.bib\n---\nText.\n'), ['notes/refs.bib']);
    assert.deepEqual(bibliographiesOfDraft('notes/a.qmd', '---\ntitle: A\nbibliography:\n  - refs.yaml\n  - ../lib/zotero.json\n---\nText.\n'), ['notes/refs.yaml', 'lib/zotero.json']);
    assert.deepEqual(bibliographiesOfDraft('a.md', 'No front matter.\n'), []);
    assert.deepEqual(parseDraft('---\nbibliography:\n  - refs.yaml\n---\nText.\n').bibliography, ['refs.yaml']);
  });
});

describe('unchecked-citation', () => {
  it('a key in a bibliography without text is information, not unknown-source', async () => {
    const corpus = new Corpus();
    corpus.bibliography = (await parseBibliographyFile('refs/refs.bib', '@report{envoy, title = {Statement}}')).entries;
    corpus.addSource('sources/a.txt', 'The convoys waited at the crossing for six hours on Friday.\n');
    const { findings } = check('The envoy asked for guarantees of safe passage for the convoys [@envoy].\n\nA key nobody knows [@nobody].\n', corpus);
    const unchecked = findings.find((f) => f.rule === 'unchecked-citation')!;
    assert.equal(unchecked.severity, 'information');
    assert.equal(unchecked.message, '[@envoy] is in refs.bib, but its text is not in the workspace, so this sentence was not checked');
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['unchecked-citation', 'unknown-source'],
    );
  });
});
