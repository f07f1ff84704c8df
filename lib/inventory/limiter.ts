/**
 * Client-side token buckets, one per (account, region, throttle bucket), so a scan paces each AWS
 * throttle scope below its documented refill rate instead of relying on retries (scan-limits §2).
 */

/** Time source; injectable so pacing is tested with a fake clock instead of real time. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Wall-clock time and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A documented (or assumed) AWS token bucket: its size and how many tokens it regains per second. */
export interface BucketSpec {
  readonly burst: number;
  readonly refillPerSecond: number;
}

/**
 * ECS read categories (ECS API Reference, "Request throttling"; scan-limits §2.1): every action of
 * a category draws from one bucket per account and region.
 */
export const ECS_BUCKETS: Readonly<Record<string, BucketSpec>> = {
  'ecs:cluster-read': { burst: 50, refillPerSecond: 20 },
  'ecs:service-read': { burst: 100, refillPerSecond: 20 },
  'ecs:cluster-resource-read': { burst: 100, refillPerSecond: 20 },
  'ecs:task-definition-read': { burst: 50, refillPerSecond: 20 },
  'ecs:tag-read': { burst: 50, refillPerSecond: 20 },
  'ecs:capacity-provider-read': { burst: 50, refillPerSecond: 20 },
  'ecs:service-deployment-read': { burst: 50, refillPerSecond: 20 },
  'ecs:cluster-service-resource-read': { burst: 10, refillPerSecond: 1 },
};

const ECS_ACTION_BUCKET: Readonly<Record<string, string>> = {
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
  DescribeServiceDeployments: 'ecs:service-deployment-read',
  ListServiceDeployments: 'ecs:service-deployment-read',
  DescribeServiceRevisions: 'ecs:service-deployment-read',
  ListServicesByNamespace: 'ecs:cluster-service-resource-read',
};

/** EC2 non-mutating actions: one bucket per action (EC2 API throttling doc; scan-limits §2.2). */
const EC2_NON_MUTATING: BucketSpec = { burst: 100, refillPerSecond: 20 };
/**
 * EKS publishes no per-action table; bursts of DescribeCluster are known to throttle, so the scan
 * plans for 10 per second (scan-limits §2.3, an assumption).
 */
const EKS_ASSUMED: BucketSpec = { burst: 10, refillPerSecond: 10 };
/** Kubernetes API server per cluster: client-go's defaults (QPS 5, burst 10), since LISTs are heavy. */
const KUBERNETES_API: BucketSpec = { burst: 10, refillPerSecond: 5 };
/** STS shares ~600 requests/s per account and region; the scan makes one AssumeRole per account. */
const STS_SHARE: BucketSpec = { burst: 20, refillPerSecond: 20 };
/** Organizations publishes no rate; ListAccounts is a handful of sequential pages. */
const ORGANIZATIONS_ASSUMED: BucketSpec = { burst: 5, refillPerSecond: 2 };
/** Anything not catalogued: a conservative pace. */
const UNKNOWN: BucketSpec = { burst: 5, refillPerSecond: 2 };

/**
 * The throttle bucket an action draws from: ECS categories, one bucket per EC2 action, and one
 * bucket for each other service.
 */
export function bucketFor(service: string, action: string): string {
  switch (service.toLowerCase()) {
    case 'ecs':
      return ECS_ACTION_BUCKET[action] ?? 'ecs:other';
    case 'ec2':
      return `ec2:${action}`;
    case 'eks':
      return 'eks';
    case 'sts':
      return 'sts';
    case 'organizations':
      return 'organizations';
    case 'kubernetes':
      return 'kubernetes';
    default:
      return `${service.toLowerCase()}:other`;
  }
}

/** Size and refill of a bucket named by {@link bucketFor}. */
export function bucketSpec(bucket: string): BucketSpec {
  const ecs = ECS_BUCKETS[bucket];
  if (ecs) return ecs;
  if (bucket.startsWith('ec2:')) return EC2_NON_MUTATING;
  if (bucket === 'eks') return EKS_ASSUMED;
  if (bucket === 'kubernetes') return KUBERNETES_API;
  if (bucket === 'sts') return STS_SHARE;
  if (bucket === 'organizations') return ORGANIZATIONS_ASSUMED;
  return UNKNOWN;
}

/** Which bucket: AWS throttles per account and region; `resource` separates Kubernetes clusters. */
export interface LimiterKey {
  readonly account: string;
  readonly region: string;
  readonly bucket: string;
  readonly resource?: string;
}

/** How much of each AWS bucket the scan may use, and the clock it paces by. */
export interface RateLimiterOptions {
  /**
   * Fraction of each documented bucket the scan allows itself. AWS buckets are shared with the
   * customer's own tooling, so the scan stays a little below the published figures.
   */
  readonly share?: number;
  readonly clock?: Clock;
}

/** Default share of each AWS bucket: a bit below refill, leaving room for the account's other callers. */
export const DEFAULT_SHARE = 0.8;

class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  /** Callers take tokens strictly in arrival order: each waits for the one before it. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly capacity: number,
    private readonly perMillisecond: number,
    private readonly clock: Clock,
  ) {
    this.tokens = capacity;
    this.updatedAt = clock.now();
  }

  take(): Promise<number> {
    const turn = this.queue.then(async () => {
      let waited = 0;
      this.refill();
      while (this.tokens < 1) {
        const wait = Math.ceil((1 - this.tokens) / this.perMillisecond);
        await this.clock.sleep(wait);
        waited += wait;
        this.refill();
      }
      this.tokens -= 1;
      return waited;
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** AWS said the real bucket is empty: stop spending what this model thinks is left. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.capacity, this.tokens + elapsed * this.perMillisecond);
    this.updatedAt = now;
  }
}

/**
 * Token-bucket limiter keyed by (account, region, bucket). Each bucket starts full at
 * `burst × share` tokens and refills at `refillPerSecond × share`; a call waits its turn when the
 * bucket is empty. Calls are served in arrival order within a bucket; buckets never wait on each
 * other.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly share: number;
  private readonly clock: Clock;

  constructor(options: RateLimiterOptions = {}) {
    this.share = options.share ?? DEFAULT_SHARE;
    if (!(this.share > 0 && this.share <= 1))
      throw new RangeError(`share must be in (0, 1], got ${this.share}`);
    this.clock = options.clock ?? systemClock;
  }

  /** Waits until the bucket has a token and takes it. Resolves with the milliseconds waited. */
  acquire(key: LimiterKey): Promise<number> {
    return this.bucket(key).take();
  }

  /** Runs `send` once a token is available. */
  async schedule<T>(key: LimiterKey, send: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    return send();
  }

  /** Records that AWS throttled a call of this bucket: the next call waits for a fresh token. */
  noteThrottle(key: LimiterKey): void {
    this.bucket(key).drain();
  }

  private bucket(key: LimiterKey): TokenBucket {
    const id = `${key.account}\u0000${key.region}\u0000${key.bucket}\u0000${key.resource ?? ''}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      const spec = bucketSpec(key.bucket);
      const capacity = Math.max(1, Math.floor(spec.burst * this.share));
      bucket = new TokenBucket(capacity, (spec.refillPerSecond * this.share) / 1000, this.clock);
      this.buckets.set(id, bucket);
    }
    return bucket;
  }
}
