import { describe, expect, it } from 'vitest';
import type { AccountRegionCensus } from '../../bench/census.js';
import {
  chainLength,
  fanOutFloorSeconds,
  floorOf,
  minimalCalls,
  patternFloorSeconds,
  totalCalls,
} from '../../bench/floor-model.js';

// scan-limits §4.4: C=20 (100 services, 500 tasks, 20 instances each), D=1,500, I=400, K=10,
// P=20,000 (2,000 per cluster), NG=30, FP=10.
const LARGE: AccountRegionCensus = {
  account: '111122223333',
  region: 'us-east-1',
  ecsClusters: Array.from({ length: 20 }, () => ({ services: 100, tasks: 500, containerInstances: 20 })),
  distinctTaskDefinitions: 1500,
  ec2Instances: 400,
  instanceTypes: 1,
  eksClusters: Array.from({ length: 10 }, () => ({
    nodegroups: 3,
    fargateProfiles: 1,
    objects: { pods: 2000, deployments: 200, replicasets: 200, nodes: 10 },
  })),
};

const bucketCalls = (census: AccountRegionCensus, prefix: string, actions: readonly string[]) => {
  const calls = minimalCalls(census);
  return actions.reduce((sum, action) => sum + (calls[`${prefix}.${action}`] ?? 0), 0);
};

describe('minimal-call model (scan-limits §4.2)', () => {
  it('counts the large account-region as §4.4 does, bucket by bucket', () => {
    expect(bucketCalls(LARGE, 'ecs', ['ListServices', 'DescribeServices'])).toBe(220);
    expect(
      bucketCalls(LARGE, 'ecs', [
        'ListTasks',
        'DescribeTasks',
        'ListContainerInstances',
        'DescribeContainerInstances',
      ]),
    ).toBe(240);
    expect(bucketCalls(LARGE, 'ecs', ['ListClusters', 'DescribeClusters'])).toBe(2);
    expect(minimalCalls(LARGE)['ecs.DescribeTaskDefinition']).toBe(1500);
    // 30 node groups and 10 profiles: ⌈K/100⌉ + K + K list pages + NG + K list pages + FP = 71.
    expect(
      bucketCalls(LARGE, 'eks', [
        'ListClusters',
        'DescribeCluster',
        'ListNodegroups',
        'DescribeNodegroup',
        'ListFargateProfiles',
        'DescribeFargateProfile',
      ]),
    ).toBe(71);
    expect(minimalCalls(LARGE)['kubernetes.list pods']).toBe(40);
  });

  it('drops DescribeTaskDefinition when the cache is warm', () => {
    const warm = minimalCalls(LARGE, { warm: true });
    expect(warm['ecs.DescribeTaskDefinition']).toBeUndefined();
    expect(totalCalls(minimalCalls(LARGE)) - totalCalls(warm)).toBe(1500);
  });

  it('still lists an empty cluster once: "no services" must be read, not assumed', () => {
    const empty: AccountRegionCensus = {
      ...LARGE,
      ecsClusters: [{ services: 0, tasks: 0, containerInstances: 0 }],
      eksClusters: [],
    };
    const calls = minimalCalls(empty);
    expect(calls['ecs.ListServices']).toBe(1);
    expect(calls['ecs.DescribeServices']).toBeUndefined();
    expect(calls['eks.ListClusters']).toBe(1);
  });
});

describe('floor (scan-limits §4.3)', () => {
  it('is 72.5 s cold for the large account-region, bound by task-definition reads', () => {
    const floor = floorOf(LARGE, { latencySeconds: 0, pacing: 'physical' });
    expect(floor.seconds).toBeCloseTo(72.5, 6);
    expect(floor.bindingBucket).toBe('ecs:task-definition-read');
    expect(floor.bucketSeconds['ecs:service-read']).toBeCloseTo(6, 6);
    expect(floor.bucketSeconds['ecs:cluster-resource-read']).toBeCloseTo(7, 6);
  });

  it('is 7 s warm, bound by cluster-resource reads', () => {
    const floor = floorOf(LARGE, { latencySeconds: 0, pacing: 'physical', warm: true });
    expect(floor.seconds).toBeCloseTo(7, 6);
    expect(floor.bindingBucket).toBe('ecs:cluster-resource-read');
  });

  it("at the product's 80 % pacing takes 80 % of burst and refill: (1,500 − 40) / 16", () => {
    const floor = floorOf(LARGE, { latencySeconds: 0, pacing: 'paced', share: 0.8 });
    expect(floor.seconds).toBeCloseTo(91.25, 6);
  });

  it('adds the latency once per call on the longest dependent chain', () => {
    const chain = chainLength(LARGE);
    // credentials → ListClusters → DescribeClusters → 5 ListTasks pages → DescribeTasks → DescribeTaskDefinition.
    expect(chain).toBe(10);
    const floor = floorOf(LARGE, { latencySeconds: 0.1, pacing: 'physical' });
    expect(floor.seconds).toBeCloseTo(72.5 + 1.0, 6);
  });

  it('of a fan-out is the slowest pair, or the total spread over the slots when slots are few', () => {
    expect(fanOutFloorSeconds([72.5, 3, 3], 3)).toBe(72.5);
    expect(fanOutFloorSeconds([72.5, 72.5, 72.5], 1)).toBe(217.5);
  });

  it("bounds §4.4's naive pattern at 616 s: 12,420 cluster-resource reads drain at 20 per second", () => {
    const naive = {
      'ecs.ListServices': 200,
      'ecs.DescribeServices': 2000,
      'ecs.ListTasks': 2000,
      'ecs.DescribeTasks': 10_000,
      'ecs.ListContainerInstances': 20,
      'ecs.DescribeContainerInstances': 400,
      'ecs.DescribeTaskDefinition': 10_000,
    };
    expect(patternFloorSeconds(naive, { latencySeconds: 0, pacing: 'physical' })).toBeCloseTo(616, 6);
    const { 'ecs.DescribeTasks': _, ...withoutTasks } = naive;
    expect(patternFloorSeconds(withoutTasks, { latencySeconds: 0, pacing: 'physical' })).toBeCloseTo(
      497.5,
      6,
    );
  });
});
