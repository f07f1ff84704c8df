/**
 * A scan Lambda about to time out: the scan is given the remaining time minus a reserve kept for
 * writing; when that runs out the target is recorded as `timed-out` with a gap, the late scan's
 * answer is never written half-way, the writes finish before the Lambda's own deadline, the
 * summary says the coverage is partial, and a retry of the target converges with no duplicates.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DIGEST_SETTINGS } from '../../lib/serverless/digest.js';
import { silentLog } from '../../lib/serverless/observability.js';
import { summarizeScan } from '../../lib/serverless/summarize.js';
import { runTargetScan, type TargetScanner } from '../../lib/serverless/target-run.js';
import { FileItemTable } from '../../lib/sinks/dynamodb/file-table.js';
import type { Item, ItemQuery, ItemTable, WriteReport } from '../../lib/sinks/dynamodb/item-table.js';
import type { ItemKey } from '../../lib/sinks/dynamodb/keys.js';
import { FULL_SCOPE } from '../../lib/sinks/dynamodb/records.js';
import { FindingsStore } from '../../lib/sinks/dynamodb-store.js';
import type { SummaryMessage } from '../../lib/sinks/sns-summary.js';
import { ACCOUNT, ecsResult, REGION, scanRef } from '../unit/serverless/results.js';

const TARGET = { account: ACCOUNT, region: REGION };
const RESULTS = Array.from({ length: 40 }, (_, i) => ecsResult(`svc-${i}`));

/** A table whose writes take a while, and which notes when each write started and ended. */
class SlowTable implements ItemTable {
  readonly writes: { started: number; ended: number; puts: number }[] = [];
  constructor(
    private readonly inner: ItemTable,
    private readonly writeMs: number,
  ) {}
  getItems(keys: readonly ItemKey[]): Promise<Item[]> {
    return this.inner.getItems(keys);
  }
  query(query: ItemQuery): AsyncIterable<Item> {
    return this.inner.query(query);
  }
  async write(puts: readonly Item[], deletes: readonly ItemKey[]): Promise<WriteReport> {
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, this.writeMs));
    const report = await this.inner.write(puts, deletes);
    this.writes.push({ started, ended: Date.now(), puts: puts.length });
    return report;
  }
  putIfAbsent(item: Item): Promise<boolean> {
    return this.inner.putIfAbsent(item);
  }
}

let directory: string;
let file: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fargate-fit-deadline-'));
  file = join(directory, 'store.json');
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Items of the file store, read fresh from disk. */
async function itemsOnDisk(): Promise<Record<string, unknown>[]> {
  const text = await readFile(file, 'utf8').catch(() => '{"items":[]}');
  const parsed = JSON.parse(text) as { items?: Record<string, unknown>[] } | Record<string, unknown>[];
  return Array.isArray(parsed) ? parsed : (parsed.items ?? []);
}

describe('a scan Lambda running out of time', () => {
  it('records the target as timed out before its deadline, and never writes the late answer', async () => {
    const table = new SlowTable(new FileItemTable(file), 150);
    const store = new FindingsStore(table);
    let aborted = false;
    let lateAnswer: (() => void) | undefined;
    const slowScanner: TargetScanner = ({ signal }) =>
      new Promise((resolve) => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
        // The scan answers well after the deadline, as a stuck region would.
        lateAnswer = () => resolve({ results: RESULTS, gaps: [], throttles: 0 });
      });

    const lambdaRemainingMs = 1_500;
    const invokedAt = Date.now();
    const scan = scanRef(27);
    const run = await runTargetScan(
      {
        scanner: slowScanner,
        store,
        suppressions: [],
        remainingTimeMs: () => lambdaRemainingMs - (Date.now() - invokedAt),
        reserveMs: 900,
        logger: silentLog,
      },
      { scan, target: TARGET, scope: FULL_SCOPE, dryRun: false },
    );
    const finishedAt = Date.now();

    expect(aborted).toBe(true);
    expect(run.outcome).toMatchObject({ status: 'timed-out', workloads: 0, gaps: 1 });
    expect(run.run.gaps[0]).toMatchObject({
      scope: 'region',
      account: ACCOUNT,
      region: REGION,
      errorName: 'ScanDeadlineExceeded',
    });
    expect(run.run.gaps[0]!.message).toMatch(/kept for writing results.*raise the function timeout/);
    // Every write started after the scan was given up and ended before the Lambda would be killed.
    expect(table.writes.length).toBeGreaterThan(0);
    for (const write of table.writes) expect(write.ended - invokedAt).toBeLessThan(lambdaRemainingMs);
    expect(finishedAt - invokedAt).toBeLessThan(lambdaRemainingMs);

    const recorded = await itemsOnDisk();
    const afterDeadline = JSON.stringify(recorded);
    lateAnswer?.();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(JSON.stringify(await itemsOnDisk())).toBe(afterDeadline);
    expect(recorded.filter((item) => item.type === 'workload-history')).toEqual([]);
    expect(recorded.filter((item) => item.type === 'target-run')).toMatchObject([{ status: 'timed-out' }]);
  });

  it('says so in the summary, and a retry with time enough converges to every workload once', async () => {
    const store = new FindingsStore(new FileItemTable(file));
    const scan = scanRef(28);
    const never: TargetScanner = () => new Promise(() => {});
    const deps = (scanner: TargetScanner, remainingMs: number) => ({
      scanner,
      store,
      suppressions: [],
      remainingTimeMs: () => remainingMs,
      reserveMs: 200,
      logger: silentLog,
    });
    const request = { scan, target: TARGET, scope: FULL_SCOPE, dryRun: false };
    await runTargetScan(deps(never, 400), request);

    const summarize = (publish: (m: SummaryMessage) => Promise<string>) =>
      summarizeScan(
        {
          store,
          publish,
          suppressions: [],
          alertOn: 'always',
          messageFormat: 'text',
          digest: DEFAULT_DIGEST_SETTINGS,
          logger: silentLog,
        },
        { scan, targets: [TARGET], notify: null, dryRun: true },
      );
    const preview = (await summarize(async () => 'id')).message!.message;
    expect(preview).toContain('Targets: 1 of 1 account-regions reported (1 timed-out)');
    expect(preview).toMatch(/Coverage gaps \(1\):/);
    expect(preview).toContain('ScanDeadlineExceeded');

    // The state machine retries the target in a fresh invocation with its full time.
    const retried = await runTargetScan(
      deps(async () => ({ results: RESULTS, gaps: [], throttles: 0 }), 600_000),
      request,
    );
    expect(retried.outcome).toMatchObject({ status: 'complete', workloads: 40, gaps: 0 });
    const items = await itemsOnDisk();
    const keys = items.map((item) => `${item.pk}|${item.sk}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(items.filter((item) => item.type === 'workload-history')).toHaveLength(40);
    expect(items.filter((item) => item.type === 'workload-state')).toHaveLength(40);
    expect(items.filter((item) => item.type === 'target-run')).toMatchObject([{ status: 'complete' }]);
  });
});
