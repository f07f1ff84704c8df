/**
 * What a Kubernetes node says about the capacity under a pod: Fargate or EC2 (or hybrid, i.e. on
 * premises), the EC2 instance and its type, spot or on-demand, and what the kubelet can allocate.
 */
import { cpuMillisFromQuantity, mibFromQuantity } from '../../manifests/kubernetes-quantity.js';
import type { LaunchType } from '../../model/workload.js';
import type { KubernetesObject } from '../snapshot.js';

/** Node label EKS sets on Fargate (`fargate`), Auto Mode (`auto`) and hybrid (`hybrid`) nodes. */
export const COMPUTE_TYPE_LABEL = 'eks.amazonaws.com/compute-type';
const INSTANCE_TYPE_LABELS = ['node.kubernetes.io/instance-type', 'beta.kubernetes.io/instance-type'];

function labelsOf(node: KubernetesObject): Record<string, string> {
  const labels = (node.metadata as { labels?: unknown }).labels;
  return typeof labels === 'object' && labels !== null ? (labels as Record<string, string>) : {};
}

/** Where pods on this node run: FARGATE, EXTERNAL (EKS hybrid nodes) or EC2 (managed, self-managed, Karpenter, Auto Mode). */
export function launchTypeOfNode(node: KubernetesObject): LaunchType {
  const computeType = labelsOf(node)[COMPUTE_TYPE_LABEL];
  if (computeType === 'fargate') return 'FARGATE';
  if (computeType === 'hybrid') return 'EXTERNAL';
  return 'EC2';
}

/** The node's EC2 instance type label, or null (Fargate nodes have none that means an instance). */
export function instanceTypeOfNode(node: KubernetesObject): string | null {
  if (launchTypeOfNode(node) !== 'EC2') return null;
  const labels = labelsOf(node);
  for (const key of INSTANCE_TYPE_LABELS) {
    const value = labels[key];
    if (value) return value;
  }
  return null;
}

/** Spot when a managed node group (`eks.amazonaws.com/capacityType`) or Karpenter (`karpenter.sh/capacity-type`) says so. */
export function capacityTypeOfNode(node: KubernetesObject): 'spot' | 'on-demand' {
  const labels = labelsOf(node);
  const managed = labels['eks.amazonaws.com/capacityType'];
  const karpenter = labels['karpenter.sh/capacity-type'];
  return managed === 'SPOT' || karpenter === 'spot' ? 'spot' : 'on-demand';
}

/** The EC2 instance id from `spec.providerID` (`aws:///us-east-1a/i-0abc...`), or null. */
export function instanceIdOfNode(node: KubernetesObject): string | null {
  const providerId = (node.spec as { providerID?: unknown } | undefined)?.providerID;
  if (typeof providerId !== 'string') return null;
  const last = providerId.split('/').pop() ?? '';
  return last.startsWith('i-') ? last : null;
}

/** Allocatable cpu (millicores) and memory (MiB), or null when the node does not report them. */
export function allocatableOf(node: KubernetesObject): { cpuMillis: number; memoryMiB: number } | null {
  const allocatable = (node.status as { allocatable?: Record<string, unknown> } | undefined)?.allocatable;
  if (!allocatable) return null;
  try {
    const cpuMillis = cpuMillisFromQuantity(allocatable.cpu);
    const memoryMiB = mibFromQuantity(allocatable.memory);
    return cpuMillis === null || memoryMiB === null ? null : { cpuMillis, memoryMiB };
  } catch {
    // A malformed quantity from the API server leaves the node without a known capacity.
    return null;
  }
}
