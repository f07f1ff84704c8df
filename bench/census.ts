/**
 * What an estate holds, counted per (account, region): the inputs of the minimal-call model
 * (scan-limits §4.1). Counted from the emulator's compiled state, so the model describes exactly
 * the estate the scanners read rather than the shape it was generated from.
 */

import { byText } from '../lib/model/text-order.js';
import type { EmulatorState } from '../test/emulator/state/model.js';

/** One ECS cluster's sizes: S_c, T_c, I_c. */
export interface EcsClusterCensus {
  readonly services: number;
  readonly tasks: number;
  readonly containerInstances: number;
}

/** One EKS cluster's sizes: node groups, Fargate profiles, and Kubernetes objects per resource. */
export interface EksClusterCensus {
  readonly nodegroups: number;
  readonly fargateProfiles: number;
  /** Objects per Kubernetes resource (`pods`, `deployments`, ...), as listed across all namespaces. */
  readonly objects: Readonly<Record<string, number>>;
}

/** The variables of scan-limits §4.1 for one account-region. */
export interface AccountRegionCensus {
  readonly account: string;
  readonly region: string;
  readonly ecsClusters: readonly EcsClusterCensus[];
  /** D: distinct task-definition ARNs that services and tasks reference. */
  readonly distinctTaskDefinitions: number;
  /** Distinct EC2 instances behind the container instances. */
  readonly ec2Instances: number;
  /** Distinct instance types of those instances and of the EKS node groups. */
  readonly instanceTypes: number;
  readonly eksClusters: readonly EksClusterCensus[];
}

/** Kubernetes resources the product lists per cluster (lib/inventory/eks/kubernetes-connector.ts). */
export const LISTED_KUBERNETES_RESOURCES = [
  'pods',
  'replicasets',
  'deployments',
  'statefulsets',
  'daemonsets',
  'jobs',
  'cronjobs',
  'persistentvolumeclaims',
  'persistentvolumes',
  'storageclasses',
  'nodes',
  'services',
  'networkpolicies',
  'serviceaccounts',
] as const;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The census of every enabled (account, region) of the emulator's state, in account/region order. */
export function censusOfState(state: EmulatorState): AccountRegionCensus[] {
  const census: AccountRegionCensus[] = [];
  for (const account of state.accounts.values()) {
    for (const region of account.regions.values()) {
      if (!region.enabled) continue;
      const taskDefinitionArns = new Set<string>();
      const instanceIds = new Set<string>();
      for (const cluster of region.ecs.clusters) {
        for (const service of cluster.services) {
          const arn = text(service.wire.taskDefinition);
          if (arn) taskDefinitionArns.add(arn);
        }
        for (const task of cluster.tasks) {
          const arn = text(task.wire.taskDefinitionArn);
          if (arn) taskDefinitionArns.add(arn);
        }
        for (const instance of cluster.containerInstances) instanceIds.add(instance.ec2InstanceId);
      }
      const instanceTypes = new Set<string>();
      for (const id of instanceIds) {
        const type = region.ec2ById.get(id)?.instanceType;
        if (type) instanceTypes.add(type);
      }
      for (const cluster of region.eksClusters) {
        for (const group of cluster.nodegroups) {
          const types = group.wire.instanceTypes;
          if (Array.isArray(types))
            for (const type of types) if (typeof type === 'string') instanceTypes.add(type);
        }
      }
      census.push({
        account: region.account,
        region: region.region,
        ecsClusters: region.ecs.clusters.map((cluster) => ({
          services: cluster.services.length,
          tasks: cluster.tasks.filter((task) => task.desiredStatus === 'RUNNING').length,
          containerInstances: cluster.containerInstances.length,
        })),
        distinctTaskDefinitions: taskDefinitionArns.size,
        ec2Instances: instanceIds.size,
        instanceTypes: instanceTypes.size,
        eksClusters: region.eksClusters.map((cluster) => ({
          nodegroups: cluster.nodegroups.length,
          fargateProfiles: cluster.fargateProfiles.length,
          objects: Object.fromEntries(
            LISTED_KUBERNETES_RESOURCES.map((resource) => [
              resource,
              cluster.kubernetes.objects.get(resource)?.length ?? 0,
            ]),
          ),
        })),
      });
    }
  }
  return census.sort((a, b) => byText(a.account, b.account) || byText(a.region, b.region));
}
