import { describe, expect, it } from 'vitest';
import { readText } from '../../../lib/manifests/read.js';
import { estimateCost } from '../../../lib/pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from '../../../lib/pricing/default-price-book.js';
import { DEFAULT_PRICING_SETTINGS } from '../../../lib/pricing/settings.js';

const deployment = (replicas: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: web}',
    'spec:',
    `  replicas: ${replicas}`,
    '  template:',
    '    spec:',
    '      containers: [{name: app, image: nginx, resources: {requests: {cpu: 250m, memory: 512Mi}}}]',
  ].join('\n');

describe('spec.replicas', () => {
  // Found by the fuzz tests: `replicas: -1` was read as -1 and priced as a negative Fargate cost.
  it.each(['-1', '2.5', '2147483648', '1e308'])(
    'refuses %s, as the API server would, naming the field',
    (replicas) => {
      const result = readText('web.yaml', deployment(replicas));
      expect(result.workloads).toEqual([]);
      expect(result.gaps).toEqual([
        {
          scope: 'file',
          file: 'web.yaml',
          line: 5,
          errorName: 'ManifestError',
          message: `document 0: Deployment 'web': spec.replicas: must be a whole number from 0 to 2147483647, got ${Number(replicas)}`,
        },
      ]);
    },
  );

  it.each([
    ['0', 0],
    ['3', 3],
    ['"3"', 3],
    ['2147483647', 2147483647],
  ])('reads %s as %d replicas, and prices them at no less than zero', (replicas, expected) => {
    const [workload] = readText('web.yaml', deployment(replicas)).workloads;
    expect(workload?.replicas).toBe(expected);
    const cost = workload && estimateCost(workload, DEFAULT_PRICING_SETTINGS, DEFAULT_PRICE_BOOK).cost;
    expect(cost?.fargateMonthlyUsd).toBeGreaterThanOrEqual(0);
  });

  it('still defaults to one replica when the field is absent or null', () => {
    expect(readText('web.yaml', deployment('null')).workloads[0]?.replicas).toBe(1);
    expect(readText('web.yaml', deployment('')).workloads[0]?.replicas).toBe(1);
  });
});
