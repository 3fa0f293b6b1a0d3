/**
 * Findings as the CLI prints them: text lines, the JSON report other tools read, and SARIF 2.1.0.
 */
import type { Finding, Problem, RuleId, Severity } from '../model/types';
import { RULES } from '../model/types';
import { truncate } from '../text/truncate';
import { DEFAULT_SEVERITY } from '../verdict/check';

export interface FileReport {
  path: string;
  findings: Finding[];
}

const RULE_HELP: Record<RuleId, string> = {
  'unsupported-claim': 'No passage in any source supports the claim.',
  'uncited-claim': 'A source supports the claim, but the sentence cites nothing.',
  'wrong-citation': 'The cited sources do not support the sentence, while another source does.',
  misquote: 'A quote is not verbatim in the cited source (or in any source when uncited).',
  contradicted: 'The best passage matches, but a number, date, name or negation differs.',
  'unknown-source': 'A citation key that names no source.',
  'wrong-locator': 'The cited source supports the sentence, but not on the cited page or pages.',
  'unchecked-citation': 'The key is in a bibliography, but its text is not in the workspace, so the sentence was not checked.',
};

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** `draft.md:12:5: warning unsupported-claim …` lines (1-based line and column). */
export function formatText(files: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const f of files) {
    for (const x of f.findings) {
      lines.push(`${f.path}:${x.range.start.line + 1}:${x.range.start.character + 1}: ${x.severity} ${x.rule} ${x.message}`);
    }
  }
  return lines.join('\n');
}

/** "2 errors, 3 warnings, 1 information in 1 draft (5 sources, 108 passages)". */
export function summaryLine(files: readonly FileReport[], sources: number, passages: number): string {
  const count = (s: Severity) => files.reduce((n, f) => n + f.findings.filter((x) => x.severity === s).length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning'), `${count('information')} information`];
  const hints = count('hint');
  if (hints) parts.push(plural(hints, 'hint'));
  return `${parts.join(', ')} in ${plural(files.length, 'draft')} (${plural(sources, 'source')}, ${plural(passages, 'passage')})`;
}

/** The JSON report: `{"version":1,"files":[{"path","findings":[…]}]}`, plus problems met reading inputs. */
export function formatJson(files: readonly FileReport[], problems: readonly Problem[] = []): string {
  const out = {
    version: 1,
    files: files.map((f) => ({
      path: f.path,
      findings: f.findings.map((x) => ({
        rule: x.rule,
        severity: x.severity,
        message: x.message,
        range: x.range,
        evidence: x.evidence.map((e) => ({ source: e.source, line: e.line, ...(e.page ? { page: e.page } : {}), text: e.text })),
        score: Math.round(x.score * 1000) / 1000,
        ...(x.confidence ? { confidence: x.confidence } : {}),
        ...(x.probability !== undefined ? { probability: Math.round(x.probability * 1000) / 1000 } : {}),
        fixes: x.fixes.map((fix) => ({ title: fix.title, range: fix.range, newText: fix.newText })),
      })),
    })),
    ...(problems.length ? { problems: problems.map((p) => ({ path: p.path, message: p.message })) } : {}),
  };
  return JSON.stringify(out, null, 2);
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0, 1-based lines and columns (UTF-16 code units). */
export function formatSarif(files: readonly FileReport[], problems: readonly Problem[] = [], version = '0.0.0', sourcePath: (id: string) => string | undefined = () => undefined): string {
  const results = files.flatMap((f) =>
    f.findings.map((x) => ({
      ruleId: x.rule,
      ruleIndex: RULES.indexOf(x.rule),
      level: SARIF_LEVEL[x.severity],
      message: { text: x.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(f.path) },
            region: { startLine: x.range.start.line + 1, startColumn: x.range.start.character + 1, endLine: x.range.end.line + 1, endColumn: x.range.end.character + 1 },
          },
        },
      ],
      ...(x.evidence.length
        ? {
            relatedLocations: x.evidence.map((e, i) => ({
              id: i,
              message: { text: truncate(e.text, 300) },
              physicalLocation: { artifactLocation: { uri: encodeURI(sourcePath(e.source) ?? e.source) }, region: { startLine: e.line, startColumn: e.character + 1 } },
              ...(e.page ? { properties: { page: e.page } } : {}),
            })),
          }
        : {}),
      ...(x.fixes.length
        ? {
            fixes: x.fixes.map((fix) => ({
              description: { text: fix.title },
              artifactChanges: [
                {
                  artifactLocation: { uri: encodeURI(f.path) },
                  replacements: [
                    {
                      deletedRegion: { startLine: fix.range.start.line + 1, startColumn: fix.range.start.character + 1, endLine: fix.range.end.line + 1, endColumn: fix.range.end.character + 1 },
                      insertedContent: { text: fix.newText },
                    },
                  ],
                },
              ],
            })),
          }
        : {}),
      properties: { score: Math.round(x.score * 1000) / 1000 },
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'grounded',
            version,
            rules: RULES.map((id) => ({
              id,
              name: id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: RULE_HELP[id] },
              defaultConfiguration: { level: SARIF_LEVEL[DEFAULT_SEVERITY[id]] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: problems.map((p) => ({
              level: p.kind === 'skipped' ? 'warning' : 'note',
              message: { text: `${p.path}: ${p.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(p.path) } } }],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
