import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../lib/findings/result.js';
import { renderJson } from '../../../lib/sinks/json.js';
import { sampleReport } from './report-sample.js';
import { reportValidator } from './report-schema.js';

describe('renderJson', () => {
  it('writes a document that validates against docs/report.schema.json', () => {
    const validate = reportValidator();
    const parsed: unknown = JSON.parse(renderJson(sampleReport()));
    expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('keeps every workload field of DESIGN.md, with null for what does not apply or is unknown', () => {
    const parsed = JSON.parse(renderJson(sampleReport())) as ReportDocument;
    const daemonSet = parsed.workloads.find((w) => w.id === 'k8s/agents.yaml#1');
    expect(daemonSet).toMatchObject({
      kind: 'DaemonSet',
      name: 'node-agent',
      namespace: 'kube-system',
      cluster: null,
      account: null,
      region: null,
      launchType: null,
      verdict: 'ineligible',
      cost: null,
      source: { file: 'k8s/agents.yaml', documentIndex: 1, line: 24 },
    });
    expect(daemonSet?.findings.map((f) => [f.ruleId, f.category, f.severity])).toEqual([
      ['eks-host-network', 'fargate', 'blocker'],
      ['eks-cpu-request-missing', 'fargate', 'fixable'],
    ]);
    expect(parsed.gaps[0]).toMatchObject({
      file: 'manifests/broken.yaml',
      line: 7,
      errorName: 'YAMLParseError',
    });
    expect(parsed.summary.byVerdict).toEqual({
      eligible: 1,
      'eligible-with-changes': 1,
      ineligible: 1,
      unknown: 1,
    });
  });

  it('is rejected by the schema when a required field goes missing or a verdict is invented', () => {
    const validate = reportValidator();
    const report = JSON.parse(renderJson(sampleReport())) as { workloads: Record<string, unknown>[] };
    const withoutVerdict = structuredClone(report);
    delete withoutVerdict.workloads[0]!.verdict;
    expect(validate(withoutVerdict)).toBe(false);
    const invented = structuredClone(report);
    invented.workloads[0]!.verdict = 'probably-fine';
    expect(validate(invented)).toBe(false);
    const invalidSize = structuredClone(report);
    invalidSize.workloads[0]!.fargateSize = { cpu: 300, memoryMiB: 512 };
    expect(validate(invalidSize)).toBe(false);
  });

  it('ends with a newline and parses back to the same document', () => {
    const report = sampleReport();
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
