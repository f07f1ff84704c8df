/**
 * Token buckets at AWS's documented rates (reference/scan-limits.md §2), one per
 * (bucket, account, region) — or per cluster for the Kubernetes API — as AWS scopes them.
 */

/** Every service the emulator answers. */
export type EmulatedService = 'ecs' | 'ec2' | 'sts' | 'eks' | 'organizations' | 'kubernetes';

export interface BucketRate {
  /** Bucket size: calls allowed at once from full. */
  readonly burst: number;
  /** Tokens added per second. */
  readonly refillPerSecond: number;
}

/**
 * Bucket ids. ECS shares one bucket per action category (scan-limits §2.1); EC2 has one bucket per
 * API, with a smaller one for unfiltered, unpaginated DescribeInstances (§2.2).
 */
export type BucketId =
  | 'ecs:cluster-read'
  | 'ecs:service-read'
  | 'ecs:cluster-resource-read'
  | 'ecs:task-definition-read'
  | 'ecs:tag-read'
  | 'ecs:capacity-provider-read'
  | 'ecs:other'
  | 'ec2:non-mutating'
  | 'ec2:unfiltered-unpaginated'
  | 'eks'
  | 'sts'
  | 'organizations'
  | 'kubernetes';

/**
 * Default rates. ECS and EC2 are AWS's published figures; EKS, Organizations and the Kubernetes API
 * publish none, so these are conservative assumptions (EKS ≈ 10 RPS, scan-limits §2.3); STS is the
 * secondary-source 600 RPS (§2.5).
 */
export const DEFAULT_RATES: Readonly<Record<BucketId, BucketRate>> = {
  'ecs:cluster-read': { burst: 50, refillPerSecond: 20 },
  'ecs:service-read': { burst: 100, refillPerSecond: 20 },
  'ecs:cluster-resource-read': { burst: 100, refillPerSecond: 20 },
  'ecs:task-definition-read': { burst: 50, refillPerSecond: 20 },
  'ecs:tag-read': { burst: 50, refillPerSecond: 20 },
  'ecs:capacity-provider-read': { burst: 50, refillPerSecond: 20 },
  'ecs:other': { burst: 50, refillPerSecond: 20 },
  'ec2:non-mutating': { burst: 100, refillPerSecond: 20 },
  'ec2:unfiltered-unpaginated': { burst: 50, refillPerSecond: 10 },
  eks: { burst: 20, refillPerSecond: 10 },
  sts: { burst: 600, refillPerSecond: 600 },
  organizations: { burst: 20, refillPerSecond: 10 },
  kubernetes: { burst: 100, refillPerSecond: 50 },
};

const ECS_CATEGORIES: Readonly<Record<string, BucketId>> = {
  DescribeClusters: 'ecs:cluster-read',
  ListClusters: 'ecs:cluster-read',
  DescribeServices: 'ecs:service-read',
  ListServices: 'ecs:service-read',
  DescribeContainerInstances: 'ecs:cluster-resource-read',
  DescribeTasks: 'ecs:cluster-resource-read',
  ListAttributes: 'ecs:cluster-resource-read',
  ListContainerInstances: 'ecs:cluster-resource-read',
  ListTasks: 'ecs:cluster-resource-read',
  DescribeTaskDefinition: 'ecs:task-definition-read',
  ListTaskDefinitions: 'ecs:task-definition-read',
  ListTaskDefinitionFamilies: 'ecs:task-definition-read',
  ListTagsForResource: 'ecs:tag-read',
  DescribeCapacityProviders: 'ecs:capacity-provider-read',
};

/** The bucket an ECS action draws from. */
export function ecsBucketOf(action: string): BucketId {
  return ECS_CATEGORIES[action] ?? 'ecs:other';
}

export interface ThrottlingOptions {
  /**
   * Emulated seconds per real second: refill runs this many times faster, so a benchmark of a
   * large estate finishes quickly while the call pattern still meets the same limits. Default 1.
   */
  readonly timeScale?: number;
  /** Replace the rate of some buckets. */
  readonly rates?: Partial<Record<BucketId, BucketRate>>;
  /** Only these buckets throttle (default all). */
  readonly only?: readonly BucketId[];
}

interface BucketState {
  tokens: number;
  updatedAtMs: number;
}

/** All buckets of one emulator. Buckets start full, as AWS's do. */
export class TokenBuckets {
  private readonly buckets = new Map<string, BucketState>();
  private readonly timeScale: number;
  private readonly rates: Readonly<Record<BucketId, BucketRate>>;

  constructor(
    private readonly options: ThrottlingOptions,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0)) throw new RangeError('throttling.timeScale must be a positive number');
    this.rates = { ...DEFAULT_RATES, ...options.rates };
  }

  /** Take one token from the bucket; false when it is empty (the call is throttled). */
  tryTake(bucket: BucketId, scope: string): boolean {
    if (this.options.only && !this.options.only.includes(bucket)) return true;
    const rate = this.rates[bucket];
    const key = `${bucket}|${scope}`;
    const now = this.nowMs();
    const state = this.buckets.get(key) ?? { tokens: rate.burst, updatedAtMs: now };
    const elapsedSeconds = (Math.max(0, now - state.updatedAtMs) / 1000) * this.timeScale;
    state.tokens = Math.min(rate.burst, state.tokens + elapsedSeconds * rate.refillPerSecond);
    state.updatedAtMs = now;
    this.buckets.set(key, state);
    if (state.tokens < 1) return false;
    state.tokens -= 1;
    return true;
  }

  /** Forget every bucket (they start full again). */
  reset(): void {
    this.buckets.clear();
  }
}
