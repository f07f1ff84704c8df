import type { FargateSize } from '../findings/result.js';
import type { Workload } from '../model/workload.js';
import { type Amount, amount, pricingCache, rememberedPerKeys } from './money.js';

/*
 * Quantities apart from prices: what a workload reserves, how much storage it is billed for, how
 * many replicas it runs. Pricing multiplies these by the price book; nothing here knows a price.
 */

/** Fargate's smallest vCPU, and the floor cost-model.md 5.6 puts under a task that reserves none. */
const MIN_VCPU = '0.25';

/** What one task or pod reserves on an EC2 instance (the scheduler's view), in vCPU and GB. */
export interface Reservation {
  readonly vcpu: Amount;
  readonly memoryGb: Amount;
  /** Where the figures come from, for the breakdown. */
  readonly basis: string;
  /** True when nothing reserved CPU and the 0.25 vCPU floor was used instead. */
  readonly cpuFloored: boolean;
}

const effective = (request: number | null, limit: number | null): number | null => request ?? limit;

/**
 * What a task or pod reserves while it runs, which is what an instance's price is split over.
 * ECS (RegisterTaskDefinition, cost-model.md 2.1): task-level cpu and memory where set, else the
 * sum of container cpu and of memoryReservation (memory when no reservation). Kubernetes: the sum
 * of the running containers' requests (a limit stands in for a missing request); init containers
 * are done by then, so they are not counted (cost-model.md 5.3). Usage metrics are not in the
 * model, so this is the reservation, not max(reservation, usage).
 */
export function ec2Reservation(workload: Workload): Reservation {
  let cpu = 0;
  let memoryMiB = 0;
  let basis: string;
  if (workload.scope === 'ecs') {
    const taskCpu = workload.ecs?.cpuUnits ?? null;
    const taskMemory = workload.ecs?.memoryMiB ?? null;
    if (taskCpu !== null && taskMemory !== null) {
      return reservationFor(taskCpu, taskMemory, ECS_TASK_LEVEL);
    }
    let containerCpu = 0;
    let containerMemory = 0;
    for (const c of workload.containers) {
      if (!c.ecs) continue;
      containerCpu += c.ecs.cpuUnits ?? 0;
      containerMemory += c.ecs.memoryReservationMiB ?? c.ecs.memoryMiB ?? 0;
    }
    cpu = taskCpu ?? containerCpu;
    memoryMiB = taskMemory ?? containerMemory;
    basis = ECS_CONTAINER_SUMS;
  } else {
    const containers = workload.containers;
    for (let i = 0; i < containers.length; i += 1) {
      const c = containers[i]!;
      if (c.role === 'init') continue;
      cpu += effective(c.cpuRequestMillis, c.cpuLimitMillis) ?? 0;
      memoryMiB += effective(c.memoryRequestMiB, c.memoryLimitMiB) ?? 0;
    }
    basis = EKS_REQUESTS;
  }
  // The basis names the scope, and with it whether cpu is in ECS units or millicores.
  return reservationFor(cpu, memoryMiB, basis);
}

const ECS_TASK_LEVEL = 'task-level cpu and memory';
const ECS_CONTAINER_SUMS =
  'container cpu and memoryReservation (memory where unset) where the task sets none';
const EKS_REQUESTS = 'requests of the running containers, a limit standing in for a missing request';

/** Reservations by cpu, memory and basis, worked out once: tasks of one size share one. */
const reservationFor = rememberedPerKeys((cpu: number, memoryMiB: number, basis: string): Reservation => {
  const cpuVcpu = basis === EKS_REQUESTS ? amount(cpu).div(1000) : amount(cpu).div(1024);
  const memoryGb = amount(memoryMiB).div(1024);
  const cpuFloored = cpuVcpu.isZero();
  return { vcpu: cpuFloored ? amount(MIN_VCPU) : cpuVcpu, memoryGb, basis, cpuFloored };
});

/** Ephemeral storage every Fargate task or pod gets without charge, in GiB. */
export const FREE_EPHEMERAL_GIB = 20;

/** Ephemeral storage a Fargate task or pod is billed for beyond the free 20 GiB. */
export interface BilledStorage {
  /** GB-hours per hour per replica above 20 GiB (zero when within the free part). */
  readonly overFreeGb: Amount;
  readonly basis: string;
}

/**
 * ECS: the task's `ephemeralStorage.sizeInGiB` (20 when unset). EKS: Fargate provisions the pod's
 * ephemeral-storage request + 10 % + 5 GiB (cost-model.md 1.6), the request taken like the other
 * resources, max(Σ running, largest init); with no request the pod gets the free 20 GiB.
 */
export function billedEphemeralStorage(workload: Workload): BilledStorage {
  if (workload.scope === 'ecs') {
    const size = workload.ecs?.ephemeralStorageGiB ?? FREE_EPHEMERAL_GIB;
    if (size === FREE_EPHEMERAL_GIB) return ECS_FREE_STORAGE;
    return ecsStorage.remembered(size, ecsStorageOf);
  }
  let requested = false;
  let runningMiB = 0;
  let initMiB = 0;
  const containers = workload.containers;
  for (let i = 0; i < containers.length; i += 1) {
    const c = containers[i]!;
    const request = effective(
      c.k8s?.ephemeralStorageRequestMiB ?? null,
      c.k8s?.ephemeralStorageLimitMiB ?? null,
    );
    if (request !== null) requested = true;
    if (c.role === 'init') initMiB = Math.max(initMiB, request ?? 0);
    else runningMiB += request ?? 0;
  }
  if (!requested) return NO_STORAGE_REQUEST;
  const largest = Math.max(runningMiB, initMiB);
  return eksStorage.remembered(largest, eksStorageOf);
}

const NO_STORAGE_REQUEST: BilledStorage = {
  overFreeGb: amount(0),
  basis: 'no ephemeral-storage request: the free 20 GiB',
};

/** Storage figures already worked out, by task size (ECS) or pod request (EKS). */
const ecsStorage = pricingCache<number, BilledStorage>();
const eksStorage = pricingCache<number, BilledStorage>();

function ecsStorageOf(size: number): BilledStorage {
  return {
    overFreeGb: amount(Math.max(0, size - FREE_EPHEMERAL_GIB)),
    basis: `task ephemeral storage ${size} GiB`,
  };
}

/** Most tasks keep the free 20 GiB: their figures, made once. */
const ECS_FREE_STORAGE = ecsStorageOf(FREE_EPHEMERAL_GIB);

function eksStorageOf(requestMiB: number): BilledStorage {
  const provisionedGiB = amount(requestMiB).div(1024).times('1.1').plus(5);
  const over = provisionedGiB.minus(FREE_EPHEMERAL_GIB);
  return {
    overFreeGb: over.greaterThan(0) ? over : amount(0),
    basis: `ephemeral-storage request + 10 % + 5 GiB = ${provisionedGiB.toFixed()} GiB provisioned`,
  };
}

/** How many replicas a figure is for, and why. */
export interface ReplicaCount {
  readonly count: number;
  /** `workload` (desired or running), `per-replica` (check mode without a replicas field). */
  readonly basis: 'workload' | 'per-replica';
}

/** The workload's replicas, or 1 (a per-replica figure) when the input carries no count. */
export function replicaCount(workload: Workload): ReplicaCount {
  if (workload.replicas === null) return PER_REPLICA;
  return replicasOf.remembered(workload.replicas, replicasFor);
}

const replicasFor = (count: number): ReplicaCount => Object.freeze({ count, basis: 'workload' });

const PER_REPLICA: ReplicaCount = Object.freeze({ count: 1, basis: 'per-replica' });
/** Replica counts by number, made once: workloads of one count share one. */
const replicasOf = pricingCache<number, ReplicaCount>();

/**
 * The size an EKS pod on Fargate was actually given, from its `CapacityProvisioned` annotation
 * ("2vCPU 9GB", cost-model.md 2.2); null when absent or unreadable.
 */
export function capacityProvisioned(workload: Workload): FargateSize | null {
  const value = workload.annotations.CapacityProvisioned;
  const match = value === undefined ? null : /^\s*([\d.]+)\s*vCPU\s+([\d.]+)\s*GB\s*$/i.exec(value);
  if (match === null) return null;
  const cpu = Number(match[1]) * 1024;
  const memoryMiB = Number(match[2]) * 1024;
  return Number.isFinite(cpu) && Number.isFinite(memoryMiB) && cpu > 0 && memoryMiB > 0
    ? { cpu, memoryMiB }
    : null;
}
