import { byCodeUnits } from '../model/text-order.js';
import type { Placement } from '../model/workload.js';
import { atLeastOne, discounted, type Estimate, ONE, plural, weighted } from './estimate.js';
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
import {
  type Amount,
  amount,
  formatExact,
  formatPercent,
  formatUsd,
  Money,
  per1024,
  pricingCache,
  rememberedPerKeys,
  rememberedPerPair,
  rememberedPerValue,
  type SharedNumber,
  toCents,
} from './money.js';
import { ec2HourlyPrice, type InstanceTypeEntry, instanceTypeEntry, type PriceBook } from './price-book.js';
import { ec2Reservation, type Reservation } from './quantities.js';
import type { PricingSettings } from './settings.js';

/**
 * The discount on EC2 on-demand prices: the EC2-only commitment when one is set (AWS applies
 * Reserved Instances and EC2 Instance Savings Plans before Compute Savings Plans, so usage they
 * cover gets their rate), else the Compute Savings Plan.
 */
function onDemandFactor(
  settings: Pick<PricingSettings, 'ec2OnlyCommitmentDiscount' | 'computeSavingsPlanDiscount'>,
): Amount {
  const discount =
    settings.ec2OnlyCommitmentDiscount > 0
      ? settings.ec2OnlyCommitmentDiscount
      : settings.computeSavingsPlanDiscount;
  return discount === 0 ? ONE : oneMinus(amount(discount));
}

/** 1 − d, remembered per (immutable) decimal: a run meets few distinct discounts. */
const oneMinus = rememberedPerValue((discount) => ONE.minus(discount));

function describeReservation(estimate: Estimate, need: Reservation): void {
  const unit = estimate.unit;
  let line = unit === 'task' ? reservationLines.task.get(need) : reservationLines.pod.get(need);
  if (line === undefined) {
    line = `Each ${unit} reserves ${formatExact(need.vcpu)} vCPU / ${formatExact(need.memoryGb)} GB (${need.basis})${
      need.cpuFloored ? '; it reserves no CPU, so 0.25 vCPU is counted (cost-model.md 5.6)' : ''
    }`;
    (unit === 'task' ? reservationLines.task : reservationLines.pod).set(need, line);
  }
  estimate.line(line);
}

/** The reservation line per (immutable, shared) reservation: tasks of one size share one line. */
const reservationLines = {
  task: new WeakMap<Reservation, string>(),
  pod: new WeakMap<Reservation, string>(),
};

interface PlacementGroup {
  /** The group's first placement: the others price alike (type, capacity and as grouped). */
  readonly placement: Placement;
  replicas: number;
  /** The instances of the group; kept only when grouping by instance type, the one reader. */
  readonly instanceIds: Set<string>;
}

const NO_INSTANCE_IDS: Set<string> = new Set();

/**
 * Placements that price alike, merged so the breakdown stays short: same instance type and
 * capacity type, and also the same registered capacity (`capacity`) and allocation (`allocation`).
 */
function groupPlacements(
  placements: readonly Placement[],
  alike: 'instance-type' | 'capacity' | 'allocation',
): PlacementGroup[] {
  // A linear search: a workload runs on a handful of instance shapes, so this beats building keys.
  const groups: PlacementGroup[] = [];
  for (let i = 0; i < placements.length; i += 1) {
    const p = placements[i]!;
    let index = 0;
    while (index < groups.length && !pricesAlike(groups[index]!.placement, p, alike)) index += 1;
    let group = groups[index];
    if (group === undefined) {
      group = {
        placement: p,
        replicas: 0,
        instanceIds: alike === 'instance-type' ? new Set() : NO_INSTANCE_IDS,
      };
      groups.push(group);
    }
    group.replicas += p.replicasHere;
    if (alike === 'instance-type') group.instanceIds.add(p.instanceId);
  }
  return groups;
}

/** `w x vCPU + GB` of an instance's registered (ECS) or allocatable (Kubernetes) capacity. */
const capacityWeight = (weight: Amount, placement: Placement): Expression =>
  capacityWeightOf(weight, placement.capacityCpuUnits, placement.capacityMemoryMiB);
const capacityWeightOf = rememberedPerKeys((weight: Amount, cpuUnits: number, memoryMiB: number) =>
  weighted(weight, per1024(cpuUnits), per1024(memoryMiB)),
);

/** `w x vCPU + GB` of what one replica reserves, per weight and (shared) reservation. */
const reservedWeight = rememberedPerKeys((weight: Amount, need: Reservation) =>
  weighted(weight, need.vcpu, need.memoryGb),
);

/** `w x vCPU + GB allocated` of what is allocated on an instance. */
const allocationWeight = (weight: Amount, placement: Placement): Expression =>
  weighted(
    weight,
    per1024(placement.allocatedCpuUnits),
    per1024(placement.allocatedMemoryMiB),
    'GB allocated',
  );

/**
 * Whether two placements fall in one group. Numbers compare as the text they print as (so NaN
 * meets NaN), as the groups were once keyed by that text.
 */
function pricesAlike(
  a: Placement,
  b: Placement,
  alike: 'instance-type' | 'capacity' | 'allocation',
): boolean {
  if (a.instanceType !== b.instanceType || a.capacityType !== b.capacityType) return false;
  if (alike === 'instance-type') return true;
  if (
    !sameNumber(a.capacityCpuUnits, b.capacityCpuUnits) ||
    !sameNumber(a.capacityMemoryMiB, b.capacityMemoryMiB)
  ) {
    return false;
  }
  if (alike === 'capacity') return true;
  return (
    sameNumber(a.allocatedCpuUnits, b.allocatedCpuUnits) &&
    sameNumber(a.allocatedMemoryMiB, b.allocatedMemoryMiB)
  );
}

const sameNumber = (a: number, b: number): boolean => a === b || (Number.isNaN(a) && Number.isNaN(b));

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
  const placements = workload.placements;
  estimate.assumptions.idleTreatment = settings.idleTreatment;
  estimate.assumptions.cpuMemoryWeight = settings.cpuMemoryWeight;
  estimate.assumptions.ec2OnlyCommitmentDiscount = settings.ec2OnlyCommitmentDiscount;
  if (placements.length === 0) {
    estimate.unpriced(
      'NoPlacements',
      `no running ${unit}s were seen on EC2 instances, so the current EC2 cost is unknown`,
    );
    return UNKNOWN_EC2_COST;
  }
  // One pass gathers what the checks below need; they still run, and fail, in their order.
  const first = placements[0]!;
  let placed = 0;
  let onSpot = false;
  let capacityMissing = false;
  let severalTypes = false;
  let oneGroup = true;
  for (let i = 0; i < placements.length; i += 1) {
    const p = placements[i]!;
    placed += p.replicasHere;
    if (p.instanceType !== first.instanceType) severalTypes = true;
    if (oneGroup && !pricesAlike(first, p, 'capacity')) oneGroup = false;
    if (p.capacityType === 'spot') onSpot = true;
    if (p.capacityCpuUnits <= 0 || p.capacityMemoryMiB <= 0) capacityMissing = true;
  }
  if (estimate.replicas.basis === 'workload' && placed !== estimate.replicas.count) {
    estimate.unpriced(
      'PlacementsIncomplete',
      `the instances seen run ${placed} of the workload's ${estimate.replicas.count} ${unit}s, so its current EC2 cost is not known in full`,
    );
    return UNKNOWN_EC2_COST;
  }
  // Most workloads run on one instance type: its name is the list, with no array built.
  const instanceTypes = severalTypes ? distinctInstanceTypes(placements) : null;
  const unpricedType =
    instanceTypes === null
      ? ec2HourlyPrice(book, first.instanceType, region) === null
        ? first.instanceType
        : undefined
      : instanceTypes.find((type) => ec2HourlyPrice(book, type, region) === null);
  if (unpricedType !== undefined) {
    estimate.unpriced(
      'PriceNotInBook',
      `the price book (${book.date}) has no on-demand price for ${unpricedType} in ${region}; run \`fargate-fit prices refresh --regions ${region}\` and pass --price-book`,
    );
    return UNKNOWN_EC2_COST;
  }
  if (onSpot && settings.ec2SpotDiscount === null) {
    estimate.unpriced(
      'SpotPriceUnknown',
      `some ${unit}s run on EC2 Spot instances, whose price the price book does not carry; set ec2SpotDiscount to price them`,
    );
    return UNKNOWN_EC2_COST;
  }
  if (capacityMissing) {
    estimate.unpriced(
      'CapacityUnknown',
      'an instance reported no registered capacity to split its price over',
    );
    return UNKNOWN_EC2_COST;
  }

  const need = ec2Reservation(workload);
  describeReservation(estimate, need);
  const weight = amount(settings.cpuMemoryWeight);
  const ownWeight = reservedWeight(weight, need);
  const types = instanceTypes === null ? first.instanceType : instanceTypes.join(', ');

  // Σ shares, left to right, times the hours: the tree `monthly` builds, without the arrays. All
  // placements in one group (the usual case) need no groups built.
  let shares: Expression | null = null;
  if (oneGroup) {
    shares = shareOver(estimate, book, first, placed, ownWeight, capacityWeight(weight, first));
  } else {
    for (const g of groupPlacements(placements, 'capacity')) {
      const share = shareOver(
        estimate,
        book,
        g.placement,
        g.replicas,
        ownWeight,
        capacityWeight(weight, g.placement),
      );
      shares = shares === null ? share : sum(shares, share);
    }
  }
  const allocated = product(shares!, estimate.hours);
  const allocatedValue = evaluate(allocated);
  estimate.assumptions.currentAllocatedMonthlyUsd = toCents(allocatedValue);
  const w = settings.cpuMemoryWeight;

  if (settings.idleTreatment === 'allocated') {
    estimate.line(pricedLine(allocatedShareLabel(w, types), allocated));
    return allocatedOnly(allocatedValue);
  }
  return currentWithIdle(estimate, book, weight, ownWeight, types, allocatedValue);
}

/**
 * The current cost with the idle capacity charged here (proportional-idle, whole-instances), and
 * the allocated share it adds to. Apart from currentEc2Cost, whose common path stays small.
 */
function currentWithIdle(
  estimate: Estimate,
  book: PriceBook,
  weight: Amount,
  ownWeight: Expression,
  types: string,
  allocatedValue: Amount,
): CurrentEc2Cost {
  const { settings } = estimate;
  const placements = estimate.workload.placements;
  const w = settings.cpuMemoryWeight;
  const ownValue = evaluate(ownWeight);
  const allocatedWeightOf = (p: Placement) =>
    weight.times(per1024(p.allocatedCpuUnits)).plus(per1024(p.allocatedMemoryMiB));

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
    const withIdle = monthly(
      [
        ...groupPlacements(consistent, 'allocation').map((g) =>
          shareOver(
            estimate,
            book,
            g.placement,
            g.replicas,
            ownWeight,
            allocationWeight(weight, g.placement),
          ),
        ),
        ...groupPlacements(inconsistent, 'instance-type').map((g) =>
          product(count(g.instanceIds.size, 'instance'), hourly(estimate, book, g.placement)),
        ),
      ],
      estimate.hours,
    );
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
      product(count(g.instanceIds.size, 'instance'), hourly(estimate, book, g.placement)),
    ),
    estimate.hours,
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

const UNKNOWN_EC2_COST: CurrentEc2Cost = Object.freeze({ current: null, allocated: null });

/** The current cost when idle capacity is not charged: the allocated share, per (immutable) share. */
const allocatedOnly = rememberedPerValue(
  (share): CurrentEc2Cost => Object.freeze({ current: share, allocated: share }),
);

/** The label of the allocated-share figure's line, built once per weight and instance types. */
const allocatedShareLabel = rememberedPerKeys(
  (weight: number, types: string) =>
    `Current cost, allocated share at ${weight}:1 on ${types} (idle capacity not included)`,
);

/** The hourly price of a placement's instance, discounted as its capacity type is (Spot or on-demand). */
function hourly(estimate: Estimate, book: PriceBook, placement: Placement): Expression {
  const { settings } = estimate;
  const figure = ec2HourlyPrice(book, placement.instanceType, estimate.region)!;
  estimate.usedPriceDate(figure.sourceDate);
  const factor =
    placement.capacityType === 'spot'
      ? oneMinus(amount(settings.ec2SpotDiscount ?? 0))
      : onDemandFactor(settings);
  return discounted(amount(figure.usd), factor);
}

/**
 * The share of `replicas` replicas in a group of placements that price alike (`placement` is one
 * of them) of their instances' hourly price: their weight over `over`.
 */
function shareOver(
  estimate: Estimate,
  book: PriceBook,
  placement: Placement,
  replicas: number,
  ownWeight: Expression,
  over: Expression,
): Expression {
  return quotient(
    product(count(replicas, estimate.unit), ownWeight, hourly(estimate, book, placement)),
    over,
  );
}

/** The instance types of the placements, each once, in the order they first appear. */
function distinctInstanceTypes(placements: readonly Placement[]): string[] {
  const types: string[] = [];
  for (const p of placements) if (!types.includes(p.instanceType)) types.push(p.instanceType);
  return types;
}

/** Σ terms, left to right, times the hours. */
function monthly(terms: readonly Expression[], hours: Expression): Expression {
  return product(sum(terms[0]!, ...terms.slice(1)), hours);
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
  const { utilization, line } = breakEvenToFargate(allocated, fargate, estimate.settings.cpuMemoryWeight);
  estimate.assumptions.breakEvenUtilization = utilization;
  estimate.line(line);
}

/** The break-even of a move to Fargate and its line, per pair of figures and CPU:memory weight. */
const breakEvenToFargate = rememberedPerKeys((allocated: Amount, fargate: Amount, weight: number) => {
  const breakEven = ratio(allocated, fargate);
  // utilization goes in after: see SharedNumber.
  const made: { utilization: SharedNumber; line: string } = {
    utilization: null,
    line: atLeastOne(breakEven)
      ? `Break-even: Fargate costs less than this workload's share even on fully used instances (allocated share ${formatUsd(allocated)} / Fargate ${formatUsd(fargate)})`
      : `Break-even: Fargate costs less while the instances are less than ${formatPercent(breakEven)} utilised (${weight}:1-weighted allocation; allocated share ${formatUsd(allocated)} / Fargate ${formatUsd(fargate)})`,
  };
  made.utilization = fourPlaces(breakEven);
  return made;
});

const ratio = rememberedPerPair((a, b) => a.div(b));
/** A ratio as the number the assumptions carry: four decimal places, half-up. */
const fourPlaces = rememberedPerValue((value) => value.toDecimalPlaces(4).toNumber());

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
  estimate.assumptions.ec2ProjectionMode = settings.ec2ProjectionMode;
  estimate.assumptions.targetUtilization = settings.targetUtilization;
  estimate.assumptions.cpuMemoryWeight = settings.cpuMemoryWeight;
  estimate.assumptions.ec2Architecture = architecture;
  describeReservation(estimate, need);

  const chosen = settings.targetInstanceType;
  if (chosen !== null) {
    const entry = instanceTypeEntry(book, chosen);
    if (entry === undefined || ec2HourlyPrice(book, chosen, region) === null) {
      return estimate.unpriced(
        'PriceNotInBook',
        `the price book (${book.date}) has no on-demand price for ${chosen} in ${region}`,
      );
    }
  }
  const best = cheapestQuote(
    book,
    need,
    quoteSettingsOf(settings),
    region,
    architecture,
    estimate.replicas.count,
    unit,
  );
  if (best === null) {
    const shape = `${formatExact(need.vcpu)} vCPU / ${formatExact(need.memoryGb)} GB`;
    return estimate.unpriced(
      'NoFittingInstanceType',
      chosen !== null
        ? `one ${unit} (${shape}) does not fit on ${chosen}`
        : `no non-burstable ${architecture} instance type priced in ${region} in the price book (${book.date}) fits one ${unit} of ${shape}`,
    );
  }
  estimate.usedPriceDate(ec2HourlyPrice(book, best.instanceType, region)!.sourceDate);
  estimate.assumptions.targetInstanceType = best.instanceType;
  estimate.line(targetLine(chosen !== null, best.instanceType, architecture, region));
  if (best.packing !== null) estimate.line(best.packing);
  const marginal = settings.ec2ProjectionMode === 'marginal-share';
  estimate.line(
    pricedLine(projectionLabel(marginal, best.instanceType, settings.targetUtilization), best.expression),
  );
  if (marginal && fargate !== null && !fargate.isZero()) {
    // The same share at 100 % utilisation, over Fargate: EC2 wins only above that utilisation.
    const breakEven = ratio(fullyUtilised(best.value, amount(settings.targetUtilization)), fargate);
    estimate.assumptions.breakEvenUtilization = fourPlaces(breakEven);
    estimate.line(breakEvenToEc2Line(breakEven, settings.cpuMemoryWeight));
  }
  return best.value;
}

/** The line naming the EC2 type a Fargate workload is projected onto. */
const targetLine = rememberedPerKeys(
  (chosen: boolean, instanceType: string, architecture: string, region: string) =>
    chosen
      ? `EC2 target ${instanceType} (settings.targetInstanceType)`
      : `EC2 target ${instanceType}: the cheapest fitting non-burstable ${architecture} type the price book prices in ${region}`,
);

/** The label of the projected EC2 figure's line. */
const projectionLabel = rememberedPerKeys(
  (marginal: boolean, instanceType: string, targetUtilization: number) =>
    marginal
      ? `Projected on EC2, marginal share of ${instanceType} at ${formatPercent(amount(targetUtilization))} target utilisation`
      : `Projected on EC2, dedicated ${instanceType} instances`,
);

/** The break-even line of a move to EC2, per (immutable) break-even ratio and CPU:memory weight. */
const breakEvenToEc2Line = rememberedPerKeys((breakEven: Amount, weight: number) =>
  atLeastOne(breakEven)
    ? 'Break-even: EC2 costs more than Fargate here even when fully utilised'
    : `Break-even: EC2 costs less only while its capacity stays more than ${formatPercent(breakEven)} utilised (${weight}:1-weighted)`,
);

const fullyUtilised = rememberedPerPair((share, utilisation) => share.times(utilisation));

/** The settings a quote reads, by name. Exported for the test that sameQuoteSettings reads them all. */
export const QUOTE_SETTING_NAMES = [
  'targetInstanceType',
  'hoursPerMonth',
  'ec2ProjectionMode',
  'cpuMemoryWeight',
  'targetUtilization',
  'ec2OnlyCommitmentDiscount',
  'computeSavingsPlanDiscount',
  'ec2ReservedMemoryMiB',
  'daemonCpuUnitsPerInstance',
  'daemonMemoryMiBPerInstance',
] as const;

/** The settings a quote reads: one frozen object per distinct set of values (see quoteSettingsOf). */
type QuoteSettings = Readonly<Pick<PricingSettings, (typeof QUOTE_SETTING_NAMES)[number]>>;

/**
 * Everything a quote depends on besides the book and the replica's reservation. {@link quote}
 * reads nothing else, so a quote is remembered under exactly these values.
 */
interface QuoteInputs extends QuoteSettings {
  readonly region: string;
  readonly architecture: string;
  readonly replicas: number;
  readonly unit: string;
}

const quoteSettingsByText = pricingCache<string, QuoteSettings>();
let lastQuoteSettings: QuoteSettings | null = null;

/**
 * The quote settings of `settings`, shared by every settings object of the same values, so quotes
 * can be remembered by its identity. Settings objects may change between calls, so the last one
 * is compared value by value rather than trusted.
 */
function quoteSettingsOf(settings: PricingSettings): QuoteSettings {
  const last = lastQuoteSettings;
  if (last !== null && sameQuoteSettings(last, settings)) return last;
  const values = Object.freeze(
    Object.fromEntries(QUOTE_SETTING_NAMES.map((name) => [name, settings[name]])),
  ) as QuoteSettings;
  const text = JSON.stringify(values);
  lastQuoteSettings = quoteSettingsByText.get(text) ?? quoteSettingsByText.set(text, values);
  return lastQuoteSettings;
}

/**
 * Whether `settings` holds `known`'s values. Each read by name, not by a loop over
 * QUOTE_SETTING_NAMES: a read by a computed name is a megamorphic look-up every time. A unit test
 * checks that every name is read.
 */
export function sameQuoteSettings(known: QuoteSettings, settings: PricingSettings): boolean {
  return (
    known.targetInstanceType === settings.targetInstanceType &&
    known.hoursPerMonth === settings.hoursPerMonth &&
    known.ec2ProjectionMode === settings.ec2ProjectionMode &&
    known.cpuMemoryWeight === settings.cpuMemoryWeight &&
    known.targetUtilization === settings.targetUtilization &&
    known.ec2OnlyCommitmentDiscount === settings.ec2OnlyCommitmentDiscount &&
    known.computeSavingsPlanDiscount === settings.computeSavingsPlanDiscount &&
    known.ec2ReservedMemoryMiB === settings.ec2ReservedMemoryMiB &&
    known.daemonCpuUnitsPerInstance === settings.daemonCpuUnitsPerInstance &&
    known.daemonMemoryMiBPerInstance === settings.daemonMemoryMiBPerInstance
  );
}

/**
 * The cheapest quote, per book, per reservation (reservations of one size are one object, see
 * ec2Reservation), per quote settings and per region, architecture, replica count and unit:
 * workloads of one size and replica count share it, so the candidates are compared once rather
 * than once per workload. Price books are values (parsePriceBook freezes them), so a quote
 * remembered for a book stays right for it.
 */
const quotesByBook = new WeakMap<PriceBook, WeakMap<Reservation, RememberedQuotes>>();

type RememberedQuotes = (
  settings: QuoteSettings,
  region: string,
  architecture: string,
  replicas: number,
  unit: string,
) => Ec2Quote | null;

function cheapestQuote(
  book: PriceBook,
  need: Reservation,
  settings: QuoteSettings,
  region: string,
  architecture: string,
  replicas: number,
  unit: string,
): Ec2Quote | null {
  let byNeed = quotesByBook.get(book);
  if (byNeed === undefined) {
    byNeed = new WeakMap();
    quotesByBook.set(book, byNeed);
  }
  let quotes = byNeed.get(need);
  if (quotes === undefined) {
    quotes = quotesForNeed(book, need);
    byNeed.set(need, quotes);
  }
  return quotes(settings, region, architecture, replicas, unit);
}

/**
 * The remembered quotes of one reservation. A marginal share is the replica count times the share
 * of one replica, so the type cheapest for one replica is the cheapest for any count (and ties stay
 * ties, decided by name): the candidates are compared once per reservation and settings, and each
 * replica count only prices the winner. Estates run many replica counts of few sizes. A dedicated
 * projection rounds instances up per count, and zero replicas cost $0 on every type (the name then
 * decides), so those compare every candidate for their count.
 */
function quotesForNeed(book: PriceBook, need: Reservation): RememberedQuotes {
  const cheapestTypeForOne = rememberedPerKeys(
    (settings: QuoteSettings, region: string, architecture: string, unit: string) =>
      compareQuotes(book, need, { ...settings, region, architecture, replicas: 1, unit })?.instanceType ??
      null,
  );
  return rememberedPerKeys(
    (settings: QuoteSettings, region: string, architecture: string, replicas: number, unit: string) => {
      const inputs = { ...settings, region, architecture, replicas, unit };
      if (settings.ec2ProjectionMode !== 'marginal-share' || replicas <= 0) {
        return compareQuotes(book, need, inputs);
      }
      const type = cheapestTypeForOne(settings, region, architecture, unit);
      return type === null ? null : quote(book, type, instanceTypeEntry(book, type)!, need, inputs);
    },
  );
}

function compareQuotes(book: PriceBook, need: Reservation, inputs: QuoteInputs): Ec2Quote | null {
  const chosen = inputs.targetInstanceType;
  let candidates: [string, InstanceTypeEntry][];
  if (chosen !== null) {
    const entry = instanceTypeEntry(book, chosen);
    candidates = entry === undefined ? [] : [[chosen, entry]];
  } else {
    candidates = Object.entries(book.ec2).filter(
      ([type, entry]) =>
        entry.architecture === inputs.architecture &&
        !entry.burstable &&
        ec2HourlyPrice(book, type, inputs.region) !== null,
    );
  }
  return (
    candidates
      .map(([type, entry]) => quote(book, type, entry, need, inputs))
      .filter((q): q is Ec2Quote => q !== null)
      // A tie on price is common (types of one family cost the same per unit): the name decides.
      .sort((a, b) => a.value.comparedTo(b.value) || byCodeUnits(a.instanceType, b.instanceType))[0] ?? null
  );
}

function quote(
  book: PriceBook,
  type: string,
  entry: InstanceTypeEntry,
  need: Reservation,
  inputs: QuoteInputs,
): Ec2Quote | null {
  const { unit, replicas } = inputs;
  const hours = quantity(inputs.hoursPerMonth, 'h');
  const hourly = discounted(amount(ec2HourlyPrice(book, type, inputs.region)!.usd), onDemandFactor(inputs));
  const usableCpuUnits = amount(entry.vcpu).times(1024).minus(inputs.daemonCpuUnitsPerInstance);
  const usableMemoryMiB = amount(entry.memoryGiB)
    .times(1024)
    .minus(inputs.ec2ReservedMemoryMiB)
    .minus(inputs.daemonMemoryMiBPerInstance);
  const needCpuUnits = need.vcpu.times(1024);
  const needMemoryMiB = need.memoryGb.times(1024);
  const byCpu = usableCpuUnits.div(needCpuUnits).floor();
  const byMemory = needMemoryMiB.isZero() ? byCpu : usableMemoryMiB.div(needMemoryMiB).floor();
  const perInstance = Money.min(byCpu, byMemory);
  if (perInstance.lessThan(1)) return null;

  if (inputs.ec2ProjectionMode === 'dedicated') {
    const instances = amount(replicas).div(perInstance).ceil().toNumber();
    const expression = product(count(instances, 'instance'), hourly, hours);
    return {
      instanceType: type,
      expression,
      value: evaluate(expression),
      packing: `${plural(perInstance.toNumber(), unit)} ${perInstance.equals(1) ? 'fits' : 'fit'} one ${type} (CPU ${usableCpuUnits.toFixed()} / ${needCpuUnits.toFixed()} units, memory ${usableMemoryMiB.toFixed()} / ${needMemoryMiB.toFixed()} MiB after ${inputs.ec2ReservedMemoryMiB} MiB reserved and daemons of ${inputs.daemonCpuUnitsPerInstance} units / ${inputs.daemonMemoryMiBPerInstance} MiB), so ${plural(replicas, unit)} need ${plural(instances, 'instance')}`,
    };
  }
  const weight = amount(inputs.cpuMemoryWeight);
  let share = quotient(
    product(count(replicas, unit), weighted(weight, need.vcpu, need.memoryGb), hourly),
    weighted(weight, amount(entry.vcpu), amount(entry.memoryGiB)),
  );
  // Dividing by the target utilisation charges the headroom EC2 capacity needs and Fargate does not.
  if (inputs.targetUtilization !== 1) share = quotient(share, quantity(inputs.targetUtilization));
  const expression = product(share, hours);
  return { instanceType: type, expression, value: evaluate(expression), packing: null };
}
