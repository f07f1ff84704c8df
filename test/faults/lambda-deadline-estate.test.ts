/**
 * A scan Lambda that runs out of time on a slow estate hands back what it has: the real pipeline
 * scanner (AWS SDK and Kubernetes clients against the emulator) with one ECS cluster and one
 * Kubernetes API answering far too slowly, under a short time budget. The clusters that finished
 * are judged and written to DynamoDB Local, the slow ones are gaps naming the deadline, the run
 * is `partial`, every write ends before the Lambda's own deadline, and a rerun with time enough
 * converges to the full set with no duplicate item.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkloadResult } from '../../lib/findings/result.js';
import { silentLog } from '../../lib/serverless/observability.js';
import { pipelineScanner } from '../../lib/serverless/pipeline-scanner.js';
import { documentClient } from '../../lib/serverless/runtime.js';
import { readSettings } from '../../lib/serverless/settings.js';
import { runTargetScan, type TargetRunDependencies } from '../../lib/serverless/target-run.js';
import { DynamoDbItemTable } from '../../lib/sinks/dynamodb/dynamodb-table.js';
import { FULL_SCOPE } from '../../lib/sinks/dynamodb/records.js';
import { FindingsStore } from '../../lib/sinks/dynamodb-store.js';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_REGION,
  DEMO_ROLE,
  type RunningEmulator,
  startEmulator,
} from '../emulator/index.js';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, startDynamoDbLocal } from '../support/dynamodb-local.js';
import { TEST_ENVIRONMENT } from '../unit/serverless/runtime-fixture.js';
import { useEmulatorEnvironment } from './support/estate.js';
import { freshTable, keysOf, ofType, tableItems } from './support/store.js';

const TABLE = 'deadline-findings';
const TARGET = { account: DEMO_ACCOUNT, region: DEMO_REGION };
const SCAN = {
  scanId: 'nightly-2026-11-30',
  startedAt: '2026-11-30T02:00:00.000Z',
  trigger: 'schedule' as const,
};
/** Far longer than the test's time budget: these calls answer only after the abort. */
const STUCK_MS = 15_000;

let emulator: RunningEmulator;
let restoreEnvironment: () => void;
let dynamo: DynamoDbLocal;
let store: FindingsStore;
let dynamoClient: DynamoDBClient;

beforeAll(async () => {
  emulator = await startEmulator(buildDemoScenario());
  restoreEnvironment = useEmulatorEnvironment(emulator);
  dynamo = await startDynamoDbLocal();
  await freshTable(dynamo, TABLE);
  dynamoClient = new DynamoDBClient({
    region: DEMO_REGION,
    endpoint: dynamo.endpoint,
    credentials: LOCAL_CREDENTIALS,
  });
  store = new FindingsStore(new DynamoDbItemTable(documentClient(dynamoClient), TABLE));
}, 120_000);

afterAll(async () => {
  restoreEnvironment?.();
  dynamoClient?.destroy();
  await emulator?.close();
  await dynamo?.stop();
});

/** A target run of the production scanner with `remainingMs` of Lambda time left at the start. */
function deps(remainingMs: number, reserveMs: number, writeTo: FindingsStore | null): TargetRunDependencies {
  const invokedAt = Date.now();
  const settings = readSettings({
    ...TEST_ENVIRONMENT,
    FARGATE_FIT_MEMBER_ROLE_NAME: DEMO_ROLE.name,
    FARGATE_FIT_EXTERNAL_ID: DEMO_ROLE.externalId,
  });
  return {
    scanner: pipelineScanner(settings, DEMO_ACCOUNT),
    store: writeTo,
    suppressions: [],
    remainingTimeMs: () => remainingMs - (Date.now() - invokedAt),
    reserveMs,
    logger: silentLog,
  };
}

const onSlowClusters = (r: WorkloadResult) =>
  r.id.startsWith('eks:platform/') || r.cluster === 'analytics-ec2';

describe('a scan Lambda running out of time on a slow estate', () => {
  it('writes what it finished, names the rest as gaps, and a rerun converges without duplicates', async () => {
    // Ground truth: the same target with all the time it needs, written nowhere.
    const truth = await runTargetScan(deps(600_000, 5_000, null), {
      scan: SCAN,
      target: TARGET,
      scope: FULL_SCOPE,
      dryRun: true,
    });
    expect(truth.outcome.status).toBe('complete');
    const truthResults = truth.workloads.map((w) => w.result);
    expect(truthResults.filter(onSlowClusters).length).toBeGreaterThan(10);
    expect(truthResults.filter((r) => !onSlowClusters(r)).length).toBeGreaterThan(5);

    emulator.faults.add({
      match: { service: 'kubernetes', cluster: 'platform' },
      fault: { kind: 'delay', ms: STUCK_MS },
    });
    emulator.faults.add({
      match: { service: 'ecs', cluster: 'analytics-ec2' },
      fault: { kind: 'delay', ms: STUCK_MS },
    });
    const remainingMs = 10_000;
    const reserveMs = 3_000;
    const started = Date.now();
    const cut = await runTargetScan(deps(remainingMs, reserveMs, store), {
      scan: SCAN,
      target: TARGET,
      scope: FULL_SCOPE,
      dryRun: false,
    });
    const finishedAt = Date.now() - started;
    emulator.faults.clear();

    // Written, and done, before the Lambda would have been killed.
    expect(finishedAt).toBeLessThan(remainingMs);
    expect(cut.outcome.status).toBe('partial');
    // Everything of the clusters that finished, with the verdicts a full scan gives.
    const verdicts = (results: readonly WorkloadResult[]) =>
      Object.fromEntries(results.map((r) => [r.id, r.verdict]).sort());
    const handedBack = cut.workloads.map((w) => w.result);
    expect(verdicts(handedBack)).toEqual(verdicts(truthResults.filter((r) => !onSlowClusters(r))));
    // The slow clusters are gaps naming the deadline, one per cluster.
    const deadlineGaps = cut.run.gaps.filter((g) => g.errorName === 'ScanDeadlineExceeded');
    expect(
      deadlineGaps
        .map((g) => g.cluster)
        .filter(Boolean)
        .sort(),
    ).toEqual(['analytics-ec2', 'platform']);
    for (const gap of deadlineGaps) {
      expect(gap.message).toMatch(/^not scanned: the Lambda's time ran out after \d+ s/);
    }
    // Region-wide lookups that come after collection are not made after the abort either: their
    // gaps name the deadline, and capacity providers left undescribed say so.
    const otherCauses = cut.run.gaps.filter(
      (g) => g.scope !== 'price' && g.errorName !== 'ScanDeadlineExceeded',
    );
    expect(otherCauses.every((g) => g.errorName === 'CapacityProviderNotFound')).toBe(true);

    const afterCut = await tableItems(dynamo, TABLE);
    expect(
      ofType(afterCut, 'workload-history', SCAN.scanId)
        .map((i) => i.workloadId)
        .sort(),
    ).toEqual(handedBack.map((r) => r.id).sort());
    expect(ofType(afterCut, 'target-run', SCAN.scanId)).toMatchObject([{ status: 'partial' }]);

    // The state machine's retry of the target, in a fresh invocation with its full time.
    const rerun = await runTargetScan(deps(600_000, 5_000, store), {
      scan: SCAN,
      target: TARGET,
      scope: FULL_SCOPE,
      dryRun: false,
    });
    expect(rerun.outcome.status).toBe('complete');
    expect(verdicts(rerun.workloads.map((w) => w.result))).toEqual(verdicts(truthResults));
    const converged = await tableItems(dynamo, TABLE);
    const keys = keysOf(converged);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ofType(converged, 'workload-history', SCAN.scanId)).toHaveLength(truthResults.length);
    expect(ofType(converged, 'target-run', SCAN.scanId)).toMatchObject([{ status: 'complete' }]);
  }, 60_000);
});
