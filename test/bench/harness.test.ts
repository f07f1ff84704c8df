import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BenchEmulator, startInProcess } from '../../bench/emulator-host.js';
import { type BenchResult, runSingleShape, useEmulatorEnvironment } from '../../bench/measure.js';
import { checkTargets } from '../../bench/report.js';
import { BENCH_SHAPES } from '../../bench/shapes.js';

// The benchmark's own harness on the small shape: what it counts must agree with the minimal-call
// model. Times are not asserted (this machine is shared); call counts are exact.
let emulator: BenchEmulator;
let restore: () => void;
let result: BenchResult;

beforeAll(async () => {
  emulator = await startInProcess({ shape: 'small', timeScale: 20, realLatencyMs: 1 });
  restore = useEmulatorEnvironment(emulator);
  result = await runSingleShape(BENCH_SHAPES.small, emulator, {
    timeScale: 20,
    latencyMs: 20,
    naive: true,
    evaluateWorkloads: 200,
    evaluateProcesses: 3,
  });
}, 60_000);

afterAll(async () => {
  restore?.();
  await emulator?.close();
});

describe('benchmark harness, small shape', () => {
  it('counts the estate the emulator serves: 2 clusters, 50 services, 40 task definitions', () => {
    const [pair] = emulator.census;
    expect(emulator.census).toHaveLength(1);
    expect(pair?.ecsClusters.map((c) => c.services)).toEqual([25, 25]);
    expect(pair?.distinctTaskDefinitions).toBe(40);
  });

  it('makes at most 1.05 × the minimal number of calls', () => {
    expect(result.minimalCalls).toBeGreaterThan(0);
    expect(result.callsToMinimal).toBeLessThanOrEqual(1.05);
  });

  it('makes at least the minimal number of calls of every action: nothing is skipped', () => {
    const short = Object.entries(result.cold.minimalCallsByAction).filter(
      ([action, minimal]) => (result.callsByAction[action] ?? 0) < minimal,
    );
    expect(short).toEqual([]);
  });

  it('describes each distinct task definition ARN once, and none on the warm scan', () => {
    expect(result.callsByAction['ecs.DescribeTaskDefinition']).toBe(40);
    expect(result.warm?.callsByAction['ecs.DescribeTaskDefinition']).toBeUndefined();
    expect(result.warm?.minimalCalls).toBe(result.minimalCalls - 40);
  });

  it('uses the ECS batch maxima: one ListServices page and five DescribeServices per cluster', () => {
    expect(result.callsByAction['ecs.ListServices']).toBe(2);
    expect(result.callsByAction['ecs.DescribeServices']).toBe(6);
    expect(result.callsByAction['ecs.ListTasks']).toBe(2);
  });

  it('lets no throttling error surface as a gap, and reports no gap at all', () => {
    expect(result.cold.throttlingGaps).toBe(0);
    expect(result.cold.gaps).toBe(0);
  });

  it('runs the naive baseline on the same estate with its per-item call pattern', () => {
    expect(result.naive).not.toBeNull();
    // One DescribeTaskDefinition per service task (2 per service), no cache.
    expect(result.naive?.callsByAction['ecs.DescribeTaskDefinition']).toBe(100);
    expect(result.naive?.callsByAction['ecs.DescribeServices']).toBe(50);
    // ListServices at its default page of 10: 3 pages per cluster of 25.
    expect(result.naive?.callsByAction['ecs.ListServices']).toBe(6);
    expect(result.naive?.calls).toBeGreaterThan(result.calls);
  });

  it('takes the evaluate figure as the median first pass of fresh processes, each judging twice', () => {
    expect(result.evaluateRuns).toHaveLength(3);
    for (const run of result.evaluateRuns) {
      expect(run.firstPass).toBeGreaterThan(0);
      expect(run.secondPass).toBeGreaterThan(0);
    }
    const firsts = result.evaluateRuns.map((run) => run.firstPass).sort((a, b) => a - b);
    const seconds = result.evaluateRuns.map((run) => run.secondPass).sort((a, b) => a - b);
    expect(result.evaluateCpuSeconds100k).toBe(firsts[1]);
    expect(result.evaluateWarmCpuSeconds100k).toBe(seconds[1]);
    expect(result.evaluatedCode).toBe('source');
  });

  it('reports the evaluate target with each run, and as not measured when nothing was judged', () => {
    const evaluateTarget = (row: BenchResult) =>
      checkTargets({ ...row, shape: 'large' }).find((check) => check.target.startsWith('evaluate'));
    const measured = evaluateTarget(result);
    const firstPasses = result.evaluateRuns.map((run) => run.firstPass.toFixed(2)).join(', ');
    expect(measured?.measured).toContain(`median of ${firstPasses} in fresh processes`);
    expect(measured?.met).toBe((result.evaluateCpuSeconds100k ?? Number.POSITIVE_INFINITY) <= 2);
    const none = evaluateTarget({ ...result, evaluateRuns: [], evaluateCpuSeconds100k: null });
    expect(none).toMatchObject({ measured: 'not measured (--evaluate-workloads 0)', met: false });
  });

  it('fills every field of the JSON row', () => {
    for (const key of [
      'wallSeconds',
      'floorSeconds',
      'wallToFloor',
      'calls',
      'minimalCalls',
      'callsToMinimal',
      'throttled',
      'peakRssMiB',
      'evaluateCpuSeconds100k',
      'evaluateWarmCpuSeconds100k',
      'naiveWallSeconds',
      'speedupVsNaive',
    ] as const) {
      expect(typeof result[key], key).toBe('number');
    }
    expect(result.floorSeconds).toBeGreaterThan(0);
  });
});
