/**
 * The deadline of a target run: the scanner's signal aborts a hand-back window before the scan
 * budget ends, with a ScanDeadlineError naming how long the scan ran; what the scanner hands back
 * in that window is recorded as a `partial` run; a scanner that fails or stays silent after the
 * abort makes the run `timed-out`. The reserve for writing is never used by the scan.
 */
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../../lib/serverless/observability.js';
import {
  handBackMs,
  MAX_HAND_BACK_MS,
  runTargetScan,
  ScanDeadlineError,
  type TargetScanner,
} from '../../../lib/serverless/target-run.js';
import { FULL_SCOPE } from '../../../lib/sinks/dynamodb/records.js';
import { ecsResult, scanRef, TARGET } from './results.js';

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
