/**
 * Faults of the sinks: DynamoDB refusing writes or leaving items unprocessed, and SNS refusing to
 * publish. The findings table is DynamoDB Local behind a misbehaving proxy; the target runs and
 * the summarizer are the Lambdas' own code. A write that did not happen must never be reported
 * as done, and a rerun must converge to the full result with no duplicate item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gap } from '../../lib/findings/result.js';
import { DEFAULT_DIGEST_SETTINGS } from '../../lib/serverless/digest.js';
import { silentLog } from '../../lib/serverless/observability.js';
import { type SummarizeDependencies, summarizeScan } from '../../lib/serverless/summarize.js';
import { runTargetScan, type TargetScanner } from '../../lib/serverless/target-run.js';
import { FULL_SCOPE, type ScanRef, type ScanTarget } from '../../lib/sinks/dynamodb/records.js';
import type { FindingsStore } from '../../lib/sinks/dynamodb-store.js';
import { SinkError } from '../../lib/sinks/sink-error.js';
import type { SummaryMessage } from '../../lib/sinks/sns-summary.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../support/dynamodb-local.js';
import { ACCOUNT, ecsResult, OTHER_ACCOUNT, REGION, scanRef } from '../unit/serverless/results.js';
import { freshTable, keysOf, ofType, stormyStore, tableItems } from './support/store.js';

let dynamo: DynamoDbLocal;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal();
}, 120_000);

afterAll(async () => {
  await dynamo?.stop();
});

const TARGET: ScanTarget = { account: ACCOUNT, region: REGION };
/** 60 workloads: three BatchWriteItem batches of state and history each. */
const RESULTS = Array.from({ length: 60 }, (_, i) =>
  ecsResult(`service-${String(i).padStart(2, '0')}`, { verdict: i % 3 === 0 ? 'eligible' : 'ineligible' }),
);
const scannerOf =
  (gaps: readonly Gap[] = []): TargetScanner =>
  async () => ({ results: RESULTS, gaps, throttles: 0 });

function runTarget(
  store: FindingsStore,
  scan: ScanRef,
  target: ScanTarget = TARGET,
  gaps: readonly Gap[] = [],
) {
  return runTargetScan(
    {
      scanner: scannerOf(gaps),
      store,
      suppressions: [],
      remainingTimeMs: () => 600_000,
      reserveMs: 30_000,
      logger: silentLog,
    },
    { scan, target, scope: FULL_SCOPE, dryRun: false },
  );
}

let tableNumber = 0;
async function newTable(): Promise<string> {
  tableNumber += 1;
  const name = `faults-${tableNumber}`;
  await freshTable(dynamo, name);
  return name;
}

describe('DynamoDB throttling', () => {
  it('retries what BatchWriteItem leaves unprocessed and records every workload exactly once', async () => {
    const table = await newTable();
    const weather = { refuse: 0, unprocessedShare: 0.4 };
    const stormy = stormyStore(dynamo, table, weather);
    const scan = scanRef(27);
    const done = await runTarget(stormy.store, scan);
    expect(stormy.counts.partial).toBeGreaterThan(2);
    expect(done.outcome).toMatchObject({ status: 'complete', workloads: 60 });

    const items = await tableItems(dynamo, table);
    expect(ofType(items, 'workload-history', scan.scanId)).toHaveLength(60);
    expect(ofType(items, 'workload-state')).toHaveLength(60);
    expect(ofType(items, 'target-run', scan.scanId)).toHaveLength(1);
    expect(new Set(keysOf(items)).size).toBe(items.length);
    expect(done.outcome.itemsWritten).toBe(items.length);
    stormy.destroy();
  });

  it('fails the run, records no run item, and converges on the retry when DynamoDB keeps refusing', async () => {
    const table = await newTable();
    const weather = { refuse: 0, unprocessedShare: 1 };
    const stormy = stormyStore(dynamo, table, weather);
    const scan = scanRef(28);
    // Every call hands everything back: the writes never happen, so the run must not claim them.
    await expect(runTarget(stormy.store, scan)).rejects.toThrow(
      /120 of 120 writes for 111122223333 us-east-1 stayed unprocessed after \d+ BatchWriteItem calls/,
    );
    expect(ofType(await tableItems(dynamo, table), 'target-run')).toEqual([]);

    // Half-way weather: the first call is refused outright, as the SDK reports after its own retries.
    weather.unprocessedShare = 0;
    weather.refuse = 1;
    await expect(runTarget(stormy.store, scan)).rejects.toBeInstanceOf(SinkError);
    expect(stormy.counts.refused).toBe(1);

    // The state machine retries the target: the same keys are written again, nothing doubles.
    const retried = await runTarget(stormy.store, scan);
    expect(retried.outcome.status).toBe('complete');
    const afterRetry = await tableItems(dynamo, table);
    expect(ofType(afterRetry, 'workload-history', scan.scanId)).toHaveLength(60);
    expect(ofType(afterRetry, 'workload-state')).toHaveLength(60);
    expect(ofType(afterRetry, 'target-run')).toHaveLength(1);
    expect(new Set(keysOf(afterRetry)).size).toBe(afterRetry.length);

    // And one more rerun of the same scan changes nothing at all.
    await runTarget(stormy.store, scan);
    expect(await tableItems(dynamo, table)).toEqual(afterRetry);
    stormy.destroy();
  });
});

describe('SNS publish failure', () => {
  function summarizer(
    store: FindingsStore,
    publish: SummarizeDependencies['publish'],
  ): SummarizeDependencies {
    return {
      store,
      publish,
      suppressions: [],
      alertOn: 'always',
      messageFormat: 'text',
      digest: DEFAULT_DIGEST_SETTINGS,
      logger: silentLog,
    };
  }

  it('records no summary when SNS refuses, publishes exactly once on the retry, and says the coverage is partial', async () => {
    const table = await newTable();
    const { store, destroy } = stormyStore(dynamo, table, { refuse: 0, unprocessedShare: 0 });
    const scan = scanRef(29);
    const clusterGap: Gap = {
      scope: 'cluster',
      account: ACCOUNT,
      region: REGION,
      cluster: 'platform',
      errorName: 'KubernetesForbidden',
      message: 'Kubernetes API: ListPod on platform: forbidden',
    };
    await runTarget(store, scan, TARGET, [clusterGap]);
    const other = { account: OTHER_ACCOUNT, region: REGION };
    // The other account was planned but never reported (its role could not be assumed).
    const request = { scan, targets: [TARGET, other], notify: null };

    const published: SummaryMessage[] = [];
    let refusals = 1;
    const publish = async (message: SummaryMessage) => {
      if (refusals > 0) {
        refusals -= 1;
        throw Object.assign(new Error('Topic is temporarily unavailable'), {
          name: 'InternalErrorException',
        });
      }
      published.push(message);
      return `message-${published.length}`;
    };

    await expect(summarizeScan(summarizer(store, publish), request)).rejects.toThrow(
      /temporarily unavailable/,
    );
    expect(ofType(await tableItems(dynamo, table), 'scan-summary')).toEqual([]);

    const retried = await summarizeScan(summarizer(store, publish), request);
    expect(published).toHaveLength(1);
    expect(retried.summary).toMatchObject({ targets: 2, targetsReported: 1, gaps: 2 });
    expect(retried.summary.notification.messageId).toBe('message-1');
    const text = published[0]!.message;
    expect(text).toContain('Targets: 1 of 2 account-regions reported (1 partial)');
    expect(text).toMatch(/Coverage gaps \(2\):/);
    expect(text).toContain(`${ACCOUNT} ${REGION} platform: KubernetesForbidden`);
    expect(text).toContain(OTHER_ACCOUNT);

    const again = await summarizeScan(summarizer(store, publish), request);
    expect(again.alreadySummarized).toBe(true);
    expect(published).toHaveLength(1);
    expect(ofType(await tableItems(dynamo, table), 'scan-summary')).toHaveLength(1);
    destroy();
  });
});
