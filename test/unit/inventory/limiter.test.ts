import { describe, expect, it } from 'vitest';
import { bucketFor, bucketSpec, RateLimiter } from '../../../lib/inventory/limiter.js';
import { FakeClock } from './support.js';

const key = (bucket: string, account = '111122223333', region = 'eu-west-1') => ({ account, region, bucket });

describe('bucketFor', () => {
  it('puts the ECS actions of one documented category into one shared bucket', () => {
    expect(bucketFor('ecs', 'DescribeTasks')).toBe('ecs:cluster-resource-read');
    expect(bucketFor('ecs', 'ListTasks')).toBe('ecs:cluster-resource-read');
    expect(bucketFor('ecs', 'DescribeContainerInstances')).toBe('ecs:cluster-resource-read');
    expect(bucketFor('ecs', 'ListServices')).toBe('ecs:service-read');
    expect(bucketFor('ecs', 'DescribeServices')).toBe('ecs:service-read');
    expect(bucketFor('ecs', 'DescribeTaskDefinition')).toBe('ecs:task-definition-read');
    expect(bucketFor('ecs', 'DescribeClusters')).toBe('ecs:cluster-read');
    expect(bucketFor('ecs', 'DescribeCapacityProviders')).toBe('ecs:capacity-provider-read');
  });

  it('gives each EC2 action its own bucket and EKS one bucket', () => {
    expect(bucketFor('ec2', 'DescribeInstances')).toBe('ec2:DescribeInstances');
    expect(bucketFor('ec2', 'DescribeInstanceTypes')).toBe('ec2:DescribeInstanceTypes');
    expect(bucketFor('eks', 'DescribeCluster')).toBe(bucketFor('eks', 'ListNodegroups'));
  });

  it('uses the documented burst and refill figures', () => {
    expect(bucketSpec('ecs:task-definition-read')).toEqual({ burst: 50, refillPerSecond: 20 });
    expect(bucketSpec('ecs:service-read')).toEqual({ burst: 100, refillPerSecond: 20 });
    expect(bucketSpec('ec2:DescribeInstances')).toEqual({ burst: 100, refillPerSecond: 20 });
  });
});

describe('RateLimiter', () => {
  it('lets a full burst through at once, then paces at 80% of the refill rate', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const bucket = key('ecs:task-definition-read'); // burst 50, refill 20/s → 40 tokens, 16/s
    for (let i = 0; i < 40; i += 1) await limiter.acquire(bucket);
    expect(clock.time).toBe(0);
    for (let i = 0; i < 16; i += 1) await limiter.acquire(bucket);
    // 16 more calls at 16 per second take one second (to the millisecond the clock can express).
    expect(clock.time).toBeGreaterThanOrEqual(1000);
    expect(clock.time).toBeLessThanOrEqual(1016);
    expect(Math.max(...clock.sleeps)).toBeLessThanOrEqual(63);
  });

  it('never issues more calls in a window than burst plus refill allow', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock, share: 0.5 });
    const bucket = key('ecs:service-read'); // 50 tokens, 10 per second at half share
    const sentAt: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      await limiter.acquire(bucket);
      sentAt.push(clock.time);
    }
    const end = sentAt[sentAt.length - 1]!;
    // 150 calls beyond the burst at 10/s: at least 15 seconds.
    expect(end).toBeGreaterThanOrEqual(15_000);
    for (let t = 0; t <= end; t += 1000) {
      const inWindow = sentAt.filter((s) => s >= t && s < t + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(50 + 10);
    }
  });

  it('keeps buckets of different accounts, regions and categories apart', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    for (let i = 0; i < 40; i += 1) await limiter.acquire(key('ecs:task-definition-read'));
    await limiter.acquire(key('ecs:task-definition-read', '444455556666'));
    await limiter.acquire(key('ecs:task-definition-read', '111122223333', 'us-east-1'));
    await limiter.acquire(key('ecs:service-read'));
    expect(clock.time).toBe(0);
    await limiter.acquire(key('ecs:task-definition-read'));
    expect(clock.time).toBeGreaterThan(0);
  });

  it('serves waiting callers in arrival order', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const bucket = key('organizations'); // small bucket: 4 tokens at 0.8 share
    const order: number[] = [];
    await Promise.all(Array.from({ length: 8 }, (_, i) => limiter.acquire(bucket).then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('makes the next call wait for a fresh token after AWS throttled one', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const bucket = key('ecs:cluster-read');
    await limiter.acquire(bucket);
    limiter.noteThrottle(bucket);
    const waited = await limiter.acquire(bucket);
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThanOrEqual(63);
  });

  it('runs the wrapped send only after its token', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ clock });
    const bucket = key('organizations');
    const sentAt: number[] = [];
    for (let i = 0; i < 6; i += 1) await limiter.schedule(bucket, async () => sentAt.push(clock.time));
    expect(sentAt.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(sentAt[4]).toBeGreaterThan(0);
  });

  it('refuses a share outside (0, 1]', () => {
    expect(() => new RateLimiter({ share: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ share: 1.5 })).toThrow(RangeError);
  });
});
