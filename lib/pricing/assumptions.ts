import type { CostDirection } from './cost.js';
import type { AssumptionValue } from './estimate.js';

/*
 * The assumptions object of a cost is written key by key as an estimate goes. An empty object
 * would regrow a separate property store every few keys, and the judge keeps the last one; so an
 * estimate starts from a copy of its direction's template, which holds, in the object itself, every
 * key the usual path writes, in the order they print. Keys a path leaves unwritten are dropped at
 * the end, on a copy made only then (an unpriced figure, a Spot share).
 */

/** The value of a template key no estimate step has written yet. */
const UNSET: unique symbol = Symbol('unset');

type Written = Record<string, AssumptionValue | typeof UNSET>;

// Object literals, one per direction, rather than objects built from shared key lists: only a
// literal holds all its keys in the object itself (and so does the copy of it an estimate starts
// from); keys added one by one spill into a separate store.

const fromEc2: Written = {
  direction: UNSET,
  region: UNSET,
  regionSource: UNSET,
  os: UNSET,
  hoursPerMonth: UNSET,
  replicas: UNSET,
  replicasBasis: UNSET,
  priceBookDate: UNSET,
  computeSavingsPlanDiscount: UNSET,
  idleTreatment: UNSET,
  cpuMemoryWeight: UNSET,
  ec2OnlyCommitmentDiscount: UNSET,
  currentAllocatedMonthlyUsd: UNSET,
  fargateArchitecture: UNSET,
  fargateSize: UNSET,
  fargateSpotShare: UNSET,
  breakEvenUtilization: UNSET,
  savingsPercent: UNSET,
  publicIpv4MonthlyUsd: UNSET,
  strandedCommitmentMonthlyUsd: UNSET,
  priceDates: UNSET,
};

const fromFargate: Written = {
  direction: UNSET,
  region: UNSET,
  regionSource: UNSET,
  os: UNSET,
  hoursPerMonth: UNSET,
  replicas: UNSET,
  replicasBasis: UNSET,
  priceBookDate: UNSET,
  computeSavingsPlanDiscount: UNSET,
  fargateArchitecture: UNSET,
  fargateSize: UNSET,
  fargateSpotShare: UNSET,
  ec2ProjectionMode: UNSET,
  targetUtilization: UNSET,
  cpuMemoryWeight: UNSET,
  ec2Architecture: UNSET,
  targetInstanceType: UNSET,
  breakEvenUtilization: UNSET,
  projectedEc2MonthlyUsd: UNSET,
  savingsPercent: UNSET,
  publicIpv4MonthlyUsd: UNSET,
  priceDates: UNSET,
};

/** Check mode and ECS Anywhere: the Fargate figure only. */
const fargateOnly: Written = {
  direction: UNSET,
  region: UNSET,
  regionSource: UNSET,
  os: UNSET,
  hoursPerMonth: UNSET,
  replicas: UNSET,
  replicasBasis: UNSET,
  priceBookDate: UNSET,
  computeSavingsPlanDiscount: UNSET,
  fargateArchitecture: UNSET,
  fargateSize: UNSET,
  fargateSpotShare: UNSET,
  savingsPercent: UNSET,
  publicIpv4MonthlyUsd: UNSET,
  priceDates: UNSET,
};

/** A direction's template, how many keys it has, and every key the direction can write, in print order. */
interface Layout {
  readonly template: Written;
  readonly keyCount: number;
  readonly printOrder: readonly string[];
}

/** Keys only a rarer path writes (a Spot share), left out of the templates; each prints after its key. */
const RARE_KEYS_AFTER: Readonly<Record<string, string>> = { fargateSpotDiscount: 'fargateSpotShare' };

const layoutOf = (template: Written): Layout => ({
  template,
  keyCount: Object.keys(template).length,
  printOrder: Object.keys(template).flatMap((key) => [
    key,
    ...Object.keys(RARE_KEYS_AFTER).filter((rare) => RARE_KEYS_AFTER[rare] === key),
  ]),
});

const LAYOUTS: Readonly<Record<CostDirection, Layout>> = {
  'ec2-to-fargate': layoutOf(fromEc2),
  'fargate-to-ec2': layoutOf(fromFargate),
  check: layoutOf(fargateOnly),
  external: layoutOf(fargateOnly),
};

/**
 * A new assumptions object for an estimate in `direction`: the estimate writes its values into it,
 * and {@link finishedAssumptions} gives what it wrote.
 */
export function startedAssumptions(direction: CostDirection): Record<string, AssumptionValue> {
  return { ...LAYOUTS[direction].template } as Record<string, AssumptionValue>;
}

/** The assumptions written into `started`, in print order, without the keys left unwritten. */
export function finishedAssumptions(
  direction: CostDirection,
  started: Record<string, AssumptionValue>,
): Record<string, AssumptionValue> {
  const written = started as Written;
  const layout = LAYOUTS[direction];
  let keyCount = 0;
  let complete = true;
  for (const key in written) {
    keyCount += 1;
    if (written[key] === UNSET) complete = false;
  }
  // Every template key written and no other: the object is already what prints.
  if (complete && keyCount === layout.keyCount) return started;
  const finished: Record<string, AssumptionValue> = {};
  for (const key of layout.printOrder) {
    const value = Object.hasOwn(written, key) ? written[key]! : UNSET;
    if (value !== UNSET) finished[key] = value;
  }
  // A key in no print order (none is) would go last, as written.
  for (const key in written) {
    const value = written[key]!;
    if (!Object.hasOwn(finished, key) && value !== UNSET) finished[key] = value;
  }
  return finished;
}
