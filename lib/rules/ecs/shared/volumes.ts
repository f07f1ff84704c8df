import type { VolumeType, Workload } from '../../../model/workload.js';

const NONE: readonly string[] = Object.freeze([]);

/**
 * Names of the task's volumes of one type, in order. Most tasks have none of a given type: they
 * get a shared empty list, found by one plain pass and without allocating.
 */
export function volumeNamesOfType(workload: Workload, type: VolumeType): readonly string[] {
  let names: string[] | null = null;
  for (const v of workload.volumes) {
    if (v.type !== type) continue;
    if (names === null) names = [];
    names.push(v.name);
  }
  return names ?? NONE;
}

/** True when the task has a volume of the type. */
export function hasVolumeOfType(workload: Workload, type: VolumeType): boolean {
  for (const v of workload.volumes) {
    if (v.type === type) return true;
  }
  return false;
}
