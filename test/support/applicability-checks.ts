import type { Workload } from '../../lib/model/workload.js';
import { featureMaskOf, featuresOf } from '../../lib/rules/applicability.js';
import { evaluateWorkload } from '../../lib/rules/engine.js';
import type { Rule } from '../../lib/rules/rule.js';

/** Deterministic pseudo-random numbers (mulberry32), so a failure repeats. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Workloads that mix two: one's containers, task or pod detail, volumes or pod fields in the other. */
export function mixtures(a: Workload, b: Workload): Workload[] {
  const swapDetail = (from: Workload, to: Workload) =>
    to.containers.map((c, i) => {
      const other = from.containers[i % Math.max(from.containers.length, 1)];
      return other ? { ...c, ecs: other.ecs, k8s: other.k8s, ports: other.ports } : c;
    });
  return [
    { ...a, containers: b.containers },
    { ...a, ecs: b.ecs, eks: b.eks },
    { ...a, volumes: b.volumes },
    { ...a, containers: [...a.containers, ...b.containers] },
    { ...a, containers: swapDetail(b, a) },
    {
      ...a,
      os: b.os,
      launchType: b.launchType,
      kind: b.kind,
      ownerKind: b.ownerKind,
      schedulingKind: b.schedulingKind,
      region: b.region,
      hostNetwork: b.hostNetwork,
      hostPID: b.hostPID,
      hostIPC: b.hostIPC,
      labels: b.labels,
      annotations: b.annotations,
      nodeSelector: b.nodeSelector,
      nodeAffinity: b.nodeAffinity,
      placements: b.placements,
    },
  ];
}

/**
 * `base` plus, for each of `firing`, mixtures with `partners` random workloads of its scope in
 * both directions: each firing setting lands in other surroundings, and other settings beside it.
 */
export function mixedPool(
  base: readonly Workload[],
  firing: readonly Workload[],
  partners: number,
): Workload[] {
  const random = randomSource(20261128);
  const pool = [...base];
  for (const fail of firing) {
    const sameScope = base.filter((w) => w.scope === fail.scope);
    if (sameScope.length === 0) continue;
    for (let i = 0; i < partners; i += 1) {
      const other = sameScope[Math.floor(random() * sameScope.length)]!;
      pool.push(...mixtures(other, fail), ...mixtures(fail, other));
    }
  }
  return pool;
}

/** What the rule says about a workload: its violations, or the error it throws. */
export function outcome(rule: Rule, workload: Workload): { found: number; threw: string | null } {
  try {
    return { found: rule.evaluate(workload).length, threw: null };
  } catch (error) {
    return { found: 0, threw: String(error) };
  }
}

/**
 * Where skipping would be wrong: `rule on workload` for each workload without the rule's features
 * in which the rule finds something or throws; and how many workloads lacked them.
 */
export function wronglySkipped(rule: Rule, pool: readonly Workload[], features: readonly number[]) {
  const mask = featureMaskOf(rule) ?? 0;
  let without = 0;
  const wrong: string[] = [];
  pool.forEach((workload, i) => {
    if (workload.scope !== rule.scope || (features[i]! & mask) !== 0) return;
    without += 1;
    const { found, threw } = outcome(rule, workload);
    if (found > 0 || threw !== null) wrong.push(`${rule.id} on ${workload.id}: ${threw ?? `${found} found`}`);
  });
  return { without, wrong };
}

/** Workloads whose evaluation with skipping differs from running every rule of the catalogue. */
export function evaluationsThatDiffer(catalogue: readonly Rule[], pool: readonly Workload[]): string[] {
  const everyRule = catalogue.map((rule) => ({ ...rule, firesOnlyWith: undefined }));
  const differ: string[] = [];
  for (const workload of pool) {
    const skipping = JSON.stringify(evaluateWorkload(workload, catalogue));
    if (skipping !== JSON.stringify(evaluateWorkload(workload, everyRule))) differ.push(workload.id);
  }
  return differ;
}

/** The features of each workload of a pool, in pool order. */
export const featuresOfEach = (pool: readonly Workload[]): number[] => pool.map(featuresOf);
