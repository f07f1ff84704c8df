/**
 * EKS part of normalization: each top-level owner's pod template becomes a Workload through the
 * Kubernetes reader, with what the live cluster adds — where its pods run now (Fargate or EC2 and
 * which instances), how many run, which Fargate profile would select it, Pod Identity use and
 * cluster facts.
 */
import type { Gap } from '../../findings/result.js';
import { kubernetesObjectToWorkload } from '../../manifests/kubernetes.js';
import type { KubernetesContext } from '../../manifests/kubernetes-context.js';
import { cpuMillisFromQuantity, mibFromQuantity } from '../../manifests/kubernetes-quantity.js';
import { placementOf } from '../../model/placement.js';
import { byText } from '../../model/text-order.js';
import type { EksClusterContext, LaunchType, Placement, Workload } from '../../model/workload.js';
import { eksPodDetailOf, workloadOf } from '../../model/workload-of.js';
import {
  type ClusterCheck,
  type ClusterResult,
  evaluateClusterChecks,
} from '../cluster-checks/cluster-check.js';
import { combineLaunchTypes } from '../ecs/launch-type.js';
import { gapFrom } from '../errors.js';
import type {
  AccountRegionInventory,
  EksClusterRecord,
  EksInventory,
  KubernetesObject,
  KubernetesObjects,
} from '../snapshot.js';
import { matchFargateProfile } from './fargate-profile-match.js';
import {
  allocatableOf,
  capacityTypeOfNode,
  instanceIdOfNode,
  instanceTypeOfNode,
  launchTypeOfNode,
} from './nodes.js';
import { groupPodsByOwner, type PodGroup, podNodeName, podPhase } from './owners.js';

/** Workload id of a Kubernetes top-level owner in a scan (DESIGN.md). */
export function eksWorkloadId(cluster: string, namespace: string, kind: string, name: string): string {
  return `eks:${cluster}/${namespace}/${kind}/${name}`;
}

/** Workloads and cluster results of one partition's EKS inventory. */
export function normalizeEks(
  partition: AccountRegionInventory,
  eks: EksInventory,
  checks: readonly ClusterCheck[],
  collectedAt: Date,
  addGap: (gap: Gap) => void,
): { workloads: Workload[]; clusters: ClusterResult[] } {
  const workloads: Workload[] = [];
  const clusters: ClusterResult[] = [];
  for (const cluster of eks.clusters) {
    const found = cluster.kubernetes ? clusterWorkloads(partition, cluster, cluster.kubernetes, addGap) : [];
    workloads.push(...found);
    const { findings, errors } = evaluateClusterChecks(
      { scope: 'eks', cluster, versions: eks.versions, at: collectedAt },
      checks,
    );
    clusters.push({
      id: cluster.arn ?? `eks:${cluster.name}`,
      scope: 'eks',
      name: cluster.name,
      account: partition.account,
      region: partition.region,
      status: cluster.status,
      version: cluster.version,
      workloads: found.length,
      findings,
      errors,
    });
  }
  return { workloads, clusters };
}

function clusterWorkloads(
  partition: AccountRegionInventory,
  cluster: EksClusterRecord,
  objects: KubernetesObjects,
  addGap: (gap: Gap) => void,
): Workload[] {
  const context: KubernetesContext = {
    persistentVolumeClaims: objects.persistentVolumeClaims,
    persistentVolumes: objects.persistentVolumes,
    storageClasses: objects.storageClasses,
    services: objects.services,
    networkPolicies: objects.networkPolicies,
    serviceAccounts: objects.serviceAccounts,
  };
  const nodes = new Map(objects.nodes.map((node) => [node.metadata.name, node]));
  const allocatedByNode = allocatedPerNode(objects.pods);
  const clusterContext: EksClusterContext = {
    location: cluster.onOutposts ? 'outposts' : 'region',
    // EKS accepts only private subnets in a Fargate profile (CreateFargateProfile), so none is public.
    publicProfileSubnets: [],
    // Needs EC2 DescribeVpcAttribute twice per VPC; not read by this scan.
    vpcDnsEnabled: null,
    alternateCni: alternateCniOf(objects.daemonSets),
  };
  const podIdentity = cluster.podIdentityServiceAccounts ? new Set(cluster.podIdentityServiceAccounts) : null;

  return groupPodsByOwner(objects).flatMap((group) => {
    const { owner } = group;
    const id = eksWorkloadId(cluster.name, owner.namespace, owner.kind, owner.name);
    const running = group.pods.filter((pod) => podPhase(pod) === 'Running');
    try {
      const base = kubernetesObjectToWorkload(
        group.templateObject,
        {
          id,
          cluster: cluster.name,
          account: partition.account,
          region: partition.region,
          launchType: launchTypeOf(running, nodes),
        },
        context,
      );
      if (!base) {
        addGap({
          scope: 'workload',
          account: partition.account,
          region: partition.region,
          cluster: cluster.name,
          errorName: 'NotEvaluated',
          message: `${id} was not evaluated: no pod template found on ${String(group.templateObject.kind)} ${group.templateObject.metadata.name}`,
        });
        return [];
      }
      const serviceAccount = base.eks?.serviceAccountName ?? 'default';
      return [
        workloadOf({
          ...base,
          // The top-level owner may be a kind the scan does not list (an Argo Rollout, say); the
          // workload is still named after it, with the listed object's pod template.
          kind: owner.kind,
          name: owner.name,
          replicas: running.length > 0 ? running.length : desiredReplicas(group, base),
          placements: placementsOf(running, nodes, allocatedByNode),
          eks:
            base.eks &&
            eksPodDetailOf({
              ...base.eks,
              fargateProfile:
                cluster.fargateProfiles === null
                  ? undefined
                  : matchFargateProfile(cluster.fargateProfiles, owner.namespace, base.labels),
              usesPodIdentity: podIdentity ? podIdentity.has(`${owner.namespace}/${serviceAccount}`) : null,
              clusterContext,
            }),
        }),
      ];
    } catch (error) {
      addGap(
        gapFrom(
          { scope: 'workload', account: partition.account, region: partition.region, cluster: cluster.name },
          error,
          id,
        ),
      );
      return [];
    }
  });
}

/** Where the running pods are: null when none runs (or none is on a node the scan saw). */
function launchTypeOf(
  running: readonly KubernetesObject[],
  nodes: ReadonlyMap<string, KubernetesObject>,
): LaunchType | null {
  const types: LaunchType[] = [];
  for (const pod of running) {
    const nodeName = podNodeName(pod);
    const node = nodeName ? nodes.get(nodeName) : undefined;
    if (node) types.push(launchTypeOfNode(node));
    else if ((pod.spec as { schedulerName?: unknown } | undefined)?.schedulerName === 'fargate-scheduler') {
      types.push('FARGATE');
    }
  }
  return combineLaunchTypes(types);
}

/** With nothing running: what the owner asks for (DaemonSets: how many nodes it should be on). */
function desiredReplicas(group: PodGroup, base: Workload): number | null {
  if (base.replicas !== null) return base.replicas;
  const desired = (group.templateObject.status as { desiredNumberScheduled?: unknown } | undefined)
    ?.desiredNumberScheduled;
  return typeof desired === 'number' ? desired : null;
}

interface Requests {
  cpuMillis: number;
  memoryMiB: number;
}

/** A pod's requests: max(Σ app containers, largest init container), per resource; limits stand in for absent requests. */
export function podRequests(pod: KubernetesObject): Requests {
  const spec = (pod.spec ?? {}) as { containers?: unknown; initContainers?: unknown };
  const sum = (list: unknown): Requests => {
    const total = { cpuMillis: 0, memoryMiB: 0 };
    if (!Array.isArray(list)) return total;
    for (const c of list) {
      const r = containerRequests(c);
      total.cpuMillis += r.cpuMillis;
      total.memoryMiB += r.memoryMiB;
    }
    return total;
  };
  const app = sum(spec.containers);
  let initCpu = 0;
  let initMemory = 0;
  if (Array.isArray(spec.initContainers)) {
    for (const c of spec.initContainers) {
      const r = containerRequests(c);
      // Native sidecars keep running beside the app containers.
      if ((c as { restartPolicy?: unknown }).restartPolicy === 'Always') {
        app.cpuMillis += r.cpuMillis;
        app.memoryMiB += r.memoryMiB;
      } else {
        initCpu = Math.max(initCpu, r.cpuMillis);
        initMemory = Math.max(initMemory, r.memoryMiB);
      }
    }
  }
  return { cpuMillis: Math.max(app.cpuMillis, initCpu), memoryMiB: Math.max(app.memoryMiB, initMemory) };
}

function containerRequests(container: unknown): Requests {
  const resources = (
    container as { resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> } }
  )?.resources;
  const pick = (key: string) => resources?.requests?.[key] ?? resources?.limits?.[key];
  try {
    return {
      cpuMillis: cpuMillisFromQuantity(pick('cpu')) ?? 0,
      memoryMiB: mibFromQuantity(pick('memory')) ?? 0,
    };
  } catch {
    // The API server validated these quantities; a value it accepted but this parser does not counts as none.
    return { cpuMillis: 0, memoryMiB: 0 };
  }
}

function allocatedPerNode(pods: readonly KubernetesObject[]): Map<string, Requests> {
  const totals = new Map<string, Requests>();
  for (const pod of pods) {
    const phase = podPhase(pod);
    if (phase !== 'Running' && phase !== 'Pending') continue;
    const nodeName = podNodeName(pod);
    if (!nodeName) continue;
    const r = podRequests(pod);
    const total = totals.get(nodeName) ?? { cpuMillis: 0, memoryMiB: 0 };
    totals.set(nodeName, {
      cpuMillis: total.cpuMillis + r.cpuMillis,
      memoryMiB: total.memoryMiB + r.memoryMiB,
    });
  }
  return totals;
}

const millisToUnits = (millis: number): number => (millis * 1024) / 1000;

/** EC2 instances under the running pods, with allocatable capacity and what all pods there request. */
function placementsOf(
  running: readonly KubernetesObject[],
  nodes: ReadonlyMap<string, KubernetesObject>,
  allocatedByNode: ReadonlyMap<string, Requests>,
): Placement[] {
  const byNode = new Map<string, { -readonly [K in keyof Placement]: Placement[K] }>();
  for (const pod of running) {
    const nodeName = podNodeName(pod);
    const node = nodeName ? nodes.get(nodeName) : undefined;
    if (!nodeName || !node || launchTypeOfNode(node) !== 'EC2') continue;
    const existing = byNode.get(nodeName);
    if (existing) {
      existing.replicasHere += 1;
      continue;
    }
    const instanceId = instanceIdOfNode(node);
    const instanceType = instanceTypeOfNode(node);
    const capacity = allocatableOf(node);
    if (!instanceId || !instanceType || !capacity) continue;
    const allocated = allocatedByNode.get(nodeName) ?? { cpuMillis: 0, memoryMiB: 0 };
    byNode.set(nodeName, {
      instanceId,
      instanceType,
      capacityType: capacityTypeOfNode(node),
      capacityCpuUnits: millisToUnits(capacity.cpuMillis),
      capacityMemoryMiB: capacity.memoryMiB,
      allocatedCpuUnits: millisToUnits(allocated.cpuMillis),
      allocatedMemoryMiB: allocated.memoryMiB,
      replicasHere: 1,
    });
  }
  return [...byNode.values()].map(placementOf).sort((a, b) => byText(a.instanceId, b.instanceId));
}

/**
 * DaemonSets of CNI plugins other than the VPC CNI. Calico next to `aws-node` is the common
 * "Calico for network policy" setup, not an alternate CNI, so it only counts without `aws-node`.
 */
const CNI_DAEMONSETS: readonly {
  readonly name: string;
  readonly cni: string;
  readonly policyOnlyWithVpcCni?: boolean;
}[] = [
  { name: 'cilium', cni: 'cilium' },
  { name: 'calico-node', cni: 'calico', policyOnlyWithVpcCni: true },
  { name: 'kube-flannel-ds', cni: 'flannel' },
  { name: 'weave-net', cni: 'weave' },
  { name: 'istio-cni-node', cni: 'istio-cni' },
  { name: 'antrea-agent', cni: 'antrea' },
  { name: 'kube-router', cni: 'kube-router' },
];

/** The alternate CNI a cluster runs (by its DaemonSet), or null. */
export function alternateCniOf(daemonSets: readonly KubernetesObject[]): string | null {
  const names = new Set(daemonSets.map((ds) => ds.metadata.name));
  const vpcCni = names.has('aws-node');
  const found = CNI_DAEMONSETS.find(
    (entry) => names.has(entry.name) && !(entry.policyOnlyWithVpcCni && vpcCni),
  );
  return found?.cni ?? null;
}
