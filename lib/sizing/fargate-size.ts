import type { FargateSize } from '../findings/result.js';
import { memoizeLastWorkload } from '../model/memo.js';
import type { Container, EcsContainerDetail, EcsTaskDetail, OsFamily, Scope } from '../model/workload.js';

/** One row of the Fargate task size table: a cpu value and the memory values allowed with it. */
export interface SizeRow {
  /** ECS CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  readonly minMemoryMiB: number;
  readonly maxMemoryMiB: number;
  readonly stepMiB: number;
  readonly windows: boolean;
}

/**
 * Valid Fargate task sizes (ECS API TaskDefinition.memory; "Troubleshoot invalid CPU or memory";
 * unchanged since Sep 2022). The 0.25 vCPU row is the irregular 512 MiB / 1 GB / 2 GB list,
 * handled in {@link memoryChoices}. Windows allows only the 1, 2 and 4 vCPU rows.
 */
export const SIZE_ROWS: readonly SizeRow[] = [
  { cpu: 256, minMemoryMiB: 512, maxMemoryMiB: 2048, stepMiB: 512, windows: false },
  { cpu: 512, minMemoryMiB: 1024, maxMemoryMiB: 4096, stepMiB: 1024, windows: false },
  { cpu: 1024, minMemoryMiB: 2048, maxMemoryMiB: 8192, stepMiB: 1024, windows: true },
  { cpu: 2048, minMemoryMiB: 4096, maxMemoryMiB: 16384, stepMiB: 1024, windows: true },
  { cpu: 4096, minMemoryMiB: 8192, maxMemoryMiB: 30720, stepMiB: 1024, windows: true },
  { cpu: 8192, minMemoryMiB: 16384, maxMemoryMiB: 61440, stepMiB: 4096, windows: false },
  { cpu: 16384, minMemoryMiB: 32768, maxMemoryMiB: 122880, stepMiB: 8192, windows: false },
];

/** The memory values (MiB) a row allows, in ascending order. */
export function memoryChoices(row: SizeRow): number[] {
  // 0.25 vCPU allows 512, 1024 and 2048 only (no 1536).
  if (row.cpu === 256) return [512, 1024, 2048];
  const values: number[] = [];
  for (let m = row.minMemoryMiB; m <= row.maxMemoryMiB; m += row.stepMiB) values.push(m);
  return values;
}

const WINDOWS_ROWS: readonly SizeRow[] = SIZE_ROWS.filter((r) => r.windows);

function rowsFor(os: OsFamily): readonly SizeRow[] {
  return os === 'windows' ? WINDOWS_ROWS : SIZE_ROWS;
}

/** The 0.25 vCPU row's irregular memory list (see {@link memoryChoices}). */
const QUARTER_VCPU_MEMORY: readonly number[] = [512, 1024, 2048];

/** True when `memoryMiB` is one of the row's memory values: {@link memoryChoices} without the list. */
function rowAllows(row: SizeRow, memoryMiB: number): boolean {
  if (row.cpu === 256) return QUARTER_VCPU_MEMORY.includes(memoryMiB);
  return (
    memoryMiB >= row.minMemoryMiB &&
    memoryMiB <= row.maxMemoryMiB &&
    (memoryMiB - row.minMemoryMiB) % row.stepMiB === 0
  );
}

/**
 * The smallest memory value of the row at or above `memoryMiB`, or undefined when the row stops
 * below it. The steps are powers of two, so the arithmetic is exact for any double.
 */
function rowMemoryAtLeast(row: SizeRow, memoryMiB: number): number | undefined {
  if (row.cpu === 256) {
    for (const m of QUARTER_VCPU_MEMORY) if (m >= memoryMiB) return m;
    return undefined;
  }
  if (!(memoryMiB <= row.maxMemoryMiB)) return undefined;
  if (memoryMiB <= row.minMemoryMiB) return row.minMemoryMiB;
  return row.minMemoryMiB + Math.ceil((memoryMiB - row.minMemoryMiB) / row.stepMiB) * row.stepMiB;
}

/**
 * Every valid size as one frozen object, by row in the order of {@link memoryChoices}: sizing
 * returns these and results carry them, instead of a new object per workload.
 */
const SIZES_BY_ROW: ReadonlyMap<SizeRow, readonly FargateSize[]> = new Map(
  SIZE_ROWS.map((row) => [
    row,
    memoryChoices(row).map((memoryMiB) => Object.freeze({ cpu: row.cpu, memoryMiB })),
  ]),
);

/** The shared size of a row and a memory value the row allows. */
function sharedSize(row: SizeRow, memoryMiB: number): FargateSize {
  const index =
    row.cpu === 256 ? QUARTER_VCPU_MEMORY.indexOf(memoryMiB) : (memoryMiB - row.minMemoryMiB) / row.stepMiB;
  return SIZES_BY_ROW.get(row)![index]!;
}

/** The row of `cpu` among the OS's rows, if Fargate offers that cpu there. */
function rowOf(cpu: number, os: OsFamily): SizeRow | undefined {
  // Plain loops here and around: rules run sizing inside their own compiled code, where a callback
  // is one more function to compile.
  for (const row of rowsFor(os)) if (row.cpu === cpu) return row;
  return undefined;
}

/** True when (cpu, memory) is a pair Fargate accepts for the OS. */
export function isValidFargateSize(cpu: number, memoryMiB: number, os: OsFamily): boolean {
  const row = rowOf(cpu, os);
  return row !== undefined && rowAllows(row, memoryMiB);
}

/** {@link isValidFargateSize} giving the size (shared and frozen), or null when the pair is not valid. */
function validFargateSize(cpu: number, memoryMiB: number, os: OsFamily): FargateSize | null {
  const row = rowOf(cpu, os);
  return row !== undefined && rowAllows(row, memoryMiB) ? sharedSize(row, memoryMiB) : null;
}

const largestOf = (rows: readonly SizeRow[]): FargateSize => {
  const last = rows[rows.length - 1]!;
  return Object.freeze({ cpu: last.cpu, memoryMiB: last.maxMemoryMiB });
};
const LARGEST_LINUX = largestOf(SIZE_ROWS);
const LARGEST_WINDOWS = largestOf(WINDOWS_ROWS);

/** Largest size Fargate offers for the OS (shared and frozen). */
export function maxFargateSize(os: OsFamily): FargateSize {
  return os === 'windows' ? LARGEST_WINDOWS : LARGEST_LINUX;
}

/**
 * The largest cpu and memory that fit on either OS. The largest size of an OS covers every
 * requirement up to itself, so a requirement within this fits whatever OS the task runs.
 */
export const FITS_EVERY_OS: FargateSize = Object.freeze({
  cpu: Math.min(LARGEST_LINUX.cpu, LARGEST_WINDOWS.cpu),
  memoryMiB: Math.min(LARGEST_LINUX.memoryMiB, LARGEST_WINDOWS.memoryMiB),
});

/**
 * The smallest valid size whose cpu covers `cpuUnits` and whose memory covers `memoryMiB`:
 * the smallest cpu row whose memory range reaches the need, then the smallest memory step at or
 * above the need. On the Fargate grid that is also the cheapest size. Null when nothing fits.
 * The size is shared and frozen.
 */
export function roundUpToFargateSize(cpuUnits: number, memoryMiB: number, os: OsFamily): FargateSize | null {
  for (const row of rowsFor(os)) {
    if (row.cpu < cpuUnits) continue;
    const memory = rowMemoryAtLeast(row, memoryMiB);
    if (memory !== undefined) return sharedSize(row, memory);
  }
  return null;
}

/** A container as sizing reads it. */
export type SizedContainer = Pick<
  Container,
  'role' | 'cpuRequestMillis' | 'cpuLimitMillis' | 'memoryRequestMiB' | 'memoryLimitMiB'
> & {
  readonly ecs: Pick<EcsContainerDetail, 'cpuUnits' | 'memoryMiB' | 'memoryReservationMiB'> | null;
};

/** What sizing reads of a workload; every Workload is one. */
export interface SizedWorkload {
  readonly scope: Scope;
  readonly os: OsFamily;
  readonly ecs: Pick<EcsTaskDetail, 'cpuUnits' | 'memoryMiB'> | null;
  readonly containers: readonly SizedContainer[];
}

/** What a workload asks for, before rounding, and where the figure came from. */
export interface SizeRequirement {
  /** ECS CPU units (1024 = 1 vCPU); fractional for Kubernetes millicores. */
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  /** Human-readable origin, e.g. "task-level cpu/memory" or "pod requests + 256 MiB". */
  readonly basis: string;
}

export interface SizeResult {
  readonly requirement: SizeRequirement;
  /** The valid size it would be billed at, or null when no Fargate size fits or applies. */
  readonly size: FargateSize | null;
  /**
   * Why there is no size when the requirement is not the cause (otherwise it is too big): set for a
   * Windows pod on EKS, where Fargate runs Linux pods only. Shown where the size would be.
   */
  readonly noSizeReason?: string;
}

/** {@link SizeResult.noSizeReason} of a Windows EKS pod. */
export const EKS_WINDOWS_NO_SIZE = 'EKS on Fargate runs Linux pods only';

const millisToUnits = (millis: number): number => (millis * 1024) / 1000;

/** A requirement. Every one is built here, so that all have one shape (V8 map). */
function sizeRequirement(cpuUnits: number, memoryMiB: number, basis: string): SizeRequirement {
  return { cpuUnits, memoryMiB, basis };
}

/**
 * The first requirement built, with fractions (Kubernetes millicores make requirements fractional):
 * V8 then holds both figures of every requirement as doubles from the start. Otherwise the first EKS
 * pod after ECS tasks changes the shape of requirements, and the code compiled for the old shape
 * (feature reading, sizing, pricing) is thrown away and compiled again. Exported only to be kept
 * alive: V8 forgets a shape that no live object has.
 */
export const FRACTIONAL_REQUIREMENT: SizeRequirement = Object.freeze(sizeRequirement(0.5, 0.5, ''));

/**
 * ECS task requirement: task-level cpu/memory where set (the task reserves exactly that), else the
 * containers': Σ container cpu, and memory large enough for both Σ reservations (memoryReservation,
 * else memory) and every container's hard limit, since Fargate requires both to fit the task.
 * Remembered for the last workload: sizing, pricing and four rules ask for it.
 */
export const ecsRequirement: (workload: SizedWorkload) => SizeRequirement = memoizeLastWorkload(
  (workload: SizedWorkload) => {
    const task = workload.ecs;
    let containerCpu = 0;
    let reservations = 0;
    let hardLimit = 0;
    for (const c of workload.containers) {
      const d = c.ecs;
      if (!d) continue;
      containerCpu += d.cpuUnits ?? 0;
      reservations += d.memoryReservationMiB ?? d.memoryMiB ?? 0;
      hardLimit = Math.max(hardLimit, d.memoryMiB ?? 0);
    }
    const containerMemory = Math.max(reservations, hardLimit);
    const cpuFromTask = task?.cpuUnits ?? null;
    const memFromTask = task?.memoryMiB ?? null;
    const basis =
      cpuFromTask !== null && memFromTask !== null
        ? 'task-level cpu/memory'
        : cpuFromTask === null && memFromTask === null
          ? 'sum of container cpu/memory'
          : 'task-level where set, container sums otherwise';
    return sizeRequirement(
      Math.max(cpuFromTask ?? containerCpu, containerCpu),
      Math.max(memFromTask ?? containerMemory, containerMemory),
      basis,
    );
  },
);

/** Kubernetes: a container's effective request (the limit is copied into an absent request). */
function effective(request: number | null, limit: number | null): number | null {
  return request ?? limit;
}

/** Memory Fargate adds to every pod for kubelet, kube-proxy and containerd (EKS-POD). */
export const EKS_POD_OVERHEAD_MIB = 256;

/**
 * EKS pod requirement (fargate-pod-configuration): per resource, max(Σ app and native-sidecar
 * requests, largest init request), plus 256 MiB of memory. No requests at all → 0.25 vCPU / 0.5 GB.
 */
export function eksRequirement(workload: SizedWorkload): SizeRequirement {
  let anyRequest = false;
  let runningCpu = 0;
  let runningMemory = 0;
  let initCpu = 0;
  let initMemory = 0;
  for (const c of workload.containers) {
    const cpu = effective(c.cpuRequestMillis, c.cpuLimitMillis);
    const memory = effective(c.memoryRequestMiB, c.memoryLimitMiB);
    if (cpu !== null || memory !== null) anyRequest = true;
    if (c.role === 'init') {
      initCpu = Math.max(initCpu, cpu ?? 0);
      initMemory = Math.max(initMemory, memory ?? 0);
    } else {
      runningCpu += cpu ?? 0;
      runningMemory += memory ?? 0;
    }
  }
  if (!anyRequest) {
    return sizeRequirement(256, 512, 'no requests or limits: Fargate default 0.25 vCPU / 0.5 GB');
  }
  return sizeRequirement(
    millisToUnits(Math.max(runningCpu, initCpu)),
    Math.max(runningMemory, initMemory) + EKS_POD_OVERHEAD_MIB,
    'max(Σ container requests, largest init request) + 256 MiB',
  );
}

/**
 * The requirement and the Fargate size a workload would be billed at: null when too big, or when
 * Fargate offers the workload no size at all (a Windows pod on EKS, with {@link EKS_WINDOWS_NO_SIZE}).
 * Remembered for the last workload: the judge, a rule and pricing all ask for it.
 */
export const fargateSizeOf: (workload: SizedWorkload) => SizeResult = memoizeLastWorkload(
  (workload: SizedWorkload) => {
    if (workload.scope === 'ecs') {
      const requirement = ecsRequirement(workload);
      const task = workload.ecs;
      // A task-level pair that is already valid is what Fargate bills, as registered.
      if (
        task?.cpuUnits != null &&
        task.memoryMiB != null &&
        requirement.cpuUnits === task.cpuUnits &&
        requirement.memoryMiB === task.memoryMiB
      ) {
        const size = validFargateSize(task.cpuUnits, task.memoryMiB, workload.os);
        if (size !== null) return { requirement, size };
      }
      return {
        requirement,
        size: roundUpToFargateSize(Math.max(requirement.cpuUnits, 1), requirement.memoryMiB, workload.os),
      };
    }
    const requirement = eksRequirement(workload);
    if (workload.os === 'windows') return { requirement, size: null, noSizeReason: EKS_WINDOWS_NO_SIZE };
    return { requirement, size: roundUpToFargateSize(requirement.cpuUnits, requirement.memoryMiB, 'linux') };
  },
);
