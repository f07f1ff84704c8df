import { describe, expect, it } from 'vitest';
import type { Gap, WorkloadResult } from '../../../lib/findings/result.js';
import type { Suppression } from '../../../lib/findings/suppressions.js';
import {
  buildDigest,
  DEFAULT_DIGEST_SETTINGS,
  type TargetComparison,
} from '../../../lib/serverless/digest.js';
import type { ScanRef, TargetRun } from '../../../lib/sinks/dynamodb/records.js';
import {
  ACCOUNT,
  ecsResult,
  eksResult,
  finding,
  OTHER_ACCOUNT,
  REGION,
  runOf,
  scanRef,
  stored,
  TARGET,
} from './results.js';

const before = scanRef(26);
const now = scanRef(27);

function comparison(
  current: readonly WorkloadResult[],
  previous: readonly WorkloadResult[] | null,
  overrides: { run?: Partial<TargetRun> | null; previousGaps?: Gap[] | null; target?: typeof TARGET } = {},
): TargetComparison {
  const target = overrides.target ?? TARGET;
  return {
    target,
    run: overrides.run === null ? null : runOf(now, current, overrides.run ?? {}, target),
    workloads: current.map((r) => stored(r, now)),
    baseline: previous
      ? { run: runOf(before, previous, {}, target), workloads: previous.map((r) => stored(r, before)) }
      : null,
    previousGaps: overrides.previousGaps === undefined ? (previous ? [] : null) : overrides.previousGaps,
  };
}

const digestOf = (comparisons: TargetComparison[], suppressions: Suppression[] = [], scan: ScanRef = now) =>
  buildDigest({ scan, comparisons, suppressions, settings: DEFAULT_DIGEST_SETTINGS });

describe('buildDigest', () => {
  it('treats a first scan as all new and not quiet', () => {
    const digest = digestOf([
      comparison([ecsResult('web'), ecsResult('api', { verdict: 'eligible' })], null),
    ]);
    expect(digest.firstScan).toBe(true);
    expect(digest.added.map((w) => w.name)).toEqual(['api', 'web']);
    expect(digest.quiet).toBe(false);
    expect(digest.newIneligible.map((w) => w.name)).toEqual(['web']);
  });

  it('reports new, changed and resolved workloads against the previous run', () => {
    const digest = digestOf([
      comparison(
        [
          ecsResult('web', { verdict: 'eligible-with-changes' }),
          ecsResult('fresh'),
          ecsResult('steady'),
          ecsResult('fixed', { verdict: 'eligible' }),
        ],
        [ecsResult('web'), ecsResult('gone'), ecsResult('steady'), ecsResult('fixed')],
      ),
    ]);
    expect(digest.firstScan).toBe(false);
    expect(digest.baselineScanIds).toEqual([before.scanId]);
    expect(digest.added.map((w) => w.name)).toEqual(['fresh']);
    expect(digest.changed.map((c) => [c.after.name, c.before.verdict, c.after.verdict])).toEqual([
      ['web', 'ineligible', 'eligible-with-changes'],
    ]);
    expect(digest.resolved.map((r) => [r.before.name, r.reason])).toEqual([
      ['fixed', 'now-eligible'],
      ['gone', 'gone'],
    ]);
    expect(digest.stillOpen).toBe(1);
    expect(digest.newIneligible.map((w) => w.name)).toEqual(['fresh']);
  });

  it('is quiet when nothing moved and the only gap was already known', () => {
    const gap: Gap = {
      scope: 'eks',
      account: ACCOUNT,
      region: REGION,
      errorName: 'AccessDenied',
      message: 'no',
    };
    const digest = digestOf([
      comparison([ecsResult('web')], [ecsResult('web')], {
        run: { status: 'partial', gaps: [gap] },
        previousGaps: [gap],
      }),
    ]);
    expect(digest.quiet).toBe(true);
    expect(digest.gaps).toHaveLength(1);
    expect(digest.newGaps).toEqual([]);
  });

  it('is not quiet when a coverage gap is new, and never resolves what the gap hides', () => {
    const gap: Gap = {
      scope: 'cluster',
      account: ACCOUNT,
      region: REGION,
      cluster: 'prod',
      errorName: 'AccessDenied',
      message: 'no',
    };
    const digest = digestOf([
      comparison(
        [ecsResult('job', { cluster: 'batch' })],
        [ecsResult('web'), ecsResult('job', { cluster: 'batch' })],
        {
          run: { status: 'partial', gaps: [gap] },
        },
      ),
    ]);
    expect(digest.resolved).toEqual([]);
    expect(digest.newGaps).toEqual([gap]);
    expect(digest.quiet).toBe(false);
  });

  it('compares a narrowed run only with the part of the baseline it covers', () => {
    const digest = digestOf([
      comparison(
        [ecsResult('job', { cluster: 'batch' })],
        [ecsResult('web'), ecsResult('job', { cluster: 'batch' })],
        {
          run: { scope: { clusters: ['batch'], namespaces: null } },
        },
      ),
    ]);
    expect(digest.resolved).toEqual([]);
    expect(digest.quiet).toBe(true);
  });

  it('lists a target that never reported as a gap and resolves nothing there', () => {
    const digest = digestOf([comparison([], [ecsResult('web')], { run: null })]);
    expect(digest.gaps.map((g) => g.errorName)).toEqual(['TargetNotReported']);
    expect(digest.resolved).toEqual([]);
    expect(digest.targets).toMatchObject({ expected: 1, reported: 0 });
  });

  it('does not count a workload as newly ineligible when every blocker is suppressed', () => {
    const muted = ecsResult('agent', {
      findings: [
        finding('ecs-privileged', {
          suppressed: { owner: 'ops', reason: 'node agent', expires: '2027-01-31' },
        }),
      ],
    });
    const digest = digestOf([comparison([muted, ecsResult('web')], [ecsResult('web')])]);
    expect(digest.added.map((w) => w.name)).toEqual(['agent']);
    expect(digest.newIneligible).toEqual([]);
  });

  it('keeps Kubernetes workloads of two accounts apart even with equal ids', () => {
    const other = { account: OTHER_ACCOUNT, region: REGION };
    const digest = digestOf([
      comparison([eksResult('web')], [eksResult('web')]),
      comparison([], [eksResult('web', { account: OTHER_ACCOUNT })], { target: other }),
    ]);
    expect(digest.resolved.map((r) => [r.before.account, r.reason])).toEqual([[OTHER_ACCOUNT, 'gone']]);
    expect(digest.stillOpen).toBe(1);
    expect(digest.accounts).toEqual([ACCOUNT, OTHER_ACCOUNT]);
  });

  it('sums savings exactly and refuses a total when a verdict is unknown', () => {
    const priced = [
      ecsResult('a', { verdict: 'eligible', savings: 0.1 }),
      ecsResult('b', { verdict: 'eligible-with-changes', savings: 0.2 }),
      ecsResult('c', { savings: 1000 }),
    ];
    expect(digestOf([comparison(priced, null)]).savings.ec2ToFargate).toMatchObject({
      totalUsd: 0.3,
      pricedUsd: 0.3,
      pricedMovable: 2,
    });
    const withUnknown = digestOf([comparison([...priced, ecsResult('d', { verdict: 'unknown' })], null)])
      .savings.ec2ToFargate;
    expect(withUnknown.totalUsd).toBeNull();
    expect(withUnknown).toMatchObject({ pricedUsd: 0.3, unknownVerdicts: 1 });
  });

  it('keeps the saving of moving Fargate workloads to EC2 out of the move to Fargate', () => {
    const savings = digestOf([
      comparison(
        [
          ecsResult('on-ec2', { verdict: 'eligible', savings: 120 }),
          ecsResult('on-fargate', { verdict: 'eligible', savings: 15.5, launchType: 'FARGATE' }),
          ecsResult('on-spot', { verdict: 'eligible-with-changes', savings: -3, launchType: 'FARGATE_SPOT' }),
        ],
        null,
      ),
    ]).savings;
    expect(savings.ec2ToFargate).toMatchObject({ totalUsd: 120, pricedMovable: 1, workloads: 1 });
    expect(savings.fargateToEc2).toMatchObject({ totalUsd: 12.5, pricedMovable: 2, workloads: 2 });
  });

  it('ranks top savings among movable workloads only', () => {
    const digest = digestOf([
      comparison(
        [
          ecsResult('blocked', { savings: 9000 }),
          ecsResult('small', { verdict: 'eligible', savings: 3 }),
          ecsResult('big', { verdict: 'eligible-with-changes', savings: 300 }),
          ecsResult('costlier', { verdict: 'eligible', savings: -40 }),
        ],
        null,
      ),
    ]);
    expect(digest.topSavings.map((w) => w.name)).toEqual(['big', 'small']);
  });

  it('lists suppressions that expire within 14 days of the scan', () => {
    const suppression = (expires: string): Suppression => ({
      workloadId: '*',
      ruleId: 'ecs-privileged',
      owner: 'o',
      reason: 'r',
      expires,
    });
    const digest = digestOf(
      [comparison([], null)],
      [
        suppression('2026-12-11'),
        suppression('2026-12-12'),
        suppression('2026-11-26'),
        suppression('2026-11-27'),
      ],
    );
    expect(digest.expiringSuppressions.map((s) => s.expires)).toEqual(['2026-11-27', '2026-12-11']);
  });
});
