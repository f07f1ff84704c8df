/**
 * ECS part of normalization: each service, and each cluster's standalone tasks per family, become a
 * Workload through the task-definition reader, with what only the live scan knows laid over it —
 * launch type, replica count, the service's network and placement settings, and the EC2
 * instances its tasks occupy.
 */
import type { Gap } from '../../findings/result.js';
import { taskDefinitionToWorkload } from '../../manifests/ecs-task-definition.js';
import { placementOf } from '../../model/placement.js';
import { byText } from '../../model/text-order.js';
import type { EcsServiceDetail, LaunchType, Placement, Workload } from '../../model/workload.js';
import { ecsTaskDetailOf, workloadOf } from '../../model/workload-of.js';
import type { ClusterCheck } from '../cluster-checks/cluster-check.js';
import { type ClusterResult, evaluateClusterChecks } from '../cluster-checks/cluster-check.js';
import { gapFrom } from '../errors.js';
import type {
  AccountRegionInventory,
  Ec2InstanceRecord,
  EcsCapacityProviderRecord,
  EcsClusterRecord,
  EcsContainerInstanceRecord,
  EcsInventory,
  EcsServiceRecord,
  EcsTaskRecord,
} from '../snapshot.js';
import { combineLaunchTypes, resolveServiceLaunchType, resolveTaskLaunchType } from './launch-type.js';
import { groupStandaloneTasks, isServiceTask } from './standalone.js';

interface EcsScope {
  readonly account: string;
  readonly region: string;
  readonly providers: ReadonlyMap<string, EcsCapacityProviderRecord>;
  readonly instances: ReadonlyMap<string, Ec2InstanceRecord>;
  readonly taskDefinitions: EcsInventory['taskDefinitions'];
  readonly addGap: (gap: Gap) => void;
}

/** Workloads and cluster results of one partition's ECS inventory. */
export function normalizeEcs(
  partition: AccountRegionInventory,
  ecs: EcsInventory,
  checks: readonly ClusterCheck[],
  addGap: (gap: Gap) => void,
): { workloads: Workload[]; clusters: ClusterResult[] } {
  const providers = new Map<string, EcsCapacityProviderRecord>();
  for (const provider of ecs.capacityProviders) {
    providers.set(provider.name, provider);
    if (provider.arn) providers.set(provider.arn, provider);
  }
  const scope: EcsScope = {
    account: partition.account,
    region: partition.region,
    providers,
    instances: new Map(partition.ec2.instances.map((i) => [i.instanceId, i])),
    taskDefinitions: ecs.taskDefinitions,
    addGap,
  };
  const workloads: Workload[] = [];
  const clusters: ClusterResult[] = [];
  for (const cluster of ecs.clusters) {
    const found = [...serviceWorkloads(cluster, scope), ...standaloneWorkloads(cluster, scope)];
    workloads.push(...found);
    const usable = cluster.capacityProviders.flatMap((name) => {
      const provider = providers.get(name);
      return provider ? [provider] : [];
    });
    const { findings, errors } = evaluateClusterChecks(
      { scope: 'ecs', cluster, capacityProviders: usable },
      checks,
    );
    clusters.push({
      id: cluster.arn,
      scope: 'ecs',
      name: cluster.name,
      account: scope.account,
      region: scope.region,
      status: cluster.status,
      version: null,
      workloads: found.length,
      findings,
      errors,
    });
  }
  return { workloads, clusters };
}

function serviceWorkloads(cluster: EcsClusterRecord, scope: EcsScope): Workload[] {
  const tasksByService = new Map<string, EcsTaskRecord[]>();
  for (const task of cluster.tasks) {
    if (!isServiceTask(task)) continue;
    const name = task.group?.slice('service:'.length) ?? '';
    tasksByService.set(name, [...(tasksByService.get(name) ?? []), task]);
  }
  const instancesByArn = new Map(cluster.containerInstances.map((ci) => [ci.arn, ci]));
  return cluster.services.flatMap((service) => {
    if (service.status === 'INACTIVE') return [];
    const taskDefinition = service.taskDefinition ? scope.taskDefinitions[service.taskDefinition] : undefined;
    if (!taskDefinition) {
      scope.addGap(
        notEvaluated(
          scope,
          cluster,
          service.arn,
          `task definition ${service.taskDefinition ?? '(none)'} was not read`,
        ),
      );
      return [];
    }
    const resolution = resolveServiceLaunchType(service, cluster, scope.providers);
    try {
      const base = taskDefinitionToWorkload(taskDefinition, {
        id: service.arn,
        cluster: cluster.name,
        account: scope.account,
        region: scope.region,
        launchType: resolution.launchType,
      });
      const tasks = tasksByService.get(service.name) ?? [];
      return [
        workloadOf({
          ...base,
          kind: 'ecs-service',
          name: service.name,
          replicas: service.runningCount > 0 ? service.runningCount : service.desiredCount,
          schedulingKind: service.schedulingStrategy === 'DAEMON' ? 'daemon' : 'replicated',
          ownerKind: 'Service',
          placements: placementsOf(tasks, instancesByArn, scope.instances),
          ecs:
            base.ecs &&
            ecsTaskDetailOf({
              ...base.ecs,
              platformVersion: service.platformVersion,
              service: serviceDetail(service, resolution.capacityProviders, base.ecs.networkMode),
            }),
        }),
      ];
    } catch (error) {
      scope.addGap(
        gapFrom(
          { scope: 'workload', account: scope.account, region: scope.region, cluster: cluster.name },
          error,
          service.arn,
        ),
      );
      return [];
    }
  });
}

function standaloneWorkloads(cluster: EcsClusterRecord, scope: EcsScope): Workload[] {
  const instancesByArn = new Map(cluster.containerInstances.map((ci) => [ci.arn, ci]));
  return groupStandaloneTasks(cluster.tasks).flatMap((group) => {
    const taskDefinition = scope.taskDefinitions[group.taskDefinitionArn];
    if (!taskDefinition) {
      scope.addGap(
        notEvaluated(scope, cluster, group.id, `task definition ${group.taskDefinitionArn} was not read`),
      );
      return [];
    }
    const types = group.tasks.map((task) => resolveTaskLaunchType(task, scope.providers));
    const launchType = types.includes(null)
      ? null
      : combineLaunchTypes(types.filter((t): t is LaunchType => t !== null));
    const running = group.tasks.filter((t) => t.lastStatus === 'RUNNING').length;
    const newest = group.tasks.find((t) => t.taskDefinitionArn === group.taskDefinitionArn);
    try {
      const base = taskDefinitionToWorkload(taskDefinition, {
        id: group.id,
        cluster: cluster.name,
        account: scope.account,
        region: scope.region,
        launchType,
      });
      return [
        workloadOf({
          ...base,
          kind: 'ecs-standalone-tasks',
          name: group.family,
          replicas: running > 0 ? running : group.tasks.length,
          schedulingKind: 'batch',
          ownerKind: 'Task',
          placements: placementsOf(group.tasks, instancesByArn, scope.instances),
          ecs: base.ecs && ecsTaskDetailOf({ ...base.ecs, platformVersion: newest?.platformVersion ?? null }),
        }),
      ];
    } catch (error) {
      scope.addGap(
        gapFrom(
          { scope: 'workload', account: scope.account, region: scope.region, cluster: cluster.name },
          error,
          group.id,
        ),
      );
      return [];
    }
  });
}

function notEvaluated(scope: EcsScope, cluster: EcsClusterRecord, id: string, why: string): Gap {
  return {
    scope: 'workload',
    account: scope.account,
    region: scope.region,
    cluster: cluster.name,
    errorName: 'NotEvaluated',
    message: `${id} was not evaluated: ${why}`,
  };
}

function serviceDetail(
  service: EcsServiceRecord,
  capacityProviders: readonly string[],
  networkMode: string | null,
): EcsServiceDetail {
  const targetGroupArns = service.loadBalancers.flatMap((lb) =>
    lb.targetGroupArn ? [lb.targetGroupArn] : [],
  );
  return {
    serviceArn: service.arn,
    schedulingStrategy: service.schedulingStrategy,
    desiredCount: service.desiredCount,
    runningCount: service.runningCount,
    launchType: service.launchType,
    capacityProviders,
    hasNetworkConfiguration: service.networkConfiguration !== null,
    assignPublicIp: service.networkConfiguration?.assignPublicIp === 'ENABLED',
    platformVersion: service.platformVersion,
    classicLoadBalancers: service.loadBalancers.filter((lb) => lb.loadBalancerName && !lb.targetGroupArn)
      .length,
    targetGroupArns,
    // The scan does not call DescribeTargetGroups. Bridge and host mode tasks can only be registered
    // by instance id and port, so their target groups are of type instance; awsvpc ones stay unknown.
    targetTypes: networkMode === 'awsvpc' || targetGroupArns.length === 0 ? [] : ['instance'],
    placementConstraints: service.placementConstraints,
    placementStrategies: service.placementStrategies,
  };
}

/**
 * The EC2 instances the tasks occupy: per instance, its type and lifecycle, what the ECS agent
 * registered, what all tasks there reserve (registered − remaining), and how many of these tasks
 * run there. Tasks on Fargate, on ECS Anywhere, or on instances EC2 did not describe are left out.
 */
export function placementsOf(
  tasks: readonly EcsTaskRecord[],
  containerInstances: ReadonlyMap<string, EcsContainerInstanceRecord>,
  instances: ReadonlyMap<string, Ec2InstanceRecord>,
): Placement[] {
  const byInstance = new Map<string, { -readonly [K in keyof Placement]: Placement[K] }>();
  for (const task of tasks) {
    if (!task.containerInstanceArn) continue;
    const ci = containerInstances.get(task.containerInstanceArn);
    const instance = ci?.ec2InstanceId ? instances.get(ci.ec2InstanceId) : undefined;
    if (!ci || !instance) continue;
    const { registeredCpu, registeredMemoryMiB, remainingCpu, remainingMemoryMiB } = ci;
    if (
      registeredCpu === null ||
      registeredMemoryMiB === null ||
      remainingCpu === null ||
      remainingMemoryMiB === null
    ) {
      continue;
    }
    const entry = byInstance.get(instance.instanceId);
    if (entry) {
      entry.replicasHere += 1;
      continue;
    }
    byInstance.set(instance.instanceId, {
      instanceId: instance.instanceId,
      instanceType: instance.instanceType,
      capacityType: instance.lifecycle === 'spot' ? 'spot' : 'on-demand',
      capacityCpuUnits: registeredCpu,
      capacityMemoryMiB: registeredMemoryMiB,
      allocatedCpuUnits: registeredCpu - remainingCpu,
      allocatedMemoryMiB: registeredMemoryMiB - remainingMemoryMiB,
      replicasHere: 1,
    });
  }
  return [...byInstance.values()].map(placementOf).sort((a, b) => byText(a.instanceId, b.instanceId));
}
