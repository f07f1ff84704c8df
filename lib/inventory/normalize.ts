/**
 * Inventory → what the pipeline evaluates: Workloads (through the same task-definition and
 * Kubernetes readers `check` uses, with the live facts laid over them), cluster results with the
 * cluster compliance checks, and every gap. Pure: the same inventory gives the same result, so a
 * saved snapshot replays offline.
 */
import type { Gap } from '../findings/result.js';
import { byText } from '../model/text-order.js';
import type { Workload } from '../model/workload.js';
import type { ClusterCheck, ClusterResult } from './cluster-checks/cluster-check.js';
import { clusterChecks } from './cluster-checks/index.js';
import { normalizeEcs } from './ecs/normalize-ecs.js';
import { normalizeEks } from './eks/normalize-eks.js';
import type { Inventory } from './snapshot.js';

/** What the evaluation pipeline reads from an inventory. */
export interface NormalizedEstate {
  readonly workloads: readonly Workload[];
  readonly clusters: readonly ClusterResult[];
  /** The inventory's collection gaps, then what could not be normalized. */
  readonly gaps: readonly Gap[];
}

/** Which cluster checks to run. */
export interface NormalizeOptions {
  /** Cluster checks to run; the whole catalogue by default. */
  readonly checks?: readonly ClusterCheck[];
}

/** Normalizes every (account, region) of the inventory, in account, region, then id order. */
export function normalizeInventory(inventory: Inventory, options: NormalizeOptions = {}): NormalizedEstate {
  const checks = options.checks ?? clusterChecks;
  const collectedAt = new Date(inventory.collectedAt);
  const gaps: Gap[] = [...inventory.gaps];
  const workloads: Workload[] = [];
  const clusters: ClusterResult[] = [];
  const addGap = (gap: Gap) => gaps.push(gap);
  const partitions = [...inventory.partitions].sort(
    (a, b) => byText(a.account, b.account) || byText(a.region, b.region),
  );
  for (const partition of partitions) {
    const found: Workload[] = [];
    if (partition.ecs) {
      const ecs = normalizeEcs(partition, partition.ecs, checks, addGap);
      found.push(...ecs.workloads);
      clusters.push(...ecs.clusters);
    }
    if (partition.eks) {
      const eks = normalizeEks(partition, partition.eks, checks, collectedAt, addGap);
      found.push(...eks.workloads);
      clusters.push(...eks.clusters);
    }
    workloads.push(...found.sort((a, b) => byText(a.id, b.id)));
  }
  return { workloads, clusters, gaps };
}
