/**
 * The benchmark's outputs: the JSON document, the targets of issue E checked against it, and the
 * Markdown table docs/benchmark.md shows with the machine it ran on.
 */
import { cpus, totalmem, type } from 'node:os';
import { type BenchResult, LAMBDA_TIMEOUT_SECONDS } from './measure.js';

/** The JSON `npm run bench -- --json FILE` writes. */
export interface BenchDocument {
  readonly generatedAt: string;
  readonly machine: Machine;
  readonly results: readonly BenchResult[];
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
}

/** What this process runs on. */
export function currentMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    os: `${type()} ${process.arch}`,
    node: process.version,
  };
}

/** One target of the issue, checked. */
export interface TargetCheck {
  readonly shape: string;
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
}

const fixed = (n: number | null | undefined, digits = 2): string =>
  n === null || n === undefined ? '–' : n.toFixed(digits);

/** `1.71, 1.80, 2.02` — one pass of each fresh process, in the order they ran. */
function passesText(runs: BenchResult['evaluateRuns'], pass: 'firstPass' | 'secondPass'): string {
  return runs.map((run) => fixed(run[pass])).join(', ');
}

/** The issue's targets for the shapes that carry them (large, org). */
export function checkTargets(result: BenchResult): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const add = (target: string, measured: string, met: boolean) =>
    checks.push({ shape: result.shape, target, measured, met });
  if (result.shape === 'large') {
    add(
      'wall ≤ 1.2 × floor (at the product pacing)',
      `${fixed(result.wallToFloor)} × (${fixed(result.wallSeconds, 1)} s / ${fixed(result.floorSeconds, 1)} s)`,
      result.wallToFloor <= 1.2,
    );
    add(
      'wall ≤ 1.2 × physical floor (h = 1, any scanner)',
      `${fixed(result.cold.wallToPhysicalFloor)} × (physical floor ${fixed(result.cold.physicalFloorSeconds, 1)} s)`,
      result.cold.wallToPhysicalFloor <= 1.2,
    );
    add('AWS calls ≤ 1.05 × minimal', `${fixed(result.callsToMinimal, 3)} ×`, result.callsToMinimal <= 1.05);
    add(
      'no throttling error surfaces as a gap',
      `${result.cold.throttlingGaps} gaps`,
      result.cold.throttlingGaps === 0,
    );
    add('peak RSS ≤ 512 MiB', `${fixed(result.peakRssMiB, 0)} MiB`, result.peakRssMiB <= 512);
    add(
      '≥ 8 × faster than the naive baseline',
      `${fixed(result.speedupVsNaive, 1)} ×`,
      (result.speedupVsNaive ?? 0) >= 8,
    );
    if (result.warm) {
      add(
        'warm scan ≤ 1.2 × warm floor',
        `${fixed(result.warm.wallToFloor)} × (${fixed(result.warm.wallSeconds, 1)} s / ${fixed(result.warm.floorSeconds, 1)} s)`,
        result.warm.wallToFloor <= 1.2,
      );
    }
    add(
      'evaluate + size + price of 100,000 workloads ≤ 2 s CPU',
      result.evaluateRuns.length === 0
        ? 'not measured (--evaluate-workloads 0)'
        : `${fixed(result.evaluateCpuSeconds100k)} s, median of ${passesText(result.evaluateRuns, 'firstPass')} in fresh processes (a second pass in each, compiled: ${passesText(result.evaluateRuns, 'secondPass')} s)`,
      (result.evaluateCpuSeconds100k ?? Number.POSITIVE_INFINITY) <= 2,
    );
  }
  if (result.shape === 'org' && result.targets && result.writePlan) {
    const slowest = Math.max(...result.targets.map((t) => t.wallSeconds));
    const budget = LAMBDA_TIMEOUT_SECONDS - result.writePlan.reserveSeconds;
    add(
      `every account-region finishes within one Lambda timeout, with its ${result.writePlan.reserveSeconds} s write reserve to spare`,
      `slowest ${fixed(slowest, 1)} s of ${budget} s; ${result.targets.filter((t) => t.status === 'complete').length}/${result.targets.length} complete`,
      slowest <= budget && result.targets.every((t) => t.status === 'complete'),
    );
    add(
      'DynamoDB write plan within the documented throughput',
      `${result.writePlan.writeUnits} WRU: ${fixed(result.writePlan.secondsAtNewTable, 1)} s at 4,000 WRU/s (new table); busiest partition ${fixed(result.writePlan.secondsForLargestPartition, 1)} s at 1,000 WCU/s`,
      result.writePlan.withinThroughput,
    );
  }
  return checks;
}

/** The Markdown section: the table, the warm scans, the targets, the machine. */
export function toMarkdown(document: BenchDocument): string {
  const { results, machine } = document;
  const scale = [...new Set(results.map((r) => r.timeScale))].join(', ');
  const latency = [...new Set(results.map((r) => r.latencyMs))].join(', ');
  const lines = [
    `Run ${document.generatedAt} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), ` +
      `${machine.os}, Node ${machine.node}. Time scale ${scale}× (emulated buckets, the product's limiter ` +
      `and the ${latency} ms per-call latency all run that much faster); times below are emulated ` +
      'seconds — real seconds × the time scale — with the real seconds in brackets.',
    '',
    '| shape | wall s | scan CPU s (real) | floor s (paced) | wall/floor | physical floor s | wall/physical | AWS calls | minimal | calls/minimal | throttled (retried) | throttling gaps | peak RSS MiB | eval CPU s / 100k | naive wall s | speed-up |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.shape} | ${fixed(r.wallSeconds, 1)} (${fixed(r.cold.realWallSeconds, 1)}) | ${fixed(r.cold.cpuSeconds, 1)} | ${fixed(r.floorSeconds, 1)} | ` +
        `${fixed(r.wallToFloor)} | ${fixed(r.cold.physicalFloorSeconds, 1)} | ${fixed(r.cold.wallToPhysicalFloor)} | ` +
        `${r.calls} | ${r.minimalCalls} | ${fixed(r.callsToMinimal, 3)} | ${r.throttled} | ${r.cold.throttlingGaps} | ` +
        `${fixed(r.peakRssMiB, 0)} | ${fixed(r.evaluateCpuSeconds100k)} | ` +
        `${r.naive ? `${fixed(r.naive.wallSeconds, 1)} (${fixed(r.naive.realWallSeconds, 1)})` : '–'} | ` +
        `${r.speedupVsNaive === null ? '–' : `${fixed(r.speedupVsNaive, 1)}×`} |`,
    );
  }
  const warm = results.filter((r) => r.warm);
  if (warm.length > 0) {
    lines.push(
      '',
      'Warm scans (task definitions cached from the cold scan):',
      '',
      '| shape | wall s | scan CPU s (real) | warm floor s (paced) | wall/floor | physical warm floor s | AWS calls | minimal | throttled |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const r of warm) {
      const w = r.warm!;
      lines.push(
        `| ${r.shape} | ${fixed(w.wallSeconds, 1)} (${fixed(w.realWallSeconds, 1)}) | ${fixed(w.cpuSeconds, 1)} | ${fixed(w.floorSeconds, 1)} | ` +
          `${fixed(w.wallToFloor)} | ${fixed(w.physicalFloorSeconds, 1)} | ${w.calls} | ${w.minimalCalls} | ${w.throttled} |`,
      );
    }
  }
  const checks = results.flatMap(checkTargets);
  if (checks.length > 0) {
    lines.push('', '| shape | target | measured | met |', '|---|---|---|---|');
    for (const c of checks)
      lines.push(`| ${c.shape} | ${c.target} | ${c.measured} | ${c.met ? 'yes' : '**no**'} |`);
  }
  for (const r of results) {
    if (r.naive) {
      lines.push(
        '',
        `Naive baseline (${r.shape}): ${r.naive.scope}; ${r.naive.calls} calls, ${r.naive.throttled} throttled; ` +
          `run at time scale ${r.naive.timeScale}×, ${fixed(r.naive.wallSeconds, 1)} emulated s (${fixed(r.naive.realWallSeconds, 1)} real s). ` +
          `Its call pattern cannot finish in under ${fixed(r.naive.floorSeconds, 1)} s at the same pacing: ` +
          `${fixed(r.naive.speedupVsNaiveFloor, 1)}× the product's cold wall time.`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
