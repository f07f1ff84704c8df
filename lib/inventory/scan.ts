/**
 * Scan orchestration: resolve the accounts (the caller's, `--accounts` with a role, or the
 * Organization's) and regions, then collect every (account, region) pair through a bounded pool.
 * AWS throttles per account and region, so pairs run side by side without competing for buckets.
 * Whatever cannot be reached — a role that cannot be assumed, a region that is not enabled, a
 * service or cluster that refuses the caller — becomes a gap; the scan goes on.
 */
import pLimit from 'p-limit';
import type { Gap } from '../findings/result.js';
import { byText } from '../model/text-order.js';
import { CallStats } from './call-stats.js';
import {
  type AccountAccess,
  type CallerIdentity,
  ClientFactory,
  type ClientSettings,
  type RegionalClients,
  roleArnFor,
  stsEndpointFor,
} from './clients.js';
import {
  describeInstances,
  describeInstanceTypes,
  InMemoryInstanceTypeCache,
  type InstanceTypeCache,
} from './ec2/collect-ec2.js';
import { collectEcs, type EcsCollection } from './ecs/collect-ecs.js';
import { InMemoryTaskDefinitionCache, type TaskDefinitionCache } from './ecs/task-definition-cache.js';
import { collectEks, type EksCollection } from './eks/collect-eks.js';
import {
  ClientNodeConnector,
  KUBERNETES_PAGE_SIZE,
  type KubernetesConnector,
} from './eks/kubernetes-connector.js';
import type { KubernetesRetryOptions } from './eks/kubernetes-retry.js';
import { eksToken } from './eks/token.js';
import { CollectionError, ConfigError, gapFrom, isRegionNotEnabled } from './errors.js';
import { RateLimiter } from './limiter.js';
import { listActiveAccounts } from './org/list-accounts.js';
import {
  type AccountRegionInventory,
  type Ec2Inventory,
  INVENTORY_VERSION,
  type Inventory,
} from './snapshot.js';

/** What to scan (the CLI flags and Lambda event fields). */
export interface ScanOptions {
  /** Regions to scan; the configured region (AWS_REGION, profile) when omitted. */
  readonly regions?: readonly string[];
  /** Accounts to scan with `roleName`; the caller's own account when omitted. */
  readonly accounts?: readonly string[];
  /** Every active account of the AWS Organization (needs `roleName`). */
  readonly org?: boolean;
  /** Role assumed in each account other than the caller's; may carry a path (`ops/FargateFitReadOnly`). */
  readonly roleName?: string;
  readonly externalId?: string;
  readonly roleSessionName?: string;
  /** Kubernetes namespaces left out (every namespace, kube-system included, is scanned otherwise). */
  readonly excludeNamespaces?: readonly string[];
  /** Read each EKS cluster's Kubernetes API (default true). */
  readonly kubernetes?: boolean;
  readonly kubernetesPageSize?: number;
  /** (account, region) pairs scanned at once (default 4). */
  readonly concurrency?: number;
}

/** A running tally for a progress display. */
export interface ScanProgress {
  readonly pairsTotal: number;
  readonly pairsDone: number;
  readonly clustersDone: number;
  readonly workloads: number;
  readonly calls: number;
  /** Throttling answers the limiter and SDK retries absorbed so far. */
  readonly throttles: number;
}

/** What a scan is given rather than builds: clients, limiter, statistics, caches, connector, clock. */
export interface ScanDeps {
  readonly clients: ClientFactory;
  /** The statistics the client factory records into. */
  readonly stats: CallStats;
  /** The limiter the client factory paces with (also paces Kubernetes API calls). */
  readonly limiter: RateLimiter;
  readonly taskDefinitionCache?: TaskDefinitionCache;
  readonly instanceTypeCache?: InstanceTypeCache;
  /** Builds the Kubernetes connector for a pair's clients; the @kubernetes/client-node one by default. */
  readonly kubernetesConnector?: (clients: RegionalClients, options: ScanOptions) => KubernetesConnector;
  /** Retries and per-attempt deadline of the default connector's Kubernetes requests. */
  readonly kubernetesRetry?: KubernetesRetryOptions;
  readonly onProgress?: (progress: ScanProgress) => void;
  readonly now?: () => Date;
  /**
   * Stops the scan early (a Lambda about to time out): once aborted, no account or (account,
   * region) pair starts, Kubernetes reads in progress are given up, and what they would have read
   * becomes a gap carrying the signal's reason; what was collected before is returned. AWS calls
   * stop too when the limiter refuses tokens after the abort (the Lambda's does).
   */
  readonly signal?: AbortSignal;
}

/** The usual dependencies: one limiter, one stats counter, one client factory sharing them. */
export function defaultScanDeps(settings: Omit<ClientSettings, 'limiter' | 'stats'> = {}): ScanDeps {
  const limiter = new RateLimiter();
  const stats = new CallStats();
  return { clients: new ClientFactory({ ...settings, limiter, stats }), limiter, stats };
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** Checks the options before any AWS call; throws {@link ConfigError}. */
export function validateScanOptions(options: ScanOptions): void {
  if (options.org && options.accounts && options.accounts.length > 0) {
    throw new ConfigError('--org and --accounts cannot be combined: --org scans every active account');
  }
  if (options.org && !options.roleName) {
    throw new ConfigError('--org needs --role-name: the role to assume in each member account');
  }
  if (options.externalId && !options.roleName) throw new ConfigError('--external-id needs --role-name');
  for (const account of options.accounts ?? []) {
    if (!ACCOUNT_ID.test(account)) throw new ConfigError(`"${account}" is not an AWS account id (12 digits)`);
  }
  for (const region of options.regions ?? []) {
    if (!REGION.test(region)) throw new ConfigError(`"${region}" is not an AWS region name (e.g. eu-west-1)`);
  }
  if (options.regions && options.regions.length === 0) throw new ConfigError('--regions names no region');
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigError(`concurrency must be a positive integer, got ${concurrency}`);
  }
}

/**
 * Collects the raw inventory of every (account, region) in scope. Rejects only when nothing can
 * start: invalid options ({@link ConfigError}), no usable caller credentials or Organization
 * listing ({@link CollectionError}). Everything else is recorded as a gap.
 */
export async function scanEstate(options: ScanOptions, deps: ScanDeps): Promise<Inventory> {
  validateScanOptions(options);
  const now = deps.now ?? (() => new Date());
  const startedAt = now();
  const homeRegion = options.regions?.[0] ?? (await deps.clients.configuredRegion());
  if (!homeRegion) {
    throw new ConfigError(
      "no AWS region: pass --regions or configure one (AWS_REGION or the profile's region)",
    );
  }
  const regions = [...new Set(options.regions ?? [homeRegion])];
  const caller = await deps.clients.callerIdentity(homeRegion);
  const accounts = await resolveAccounts(options, deps, caller, homeRegion);
  const gaps: Gap[] = [];
  const limit = pLimit(options.concurrency ?? 4);

  const accesses = (
    await Promise.all(
      accounts.map((account) =>
        limit(async () => {
          if (deps.signal?.aborted) {
            gaps.push(gapFrom({ scope: 'account', account }, deps.signal.reason));
            return null;
          }
          return accessFor(account, options, deps, caller, homeRegion, gaps);
        }),
      ),
    )
  ).filter((access): access is AccountAccess => access !== null);

  const progress = {
    pairsTotal: accesses.length * regions.length,
    pairsDone: 0,
    clustersDone: 0,
    workloads: 0,
  };
  const report = () =>
    deps.onProgress?.({ ...progress, calls: deps.stats.totalCalls, throttles: deps.stats.throttleCount });
  const onCluster = (workloads: number) => {
    progress.clustersDone += 1;
    progress.workloads += workloads;
    report();
  };

  const taskDefinitionCache = deps.taskDefinitionCache ?? new InMemoryTaskDefinitionCache();
  const instanceTypeCache = deps.instanceTypeCache ?? new InMemoryInstanceTypeCache();
  const pairs = accesses.flatMap((access) => regions.map((region) => ({ access, region })));
  const partitions = await Promise.all(
    pairs.map(({ access, region }) =>
      limit(async () => {
        if (deps.signal?.aborted) {
          gaps.push(gapFrom({ scope: 'region', account: access.accountId, region }, deps.signal.reason));
          return null;
        }
        const partition = await scanPair(access, region, options, deps, {
          taskDefinitionCache,
          instanceTypeCache,
          onCluster,
          addGap: (gap) => gaps.push(gap),
        });
        progress.pairsDone += 1;
        report();
        return partition;
      }),
    ),
  );

  return {
    version: INVENTORY_VERSION,
    collectedAt: startedAt.toISOString(),
    caller: { account: caller.account, arn: caller.arn },
    accounts,
    regions,
    partitions: partitions
      .filter((p): p is AccountRegionInventory => p !== null)
      .sort((a, b) => byText(a.account, b.account) || byText(a.region, b.region)),
    gaps: sortGaps(gaps),
    stats: deps.stats.snapshot(),
  };
}

/**
 * Settles as `work` does, or rejects with the signal's reason as soon as it aborts; abandoned work
 * runs on until its own deadline and its outcome is dropped.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  work.catch(() => undefined);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** True when the scan reached no (account, region) at all: the CLI then fails instead of warning. */
export function nothingScanned(inventory: Inventory): boolean {
  return inventory.partitions.length === 0;
}

async function resolveAccounts(
  options: ScanOptions,
  deps: ScanDeps,
  caller: CallerIdentity,
  homeRegion: string,
): Promise<string[]> {
  if (options.org) {
    try {
      const accounts = await listActiveAccounts(deps.clients.organizations(homeRegion));
      return accounts.map((a) => a.id);
    } catch (error) {
      throw new CollectionError(`cannot list the Organization's accounts: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  const accounts = [...new Set(options.accounts ?? [caller.account])];
  if (!options.roleName && accounts.some((a) => a !== caller.account)) {
    throw new ConfigError(
      "--accounts other than the caller's own need --role-name: the role to assume in each",
    );
  }
  return accounts.sort();
}

/**
 * How to act in an account: the caller's own credentials in its own account, an assumed role
 * elsewhere. The role is assumed once here, so a refusal becomes an account gap before any region
 * is tried.
 */
async function accessFor(
  account: string,
  options: ScanOptions,
  deps: ScanDeps,
  caller: CallerIdentity,
  homeRegion: string,
  gaps: Gap[],
): Promise<AccountAccess | null> {
  if (account === caller.account) return { accountId: account };
  const roleName = options.roleName ?? '';
  const credentials = deps.clients.assumeRole(homeRegion, {
    roleArn: roleArnFor(caller.partition, account, roleName),
    sessionName: options.roleSessionName ?? 'fargate-fit-scan',
    ...(options.externalId ? { externalId: options.externalId } : {}),
  });
  try {
    await credentials();
    return { accountId: account, credentials };
  } catch (error) {
    gaps.push(
      gapFrom(
        { scope: 'account', account },
        error,
        `AssumeRole ${roleArnFor(caller.partition, account, roleName)}`,
      ),
    );
    return null;
  }
}

interface PairContext {
  readonly taskDefinitionCache: TaskDefinitionCache;
  readonly instanceTypeCache: InstanceTypeCache;
  readonly onCluster: (workloads: number) => void;
  readonly addGap: (gap: Gap) => void;
}

async function scanPair(
  access: AccountAccess,
  region: string,
  options: ScanOptions,
  deps: ScanDeps,
  context: PairContext,
): Promise<AccountRegionInventory | null> {
  const account = access.accountId;
  const clients = deps.clients.regional(access, region);
  const built =
    options.kubernetes === false
      ? null
      : (deps.kubernetesConnector?.(clients, options) ?? defaultKubernetesConnector(clients, options, deps));
  const signal = deps.signal;
  const connector: KubernetesConnector | null =
    built && signal ? { collect: (target) => untilAborted(built.collect(target), signal) } : built;

  let containerInstancesRead: (ids: readonly string[]) => void = () => {};
  const ec2InstanceIds = new Promise<readonly string[]>((resolve) => {
    containerInstancesRead = resolve;
  });
  const ecsRun = collectEcs({
    ecs: clients.ecs,
    account,
    region,
    taskDefinitions: context.taskDefinitionCache,
    onClusterDone: (_arn, workloads) => context.onCluster(workloads),
    onContainerInstancesRead: (ids) => containerInstancesRead(ids),
  });
  const eksRun = collectEks({
    eks: clients.eks,
    account,
    region,
    kubernetes: connector,
    onClusterDone: (_name, workloads) => context.onCluster(workloads),
  });
  // EC2 is asked as soon as what it needs is known rather than after ECS and EKS are both done:
  // the instances once every container instance is read, their types once EKS is done too.
  const none = (): readonly string[] => [];
  const ec2Run = collectEc2(
    clients,
    region,
    Promise.race([ec2InstanceIds, ecsRun.then((c) => c.ec2InstanceIds, none)]),
    eksRun.then((c) => c.instanceTypes, none),
    context,
  );
  const [ecs, eks] = await Promise.allSettled([ecsRun, eksRun]);
  const ec2 = await ec2Run;

  const failures = [ecs, eks].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length === 2 && failures.every((f) => isRegionNotEnabled(f.reason))) {
    context.addGap(
      gapFrom(
        { scope: 'region', account, region },
        failures[0]!.reason,
        'region not enabled for this account',
      ),
    );
    return null;
  }
  if (ecs.status === 'rejected')
    context.addGap(gapFrom({ scope: 'ecs', account, region }, ecs.reason, 'ECS'));
  if (eks.status === 'rejected')
    context.addGap(gapFrom({ scope: 'eks', account, region }, eks.reason, 'EKS'));
  const ecsCollection: EcsCollection | null = ecs.status === 'fulfilled' ? ecs.value : null;
  const eksCollection: EksCollection | null = eks.status === 'fulfilled' ? eks.value : null;
  if (!ecsCollection && !eksCollection) return null;
  for (const gap of [...(ecsCollection?.gaps ?? []), ...(eksCollection?.gaps ?? [])]) context.addGap(gap);

  return {
    account,
    region,
    ecs: ecsCollection?.inventory ?? null,
    ec2,
    eks: eksCollection?.inventory ?? null,
  };
}

/**
 * The EC2 instances behind the container instances, then the instance types of those and of the
 * EKS nodes. Never rejects: a failing call is a gap. ECS or EKS failing entirely names nothing.
 */
async function collectEc2(
  clients: RegionalClients,
  region: string,
  ec2InstanceIds: Promise<readonly string[]>,
  eksInstanceTypes: Promise<readonly string[]>,
  context: PairContext,
): Promise<Ec2Inventory> {
  const place = { scope: 'ec2', account: clients.account, region };
  let instances: Ec2Inventory['instances'] = [];
  const ids = await ec2InstanceIds;
  if (ids.length > 0) {
    try {
      instances = await describeInstances(clients.ec2, ids);
    } catch (error) {
      context.addGap(gapFrom(place, error, 'DescribeInstances (container instances)'));
    }
  }
  const types = [...instances.map((i) => i.instanceType), ...(await eksInstanceTypes)];
  let instanceTypes: Ec2Inventory['instanceTypes'] = [];
  if (types.length > 0) {
    try {
      instanceTypes = await describeInstanceTypes(clients.ec2, region, types, context.instanceTypeCache);
    } catch (error) {
      context.addGap(gapFrom(place, error, 'DescribeInstanceTypes'));
    }
  }
  return { instances, instanceTypes };
}

function defaultKubernetesConnector(
  clients: RegionalClients,
  options: ScanOptions,
  deps: ScanDeps,
): KubernetesConnector {
  return new ClientNodeConnector({
    token: async (target) =>
      eksToken({
        clusterName: target.clusterName,
        region: target.region,
        credentials: await clients.credentials(),
        stsEndpoint: await stsEndpointFor(clients.sts, target.region),
      }),
    limiter: deps.limiter,
    stats: deps.stats,
    pageSize: options.kubernetesPageSize ?? KUBERNETES_PAGE_SIZE,
    excludeNamespaces: options.excludeNamespaces ?? [],
    ...(deps.kubernetesRetry ? { retry: deps.kubernetesRetry } : {}),
  });
}

function sortGaps(gaps: readonly Gap[]): Gap[] {
  const key = (g: Gap) =>
    [g.account ?? '', g.region ?? '', g.scope, g.cluster ?? '', g.message].join('\u0000');
  return [...gaps].sort((a, b) => byText(key(a), key(b)));
}
