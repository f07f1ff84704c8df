/**
 * The minimal-call model and the wall-time floor of scan-limits §4.2–4.3, as functions of an
 * estate's census. A correct, complete scan cannot issue fewer calls than {@link minimalCalls},
 * and cannot finish faster than {@link floorOf}: every token bucket must drain its calls beyond the
 * burst at its refill rate, and the longest chain of dependent calls pays the latency once per hop.
 */
import { bucketFor, bucketSpec } from '../lib/inventory/limiter.js';
import { type BucketId, type BucketRate, DEFAULT_RATES, ecsBucketOf } from '../test/emulator/throttling.js';
import type { AccountRegionCensus } from './census.js';

/** Calls per `<service>.<Action>` (Kubernetes: `kubernetes.list <resource>`), as the emulator counts them. */
export type CallCounts = Readonly<Record<string, number>>;

/** Per-call maxima the minimal count assumes (scan-limits §1; EC2 takes 200 values per filter). */
export const BATCH = {
  list: 100,
  describeClusters: 100,
  describeServices: 10,
  describeTasks: 100,
  describeContainerInstances: 100,
  describeInstancesIds: 200,
  describeInstanceTypes: 100,
  kubernetesPage: 500,
} as const;

/** How the scan obtains credentials for an account-region. */
export type CredentialMode = 'caller' | 'assume-role';

export interface MinimalCallOptions {
  /** Task definitions already cached from an earlier run: ΔD = D − cached (0 = cold cache). */
  readonly warm?: boolean;
  /** `caller`: one GetCallerIdentity; `assume-role`: one AssumeRole (the Lambda fan-out). Default `caller`. */
  readonly credentials?: CredentialMode;
}

const pages = (items: number, size: number): number => Math.max(1, Math.ceil(items / size));
const batches = (items: number, size: number): number => Math.ceil(items / size);
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

/** scan-limits §4.2 for one account-region: the fewest calls that read it completely. */
export function minimalCalls(census: AccountRegionCensus, options: MinimalCallOptions = {}): CallCounts {
  const ecs = census.ecsClusters;
  const counts: Record<string, number> = {
    [options.credentials === 'assume-role' ? 'sts.AssumeRole' : 'sts.GetCallerIdentity']: 1,
    'ecs.ListClusters': pages(ecs.length, BATCH.list),
    'ecs.DescribeClusters': batches(ecs.length, BATCH.describeClusters),
    'ecs.ListServices': sum(ecs.map((c) => pages(c.services, BATCH.list))),
    'ecs.DescribeServices': sum(ecs.map((c) => batches(c.services, BATCH.describeServices))),
    'ecs.ListTasks': sum(ecs.map((c) => pages(c.tasks, BATCH.list))),
    'ecs.DescribeTasks': sum(ecs.map((c) => batches(c.tasks, BATCH.describeTasks))),
    'ecs.ListContainerInstances': sum(ecs.map((c) => pages(c.containerInstances, BATCH.list))),
    'ecs.DescribeContainerInstances': sum(
      ecs.map((c) => batches(c.containerInstances, BATCH.describeContainerInstances)),
    ),
    'ecs.DescribeTaskDefinition': options.warm ? 0 : census.distinctTaskDefinitions,
    'ec2.DescribeInstances': batches(census.ec2Instances, BATCH.describeInstancesIds),
    'ec2.DescribeInstanceTypes': batches(census.instanceTypes, BATCH.describeInstanceTypes),
    'eks.ListClusters': pages(census.eksClusters.length, BATCH.list),
    'eks.DescribeCluster': census.eksClusters.length,
    'eks.ListNodegroups': sum(census.eksClusters.map((k) => pages(k.nodegroups, BATCH.list))),
    'eks.DescribeNodegroup': sum(census.eksClusters.map((k) => k.nodegroups)),
    'eks.ListFargateProfiles': sum(census.eksClusters.map((k) => pages(k.fargateProfiles, BATCH.list))),
    'eks.DescribeFargateProfile': sum(census.eksClusters.map((k) => k.fargateProfiles)),
  };
  for (const cluster of census.eksClusters) {
    for (const [resource, objects] of Object.entries(cluster.objects)) {
      const key = `kubernetes.list ${resource}`;
      counts[key] = (counts[key] ?? 0) + pages(objects, BATCH.kubernetesPage);
    }
  }
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}

/** Adds call counts action by action. */
export function addCounts(...all: readonly CallCounts[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const counts of all) for (const [key, n] of Object.entries(counts)) total[key] = (total[key] ?? 0) + n;
  return total;
}

/** Sum of every action's calls. */
export function totalCalls(counts: CallCounts): number {
  return sum(Object.values(counts));
}

/** The emulator's (AWS's) bucket an action draws from; Kubernetes buckets are per cluster. */
export function serverBucketOf(key: string): BucketId {
  const [service = '', action = ''] = key.split(/\.(.*)/s);
  switch (service) {
    case 'ecs':
      return ecsBucketOf(action);
    case 'ec2':
      // Filtered or paginated DescribeInstances draws from the ordinary non-mutating bucket (§2.2).
      return 'ec2:non-mutating';
    case 'eks':
      return 'eks';
    case 'kubernetes':
      return 'kubernetes';
    case 'organizations':
      return 'organizations';
    default:
      return 'sts';
  }
}

/** What the floor is computed for. */
export interface FloorOptions {
  /** Round trip of one call, in seconds (L of §4.3). */
  readonly latencySeconds: number;
  /**
   * `physical`: the server's buckets used in full (h = 1), the floor of any scanner.
   * `paced`: the product's own limiter (lib/inventory/limiter.ts), which takes `share` of each
   * bucket's burst and refill and assumes its own, lower rates for EKS and the Kubernetes API —
   * never faster than the server allows either.
   */
  readonly pacing: 'physical' | 'paced';
  /** Share of each bucket the product allows itself (its DEFAULT_SHARE); only for `paced`. */
  readonly share?: number;
  /** Server rates (the emulator's DEFAULT_RATES unless overridden). */
  readonly rates?: Readonly<Record<BucketId, BucketRate>>;
  readonly warm?: boolean;
}

/** The floor of one account-region and what it is made of. */
export interface Floor {
  readonly seconds: number;
  /** Seconds each bucket needs beyond its burst (Kubernetes: the slowest cluster). */
  readonly bucketSeconds: Readonly<Record<string, number>>;
  /** The bucket that sets the floor. */
  readonly bindingBucket: string;
  /** Dependent calls on the longest chain; each pays the latency once. */
  readonly chainLength: number;
}

const PRODUCT_SERVICE: Readonly<Record<string, string>> = {
  'ecs:cluster-read': 'ecs|ListClusters',
  'ecs:service-read': 'ecs|ListServices',
  'ecs:cluster-resource-read': 'ecs|ListTasks',
  'ecs:task-definition-read': 'ecs|DescribeTaskDefinition',
  'ecs:tag-read': 'ecs|ListTagsForResource',
  'ecs:capacity-provider-read': 'ecs|DescribeCapacityProviders',
  'ecs:other': 'ecs|Other',
  'ec2:non-mutating': 'ec2|DescribeInstances',
  'ec2:unfiltered-unpaginated': 'ec2|DescribeInstances',
  eks: 'eks|DescribeCluster',
  sts: 'sts|AssumeRole',
  organizations: 'organizations|ListAccounts',
  kubernetes: 'kubernetes|list',
};

/** Burst and refill a scan with these options gets from a server bucket. */
export function effectiveRate(bucket: BucketId, options: FloorOptions): BucketRate {
  const server = (options.rates ?? DEFAULT_RATES)[bucket];
  if (options.pacing === 'physical') return server;
  const share = options.share ?? 1;
  const [service = '', action = ''] = (PRODUCT_SERVICE[bucket] ?? 'unknown|unknown').split('|');
  const product = bucketSpec(bucketFor(service, action));
  return {
    // The product's limiter starts each bucket at floor(burst × share) tokens (at least one).
    burst: Math.min(server.burst, Math.max(1, Math.floor(product.burst * share))),
    refillPerSecond: Math.min(server.refillPerSecond, product.refillPerSecond * share),
  };
}

const drainSeconds = (calls: number, rate: BucketRate): number =>
  Math.max(0, calls - rate.burst) / rate.refillPerSecond;

/**
 * The longest chain of calls that must wait for each other (§4.3): credentials, then ECS
 * (ListClusters → DescribeClusters → per cluster the list pages → a describe → the task definition
 * it names, or the container instances → DescribeInstances → DescribeInstanceTypes) side by side
 * with EKS (ListClusters → DescribeCluster → the Kubernetes list pages of one resource).
 */
export function chainLength(census: AccountRegionCensus): number {
  const clusters = census.ecsClusters;
  const perCluster = clusters.map((c) =>
    Math.max(
      pages(c.services, BATCH.list) + 2,
      pages(c.tasks, BATCH.list) + 2,
      pages(c.containerInstances, BATCH.list) + 1 + (c.containerInstances > 0 ? 2 : 0),
    ),
  );
  const ecs = pages(clusters.length, BATCH.list) + (clusters.length > 0 ? 1 + Math.max(...perCluster) : 0);
  const kubernetes = census.eksClusters.map((k) =>
    Math.max(0, ...Object.values(k.objects).map((n) => pages(n, BATCH.kubernetesPage))),
  );
  const eks =
    pages(census.eksClusters.length, BATCH.list) +
    (census.eksClusters.length > 0 ? 1 + Math.max(...kubernetes) : 0);
  return 1 + Math.max(ecs, eks);
}

/** T_min of §4.3 for one account-region: max over buckets of (N − B)/r, plus L × the chain. */
export function floorOf(census: AccountRegionCensus, options: FloorOptions): Floor {
  const calls = minimalCalls(census, { warm: options.warm ?? false });
  const perBucket = new Map<BucketId, number>();
  for (const [key, n] of Object.entries(calls)) {
    if (key.startsWith('kubernetes.')) continue;
    const bucket = serverBucketOf(key);
    perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + n);
  }
  const bucketSeconds: Record<string, number> = {};
  for (const [bucket, n] of perBucket)
    bucketSeconds[bucket] = drainSeconds(n, effectiveRate(bucket, options));
  // The Kubernetes API is throttled per cluster: the slowest cluster bounds the region.
  const kubernetesRate = effectiveRate('kubernetes', options);
  const kubernetesCalls = census.eksClusters.map((k) =>
    sum(Object.values(k.objects).map((n) => pages(n, BATCH.kubernetesPage))),
  );
  if (kubernetesCalls.length > 0) {
    bucketSeconds.kubernetes = Math.max(...kubernetesCalls.map((n) => drainSeconds(n, kubernetesRate)));
  }
  let bindingBucket = 'none';
  let slowest = 0;
  for (const [bucket, seconds] of Object.entries(bucketSeconds)) {
    if (seconds > slowest) {
      slowest = seconds;
      bindingBucket = bucket;
    }
  }
  const chain = chainLength(census);
  return {
    seconds: slowest + chain * options.latencySeconds,
    bucketSeconds,
    bindingBucket,
    chainLength: chain,
  };
}

/**
 * The floor of many account-regions scanned side by side (the fan-out): AWS throttles each pair on
 * its own, so the slowest pair bounds the whole — when at most `concurrency` run at once, the pairs
 * cannot finish faster than their total spread over the slots either.
 */
export function fanOutFloorSeconds(floors: readonly number[], concurrency: number): number {
  if (floors.length === 0) return 0;
  return Math.max(...floors, sum(floors) / Math.max(1, concurrency));
}

/**
 * The floor of an observed call pattern (no latency term): how long any scanner making exactly
 * these calls must take, given the buckets. The naive baseline's floor bounds its time from below,
 * so a speed-up against it cannot be inflated by the baseline's own CPU or scheduling overhead.
 */
export function patternFloorSeconds(calls: CallCounts, options: FloorOptions): number {
  const perBucket = new Map<BucketId, number>();
  for (const [key, n] of Object.entries(calls)) {
    if (key.startsWith('kubernetes.')) continue;
    const bucket = serverBucketOf(key);
    perBucket.set(bucket, (perBucket.get(bucket) ?? 0) + n);
  }
  let slowest = 0;
  for (const [bucket, n] of perBucket)
    slowest = Math.max(slowest, drainSeconds(n, effectiveRate(bucket, options)));
  return slowest;
}
