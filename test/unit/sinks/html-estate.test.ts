import { describe, expect, it } from 'vitest';
import {
  estateAssumptions,
  foldGroups,
  priceBookDates,
  savingsByAccount,
  savingsByCluster,
  savingsHeadline,
  topBlockers,
} from '../../../lib/sinks/html/estate.js';
import { makeCost, makeFinding, makeResult, reportOf } from '../../fixtures/reports/results.js';

describe('savings by account', () => {
  it('adds the savings of the workloads that can move, exactly, largest account first', () => {
    const groups = savingsByAccount([
      makeResult({ name: 'a', account: '111111111111', cost: makeCost(1, 0.9, 0.1) }),
      makeResult({
        name: 'b',
        account: '111111111111',
        verdict: 'eligible-with-changes',
        cost: makeCost(1, 0.8, 0.2),
      }),
      makeResult({ name: 'c', account: '222222222222', cost: makeCost(100, 40, 60) }),
      // Ineligible: its saving is not available yet, so it is not in its account's total.
      makeResult({
        name: 'd',
        account: '111111111111',
        verdict: 'ineligible',
        cost: makeCost(500, 100, 400),
      }),
    ]);

    expect(groups.map((g) => [g.label, g.savingsUsd, g.movable, g.workloads])).toEqual([
      ['222222222222', 60, 1, 1],
      // 0.1 + 0.2 in floating point is 0.30000000000000004; money is summed exactly.
      ['111111111111', 0.3, 2, 3],
    ]);
  });

  it('keeps an unpriced account unknown (null), never $0, and counts what was not priced', () => {
    const [group] = savingsByAccount([
      makeResult({ name: 'a', account: '333333333333', cost: null }),
      makeResult({ name: 'b', account: '333333333333', cost: makeCost(null, 20, null) }),
    ]);
    expect(group).toMatchObject({ savingsUsd: null, movable: 2, priced: 0 });
  });

  it('leaves out workloads without an account (check mode)', () => {
    expect(savingsByAccount([makeResult({ account: null })])).toEqual([]);
  });

  it('lists accounts where nothing can move after the unpriced ones', () => {
    const groups = savingsByAccount([
      makeResult({ name: 'blocked', account: '999999999999', verdict: 'ineligible' }),
      makeResult({ name: 'unpriced', account: '888888888888', cost: null }),
      makeResult({ name: 'loss', account: '777777777777', cost: makeCost(10, 30, -20) }),
    ]);
    expect(groups.map((g) => g.label)).toEqual(['777777777777', '888888888888', '999999999999']);
  });
});

describe('savings by cluster', () => {
  it('keeps clusters of the same name in different accounts apart and says where each is', () => {
    const groups = savingsByCluster([
      makeResult({ name: 'a', account: '111111111111', cluster: 'prod', cost: makeCost(10, 5, 5) }),
      makeResult({ name: 'b', account: '222222222222', cluster: 'prod', cost: makeCost(10, 3, 7) }),
    ]);
    expect(groups.map((g) => [g.label, g.detail, g.savingsUsd])).toEqual([
      ['prod', '222222222222 · us-east-1', 7],
      ['prod', '111111111111 · us-east-1', 5],
    ]);
  });
});

describe('foldGroups', () => {
  it('folds the tail into one group whose figures still add up', () => {
    const groups = savingsByAccount(
      [10, 20, 30, 40, 50].map((savings, i) =>
        makeResult({
          name: `w${i}`,
          account: `${i}`.repeat(12),
          cost: makeCost(100, 100 - savings, savings),
        }),
      ),
    );
    const folded = foldGroups(groups, 3, 'accounts');
    expect(folded.map((g) => [g.label, g.savingsUsd, g.movable])).toEqual([
      ['444444444444', 50, 1],
      ['333333333333', 40, 1],
      ['3 other accounts', 60, 3],
    ]);
  });

  it('leaves short lists alone', () => {
    const groups = savingsByAccount([makeResult()]);
    expect(foldGroups(groups, 3, 'accounts')).toEqual(groups);
  });
});

describe('topBlockers', () => {
  const daemon = makeFinding({ ruleId: 'ecs-daemon-service', title: 'DAEMON scheduling strategy' });
  const privileged = makeFinding({ ruleId: 'ecs-privileged' });

  it('ranks rules by workloads blocked and says which alone holds a workload back', () => {
    const blockers = topBlockers([
      makeResult({
        name: 'a',
        verdict: 'ineligible',
        findings: [privileged, privileged],
        cost: makeCost(10, 8, 2),
      }),
      makeResult({
        name: 'b',
        verdict: 'ineligible',
        findings: [privileged, daemon],
        cost: makeCost(10, 7, 3),
      }),
      makeResult({ name: 'c', verdict: 'ineligible', findings: [privileged], cost: null }),
    ]);

    expect(blockers).toMatchObject([
      // Two findings of one rule on "a" count as one blocked workload.
      { ruleId: 'ecs-privileged', workloads: 3, onlyBlocker: 2, priced: 2, savingsUsd: 5 },
      { ruleId: 'ecs-daemon-service', workloads: 1, onlyBlocker: 0, priced: 1, savingsUsd: 3 },
    ]);
  });

  it('ignores suppressed blockers, compliance findings and fixables', () => {
    const blockers = topBlockers([
      makeResult({
        verdict: 'eligible-with-changes',
        findings: [
          makeFinding({ suppressed: { owner: 'platform', reason: 'accepted', expires: '2027-01-01' } }),
          makeFinding({ ruleId: 'compliance-ecs-privileged', category: 'compliance' }),
          makeFinding({ ruleId: 'ecs-network-mode', severity: 'fixable' }),
        ],
      }),
    ]);
    expect(blockers).toEqual([]);
  });

  it('is unknown, not $0, when no blocked workload is priced', () => {
    const [blocker] = topBlockers([
      makeResult({ verdict: 'ineligible', findings: [privileged], cost: null }),
    ]);
    expect(blocker?.savingsUsd).toBeNull();
  });
});

describe('savingsHeadline', () => {
  it('uses the report total when it is known', () => {
    const headline = savingsHeadline(reportOf([makeResult({ cost: makeCost(100, 60, 40) })]));
    expect(headline).toMatchObject({ totalUsd: 40, unknownBecause: [] });
  });

  it('explains an unknown total and gives the priced part separately', () => {
    const headline = savingsHeadline(
      reportOf([
        makeResult({ name: 'a', cost: makeCost(100, 60, 40) }),
        makeResult({ name: 'b', cost: makeCost(null, 60, null) }),
        makeResult({ name: 'c', verdict: 'unknown' }),
      ]),
    );
    expect(headline.totalUsd).toBeNull();
    expect(headline.pricedUsd).toBe(40);
    expect(headline.priced).toBe(1);
    expect(headline.movable).toBe(2);
    expect(headline.unknownBecause).toEqual([
      '1 movable workload has no price',
      '1 workload has an unknown verdict and might move',
    ]);
  });

  it('keeps the move of Fargate workloads to EC2 out of the Fargate headline', () => {
    const onFargate = (name: string, savings: number, verdict: 'eligible' | 'unknown' = 'eligible') =>
      makeResult({
        name,
        launchType: 'FARGATE',
        verdict,
        cost: makeCost(60, 60, savings, {
          assumptions: { direction: 'fargate-to-ec2', priceBookDate: '2026-09-29' },
        }),
      });
    const report = reportOf([
      makeResult({ name: 'a', cost: makeCost(100, 60, 40) }),
      onFargate('b', 7.25),
      onFargate('c', 3),
    ]);
    expect(savingsHeadline(report)).toMatchObject({ direction: 'ec2ToFargate', totalUsd: 40, movable: 1 });
    expect(savingsHeadline(report, 'fargateToEc2')).toMatchObject({
      totalUsd: 10.25,
      workloads: 2,
      movable: 2,
    });
    // An unknown verdict on Fargate leaves the Fargate headline alone.
    const unknown = reportOf([makeResult({ cost: makeCost(100, 60, 40) }), onFargate('d', 5, 'unknown')]);
    expect(savingsHeadline(unknown).totalUsd).toBe(40);
    expect(savingsHeadline(unknown, 'fargateToEc2').unknownBecause).toEqual([
      '1 workload has an unknown verdict and might move',
    ]);
  });

  it('charts only the move to Fargate', () => {
    const groups = savingsByAccount([
      makeResult({ name: 'a', cost: makeCost(100, 60, 40) }),
      makeResult({
        name: 'b',
        launchType: 'FARGATE',
        cost: makeCost(60, 60, 9, { assumptions: { direction: 'fargate-to-ec2' } }),
      }),
    ]);
    expect(groups).toEqual([expect.objectContaining({ workloads: 1, movable: 1, savingsUsd: 40 })]);
  });

  it('says so when nothing was priced', () => {
    const headline = savingsHeadline(reportOf([makeResult({ cost: null })]));
    expect(headline.unknownBecause).toEqual(['nothing in this report was priced']);
    expect(headline.pricedUsd).toBeNull();
  });
});

describe('estate assumptions', () => {
  it('lists each assumption with its values, most used first, and the price-book dates', () => {
    const workloads = [
      makeResult({ name: 'a' }),
      makeResult({ name: 'b' }),
      makeResult({
        name: 'c',
        cost: makeCost(1, 1, 0, { assumptions: { region: 'eu-west-1', priceBookDate: '2026-10-15' } }),
      }),
      makeResult({ name: 'd', cost: null }),
    ];
    const region = estateAssumptions(workloads).find((a) => a.key === 'region');
    expect(region?.values).toEqual([
      { value: 'us-east-1', workloads: 2 },
      { value: 'eu-west-1', workloads: 1 },
    ]);
    expect(priceBookDates(workloads)).toEqual(['2026-09-29', '2026-10-15']);
  });
});
