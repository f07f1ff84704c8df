import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileItemTable } from '../../../lib/sinks/dynamodb/file-table.js';
import { FULL_SCOPE } from '../../../lib/sinks/dynamodb/records.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import { ecsResult, scanRef, TARGET } from '../serverless/results.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fargate-fit-store-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const record = (
  store: FindingsStore,
  day: number,
  results = [ecsResult('web'), ecsResult('api', { verdict: 'eligible' })],
) =>
  store.recordTargetRun({
    scan: scanRef(day),
    target: TARGET,
    scope: FULL_SCOPE,
    status: 'complete',
    results,
    gaps: [],
    throttles: 0,
  });

describe('the embedded local store (CLI without --table)', () => {
  it('keeps runs across processes so the next scan finds its baseline', async () => {
    const file = join(directory, '.fargate-fit', 'store.json');
    await record(new FindingsStore(new FileItemTable(file)), 26);

    const later = new FindingsStore(new FileItemTable(file));
    const baseline = await later.baselineRun(TARGET, scanRef(27), FULL_SCOPE);
    expect(baseline?.scanId).toBe(scanRef(26).scanId);
    const workloads = await later.workloadsOfRun(baseline!.scanId, TARGET);
    expect(workloads.map((w) => w.result.name).sort()).toEqual(['api', 'web']);
  });

  it('answers the store queries: states by target, by verdict ordered by savings, summaries by time', async () => {
    const store = new FindingsStore(new FileItemTable(join(directory, 'store.json')));
    await record(store, 27, [
      ecsResult('small', { verdict: 'eligible', savings: 5 }),
      ecsResult('big', { verdict: 'eligible', savings: 500 }),
      ecsResult('unpriced', { verdict: 'eligible', savings: null }),
      ecsResult('blocked'),
    ]);
    expect((await store.statesOfTarget(TARGET)).map((s) => s.result.name).sort()).toEqual([
      'big',
      'blocked',
      'small',
      'unpriced',
    ]);
    const eligible = await store.workloadsByVerdict('eligible', 10);
    expect(eligible.map((s) => s.result.name)).toEqual(['big', 'small', 'unpriced']);
    expect((await store.workloadsByVerdict('eligible', 1)).map((s) => s.result.name)).toEqual(['big']);
  });

  it('removes expired history when it reads the file, as DynamoDB TTL would', async () => {
    const file = join(directory, 'store.json');
    await record(new FindingsStore(new FileItemTable(file), { historyDays: 1 }), 20);
    const muchLater = () => Date.parse('2026-12-31T00:00:00Z') / 1000;
    const store = new FindingsStore(new FileItemTable(file, muchLater));
    expect(await store.runsOfScan(scanRef(20).scanId)).toEqual([]);
    expect(await store.statesOfTarget(TARGET)).toHaveLength(2);
  });

  it('refuses a file that is not a store, naming it', async () => {
    const file = join(directory, 'store.json');
    await writeFile(file, '{"something":"else"}');
    await expect(new FindingsStore(new FileItemTable(file)).runsOfScan('x')).rejects.toThrow(
      /store\.json is not a version 1 store/,
    );
  });

  it('writes nothing new on a rerun of the same scan', async () => {
    const file = join(directory, 'store.json');
    await record(new FindingsStore(new FileItemTable(file)), 27);
    const first = await readFile(file, 'utf8');
    await record(new FindingsStore(new FileItemTable(file)), 27);
    expect(await readFile(file, 'utf8')).toBe(first);
  });
});
