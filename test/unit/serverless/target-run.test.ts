/**
 * The deadline of a target run: the scanner's signal aborts a hand-back window before the scan
 * budget ends, with a ScanDeadlineError naming how long the scan ran; what the scanner hands back
 * in that window is recorded as a `partial` run; a scanner that fails or stays silent after the
 * abort makes the run `timed-out`. The reserve for writing is never used by the scan.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../../lib/serverless/observability.js';
import {
  handBackMs,
  MAX_HAND_BACK_MS,
  runTargetScan,
  ScanDeadlineError,
  type TargetScanner,
} from '../../../lib/serverless/target-run.js';
import { FileItemTable } from '../../../lib/sinks/dynamodb/file-table.js';
import { FULL_SCOPE } from '../../../lib/sinks/dynamodb/records.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import { clusterResult, ecsResult, scanRef, TARGET } from './results.js';

const request = { scan: scanRef(30), target: TARGET, scope: FULL_SCOPE, dryRun: true };

/** Runs a target with `remainingMs` of Lambda time and `reserveMs` kept for writing. */
async function runWith(scanner: TargetScanner, remainingMs: number, reserveMs: number) {
  const started = Date.now();
  const run = await runTargetScan(
    {
      scanner,
      store: null,
      suppressions: [],
      remainingTimeMs: () => remainingMs - (Date.now() - started),
      reserveMs,
      logger: silentLog,
    },
    request,
  );
  return { run, elapsedMs: Date.now() - started };
}

describe('handBackMs', () => {
  it('is a fifth of the scan budget, at most 15 s', () => {
    expect(handBackMs(1_000)).toBe(200);
    expect(handBackMs(60_000)).toBe(12_000);
    expect(handBackMs(780_000)).toBe(MAX_HAND_BACK_MS);
    expect(MAX_HAND_BACK_MS).toBe(15_000);
  });
});

describe('a target run reaching its deadline', () => {
  it('records what the scanner hands back after the abort as a partial run', async () => {
    let abortedAtMs: number | null = null;
    let reason: unknown;
    const started = Date.now();
    const handsBack: TargetScanner = ({ signal, target }) =>
      new Promise((resolve) => {
        signal.addEventListener('abort', () => {
          abortedAtMs = Date.now() - started;
          reason = signal.reason;
          resolve({
            results: [ecsResult('finished-1'), ecsResult('finished-2')],
            gaps: [
              {
                scope: 'ecs-cluster',
                account: target.account,
                region: target.region,
                cluster: 'slow',
                errorName: (reason as Error).name,
                message: (reason as Error).message,
              },
            ],
            throttles: 0,
          });
        });
      });
    // 2.5 s left, 0.5 s reserve: 2 s of scan, aborted 0.4 s before its end.
    const { run, elapsedMs } = await runWith(handsBack, 2_500, 500);
    expect(abortedAtMs).toBeGreaterThanOrEqual(1_500);
    expect(abortedAtMs).toBeLessThan(2_000);
    expect(reason).toBeInstanceOf(ScanDeadlineError);
    expect((reason as Error).message).toBe("not scanned: the Lambda's time ran out after 2 s");
    expect(run.outcome).toMatchObject({ status: 'partial', workloads: 2, gaps: 1 });
    expect(run.workloads.map((w) => w.result.name)).toEqual(['finished-1', 'finished-2']);
    expect(run.run.gaps[0]).toMatchObject({ cluster: 'slow', errorName: 'ScanDeadlineExceeded' });
    // Handed back well inside the scan budget; the reserve is untouched.
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it('is timed out when the scanner fails because of the abort', async () => {
    const failsOnAbort: TargetScanner = ({ signal }) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const { run } = await runWith(failsOnAbort, 1_000, 500);
    expect(run.outcome).toMatchObject({ status: 'timed-out', workloads: 0, gaps: 1 });
    expect(run.run.gaps[0]).toMatchObject({ scope: 'region', errorName: 'ScanDeadlineExceeded' });
    expect(run.run.gaps[0]?.message).toMatch(/none of its workloads are reported/);
  });

  it('is timed out, at the end of the budget, when the scanner ignores the abort', async () => {
    const deaf: TargetScanner = () => new Promise(() => {});
    const { run, elapsedMs } = await runWith(deaf, 1_000, 500);
    expect(run.outcome.status).toBe('timed-out');
    expect(elapsedMs).toBeGreaterThanOrEqual(490);
    expect(elapsedMs).toBeLessThan(1_000);
  });

  it('is complete when the scan finishes before the abort', async () => {
    const quick: TargetScanner = async ({ signal }) => {
      expect(signal.aborted).toBe(false);
      return { results: [ecsResult('all')], gaps: [], throttles: 0 };
    };
    const { run } = await runWith(quick, 10_000, 500);
    expect(run.outcome).toMatchObject({ status: 'complete', workloads: 1, gaps: 0 });
  });
});

describe('the clusters of a target run', () => {
  const platform = clusterResult('platform');
  const prod = clusterResult('prod-ec2', { scope: 'ecs' });

  async function withStore<T>(body: (store: FindingsStore) => Promise<T>): Promise<T> {
    const directory = await mkdtemp(join(tmpdir(), 'fargate-fit-target-run-'));
    try {
      return await body(new FindingsStore(new FileItemTable(join(directory, 'store.json'))));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }

  const deps = (scanner: TargetScanner, store: FindingsStore | null, remainingMs = 10_000) => {
    const started = Date.now();
    return {
      scanner,
      store,
      suppressions: [],
      remainingTimeMs: () => remainingMs - (Date.now() - started),
      reserveMs: 500,
      logger: silentLog,
    };
  };

  it('records the clusters a deadline cut short read, and keeps the unread one as a gap', async () => {
    await withStore(async (store) => {
      // The night before: both clusters read.
      const both: TargetScanner = async () => ({
        results: [ecsResult('web')],
        clusters: [platform, prod],
        gaps: [],
        throttles: 0,
      });
      await runTargetScan(deps(both, store), { ...request, scan: scanRef(29), dryRun: false });

      // Tonight the deadline hands back ECS, and EKS is a gap.
      const cutShort: TargetScanner = ({ signal, target }) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () =>
            resolve({
              results: [ecsResult('web')],
              clusters: [prod],
              gaps: [
                {
                  scope: 'eks',
                  account: target.account,
                  region: target.region,
                  errorName: (signal.reason as Error).name,
                  message: (signal.reason as Error).message,
                },
              ],
              throttles: 0,
            }),
          );
        });
      const run = await runTargetScan(deps(cutShort, store, 2_000), { ...request, dryRun: false });
      expect(run.outcome).toMatchObject({ status: 'partial', gaps: 1 });
      expect(run.clusters).toEqual([prod]);
      expect(run.run.gaps[0]).toMatchObject({ scope: 'eks', errorName: 'ScanDeadlineExceeded' });

      const tonight = await store.clustersOfRun(scanRef(30).scanId, TARGET);
      expect(tonight.map((c) => c.cluster)).toEqual([prod]);
      // The EKS cluster was not read, not gone: its state stays as last seen.
      const states = await store.clusterStatesOfTarget(TARGET);
      expect(states.map((s) => [s.cluster.name, s.lastSeen])).toEqual([
        ['prod-ec2', scanRef(30).startedAt],
        ['platform', scanRef(29).startedAt],
      ]);
    });
  });

  it('keeps only the clusters of a narrowed scope, and names a repeated cluster id in a gap', async () => {
    const scanner: TargetScanner = async () => ({
      results: [],
      clusters: [platform, prod, { ...platform, workloads: 99 }],
      gaps: [],
      throttles: 0,
    });
    const narrowed = await runTargetScan(deps(scanner, null), {
      ...request,
      scope: { clusters: ['platform'], namespaces: null },
    });
    expect(narrowed.clusters).toEqual([platform]);
    expect(narrowed.run.gaps).toEqual([
      expect.objectContaining({
        scope: 'cluster',
        errorName: 'DuplicateClusterId',
        message: `1 cluster results repeated the id of another and were left out: ${platform.id}`,
      }),
    ]);
    expect(narrowed.outcome.status).toBe('partial');
  });

  it('writes no cluster and touches no cluster state when the run failed', async () => {
    await withStore(async (store) => {
      const both: TargetScanner = async () => ({
        results: [],
        clusters: [platform, prod],
        gaps: [],
        throttles: 0,
      });
      await runTargetScan(deps(both, store), { ...request, scan: scanRef(29), dryRun: false });
      const failing: TargetScanner = async () => {
        throw Object.assign(new Error('AssumeRole refused'), { name: 'AccessDenied' });
      };
      const run = await runTargetScan(deps(failing, store), { ...request, dryRun: false });
      expect(run.outcome.status).toBe('failed');
      expect(run.clusters).toEqual([]);
      expect(await store.clustersOfRun(scanRef(30).scanId, TARGET)).toEqual([]);
      expect((await store.clusterStatesOfTarget(TARGET)).map((s) => s.cluster.name)).toEqual([
        'prod-ec2',
        'platform',
      ]);
    });
  });
});
