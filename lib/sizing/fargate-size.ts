import type { FargateSize } from '../findings/result.js';
import type { OsFamily, Workload } from '../model/workload.js';

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

function rowsFor(os: OsFamily): readonly SizeRow[] {
  return os === 'windows' ? SIZE_ROWS.filter((r) => r.windows) : SIZE_ROWS;
}

/** True when (cpu, memory) is a pair Fargate accepts for the OS. */
export function isValidFargateSize(cpu: number, memoryMiB: number, os: OsFamily): boolean {
  const row = rowsFor(os).find((r) => r.cpu === cpu);
  return row !== undefined && memoryChoices(row).includes(memoryMiB);
}

/** Largest size Fargate offers for the OS. */
export function maxFargateSize(os: OsFamily): FargateSize {
  const rows = rowsFor(os);
  const last = rows[rows.length - 1]!;
  return { cpu: last.cpu, memoryMiB: last.maxMemoryMiB };
}

/**
 * The smallest valid size whose cpu covers `cpuUnits` and whose memory covers `memoryMiB`:
 * the smallest cpu row whose memory range reaches the need, then the smallest memory step at or
 * above the need. On the Fargate grid that is also the cheapest size. Null when nothing fits.
 */
export function roundUpToFargateSize(cpuUnits: number, memoryMiB: number, os: OsFamily): FargateSize | null {
  for (const row of rowsFor(os)) {
    if (row.cpu < cpuUnits) continue;
    const memory = memoryChoices(row).find((m) => m >= memoryMiB);
    if (memory !== undefined) return { cpu: row.cpu, memoryMiB: memory };
  }
  return null;
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
  /** The valid size it would be billed at, or null when it is too big for Fargate. */
  readonly size: FargateSize | null;
}

const millisToUnits = (millis: number): number => (millis * 1024) / 1000;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/**
 * ECS task requirement: task-level cpu/memory where set (the task reserves exactly that), else the
 * containers': Σ container cpu, and memory large enough for both Σ reservations (memoryReservation,
 * else memory) and every container's hard limit, since Fargate requires both to fit the task.
 */
export function ecsRequirement(workload: Workload): SizeRequirement {
  const task = workload.ecs;
  const details = workload.containers.flatMap((c) => (c.ecs ? [c.ecs] : []));
  const containerCpu = sum(details.map((d) => d.cpuUnits ?? 0));
  const reservations = sum(details.map((d) => d.memoryReservationMiB ?? d.memoryMiB ?? 0));
  const hardLimit = Math.max(0, ...details.map((d) => d.memoryMiB ?? 0));
  const containerMemory = Math.max(reservations, hardLimit);
  const cpuFromTask = task?.cpuUnits ?? null;
  const memFromTask = task?.memoryMiB ?? null;
  const basis =
    cpuFromTask !== null && memFromTask !== null
      ? 'task-level cpu/memory'
      : cpuFromTask === null && memFromTask === null
        ? 'sum of container cpu/memory'
        : 'task-level where set, container sums otherwise';
  return {
    cpuUnits: Math.max(cpuFromTask ?? containerCpu, containerCpu),
    memoryMiB: Math.max(memFromTask ?? containerMemory, containerMemory),
    basis,
  };
}

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
export function eksRequirement(workload: Workload): SizeRequirement {
  const running = workload.containers.filter((c) => c.role !== 'init');
  const init = workload.containers.filter((c) => c.role === 'init');
  const cpus = workload.containers.map((c) => effective(c.cpuRequestMillis, c.cpuLimitMillis));
  const mems = workload.containers.map((c) => effective(c.memoryRequestMiB, c.memoryLimitMiB));
  if (cpus.every((v) => v === null) && mems.every((v) => v === null)) {
    return {
      cpuUnits: 256,
      memoryMiB: 512,
      basis: 'no requests or limits: Fargate default 0.25 vCPU / 0.5 GB',
    };
  }
  const cpuOf = (c: (typeof running)[number]) => effective(c.cpuRequestMillis, c.cpuLimitMillis) ?? 0;
  const memOf = (c: (typeof running)[number]) => effective(c.memoryRequestMiB, c.memoryLimitMiB) ?? 0;
  const cpuMillis = Math.max(sum(running.map(cpuOf)), 0, ...init.map(cpuOf));
  const memMiB = Math.max(sum(running.map(memOf)), 0, ...init.map(memOf));
  return {
    cpuUnits: millisToUnits(cpuMillis),
    memoryMiB: memMiB + EKS_POD_OVERHEAD_MIB,
    basis: 'max(Σ container requests, largest init request) + 256 MiB',
  };
}

/** The requirement and the Fargate size a workload would be billed at (null when too big). */
export function fargateSizeOf(workload: Workload): SizeResult {
  if (workload.scope === 'ecs') {
    const requirement = ecsRequirement(workload);
    const task = workload.ecs;
    // A task-level pair that is already valid is what Fargate bills, as registered.
    if (
      task?.cpuUnits != null &&
      task.memoryMiB != null &&
      requirement.cpuUnits === task.cpuUnits &&
      requirement.memoryMiB === task.memoryMiB &&
      isValidFargateSize(task.cpuUnits, task.memoryMiB, workload.os)
    ) {
      return { requirement, size: { cpu: task.cpuUnits, memoryMiB: task.memoryMiB } };
    }
    return {
      requirement,
      size: roundUpToFargateSize(Math.max(requirement.cpuUnits, 1), requirement.memoryMiB, workload.os),
    };
  }
  const requirement = eksRequirement(workload);
  return { requirement, size: roundUpToFargateSize(requirement.cpuUnits, requirement.memoryMiB, 'linux') };
}
