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

/** Inputs of {@link collectEcs}: the region's ECS client, where the calls belong, the task-definition cache. */
export interface EcsCollectorOptions {
  readonly ecs: ECSClient;
  readonly account: string;
  readonly region: string;
  readonly taskDefinitions: TaskDefinitionCache;
  /** Clusters read at the same time (the limiter paces the calls; this bounds memory and sockets). */
  readonly clusterConcurrency?: number;
  /** DescribeTaskDefinition calls in flight; two or three keep a 20/s bucket busy at ~100 ms latency. */
  readonly taskDefinitionConcurrency?: number;
  /** Called as each cluster is read, with the number of workloads (services + standalone groups) in it. */
  readonly onClusterDone?: (clusterArn: string, workloads: number) => void;
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

  const clusterLimit = pLimit(options.clusterConcurrency ?? 4);
  const records = await Promise.all(
    clusters
      .filter((cluster) => cluster.clusterArn)
      .map((cluster) =>
        clusterLimit(async () => {
          const record = await collectCluster(ecs, cluster, taskDefinitions, (gap) => gaps.push(gap), place);
          const standaloneGroups = standaloneGroupKeys(record.tasks).size;
          options.onClusterDone?.(record.arn, record.services.length + standaloneGroups);
          return record;
        }),
      ),
  );

  const capacityProviders = await describeCapacityProviders(ecs, records, (gap) => gaps.push(gap), place);
  const documents = await taskDefinitions.settled();

  const ec2InstanceIds = distinct(
    records.flatMap((c) => c.containerInstances.map((ci) => ci.ec2InstanceId ?? '')),
  ).filter((id) => id.startsWith('i-'));

  return {
    inventory: { clusters: records, capacityProviders, taskDefinitions: documents },
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
): Promise<EcsClusterRecord> {
  const clusterArn = cluster.clusterArn ?? '';
  const clusterName = cluster.clusterName ?? clusterArn.split('/').pop() ?? clusterArn;
  const clusterPlace = { ...place, cluster: clusterName };
  const describeLimit = pLimit(2);

  const partial = async <T>(what: string, read: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await read();
    } catch (error) {
      addGap(gapFrom({ scope: 'ecs-cluster', ...clusterPlace }, error, what));
      return [];
    }
  };

  const services = partial('services', async () => {
    const arns: string[] = [];
    for await (const page of paginateListServices(
      { client: ecs, pageSize: ECS_LIMITS.listPageSize, stopOnSameToken: true },
      { cluster: clusterArn, maxResults: ECS_LIMITS.listPageSize },
    )) {
      arns.push(...(page.serviceArns ?? []));
    }
    const described = await Promise.all(
      inBatches(arns, ECS_LIMITS.describeServices).map((batch) =>
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
    return described.flat();
  });

  const tasks = partial('tasks', async () => {
    const arns: string[] = [];
    // Per cluster, not per service: one listing covers service and standalone tasks alike.
    for await (const page of paginateListTasks(
      { client: ecs, pageSize: ECS_LIMITS.listPageSize, stopOnSameToken: true },
      { cluster: clusterArn, maxResults: ECS_LIMITS.listPageSize },
    )) {
      arns.push(...(page.taskArns ?? []));
    }
    const described = await Promise.all(
      inBatches(arns, ECS_LIMITS.describeTasks).map((batch) =>
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
    return described.flat();
  });

  const containerInstances = partial('container instances', async () => {
    const arns: string[] = [];
    for await (const page of paginateListContainerInstances(
      { client: ecs, pageSize: ECS_LIMITS.listPageSize, stopOnSameToken: true },
      { cluster: clusterArn, maxResults: ECS_LIMITS.listPageSize },
    )) {
      arns.push(...(page.containerInstanceArns ?? []));
    }
    const described = await Promise.all(
      inBatches(arns, ECS_LIMITS.describeContainerInstances).map((batch) =>
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
    return described.flat();
  });

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
 * DescribeCapacityProviders for every non-Fargate provider the clusters and services name, up to
 * 100 per call. Managed Instances providers belong to a cluster and may only be visible with the
 * cluster named, so names the account-wide call does not return are asked again per cluster.
 */
async function describeCapacityProviders(
  ecs: ECSClient,
  clusters: readonly EcsClusterRecord[],
  addGap: (gap: Gap) => void,
  place: { account: string; region: string },
): Promise<EcsCapacityProviderRecord[]> {
  const namesByCluster = new Map<string, Set<string>>();
  for (const cluster of clusters) {
    const names = new Set<string>([
      ...cluster.capacityProviders,
      ...cluster.defaultCapacityProviderStrategy.map((i) => i.capacityProvider),
      ...cluster.services.flatMap((s) => s.capacityProviderStrategy.map((i) => i.capacityProvider)),
      ...cluster.tasks.flatMap((t) => (t.capacityProviderName ? [t.capacityProviderName] : [])),
    ]);
    for (const name of FARGATE_PROVIDERS) names.delete(name);
    if (names.size > 0) namesByCluster.set(cluster.arn, names);
  }
  const wanted = distinct([...namesByCluster.values()].flatMap((names) => [...names]));
  const found = new Map<string, EcsCapacityProviderRecord>();
  const remember = (providers: readonly CapacityProvider[] | undefined) => {
    for (const provider of providers ?? []) {
      const record = capacityProviderRecord(provider);
      found.set(record.name, record);
      if (record.arn) found.set(record.arn, record);
    }
  };
  try {
    for (const batch of inBatches(wanted, ECS_LIMITS.describeCapacityProviders)) {
      let nextToken: string | undefined;
      do {
        const out = await ecs.send(
          new DescribeCapacityProvidersCommand({ capacityProviders: batch, nextToken }),
        );
        remember(out.capacityProviders);
        // A token handed back unchanged would loop forever; treat it as the end, as SDK paginators can.
        nextToken = out.nextToken === nextToken ? undefined : out.nextToken;
      } while (nextToken);
    }
    for (const [clusterArn, names] of namesByCluster) {
      const missing = [...names].filter((name) => !found.has(name));
      if (missing.length === 0) continue;
      for (const batch of inBatches(missing, ECS_LIMITS.describeCapacityProviders)) {
        const out = await ecs.send(
          new DescribeCapacityProvidersCommand({ capacityProviders: batch, cluster: clusterArn }),
        );
        remember(out.capacityProviders);
      }
    }
  } catch (error) {
    addGap(gapFrom({ scope: 'ecs-capacity-provider', ...place }, error, 'DescribeCapacityProviders'));
  }
  for (const name of wanted) {
    if (!found.has(name)) {
      addGap({
        scope: 'ecs-capacity-provider',
        ...place,
        errorName: 'CapacityProviderNotFound',
        message: `capacity provider ${name} could not be described; workloads using it have no launch type`,
      });
    }
  }
  return distinct(found.values());
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
    return Object.fromEntries(Object.entries(this.documents).sort(([a], [b]) => a.localeCompare(b)));
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
