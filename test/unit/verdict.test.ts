import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Corpus } from '../../src/core/corpus/corpus';
import { check } from '../../src/core/verdict/check';
import { isAnalysis } from '../../src/core/verdict/analysis';
import { phraseEnd } from '../../src/core/verdict/quotes';
import { nearKeys } from '../../src/core/verdict/names';
import { nearSourceKeys } from '../../src/core/verdict/names';
import { bestSupport, claimTerms, placeSingles, rankPassages } from '../../src/core/verdict/support';
import type { Finding } from '../../src/core/model/types';
import { ASHARQ, BBC, REUTERS, UPI, seedCorpus } from './fixtures';

const corpus = seedCorpus();
const run = (md: string, c = corpus) => check(md, c).findings;
const only = (md: string): Finding => {
  const f = run(md);
  assert.equal(f.length, 1, JSON.stringify(f.map((x) => [x.rule, x.message])));
  return f[0]!;
};

describe('roles: who did what', () => {
  it('reports the United States in the place of Putin as contradicted, naming both', () => {
    const f = only(`The United States ordered a 10-hour humanitarian pause in Aleppo [@${UPI}].`);
    assert.equal(f.rule, 'contradicted');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /"United States" here/);
    assert.match(f.message, /Putin/);
  });

  it('still supports the claim with the right subject', () => {
    assert.deepEqual(run(`Russian President Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo on Friday [@${UPI}].`), []);
  });

  it('reports two corridors for civilians, who get six, naming both counts and the passage', () => {
    const f = only(`Civilians will be allowed to leave through two corridors [@${UPI}].`);
    assert.equal(f.rule, 'contradicted');
    assert.match(f.message, /"two corridors" here/);
    assert.match(f.message, /Six other corridors/);
    assert.match(f.message, /^000, line \d+/);
  });

  it('reads each count of a claim with the subject of its own clause', () => {
    assert.deepEqual(run(`Rebels would be allowed to leave with their weapons via two special corridors, while civilians could use six other corridors [@${REUTERS}].`), []);
  });
});

describe('roles: conflicts only in the same slot', () => {
  it('takes the closing time as the end of the opening hours', () => {
    assert.deepEqual(run(`The corridors would close at 19:00 local time [@${BBC}].`), []);
  });

  it('still reports an opposite that fills the same slot', () => {
    const f = run(`The rebels accepted the offer [@${BBC}].`);
    assert.equal(f.length, 1);
    assert.ok(['contradicted', 'unsupported-claim'].includes(f[0]!.rule), f[0]!.rule);
  });
});

describe('negation from a neighbour', () => {
  const c = new Corpus();
  c.addSource('src/a.txt', 'The convoy reached the northern district on Monday. Aid workers said the convoy reached the town and unloaded the food. They could not unload the medicine because the road was closed.');
  it('does not flag a claim that stands verbatim in the source because a neighbour has "not"', () => {
    assert.deepEqual(run('Aid workers said the convoy reached the town and unloaded the food [@a].', c), []);
  });
  it('names the negated words when a negation does differ', () => {
    const f = run(`Civilians trusted the government side, the rebel official said [@${REUTERS}].`);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.rule, 'contradicted');
    assert.match(f[0]!.message, /not trust/);
  });
});

describe('the best support among candidates of equal coverage', () => {
  // twelve passages with the claim's words, the first eleven negating it: only the fact checks tell them apart
  const c = new Corpus();
  for (let i = 0; i < 11; i++) c.addSource(`src/n${String(i).padStart(2, '0')}.txt`, `Report ${i}. The harbour council did not approve the floating market plan on Monday.`);
  c.addSource('src/yes.txt', 'Report 11. The harbour council approved the floating market plan on Monday after a long and heated debate among its many members.');
  const claim = claimTerms(c, 'The harbour council approved the floating market plan on Monday.');
  it('is the one that ranking every candidate in full puts first', () => {
    const best = bestSupport(c, claim)!;
    assert.equal(best.passages[0]!.sourceId, 'yes');
    assert.deepEqual(best.conflicts, []);
    assert.equal(rankPassages(c, claim, 1)[0]!.sourceId, 'yes');
  });
});

describe('placing single candidates', () => {
  /** Every candidate asked about, sorted by coverage and, within equal coverage, without a conflict first (a stable sort). */
  const inFull = (coverage: readonly number[], sources: readonly string[], conflicting: readonly boolean[], count: number) => {
    const order = coverage.map((_, i) => i).sort((a, b) => coverage[b]! - coverage[a]! || Number(conflicting[a]) - Number(conflicting[b]));
    const best = order[0]!;
    return { best, pool: order.slice(1, count).filter((i) => sources[i] === sources[best]) };
  };
  it('places them as ranking every candidate in full does, asking about fewer', () => {
    const candidate = fc.record({ coverage: fc.integer({ min: 0, max: 4 }), source: fc.constantFrom('a', 'b', 'c'), conflict: fc.boolean() });
    let asked = 0;
    let all = 0;
    fc.assert(
      fc.property(fc.array(candidate, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 12 }), (cs, count) => {
        const coverage = cs.map((c) => c.coverage / 4);
        const sources = cs.map((c) => c.source);
        const conflicting = cs.map((c) => c.conflict);
        const seen = new Set<number>();
        const placed = placeSingles(coverage, (i) => sources[i]!, (i) => (seen.add(i), conflicting[i]!), count);
        assert.deepEqual(placed, inFull(coverage, sources, conflicting, count));
        asked += seen.size;
        all += Math.min(cs.length, count);
      }),
      { numRuns: 2000 },
    );
    // the first `count` places, each scored once by ranking in full: fewer are asked about here
    assert.ok(asked < 0.8 * all, `${asked} of ${all}`);
  });
});

describe('keys near an unknown one', () => {
  const ids = ['smith2020', 'Smith2021', 'jones2019', 'smithson2018'];
  it('are the keys it begins, or those a few edits away, whether or not the lower-case ids are given', () => {
    assert.deepEqual(nearKeys('smith', ids), ['smith2020', 'Smith2021', 'smithson2018']);
    assert.deepEqual(nearKeys('jnoes2019', ids), ['jones2019']);
    assert.deepEqual(nearKeys('SMITH2022', ids, (id) => id.toLowerCase()), ['smith2020', 'Smith2021']);
    assert.deepEqual(nearKeys('zzzzzzzzzzzzzzzzzzzz', ids), []);
  });

  it('are the same from the corpus after its sources are edited and their order changes, and after an id comes', () => {
    const corpus = new Corpus();
    for (const id of ['smith2021', 'Smith2020', 'smithe2020', 'jones2019']) corpus.addSource(`${id}.md`, `---\nid: ${id}\n---\nSome text about ${id}.\n`);
    const same = () => {
      for (const key of ['smith', 'SMITH2022', 'jnoes2019', 'smyth2020', 'nobody']) assert.deepEqual(nearSourceKeys(corpus, key), nearKeys(key, corpus.sourceIds), key);
    };
    same();
    assert.deepEqual(nearSourceKeys(corpus, 'smith2022'), ['smith2021', 'Smith2020', 'smithe2020']);
    // replaced: the id goes to the end of the list
    corpus.addSource('smith2021.md', '---\nid: smith2021\n---\nOther text.\n');
    same();
    assert.deepEqual(nearSourceKeys(corpus, 'smith2022'), ['Smith2020', 'smith2021', 'smithe2020']);
    corpus.addSource('smith2023.md', '---\nid: smith2023\n---\nA new one.\n');
    same();
    corpus.removeSource('Smith2020.md');
    same();
  });
});

describe('quote fixes end at a phrase boundary', () => {
  it('extends "…to leave the" to the source\'s "…to leave the city"', () => {
    const f = only(`Gerasimov pledged that Russian troops "will work to guarantee the security of the operation to leave Aleppo" [@${ASHARQ}].`);
    assert.equal(f.rule, 'misquote');
    assert.equal(f.fixes[0]!.newText, 'will work to guarantee the security of the operation to leave the city');
  });

  it('keeps a fix that ends on a content word as it is', () => {
    const text = 'He said “we will leave the city today, and return later”.';
    const end = text.indexOf('city') + 4;
    assert.equal(phraseEnd(text, text.indexOf('we'), end), end);
    // inside the source's quotation: to its end; outside one: to the next clause boundary
    const open = text.indexOf('the') + 3;
    assert.equal(text.slice(text.indexOf('we'), phraseEnd(text, text.indexOf('we'), open)), 'we will leave the city today, and return later');
    const plain = 'Officials will leave the city today, and return later.';
    assert.equal(plain.slice(0, phraseEnd(plain, 0, plain.indexOf('the') + 3)), 'Officials will leave the city today');
  });
});

describe('analysis is not a claim', () => {
  it('recognises indirect questions, open outcomes, framing and evaluation', () => {
    for (const s of [
      "Whether the pause will hold is anyone's guess.",
      'How long the truce lasts remains unclear.',
      'Why Moscow chose Friday is a mystery.',
      'Whether civilians will use the corridors remains to be seen.',
      'It is unclear whether the rebels will leave.',
      'The question now is whether the rebels will leave.',
      'It is telling that the statement came from Moscow.',
    ]) assert.ok(isAnalysis(s), s);
    for (const s of ['Whether to leave was up to the rebels, the ministry said.', 'The rebels rejected the offer.', 'How the corridors work was explained by the army.']) assert.ok(!isAnalysis(s), s);
  });

  it('reports nothing on "Whether the pause will hold is anyone\'s guess."', () => {
    assert.deepEqual(run("Whether the pause will hold is anyone's guess."), []);
  });
});

describe('confidence', () => {
  it('gives every support finding a confidence and a probability, and keeps uncertain ones at information', () => {
    const md = [`The United States ordered a 10-hour humanitarian pause in Aleppo [@${UPI}].`, '', 'The United Nations delivered forty trucks of food to the eastern districts that week.'].join('\n');
    const { findings, verdicts } = check(md, corpus);
    for (const f of findings) {
      assert.ok(f.confidence === 'confident' || f.confidence === 'uncertain', f.rule);
      assert.ok(typeof f.probability === 'number' && f.probability >= 0 && f.probability <= 1);
      if (f.confidence === 'uncertain') assert.equal(f.severity, 'information');
    }
    assert.ok(verdicts.every((v) => v.probability === undefined || v.confidence !== undefined));
  });
});

describe('a draft of faithful sentences and of wrong ones', () => {
  const clean = [
    `Vladimir Putin ordered a 10-hour humanitarian pause in Aleppo [@${UPI}].`,
    `Six other corridors were set up so that civilians could leave [@${UPI}].`,
    `Russia accused armed groups of firing into the escape corridors [@${UPI}].`,
    `The Syrian army called on rebel fighters to cease fire [@${REUTERS}].`,
    `Western governments said the strikes had killed civilians in large numbers [@${REUTERS}].`,
    `Armed fighters may leave with their weapons towards Idlib or the Turkish border [@${ASHARQ}].`,
    `Rebel groups have attacked western Aleppo, which is held by the government [@${BBC}].`,
  ];
  it('reports nothing on the faithful ones', () => {
    assert.deepEqual(run(clean.join('\n\n')).map((f) => [f.rule, f.message]), []);
  });
  it('reports each wrong one: another speaker, place, time or count', () => {
    for (const md of [
      `Sergei Lavrov ordered a 10-hour humanitarian pause in Aleppo [@${UPI}].`,
      `Gerasimov held talks with his Turkish counterpart Hulusi Akar in Ankara [@${ASHARQ}].`,
      `The corridors would be open between 08:00 and 19:00 local time [@${BBC}].`,
      `Civilians could leave through two special corridors [@${REUTERS}].`,
    ]) {
      const f = only(md);
      assert.equal(f.rule, 'contradicted', md);
      assert.equal(f.severity, 'warning', md);
    }
  });
});

describe('the JSON report', () => {
  it('carries the confidence and the probability of findings about support', async () => {
    const { formatJson } = await import('../../src/core/report/report');
    const result = check('The United Nations delivered forty trucks of food to the eastern districts that week.', corpus);
    const json = JSON.parse(formatJson([{ path: 'd.md', findings: result.findings }])) as { files: Array<{ findings: Array<{ confidence?: string; probability?: number }> }> };
    const f = json.files[0]!.findings[0]!;
    assert.equal(f.confidence, 'confident');
    assert.equal(typeof f.probability, 'number');
  });
});
