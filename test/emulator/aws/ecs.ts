/** Amazon ECS over JSON 1.1: the read operations a scanner needs, with ECS's limits and errors. */
import type { JsonObject } from '../scenario/types.js';
import { ecsTags } from '../state/json.js';
import type {
  ContainerInstanceState,
  EcsClusterState,
  EcsRegionState,
  ServiceState,
  TaskDefinitionState,
  TaskState,
} from '../state/model.js';
import type { CallContext } from './context.js';
import { AwsError } from './errors.js';
import { paginate } from './paging.js';
import { COMMON_ERRORS } from './protocol.js';

const invalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterException', message, 400);
const pagingErrors = {
  invalidToken: () => invalidParameter('Invalid token'),
  invalidMaxResults: (value: number) =>
    invalidParameter(
      `1 validation error detected: Value '${value}' at 'maxResults' failed to satisfy constraint`,
    ),
};

const EMPTY_ECS: EcsRegionState = {
  taskDefinitions: new Map(),
  taskDefinitionsByName: new Map(),
  latestByFamily: new Map(),
  capacityProviders: [],
  clusters: [],
  clustersByName: new Map(),
};

function ecsOf(context: CallContext): EcsRegionState {
  return context.regionState?.ecs ?? EMPTY_ECS;
}

const optionalString = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw new AwsError('SerializationException', `${name} must be a string`, 400);
  return value;
};

const optionalNumber = (value: unknown, name: string): number | undefined => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number')
    throw new AwsError('SerializationException', `${name} must be a number`, 400);
  return value;
};

const stringList = (value: unknown, name: string): string[] | undefined => {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new AwsError('SerializationException', `${name} must be a list of strings`, 400);
  }
  return value as string[];
};

/** The last path segment of an ARN, or the name itself. */
export function ecsClusterName(reference: string | undefined): string {
  if (reference === undefined || reference === '') return 'default';
  const match = /:cluster\/(.+)$/.exec(reference);
  return match?.[1] ?? reference;
}

function clusterOf(context: CallContext): EcsClusterState {
  const name = ecsClusterName(optionalString(context.request.json.cluster, 'cluster'));
  const cluster = ecsOf(context).clustersByName.get(name);
  if (!cluster) throw new AwsError('ClusterNotFoundException', 'Cluster not found.', 400);
  return cluster;
}

function includes(context: CallContext): Set<string> {
  return new Set(stringList(context.request.json.include, 'include') ?? []);
}

const withTags = (wire: JsonObject, tags: Readonly<Record<string, string>>, include: boolean): JsonObject =>
  include ? { ...wire, tags: ecsTags(tags) } : wire;

function listClusters(context: CallContext): unknown {
  const page = paginate(
    ecsOf(context).clusters.map((c) => c.arn),
    {
      nextToken: optionalString(context.request.json.nextToken, 'nextToken'),
      maxResults: optionalNumber(context.request.json.maxResults, 'maxResults'),
      defaultSize: 100,
      min: 1,
      max: 100,
      scope: 'ListClusters',
    },
    pagingErrors,
  );
  return { clusterArns: page.items, nextToken: page.nextToken };
}

function describeClusters(context: CallContext): unknown {
  const requested = stringList(context.request.json.clusters, 'clusters') ?? ['default'];
  if (requested.length > 100) throw invalidParameter('Clusters cannot have more than 100 elements');
  const include = includes(context);
  const clusters: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const reference of requested) {
    const cluster = ecsOf(context).clustersByName.get(ecsClusterName(reference));
    if (!cluster) {
      failures.push({
        arn: reference.startsWith('arn:')
          ? reference
          : `arn:aws:ecs:${context.region}:${context.account}:cluster/${reference}`,
        reason: 'MISSING',
      });
      continue;
    }
    const { settings, ...rest } = cluster.wire;
    let wire: JsonObject = { ...rest };
    if (include.has('SETTINGS') && settings !== undefined) wire.settings = settings;
    if (include.has('STATISTICS')) wire.statistics = [];
    if (include.has('ATTACHMENTS')) wire = { ...wire, attachments: [], attachmentsStatus: 'UPDATE_COMPLETE' };
    if (include.has('CONFIGURATIONS'))
      wire.configuration = { executeCommandConfiguration: { logging: 'DEFAULT' } };
    clusters.push(withTags(wire, cluster.tags, include.has('TAGS')));
  }
  return { clusters, failures };
}

function describeCapacityProviders(context: CallContext): unknown {
  const requested = stringList(context.request.json.capacityProviders, 'capacityProviders');
  const include = includes(context).has('TAGS');
  const all = ecsOf(context).capacityProviders;
  if (requested) {
    const capacityProviders: JsonObject[] = [];
    const failures: JsonObject[] = [];
    for (const reference of requested) {
      const name = reference.replace(/^.*:capacity-provider\//, '');
      const provider = all.find((p) => p.name === name);
      if (provider) capacityProviders.push(withTags(provider.wire, provider.tags, include));
      else failures.push({ arn: reference, reason: 'MISSING' });
    }
    return { capacityProviders, failures };
  }
  const page = paginate(
    all,
    {
      nextToken: optionalString(context.request.json.nextToken, 'nextToken'),
      maxResults: optionalNumber(context.request.json.maxResults, 'maxResults'),
      defaultSize: 10,
      min: 1,
      max: 10,
      scope: 'DescribeCapacityProviders',
    },
    pagingErrors,
  );
  return {
    capacityProviders: page.items.map((p) => withTags(p.wire, p.tags, include)),
    failures: [],
    nextToken: page.nextToken,
  };
}

function listServices(context: CallContext): unknown {
  const cluster = clusterOf(context);
  const launchType = optionalString(context.request.json.launchType, 'launchType');
  const schedulingStrategy = optionalString(context.request.json.schedulingStrategy, 'schedulingStrategy');
  const services = cluster.services.filter(
    (s) =>
      (launchType === undefined || s.launchType === launchType) &&
      (schedulingStrategy === undefined || s.schedulingStrategy === schedulingStrategy),
  );
  const page = paginate(
    services.map((s) => s.arn),
    {
      nextToken: optionalString(context.request.json.nextToken, 'nextToken'),
      maxResults: optionalNumber(context.request.json.maxResults, 'maxResults'),
      // ECS's own default: without maxResults, ListServices returns at most 10 (scan-limits §1).
      defaultSize: 10,
      min: 1,
      max: 100,
      scope: `ListServices|${cluster.arn}|${launchType}|${schedulingStrategy}`,
    },
    pagingErrors,
  );
  return { serviceArns: page.items, nextToken: page.nextToken };
}

function findService(cluster: EcsClusterState, reference: string): ServiceState | undefined {
  const name = reference.startsWith('arn:') ? (reference.split('/').pop() ?? '') : reference;
  return cluster.services.find((s) => s.name === name);
}

function describeServices(context: CallContext): unknown {
  const cluster = clusterOf(context);
  const requested = stringList(context.request.json.services, 'services');
  if (!requested || requested.length === 0) throw invalidParameter('Services cannot be empty.');
  if (requested.length > 10) throw invalidParameter('service names can have at most 10 items.');
  const include = includes(context).has('TAGS');
  const services: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const reference of requested) {
    const service = findService(cluster, reference);
    if (service) services.push(withTags(service.wire, service.tags, include));
    else {
      failures.push({
        arn: reference.startsWith('arn:')
          ? reference
          : `arn:aws:ecs:${context.region}:${context.account}:service/${cluster.name}/${reference}`,
        reason: 'MISSING',
      });
    }
  }
  return { services, failures };
}

function listTasks(context: CallContext): unknown {
  const cluster = clusterOf(context);
  const body = context.request.json;
  const serviceName = optionalString(body.serviceName, 'serviceName');
  const family = optionalString(body.family, 'family');
  const startedBy = optionalString(body.startedBy, 'startedBy');
  const containerInstance = optionalString(body.containerInstance, 'containerInstance');
  const launchType = optionalString(body.launchType, 'launchType');
  const desiredStatus = optionalString(body.desiredStatus, 'desiredStatus') ?? 'RUNNING';
  if (serviceName !== undefined && !findService(cluster, serviceName)) {
    throw new AwsError('ServiceNotFoundException', 'Service not found.', 400);
  }
  const wantedService = serviceName === undefined ? undefined : findService(cluster, serviceName)?.name;
  const tasks = cluster.tasks.filter(
    (t: TaskState) =>
      t.desiredStatus === desiredStatus &&
      (wantedService === undefined || t.serviceName === wantedService) &&
      (family === undefined || t.family === family) &&
      (startedBy === undefined || t.startedBy === startedBy) &&
      (launchType === undefined || t.launchType === launchType) &&
      (containerInstance === undefined ||
        t.containerInstanceArn === containerInstance ||
        t.containerInstanceArn?.endsWith(`/${containerInstance}`) === true),
  );
  const page = paginate(
    tasks.map((t) => t.arn),
    {
      nextToken: optionalString(body.nextToken, 'nextToken'),
      maxResults: optionalNumber(body.maxResults, 'maxResults'),
      defaultSize: 100,
      min: 1,
      max: 100,
      scope: `ListTasks|${cluster.arn}|${wantedService}|${family}|${startedBy}|${containerInstance}|${launchType}|${desiredStatus}`,
    },
    pagingErrors,
  );
  return { taskArns: page.items, nextToken: page.nextToken };
}

function describeTasks(context: CallContext): unknown {
  const cluster = clusterOf(context);
  const requested = stringList(context.request.json.tasks, 'tasks');
  if (!requested || requested.length === 0) throw invalidParameter('Tasks cannot be empty.');
  if (requested.length > 100) throw invalidParameter('Tasks cannot have more than 100 elements');
  const include = includes(context).has('TAGS');
  const byId = new Map(cluster.tasks.map((t) => [t.id, t]));
  const tasks: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const reference of requested) {
    const task = byId.get(reference.split('/').pop() ?? reference);
    if (task && (reference === task.id || reference === task.arn))
      tasks.push(withTags(task.wire, task.tags, include));
    else failures.push({ arn: reference, reason: 'MISSING' });
  }
  return { tasks, failures };
}

function findTaskDefinition(context: CallContext, reference: string): TaskDefinitionState | undefined {
  const ecs = ecsOf(context);
  if (reference.startsWith('arn:')) return ecs.taskDefinitions.get(reference);
  if (reference.includes(':')) return ecs.taskDefinitionsByName.get(reference);
  return ecs.latestByFamily.get(reference);
}

function describeTaskDefinition(context: CallContext): unknown {
  const reference = optionalString(context.request.json.taskDefinition, 'taskDefinition');
  if (!reference) throw new AwsError('ClientException', 'TaskDefinition cannot be empty.', 400);
  const definition = findTaskDefinition(context, reference);
  if (!definition) throw new AwsError('ClientException', 'Unable to describe task definition.', 400);
  return includes(context).has('TAGS')
    ? { taskDefinition: definition.wire, tags: ecsTags(definition.tags) }
    : { taskDefinition: definition.wire };
}

function listTaskDefinitions(context: CallContext): unknown {
  const body = context.request.json;
  const familyPrefix = optionalString(body.familyPrefix, 'familyPrefix');
  const status = optionalString(body.status, 'status') ?? 'ACTIVE';
  const descending = optionalString(body.sort, 'sort') === 'DESC';
  const arns = [...ecsOf(context).taskDefinitions.values()]
    .filter((d) => d.status === status && (familyPrefix === undefined || d.family.startsWith(familyPrefix)))
    .sort((a, b) => a.family.localeCompare(b.family) || a.revision - b.revision)
    .map((d) => d.arn);
  if (descending) arns.reverse();
  const page = paginate(
    arns,
    {
      nextToken: optionalString(body.nextToken, 'nextToken'),
      maxResults: optionalNumber(body.maxResults, 'maxResults'),
      defaultSize: 100,
      min: 1,
      max: 100,
      scope: `ListTaskDefinitions|${familyPrefix}|${status}|${descending}`,
    },
    pagingErrors,
  );
  return { taskDefinitionArns: page.items, nextToken: page.nextToken };
}

function listContainerInstances(context: CallContext): unknown {
  const cluster = clusterOf(context);
  const status = optionalString(context.request.json.status, 'status');
  if (context.request.json.filter !== undefined) {
    throw invalidParameter('The emulator does not evaluate cluster query language filters');
  }
  const instances = cluster.containerInstances.filter((c) =>
    status === undefined ? c.status !== 'INACTIVE' : c.status === status,
  );
  const page = paginate(
    instances.map((c) => c.arn),
    {
      nextToken: optionalString(context.request.json.nextToken, 'nextToken'),
      maxResults: optionalNumber(context.request.json.maxResults, 'maxResults'),
      defaultSize: 100,
      min: 1,
      max: 100,
      scope: `ListContainerInstances|${cluster.arn}|${status}`,
    },
    pagingErrors,
  );
  return { containerInstanceArns: page.items, nextToken: page.nextToken };
}

function describeContainerInstances(context: CallContext): unknown {
  const cluster = clusterOf(context);
  const requested = stringList(context.request.json.containerInstances, 'containerInstances');
  if (!requested || requested.length === 0) throw invalidParameter('ContainerInstances cannot be empty.');
  if (requested.length > 100) throw invalidParameter('ContainerInstances cannot have more than 100 elements');
  const include = includes(context).has('TAGS');
  const containerInstances: JsonObject[] = [];
  const failures: JsonObject[] = [];
  for (const reference of requested) {
    const found: ContainerInstanceState | undefined = cluster.containerInstances.find(
      (c) => c.arn === reference || c.id === reference,
    );
    if (found) containerInstances.push(withTags(found.wire, found.tags, include));
    else failures.push({ arn: reference, reason: 'MISSING' });
  }
  return { containerInstances, failures };
}

function listTagsForResource(context: CallContext): unknown {
  const arn = optionalString(context.request.json.resourceArn, 'resourceArn');
  const ecs = ecsOf(context);
  const candidates: { arn: string; tags: Readonly<Record<string, string>> }[] = [
    ...ecs.clusters,
    ...ecs.clusters.flatMap((c) => [...c.services, ...c.tasks, ...c.containerInstances]),
    ...ecs.taskDefinitions.values(),
    ...ecs.capacityProviders,
  ];
  const found = candidates.find((c) => c.arn === arn);
  if (!found) throw invalidParameter('The specified resource could not be found.');
  return { tags: ecsTags(found.tags) };
}

const HANDLERS: Readonly<Record<string, (context: CallContext) => unknown>> = {
  ListClusters: listClusters,
  DescribeClusters: describeClusters,
  DescribeCapacityProviders: describeCapacityProviders,
  ListServices: listServices,
  DescribeServices: describeServices,
  ListTasks: listTasks,
  DescribeTasks: describeTasks,
  DescribeTaskDefinition: describeTaskDefinition,
  ListTaskDefinitions: listTaskDefinitions,
  ListContainerInstances: listContainerInstances,
  DescribeContainerInstances: describeContainerInstances,
  ListTagsForResource: listTagsForResource,
};

/** The ECS cluster a request is about (for fault matching and stats), when it names one. */
export function ecsClusterOfRequest(action: string, body: Readonly<Record<string, unknown>>): string | null {
  if (action === 'ListClusters' || action === 'DescribeClusters' || action === 'DescribeCapacityProviders')
    return null;
  if (
    action === 'DescribeTaskDefinition' ||
    action === 'ListTaskDefinitions' ||
    action === 'ListTagsForResource'
  ) {
    return null;
  }
  return ecsClusterName(typeof body.cluster === 'string' ? body.cluster : undefined);
}

export function handleEcs(context: CallContext): unknown {
  const handler = HANDLERS[context.request.action];
  if (!handler) throw COMMON_ERRORS.unknownOperation('ecs', context.request.action);
  return handler(context);
}
