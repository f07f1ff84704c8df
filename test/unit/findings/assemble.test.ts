import { describe, expect, it } from 'vitest';
import {
  assembleResult,
  buildReport,
  savingsDirectionOf,
  totalMonthlySavings,
} from '../../../lib/findings/assemble.js';
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
      monthlySavingsByDirection: { ec2ToFargate: null, fargateToEc2: null },
    });
    expect(report.gaps).toEqual([sampleGap]);
    expect(report.workloads).toHaveLength(3);
  });
});

describe('totalMonthlySavings', () => {
  const on =
    (launchType: WorkloadResult['launchType']) =>
    (verdict: WorkloadResult['verdict'], savings: number | null | 'unpriced'): WorkloadResult => ({
      ...withCost(verdict, savings),
      launchType,
    });
  const onEc2 = on('EC2');
  const onFargate = on('FARGATE');

  it('is null when nothing was priced', () => {
    expect(totalMonthlySavings([onEc2('eligible', 'unpriced')], 'ec2ToFargate')).toBeNull();
    expect(totalMonthlySavings([onEc2('eligible', 'unpriced')], 'fargateToEc2')).toBeNull();
  });

  it('sums the savings of movable workloads exactly, leaving ineligible ones out', () => {
    const total = totalMonthlySavings(
      [onEc2('eligible', 0.1), onEc2('eligible-with-changes', 0.2), onEc2('ineligible', 1000)],
      'ec2ToFargate',
    );
    // 0.1 + 0.2 in binary floating point is 0.30000000000000004.
    expect(total).toBe(0.3);
  });

  it('nets out negative savings of workloads that would cost more on Fargate', () => {
    expect(totalMonthlySavings([onEc2('eligible', 50.5), onEc2('eligible', -20.25)], 'ec2ToFargate')).toBe(
      30.25,
    );
  });

  it('never adds the two directions together', () => {
    const estate = [
      onEc2('eligible', 100),
      onFargate('eligible', 7.5),
      onFargate('eligible-with-changes', -2),
    ];
    expect(totalMonthlySavings(estate, 'ec2ToFargate')).toBe(100);
    expect(totalMonthlySavings(estate, 'fargateToEc2')).toBe(5.5);
  });

  it("takes the direction from the pricing module's assumption before the launch type", () => {
    const priced = onEc2('eligible', 12);
    const towardEc2: WorkloadResult = {
      ...priced,
      cost: { ...priced.cost!, assumptions: { direction: 'fargate-to-ec2' } },
    };
    expect(savingsDirectionOf(towardEc2)).toBe('fargateToEc2');
    expect(savingsDirectionOf(onEc2('eligible', 'unpriced'))).toBe('ec2ToFargate');
    expect(savingsDirectionOf(on('FARGATE_SPOT')('eligible', 'unpriced'))).toBe('fargateToEc2');
  });

  it('is null, not a partial sum, when a movable workload has no savings figure', () => {
    expect(totalMonthlySavings([onEc2('eligible', 10), onEc2('eligible', null)], 'ec2ToFargate')).toBeNull();
    expect(
      totalMonthlySavings([onEc2('eligible', 10), onEc2('eligible', 'unpriced')], 'ec2ToFargate'),
    ).toBeNull();
  });

  it('is null when a verdict of its direction is unknown, since that workload might be movable', () => {
    const estate = [onEc2('eligible', 10), onFargate('unknown', 5)];
    expect(totalMonthlySavings(estate, 'fargateToEc2')).toBeNull();
    expect(totalMonthlySavings(estate, 'ec2ToFargate')).toBe(10);
    expect(totalMonthlySavings([onEc2('eligible', 10), onEc2('unknown', 5)], 'ec2ToFargate')).toBeNull();
  });

  it('counts workloads read from files (no launch type) as moves to Fargate', () => {
    expect(totalMonthlySavings([withCost('eligible', 3)], 'ec2ToFargate')).toBe(3);
    expect(totalMonthlySavings([withCost('eligible', 3)], 'fargateToEc2')).toBe(0);
  });

  it('is zero when pricing ran and nothing of the direction can move', () => {
    expect(totalMonthlySavings([onEc2('ineligible', 10)], 'ec2ToFargate')).toBe(0);
    expect(totalMonthlySavings([onEc2('eligible', 10)], 'fargateToEc2')).toBe(0);
  });
});

describe('buildReport savings', () => {
  it('headlines the move to Fargate and keeps the move to EC2 beside it', () => {
    const fargate: WorkloadResult = { ...withCost('eligible', 40), launchType: 'FARGATE' };
    const ec2: WorkloadResult = { ...withCost('eligible', 250.25), launchType: 'EC2' };
    const report = buildReport([fargate, ec2], []);
    expect(report.summary.monthlySavingsUsd).toBe(250.25);
    expect(report.summary.monthlySavingsByDirection).toEqual({ ec2ToFargate: 250.25, fargateToEc2: 40 });
  });
});
