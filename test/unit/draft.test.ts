import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findCitations, parseDraft } from '../../src/core/draft/draft';

const claimTexts = (md: string) => parseDraft(md).claims.map((c) => c.prose.replace(/\s+/g, ' ').trim());

describe('draft parsing', () => {
  it('takes claims from paragraphs and list items only', () => {
    const md = [
      '---',
      'title: A claim in front matter is not a claim',
      'bibliography: refs.yaml',
      '---',
      '# A heading that states something is not a claim',
      '',
      'A paragraph sentence about the corridors.',
      '',
      '- A list item about the pause.',
      '',
      '```',
      'Code that mentions three corridors.',
      '```',
      '',
      '    Indented code about Aleppo.',
      '',
      '<!-- An HTML comment about Aleppo. -->',
      '',
      '<div>An HTML block about Aleppo.</div>',
      '',
      '[ref]: https://example.com "A link definition"',
    ].join('\n');
    const d = parseDraft(md);
    assert.deepEqual(claimTexts(md), ['A paragraph sentence about the corridors.', 'A list item about the pause.']);
    assert.deepEqual(d.bibliography, ['refs.yaml']);
    assert.equal(d.claims[0]!.range.start.line, 6);
    assert.equal(d.claims[1]!.range.start.character, 2);
  });

  it('takes claims from the cells of a table body, not from its header, and gives a row’s citations to its claim', () => {
    const md = ['| Claim | Source |', '|---|---|', '| The pause began on Friday. | [@a, p. 2] |', '| Six corridors | were opened [@b]. |'].join('\n');
    const d = parseDraft(md);
    assert.deepEqual(claimTexts(md), ['The pause began on Friday.', 'Six corridors', 'were opened .']);
    assert.deepEqual(d.claims[0]!.citations.map((c) => [c.key, c.locator]), [['a', 'p. 2']]);
    assert.deepEqual(d.claims[0]!.range.start, { line: 2, character: 2 });
    assert.deepEqual(d.claims[2]!.citations.map((c) => c.key), ['b']);
  });

  it('never takes claims from code chunks, chunk options or inline code of Quarto and R Markdown', () => {
    const md = [
      '---',
      'title: "Aleppo"',
      'format: html',
      '---',
      '',
      '```{r}',
      '#| label: fig-corridors',
      '#| echo: false',
      'corridors <- c("The pause began on Friday at nine")',
      '```',
      '',
      '```{python}',
      '#| output: false',
      'print("Eight corridors were opened for the civilians")',
      '```',
      '',
      'The pause lasted `r hours` hours and `{python} n` corridors were opened.',
      '',
      '::: {.callout-note}',
      'A note about the corridors.',
      ':::',
    ].join('\n');
    assert.deepEqual(claimTexts(md), ['The pause lasted hours and corridors were opened.', 'A note about the corridors.']);
  });

  it('blanks inline code, links and markup but keeps offsets', () => {
    const md = 'The `code three` and [a link](https://x.test/three) are **bold** here.';
    const d = parseDraft(md);
    const c = d.claims[0]!;
    assert.equal(c.text, md);
    assert.ok(!c.prose.includes('three'));
    assert.ok(c.prose.includes('a link'));
    assert.equal(c.prose.length, md.length);
  });

  it('finds Pandoc citations with locators, groups and in-text keys', () => {
    const md = 'One [@a]. Two [see @b, p. 3; @c]. As @d says. Mail me@example.com or @. Bad [@] and [@ key] and [@key.';
    const keys = parseDraft(md).citations.map((c) => [c.key, c.locator ?? '', c.bracketed]);
    assert.deepEqual(keys, [
      ['a', '', true],
      ['b', 'p. 3', true],
      ['c', '', true],
      ['d', '', false],
      // an unclosed bracket leaves an in-text citation, as Pandoc reads it
      ['key', '', false],
    ]);
  });

  it('ignores citations inside code spans and fenced code', () => {
    const md = 'Text `[@a]` here.\n\n```\n[@b]\n```\n';
    assert.deepEqual(parseDraft(md).citations, []);
  });

  it('attaches a citation after the full stop to its sentence', () => {
    const d = parseDraft('The rebels rejected the offer. [@x] Then something else happened.');
    assert.equal(d.claims.length, 2);
    assert.deepEqual(d.claims[0]!.citations.map((c) => c.key), ['x']);
    assert.deepEqual(d.claims[1]!.citations, []);
  });

  it('finds straight, curly and mixed quotes and ignores unbalanced ones', () => {
    const q = (md: string) => parseDraft(md).claims.flatMap((c) => c.quotes.map((x) => x.text));
    assert.deepEqual(q('He said "we will not give up" today.'), ['we will not give up']);
    assert.deepEqual(q('He said “we will not give up” today.'), ['we will not give up']);
    assert.deepEqual(q('He said “we will ‘not’ give up" today.'), ['we will ‘not’ give up']);
    assert.deepEqual(q('He said "we will not give up today.'), []);
  });

  it('keeps a quote that spans two sentences in one claim', () => {
    const d = parseDraft('He said: "This is out of the question. We will not give up." Then he left.');
    assert.equal(d.claims.length, 2);
    assert.equal(d.claims[0]!.quotes[0]!.text, 'This is out of the question. We will not give up.');
  });

  it('reads grounded-disable comments, per rule and in blocks', () => {
    const md = [
      '<!-- grounded-disable-next-line -->',
      'First claim about Aleppo.',
      '',
      '<!-- grounded-disable-next-line misquote -->',
      'Second claim about Aleppo.',
      '',
      '<!-- grounded-disable -->',
      'Third claim about Aleppo.',
      '<!-- grounded-enable -->',
      '',
      'Fourth claim about Aleppo. <!-- grounded-disable-line -->',
      '',
      'Fifth claim about Aleppo.',
    ].join('\n');
    const d = parseDraft(md);
    const dis = d.claims.map((c) => (c.disabled === 'all' ? 'all' : [...c.disabled].join(',')));
    assert.deepEqual(dis, ['all', 'misquote', 'all', 'all', '']);
  });

  it('recognises the writer\'s own analysis', () => {
    const op = (s: string) => parseDraft(s).claims[0]!.opinion;
    assert.equal(op('It is hard to see how the pause could hold.'), true);
    assert.equal(op('Arguably, the corridors were a gesture.'), true);
    assert.equal(op('I think the siege will go on.'), true);
    assert.equal(op('Will the pause hold?'), true);
    assert.equal(op('The rebels rejected the offer.'), false);
    assert.equal(op('He said "we will not give up the city" on Wednesday.'), false);
  });

  it('findCitations respects its region', () => {
    const text = 'xx [@a] yy [@b]';
    assert.deepEqual(findCitations(text, 0, 8).map((c) => c.key), ['a']);
  });
});
