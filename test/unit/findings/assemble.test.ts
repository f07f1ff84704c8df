import { describe, expect, it } from 'vitest';
import { assembleResult, buildReport, totalMonthlySavings } from '../../../lib/findings/assemble.js';
import type { CostEstimate, WorkloadResult } from '../../../lib/findings/result.js';
import type { Evaluation } from '../../../lib/rules/engine.js';
import { makeEcsWorkload, makeEksWorkload } from '../../support/builders.js';
import { pricedCost, sampleGap } from '../sinks/report-sample.js';

const eligible: Evaluation = { verdict: 'eligible', findings: [], errors: [] };

function withCost(verdict: WorkloadResult['verdict'], savings: number | null | 'unpriced'): WorkloadResult {
  const cost: CostEstimate | null =
    savings === 'unpriced' ? null : { ...pricedCost, monthlySavingsUsd: savings };
  return { ...assembleResult(makeEcsWorkload(), { ...eligible, verdict }, null, cost) };
}

describe('assembleResult', () => {
  it('carries identity, where, verdict, findings and errors of the workload', () => {
    const workload = makeEksWorkload({
      id: 'k8s/app.yaml#2',
      kind: 'StatefulSet',
      name: 'db',
      namespace: 'data',
      replicas: 3,
      source: { file: 'k8s/app.yaml', documentIndex: 2, line: 40 },
    });
    const evaluation: Evaluation = {
      verdict: 'unknown',
      findings: [],
      errors: [{ ruleId: 'eks-something', message: 'boom' }],
    };
    const result = assembleResult(
      workload,
      evaluation,
      { requirement: { cpuUnits: 512, memoryMiB: 1280, basis: 'x' }, size: { cpu: 512, memoryMiB: 2048 } },
      null,
    );
    expect(result).toMatchObject({
      id: 'k8s/app.yaml#2',
      kind: 'StatefulSet',
      name: 'db',
      namespace: 'data',
      launchType: null,
      verdict: 'unknown',
      replicas: 3,
      errors: [{ ruleId: 'eks-something', message: 'boom' }],
      fargateSize: { cpu: 512, memoryMiB: 2048 },
      cost: null,
      source: { file: 'k8s/app.yaml', documentIndex: 2, line: 40 },
    });
  });

  it('gives a null Fargate size when the workload is too big for any size', () => {
    const result = assembleResult(
      makeEcsWorkload(),
      eligible,
      { requirement: { cpuUnits: 32768, memoryMiB: 262144, basis: 'x' }, size: null },
      null,
    );
    expect(result.fargateSize).toBeNull();
  });
});

describe('buildReport', () => {
  it('stamps schema version and the injected time, and counts verdicts, categories and gaps', () => {
    const results = [
      withCost('eligible', 'unpriced'),
      withCost('ineligible', 'unpriced'),
      withCost('ineligible', 'unpriced'),
    ];
    const withFinding: WorkloadResult = {
      ...results[0]!,
      findings: [
        {
          ruleId: 'ecs-readonly-root',
          category: 'compliance',
          severity: 'advisory',
          title: 't',
          message: 'm',
          fix: 'f',
          docsUrl: 'https://docs.aws.amazon.com/x',
        },
        {
          ruleId: 'ecs-muted',
          category: 'fargate',
          severity: 'fixable',
          title: 't',
          message: 'm',
          fix: 'f',
          docsUrl: 'https://docs.aws.amazon.com/x',
          suppressed: { owner: 'team', reason: 'accepted', expires: '2027-01-01' },
        },
      ],
    };
    const report = buildReport([withFinding, results[1]!, results[2]!], [sampleGap], {
      generatedAt: new Date('2026-11-27T10:00:00Z'),
    });
    expect(report.schemaVersion).toBe('1.0');
    expect(report.generatedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(report.summary).toEqual({
      workloads: 3,
      byVerdict: { eligible: 1, 'eligible-with-changes': 0, ineligible: 2, unknown: 0 },
      findingsByCategory: { fargate: 0, compliance: 1 },
      gaps: 1,
      monthlySavingsUsd: null,
    });
    expect(report.gaps).toEqual([sampleGap]);
    expect(report.workloads).toHaveLength(3);
  });
});

describe('totalMonthlySavings', () => {
  it('is null when nothing was priced', () => {
    expect(totalMonthlySavings([withCost('eligible', 'unpriced')])).toBeNull();
  });

  it('sums the savings of movable workloads exactly, leaving ineligible ones out', () => {
    const total = totalMonthlySavings([
      withCost('eligible', 0.1),
      withCost('eligible-with-changes', 0.2),
      withCost('ineligible', 1000),
    ]);
    // 0.1 + 0.2 in binary floating point is 0.30000000000000004.
    expect(total).toBe(0.3);
  });

  it('nets out negative savings of workloads that would cost more on Fargate', () => {
    expect(totalMonthlySavings([withCost('eligible', 50.5), withCost('eligible', -20.25)])).toBe(30.25);
  });

  it('is null, not a partial sum, when a movable workload has no savings figure', () => {
    expect(totalMonthlySavings([withCost('eligible', 10), withCost('eligible', null)])).toBeNull();
    expect(totalMonthlySavings([withCost('eligible', 10), withCost('eligible', 'unpriced')])).toBeNull();
  });

  it('is null when a verdict is unknown, since that workload might be movable', () => {
    expect(totalMonthlySavings([withCost('eligible', 10), withCost('unknown', 5)])).toBeNull();
  });

  it('is zero when pricing ran and nothing can move', () => {
    expect(totalMonthlySavings([withCost('ineligible', 10)])).toBe(0);
  });
});
