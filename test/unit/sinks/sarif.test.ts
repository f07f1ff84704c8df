import { describe, expect, it } from 'vitest';
import type { ReportDocument, WorkloadResult } from '../../../lib/findings/result.js';
import { artifactUri, renderSarif } from '../../../lib/sinks/sarif.js';
import { sampleReport, sampleRules } from './report-sample.js';

interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: Record<string, unknown>[] } };
    results: {
      ruleId: string;
      ruleIndex?: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation?: {
          artifactLocation: { uri: string; uriBaseId?: string };
          region: { startLine: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification: string }[];
    }[];
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications: {
        level: string;
        message: { text: string };
        locations?: {
          physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } };
        }[];
      }[];
    }[];
  }[];
}

const render = (report: ReportDocument = sampleReport()) =>
  JSON.parse(renderSarif(report, { rules: sampleRules, toolVersion: '9.9.9' })) as SarifLog;

describe('renderSarif', () => {
  const log = render();
  const run = log.runs[0]!;

  it('is a SARIF 2.1.0 log with one run by fargate-fit', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'fargate-fit', version: '9.9.9' });
  });

  it('publishes the catalogue with descriptions, help link, category and severity', () => {
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(sampleRules.map((r) => r.id));
    expect(run.tool.driver.rules[0]).toMatchObject({
      id: 'eks-host-network',
      shortDescription: { text: 'Pod uses the host network' },
      fullDescription: { text: 'Fargate gives every pod its own ENI; there is no host network to share.' },
      helpUri: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
      defaultConfiguration: { level: 'error' },
      properties: { category: 'fargate', severity: 'blocker' },
    });
  });

  it('maps blocker, fixable and advisory to error, warning and note, with the rule index', () => {
    const levels = Object.fromEntries(run.results.map((r) => [r.ruleId, r.level]));
    expect(levels).toEqual({
      'eks-host-network': 'error',
      'eks-cpu-request-missing': 'warning',
      'ecs-readonly-root': 'note',
    });
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex!]?.id).toBe(result.ruleId);
    }
  });

  it('locates YAML findings at their document line and JSON ones at line 1 of the file', () => {
    const hostNetwork = run.results.find((r) => r.ruleId === 'eks-host-network')!;
    expect(hostNetwork.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'k8s/agents.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 24 },
    });
    const ecs = run.results.find((r) => r.ruleId === 'ecs-readonly-root')!;
    expect(ecs.locations[0]?.physicalLocation?.region.startLine).toBe(1);
    expect(ecs.locations[0]?.physicalLocation?.artifactLocation.uri).toBe('ecs/web.json');
  });

  it('names the workload and the fix in the message', () => {
    const hostNetwork = run.results.find((r) => r.ruleId === 'eks-host-network')!;
    expect(hostNetwork.message.text).toBe(
      'DaemonSet kube-system/node-agent: hostNetwork: true is not supported on Fargate Fix: Remove hostNetwork: true',
    );
  });

  it('gives each result a stable fingerprint that survives a document moving in the file', () => {
    const report = sampleReport();
    const moved: ReportDocument = {
      ...report,
      workloads: report.workloads.map(
        (w): WorkloadResult => (w.source ? { ...w, source: { ...w.source, documentIndex: 9, line: 99 } } : w),
      ),
    };
    const before = run.results.map((r) => r.partialFingerprints['fargateFitFinding/v1']);
    const after = render(moved).runs[0]!.results.map((r) => r.partialFingerprints['fargateFitFinding/v1']);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(before.length);
  });

  it('reports gaps and failed rules as error notifications and marks the run unsuccessful', () => {
    const invocation = run.invocations[0]!;
    expect(invocation.executionSuccessful).toBe(false);
    const texts = invocation.toolExecutionNotifications.map((n) => n.message.text);
    expect(texts).toContain('YAMLParseError: Nested mappings are not allowed in compact mappings');
    expect(texts).toContain('Deployment default/broken: rule eks-explodes failed: cannot read annotations');
    const gap = invocation.toolExecutionNotifications[0]!;
    expect(gap.level).toBe('error');
    expect(gap.locations?.[0]?.physicalLocation).toMatchObject({
      artifactLocation: { uri: 'manifests/broken.yaml' },
      region: { startLine: 7 },
    });
  });

  it('marks suppressed findings as externally suppressed instead of dropping them', () => {
    const report = sampleReport();
    const muted: ReportDocument = {
      ...report,
      workloads: report.workloads.map((w) => ({
        ...w,
        findings: w.findings.map((f) => ({
          ...f,
          suppressed: { owner: 'platform-team', reason: 'agents stay on EC2', expires: '2027-06-30' },
        })),
      })),
    };
    const results = render(muted).runs[0]!.results;
    expect(results).toHaveLength(run.results.length);
    expect(results[0]?.suppressions).toEqual([
      { kind: 'external', justification: 'agents stay on EC2 (owner platform-team, expires 2027-06-30)' },
    ]);
  });

  it('is a successful run with no notifications when everything was read and evaluated', () => {
    const report = sampleReport();
    const clean = { ...report, gaps: [], workloads: report.workloads.filter((w) => w.errors.length === 0) };
    expect(render(clean).runs[0]!.invocations[0]).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [],
    });
  });
});

describe('artifactUri', () => {
  it('percent-encodes relative paths and uses forward slashes', () => {
    expect(artifactUri('./deploy/my app#1.yaml')).toEqual({
      uri: 'deploy/my%20app%231.yaml',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactUri('deploy\\web.yaml')).toEqual({ uri: 'deploy/web.yaml', uriBaseId: '%SRCROOT%' });
  });

  it('turns absolute paths into file URLs', () => {
    expect(artifactUri('/srv/repo/task def.json')).toEqual({ uri: 'file:///srv/repo/task%20def.json' });
  });
});
