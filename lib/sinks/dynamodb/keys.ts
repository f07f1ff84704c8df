/**
 * The key design of the findings table (one table, two overloaded global secondary indexes).
 * docs/deploy.md carries the same table for readers; keep the two in step.
 *
 * | item            | pk                                   | sk                     | gsi1pk / gsi1sk                      | gsi2pk / gsi2sk                  | TTL |
 * |-----------------|--------------------------------------|------------------------|--------------------------------------|----------------------------------|-----|
 * | workload state  | `WORKLOAD#<acct>#<region>#<id>`      | `STATE`                | `TARGET#<acct>#<region>` / `WORKLOAD#<id>` | `VERDICT#<verdict>` / `<savings>#<id>` | no  |
 * | scan history    | `SCAN#<scan>#TARGET#<acct>#<region>` | `WORKLOAD#<id>`        | —                                    | —                                | yes |
 * | cluster state   | `CLUSTER#<acct>#<region>#<cluster>`  | `STATE`                | `TARGET#<acct>#<region>` / `CLUSTER#<cluster>` | —                        | no  |
 * | cluster history | `SCAN#<scan>#TARGET#<acct>#<region>` | `CLUSTER#<cluster>`    | —                                    | —                                | yes |
 * | target run      | `SCAN#<scan>`                        | `TARGET#<acct>#<region>` | `RUNS#<acct>#<region>` / `<startedAt>#<scan>` | —                         | yes |
 * | scan summary    | `SCAN#<scan>`                        | `SUMMARY`              | `SCANS` / `<startedAt>#<scan>`       | —                                | no  |
 * | suppression     | `SUPPRESSIONS`                       | `["<workload>","<rule>"]` | —                                 | —                                | no  |
 *
 * Access patterns: a workload's current state (GetItem); the current state of every workload of a
 * target (gsi1 `TARGET#…`, sk `WORKLOAD#`) and of every cluster (sk `CLUSTER#`); a scan's history
 * per target (Query on its partition: sk `WORKLOAD#` for workloads, `CLUSTER#` for clusters, no
 * condition for both); the runs of a scan (Query `SCAN#<scan>`, sk `TARGET#`); the earlier runs of
 * a target, newest first (gsi1 `RUNS#…`, descending); all workloads of a verdict across the
 * organization by monthly savings (gsi2, descending); scan summaries by time (gsi1 `SCANS`,
 * descending). `<cluster>` is the cluster result's id (its ARN, or `eks:<name>`).
 *
 * History partitions are per (scan, account, region) rather than per scan, so the targets of one
 * scan write to different partitions in parallel instead of queueing on one partition's 1,000 WCU/s.
 */
import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { Verdict } from '../../findings/result.js';
import type { ScanTarget } from './records.js';

/** Primary key of an item. */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/** Names of the table's secondary indexes (CloudFormation must create them with these names). */
export const INDEX = { byTarget: 'gsi1', byVerdictSavings: 'gsi2' } as const;

/** Attribute DynamoDB's TTL reads (epoch seconds). */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Entity kinds, stored in the `type` attribute so a reader of a raw item knows what it holds. */
export const ITEM_TYPE = {
  state: 'workload-state',
  history: 'workload-history',
  clusterState: 'cluster-state',
  clusterHistory: 'cluster-history',
  run: 'target-run',
  summary: 'scan-summary',
  suppression: 'suppression',
} as const;

/**
 * DynamoDB caps a partition key at 2,048 bytes and a sort key at 1,024; a workload id beyond this
 * budget (never seen in practice) is keyed by its SHA-256 so the write still succeeds. The full id
 * is always stored in its own attribute.
 */
const MAX_ID_KEY_BYTES = 700;

/** The form of a workload or cluster id used inside keys. */
export function idKeyPart(id: string): string {
  if (Buffer.byteLength(id, 'utf8') <= MAX_ID_KEY_BYTES) return id;
  return `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

const targetPart = (target: ScanTarget) => `${target.account}#${target.region}`;

/** Sort-key prefix of workloads, in a history partition and on gsi1's `TARGET#` partitions. */
export const WORKLOAD_SORT_PREFIX = 'WORKLOAD#';

/** Sort-key prefix of clusters, in a history partition and on gsi1's `TARGET#` partitions. */
export const CLUSTER_SORT_PREFIX = 'CLUSTER#';

/**
 * Key of a workload's current state. The account and region are part of it because Kubernetes
 * workload ids (`eks:<cluster>/<namespace>/<Kind>/<name>`) do not carry them, and two accounts may
 * well both run a cluster called `prod`.
 */
export function stateKey(target: ScanTarget, workloadId: string): ItemKey {
  return { pk: `WORKLOAD#${targetPart(target)}#${idKeyPart(workloadId)}`, sk: 'STATE' };
}

/**
 * gsi1 partition that lists the current state of every workload (sort keys `WORKLOAD#…`) and of
 * every cluster (`CLUSTER#…`) of a target.
 */
export function targetStatesPartition(target: ScanTarget): string {
  return `TARGET#${targetPart(target)}`;
}

/** gsi1 sort key of a workload state item. */
export function targetStatesSortKey(workloadId: string): string {
  return `${WORKLOAD_SORT_PREFIX}${idKeyPart(workloadId)}`;
}

/** Key of a cluster's current state (its compliance as last seen), keyed like a workload's. */
export function clusterStateKey(target: ScanTarget, clusterId: string): ItemKey {
  return { pk: `CLUSTER#${targetPart(target)}#${idKeyPart(clusterId)}`, sk: 'STATE' };
}

/** gsi1 sort key of a cluster state item. */
export function targetClusterStatesSortKey(clusterId: string): string {
  return `${CLUSTER_SORT_PREFIX}${idKeyPart(clusterId)}`;
}

/** gsi2 partition that lists every workload of a verdict. */
export function verdictPartition(verdict: Verdict): string {
  return `VERDICT#${verdict}`;
}

/** Offset that makes every representable micro-dollar figure non-negative (±$1 billion a month). */
const SAVINGS_OFFSET_MICROS = new Decimal('1e15');
const SAVINGS_DIGITS = 16;

/**
 * gsi2 sort key: ordered by monthly savings, so a descending query lists the biggest savings
 * first. Priced figures (negative ones included) sort under `1#` with fixed-width digits;
 * unpriced workloads under `0#`, after every priced one in descending order — an unknown figure is
 * not treated as $0. The workload id breaks ties deterministically.
 */
export function savingsSortKey(monthlySavingsUsd: number | null, workloadId: string): string {
  if (monthlySavingsUsd === null) return `0#${idKeyPart(workloadId)}`;
  const micros = new Decimal(monthlySavingsUsd).times(1_000_000).round();
  const clamped = Decimal.max(
    Decimal.min(micros, SAVINGS_OFFSET_MICROS.minus(1)),
    SAVINGS_OFFSET_MICROS.neg(),
  );
  const shifted = clamped.plus(SAVINGS_OFFSET_MICROS).toFixed(0).padStart(SAVINGS_DIGITS, '0');
  return `1#${shifted}#${idKeyPart(workloadId)}`;
}

/** Partition of one target's workloads and clusters in one scan. */
export function historyPartition(scanId: string, target: ScanTarget): string {
  return `SCAN#${scanId}#TARGET#${targetPart(target)}`;
}

/** Key of one workload in a scan's history. */
export function historyKey(scanId: string, target: ScanTarget, workloadId: string): ItemKey {
  return { pk: historyPartition(scanId, target), sk: `${WORKLOAD_SORT_PREFIX}${idKeyPart(workloadId)}` };
}

/** Key of one cluster in a scan's history: beside the workloads of the same run. */
export function clusterHistoryKey(scanId: string, target: ScanTarget, clusterId: string): ItemKey {
  return { pk: historyPartition(scanId, target), sk: `${CLUSTER_SORT_PREFIX}${idKeyPart(clusterId)}` };
}

/** Partition holding a scan's target runs and its summary. */
export function scanPartition(scanId: string): string {
  return `SCAN#${scanId}`;
}

/** Sort-key prefix of the target runs in a scan partition. */
export const RUN_SORT_PREFIX = 'TARGET#';

/** Key of a target run. */
export function runKey(scanId: string, target: ScanTarget): ItemKey {
  return { pk: scanPartition(scanId), sk: `${RUN_SORT_PREFIX}${targetPart(target)}` };
}

/** gsi1 partition of a target's runs across scans. */
export function targetRunsPartition(target: ScanTarget): string {
  return `RUNS#${targetPart(target)}`;
}

/** gsi1 sort key of runs and summaries: chronological, then by scan id. */
export function chronologicalSortKey(startedAt: string, scanId: string): string {
  return `${startedAt}#${scanId}`;
}

/** Key of a scan's summary. */
export function summaryKey(scanId: string): ItemKey {
  return { pk: scanPartition(scanId), sk: 'SUMMARY' };
}

/** gsi1 partition listing every scan summary. */
export const SUMMARIES_PARTITION = 'SCANS';

/** Partition of the suppressions kept in the table. */
export const SUPPRESSIONS_PARTITION = 'SUPPRESSIONS';

/** Key of a suppression of `ruleId` (or `*`) on `workloadId` (or `*`). */
export function suppressionKey(workloadId: string, ruleId: string): ItemKey {
  return { pk: SUPPRESSIONS_PARTITION, sk: JSON.stringify([idKeyPart(workloadId), ruleId]) };
}

/** The identity of a key as one string, for sets and maps. */
export function keyString(key: ItemKey): string {
  return JSON.stringify([key.pk, key.sk]);
}
