import { describe, expect, it } from 'vitest';
import type { Gap } from '../../../lib/findings/result.js';
import { distinctPriceGaps } from '../../../lib/pricing/price-gaps.js';

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
