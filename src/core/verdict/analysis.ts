/**
 * The writer's own analysis, which no source needs to back (README, "What counts as analysis").
 * The draft parser already marks hedges, first person and direct questions (`Claim.opinion`);
 * these are the further forms:
 *
 * - an indirect question as the subject: "Whether the pause will hold is anyone's guess.",
 *   "How long the truce lasts remains unclear.", "Why Moscow chose Friday is a mystery.";
 * - the open outcome: "… remains to be seen", "… is anyone's guess", "only time will tell",
 *   "it is (still) unclear / uncertain / an open question whether …", "no one knows whether …";
 * - rhetorical framing: "The question now is whether …", "What matters is …", "Much depends on whether …", "The real test is …",
 *   "One wonders …", "It is worth asking …";
 * - the writer's evaluation of a fact: "It is telling / striking / ironic / no surprise that …";
 * - the piece speaking of itself: "This explainer draws on six reports …", "This note compares …";
 * - signposts: "Two points of difference stand out.", "Three questions remain.";
 * - the writer comparing the sources: "The framing of the offer differs across outlets.",
 *   "The accounts disagree on the timing.";
 * - the writer's forecast: "The offer looks unlikely to change much.", "Few expect the rebels to leave.".
 */

const INDIRECT_QUESTION = /^\s*(?:whether|how(?:\s+(?:long|much|many|far|soon))?|why|what|who|when|where|which)\b[^.?!]{3,}?\s+(?:is|was|remains|remained|will\s+be|would\s+be|seems|is\s+still)\s+(?:anyone'?s\s+guess|any\s*body'?s\s+guess|unclear|uncertain|unknown|unclear\s+\w+|not\s+(?:yet\s+)?(?:clear|known)|an?\s+(?:open\s+)?(?:question|mystery|matter\s+of\s+\w+)|(?:yet|still)\s+to\s+be\s+seen|to\s+be\s+seen|debatable|doubtful|hard\s+to\s+(?:say|tell|know|predict)|far\s+from\s+(?:clear|certain|settled|obvious)|anything\s+but\s+(?:clear|certain)|not\s+at\s+all\s+clear|(?:still\s+|yet\s+)?(?:open|unsettled|undecided))/i;

const OPEN_OUTCOME = /\b(?:remains?\s+to\s+be\s+seen|(?:is|was|remains)\s+anyone'?s\s+guess|only\s+time\s+will\s+tell|time\s+will\s+tell|it\s+(?:is|was|remains|remained)\s+(?:still\s+|not\s+yet\s+)?(?:unclear|uncertain|not\s+(?:immediately\s+|yet\s+)?clear|an\s+open\s+question|hard\s+to\s+(?:say|tell|know|predict))\s+(?:whether|if|how|why|what|when|who)|no\s+one\s+(?:yet\s+)?knows\s+(?:whether|if|how|why|what|when))\b/i;

const FRAMING = /^\s*(?:the\s+(?:(?:real|big|bigger|biggest|larger|open|key|main|central|hard|harder|deeper|other|remaining|first|last|final)\s+)?(?:question|test|issue|puzzle|problem)\s+(?:now\s+)?is\s+(?:whether|how|why|if)|what\s+matters\s+(?:now\s+|most\s+)?is|(?:much|everything|a\s+lot|it\s+all|so\s+much)\s+(?:now\s+|still\s+)?(?:depends|hinges|rests)\s+on\s+(?:whether|how|if|what|who)|one\s+(?:wonders|might\s+ask|can\s+only\s+wonder)|it\s+is\s+worth\s+(?:asking|wondering|remembering|noting\s+that\s+nothing))\b/i;

const EVALUATION = /^\s*it\s+is\s+(?:telling|striking|ironic|remarkable|notable|curious|revealing|no\s+(?:surprise|accident|coincidence)|hardly\s+surprising|unsurprising|not\s+surprising)\s+that\b/i;

/** The piece speaking of itself: "This explainer draws on …", "In this note we …". */
const SELF = /^\s*(?:(?:in\s+)?this|the\s+present)\s+(?:article|explainer|note|piece|report|briefing|brief|essay|paper|story|section|analysis|post|review|memo|summary|overview|guide|chapter|timeline|draft|column|newsletter|factsheet|fact\s+sheet)\b/i;

/** A signpost: "Two points of difference stand out.", "Three questions remain." */
const SIGNPOST = /^\s*(?:two|three|four|five|several|a\s+few|some|a\s+couple\s+of)\s+(?:\w+\s+)?(?:points|things|questions|lessons|differences|issues|themes|patterns|details|observations|threads|gaps|caveats)\b(?:\s+of\s+\w+)?\s+(?:stand\s+out|emerge|remain|matter|are\s+worth\s+\w+|deserve\s+\w+)/i;

/** Words for the sources as a group, which the writer compares. */
const SOURCES = String.raw`(?:the\s+)?(?:outlets|reports|accounts|sources|articles|papers|newspapers|agencies|stories|versions|reporters|briefings|texts|documents)`;
/** The writer comparing the sources: "… differs across outlets", "The accounts disagree …". */
const COMPARISON = new RegExp(String.raw`\b(?:differs?|differed|vary|varies|varied|diverges?|diverged|disagree[sd]?|agree[sd]?|converge[sd]?)\s+(?:\w+\s+){0,3}?(?:across|among|between|in)\s+${SOURCES}\b|^\s*${SOURCES}\s+(?:\w+\s+)?(?:differ|disagree|agree|vary|diverge|converge)\b`, 'i');

/** The writer's forecast: "The offer looks unlikely to change much.", "Few expect the rebels to leave." */
const FORECAST = /\b(?:looks?|looked|seems?|seemed|appears?|appeared)\s+(?:\w+\s+)?(?:un)?likely\s+to\b|^\s*(?:few|no\s+one|nobody|not\s+many)\s+(?:expects?|believes?|thinks?|imagines?)\b/i;

/** Whether a sentence is plainly the writer's analysis rather than a claim about the sources. */
export function isAnalysis(prose: string): boolean {
  const s = prose.replace(/\s+/g, ' ').trim().replace(/[’‘]/g, "'");
  return INDIRECT_QUESTION.test(s) || OPEN_OUTCOME.test(s) || FRAMING.test(s) || EVALUATION.test(s) || SELF.test(s) || SIGNPOST.test(s) || COMPARISON.test(s) || FORECAST.test(s);
}
