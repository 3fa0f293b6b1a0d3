/**
 * What writers write over their sources and the check must read right: the piece speaking of
 * itself, attribution to the cited source, one of several, other forms of a name, a cited source
 * that says otherwise. Against the seeds as the CLI reads them (articles, PDF, web page).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Corpus, check, type Finding } from '../../src/core';
import { isAnalysis } from '../../src/core/verdict/analysis';
import { referenceWords, withoutAttribution } from '../../src/core/verdict/attribution';
import { sameReferent } from '../../src/core/verdict/nameForms';
import { seedsCorpus } from '../../bench/draftLabels';

const UPI = '000_35f1dbd1b08b91d7';
const MOSCOW_TIMES = '001_b0a5b3a894015755';
const ASHARQ = '003_1fa6402b6538030d';
const PDF = '005_aleppo_briefing';
const LEDGER = '006_aleppo_ledger';

let corpus: Corpus;
before(async () => {
  corpus = await seedsCorpus();
});
const run = (md: string): Finding[] => check(md, corpus).findings;
const rules = (md: string) => run(md).map((f) => f.rule);

describe('analysis: the piece, its signposts and the sources compared', () => {
  it('reads the piece speaking of itself as analysis', () => {
    assert.ok(isAnalysis('This explainer draws on six reports published on 2 and 3 November 2016.'));
    assert.ok(isAnalysis('In this note we set the accounts side by side.'));
    assert.deepEqual(run('This explainer draws on six reports published on 2 and 3 November 2016.'), []);
  });
  it('reads signposts and comparisons of the sources as analysis', () => {
    assert.ok(isAnalysis('Two points of difference stand out.'));
    assert.ok(isAnalysis('The framing of the offer differs across outlets.'));
    assert.ok(isAnalysis('The accounts disagree on the timing.'));
    assert.ok(isAnalysis('The bigger question is whether civilians will trust the corridors at all.'));
  });
  it('still reads claims about the world as claims', () => {
    assert.ok(!isAnalysis('Three corridors remain open.'));
    assert.ok(!isAnalysis('The rebels and the government differ in their accounts.'));
    assert.ok(!isAnalysis('Reports said the pause differs across the city.'));
  });
});

describe('attribution to the cited source itself', () => {
  it('blanks "according to the briefing" and "only the Ledger says that", keeping offsets', () => {
    const refs = referenceWords(corpus, [PDF, LEDGER]);
    const a = 'According to the briefing, eight corridors in all would be open.';
    assert.equal(withoutAttribution(a, refs).trim(), 'eight corridors in all would be open.');
    assert.equal(withoutAttribution(a, refs).length, a.length);
    assert.equal(withoutAttribution('Second, only the Ledger says that Malahifji refused.', refs).trim(), 'Malahifji refused.');
    // who said it is a claim: the Defence Ministry is no name of the source
    const m = 'According to the Defence Ministry, two corridors would open.';
    assert.equal(withoutAttribution(m, refs), m);
  });
  it('reads the frames case-blind, whatever the letters around them', () => {
    const refs = new Set(['ledger', 'daily', 'agency', 'briefing']);
    const frames = ['According to the Ledger, ', 'In the Ledger’s account, ', 'The Daily Ledger reports that ', 'Second, only the Ledger says that '];
    const ends = [', according to the briefing.', ', the agency reported.'];
    // İ lowers to two code units and ſ is an s to the case-blind match: those sentences are read case-blind
    const bodies = ['eight corridors in all would be open', 'İstanbul saw eight corridors open', 'the ſtate opened eight corridors', 'Zoë and Ωmega opened eight corridors'];
    const cases = [(s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s.replace(/\w/g, (c, i: number) => (i % 2 ? c.toUpperCase() : c.toLowerCase()))];
    for (const body of bodies) {
      for (const frame of frames) {
        for (const recase of cases) {
          const a = recase(frame) + body + '.';
          const out = withoutAttribution(a, refs);
          assert.equal(out.length, a.length, a);
          assert.equal(out.trim(), body + '.', a);
        }
      }
      for (const end of ends) {
        for (const recase of cases) {
          const a = body + recase(end);
          const out = withoutAttribution(a, refs);
          assert.equal(out.length, a.length, a);
          assert.equal(out.replace(/[ .]+$/, ''), body, a);
        }
      }
    }
    // the long s is read as an s case-blind: "ſays" is a verb of saying
    assert.equal(withoutAttribution('The Ledger ſays that eight corridors opened.', refs).trim(), 'eight corridors opened.');
  });
  it('finds the page of a claim attributed to the briefing', () => {
    const f = run(`According to the briefing, eight corridors in all would be open during the pause [@${PDF}, p. 3].`);
    assert.deepEqual(f.map((x) => x.rule), ['wrong-locator']);
    assert.match(f[0]!.message, /p\. 2/);
  });
  it('does not take the outlet named as the subject for a name in the source', () => {
    assert.deepEqual(run(`Second, only the Ledger says that Malahifji first made his refusal to Reuters on Wednesday [@${LEDGER}].`), []);
    assert.deepEqual(run(`First, only Asharq Al-Awsat reports that one corridor was for civilians and another for armed fighters [@${ASHARQ}].`), []);
  });
  it('still finds who did it when the claim is attributed to the briefing', () => {
    assert.deepEqual(rules(`General Valery Gerasimov ordered the pause, according to the briefing [@${PDF}, p. 1].`), ['contradicted']);
  });
});

describe('a cited source that says otherwise', () => {
  it('is reported as contradicted, before another source that seems to back the claim', () => {
    const f = run(`Malahifji said there were corridors that guaranteed safe passage [@${LEDGER}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /no corridors/);
  });
});

describe('one of several', () => {
  it('does not contradict "one corridor" with "two corridors"', () => {
    assert.deepEqual(run(`One corridor was to lead north along the Castello road, towards the Turkish border [@${PDF}, p. 2].`), []);
  });
  it('still contradicts "only one corridor"', () => {
    assert.deepEqual(rules('Only one corridor would be opened for the rebels.'), ['contradicted']);
  });
});

describe('other forms of a name', () => {
  it('knows initialisms, country adjectives and capitals for their countries', () => {
    assert.ok(sameReferent('U.S.', 'United States'));
    assert.ok(sameReferent('UN', 'United Nations'));
    assert.ok(sameReferent('Turkish', 'Turkey'));
    assert.ok(sameReferent('Washington', 'United States', true));
    assert.ok(sameReferent('Moscow', 'Russia', true));
    // a capital stands for its country only where the two fill one slot
    assert.ok(!sameReferent('Ankara', 'Turkish'));
    assert.ok(!sameReferent('Washington', 'Moscow'));
    assert.ok(!sameReferent('Austria', 'Australia'));
    assert.ok(!sameReferent('Valery Gerasimov', 'President Vladimir Putin'));
  });
  it('takes Washington for the United States, and the Turkish border for the border with Turkey', () => {
    assert.deepEqual(run(`In the Russian view, Washington had failed to separate the moderate opposition from terrorists [@${PDF}, p. 1].`), []);
    assert.deepEqual(run(`Rebels would be able to leave through two corridors, one heading toward the Turkish border and the other toward Idlib province [@${UPI}].`), []);
  });
  it('still reports another name in the slot', () => {
    assert.deepEqual(rules(`The United States ordered a 10-hour humanitarian pause in Aleppo [@${UPI}].`), ['contradicted']);
  });
});

describe('"unable to", "failed to" and "refused to" negate what follows', () => {
  it('takes "could not distinguish" for "unable to distinguish"', () => {
    assert.deepEqual(run(`In their view, the United States could not distinguish opposition groups from extremists [@${MOSCOW_TIMES}].`), []);
  });
  it('still reports "was able to" against "unable to"', () => {
    const f = run(`In their view, the U.S. was able to distinguish opposition groups from extremists [@${MOSCOW_TIMES}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /negation/);
  });
});

describe('numbers that count different things', () => {
  it('does not set "ten hours" against "five years"', () => {
    assert.deepEqual(run(`The truce was to last from 9 a.m. until 7 p.m., ten hours in all [@${MOSCOW_TIMES}].`), []);
  });
  it('still sets "three weeks" against "two weeks"', () => {
    assert.deepEqual(rules(`A similar ceasefire collapsed three weeks ago amid renewed fighting [@${LEDGER}].`), ['contradicted']);
  });
});

describe('who did it to whom', () => {
  it('reports the subject and the object trading places', () => {
    const f = run(`The rebels have accused Russia of firing into escape corridors to prevent civilians from leaving [@${UPI}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /who did it differs: "rebels" here, "Russia" in the source/);
  });
  it('reports the one who decided and the one who ordered trading places', () => {
    const f = run(`According to the Moscow Times, Putin decided to introduce the "humanitarian ceasefire" on Shoigu's orders [@${MOSCOW_TIMES}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /"Putin" here, "Defense Minister Sergey Shoigu" in the source/);
  });
  it('leaves the roles as the source has them, and a passive, alone', () => {
    assert.deepEqual(run(`Russia has accused armed groups of firing into escape corridors to prevent civilians from leaving [@${UPI}].`), []);
    assert.deepEqual(run(`Shoigu decided to introduce the "humanitarian ceasefire" on President Putin's orders [@${MOSCOW_TIMES}].`), []);
    assert.deepEqual(run(`The pause was ordered by President Vladimir Putin [@${PDF}, p. 1].`), []);
  });
});

describe('another weekday, an opposite verb', () => {
  it('reports Tuesday where the source has Wednesday between the same words', () => {
    assert.deepEqual(rules(`He had first made the refusal to Reuters on Tuesday [@${LEDGER}].`), ['contradicted']);
    assert.deepEqual(run(`He had first made the refusal to Reuters on Wednesday [@${LEDGER}].`), []);
  });
  it('reports "weaken" where the source has "reinforce"', () => {
    const f = run(`Russian air forces deployed to Syria last year to weaken Assad's military [@${MOSCOW_TIMES}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /"weaken" is the opposite of "reinforce"/);
  });
});

describe('a cited source that only just backs the claim', () => {
  it('is possibly the wrong citation when another source has far more of its words', () => {
    const f = run(`Russia has accused armed groups in Aleppo of firing into escape corridors to keep civilians from leaving [@002_ac6502ea9c5e1856].`);
    assert.deepEqual(f.map((x) => x.rule), ['wrong-citation']);
    assert.equal(f[0]!.severity, 'information');
    assert.equal(f[0]!.fixes[0]!.newText, `[@${UPI}]`);
  });
  it('is left alone when it backs the claim about as well as any', () => {
    assert.deepEqual(run(`Rebels would be able to leave through two corridors, one heading toward the Turkish border and the other toward Idlib province [@${UPI}].`), []);
  });
});

describe('a count that is the subject', () => {
  it('reports the two corridors for unarmed civilians, where the source gives them six', () => {
    const f = run(`The two corridors, the ministry said, were specifically aimed at unarmed civilians [@${MOSCOW_TIMES}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /"two corridors" here, "Six other corridors" in the source/);
  });
  it('leaves the two corridors for the rebels alone', () => {
    assert.deepEqual(run(`The two corridors, the ministry said, were specifically aimed at rebel forces [@${MOSCOW_TIMES}].`), []);
  });
});

describe('opposites stated otherwise, denials, open outcomes', () => {
  it('reports "a success" where the source has "a failure", and "succeeded" where it has "failed"', () => {
    const f = run(`Turkish statements suggested the talks had been a success [@${ASHARQ}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /"success" is the opposite of "failure"/);
    assert.deepEqual(rules(`Gerasimov said the offensive had succeeded [@${UPI}].`), ['contradicted']);
    assert.deepEqual(run(`Gerasimov said the rebel offensive had failed [@${UPI}].`), []);
  });
  it('reads "denied there were corridors" as a negation', () => {
    const f = run(`Malahifji also said there were corridors guaranteeing safe passage [@002_ac6502ea9c5e1856].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.deepEqual(run(`Malahifji also denied that any corridors guaranteed safe passage [@002_ac6502ea9c5e1856].`), []);
  });
  it('reads "… is far from clear", "it was not immediately clear" and forecasts as analysis', () => {
    assert.ok(isAnalysis('What the rebels will do on Friday is far from clear.'));
    assert.ok(isAnalysis('It was not immediately clear how many fighters would take up the offer.'));
    assert.ok(isAnalysis('The offer looks unlikely to change much.'));
    assert.ok(isAnalysis('Few expect the rebels to leave.'));
    assert.ok(!isAnalysis('The rebels are expected to leave on Friday.'));
  });
  it('reads each count of a clause with the words up to the next count', () => {
    assert.deepEqual(run(`Two corridors will be open for fighters and six for civilians, the sick and the wounded, eight in all [@${PDF}, p. 2].`), []);
  });
});

describe('whom a count is for, and subjects joined by "and"', () => {
  it('reads "six other corridors for armed fighters" against the source\'s two for the rebels', () => {
    const f = run(`Russia planned to open six other corridors for armed fighters [@${MOSCOW_TIMES}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /count differs for armed fighters/);
    assert.deepEqual(run(`Russia planned to open six other corridors for unarmed civilians [@${MOSCOW_TIMES}].`), []);
  });
  it('reads "Moscow and Damascus have blamed Washington" as one subject', () => {
    assert.deepEqual(rules(`Washington blamed Moscow for the failure of earlier ceasefires [@${MOSCOW_TIMES}].`), ['contradicted']);
    assert.deepEqual(run(`Moscow and Damascus blamed Washington for the continued failure of ceasefires [@${MOSCOW_TIMES}].`), []);
  });
});

describe('a named subject the passage does not name', () => {
  it('reports the United States accused where the source accuses Russia and Assad\'s regime', () => {
    const f = run(`The United States has been accused of war crimes over its bombing of hospitals and schools [@${UPI}].`);
    assert.deepEqual(f.map((x) => x.rule), ['contradicted']);
    assert.match(f[0]!.message, /"United States" here, "Russia and Assad's" in the source/);
    assert.deepEqual(run(`Russia and Assad's regime have been accused of war crimes over the bombing of hospitals and schools [@${UPI}].`), []);
  });
  it('takes one person\'s first name and surname for the same person', () => {
    const c = new Corpus();
    c.addSource('src/bio.txt', 'Marion Smith was a teacher in Blackville. Marion died four years later on 24 January 1957, aged 66.');
    assert.deepEqual(check('Smith died in Blackville on 24 January 1957 [@bio].', c).findings.filter((f) => f.rule === 'contradicted'), []);
  });
});
