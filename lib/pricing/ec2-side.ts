import type { Placement } from '../model/workload.js';
import { discounted, type Estimate, ONE, plural, weighted } from './estimate.js';
import {
  count,
  type Expression,
  evaluate,
  pricedLine,
  product,
  quantity,
  quotient,
  sum,
} from './expression.js';
import { type Amount, amount, formatPercent, formatUsd, Money, toCents } from './money.js';
import { ec2HourlyPrice, type InstanceTypeEntry, type PriceBook } from './price-book.js';
import { ec2Reservation, type Reservation } from './quantities.js';
import type { PricingSettings } from './settings.js';

/**
 * The discount on EC2 on-demand prices: the EC2-only commitment when one is set (AWS applies
 * Reserved Instances and EC2 Instance Savings Plans before Compute Savings Plans, so usage they
 * cover gets their rate), else the Compute Savings Plan.
 */
function onDemandFactor(settings: PricingSettings): Amount {
  const discount =
    settings.ec2OnlyCommitmentDiscount > 0
      ? settings.ec2OnlyCommitmentDiscount
      : settings.computeSavingsPlanDiscount;
  return ONE.minus(amount(discount));
}

function describeReservation(estimate: Estimate, need: Reservation): void {
  estimate.line(
    `Each ${estimate.unit} reserves ${need.vcpu.toFixed()} vCPU / ${need.memoryGb.toFixed()} GB (${need.basis})${
      need.cpuFloored ? '; it reserves no CPU, so 0.25 vCPU is counted (cost-model.md 5.6)' : ''
    }`,
  );
}

interface PlacementGroup {
  readonly instanceType: string;
  readonly capacityType: Placement['capacityType'];
  readonly capacityVcpu: Amount;
  readonly capacityGb: Amount;
  readonly allocatedVcpu: Amount;
  readonly allocatedGb: Amount;
  replicas: number;
  readonly instanceIds: Set<string>;
}

/**
 * Placements that price alike, merged so the breakdown stays short: same instance type and
 * capacity type, and also the same registered capacity (`capacity`) and allocation (`allocation`).
 */
function groupPlacements(
  placements: readonly Placement[],
  alike: 'instance-type' | 'capacity' | 'allocation',
): PlacementGroup[] {
  const groups = new Map<string, PlacementGroup>();
  for (const p of placements) {
    const key = [
      p.instanceType,
      p.capacityType,
      ...(alike === 'instance-type' ? [] : [p.capacityCpuUnits, p.capacityMemoryMiB]),
      ...(alike === 'allocation' ? [p.allocatedCpuUnits, p.allocatedMemoryMiB] : []),
    ].join('|');
    let group = groups.get(key);
    if (group === undefined) {
      group = {
        instanceType: p.instanceType,
        capacityType: p.capacityType,
        capacityVcpu: amount(p.capacityCpuUnits).div(1024),
        capacityGb: amount(p.capacityMemoryMiB).div(1024),
        allocatedVcpu: amount(p.allocatedCpuUnits).div(1024),
        allocatedGb: amount(p.allocatedMemoryMiB).div(1024),
        replicas: 0,
        instanceIds: new Set(),
      };
      groups.set(key, group);
    }
    group.replicas += p.replicasHere;
    group.instanceIds.add(p.instanceId);
  }
  return [...groups.values()];
}

/** The current EC2 figure, and the allocated share the break-even utilisation is measured from. */
export interface CurrentEc2Cost {
  readonly current: Amount | null;
  readonly allocated: Amount | null;
}

/**
 * Current cost on EC2 (cost-model.md 5.1 step 4, 5.3 step 3). Each instance's hourly price is split
 * into a vCPU and a GB rate at the CPU:memory weight w, u = price / (w x vCPU + GB) of its
 * registered (ECS) or allocatable (Kubernetes) capacity, and charged on what each replica
 * reserves. settings.idleTreatment decides what the unused capacity does:
 * - allocated: nothing (it stays with the cluster as idle; SCAD and OpenCost do the same);
 * - proportional-idle: each instance's price is split over what is allocated on it, so idle is
 *   shared in proportion to allocation (OpenCost shareIdle, SCAD split + unused);
 * - whole-instances: the instances' full price (fair when the workload owns its capacity).
 */
export function currentEc2Cost(estimate: Estimate, book: PriceBook): CurrentEc2Cost {
  const { workload, settings, region, unit } = estimate;
  const unknown = { current: null, allocated: null };
  const placements = workload.placements;
  Object.assign(estimate.assumptions, {
    idleTreatment: settings.idleTreatment,
    cpuMemoryWeight: settings.cpuMemoryWeight,
    ec2OnlyCommitmentDiscount: settings.ec2OnlyCommitmentDiscount,
  });
  if (placements.length === 0) {
    estimate.unpriced(
      'NoPlacements',
      `no running ${unit}s were seen on EC2 instances, so the current EC2 cost is unknown`,
    );
    return unknown;
  }
  const placed = placements.reduce((n, p) => n + p.replicasHere, 0);
  if (estimate.replicas.basis === 'workload' && placed !== estimate.replicas.count) {
    estimate.unpriced(
      'PlacementsIncomplete',
      `the instances seen run ${placed} of the workload's ${estimate.replicas.count} ${unit}s, so its current EC2 cost is not known in full`,
    );
    return unknown;
  }
  for (const type of new Set(placements.map((p) => p.instanceType))) {
    if (ec2HourlyPrice(book, type, region) === null) {
      estimate.unpriced(
        'PriceNotInBook',
        `the price book (${book.date}) has no on-demand price for ${type} in ${region}; run \`fargate-fit prices refresh --regions ${region}\` and pass --price-book`,
      );
      return unknown;
    }
  }
  if (placements.some((p) => p.capacityType === 'spot') && settings.ec2SpotDiscount === null) {
    estimate.unpriced(
      'SpotPriceUnknown',
      `some ${unit}s run on EC2 Spot instances, whose price the price book does not carry; set ec2SpotDiscount to price them`,
    );
    return unknown;
  }
  if (placements.some((p) => p.capacityCpuUnits <= 0 || p.capacityMemoryMiB <= 0)) {
    estimate.unpriced(
      'CapacityUnknown',
      'an instance reported no registered capacity to split its price over',
    );
    return unknown;
  }

  const need = ec2Reservation(workload);
  describeReservation(estimate, need);
  const weight = amount(settings.cpuMemoryWeight);
  const ownWeight = weighted(weight, need.vcpu, need.memoryGb);
  const hourly = (group: PlacementGroup): Expression => {
    const figure = ec2HourlyPrice(book, group.instanceType, region)!;
    estimate.usedPriceDate(figure.sourceDate);
    const factor =
      group.capacityType === 'spot'
        ? ONE.minus(amount(settings.ec2SpotDiscount ?? 0))
        : onDemandFactor(settings);
    return discounted(amount(figure.usd), factor);
  };
  const shareOver = (group: PlacementGroup, over: Expression) =>
    quotient(product(count(group.replicas, unit), ownWeight, hourly(group)), over);
  const monthly = (terms: readonly Expression[]) =>
    product(sum(terms[0]!, ...terms.slice(1)), estimate.hours);
  const types = [...new Set(placements.map((p) => p.instanceType))].join(', ');

  const allocated = monthly(
    groupPlacements(placements, 'capacity').map((g) =>
      shareOver(g, weighted(weight, g.capacityVcpu, g.capacityGb)),
    ),
  );
  const allocatedValue = evaluate(allocated);
  estimate.assumptions.currentAllocatedMonthlyUsd = toCents(allocatedValue);
  const w = settings.cpuMemoryWeight;

  if (settings.idleTreatment === 'allocated') {
    estimate.line(
      pricedLine(
        `Current cost, allocated share at ${w}:1 on ${types} (idle capacity not included)`,
        allocated,
      ),
    );
    return { current: allocatedValue, allocated: allocatedValue };
  }

  const ownValue = evaluate(ownWeight);
  const allocatedWeightOf = (p: Placement) =>
    weight.times(amount(p.allocatedCpuUnits).div(1024)).plus(amount(p.allocatedMemoryMiB).div(1024));

  if (settings.idleTreatment === 'proportional-idle') {
    // An instance cannot have less allocated than this workload alone reserves on it. Where the
    // collector says so, the data is inconsistent: that instance is charged whole, and the
    // breakdown says so.
    const inconsistent = placements.filter((p) =>
      allocatedWeightOf(p).lessThan(ownValue.times(p.replicasHere)),
    );
    const consistent = placements.filter((p) => !inconsistent.includes(p));
    for (const p of inconsistent) {
      estimate.line(
        `${p.instanceId} (${p.instanceType}): reported allocation is below this workload's own reservation, so the whole instance is charged`,
      );
    }
    const withIdle = monthly([
      ...groupPlacements(consistent, 'allocation').map((g) =>
        shareOver(g, weighted(weight, g.allocatedVcpu, g.allocatedGb, 'GB allocated')),
      ),
      ...groupPlacements(inconsistent, 'instance-type').map((g) =>
        product(count(g.instanceIds.size, 'instance'), hourly(g)),
      ),
    ]);
    estimate.line(
      pricedLine(
        `Current cost, allocated share plus proportional idle at ${w}:1 on ${types} (each instance's price split over what is allocated on it)`,
        withIdle,
      ),
    );
    estimate.line(`Without idle capacity the allocated share is ${formatUsd(allocatedValue)}`);
    return { current: evaluate(withIdle), allocated: allocatedValue };
  }

  const whole = monthly(
    groupPlacements(placements, 'instance-type').map((g) =>
      product(count(g.instanceIds.size, 'instance'), hourly(g)),
    ),
  );
  estimate.line(pricedLine(`Current cost, whole instances (${types}) charged to this workload`, whole));
  const shared = placements.filter((p) =>
    allocatedWeightOf(p).greaterThan(ownValue.times(p.replicasHere)),
  ).length;
  if (shared > 0) {
    estimate.line(
      `${shared} of the ${plural(placements.length, 'instance')} also run other workloads; whole-instance pricing charges their share here too (fair only when this workload owns its capacity provider or node group)`,
    );
  }
  estimate.line(`The allocated share alone is ${formatUsd(allocatedValue)}`);
  return { current: evaluate(whole), allocated: allocatedValue };
}

/**
 * Break-even utilisation U* = allocated share / Fargate (cost-model.md 5.1 step 5): Fargate is the
 * cheaper home while the instances' weighted utilisation is below U*.
 */
export function describeBreakEvenToFargate(
  estimate: Estimate,
  allocated: Amount | null,
  fargate: Amount | null,
): void {
  if (allocated === null || fargate === null || fargate.isZero()) {
    estimate.assumptions.breakEvenUtilization = null;
    return;
  }
  const breakEven = allocated.div(fargate);
  estimate.assumptions.breakEvenUtilization = breakEven.toDecimalPlaces(4).toNumber();
  const w = estimate.settings.cpuMemoryWeight;
  estimate.line(
    breakEven.greaterThanOrEqualTo(ONE)
      ? `Break-even: Fargate costs less than this workload's share even on fully used instances (allocated share ${formatUsd(allocated)} / Fargate ${formatUsd(fargate)})`
      : `Break-even: Fargate costs less while the instances are less than ${formatPercent(breakEven)} utilised (${w}:1-weighted allocation; allocated share ${formatUsd(allocated)} / Fargate ${formatUsd(fargate)})`,
  );
}

interface Ec2Quote {
  readonly instanceType: string;
  readonly expression: Expression;
  readonly value: Amount;
  readonly packing: string | null;
}

/**
 * What a Fargate workload would cost on EC2 (cost-model.md 5.2), on settings.targetInstanceType or
 * the cheapest instance type in the price book that fits a replica: same architecture, priced in
 * the region, T-family left out unless chosen (burstable CPU is no like-for-like home for a steady
 * task).
 * - marginal-share: N x (w x v' + m') x u / target utilisation x hours, where (v', m') is what a
 *   replica reserves (not its rounded Fargate size) and u = price / (w x vCPU + GB) of the type's
 *   nominal size (the OS's share of it is part of the headroom the target utilisation leaves).
 * - dedicated: ceil(N / replicas per instance) x price x hours, replicas per instance limited by
 *   CPU and by memory after settings.ec2ReservedMemoryMiB and the daemons' share.
 */
export function projectOntoEc2(estimate: Estimate, book: PriceBook, fargate: Amount | null): Amount | null {
  const { workload, settings, region, unit } = estimate;
  const need = ec2Reservation(workload);
  const architecture = settings.architecture ?? workload.architecture ?? 'x86_64';
  Object.assign(estimate.assumptions, {
    ec2ProjectionMode: settings.ec2ProjectionMode,
    targetUtilization: settings.targetUtilization,
    cpuMemoryWeight: settings.cpuMemoryWeight,
    ec2Architecture: architecture,
  });
  describeReservation(estimate, need);

  const chosen = settings.targetInstanceType;
  let candidates: [string, InstanceTypeEntry][];
  if (chosen !== null) {
    const entry = book.ec2[chosen];
    if (entry === undefined || ec2HourlyPrice(book, chosen, region) === null) {
      return estimate.unpriced(
        'PriceNotInBook',
        `the price book (${book.date}) has no on-demand price for ${chosen} in ${region}`,
      );
    }
    candidates = [[chosen, entry]];
  } else {
    candidates = Object.entries(book.ec2).filter(
      ([type, entry]) =>
        entry.architecture === architecture &&
        !entry.burstable &&
        ec2HourlyPrice(book, type, region) !== null,
    );
  }
  const best = candidates
    .map(([type, entry]) => quote(estimate, book, type, entry, need))
    .filter((q): q is Ec2Quote => q !== null)
    .sort((a, b) => a.value.comparedTo(b.value) || a.instanceType.localeCompare(b.instanceType))[0];
  const shape = `${need.vcpu.toFixed()} vCPU / ${need.memoryGb.toFixed()} GB`;
  if (best === undefined) {
    return estimate.unpriced(
      'NoFittingInstanceType',
      chosen !== null
        ? `one ${unit} (${shape}) does not fit on ${chosen}`
        : `no non-burstable ${architecture} instance type priced in ${region} in the price book (${book.date}) fits one ${unit} of ${shape}`,
    );
  }
  estimate.usedPriceDate(ec2HourlyPrice(book, best.instanceType, region)!.sourceDate);
  estimate.assumptions.targetInstanceType = best.instanceType;
  estimate.line(
    chosen !== null
      ? `EC2 target ${best.instanceType} (settings.targetInstanceType)`
      : `EC2 target ${best.instanceType}: the cheapest fitting non-burstable ${architecture} type the price book prices in ${region}`,
  );
  if (best.packing !== null) estimate.line(best.packing);
  const marginal = settings.ec2ProjectionMode === 'marginal-share';
  const label = marginal
    ? `Projected on EC2, marginal share of ${best.instanceType} at ${formatPercent(amount(settings.targetUtilization))} target utilisation`
    : `Projected on EC2, dedicated ${best.instanceType} instances`;
  estimate.line(pricedLine(label, best.expression));
  if (marginal && fargate !== null && !fargate.isZero()) {
    // The same share at 100 % utilisation, over Fargate: EC2 wins only above that utilisation.
    const breakEven = best.value.times(amount(settings.targetUtilization)).div(fargate);
    estimate.assumptions.breakEvenUtilization = breakEven.toDecimalPlaces(4).toNumber();
    estimate.line(
      breakEven.greaterThanOrEqualTo(ONE)
        ? 'Break-even: EC2 costs more than Fargate here even when fully utilised'
        : `Break-even: EC2 costs less only while its capacity stays more than ${formatPercent(breakEven)} utilised (${settings.cpuMemoryWeight}:1-weighted)`,
    );
  }
  return best.value;
}

function quote(
  estimate: Estimate,
  book: PriceBook,
  type: string,
  entry: InstanceTypeEntry,
  need: Reservation,
): Ec2Quote | null {
  const { settings, region, unit } = estimate;
  const replicas = estimate.replicas.count;
  const hourly = discounted(amount(ec2HourlyPrice(book, type, region)!.usd), onDemandFactor(settings));
  const usableCpuUnits = amount(entry.vcpu).times(1024).minus(settings.daemonCpuUnitsPerInstance);
  const usableMemoryMiB = amount(entry.memoryGiB)
    .times(1024)
    .minus(settings.ec2ReservedMemoryMiB)
    .minus(settings.daemonMemoryMiBPerInstance);
  const needCpuUnits = need.vcpu.times(1024);
  const needMemoryMiB = need.memoryGb.times(1024);
  const byCpu = usableCpuUnits.div(needCpuUnits).floor();
  const byMemory = needMemoryMiB.isZero() ? byCpu : usableMemoryMiB.div(needMemoryMiB).floor();
  const perInstance = Money.min(byCpu, byMemory);
  if (perInstance.lessThan(1)) return null;

  if (settings.ec2ProjectionMode === 'dedicated') {
    const instances = amount(replicas).div(perInstance).ceil().toNumber();
    const expression = product(count(instances, 'instance'), hourly, estimate.hours);
    return {
      instanceType: type,
      expression,
      value: evaluate(expression),
      packing: `${plural(perInstance.toNumber(), unit)} ${perInstance.equals(1) ? 'fits' : 'fit'} one ${type} (CPU ${usableCpuUnits.toFixed()} / ${needCpuUnits.toFixed()} units, memory ${usableMemoryMiB.toFixed()} / ${needMemoryMiB.toFixed()} MiB after ${settings.ec2ReservedMemoryMiB} MiB reserved and daemons of ${settings.daemonCpuUnitsPerInstance} units / ${settings.daemonMemoryMiBPerInstance} MiB), so ${plural(replicas, unit)} need ${plural(instances, 'instance')}`,
    };
  }
  const weight = amount(settings.cpuMemoryWeight);
  let share = quotient(
    product(count(replicas, unit), weighted(weight, need.vcpu, need.memoryGb), hourly),
    weighted(weight, amount(entry.vcpu), amount(entry.memoryGiB)),
  );
  // Dividing by the target utilisation charges the headroom EC2 capacity needs and Fargate does not.
  if (settings.targetUtilization !== 1) share = quotient(share, quantity(settings.targetUtilization));
  const expression = product(share, estimate.hours);
  return { instanceType: type, expression, value: evaluate(expression), packing: null };
}
