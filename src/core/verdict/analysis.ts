/**
 * The writer's own analysis, which no source needs to back (README, "What counts as analysis").
 * The draft parser already marks hedges, first person and direct questions (`Claim.opinion`);
 * these are the further forms:
 *
 * - an indirect question as the subject: "Whether the pause will hold is anyone's guess.",
 *   "How long the truce lasts remains unclear.", "Why Moscow chose Friday is a mystery.";
 * - the open outcome: "… remains to be seen", "… is anyone's guess", "only time will tell",
 *   "it is (still) unclear / uncertain / an open question whether …", "no one knows whether …";
 * - rhetorical framing: "The question now is whether …", "What matters is …", "The real test is …",
 *   "One wonders …", "It is worth asking …";
 * - the writer's evaluation of a fact: "It is telling / striking / ironic / no surprise that …".
 */

const INDIRECT_QUESTION = /^\s*(?:whether|how(?:\s+(?:long|much|many|far|soon))?|why|what|who|when|where|which)\b[^.?!]{3,}?\s+(?:is|was|remains|remained|will\s+be|would\s+be|seems|is\s+still)\s+(?:anyone'?s\s+guess|any\s*body'?s\s+guess|unclear|uncertain|unknown|unclear\s+\w+|not\s+(?:yet\s+)?(?:clear|known)|an?\s+(?:open\s+)?(?:question|mystery|matter\s+of\s+\w+)|(?:yet|still)\s+to\s+be\s+seen|to\s+be\s+seen|debatable|doubtful|hard\s+to\s+(?:say|tell|know|predict))/i;

const OPEN_OUTCOME = /\b(?:remains?\s+to\s+be\s+seen|(?:is|was|remains)\s+anyone'?s\s+guess|only\s+time\s+will\s+tell|time\s+will\s+tell|it\s+is\s+(?:still\s+|not\s+yet\s+)?(?:unclear|uncertain|not\s+clear|an\s+open\s+question|hard\s+to\s+(?:say|tell|know|predict))\s+(?:whether|if|how|why|what|when|who)|no\s+one\s+(?:yet\s+)?knows\s+(?:whether|if|how|why|what|when))\b/i;

const FRAMING = /^\s*(?:the\s+(?:real\s+|big\s+|open\s+|key\s+)?(?:question|test|issue)\s+(?:now\s+)?is\s+(?:whether|how|why|if)|what\s+matters\s+(?:now\s+|most\s+)?is|one\s+(?:wonders|might\s+ask|can\s+only\s+wonder)|it\s+is\s+worth\s+(?:asking|wondering|remembering|noting\s+that\s+nothing))\b/i;

const EVALUATION = /^\s*it\s+is\s+(?:telling|striking|ironic|remarkable|notable|curious|revealing|no\s+(?:surprise|accident|coincidence)|hardly\s+surprising|unsurprising|not\s+surprising)\s+that\b/i;

/** Whether a sentence is plainly the writer's analysis rather than a claim about the sources. */
export function isAnalysis(prose: string): boolean {
  const s = prose.replace(/\s+/g, ' ').trim().replace(/[’‘]/g, "'");
  return INDIRECT_QUESTION.test(s) || OPEN_OUTCOME.test(s) || FRAMING.test(s) || EVALUATION.test(s);
}
