/**
 * The fault suite's harness: the demo estate (or a variant) served by the emulator, scanned the
 * way `fargate-fit scan` scans it, and the scan's ground truth — the same scan without faults —
 * to compare with. A scan runs in-process with the real AWS SDK clients and the real Kubernetes
 * client, pointed at the emulator through the standard environment variables.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { main } from '../../../lib/cli/main.js';
import { judgeInventory } from '../../../lib/findings/judge-inventory.js';
import type { Gap, ReportDocument, Verdict, WorkloadResult } from '../../../lib/findings/result.js';
import { CallStats } from '../../../lib/inventory/call-stats.js';
import { ClientFactory } from '../../../lib/inventory/clients.js';
import { type Clock, RateLimiter } from '../../../lib/inventory/limiter.js';
import { type ScanDeps, type ScanOptions, scanEstate } from '../../../lib/inventory/scan.js';
import { type Inventory, saveInventory } from '../../../lib/inventory/snapshot.js';
import { DEFAULT_PRICE_BOOK } from '../../../lib/pricing/default-price-book.js';
import { DEFAULT_PRICING_SETTINGS } from '../../../lib/pricing/settings.js';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_REGION,
  DEMO_ROLE,
  DEMO_SANDBOX_ACCOUNT,
  type FaultRule,
  type RunningEmulator,
  startEmulator,
} from '../../emulator/index.js';

/** Both demo accounts in the demo region, through the demo role, as `fargate-fit demo` scans them. */
export const DEMO_SCOPE: ScanOptions = {
  regions: [DEMO_REGION],
  accounts: [DEMO_ACCOUNT, DEMO_SANDBOX_ACCOUNT],
  roleName: DEMO_ROLE.name,
  externalId: DEMO_ROLE.externalId,
};

/** The same scope as `scan` flags. */
export const DEMO_SCOPE_ARGS = [
  '--regions',
  DEMO_REGION,
  '--accounts',
  `${DEMO_ACCOUNT},${DEMO_SANDBOX_ACCOUNT}`,
  '--role-name',
  DEMO_ROLE.name,
  '--external-id',
  DEMO_ROLE.externalId,
];

/** Points the SDK's standard chain at the emulator (and nothing else); returns the undo. */
export function useEmulatorEnvironment(emulator: RunningEmulator): () => void {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, emulator.env);
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}

/** A clock on which time passes `factor` times faster than on the wall. */
function fastClock(factor: number): Clock {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * factor,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / factor)),
  };
}

/** Client tuning for a faulted scan: fewer attempts and short timeouts keep permanent faults quick. */
export interface ScanTuning {
  readonly maxAttempts?: number;
  readonly requestTimeoutMs?: number;
  readonly kubernetesPageSize?: number;
  /** Deadline of each Kubernetes request attempt (the AWS clients use `requestTimeoutMs`). */
  readonly kubernetesTimeoutMs?: number;
  readonly scope?: ScanOptions;
}

/** What a scan reported: its workloads, its gaps, and the raw inventory behind them. */
export interface ScanOutcome {
  readonly inventory: Inventory;
  readonly results: readonly WorkloadResult[];
  readonly gaps: readonly Gap[];
}

/** Collects and judges the estate as the CLI and the Lambdas do, with the given client tuning. */
export async function scanOnce(tuning: ScanTuning = {}): Promise<ScanOutcome> {
  // The client-side pacing is not under test here (the emulator's buckets are off): its clock runs
  // ten times faster so each scan is not held to 4 Kubernetes lists a second.
  const limiter = new RateLimiter({ clock: fastClock(10) });
  const stats = new CallStats();
  const deps: ScanDeps = {
    limiter,
    stats,
    clients: new ClientFactory({
      limiter,
      stats,
      ...(tuning.maxAttempts !== undefined ? { maxAttempts: tuning.maxAttempts } : {}),
      ...(tuning.requestTimeoutMs !== undefined ? { requestTimeoutMs: tuning.requestTimeoutMs } : {}),
    }),
  };
  try {
    const inventory = await scanEstate(
      {
        ...(tuning.scope ?? DEMO_SCOPE),
        ...(tuning.kubernetesPageSize !== undefined ? { kubernetesPageSize: tuning.kubernetesPageSize } : {}),
      },
      {
        ...deps,
        kubernetesRetry: {
          // Short backoffs keep the suite quick; the emulator's Retry-After (1 s) still applies.
          baseDelayMs: 20,
          ...(tuning.kubernetesTimeoutMs !== undefined
            ? { requestTimeoutMs: tuning.kubernetesTimeoutMs }
            : {}),
        },
      },
    );
    const judged = judgeInventory(inventory, {
      settings: DEFAULT_PRICING_SETTINGS,
      book: DEFAULT_PRICE_BOOK,
    });
    return { inventory, results: judged.results, gaps: judged.gaps };
  } finally {
    deps.clients.destroy();
  }
}

/** `id → verdict`, sorted by id: what a reader of the report compares between two scans. */
export function verdictsById(results: readonly WorkloadResult[]): [string, Verdict][] {
  return results.map((r): [string, Verdict] => [r.id, r.verdict]).sort(([a], [b]) => a.localeCompare(b));
}

/** The ground-truth rows that belong to a place (an account, a region, a cluster). */
export function rowsWhere(
  results: readonly WorkloadResult[],
  keep: (result: WorkloadResult) => boolean,
): [string, Verdict][] {
  return verdictsById(results.filter(keep));
}

/** What the CLI made of a scan: its exit code, what it wrote to stderr, and the JSON report. */
export interface CliOutcome {
  readonly exitCode: number;
  readonly stderr: string;
  readonly report: ReportDocument | null;
}

function bufferIo() {
  let stdout = '';
  let stderr = '';
  return {
    io: {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      isTTY: false,
      stderrIsTTY: false,
      colors: false,
    },
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** Runs `fargate-fit <args>` in-process and reads the JSON report it printed (when it printed one). */
export async function runCli(args: readonly string[]): Promise<CliOutcome & { stdout: string }> {
  const buffers = bufferIo();
  const exitCode = await main([...args], buffers.io);
  const stdout = buffers.stdout();
  let report: ReportDocument | null = null;
  try {
    report = JSON.parse(stdout) as ReportDocument;
  } catch {
    report = null;
  }
  return { exitCode, stderr: buffers.stderr(), report, stdout };
}

/**
 * What the CLI says about an inventory a faulted scan collected: it is replayed through
 * `fargate-fit scan --from-snapshot`, the same report, gap warnings and exit status as the live
 * scan (everything after collection is shared), without repeating the fault.
 */
export async function cliVerdictOn(inventory: Inventory): Promise<CliOutcome> {
  const dir = await mkdtemp(join(tmpdir(), 'fargate-fit-faults-'));
  try {
    const file = join(dir, 'inventory.json');
    await saveInventory(file, inventory);
    return await runCli(['scan', '--from-snapshot', file, '--format', 'json', '--no-store']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A gap as the assertions name it. */
export function gapKey(gap: Gap): string {
  return [gap.scope, gap.account ?? '-', gap.region ?? '-', gap.cluster ?? '-', gap.errorName].join(' ');
}

/** Runs one scan with these fault rules active on the emulator, then clears them. */
export async function scanUnderFaults(
  emulator: RunningEmulator,
  rules: readonly FaultRule[],
  tuning: ScanTuning = {},
): Promise<ScanOutcome & { readonly fired: number[] }> {
  emulator.faults.clear();
  emulator.resetStats();
  const handles = rules.map((rule) => emulator.faults.add(rule));
  try {
    const outcome = await scanOnce(tuning);
    return { ...outcome, fired: handles.map((h) => h.fired()) };
  } finally {
    emulator.faults.clear();
  }
}

/** A fault suite's estate: the running emulator, the fault-free scan, and scans under faults. */
export interface FaultEstate {
  readonly emulator: RunningEmulator;
  /** The scan of the estate with no fault active. */
  readonly truth: ScanOutcome;
  scanUnder(rules: readonly FaultRule[], tuning?: ScanTuning): ReturnType<typeof scanUnderFaults>;
}

/**
 * Starts the demo estate before the file's tests, points the environment at it and scans it once
 * for the ground truth; stops it after them.
 */
export function useFaultEstate(): FaultEstate {
  let emulator: RunningEmulator | undefined;
  let truth: ScanOutcome | undefined;
  let restoreEnvironment: (() => void) | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(buildDemoScenario());
    restoreEnvironment = useEmulatorEnvironment(emulator);
    truth = await scanOnce();
  });
  afterAll(async () => {
    restoreEnvironment?.();
    await emulator?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the fault estate is used before beforeAll started it');
    return value;
  };
  return {
    get emulator() {
      return started(emulator);
    },
    get truth() {
      return started(truth);
    },
    scanUnder: (rules, tuning = {}) => scanUnderFaults(started(emulator), rules, tuning),
  };
}
