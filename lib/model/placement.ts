import type { Placement } from './workload.js';

/**
 * A placement built by one object literal, with its fields in one order. Rules and pricing read
 * placements in their hottest loops; copies made by spreading (`{ ...p, replicasHere }`) gave
 * almost every placement a hidden class of its own, which turns each of those reads into a
 * megamorphic lookup. Every placement the scan hands on comes from here.
 */
export function placementOf(fields: Placement): Placement {
  return {
    instanceId: fields.instanceId,
    instanceType: fields.instanceType,
    capacityType: fields.capacityType,
    capacityCpuUnits: fields.capacityCpuUnits,
    capacityMemoryMiB: fields.capacityMemoryMiB,
    allocatedCpuUnits: fields.allocatedCpuUnits,
    allocatedMemoryMiB: fields.allocatedMemoryMiB,
    replicasHere: fields.replicasHere,
  };
}
