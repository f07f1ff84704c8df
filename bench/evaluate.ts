/**
 * The CPU of evaluate + size + price: the estate's workloads cycled to N and judged in a fresh
 * process, as a scan Lambda pays its judge's warm-up. Each process judges them twice (the second
 * pass shows the cost once V8 has compiled the judge); several processes run one after another
 * and the figure is their median, as this machine's speed drifts within minutes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Inventory, saveInventory } from '../lib/inventory/snapshot.js';
import type { Workload } from '../lib/model/workload.js';
import type { JudgeCode, JudgeCodeOrigin } from './judge-code.js';

const exec = promisify(execFile);

/** Fresh processes per figure: enough for a median that one slow minute of the host does not set. */
export const DEFAULT_EVALUATE_PROCESSES = 3;

/** CPU seconds of evaluate + size + price over `count` workloads cycled from `sample`. */
export function evaluateCpuSeconds(sample: readonly Workload[], count: number, code: JudgeCode): number {
  // No time for no work would read as a figure met: refuse it.
  if (sample.length === 0 || count <= 0) throw new Error('nothing to judge: no workload or a count of 0');
  const rules = [...code.rules.allRules, ...code.serviceChecks.liveServiceRules];
  const { estimateCost } = code.cost;
  const { DEFAULT_PRICE_BOOK } = code.book;
  const { DEFAULT_PRICING_SETTINGS } = code.settings;
  const { judgeWorkloads } = code.judge;
  const cost = (workload: Workload) =>
    estimateCost(workload, DEFAULT_PRICING_SETTINGS, DEFAULT_PRICE_BOOK).cost;
  // The estate is in memory before the clock starts, as a scan's inventory is before it judges:
  // the figure is the judge's, not the harness copying its input. Each copy has an id of its own,
  // so that no workload is the one judged just before it, and is built by the scan's own builder, so
  // that it has the one hidden class a scan's workloads have (a spread copy gets others, and costs
  // the judge about 4 % more instructions).
  const { workloadOf } = code.workloadOf;
  const estate: Workload[] = new Array(count);
  for (let i = 0; i < count; i += 1) {
    const base = sample[i % sample.length]!;
    estate[i] = workloadOf({ ...base, id: `${base.id}#${i}` });
  }
  // Judged in chunks whose results are dropped: the figure is CPU, and keeping 100,000 results
  // would measure the heap instead.
  const chunk = 5_000;
  const started = process.cpuUsage();
  let judged = 0;
  for (let offset = 0; offset < count; offset += chunk) {
    judged += judgeWorkloads(estate.slice(offset, offset + chunk), { rules, cost }).results.length;
  }
  const used = process.cpuUsage(started);
  if (judged !== count) throw new Error(`judged ${judged} of ${count} workloads`);
  return (used.user + used.system) / 1e6;
}

/** One fresh process's two passes, in CPU seconds per 100,000 workloads. */
export interface EvaluateRun {
  readonly firstPass: number;
  readonly secondPass: number;
}

/** What the child process prints: the CPU seconds of its two passes over `count` workloads. */
export interface EvaluateProcessOutput {
  readonly firstPassSeconds: number;
  readonly secondPassSeconds: number;
}

const childEntry = fileURLToPath(new URL('./evaluate-process.ts', import.meta.url));
// `--import tsx` is resolved from the working directory: the project's.
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Judges `count` workloads cycled from `inventory`'s in `runs` fresh processes, one after another.
 * The inventory goes to them as a snapshot, the file `fargate-fit scan --save-snapshot` writes.
 */
export async function evaluateInFreshProcesses(
  inventory: Inventory,
  count: number,
  origin: JudgeCodeOrigin,
  runs: number,
): Promise<EvaluateRun[]> {
  const folder = await mkdtemp(join(tmpdir(), 'fargate-fit-evaluate-'));
  try {
    const inventoryFile = join(folder, 'inventory.json');
    await saveInventory(inventoryFile, inventory);
    const per100k = (seconds: number) => Number(((seconds * 100_000) / count).toFixed(3));
    const measured: EvaluateRun[] = [];
    for (let run = 0; run < runs; run += 1) {
      const { stdout } = await exec(
        process.execPath,
        ['--import', 'tsx', childEntry, inventoryFile, String(count), origin],
        { cwd: projectRoot, maxBuffer: 1024 * 1024 },
      );
      const output = JSON.parse(stdout) as EvaluateProcessOutput;
      measured.push({
        firstPass: per100k(output.firstPassSeconds),
        secondPass: per100k(output.secondPassSeconds),
      });
    }
    return measured;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Number(value.toFixed(3));
}
