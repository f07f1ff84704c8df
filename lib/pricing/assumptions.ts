import type { CostDirection } from './cost.js';
import type { AssumptionValue } from './estimate.js';

/*
 * The assumptions object of a cost is written key by key as an estimate goes. An empty object
 * would regrow a separate property store every few keys, and the judge keeps the last one; so an
 * estimate starts from its direction's template, which holds, in the object itself, every key the
 * usual path writes, in the order they print. Keys a path leaves unwritten are dropped at the end,
 * on a copy made only then (an unpriced figure, a Spot share).
 */

/** The value of a template key no estimate step has written yet. */
const UNSET: unique symbol = Symbol('unset');

type Written = Record<string, AssumptionValue | typeof UNSET>;

// Object literals, one per direction, rather than objects built from shared key lists: only a
// literal holds all its keys in the object itself; keys added one by one spill into a separate
// store. Each template is a function that makes its literal: V8 makes a literal from its
// boilerplate faster than it copies an object with spread.

const fromEc2 = (): Written => ({
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
});

const fromFargate = (): Written => ({
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
});

/** Check mode and ECS Anywhere: the Fargate figure only. */
const fargateOnly = (): Written => ({
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
});

/** How many keys a direction's template has, and every key the direction can write, in print order. */
interface Layout {
  readonly keyCount: number;
  readonly printOrder: readonly string[];
}

/** Keys only a rarer path writes (a Spot share), left out of the templates; each prints after its key. */
const RARE_KEYS_AFTER: Readonly<Record<string, string>> = { fargateSpotDiscount: 'fargateSpotShare' };

function layoutOf(template: () => Written): Layout {
  const keys = Object.keys(template());
  return {
    keyCount: keys.length,
    printOrder: keys.flatMap((key) => [
      key,
      ...Object.keys(RARE_KEYS_AFTER).filter((rare) => RARE_KEYS_AFTER[rare] === key),
    ]),
  };
}

const EC2_LAYOUT = layoutOf(fromEc2);
const FARGATE_LAYOUT = layoutOf(fromFargate);
const FARGATE_ONLY_LAYOUT = layoutOf(fargateOnly);

/** A direction's layout; a switch, as a look-up by the direction's name is a slow, megamorphic one. */
function layoutFor(direction: CostDirection): Layout {
  switch (direction) {
    case 'ec2-to-fargate':
      return EC2_LAYOUT;
    case 'fargate-to-ec2':
      return FARGATE_LAYOUT;
    case 'check':
    case 'external':
      return FARGATE_ONLY_LAYOUT;
  }
}

/**
 * A new assumptions object for an estimate in `direction`: the estimate writes its values into it,
 * and {@link finishedAssumptions} gives what it wrote.
 */
export function startedAssumptions(direction: CostDirection): Record<string, AssumptionValue> {
  switch (direction) {
    case 'ec2-to-fargate':
      return fromEc2() as Record<string, AssumptionValue>;
    case 'fargate-to-ec2':
      return fromFargate() as Record<string, AssumptionValue>;
    case 'check':
    case 'external':
      return fargateOnly() as Record<string, AssumptionValue>;
  }
}

/** The assumptions written into `started`, in print order, without the keys left unwritten. */
export function finishedAssumptions(
  direction: CostDirection,
  started: Record<string, AssumptionValue>,
): Record<string, AssumptionValue> {
  const written = started as Written;
  const layout = layoutFor(direction);
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
