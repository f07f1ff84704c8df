/**
 * After every target of a scan has run: compare each with its previous run, build the digest,
 * upload the scan's HTML report (its workloads and clusters, the report the CLI renders) when a
 * report bucket is configured, publish one SNS message when something changed (or when configured
 * to always), and record the scan's summary. A second call for the same scan finds the summary and
 * does nothing.
 */
import pLimit from 'p-limit';
import { buildReport } from '../findings/assemble.js';
import type { ClusterResult, Gap, WorkloadResult } from '../findings/result.js';
import type { Suppression } from '../findings/suppressions.js';
import { byText } from '../model/text-order.js';
import type {
  NotificationRecord,
  ScanRef,
  ScanReportRecord,
  ScanSummaryRecord,
  ScanTarget,
  StoredWorkload,
  TargetRun,
} from '../sinks/dynamodb/records.js';
import type { FindingsStore } from '../sinks/dynamodb-store.js';
import { renderHtml } from '../sinks/html.js';
import { type ReportUploadClients, uploadReport } from '../sinks/report-upload.js';
import {
  countClusterFindings,
  type MessageFormat,
  type ReportLink,
  type SummaryMessage,
  toSummaryMessage,
} from '../sinks/sns-summary.js';
import { buildDigest, type DigestSettings, type ScanDigest, type TargetComparison } from './digest.js';
import type { LogSink, MetricSink } from './observability.js';

/** Publishes a rendered message and returns its id; null when there is no topic. */
export type Publisher = (message: SummaryMessage) => Promise<string>;

/** Where the summarizer stores each scan's HTML report, and how long the message's link lives. */
export interface ReportDestination {
  readonly clients: ReportUploadClients;
  readonly bucket: string;
  /** Each scan's report is `<prefix><scanId>/report.html`: a rerun overwrites, never duplicates. */
  readonly prefix: string;
  readonly linkExpirySeconds: number;
  /** SSE-KMS with this key; SSE-S3 when null. */
  readonly kmsKeyArn: string | null;
  /** The account that must own the bucket (the function's own). */
  readonly expectedBucketOwner: string;
  /** The report's timestamp and the start of the link's lifetime. */
  readonly now: () => Date;
}

/** The S3 key of a scan's report. */
export function reportKey(prefix: string, scanId: string): string {
  return `${prefix}${scanId}/report.html`;
}

/** What the summarizer reads from, publishes to and is tuned by. */
export interface SummarizeDependencies {
  /** Null for a dry run without a table: no baseline, nothing recorded. */
  readonly store: FindingsStore | null;
  readonly publish: Publisher | null;
  readonly suppressions: readonly Suppression[];
  readonly alertOn: 'changes' | 'always';
  readonly messageFormat: MessageFormat;
  readonly digest: DigestSettings;
  /** Named in the message when lists are cut (e.g. `DynamoDB table fargate-fit-findings`). */
  readonly fullListsAt?: string;
  readonly logger: LogSink;
  readonly metrics?: MetricSink;
  /** Uploads the scan's HTML report and links it from the message; absent when no bucket is configured. */
  readonly report?: ReportDestination;
}

/** What to summarize: the scan, the targets it planned, and how to notify. */
export interface SummarizeRequest {
  readonly scan: ScanRef;
  readonly targets: readonly ScanTarget[];
  /** true: publish even if quiet; false: never publish; null: follow `alertOn`. */
  readonly notify: boolean | null;
  /** Gaps from outside the runs (the fan-out failing beyond its tolerance). */
  readonly extraGaps?: readonly Gap[];
  /** Runs already in memory (on-demand and dry runs); otherwise they are read from the store. */
  readonly current?: readonly {
    readonly run: TargetRun;
    readonly workloads: readonly StoredWorkload[];
    /** The clusters the run read; none when absent. */
    readonly clusters?: readonly ClusterResult[];
  }[];
  /** Write nothing and publish nothing; return the message that would have gone out. */
  readonly dryRun?: boolean;
}

/** What summarizing a scan did. */
export interface SummarizeOutcome {
  readonly scanId: string;
  /** True when the scan had been summarized before: nothing was published or written now. */
  readonly alreadySummarized: boolean;
  readonly summary: ScanSummaryRecord;
  /** The rendered message (also for a dry run or a quiet scan, where it is not published). */
  readonly message: SummaryMessage | null;
  readonly digest: ScanDigest | null;
}

const targetKey = (t: ScanTarget) => `${t.account}/${t.region}`;

/** A target's comparison and the clusters its run read (for the report; the digest ignores them). */
type ScanComparison = TargetComparison & { readonly clusters: readonly ClusterResult[] };

const finished = (run: TargetRun | null) => run?.status === 'complete' || run?.status === 'partial';

/**
 * Reads the comparisons the digest needs: each target's run, its workloads and clusters (one
 * query of the run's history partition), its baseline and previous gaps.
 */
async function compareTargets(
  store: FindingsStore | null,
  request: SummarizeRequest,
): Promise<ScanComparison[]> {
  const inMemory = new Map((request.current ?? []).map((c) => [targetKey(c.run), c]));
  const storedRuns =
    request.current || !store
      ? new Map<string, TargetRun>()
      : new Map((await store.runsOfScan(request.scan.scanId)).map((run) => [targetKey(run), run]));
  const targets = new Map(
    request.targets.map((t) => [targetKey(t), { account: t.account, region: t.region }]),
  );
  for (const run of storedRuns.values())
    targets.set(targetKey(run), { account: run.account, region: run.region });
  for (const c of inMemory.values())
    targets.set(targetKey(c.run), { account: c.run.account, region: c.run.region });

  // Reads are per target and independent; a few at a time keeps the summarizer quick on a large
  // organization without bursting the table's read capacity.
  const limit = pLimit(8);
  const sorted = [...targets.values()].sort((a, b) => byText(targetKey(a), targetKey(b)));
  return Promise.all(
    sorted.map((target) =>
      limit(async (): Promise<ScanComparison> => {
        const memory = inMemory.get(targetKey(target));
        const run = memory?.run ?? storedRuns.get(targetKey(target)) ?? null;
        let workloads: readonly StoredWorkload[] = [];
        let clusters: readonly ClusterResult[] = [];
        if (memory) {
          workloads = memory.workloads;
          clusters = memory.clusters ?? [];
        } else if (store && finished(run)) {
          const contents = await store.runContents(request.scan.scanId, target);
          workloads = contents.workloads;
          clusters = contents.clusters.map((stored) => stored.cluster);
        }
        if (!store) return { target, run, workloads, clusters, baseline: null, previousGaps: null };
        const baselineRun = run ? await store.baselineRun(target, request.scan, run.scope) : null;
        const baseline = baselineRun
          ? { run: baselineRun, workloads: await store.workloadsOfRun(baselineRun.scanId, target) }
          : null;
        const previous = await store.previousRun(target, request.scan);
        return {
          target,
          run,
          workloads,
          clusters,
          baseline,
          previousGaps: previous ? previous.gaps : null,
        };
      }),
    ),
  );
}

function notificationReason(
  deps: SummarizeDependencies,
  request: SummarizeRequest,
  digest: ScanDigest,
): NotificationRecord['reason'] {
  if (request.notify === false || deps.publish === null) return 'disabled';
  if (request.notify === true) return 'requested';
  if (deps.alertOn === 'always') return 'always';
  return digest.quiet ? 'quiet' : 'changes';
}

/**
 * Summarizes a scan once: builds the digest, publishes the message when there is news, and
 * records the summary. Publishing happens before the summary is recorded, so a crash in between
 * means a retry publishes again (at least once) rather than never.
 */
export async function summarizeScan(
  deps: SummarizeDependencies,
  request: SummarizeRequest,
): Promise<SummarizeOutcome> {
  const dryRun = request.dryRun === true;
  if (deps.store && !dryRun) {
    const existing = await deps.store.summary(request.scan.scanId);
    if (existing) {
      deps.logger.info('scan already summarized; nothing to do', { scanId: request.scan.scanId });
      return {
        scanId: request.scan.scanId,
        alreadySummarized: true,
        summary: existing,
        message: null,
        digest: null,
      };
    }
  }
  const comparisons = await compareTargets(deps.store, request);
  const digest = buildDigest({
    scan: request.scan,
    comparisons,
    suppressions: deps.suppressions,
    settings: deps.digest,
    ...(request.extraGaps ? { extraGaps: request.extraGaps } : {}),
  });
  const report =
    deps.report && !dryRun
      ? await storeReport(deps.report, deps.logger, request.scan, comparisons, digest)
      : null;
  const message = toSummaryMessage(digest, {
    format: deps.messageFormat,
    ...(deps.fullListsAt ? { fullListsAt: deps.fullListsAt } : {}),
    ...(report ? { report: report.link } : {}),
    clusterFindings: countClusterFindings(reportClusters(comparisons)),
  });
  const reason = notificationReason(deps, request, digest);
  let messageId: string | null = null;
  if (!dryRun && deps.publish && (reason === 'changes' || reason === 'always' || reason === 'requested')) {
    messageId = await deps.publish(message);
    deps.logger.info('scan summary published', {
      messageId,
      bytes: message.bytes,
      omitted: message.omittedEntries,
    });
  }
  const summary: ScanSummaryRecord = {
    scanId: request.scan.scanId,
    startedAt: request.scan.startedAt,
    trigger: request.scan.trigger,
    targets: digest.targets.expected,
    targetsReported: digest.targets.reported,
    workloads: digest.workloads,
    byVerdict: digest.byVerdict,
    monthlySavingsUsd: digest.savings.ec2ToFargate.totalUsd,
    monthlySavingsByDirection: {
      ec2ToFargate: digest.savings.ec2ToFargate.totalUsd,
      fargateToEc2: digest.savings.fargateToEc2.totalUsd,
    },
    gaps: digest.gaps.length,
    diff: {
      added: digest.added.length,
      changed: digest.changed.length,
      resolved: digest.resolved.length,
      stillOpen: digest.stillOpen,
    },
    baselineScanIds: digest.baselineScanIds,
    notification: { reason, messageId, omittedEntries: messageId ? message.omittedEntries : 0 },
    ...(report ? { report: report.record } : {}),
  };
  if (deps.store && !dryRun) {
    const recorded = await deps.store.recordSummary(summary);
    if (!recorded)
      deps.logger.warn('another summarizer recorded this scan first', { scanId: summary.scanId });
  }
  recordSummaryMetrics(deps.metrics, digest);
  return { scanId: summary.scanId, alreadySummarized: false, summary, message, digest };
}

/**
 * Renders the scan's HTML report from the runs the digest read (the same report the CLI renders)
 * and uploads it. A failed upload never stops the summary: the message then says the report could
 * not be uploaded, and the log says why. The link is a credential while it lives, so it goes into
 * the message only, never into a log line, the summary record or the function's result.
 */
async function storeReport(
  destination: ReportDestination,
  logger: LogSink,
  scan: ScanRef,
  comparisons: readonly ScanComparison[],
  digest: ScanDigest,
): Promise<{ link: ReportLink; record: ScanReportRecord }> {
  const key = reportKey(destination.prefix, scan.scanId);
  const location = { bucket: destination.bucket, key };
  const now = destination.now();
  try {
    const html = renderHtml(
      buildReport(reportWorkloads(comparisons), reportGaps(digest), {
        generatedAt: now,
        clusters: reportClusters(comparisons),
      }),
      { title: `Fargate fit report — scan ${scan.scanId}` },
    );
    const url = await uploadReport(destination.clients, {
      ...location,
      html,
      expiresInSeconds: destination.linkExpirySeconds,
      expectedBucketOwner: destination.expectedBucketOwner,
      ...(destination.kmsKeyArn ? { kmsKeyId: destination.kmsKeyArn } : {}),
    });
    logger.info('scan report uploaded', { ...location, bytes: Buffer.byteLength(html) });
    const expiresAt = new Date(now.getTime() + destination.linkExpirySeconds * 1000).toISOString();
    return {
      link: { status: 'uploaded', url, expiresAt, location: `s3://${destination.bucket}/${key}` },
      record: { ...location, uploaded: true },
    };
  } catch (error) {
    // SinkError and RangeError messages name the bucket, key and the SDK's error, never a URL.
    logger.error('the scan report could not be uploaded; the summary goes out without a link', {
      ...location,
      errorName: error instanceof Error ? error.name : 'Error',
      errorMessage: error instanceof Error ? error.message : String(error),
      // The SDK's error (AccessDenied, NoSuchBucket, ...) says what to fix.
      causeName: error instanceof Error && error.cause instanceof Error ? error.cause.name : null,
    });
    return { link: { status: 'failed' }, record: { ...location, uploaded: false } };
  }
}

/** The workloads of every run that finished (complete or partial), in the digest's target order. */
function reportWorkloads(comparisons: readonly TargetComparison[]): WorkloadResult[] {
  return comparisons.flatMap((c) => (finished(c.run) ? c.workloads.map((stored) => stored.result) : []));
}

/**
 * The clusters of every run that finished, in the same order. A run cut short by its deadline
 * holds the clusters it read; the rest are among the scan's gaps.
 */
function reportClusters(comparisons: readonly ScanComparison[]): ClusterResult[] {
  return comparisons.flatMap((c) => (finished(c.run) ? [...c.clusters] : []));
}

/** The scan's gaps, and a note when stored items were trimmed, so the report never looks whole when it is not. */
function reportGaps(digest: ScanDigest): Gap[] {
  if (digest.findingsOmitted === 0) return [...digest.gaps];
  return [
    ...digest.gaps,
    {
      scope: 'report',
      errorName: 'FindingsOmitted',
      message:
        `${digest.findingsOmitted} lower-severity findings were left out of stored workloads ` +
        '(DynamoDB item size limit); this report does not list them',
    },
  ];
}

function recordSummaryMetrics(metrics: MetricSink | undefined, digest: ScanDigest): void {
  if (!metrics) return;
  metrics.addMetric('ScanWorkloads', 'Count', digest.workloads);
  metrics.addMetric('ScanCoverageGaps', 'Count', digest.gaps.length);
  metrics.addMetric('NewlyIneligible', 'Count', digest.newIneligible.length);
  metrics.addMetric('WorkloadsResolved', 'Count', digest.resolved.length);
  // Savings only when exact: a partial sum charted as the total would mislead. Each direction is
  // its own decision, so its own metric.
  const { ec2ToFargate, fargateToEc2 } = digest.savings;
  if (ec2ToFargate.totalUsd !== null) metrics.addMetric('MonthlySavingsUsd', 'None', ec2ToFargate.totalUsd);
  if (fargateToEc2.workloads > 0 && fargateToEc2.totalUsd !== null)
    metrics.addMetric('MonthlySavingsFargateToEc2Usd', 'None', fargateToEc2.totalUsd);
}
