/**
 * ECS collector for one (account, region), built to the minimal-call model of scan-limits §4.2:
 * paginated lists at their 100-item maximum, describes at their batch maxima (clusters 100,
 * services 10, tasks 100, container instances 100, capacity providers 100), tasks listed per
 * cluster (which also finds standalone tasks), tags through `include: ['TAGS']`, and each distinct
 * task definition fetched once — streamed into the fetcher as soon as a service or task names it,
 * and served from the cache when a previous scan already read it.
 */
import {
  type CapacityProvider,
  type Cluster,
  type ContainerInstance,
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  type ECSClient,
  type Failure,
  paginateListClusters,
  paginateListContainerInstances,
  paginateListServices,
  paginateListTasks,
  type Resource,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Gap } from '../../findings/result.js';
import { byText } from '../../model/text-order.js';
import { distinct, inBatches, tagMap } from '../batches.js';
import { gapFrom } from '../errors.js';
import { redactTaskDefinition } from '../redact.js';
import type {
  CapacityProviderStrategyItem,
  EcsCapacityProviderRecord,
  EcsClusterRecord,
  EcsContainerInstanceRecord,
  EcsInventory,
  EcsServiceRecord,
  EcsTaskRecord,
  TaskDefinitionDocument,
} from '../snapshot.js';
import { FARGATE_PROVIDERS } from './launch-type.js';
import { standaloneGroupKeys } from './standalone.js';
import type { TaskDefinitionCache } from './task-definition-cache.js';

/** Per-call maxima of the ECS API (scan-limits §1). */
export const ECS_LIMITS = {
  listPageSize: 100,
  describeClusters: 100,
  describeServices: 10,
  describeTasks: 100,
  describeContainerInstances: 100,
  describeCapacityProviders: 100,
} as const;

/**
 * Clusters read at once by default. A cluster's reads are chains of round trips (its task list is
 * paged), so with describes sent as the pages fill them this many clusters keep each bucket's
 * calls queued: the limiter, not the round trips, sets the pace, and the burst is spent at once
 * instead of sitting full while its refill is lost. More would only hold more answers in memory
 * at the start, when the bursts let them all through together.
 */
export const ECS_CLUSTER_CONCURRENCY = 6;
/** Describe calls in flight per cluster (services, tasks, container instances together). */
const DESCRIBES_PER_CLUSTER = 2;

/** Inputs of {@link collectEcs}: the region's ECS client, where the calls belong, the task-definition cache. */
export interface EcsCollectorOptions {
  readonly ecs: ECSClient;
  readonly account: string;
  readonly region: string;
  readonly taskDefinitions: TaskDefinitionCache;
  /**
   * Clusters read at the same time (default {@link ECS_CLUSTER_CONCURRENCY}). The limiter paces
   * the calls; this bounds memory and sockets.
   */
  readonly clusterConcurrency?: number;
  /** DescribeTaskDefinition calls in flight; two or three keep a 20/s bucket busy at ~100 ms latency. */
  readonly taskDefinitionConcurrency?: number;
  /** Called as each cluster is read, with the number of workloads (services + standalone groups) in it. */
  readonly onClusterDone?: (clusterArn: string, workloads: number) => void;
  /**
   * Called once, as soon as every cluster's container instances are read (usually well before its
   * services and tasks), with the EC2 instance ids behind them — the same ids the collection ends
   * with — so EC2 can be asked while ECS is still being read.
   */
  readonly onContainerInstancesRead?: (ec2InstanceIds: readonly string[]) => void;
}

/** What {@link collectEcs} read, the EC2 instances to look up next, and the gaps. */
export interface EcsCollection {
  readonly inventory: EcsInventory;
  /** EC2 instance ids behind the container instances (ECS Anywhere `mi-` ids excluded). */
  readonly ec2InstanceIds: readonly string[];
  readonly gaps: readonly Gap[];
}

/**
 * Reads every ECS cluster of the account and region. A failure of one cluster, service batch or
 * task definition becomes a gap and the rest goes on; only a failing ListClusters (no access to
 * ECS at all, region not enabled) rejects.
 */
export async function collectEcs(options: EcsCollectorOptions): Promise<EcsCollection> {
  const { ecs, account, region } = options;
  const gaps: Gap[] = [];
  const place = { account, region };

  const clusterArns: string[] = [];
  for await (const page of paginateListClusters(
    { client: ecs, pageSize: ECS_LIMITS.listPageSize, stopOnSameToken: true },
    { maxResults: ECS_LIMITS.listPageSize },
  )) {
    clusterArns.push(...(page.clusterArns ?? []));
  }

  const clusters: Cluster[] = [];
  for (const batch of inBatches(clusterArns, ECS_LIMITS.describeClusters)) {
    const out = await ecs.send(
      new DescribeClustersCommand({ clusters: batch, include: ['SETTINGS', 'TAGS'] }),
    );
    clusters.push(...(out.clusters ?? []));
    gaps.push(...failureGaps(out.failures, { scope: 'ecs-cluster', ...place }, 'DescribeClusters'));
  }

  const taskDefinitions = new TaskDefinitionFetcher(
    ecs,
    options.taskDefinitions,
    pLimit(options.taskDefinitionConcurrency ?? 3),
    (arn, error) =>
      gaps.push(gapFrom({ scope: 'task-definition', ...place }, error, `DescribeTaskDefinition ${arn}`)),
  );

  const readable = clusters.filter((cluster) => cluster.clusterArn);
  // Providers named by the clusters themselves are asked for now, beside the cluster reads; those
  // only services or tasks name (rare: they must be associated with the cluster) come at the end.
  const capacityProviders = new CapacityProviderReader(ecs, (gap) => gaps.push(gap), place);
  capacityProviders.ask(providerNamesOf(readable.map(clusterProviders)));

  const instancesByCluster: EcsContainerInstanceRecord[][] = [];
  let clustersLeft = readable.length;
  const containerInstancesRead = (index: number, instances: EcsContainerInstanceRecord[]) => {
    instancesByCluster[index] = instances;
    clustersLeft -= 1;
    if (clustersLeft === 0) options.onContainerInstancesRead?.(ec2InstanceIdsOf(instancesByCluster.flat()));
  };
  if (readable.length === 0) options.onContainerInstancesRead?.([]);

  const clusterLimit = pLimit(options.clusterConcurrency ?? ECS_CLUSTER_CONCURRENCY);
  const records = await Promise.all(
    readable.map((cluster, index) =>
      clusterLimit(async () => {
        const record = await collectCluster(
          ecs,
          cluster,
          taskDefinitions,
          (gap) => gaps.push(gap),
          place,
          (instances) => containerInstancesRead(index, instances),
        );
        const standaloneGroups = standaloneGroupKeys(record.tasks).size;
        options.onClusterDone?.(record.arn, record.services.length + standaloneGroups);
        return record;
      }),
    ),
  );

  capacityProviders.ask(providerNamesOf(records.map(recordProviders)));
  const providers = await capacityProviders.settled();
  const documents = await taskDefinitions.settled();
  const ec2InstanceIds = ec2InstanceIdsOf(records.flatMap((c) => c.containerInstances));

  return {
    inventory: { clusters: records, capacityProviders: providers, taskDefinitions: documents },
    ec2InstanceIds,
    gaps,
  };
}

async function collectCluster(
  ecs: ECSClient,
  cluster: Cluster,
  taskDefinitions: TaskDefinitionFetcher,
  addGap: (gap: Gap) => void,
  place: { account: string; region: string },
  onContainerInstances: (instances: EcsContainerInstanceRecord[]) => void,
): Promise<EcsClusterRecord> {
  const clusterArn = cluster.clusterArn ?? '';
  const clusterName = cluster.clusterName ?? clusterArn.split('/').pop() ?? clusterArn;
  const clusterPlace = { ...place, cluster: clusterName };
  const describeLimit = pLimit(DESCRIBES_PER_CLUSTER);

  const partial = async <T>(what: string, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (error) {
      addGap(gapFrom({ scope: 'ecs-cluster', ...clusterPlace }, error, what));
      return [];
    }
  };

  const services = partial('services', () =>
    listThenDescribe(
      paginateListServices(
        { client: ecs, pageSize: ECS_LIMITS.listPageSize, stopOnSameToken: true },
        { cluster: clusterArn, maxResults: ECS_LIMITS.listPageSize },
      ),
      (page) => page.serviceArns,
      ECS_LIMITS.describeServices,
      (batch) =>
        describeLimit(async () => {
          const out = await ecs.send(
            new DescribeServicesCommand({ cluster: clusterArn, services: batch, include: ['TAGS'] }),
          );
          for (const gap of failureGaps(
            out.failures,
            { scope: 'ecs-service', ...clusterPlace },
            'DescribeServices',
          )) {
            addGap(gap);
          }
          const records = (out.services ?? []).map((s) => serviceRecord(s, clusterArn));
          for (const record of records)
            if (record.taskDefinition) taskDefinitions.request(record.taskDefinition);
          return records;
        }),
    ),
  );

  // Per cluster, not per service: one listing covers service and standalone tasks alike.
  const tasks = partial('tasks', () =>
    listThenDescribe(
      paginateListTasks(
        { client: ecs, pageSize: ECS_LIMITS.listPageSize, stopOnSameToken: true },
        { cluster: clusterArn, maxResults: ECS_LIMITS.listPageSize },
      ),
      (page) => page.taskArns,
      ECS_LIMITS.describeTasks,
      (batch) =>
        describeLimit(async () => {
          const out = await ecs.send(
            new DescribeTasksCommand({ cluster: clusterArn, tasks: batch, include: ['TAGS'] }),
          );
          for (const gap of failureGaps(
            out.failures,
            { scope: 'ecs-task', ...clusterPlace },
            'DescribeTasks',
          )) {
            addGap(gap);
          }
          const records = (out.tasks ?? []).flatMap((t) => taskRecord(t, clusterArn));
          for (const record of records) taskDefinitions.request(record.taskDefinitionArn);
          return records;
        }),
    ),
  );

  const containerInstances = partial('container instances', () =>
    listThenDescribe(
      paginateListContainerInstances(
        { client: ecs, pageSize: ECS_LIMITS.listPageSize, stopOnSameToken: true },
        { cluster: clusterArn, maxResults: ECS_LIMITS.listPageSize },
      ),
      (page) => page.containerInstanceArns,
      ECS_LIMITS.describeContainerInstances,
      (batch) =>
        describeLimit(async () => {
          const out = await ecs.send(
            new DescribeContainerInstancesCommand({ cluster: clusterArn, containerInstances: batch }),
          );
          for (const gap of failureGaps(
            out.failures,
            { scope: 'ecs-container-instance', ...clusterPlace },
            'DescribeContainerInstances',
          )) {
            addGap(gap);
          }
          return (out.containerInstances ?? []).flatMap(containerInstanceRecord);
        }),
    ),
  );

  void containerInstances.then(onContainerInstances);

  return {
    arn: clusterArn,
    name: clusterName,
    status: cluster.status ?? null,
    containerInsights: cluster.settings?.find((s) => s.name === 'containerInsights')?.value ?? null,
    capacityProviders: cluster.capacityProviders ?? [],
    defaultCapacityProviderStrategy: strategyOf(cluster.defaultCapacityProviderStrategy),
    tags: tagMap(cluster.tags),
    services: await services,
    tasks: await tasks,
    containerInstances: await containerInstances,
  };
}

/**
 * Reads a paginated listing and describes what it names in batches of `batchSize`, each batch sent
 * as soon as the pages have filled it rather than after the last page: the describes then overlap
 * the rest of the listing (scan-limits §4.3's pipeline), and the call count stays ⌈names / batch⌉.
 * Results keep the listing's order. A failing page rejects, and the part is then lost as a whole.
 */
async function listThenDescribe<Page, T>(
  pages: AsyncIterable<Page>,
  namesOf: (page: Page) => readonly string[] | undefined,
  batchSize: number,
  describe: (batch: string[]) => Promise<T[]>,
): Promise<T[]> {
  const described: Promise<T[]>[] = [];
  const send = (batch: string[]) => {
    const result = describe(batch);
    // Awaited below; marked handled now so a listing that fails first leaves no unhandled rejection.
    result.catch(() => undefined);
    described.push(result);
  };
  let pending: string[] = [];
  for await (const page of pages) {
    pending.push(...(namesOf(page) ?? []));
    while (pending.length >= batchSize) {
      send(pending.slice(0, batchSize));
      pending = pending.slice(batchSize);
    }
  }
  if (pending.length > 0) send(pending);
  return (await Promise.all(described)).flat();
}

/** EC2 instance ids behind container instances, first seen first (ECS Anywhere `mi-` ids left out). */
function ec2InstanceIdsOf(instances: readonly EcsContainerInstanceRecord[]): string[] {
  return distinct(instances.map((ci) => ci.ec2InstanceId ?? '')).filter((id) => id.startsWith('i-'));
}

/** Capacity providers a cluster names in its own configuration. */
function clusterProviders(cluster: Cluster): { arn: string; names: string[] } {
  return {
    arn: cluster.clusterArn ?? '',
    names: [
      ...(cluster.capacityProviders ?? []),
      ...strategyOf(cluster.defaultCapacityProviderStrategy).map((i) => i.capacityProvider),
    ],
  };
}

/** Capacity providers a cluster names, its services' strategies and its tasks included. */
function recordProviders(cluster: EcsClusterRecord): { arn: string; names: string[] } {
  return {
    arn: cluster.arn,
    names: [
      ...cluster.capacityProviders,
      ...cluster.defaultCapacityProviderStrategy.map((i) => i.capacityProvider),
      ...cluster.services.flatMap((s) => s.capacityProviderStrategy.map((i) => i.capacityProvider)),
      ...cluster.tasks.flatMap((t) => (t.capacityProviderName ? [t.capacityProviderName] : [])),
    ],
  };
}

/** Non-Fargate provider names by cluster ARN, clusters naming none left out. */
function providerNamesOf(clusters: readonly { arn: string; names: string[] }[]): Map<string, Set<string>> {
  const namesByCluster = new Map<string, Set<string>>();
  for (const cluster of clusters) {
    const names = new Set(cluster.names);
    for (const name of FARGATE_PROVIDERS) names.delete(name);
    if (names.size > 0) namesByCluster.set(cluster.arn, names);
  }
  return namesByCluster;
}

/**
 * DescribeCapacityProviders for every non-Fargate provider the clusters, services and tasks name,
 * up to 100 per call, each name asked once however often {@link ask} is called. Managed Instances
 * providers belong to a cluster and may only be visible with the cluster named, so names the
 * account-wide call does not return are asked again per cluster at the end. After a failed call
 * nothing more is asked: the failure is one gap, and every provider not found another.
 */
class CapacityProviderReader {
  private readonly found = new Map<string, EcsCapacityProviderRecord>();
  private readonly asked = new Set<string>();
  private readonly namesByCluster = new Map<string, Set<string>>();
  private failed = false;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly ecs: ECSClient,
    private readonly addGap: (gap: Gap) => void,
    private readonly place: { account: string; region: string },
  ) {}

  /** Starts the account-wide calls for the names not asked yet. */
  ask(namesByCluster: ReadonlyMap<string, ReadonlySet<string>>): void {
    for (const [clusterArn, names] of namesByCluster) {
      const known = this.namesByCluster.get(clusterArn) ?? new Set<string>();
      for (const name of names) known.add(name);
      this.namesByCluster.set(clusterArn, known);
    }
    const fresh = distinct([...namesByCluster.values()].flatMap((names) => [...names])).filter(
      (name) => !this.asked.has(name),
    );
    for (const name of fresh) this.asked.add(name);
    if (fresh.length === 0) return;
    this.work = this.work.then(() =>
      this.guarded(async () => {
        for (const batch of inBatches(fresh, ECS_LIMITS.describeCapacityProviders)) {
          let nextToken: string | undefined;
          do {
            const out = await this.ecs.send(
              new DescribeCapacityProvidersCommand({ capacityProviders: batch, nextToken }),
            );
            this.remember(out.capacityProviders);
            // A token handed back unchanged would loop forever; treat it as the end, as SDK paginators can.
            nextToken = out.nextToken === nextToken ? undefined : out.nextToken;
          } while (nextToken);
        }
      }),
    );
  }

  /** Waits for the calls asked so far, asks per cluster for what is still missing, reports the rest. */
  async settled(): Promise<EcsCapacityProviderRecord[]> {
    await this.work;
    await this.guarded(async () => {
      for (const [clusterArn, names] of this.namesByCluster) {
        const missing = [...names].filter((name) => !this.found.has(name));
        for (const batch of inBatches(missing, ECS_LIMITS.describeCapacityProviders)) {
          const out = await this.ecs.send(
            new DescribeCapacityProvidersCommand({ capacityProviders: batch, cluster: clusterArn }),
          );
          this.remember(out.capacityProviders);
        }
      }
    });
    const wanted = distinct([...this.namesByCluster.values()].flatMap((names) => [...names]));
    for (const name of wanted) {
      if (!this.found.has(name)) {
        this.addGap({
          scope: 'ecs-capacity-provider',
          ...this.place,
          errorName: 'CapacityProviderNotFound',
          message: `capacity provider ${name} could not be described; workloads using it have no launch type`,
        });
      }
    }
    return distinct(this.found.values());
  }

  private async guarded(read: () => Promise<void>): Promise<void> {
    if (this.failed) return;
    try {
      await read();
    } catch (error) {
      this.failed = true;
      this.addGap(
        gapFrom({ scope: 'ecs-capacity-provider', ...this.place }, error, 'DescribeCapacityProviders'),
      );
    }
  }

  private remember(providers: readonly CapacityProvider[] | undefined): void {
    for (const provider of providers ?? []) {
      const record = capacityProviderRecord(provider);
      this.found.set(record.name, record);
      if (record.arn) this.found.set(record.arn, record);
    }
  }
}

/**
 * Fetches each task definition ARN once, from the cache when it has it. `request` may be called
 * any number of times with the same ARN while services and tasks are still being described.
 */
class TaskDefinitionFetcher {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly documents: Record<string, TaskDefinitionDocument> = {};

  constructor(
    private readonly ecs: ECSClient,
    private readonly cache: TaskDefinitionCache,
    private readonly limit: LimitFunction,
    private readonly onFailure: (arn: string, error: unknown) => void,
  ) {}

  request(arn: string): void {
    if (!this.pending.has(arn)) this.pending.set(arn, this.fetch(arn));
  }

  async settled(): Promise<Record<string, TaskDefinitionDocument>> {
    await Promise.all(this.pending.values());
    return Object.fromEntries(Object.entries(this.documents).sort(([a], [b]) => byText(a, b)));
  }

  private async fetch(arn: string): Promise<void> {
    try {
      const cached = await this.cache.get(arn);
      if (cached) {
        this.documents[arn] = cached;
        return;
      }
      const out = await this.limit(() =>
        this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn })),
      );
      if (!out.taskDefinition) throw new Error('DescribeTaskDefinition returned no task definition');
      const document = redactTaskDefinition(out.taskDefinition);
      await this.cache.set(arn, document);
      this.documents[arn] = document;
    } catch (error) {
      this.onFailure(arn, error);
    }
  }
}

function failureGaps(
  failures: readonly Failure[] | undefined,
  place: { scope: string; account: string; region: string; cluster?: string },
  operation: string,
): Gap[] {
  return (failures ?? []).map((failure) => ({
    ...place,
    errorName: failure.reason ?? 'Failure',
    message: `${operation} ${failure.arn ?? ''}: ${failure.reason ?? 'failed'}${failure.detail ? ` (${failure.detail})` : ''}`,
  }));
}

function strategyOf(
  items: readonly { capacityProvider?: string; weight?: number; base?: number }[] | undefined,
): CapacityProviderStrategyItem[] {
  return (items ?? []).flatMap((item) =>
    item.capacityProvider
      ? [{ capacityProvider: item.capacityProvider, weight: item.weight ?? 0, base: item.base ?? 0 }]
      : [],
  );
}

function serviceRecord(service: Service, clusterArn: string): EcsServiceRecord {
  const awsvpc = service.networkConfiguration?.awsvpcConfiguration;
  return {
    arn: service.serviceArn ?? '',
    name: service.serviceName ?? '',
    clusterArn: service.clusterArn ?? clusterArn,
    status: service.status ?? null,
    taskDefinition: service.taskDefinition ?? null,
    launchType: service.launchType ?? null,
    capacityProviderStrategy: strategyOf(service.capacityProviderStrategy),
    platformVersion: service.platformVersion ?? null,
    platformFamily: service.platformFamily ?? null,
    schedulingStrategy: service.schedulingStrategy === 'DAEMON' ? 'DAEMON' : 'REPLICA',
    desiredCount: service.desiredCount ?? 0,
    runningCount: service.runningCount ?? 0,
    pendingCount: service.pendingCount ?? 0,
    networkConfiguration: awsvpc
      ? {
          subnets: awsvpc.subnets?.length ?? 0,
          securityGroups: awsvpc.securityGroups?.length ?? 0,
          assignPublicIp: awsvpc.assignPublicIp ?? null,
        }
      : null,
    loadBalancers: (service.loadBalancers ?? []).map((lb) => ({
      targetGroupArn: lb.targetGroupArn ?? null,
      loadBalancerName: lb.loadBalancerName ?? null,
      containerName: lb.containerName ?? null,
      containerPort: lb.containerPort ?? null,
    })),
    placementConstraints: service.placementConstraints?.length ?? 0,
    placementStrategies: service.placementStrategy?.length ?? 0,
    deploymentController: service.deploymentController?.type ?? null,
    tags: tagMap(service.tags),
  };
}

function taskRecord(task: Task, clusterArn: string): EcsTaskRecord[] {
  if (!task.taskArn || !task.taskDefinitionArn) return [];
  return [
    {
      arn: task.taskArn,
      clusterArn: task.clusterArn ?? clusterArn,
      taskDefinitionArn: task.taskDefinitionArn,
      group: task.group ?? null,
      startedBy: task.startedBy ?? null,
      launchType: task.launchType ?? null,
      capacityProviderName: task.capacityProviderName ?? null,
      platformVersion: task.platformVersion ?? null,
      lastStatus: task.lastStatus ?? null,
      desiredStatus: task.desiredStatus ?? null,
      containerInstanceArn: task.containerInstanceArn ?? null,
      cpu: task.cpu ?? null,
      memory: task.memory ?? null,
      availabilityZone: task.availabilityZone ?? null,
      tags: tagMap(task.tags),
    },
  ];
}

function resourceValue(resources: readonly Resource[] | undefined, name: string): number | null {
  const resource = resources?.find((r) => r.name === name);
  return resource?.integerValue ?? null;
}

function containerInstanceRecord(instance: ContainerInstance): EcsContainerInstanceRecord[] {
  if (!instance.containerInstanceArn) return [];
  return [
    {
      arn: instance.containerInstanceArn,
      ec2InstanceId: instance.ec2InstanceId ?? null,
      status: instance.status ?? null,
      capacityProviderName: instance.capacityProviderName ?? null,
      registeredCpu: resourceValue(instance.registeredResources, 'CPU'),
      registeredMemoryMiB: resourceValue(instance.registeredResources, 'MEMORY'),
      remainingCpu: resourceValue(instance.remainingResources, 'CPU'),
      remainingMemoryMiB: resourceValue(instance.remainingResources, 'MEMORY'),
      runningTasksCount: instance.runningTasksCount ?? 0,
    },
  ];
}

function capacityProviderRecord(provider: CapacityProvider): EcsCapacityProviderRecord {
  const asg = provider.autoScalingGroupProvider;
  return {
    arn: provider.capacityProviderArn ?? null,
    name: provider.name ?? provider.capacityProviderArn ?? '',
    status: provider.status ?? null,
    type: provider.type ?? (asg ? 'EC2_AUTOSCALING' : null),
    autoScalingGroupArn: asg?.autoScalingGroupArn ?? null,
    managedTerminationProtection: asg?.managedTerminationProtection ?? null,
  };
}
