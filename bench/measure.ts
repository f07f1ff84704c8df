/**
 * One benchmark run of one shape: the product's cold and warm scans, the naive baseline on the same
 * estate, evaluate + size + price of 100,000 workloads, and (org) the Lambda fan-out with its
 * DynamoDB write plan. Every time is reported in emulated seconds (real seconds × time scale) next
 * to the real seconds it took on this machine.
 */
import pLimit from 'p-limit';
import type { ClusterResult, Gap, WorkloadResult } from '../lib/findings/result.js';
import { CallStats } from '../lib/inventory/call-stats.js';
import { ClientFactory } from '../lib/inventory/clients.js';
import {
  InMemoryTaskDefinitionCache,
  type TaskDefinitionCache,
} from '../lib/inventory/ecs/task-definition-cache.js';
import { DEFAULT_SHARE, RateLimiter } from '../lib/inventory/limiter.js';
import { type ScanDeps, scanEstate } from '../lib/inventory/scan.js';
import type { Inventory } from '../lib/inventory/snapshot.js';
import { byText } from '../lib/model/text-order.js';
import { silentLog } from '../lib/serverless/observability.js';
import { pipelineScanner } from '../lib/serverless/pipeline-scanner.js';
import { readSettings } from '../lib/serverless/settings.js';
import { runTargetScan, type TargetScanner } from '../lib/serverless/target-run.js';
import { itemSizeUpperBound, toItems } from '../lib/sinks/dynamodb/items.js';
import { FULL_SCOPE, type ScanRef } from '../lib/sinks/dynamodb/records.js';
import type { EmulatorStats } from '../test/emulator/index.js';
import type { AccountRegionCensus } from './census.js';
import type { BenchEmulator } from './emulator-host.js';
import {
  DEFAULT_EVALUATE_PROCESSES,
  type EvaluateRun,
  evaluateInFreshProcesses,
  median,
} from './evaluate.js';
import {
  addCounts,
  type CallCounts,
  fanOutFloorSeconds,
  floorOf,
  minimalCalls,
  patternFloorSeconds,
  totalCalls,
} from './floor-model.js';
import type { JudgeCodeOrigin } from './judge-code.js';
import { naiveScan } from './naive-scanner.js';
import { scaledClock } from './scaled-clock.js';
import { BENCH_MEMBER_ROLE, type BenchShape } from './shapes.js';

/** The knobs of a run. */
export interface RunSettings {
  /** Emulated seconds per real second (buckets, the product's limiter, latency). */
  readonly timeScale: number;
  /** Emulated round trip of one call, in milliseconds (L of scan-limits §4.3). */
  readonly latencyMs: number;
  /** Run the naive baseline (single-account shapes only). */
  readonly naive: boolean;
  /**
   * Time scale of the naive run (default: `timeScale`). The baseline takes ten times longer, so it
   * may run faster; its time is reported in emulated seconds all the same.
   */
  readonly naiveTimeScale?: number;
  /** Workloads judged for the CPU figure. */
  readonly evaluateWorkloads: number;
  /** The code judged for the CPU figure (default `source`; `npm run bench` judges the shipped build). */
  readonly evaluateCode?: JudgeCodeOrigin;
  /** Fresh processes the CPU figure is the median of (default {@link DEFAULT_EVALUATE_PROCESSES}). */
  readonly evaluateProcesses?: number;
}

/** A scan's wall time against its floors, and its calls against the minimal count. */
export interface ScanMeasurement {
  readonly wallSeconds: number;
  readonly realWallSeconds: number;
  /**
   * CPU seconds this process spent during the scan (real, not scaled). Times the time scale, it is
   * what the CPU alone costs in emulated time: when it nears the floor, the run measures this
   * machine's CPU rather than the scanner's pacing.
   */
  readonly cpuSeconds: number;
  /** Floor at the product's pacing (its limiter's share of each bucket). */
  readonly floorSeconds: number;
  readonly wallToFloor: number;
  /** Floor of any scanner: the server's buckets used in full. */
  readonly physicalFloorSeconds: number;
  readonly wallToPhysicalFloor: number;
  readonly bindingBucket: string;
  readonly calls: number;
  readonly minimalCalls: number;
  readonly callsToMinimal: number;
  readonly callsByAction: Readonly<Record<string, number>>;
  readonly minimalCallsByAction: Readonly<Record<string, number>>;
  /** Throttling answers the emulator sent (each was retried by the scanner). */
  readonly throttled: number;
  /** Gaps a throttling error caused (a call that failed even after its retries). */
  readonly throttlingGaps: number;
  readonly gaps: number;
}

/** One fan-out target (a Lambda's run). */
export interface TargetMeasurement {
  readonly account: string;
  readonly region: string;
  readonly status: string;
  readonly workloads: number;
  readonly wallSeconds: number;
  readonly floorSeconds: number;
  readonly lambdaTimeoutSeconds: number;
}

/** The DynamoDB writes the org's target runs would make, against the table's documented throughput. */
export interface WritePlan {
  readonly items: number;
  readonly writeUnits: number;
  readonly largestPartitionWriteUnits: number;
  /** Seconds to write every target's items at a new on-demand table's 4,000 WRU/s. */
  readonly secondsAtNewTable: number;
  /** Seconds to write the busiest partition at 1,000 WCU/s. */
  readonly secondsForLargestPartition: number;
  /** Seconds each Lambda keeps back for writing (FARGATE_FIT_DEADLINE_RESERVE_SECONDS default). */
  readonly reserveSeconds: number;
  readonly withinThroughput: boolean;
}

/** The JSON row of one shape (the fields first, then the detail behind them). */
export interface BenchResult {
  readonly shape: string;
  readonly wallSeconds: number;
  readonly floorSeconds: number;
  readonly wallToFloor: number;
  readonly calls: number;
  readonly minimalCalls: number;
  readonly callsToMinimal: number;
  readonly callsByAction: Readonly<Record<string, number>>;
  readonly throttled: number;
  readonly peakRssMiB: number;
  /** The median of {@link evaluateRuns}' first passes: what a fresh process pays. */
  readonly evaluateCpuSeconds100k: number | null;
  readonly naiveWallSeconds: number | null;
  readonly speedupVsNaive: number | null;
  /**
   * The median of the second passes, each in the same process as its first: what the judge costs
   * once V8 has compiled it. Information only; the target is judged on the first pass.
   */
  readonly evaluateWarmCpuSeconds100k: number | null;
  /** Each fresh process's two passes, CPU seconds per 100,000 workloads, in the order they ran. */
  readonly evaluateRuns: readonly EvaluateRun[];
  readonly description: string;
  readonly timeScale: number;
  readonly latencyMs: number;
  readonly limiterShare: number;
  readonly cold: ScanMeasurement;
  readonly warm: ScanMeasurement | null;
  readonly naive: {
    readonly wallSeconds: number;
    readonly realWallSeconds: number;
    readonly timeScale: number;
    /** Floor of the naive call pattern at the same pacing: the least time it could ever take. */
    readonly floorSeconds: number;
    /** The product's cold wall time against the naive pattern's floor (a speed-up that cannot be inflated). */
    readonly speedupVsNaiveFloor: number;
    readonly calls: number;
    readonly callsByAction: Readonly<Record<string, number>>;
    readonly throttled: number;
    readonly scope: string;
  } | null;
  readonly evaluatedWorkloads: number;
  /** Which code the evaluate figure judged: `shipped` (compiled `dist/`) or `source` (under tsx). */
  readonly evaluatedCode: JudgeCodeOrigin | null;
  readonly targets: readonly TargetMeasurement[] | null;
  readonly writePlan: WritePlan | null;
}

/** Lambda's maximum timeout (scan-limits §3.1). */
export const LAMBDA_TIMEOUT_SECONDS = 900;
const NEW_TABLE_WRU_PER_SECOND = 4_000;
const PARTITION_WCU_PER_SECOND = 1_000;

const round = (n: number, digits = 3): number => Number(n.toFixed(digits));
const ratio = (a: number, b: number): number => (b > 0 ? round(a / b) : 0);

/** Scan dependencies whose limiter runs on emulated time (see scaled-clock.ts). */
export function benchScanDeps(timeScale: number, taskDefinitionCache?: TaskDefinitionCache): ScanDeps {
  const limiter = new RateLimiter({ clock: scaledClock(timeScale) });
  const stats = new CallStats();
  return {
    clients: new ClientFactory({ limiter, stats, userAgent: [['fargate-fit-bench']] }),
    limiter,
    stats,
    ...(taskDefinitionCache ? { taskDefinitionCache } : {}),
  };
}

/** Calls per `<service>.<action>` from the emulator's counters (what AWS would have seen). */
export function callsByAction(stats: EmulatorStats): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of stats.calls) {
    const key = `${entry.service}.${entry.action}`;
    counts[key] = (counts[key] ?? 0) + entry.calls;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => byText(a, b)));
}

const THROTTLING = /throttl|toomanyrequests|requestlimitexceeded|rate exceeded|\b429\b/i;

/** Gaps that a throttling error caused: the targets say none may surface. */
export function throttlingGaps(gaps: readonly Gap[]): number {
  return gaps.filter((gap) => THROTTLING.test(`${gap.errorName} ${gap.message}`)).length;
}

interface Timed<T> {
  readonly value: T;
  readonly realSeconds: number;
  readonly cpuSeconds: number;
}

async function timed<T>(run: () => Promise<T>): Promise<Timed<T>> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return {
    value,
    realSeconds: Number(process.hrtime.bigint() - started) / 1e9,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

function measurement(
  census: readonly AccountRegionCensus[],
  settings: RunSettings,
  run: { realSeconds: number; cpuSeconds: number },
  stats: EmulatorStats,
  gaps: readonly Gap[],
  options: { warm: boolean; credentials: 'caller' | 'assume-role'; concurrency: number },
): ScanMeasurement {
  const latencySeconds = settings.latencyMs / 1000;
  const minimal = addCounts(
    ...census.map((c) => minimalCalls(c, { warm: options.warm, credentials: options.credentials })),
  );
  const paced = census.map((c) =>
    floorOf(c, { latencySeconds, pacing: 'paced', share: DEFAULT_SHARE, warm: options.warm }),
  );
  const physical = census.map((c) => floorOf(c, { latencySeconds, pacing: 'physical', warm: options.warm }));
  const floorSeconds = fanOutFloorSeconds(
    paced.map((f) => f.seconds),
    options.concurrency,
  );
  const physicalFloorSeconds = fanOutFloorSeconds(
    physical.map((f) => f.seconds),
    options.concurrency,
  );
  const slowest = paced.reduce((a, b) => (b.seconds > a.seconds ? b : a), paced[0]!);
  const wallSeconds = run.realSeconds * settings.timeScale;
  const byAction = callsByAction(stats);
  const minimalTotal = totalCalls(minimal);
  return {
    wallSeconds: round(wallSeconds),
    realWallSeconds: round(run.realSeconds),
    cpuSeconds: round(run.cpuSeconds),
    floorSeconds: round(floorSeconds),
    wallToFloor: ratio(wallSeconds, floorSeconds),
    physicalFloorSeconds: round(physicalFloorSeconds),
    wallToPhysicalFloor: ratio(wallSeconds, physicalFloorSeconds),
    bindingBucket: slowest.bindingBucket,
    calls: stats.totalCalls,
    minimalCalls: minimalTotal,
    callsToMinimal: ratio(stats.totalCalls, minimalTotal),
    callsByAction: byAction,
    minimalCallsByAction: Object.fromEntries(Object.entries(minimal).sort(([a], [b]) => byText(a, b))),
    throttled: stats.totalThrottled,
    throttlingGaps: throttlingGaps(gaps),
    gaps: gaps.length,
  };
}

/** Points the SDK's standard chain at the emulator, as a user would with AWS_ENDPOINT_URL. */
export function useEmulatorEnvironment(emulator: BenchEmulator): () => void {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, emulator.env, { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

async function productScan(
  emulator: BenchEmulator,
  settings: RunSettings,
  cache: TaskDefinitionCache,
): Promise<{ inventory: Inventory; run: Timed<Inventory>; stats: EmulatorStats }> {
  await emulator.resetThrottling();
  await emulator.resetStats();
  const deps = benchScanDeps(settings.timeScale, cache);
  try {
    const run = await timed(() => scanEstate({}, deps));
    return { inventory: run.value, run, stats: await emulator.stats() };
  } finally {
    deps.clients.destroy();
  }
}

const peakRssMiB = (): number => round(process.resourceUsage().maxRSS / 1024, 1);

/** Runs a `single` shape: cold scan, warm scan, evaluate, naive baseline. */
export async function runSingleShape(
  shape: BenchShape,
  emulator: BenchEmulator,
  settings: RunSettings,
  /** Starts an emulator of the same estate at another time scale, for a faster naive run. */
  startAtScale?: (timeScale: number) => Promise<BenchEmulator>,
): Promise<BenchResult> {
  const census = emulator.census;
  const cache = new InMemoryTaskDefinitionCache();
  // Only the task-definition cache outlives the cold scan: a warm scan is a later run, which holds
  // no earlier inventory (keeping this one would make it collect a heap twice the size).
  const coldMeasurement = await (async () => {
    const cold = await productScan(emulator, settings, cache);
    return measurement(census, settings, cold.run, cold.stats, cold.inventory.gaps, {
      warm: false,
      credentials: 'caller',
      concurrency: 1,
    });
  })();
  // The high-water mark of the cold scan alone.
  const rss = peakRssMiB();
  const warm = await productScan(emulator, settings, cache);
  const warmMeasurement = measurement(census, settings, warm.run, warm.stats, warm.inventory.gaps, {
    warm: true,
    credentials: 'caller',
    concurrency: 1,
  });

  // The warm scan read the same estate as the cold one: its workloads are the evaluate sample.
  const evaluateRuns =
    settings.evaluateWorkloads > 0
      ? await evaluateInFreshProcesses(
          warm.inventory,
          settings.evaluateWorkloads,
          settings.evaluateCode ?? 'source',
          settings.evaluateProcesses ?? DEFAULT_EVALUATE_PROCESSES,
        )
      : [];

  let naive: BenchResult['naive'] = null;
  if (settings.naive) {
    const wanted = settings.naiveTimeScale ?? settings.timeScale;
    const own = wanted !== settings.timeScale && startAtScale ? await startAtScale(wanted) : null;
    const naiveScale = own ? wanted : settings.timeScale;
    const target = own ?? emulator;
    const restore = own ? useEmulatorEnvironment(own) : () => {};
    await target.resetThrottling();
    await target.resetStats();
    const deps = benchScanDeps(naiveScale);
    try {
      const caller = await deps.clients.callerIdentity(emulator.env.AWS_REGION);
      const clients = deps.clients.regional({ accountId: caller.account }, emulator.env.AWS_REGION);
      const run = await timed(() => naiveScan(clients));
      const stats = await target.stats();
      const naiveFloor = patternFloorSeconds(callsByAction(stats), {
        latencySeconds: 0,
        pacing: 'paced',
        share: DEFAULT_SHARE,
      });
      naive = {
        floorSeconds: round(naiveFloor),
        speedupVsNaiveFloor: ratio(naiveFloor, coldMeasurement.wallSeconds),
        wallSeconds: round(run.realSeconds * naiveScale),
        timeScale: naiveScale,
        realWallSeconds: round(run.realSeconds),
        calls: stats.totalCalls,
        callsByAction: callsByAction(stats),
        throttled: stats.totalThrottled,
        scope: `the full ${shape.name} estate, AWS side only (ECS, EC2, EKS control plane; no Kubernetes API)`,
      };
    } finally {
      deps.clients.destroy();
      restore();
      await own?.close();
    }
  }

  return {
    shape: shape.name,
    wallSeconds: coldMeasurement.wallSeconds,
    floorSeconds: coldMeasurement.floorSeconds,
    wallToFloor: coldMeasurement.wallToFloor,
    calls: coldMeasurement.calls,
    minimalCalls: coldMeasurement.minimalCalls,
    callsToMinimal: coldMeasurement.callsToMinimal,
    callsByAction: coldMeasurement.callsByAction,
    throttled: coldMeasurement.throttled,
    peakRssMiB: rss,
    evaluateCpuSeconds100k: median(evaluateRuns.map((run) => run.firstPass)),
    naiveWallSeconds: naive?.wallSeconds ?? null,
    speedupVsNaive: naive ? ratio(naive.wallSeconds, coldMeasurement.wallSeconds) : null,
    evaluateWarmCpuSeconds100k: median(evaluateRuns.map((run) => run.secondPass)),
    evaluateRuns,
    description: shape.description,
    timeScale: settings.timeScale,
    latencyMs: settings.latencyMs,
    limiterShare: DEFAULT_SHARE,
    cold: coldMeasurement,
    warm: warmMeasurement,
    naive,
    evaluatedWorkloads: settings.evaluateWorkloads,
    evaluatedCode: settings.evaluateWorkloads > 0 ? (settings.evaluateCode ?? 'source') : null,
    targets: null,
    writePlan: null,
  };
}

/** WRUs of one item: 1 per started KB, once for the table and once per index it is keyed in. */
function writeUnits(item: Readonly<Record<string, unknown>>): number {
  const indexes = ['gsi1pk', 'gsi2pk'].filter((key) => typeof item[key] === 'string').length;
  return Math.max(1, Math.ceil(itemSizeUpperBound(item) / 1024)) * (1 + indexes);
}

/** What the org's target runs would write (first run: no known states), against the table's limits. */
export function writePlanOf(
  runs: readonly {
    scan: ScanRef;
    account: string;
    region: string;
    results: readonly WorkloadResult[];
    clusters?: readonly ClusterResult[];
  }[],
  reserveSeconds: number,
): WritePlan {
  let items = 0;
  let units = 0;
  const partitions = new Map<string, number>();
  for (const run of runs) {
    const planned = toItems(
      {
        scan: run.scan,
        target: { account: run.account, region: run.region },
        scope: FULL_SCOPE,
        status: 'complete',
        results: run.results,
        ...(run.clusters ? { clusters: run.clusters } : {}),
        gaps: [],
        throttles: 0,
        knownStates: [],
      },
      { historyDays: 35 },
    );
    for (const item of [...planned.puts, planned.runItem]) {
      const u = writeUnits(item);
      items += 1;
      units += u;
      partitions.set(item.pk, (partitions.get(item.pk) ?? 0) + Math.ceil(itemSizeUpperBound(item) / 1024));
    }
  }
  const largest = Math.max(0, ...partitions.values());
  const secondsAtNewTable = units / NEW_TABLE_WRU_PER_SECOND;
  const secondsForLargestPartition = largest / PARTITION_WCU_PER_SECOND;
  return {
    items,
    writeUnits: units,
    largestPartitionWriteUnits: largest,
    secondsAtNewTable: round(secondsAtNewTable),
    secondsForLargestPartition: round(secondsForLargestPartition),
    reserveSeconds,
    withinThroughput: secondsAtNewTable <= reserveSeconds && secondsForLargestPartition <= reserveSeconds,
  };
}

/** Runs a `fan-out` shape: one target run per account-region, all at once, as the Distributed Map would. */
export async function runFanOutShape(
  shape: BenchShape,
  emulator: BenchEmulator,
  settings: RunSettings,
): Promise<BenchResult> {
  const census = emulator.census;
  const management = emulator.census[0]?.account ?? '';
  const lambdaSettings = readSettings({
    AWS_REGION: emulator.env.AWS_REGION,
    FARGATE_FIT_MEMBER_ROLE_NAME: BENCH_MEMBER_ROLE.name,
    FARGATE_FIT_EXTERNAL_ID: BENCH_MEMBER_ROLE.externalId,
  });
  const scan: ScanRef = { scanId: 'bench-org', startedAt: new Date().toISOString(), trigger: 'schedule' };
  await emulator.resetThrottling();
  await emulator.resetStats();
  const allGaps: Gap[] = [];
  const runs: { scan: ScanRef; account: string; region: string; results: readonly WorkloadResult[] }[] = [];
  const concurrency = census.length;
  const limit = pLimit(concurrency);
  const run = await timed(() =>
    Promise.all(
      census.map((pair) =>
        limit(async (): Promise<TargetMeasurement> => {
          const clock = scaledClock(settings.timeScale);
          const startedAt = clock.now();
          const deps = benchScanDeps(settings.timeScale);
          const inner = pipelineScanner(lambdaSettings, management, () => deps);
          const scanner: TargetScanner = async (request) => {
            const output = await inner(request);
            runs.push({
              scan,
              account: pair.account,
              region: pair.region,
              results: output.results,
              ...(output.clusters ? { clusters: output.clusters } : {}),
            });
            allGaps.push(...output.gaps);
            return output;
          };
          const completed = await runTargetScan(
            {
              scanner,
              store: null,
              suppressions: [],
              remainingTimeMs: () => LAMBDA_TIMEOUT_SECONDS * 1000 - (clock.now() - startedAt),
              reserveMs: lambdaSettings.deadlineReserveSeconds * 1000,
              logger: silentLog,
            },
            { scan, target: { account: pair.account, region: pair.region }, scope: FULL_SCOPE, dryRun: true },
          );
          return {
            account: pair.account,
            region: pair.region,
            status: completed.outcome.status,
            workloads: completed.outcome.workloads,
            wallSeconds: round((clock.now() - startedAt) / 1000),
            floorSeconds: round(
              floorOf(pair, {
                latencySeconds: settings.latencyMs / 1000,
                pacing: 'paced',
                share: DEFAULT_SHARE,
              }).seconds,
            ),
            lambdaTimeoutSeconds: LAMBDA_TIMEOUT_SECONDS,
          };
        }),
      ),
    ),
  );
  const stats = await emulator.stats();
  const cold = measurement(census, settings, run, stats, allGaps, {
    warm: false,
    credentials: 'assume-role',
    concurrency,
  });
  const rss = peakRssMiB();
  const writePlan = writePlanOf(runs, lambdaSettings.deadlineReserveSeconds);
  return {
    shape: shape.name,
    wallSeconds: cold.wallSeconds,
    floorSeconds: cold.floorSeconds,
    wallToFloor: cold.wallToFloor,
    calls: cold.calls,
    minimalCalls: cold.minimalCalls,
    callsToMinimal: cold.callsToMinimal,
    callsByAction: cold.callsByAction,
    throttled: cold.throttled,
    peakRssMiB: rss,
    evaluateCpuSeconds100k: null,
    naiveWallSeconds: null,
    speedupVsNaive: null,
    evaluateWarmCpuSeconds100k: null,
    evaluateRuns: [],
    description: shape.description,
    timeScale: settings.timeScale,
    latencyMs: settings.latencyMs,
    limiterShare: DEFAULT_SHARE,
    cold,
    warm: null,
    naive: null,
    evaluatedWorkloads: 0,
    evaluatedCode: null,
    targets: run.value,
    writePlan,
  };
}

/** The minimal calls of a census (exported for the harness test). */
export function minimalCallsOf(census: readonly AccountRegionCensus[], warm = false): CallCounts {
  return addCounts(...census.map((c) => minimalCalls(c, { warm })));
}
