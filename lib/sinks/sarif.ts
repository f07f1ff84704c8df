import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Finding, Gap, ReportDocument, WorkloadResult } from '../findings/result.js';
import type { Rule, Severity } from '../rules/rule.js';

/** The rule metadata SARIF publishes: everything of a rule but its logic. */
export type RuleMetadata = Omit<Rule, 'evaluate'>;

/** What SARIF needs beyond the report: the catalogue and the tool version. */
export interface SarifOptions {
  /** Rules to publish as `tool.driver.rules` (normally `allRules`). */
  readonly rules: readonly RuleMetadata[];
  /** `tool.driver.version`, the fargate-fit version. */
  readonly toolVersion: string;
}

/** SARIF level of a finding severity (GitHub shows error / warning / note). */
export const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  blocker: 'error',
  fixable: 'warning',
  advisory: 'note',
};

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const FINGERPRINT_KEY = 'fargateFitFinding/v1';

/**
 * Turns a file path as the reader recorded it into a SARIF artifact URI: a relative path becomes
 * a percent-encoded relative reference (resolved by GitHub against the repository root), an
 * absolute path a `file://` URL.
 */
export function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  const slashed = file.replaceAll('\\', '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed)) return { uri: pathToFileURL(file).href };
  const relative = slashed.replace(/^(\.\/)+/, '');
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function physicalLocation(file: string, line: number | null | undefined) {
  // GitHub code scanning needs region.startLine; JSON task definitions and documents whose line
  // the reader did not record start at the top of the file.
  return { physicalLocation: { artifactLocation: artifactUri(file), region: { startLine: line ?? 1 } } };
}

function locationsOf(workload: WorkloadResult) {
  const logical = {
    logicalLocations: [{ name: workload.name, fullyQualifiedName: workload.id, kind: 'resource' }],
  };
  if (workload.source === null) return [logical];
  return [{ ...physicalLocation(workload.source.file, workload.source.line), ...logical }];
}

function fingerprint(workload: WorkloadResult, finding: Finding): string {
  // Document indexes shift when a document is added above; identify by file, kind and name instead.
  const identity = [
    finding.ruleId,
    workload.source?.file ?? workload.id,
    workload.kind,
    workload.namespace ?? '',
    workload.name,
    finding.message,
  ].join('\u0000');
  return createHash('sha256').update(identity).digest('hex');
}

function workloadLabel(workload: WorkloadResult): string {
  const name = workload.namespace === null ? workload.name : `${workload.namespace}/${workload.name}`;
  return `${workload.kind} ${name}`;
}

function gapNotification(gap: Gap) {
  return {
    level: 'error',
    message: { text: `${gap.errorName}: ${gap.message}` },
    descriptor: { id: gap.errorName },
    properties: { gapScope: gap.scope },
    ...(gap.file ? { locations: [physicalLocation(gap.file, gap.line)] } : {}),
  };
}

/**
 * `--format sarif`: one SARIF 2.1.0 run for GitHub code scanning. The catalogue is published as
 * `tool.driver.rules` (title, rationale, fix, docs link, category and severity); each finding is a
 * result at its file and YAML document line, blocker → error, fixable → warning, advisory → note;
 * suppressed findings carry an external suppression. Gaps and rule failures are
 * `toolExecutionNotifications`, so a partial run says so.
 */
export function renderSarif(report: ReportDocument, options: SarifOptions): string {
  const ruleIndex = new Map(options.rules.map((rule, index) => [rule.id, index]));
  const results = report.workloads.flatMap((workload) =>
    workload.findings.map((finding) => {
      const index = ruleIndex.get(finding.ruleId);
      return {
        ruleId: finding.ruleId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: SARIF_LEVEL[finding.severity],
        message: { text: `${workloadLabel(workload)}: ${finding.message} Fix: ${finding.fix}` },
        locations: locationsOf(workload),
        partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(workload, finding) },
        ...(finding.suppressed
          ? {
              suppressions: [
                {
                  kind: 'external',
                  justification: `${finding.suppressed.reason} (owner ${finding.suppressed.owner}, expires ${finding.suppressed.expires})`,
                },
              ],
            }
          : {}),
        properties: { category: finding.category, severity: finding.severity, verdict: workload.verdict },
      };
    }),
  );
  const ruleFailures = report.workloads.flatMap((workload) =>
    workload.errors.map((error) => ({
      level: 'error',
      message: { text: `${workloadLabel(workload)}: rule ${error.ruleId} failed: ${error.message}` },
      ...(ruleIndex.has(error.ruleId)
        ? { associatedRule: { id: error.ruleId, index: ruleIndex.get(error.ruleId) } }
        : {}),
      locations: locationsOf(workload),
    })),
  );
  const notifications = [...report.gaps.map(gapNotification), ...ruleFailures];
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'fargate-fit',
            version: options.toolVersion,
            rules: options.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.rationale },
              help: { text: `Fix: ${rule.fix}\nSee ${rule.docsUrl}` },
              helpUri: rule.docsUrl,
              defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
              properties: {
                category: rule.category,
                severity: rule.severity,
                scope: rule.scope,
                tags: [rule.scope, rule.category],
              },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: notifications.length === 0,
            toolExecutionNotifications: notifications,
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
