/**
 * One (account, region) target of a scan: scan it within the Lambda's remaining time, mark
 * suppressed findings, and record the run (its workloads and its clusters' compliance findings).
 * The scan itself is injected ({@link TargetScanner}), so the same flow serves the Lambda, the CLI
 * and tests.
 */
import type { ClusterResult, Gap, Verdict, WorkloadResult } from '../findings/result.js';
import { applySuppressions, type Suppression } from '../findings/suppressions.js';
import { clusterInScope, inScope, toItems, unsuppressedRuleIds } from '../sinks/dynamodb/items.js';
import type {
  ScanRef,
  ScanScope,
  ScanTarget,
  StoredWorkload,
  TargetRun,
  TargetStatus,
} from '../sinks/dynamodb/records.js';
import type { FindingsStore } from '../sinks/dynamodb-store.js';
import type { LogSink, MetricSink } from './observability.js';

/** What scanning one target produced. */
export interface TargetScanOutput {
  readonly results: readonly WorkloadResult[];
  /**
   * The clusters read, with their compliance findings; absent when the scanner reads no clusters
   * (stored cluster states are then left alone). After a deadline, the clusters read by then.
   */
  readonly clusters?: readonly ClusterResult[];
  readonly gaps: readonly Gap[];
  /** Throttling errors AWS answered during the scan (absorbed by retries). */
  readonly throttles: number;
}

/** One target to scan, with the signal that stops it. */
export interface TargetScanRequest {
  readonly scan: ScanRef;
  readonly target: ScanTarget;
  readonly scope: ScanScope;
  /**
   * Aborted, with a {@link ScanDeadlineError} as its reason, when the scan's time is nearly up. A
   * scanner should then start no new call and resolve soon with what it has, reporting the rest
   * as gaps; it has {@link handBackMs} to do so before the run gives up on it.
   */
  readonly signal: AbortSignal;
}

/** Why a scan was stopped: the Lambda's time ran out. Gaps of what it stopped carry this name and message. */
export class ScanDeadlineError extends Error {
  override readonly name = 'ScanDeadlineExceeded';
  constructor(readonly scannedMs: number) {
    super(`not scanned: the Lambda's time ran out after ${Math.max(0, Math.round(scannedMs / 1000))} s`);
  }
}

/** Longest a scanner is given, after its signal aborts, to hand back what it collected. */
export const MAX_HAND_BACK_MS = 15_000;

/**
 * Time between the abort and the point where the run stops waiting for the scanner: a fifth of the
 * scan budget, at most {@link MAX_HAND_BACK_MS}. It comes out of the scan's budget, never out of
 * the reserve kept for writing.
 */
export function handBackMs(budgetMs: number): number {
  return Math.min(MAX_HAND_BACK_MS, Math.floor(budgetMs / 5));
}

/** Collects, normalizes, judges and prices one target (the scan pipeline). */
export type TargetScanner = (request: TargetScanRequest) => Promise<TargetScanOutput>;

/** What a target run scans with, writes to and reports through. */
export interface TargetRunDependencies {
  readonly scanner: TargetScanner;
  /** Null for a dry run: nothing is written. */
  readonly store: FindingsStore | null;
  readonly suppressions: readonly Suppression[];
  /** Milliseconds the Lambda has left (context.getRemainingTimeInMillis). */
  readonly remainingTimeMs: () => number;
  /** Kept back from the scan for writing its results. */
  readonly reserveMs: number;
  readonly logger: LogSink;
  readonly metrics?: MetricSink;
}

/**
 * The small answer of a target run. The Distributed Map gathers one per target and its result
 * must stay under Step Functions' 256 KiB, so this stays near 120 bytes (about 2,000 targets); the
 * details are in the table.
 */
export interface TargetOutcome {
  readonly account: string;
  readonly region: string;
  readonly status: TargetStatus;
  readonly workloads: number;
  readonly gaps: number;
  readonly itemsWritten: number;
}

/** A target run with what it saw, for a caller that summarizes in the same process. */
export interface CompletedTargetRun {
  readonly outcome: TargetOutcome;
  readonly run: TargetRun;
  readonly workloads: readonly StoredWorkload[];
  /** The clusters the run read (none unless it finished). */
  readonly clusters: readonly ClusterResult[];
}

/** The gap a target gets when the Lambda's time ran out before its scan finished. */
export function deadlineGap(target: ScanTarget, budgetMs: number, reserveMs: number): Gap {
  return {
    scope: 'region',
    account: target.account,
    region: target.region,
    errorName: 'ScanDeadlineExceeded',
    message:
      `the scan did not finish within the ${Math.max(0, Math.round(budgetMs / 1000))} s of Lambda time left ` +
      `(${Math.round(reserveMs / 1000)} s kept for writing results); none of its workloads are reported — ` +
      'raise the function timeout or narrow the scan with clusters or namespaces',
  };
}

function failureGap(target: ScanTarget, error: unknown): Gap {
  return {
    scope: 'region',
    account: target.account,
    region: target.region,
    errorName: error instanceof Error ? error.name : 'Error',
    message: `the scan of this account and region failed: ${error instanceof Error ? error.message : String(error)}`,
  };
}

type Attempt =
  /** `cutShort`: the scanner answered after its signal aborted, so its output may be partial. */
  | { readonly kind: 'done'; readonly output: TargetScanOutput; readonly cutShort: boolean }
  | { readonly kind: 'failed'; readonly error: unknown }
  | { readonly kind: 'timed-out'; readonly budgetMs: number };

/**
 * Runs the scanner with a deadline. {@link handBackMs} before the budget ends its signal aborts,
 * and the scanner may still answer with what it collected (the run is then `partial`). When the
 * budget ends without an answer the run ends `timed-out` at once — a late answer is ignored
 * rather than written half-way — so the Lambda reports a gap instead of being cut off silently by
 * its own timeout. Either way the reserve for writing is untouched.
 */
async function scanWithDeadline(
  scanner: TargetScanner,
  request: Omit<TargetScanRequest, 'signal'>,
  budgetMs: number,
): Promise<Attempt> {
  if (budgetMs <= 0) return { kind: 'timed-out', budgetMs };
  const controller = new AbortController();
  const abortAfterMs = budgetMs - handBackMs(budgetMs);
  const abortTimer = setTimeout(() => controller.abort(new ScanDeadlineError(abortAfterMs)), abortAfterMs);
  let stopTimer: NodeJS.Timeout | undefined;
  const stop = new Promise<Attempt>((resolve) => {
    stopTimer = setTimeout(() => resolve({ kind: 'timed-out', budgetMs }), budgetMs);
  });
  const scan = scanner({ ...request, signal: controller.signal }).then(
    (output): Attempt => ({ kind: 'done', output, cutShort: controller.signal.aborted }),
    (error: unknown): Attempt => ({ kind: 'failed', error }),
  );
  try {
    const attempt = await Promise.race([scan, stop]);
    // A scan that failed after the abort failed because of it: nothing was handed back in time.
    if (attempt.kind === 'failed' && controller.signal.aborted) return { kind: 'timed-out', budgetMs };
    return attempt;
  } finally {
    clearTimeout(abortTimer);
    clearTimeout(stopTimer);
  }
}

/**
 * One result per id (workload or cluster). Two results with one id would overwrite each other in
 * the store (and DynamoDB refuses a batch that writes one key twice), so the later ones are left
 * out and named in a gap rather than failing the whole target.
 */
function distinctById<R extends { readonly id: string }>(
  results: readonly R[],
  what: 'workload' | 'cluster',
): {
  results: R[];
  gaps: (target: ScanTarget) => Gap[];
} {
  const seen = new Set<string>();
  const kept: R[] = [];
  const repeated: string[] = [];
  for (const result of results) {
    if (seen.has(result.id)) repeated.push(result.id);
    else {
      seen.add(result.id);
      kept.push(result);
    }
  }
  return {
    results: kept,
    gaps: (target) =>
      repeated.length === 0
        ? []
        : [
            {
              scope: what,
              account: target.account,
              region: target.region,
              errorName: what === 'workload' ? 'DuplicateWorkloadId' : 'DuplicateClusterId',
              message: `${repeated.length} ${what} results repeated the id of another and were left out: ${[...new Set(repeated)].slice(0, 5).join(', ')}`,
            },
          ],
  };
}

/** The unsuppressed rule ids and other fields the store and digest keep of a result. */
function storedOf(scan: ScanRef, result: WorkloadResult): StoredWorkload {
  return {
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    firstSeen: scan.startedAt,
    result,
    ruleIds: unsuppressedRuleIds(result.findings),
    findingsOmitted: 0,
  };
}

/**
 * Scans and records one target. A scanner failure or a deadline becomes a `failed` or
 * `timed-out` run with a gap (partial failure is data); a store that cannot write throws, so the
 * invocation fails and the state machine's retry reruns the target (safely: writes are idempotent).
 */
export async function runTargetScan(
  deps: TargetRunDependencies,
  request: {
    readonly scan: ScanRef;
    readonly target: ScanTarget;
    readonly scope: ScanScope;
    readonly dryRun: boolean;
  },
): Promise<CompletedTargetRun> {
  const { scan, target, scope } = request;
  const budgetMs = deps.remainingTimeMs() - deps.reserveMs;
  const attempt = await scanWithDeadline(deps.scanner, { scan, target, scope }, budgetMs);

  let status: TargetStatus;
  let results: WorkloadResult[] = [];
  // Undefined when the scanner reports no clusters, so the store leaves cluster states alone.
  let clusters: ClusterResult[] | undefined;
  let gaps: Gap[];
  let throttles = 0;
  if (attempt.kind === 'done') {
    const today = scan.startedAt.slice(0, 10);
    const unique = distinctById(
      attempt.output.results.filter((result) => inScope(result, scope)),
      'workload',
    );
    results = unique.results.map((result) => ({
      ...result,
      findings: applySuppressions(result.id, result.findings, deps.suppressions, today),
    }));
    const uniqueClusters = attempt.output.clusters
      ? distinctById(
          attempt.output.clusters.filter((cluster) => clusterInScope(cluster, scope)),
          'cluster',
        )
      : undefined;
    clusters = uniqueClusters?.results;
    gaps = [...attempt.output.gaps, ...unique.gaps(target), ...(uniqueClusters?.gaps(target) ?? [])];
    throttles = attempt.output.throttles;
    status = gaps.some((gap) => gap.scope !== 'price') ? 'partial' : 'complete';
    if (attempt.cutShort) {
      deps.logger.warn('target scan cut short by the Lambda deadline; what it collected is recorded', {
        account: target.account,
        region: target.region,
        workloads: results.length,
        clusters: clusters?.length ?? 0,
        gaps: gaps.length,
      });
    }
  } else if (attempt.kind === 'failed') {
    status = 'failed';
    gaps = [failureGap(target, attempt.error)];
    deps.logger.error('target scan failed', {
      account: target.account,
      region: target.region,
      error: gaps[0],
    });
  } else {
    status = 'timed-out';
    gaps = [deadlineGap(target, attempt.budgetMs, deps.reserveMs)];
    deps.logger.warn('target scan ran out of time', { account: target.account, region: target.region });
  }

  const input = { scan, target, scope, status, results, ...(clusters ? { clusters } : {}), gaps, throttles };
  let run: TargetRun;
  let itemsWritten = 0;
  if (request.dryRun || deps.store === null) {
    run = toItems({ ...input, knownStates: [] }, { historyDays: 1 }).run;
  } else {
    const recorded = await deps.store.recordTargetRun(input);
    run = recorded.run;
    itemsWritten = recorded.report.written;
    if (recorded.report.partialCalls > 0) {
      deps.logger.warn('DynamoDB throttled some writes; they were retried', {
        partialCalls: recorded.report.partialCalls,
      });
    }
  }
  recordTargetMetrics(deps.metrics, run);
  deps.logger.info('target scanned', {
    account: target.account,
    region: target.region,
    status,
    workloads: run.workloads,
    clusters: clusters?.length ?? 0,
    gaps: gaps.length,
    itemsWritten,
  });
  return {
    outcome: {
      account: target.account,
      region: target.region,
      status,
      workloads: run.workloads,
      gaps: gaps.length,
      itemsWritten,
    },
    run,
    workloads: results.map((result) => storedOf(scan, result)),
    clusters: clusters ?? [],
  };
}

const VERDICT_METRICS: Readonly<Record<Verdict, string>> = {
  eligible: 'WorkloadsEligible',
  'eligible-with-changes': 'WorkloadsEligibleWithChanges',
  ineligible: 'WorkloadsIneligible',
  unknown: 'WorkloadsUnknown',
};

function recordTargetMetrics(metrics: MetricSink | undefined, run: TargetRun): void {
  if (!metrics) return;
  metrics.addMetric('WorkloadsScanned', 'Count', run.workloads);
  for (const [verdict, name] of Object.entries(VERDICT_METRICS) as [Verdict, string][]) {
    metrics.addMetric(name, 'Count', run.byVerdict[verdict]);
  }
  metrics.addMetric('CoverageGaps', 'Count', run.gaps.length);
  metrics.addMetric('Throttles', 'Count', run.throttles);
  if (run.status === 'timed-out') metrics.addMetric('TargetsTimedOut', 'Count', 1);
  if (run.status === 'failed') metrics.addMetric('TargetsFailed', 'Count', 1);
}
