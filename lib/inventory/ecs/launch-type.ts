/**
 * Where an ECS service or task runs now, from its launch type, its capacity provider strategy, or
 * its cluster's default strategy — the order in which ECS itself applies them.
 */
import type { LaunchType } from '../../model/workload.js';
import type {
  CapacityProviderStrategyItem,
  EcsCapacityProviderRecord,
  EcsClusterRecord,
  EcsServiceRecord,
  EcsTaskRecord,
} from '../snapshot.js';

/** Built-in capacity providers every account has; they are never looked up. */
export const FARGATE_PROVIDERS: ReadonlySet<string> = new Set(['FARGATE', 'FARGATE_SPOT']);

/** How the launch type was found. */
export type LaunchTypeSource = 'launch-type' | 'service-strategy' | 'cluster-default' | 'ecs-default';

/** A resolved launch type and the capacity providers behind it. */
export interface LaunchTypeResolution {
  /** Null when a capacity provider in play could not be looked up. */
  readonly launchType: LaunchType | null;
  readonly source: LaunchTypeSource;
  /** Capacity providers that receive tasks (weight or base above zero). */
  readonly capacityProviders: readonly string[];
  /** Providers named by the strategy that the inventory does not describe. */
  readonly unresolvedProviders: readonly string[];
}

/**
 * The order in which a mix collapses to one launch type: a workload with any task on EC2 (or on
 * premises) still depends on that capacity, so it is reported there; FARGATE outranks FARGATE_SPOT
 * because the on-demand share is the one that must keep running.
 */
const PRECEDENCE: readonly LaunchType[] = ['EC2', 'EXTERNAL', 'FARGATE', 'FARGATE_SPOT'];

/** Collapses the launch types of a mixed workload (see {@link PRECEDENCE}); null for an empty list. */
export function combineLaunchTypes(types: Iterable<LaunchType>): LaunchType | null {
  const present = new Set(types);
  return PRECEDENCE.find((type) => present.has(type)) ?? null;
}

/** An ECS `launchType` value as a model launch type; Managed Instances are EC2 instances ECS runs. */
export function launchTypeFromEcs(value: string | null | undefined): LaunchType | null {
  switch (value) {
    case 'EC2':
    case 'MANAGED_INSTANCES':
      return 'EC2';
    case 'FARGATE':
      return 'FARGATE';
    case 'EXTERNAL':
      return 'EXTERNAL';
    default:
      return null;
  }
}

/** Where a capacity provider places tasks, or null when it is not known. */
export function launchTypeOfProvider(
  name: string,
  providers: ReadonlyMap<string, EcsCapacityProviderRecord>,
): LaunchType | null {
  if (name === 'FARGATE') return 'FARGATE';
  if (name === 'FARGATE_SPOT') return 'FARGATE_SPOT';
  const provider = providers.get(name);
  if (!provider) return null;
  switch (provider.type) {
    case 'FARGATE':
      return 'FARGATE';
    case 'FARGATE_SPOT':
      return 'FARGATE_SPOT';
    case 'EC2_AUTOSCALING':
    case 'MANAGED_INSTANCES':
      return 'EC2';
    default:
      // Older responses carry no type: an Auto Scaling group provider is EC2 capacity.
      return provider.autoScalingGroupArn ? 'EC2' : null;
  }
}

function fromStrategy(
  strategy: readonly CapacityProviderStrategyItem[],
  providers: ReadonlyMap<string, EcsCapacityProviderRecord>,
  source: LaunchTypeSource,
): LaunchTypeResolution {
  // A provider with weight 0 and base 0 never receives a task, unless every entry is like that.
  const active = strategy.filter((item) => item.weight > 0 || item.base > 0);
  const used = active.length > 0 ? active : strategy;
  const names = used.map((item) => item.capacityProvider);
  const types = names.map((name) => launchTypeOfProvider(name, providers));
  const unresolved = names.filter((_, index) => types[index] === null);
  return {
    launchType:
      unresolved.length > 0 ? null : combineLaunchTypes(types.filter((t): t is LaunchType => t !== null)),
    source,
    capacityProviders: names,
    unresolvedProviders: unresolved,
  };
}

/**
 * A service's current launch type: its `launchType`, else its capacity provider strategy, else the
 * cluster's default strategy, else EC2 (what ECS uses when neither is set).
 */
export function resolveServiceLaunchType(
  service: EcsServiceRecord,
  cluster: EcsClusterRecord,
  providers: ReadonlyMap<string, EcsCapacityProviderRecord>,
): LaunchTypeResolution {
  const direct = launchTypeFromEcs(service.launchType);
  if (direct)
    return { launchType: direct, source: 'launch-type', capacityProviders: [], unresolvedProviders: [] };
  if (service.capacityProviderStrategy.length > 0) {
    return fromStrategy(service.capacityProviderStrategy, providers, 'service-strategy');
  }
  if (cluster.defaultCapacityProviderStrategy.length > 0) {
    return fromStrategy(cluster.defaultCapacityProviderStrategy, providers, 'cluster-default');
  }
  return { launchType: 'EC2', source: 'ecs-default', capacityProviders: [], unresolvedProviders: [] };
}

/** Where one task runs: its capacity provider when it has one (FARGATE_SPOT is only visible there), else its launch type. */
export function resolveTaskLaunchType(
  task: EcsTaskRecord,
  providers: ReadonlyMap<string, EcsCapacityProviderRecord>,
): LaunchType | null {
  if (task.capacityProviderName) {
    const viaProvider = launchTypeOfProvider(task.capacityProviderName, providers);
    if (viaProvider) return viaProvider;
  }
  return launchTypeFromEcs(task.launchType);
}
