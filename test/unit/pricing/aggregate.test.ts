import { describe, expect, it } from 'vitest';
import type { CostEstimate, Gap, Verdict } from '../../../lib/findings/result.js';
import { distinctPriceGaps, type RollupInput, rollUpCosts } from '../../../lib/pricing/aggregate.js';

function result(
  savings: number | null,
  where: { account?: string | null; region?: string | null; cluster?: string | null; verdict?: Verdict } = {},
  current: number | null = savings === null ? null : 100,
): RollupInput {
  const cost: CostEstimate = {
    currentMonthlyUsd: current,
    fargateMonthlyUsd: current === null || savings === null ? null : current - savings,
    monthlySavingsUsd: savings,
    breakdown: [],
    assumptions: {},
  };
  return {
    account: where.account === undefined ? '111122223333' : where.account,
    region: where.region === undefined ? 'us-east-1' : where.region,
    cluster: where.cluster === undefined ? 'prod' : where.cluster,
    verdict: where.verdict ?? 'eligible',
    cost,
  };
}

describe('rollUpCosts', () => {
  it('sums savings exactly per cluster, per account and in total', () => {
    const { clusters, accounts, total } = rollUpCosts([
      result(0.1),
      result(0.2),
      result(10.01, { cluster: 'batch' }),
      result(5, { account: '444455556666', cluster: 'web' }),
    ]);
    expect(clusters.map((c) => [c.account, c.cluster, c.monthlySavingsUsd.totalUsd])).toEqual([
      ['111122223333', 'batch', 10.01],
      ['111122223333', 'prod', 0.3],
      ['444455556666', 'web', 5],
    ]);
    expect(accounts.map((a) => [a.account, a.monthlySavingsUsd.totalUsd])).toEqual([
      ['111122223333', 10.31],
      ['444455556666', 5],
    ]);
    expect(total.monthlySavingsUsd.totalUsd).toBe(15.31);
    expect(total.currentMonthlyUsd.totalUsd).toBe(400);
    expect(total.summary).toBe('All accounts: 4 workloads, savings $15.31 a month');
  });

  it('keeps clusters of the same name in different regions apart', () => {
    const { clusters } = rollUpCosts([result(1), result(2, { region: 'eu-west-1' })]);
    expect(clusters).toHaveLength(2);
  });

  it('gives no total when a workload is unpriced, but the priced subtotal and how many are missing', () => {
    const { total } = rollUpCosts([result(40), result(null), result(2.5)]);
    expect(total.monthlySavingsUsd).toEqual({
      totalUsd: null,
      pricedSubtotalUsd: 42.5,
      pricedWorkloads: 2,
      unpricedWorkloads: 1,
    });
    expect(total.summary).toContain('savings not known: 1 of 3 without a savings figure');
    expect(total.summary).toContain('$42.50, a partial sum');
  });

  it('says moving would cost more when the net savings are negative', () => {
    const { total } = rollUpCosts([result(-30), result(10)]);
    expect(total.monthlySavingsUsd.totalUsd).toBe(-20);
    expect(total.savingsFromCheaperMovesUsd).toBe(10);
    expect(total.workloadsThatWouldCostMore).toBe(1);
    expect(total.summary).toBe(
      'All accounts: 2 workloads, moving them would cost more: $20.00 a month more; 1 would cost more on the other side',
    );
  });

  it('leaves out workloads that cannot move, and counts them', () => {
    const { total } = rollUpCosts([result(10), result(500, { verdict: 'ineligible' })]);
    expect(total.monthlySavingsUsd.totalUsd).toBe(10);
    expect(total.excludedWorkloads).toBe(1);
    expect(total.summary).toContain('1 that cannot move not counted');
    expect(
      rollUpCosts([result(10), result(500, { verdict: 'ineligible' })], { include: 'all' }).total
        .monthlySavingsUsd.totalUsd,
    ).toBe(510);
  });

  it('gives no total while a verdict is unknown, as that workload might be movable', () => {
    const { total } = rollUpCosts([result(10), result(5, { verdict: 'unknown' })]);
    expect(total.monthlySavingsUsd.totalUsd).toBeNull();
    expect(total.monthlySavingsUsd.unpricedWorkloads).toBe(1);
  });

  it('treats a workload without any cost object as unpriced', () => {
    const unpriced: RollupInput = { ...result(1), cost: null };
    expect(rollUpCosts([unpriced, result(1)]).total.fargateMonthlyUsd.totalUsd).toBeNull();
  });
});

describe('distinctPriceGaps', () => {
  const gap = (id: string, errorName: string, what: string): Gap => ({
    scope: 'price',
    region: 'eu-central-1',
    errorName,
    message: `${id}: ${what}`,
  });

  it('lists a price missing from the book once, with how many workloads it affects', () => {
    const missing = 'the price book (2026-09-29) has no Fargate Linux/arm64 vCPU-hour rate for eu-central-1';
    const gaps = distinctPriceGaps([
      gap('svc-a', 'PriceNotInBook', missing),
      gap('svc-b', 'PriceNotInBook', missing),
      gap('svc-c', 'PlacementsIncomplete', 'the instances seen run 1 of 2 tasks'),
      gap('svc-d', 'PlacementsIncomplete', 'the instances seen run 1 of 2 tasks'),
    ]);
    expect(gaps.map((g) => g.message)).toEqual([
      `${missing} (2 workloads, first svc-a)`,
      'svc-c: the instances seen run 1 of 2 tasks',
      'svc-d: the instances seen run 1 of 2 tasks',
    ]);
  });
});
