/**
 * What the findings store keeps, in the project's own terms (no DynamoDB shapes): one scan, the run
 * of one (account, region) target within it, each workload and each cluster as that run saw it,
 * and the summary the summarizer writes once every target has reported.
 */
import type {
  ClusterResult,
  Gap,
  SavingsByDirection,
  Verdict,
  WorkloadResult,
} from '../../findings/result.js';

/** One scan: every target of the scan shares its id and start time. */
export interface ScanRef {
  /** Deterministic for a given trigger, so a retried or rerun scan writes the same keys. */
  readonly scanId: string;
  /** ISO 8601 UTC. Every timestamp the store writes comes from here, never from the wall clock. */
  readonly startedAt: string;
  readonly trigger: ScanTrigger;
}

/** What started a scan. */
export type ScanTrigger = 'schedule' | 'on-demand' | 'cli';

/** The unit of fan-out: one account in one region. */
export interface ScanTarget {
  readonly account: string;
  readonly region: string;
}

/**
 * Narrows a target run to some EKS clusters or Kubernetes namespaces; null means "all". The diff
 * only compares a run with an earlier run whose scope covers it, so a narrow on-demand scan never
 * reports everything it skipped as resolved.
 */
export interface ScanScope {
  readonly clusters: readonly string[] | null;
  readonly namespaces: readonly string[] | null;
}

/** The whole estate: no cluster or namespace filter. */
export const FULL_SCOPE: ScanScope = { clusters: null, namespaces: null };

/**
 * How a target run ended. `complete`: everything reachable was read. `partial`: some clusters or
 * calls failed (listed as gaps). `timed-out`: the Lambda ran out of time before the scan finished.
 * `failed`: nothing could be read (no role, region disabled, ...). Only complete and partial runs
 * carry workloads and serve as a baseline for the next diff.
 */
export type TargetStatus = 'complete' | 'partial' | 'timed-out' | 'failed';

/** The record of one target's run within a scan. */
export interface TargetRun extends ScanTarget {
  readonly scanId: string;
  readonly startedAt: string;
  readonly scope: ScanScope;
  readonly status: TargetStatus;
  readonly workloads: number;
  readonly byVerdict: Readonly<Record<Verdict, number>>;
  /** Findings muted by an active suppression (kept on the workloads, marked). */
  readonly suppressedFindings: number;
  /** Findings left out of stored items to keep each item under DynamoDB's 400 KB limit. */
  readonly findingsOmitted: number;
  readonly throttles: number;
  readonly gaps: readonly Gap[];
}

/** One workload as one run saw it (an item of the scan history). */
export interface StoredWorkload {
  readonly scanId: string;
  readonly startedAt: string;
  /** The run that first saw this workload's id (carried over from the workload's current state). */
  readonly firstSeen: string;
  /** The workload result; `findings` may be trimmed, see `findingsOmitted`. */
  readonly result: WorkloadResult;
  /** Distinct, sorted rule ids of the unsuppressed findings — never trimmed, the diff reads them. */
  readonly ruleIds: readonly string[];
  /** Findings dropped from `result.findings` for size (lowest severity first); 0 when none. */
  readonly findingsOmitted: number;
}

/** The standing record of a workload: its latest sighting. */
export interface WorkloadState extends StoredWorkload {
  readonly lastSeen: string;
}

/** One cluster and its compliance findings as one run saw it (an item of the scan history). */
export interface StoredCluster {
  readonly scanId: string;
  readonly startedAt: string;
  /** The cluster result; `findings` may be trimmed, see `findingsOmitted`. */
  readonly cluster: ClusterResult;
  /** Findings dropped from `cluster.findings` for size (never seen: a cluster has a handful). */
  readonly findingsOmitted: number;
}

/** The standing record of a cluster: its latest sighting. */
export interface ClusterState extends StoredCluster {
  /** The run that first saw this cluster id. */
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** Counts of what the diff against the previous runs found. */
export interface DiffCounts {
  readonly added: number;
  readonly changed: number;
  readonly resolved: number;
  readonly stillOpen: number;
}

/** Whether and why the scan's SNS message went out. */
export interface NotificationRecord {
  /** `changes`: the diff was not quiet; `always`: configured to send every scan; `requested`: the
   * invocation asked for it; `quiet`: nothing changed; `disabled`: no topic or notify: false. */
  readonly reason: 'changes' | 'always' | 'requested' | 'quiet' | 'disabled';
  readonly messageId: string | null;
  /** List entries left out of the message to stay under SNS's size limit. */
  readonly omittedEntries: number;
}

/** The summary of a whole scan, written once by the summarizer. */
export interface ScanSummaryRecord {
  readonly scanId: string;
  readonly startedAt: string;
  readonly trigger: ScanTrigger;
  readonly targets: number;
  readonly targetsReported: number;
  readonly workloads: number;
  readonly byVerdict: Readonly<Record<Verdict, number>>;
  /**
   * Net monthly savings of moving to Fargate every movable workload not on Fargate yet; null when
   * it cannot be computed exactly.
   */
  readonly monthlySavingsUsd: number | null;
  /** Both directions apart; absent from summaries recorded before they were split. */
  readonly monthlySavingsByDirection?: SavingsByDirection;
  readonly gaps: number;
  readonly diff: DiffCounts;
  /** Scans the diff compared against (one per target at most). */
  readonly baselineScanIds: readonly string[];
  readonly notification: NotificationRecord;
  /** Where the scan's HTML report was stored; absent when no report bucket is configured. */
  readonly report?: ScanReportRecord;
}

/** The S3 object of a scan's HTML report (never its presigned link, which is a credential). */
export interface ScanReportRecord {
  readonly bucket: string;
  readonly key: string;
  /** False when the upload failed: the summary went out without a link. */
  readonly uploaded: boolean;
}
