/**
 * The CLI's use of the same sinks: `scan --table NAME --topic-arn ARN` records a finished scan in
 * DynamoDB and publishes its summary to SNS; with neither, the scan is kept in the embedded local
 * store (`.fargate-fit/store.json`) so the next `scan` diffs against it. One call after the scan
 * pipeline has produced its results.
 */
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import type { ClusterResult, Gap, WorkloadResult } from '../findings/result.js';
import type { Suppression } from '../findings/suppressions.js';
import { DynamoDbItemTable } from '../sinks/dynamodb/dynamodb-table.js';
import { FileItemTable } from '../sinks/dynamodb/file-table.js';
import type { ScanRef, ScanScope, ScanTarget, TargetStatus } from '../sinks/dynamodb/records.js';
import { FindingsStore } from '../sinks/dynamodb-store.js';
import { publishSummary } from '../sinks/sns-publisher.js';
import type { MessageFormat } from '../sinks/sns-summary.js';
import { DEFAULT_DIGEST_SETTINGS, type DigestSettings } from './digest.js';
import { type LogSink, silentLog } from './observability.js';
import { compactTimestamp } from './payload.js';
import { documentClient } from './runtime.js';
import { type Publisher, type SummarizeOutcome, summarizeScan } from './summarize.js';

/** Where the CLI keeps its local scan history by default (already in .gitignore). */
export const LOCAL_STORE_FILE = join('.fargate-fit', 'store.json');

/** A scan ref for a CLI run, named after its start time. */
export function cliScanRef(now: Date): ScanRef {
  const startedAt = now.toISOString();
  return { scanId: `cli-${compactTimestamp(startedAt)}`, startedAt, trigger: 'cli' };
}

/** The findings store of `scan --table NAME` (DynamoDB, the standard credential chain). */
export function dynamoDbStore(tableName: string, region: string, historyDays?: number): FindingsStore {
  const table = new DynamoDbItemTable(documentClient(new DynamoDBClient({ region })), tableName);
  return new FindingsStore(table, historyDays ? { historyDays } : undefined);
}

/** The embedded local store of `scan` without --table: a JSON file, no server. */
export function localStore(file: string = LOCAL_STORE_FILE, historyDays?: number): FindingsStore {
  return new FindingsStore(new FileItemTable(file), historyDays ? { historyDays } : undefined);
}

/** The publisher of `scan --topic-arn ARN`; the topic's region is read from its ARN. */
export function snsPublisher(topicArn: string): Publisher {
  const region = topicArn.split(':')[3];
  if (!topicArn.startsWith('arn:') || !region) throw new Error(`"${topicArn}" is not an SNS topic ARN`);
  const sns = new SNSClient({ region });
  return (message) => publishSummary(sns, topicArn, message);
}

/** A finished CLI scan and where to record and publish it. */
export interface RecordScanRequest {
  readonly store: FindingsStore;
  /** Null without --topic-arn: nothing is published (the summary is still computed and recorded). */
  readonly publish: Publisher | null;
  readonly scan: ScanRef;
  /** Every (account, region) the scan covered, reached or not. */
  readonly targets: readonly ScanTarget[];
  readonly scope: ScanScope;
  readonly results: readonly WorkloadResult[];
  /** The clusters the scan read, with their compliance findings; absent: none are recorded. */
  readonly clusters?: readonly ClusterResult[];
  readonly gaps: readonly Gap[];
  readonly suppressions?: readonly Suppression[];
  readonly alertOn?: 'changes' | 'always';
  readonly messageFormat?: MessageFormat;
  readonly digest?: DigestSettings;
  readonly logger?: LogSink;
}

const keyOf = (t: {
  readonly account: string | null | undefined;
  readonly region: string | null | undefined;
}) => `${t.account ?? ''}/${t.region ?? ''}`;

/**
 * Records a finished multi-target scan as one run per (account, region) and summarizes it: the
 * same items and the same diff the Lambdas produce. Gaps that name no account and region (a
 * failing pricing source, say) are reported once for the whole scan.
 */
export async function recordScan(request: RecordScanRequest): Promise<SummarizeOutcome> {
  const logger = request.logger ?? silentLog;
  const targets = new Map(request.targets.map((t) => [keyOf(t), { account: t.account, region: t.region }]));
  for (const result of request.results) {
    // A result outside the listed targets is still recorded, never dropped.
    if (result.account && result.region && !targets.has(keyOf(result))) {
      targets.set(keyOf(result), { account: result.account, region: result.region });
    }
  }
  const sceneGaps = request.gaps.filter((gap) => !gap.account);
  const current = [];
  for (const target of targets.values()) {
    const results = request.results.filter((r) => keyOf(r) === keyOf(target));
    const clusters = request.clusters?.filter((c) => keyOf(c) === keyOf(target));
    const gaps = request.gaps.filter(
      (gap) => gap.account === target.account && (gap.region === undefined || gap.region === target.region),
    );
    const recorded = await request.store.recordTargetRun({
      scan: request.scan,
      target,
      scope: request.scope,
      status: statusOf(results, gaps),
      results,
      ...(clusters ? { clusters } : {}),
      gaps,
      throttles: 0,
    });
    const contents = await request.store.runContents(request.scan.scanId, target);
    current.push({
      run: recorded.run,
      workloads: contents.workloads,
      clusters: contents.clusters.map((stored) => stored.cluster),
    });
  }
  return summarizeScan(
    {
      store: request.store,
      publish: request.publish,
      suppressions: request.suppressions ?? [],
      alertOn: request.alertOn ?? 'changes',
      messageFormat: request.messageFormat ?? 'text',
      digest: request.digest ?? DEFAULT_DIGEST_SETTINGS,
      logger,
    },
    { scan: request.scan, targets: [...targets.values()], notify: null, extraGaps: sceneGaps, current },
  );
}

/** Nothing found and an account- or region-wide gap: the target could not be read at all. */
function statusOf(results: readonly WorkloadResult[], gaps: readonly Gap[]): TargetStatus {
  const collectionGaps = gaps.filter((gap) => gap.scope !== 'price');
  if (
    results.length === 0 &&
    collectionGaps.some((gap) => gap.scope === 'account' || gap.scope === 'region')
  ) {
    return 'failed';
  }
  return collectionGaps.length > 0 ? 'partial' : 'complete';
}
