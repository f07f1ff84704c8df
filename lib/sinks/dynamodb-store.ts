/**
 * The findings store: scan history, the current state of every workload and cluster, scan
 * summaries and suppressions, over an {@link ItemTable} — DynamoDB in the cloud, a JSON file for the CLI. Key
 * design and access patterns: lib/sinks/dynamodb/keys.ts and docs/deploy.md.
 */
import type { Verdict } from '../findings/result.js';
import type { Suppression } from '../findings/suppressions.js';
import { TABLE_OPERATION_ACTIONS } from './dynamodb/dynamodb-table.js';
import { collect, type Item, type ItemTable, type WriteReport } from './dynamodb/item-table.js';
import {
  clusterStateFromItem,
  knownClusterStateFromItem,
  knownStateFromItem,
  type RetentionSettings,
  runFromItem,
  scopeCovers,
  stateFromItem,
  storedClusterFromItem,
  storedWorkloadFromItem,
  summaryFromItem,
  summaryItem,
  suppressionFromItem,
  suppressionItem,
  type TargetRunInput,
  toItems,
} from './dynamodb/items.js';
import {
  CLUSTER_SORT_PREFIX,
  historyPartition,
  RUN_SORT_PREFIX,
  SUMMARIES_PARTITION,
  SUPPRESSIONS_PARTITION,
  scanPartition,
  stateKey,
  summaryKey,
  targetRunsPartition,
  targetStatesPartition,
  verdictPartition,
  WORKLOAD_SORT_PREFIX,
} from './dynamodb/keys.js';
import type {
  ClusterState,
  ScanRef,
  ScanScope,
  ScanSummaryRecord,
  ScanTarget,
  StoredCluster,
  StoredWorkload,
  TargetRun,
  WorkloadState,
} from './dynamodb/records.js';
import { SinkError } from './sink-error.js';

/** The table abstraction the store runs over (DynamoDB or the local file). */
export type { Item, ItemTable, WriteReport } from './dynamodb/item-table.js';
/** The records the store keeps. */
export type * from './dynamodb/records.js';
export { FULL_SCOPE } from './dynamodb/records.js';

/** Default retention of scan history: long enough to diff a weekly scan after a missed week or two. */
export const DEFAULT_HISTORY_DAYS = 35;

/** What recording one target run wrote. */
export interface RecordedRun {
  readonly run: TargetRun;
  readonly report: WriteReport;
}

/** The DynamoDB actions each store operation needs (IAM statements are built from these). */
export const STORE_PERMISSIONS = {
  /** {@link FindingsStore.recordTargetRun} and {@link FindingsStore.suppressions}. */
  recordTargetRun: [TABLE_OPERATION_ACTIONS.query, TABLE_OPERATION_ACTIONS.write],
  /** {@link FindingsStore.runsOfScan}, workloadsOfRun, clustersOfRun, runContents, baselineRun, summary, suppressions. */
  readHistory: [TABLE_OPERATION_ACTIONS.query, TABLE_OPERATION_ACTIONS.getItems],
  /** {@link FindingsStore.recordSummary}. */
  recordSummary: [TABLE_OPERATION_ACTIONS.putIfAbsent],
} as const;

/** Scan history and current state, read and written through an {@link ItemTable}. */
export class FindingsStore {
  constructor(
    private readonly table: ItemTable,
    private readonly retention: RetentionSettings = { historyDays: DEFAULT_HISTORY_DAYS },
  ) {}

  /**
   * Writes one target run: every workload's and cluster's history and current state, removals of
   * workloads and clusters that are gone, then the run record. Throws {@link SinkError} when
   * DynamoDB leaves items unwritten after every retry — the run record is then not written, so the
   * summarizer reports the target as not reported rather than trusting a partial history.
   * Rerunning is safe: keys are deterministic and the items identical.
   */
  async recordTargetRun(
    input: Omit<TargetRunInput, 'knownStates' | 'knownClusterStates'>,
  ): Promise<RecordedRun> {
    // One query reads the target's workload and cluster states; their sort keys tell them apart.
    const current = await collect(
      this.table.query({ index: 'gsi1', partition: targetStatesPartition(input.target) }),
    );
    const sortKeyStarts = (item: Item, prefix: string) =>
      typeof item.gsi1sk === 'string' && item.gsi1sk.startsWith(prefix);
    const knownStates = current
      .filter((item) => sortKeyStarts(item, WORKLOAD_SORT_PREFIX))
      .map(knownStateFromItem);
    const knownClusterStates = current
      .filter((item) => sortKeyStarts(item, CLUSTER_SORT_PREFIX))
      .map(knownClusterStateFromItem);
    const { puts, deletes, runItem, run } = toItems(
      { ...input, knownStates, knownClusterStates },
      this.retention,
    );
    const report = await this.table.write(puts, deletes);
    if (report.unprocessed.length > 0) {
      throw new SinkError(
        `${report.unprocessed.length} of ${puts.length + deletes.length} writes for ${input.target.account} ` +
          `${input.target.region} stayed unprocessed after ${report.calls} BatchWriteItem calls (DynamoDB kept ` +
          'throttling); the run is not recorded, rerun the target to complete it',
      );
    }
    const runReport = await this.table.write([runItem], []);
    if (runReport.unprocessed.length > 0) {
      throw new SinkError(
        `the run record of ${input.target.account} ${input.target.region} stayed unprocessed`,
      );
    }
    return {
      run,
      report: {
        written: report.written + runReport.written,
        unprocessed: [],
        calls: report.calls + runReport.calls,
        partialCalls: report.partialCalls + runReport.partialCalls,
      },
    };
  }

  /** The runs recorded for a scan, by target. */
  async runsOfScan(scanId: string): Promise<TargetRun[]> {
    const items = await collect(
      this.table.query({ partition: scanPartition(scanId), sortBeginsWith: RUN_SORT_PREFIX }),
    );
    return items.map(runFromItem);
  }

  /** The workloads one target run saw. */
  async workloadsOfRun(scanId: string, target: ScanTarget): Promise<StoredWorkload[]> {
    const items = await collect(
      this.table.query({ partition: historyPartition(scanId, target), sortBeginsWith: WORKLOAD_SORT_PREFIX }),
    );
    return items.map(storedWorkloadFromItem);
  }

  /** The clusters one target run saw, with their compliance findings. */
  async clustersOfRun(scanId: string, target: ScanTarget): Promise<StoredCluster[]> {
    const items = await collect(
      this.table.query({ partition: historyPartition(scanId, target), sortBeginsWith: CLUSTER_SORT_PREFIX }),
    );
    return items.map(storedClusterFromItem);
  }

  /** The workloads and the clusters one target run saw, read in one query of its partition. */
  async runContents(
    scanId: string,
    target: ScanTarget,
  ): Promise<{ workloads: StoredWorkload[]; clusters: StoredCluster[] }> {
    const workloads: StoredWorkload[] = [];
    const clusters: StoredCluster[] = [];
    for await (const item of this.table.query({ partition: historyPartition(scanId, target) })) {
      if (item.sk.startsWith(WORKLOAD_SORT_PREFIX)) workloads.push(storedWorkloadFromItem(item));
      else if (item.sk.startsWith(CLUSTER_SORT_PREFIX)) clusters.push(storedClusterFromItem(item));
    }
    return { workloads, clusters };
  }

  /**
   * The newest earlier run of `target` that can serve as the diff baseline for a run of `scan`
   * with `scope`: started before this scan, finished (complete or partial), and with a scope that
   * covers this one. Null on a target's first run.
   */
  async baselineRun(target: ScanTarget, scan: ScanRef, scope: ScanScope): Promise<TargetRun | null> {
    for await (const run of this.earlierRuns(target, scan)) {
      if ((run.status === 'complete' || run.status === 'partial') && scopeCovers(run.scope, scope))
        return run;
    }
    return null;
  }

  /** The newest earlier run of `target`, whatever its status (for telling new gaps from known ones). */
  async previousRun(target: ScanTarget, scan: ScanRef): Promise<TargetRun | null> {
    for await (const run of this.earlierRuns(target, scan)) return run;
    return null;
  }

  /** Runs of `target` that started before `scan`, newest first. */
  private async *earlierRuns(target: ScanTarget, scan: ScanRef): AsyncIterable<TargetRun> {
    const earlier = this.table.query({
      index: 'gsi1',
      partition: targetRunsPartition(target),
      sortBefore: scan.startedAt,
      descending: true,
    });
    for await (const item of earlier) {
      const run = runFromItem(item);
      if (run.scanId !== scan.scanId) yield run;
    }
  }

  /** The summary of a scan, or null when the scan has not been summarized. */
  async summary(scanId: string): Promise<ScanSummaryRecord | null> {
    const [item] = await this.table.getItems([summaryKey(scanId)]);
    return item ? summaryFromItem(item) : null;
  }

  /**
   * Writes a scan's summary once. False when the scan already has one: the summarizer ran before
   * (a retry or a rerun) and must not publish a second message.
   */
  async recordSummary(summary: ScanSummaryRecord): Promise<boolean> {
    return this.table.putIfAbsent(summaryItem(summary));
  }

  /** Scan summaries, newest first. */
  async recentSummaries(limit: number): Promise<ScanSummaryRecord[]> {
    const summaries: ScanSummaryRecord[] = [];
    for await (const item of this.table.query({
      index: 'gsi1',
      partition: SUMMARIES_PARTITION,
      descending: true,
    })) {
      summaries.push(summaryFromItem(item));
      if (summaries.length >= limit) break;
    }
    return summaries;
  }

  /** The current state of one workload, or null when the store has none. */
  async workloadState(target: ScanTarget, workloadId: string): Promise<WorkloadState | null> {
    const [item] = await this.table.getItems([stateKey(target, workloadId)]);
    return item ? stateFromItem(item) : null;
  }

  /** The current state of every workload of a target. */
  async statesOfTarget(target: ScanTarget): Promise<WorkloadState[]> {
    const items = await collect(
      this.table.query({
        index: 'gsi1',
        partition: targetStatesPartition(target),
        sortBeginsWith: WORKLOAD_SORT_PREFIX,
      }),
    );
    return items.map(stateFromItem);
  }

  /** The current state of every cluster of a target: its compliance findings as last seen. */
  async clusterStatesOfTarget(target: ScanTarget): Promise<ClusterState[]> {
    const items = await collect(
      this.table.query({
        index: 'gsi1',
        partition: targetStatesPartition(target),
        sortBeginsWith: CLUSTER_SORT_PREFIX,
      }),
    );
    return items.map(clusterStateFromItem);
  }

  /**
   * Workloads of a verdict across the organization, largest monthly savings first; unpriced ones
   * come after every priced one.
   */
  async workloadsByVerdict(verdict: Verdict, limit: number): Promise<WorkloadState[]> {
    const states: WorkloadState[] = [];
    const query = this.table.query({ index: 'gsi2', partition: verdictPartition(verdict), descending: true });
    for await (const item of query) {
      states.push(stateFromItem(item));
      if (states.length >= limit) break;
    }
    return states;
  }

  /** Suppressions kept in the table; malformed items are counted, not applied. */
  async suppressions(): Promise<{ suppressions: Suppression[]; malformed: number }> {
    const items = await collect(this.table.query({ partition: SUPPRESSIONS_PARTITION }));
    const suppressions: Suppression[] = [];
    let malformed = 0;
    for (const item of items) {
      const suppression = suppressionFromItem(item);
      if (suppression) suppressions.push(suppression);
      else malformed += 1;
    }
    return { suppressions, malformed };
  }

  /** Adds or replaces suppressions (one per workload and rule). */
  async putSuppressions(suppressions: readonly Suppression[]): Promise<WriteReport> {
    return this.table.write(suppressions.map(suppressionItem), []);
  }
}
