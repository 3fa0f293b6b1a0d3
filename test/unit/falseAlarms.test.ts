/**
 * Sentences a source backs that must get no finding: a reporter's attribution before what it
 * reports, a "would be able to" claim beside a passage where someone else "has not been able to",
 * a name that is the object of a preposition before a noun that shares the claim's verb stem, and
 * the writer's "Much depends on whether …".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Corpus, check, type Finding } from '../../src/core';

const PORT = [
  'Governor Ana Lima has ordered the port to reopen on Monday, officials said.',
  'Reporting by the Harbour Gazette.',
  'Dock workers will be allowed to return in two shifts.',
  'The mayor said the city had not been able to hire enough inspectors.',
  'Elena Varga held talks with her Greek counterpart, Nikos Pappas, in Athens last week.',
  'The ministry said they discussed the situation in Piraeus during the meeting.',
].join('\n');

const corpus = new Corpus();
corpus.addSource('port.txt', PORT);
const findings = (sentence: string, key = 'port'): Finding[] => check(`${sentence} [@${key}]`, corpus).findings;

describe('no false alarm', () => {
  it('on a reporter named before what it reports', () => {
    assert.deepEqual(findings('The Harbour Gazette said Lima had ordered the port to reopen on Monday.'), []);
  });

  it('on "would be able to" where another subject "has not been able to" in another sentence', () => {
    assert.deepEqual(findings('Dock workers would be able to return in two shifts.'), []);
  });

  it('on a meeting where the source names a place after "in" before "the meeting"', () => {
    assert.deepEqual(findings('Varga had met her Greek counterpart, Nikos Pappas, in Athens.'), []);
  });

  it('on the writer asking what the outcome hangs on', () => {
    assert.deepEqual(check('Much depends on whether the dock workers return.', corpus).findings, []);
  });
});
