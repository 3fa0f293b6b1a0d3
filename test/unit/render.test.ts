import assert from 'node:assert/strict';
import { test } from 'node:test';
import MarkdownIt from 'markdown-it';
import { commandUri, describeLocation, emphasise, escapeMarkdown, renderPassage, termsOf } from '../../src/core/editor/render';
import { truncate } from '../../src/core/text/truncate';

const md = new MarkdownIt({ html: true, linkify: true });
const hostile = 'See [x](command:workbench.action.terminal.new) and <img src=x onerror="alert(1)"> and <a href="command:foo">a</a> **not bold** # no heading `code` ![i](https://e/x.png) <command:bar>';

test('escaped source text renders as the same text: no links, images, HTML or emphasis', () => {
  const html = md.render(escapeMarkdown(hostile));
  assert.doesNotMatch(html, /<a |<img|<strong>|<em>|<code>|<h1>/);
  // what the reader sees is the source's text
  const shown = html.replace(/<\/?p>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();
  assert.equal(shown, hostile.replace(/\s+/g, ' '));
});

test('line breaks in a source cannot start a block', () => {
  const html = md.render(escapeMarkdown('one\n# two\n> three\n1. four\n    five'));
  assert.equal(html.trim(), '<p>one # two &gt; three 1. four five</p>');
});

test('renderPassage: heading, passage in a block quote with matched words bold, our own command link only', () => {
  const out = renderPassage({
    meta: { id: '002_x', title: 'Russia tells <b>rebels</b> to leave', outlet: 'Reuters', date: '2016-11-02' },
    shortId: '002',
    text: 'Rebels would be allowed to exit via two special corridors [x](command:evil).',
    line: 6,
    bold: termsOf(['rebel', 'corridors']),
    open: { command: 'grounded.openSource', args: [{ source: '002_x', start: 10, end: 20 }] },
  });
  const html = md.render(out);
  assert.match(html, /<strong>Russia tells &lt;b&gt;rebels&lt;\/b&gt; to leave<\/strong>/);
  assert.match(html, /Reuters · 2016-11-02 · source 002/);
  assert.match(html, /<blockquote>\s*<p><strong>Rebels<\/strong> would be allowed to exit via two special <strong>corridors<\/strong> \[x\]\(command:evil\)\.<\/p>/);
  const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
  assert.equal(links.length, 1);
  assert.ok(links[0]!.startsWith('command:grounded.openSource?'));
  assert.match(html, />Open source at line 7<\/a>/);
  const args = JSON.parse(decodeURIComponent(links[0]!.slice('command:grounded.openSource?'.length)));
  assert.deepEqual(args, [{ source: '002_x', start: 10, end: 20 }]);
});

test('commandUri survives ids with parentheses and quotes', () => {
  const uri = commandUri('grounded.openSource', [{ source: 'a) [b](c "d\'' }]);
  assert.doesNotMatch(uri, /[()'" \]]/);
  const html = md.render(`[open](${uri})`);
  assert.equal([...html.matchAll(/<a href/g)].length, 1);
});

test('emphasise bolds words by term, leaves others escaped', () => {
  assert.equal(emphasise('Two corridors, Nov. 4.', termsOf(['corridor', 'November 4'])), 'Two **corridors**\\, **Nov\\. 4**\\.');
  assert.equal(emphasise('a_b', undefined), 'a\\_b');
});

test('describeLocation and truncate', () => {
  assert.equal(describeLocation({ id: 'x', outlet: 'UPI' }, '000', 3), '000 · UPI · line 4');
  assert.equal(truncate('one two three four', 10), 'one two…');
  assert.equal(truncate('short', 10), 'short');
});
