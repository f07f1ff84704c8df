import type { CostEstimate, Gap } from '../findings/result.js';
import type { Workload } from '../model/workload.js';
import { finishedAssumptions, startedAssumptions } from './assumptions.js';
import { currentEc2Cost, describeBreakEvenToFargate, projectOntoEc2 } from './ec2-side.js';
import { type AssumptionValue, Estimate } from './estimate.js';
import { count, evaluate, price, pricedLine, product } from './expression.js';
import { priceFargate } from './fargate-side.js';
import { type Amount, amount, formatUsd, rememberedPerKeys, type SharedNumber, toCents } from './money.js';
import { fargateRegionRates, type PriceBook } from './price-book.js';
import { replicaCount } from './quantities.js';
import type { PricingSettings } from './settings.js';

/**
 * Cost and savings of one workload (cost-model.md section 5): what it costs where it runs, what it
 * would cost on the other side, and the difference. Pure: no I/O, no clock.
 */

/** Which way a workload's figures compare. */
export type CostDirection = 'ec2-to-fargate' | 'fargate-to-ec2' | 'check' | 'external';

/** A workload's cost figures and the prices that were missing for it. */
export interface CostResult {
  readonly cost: CostEstimate;
  /** One gap (scope `price`) per figure that could not be priced. */
  readonly gaps: readonly Gap[];
}

/** Region whose prices apply when neither the settings nor the workload name one (check mode). */
export const DEFAULT_REGION = 'us-east-1';

/** Where a workload runs decides which figures it gets. */
export function directionOf(workload: Workload): CostDirection {
  switch (workload.launchType) {
    case null:
      return 'check';
    case 'EXTERNAL':
      return 'external';
    case 'FARGATE':
    case 'FARGATE_SPOT':
      return 'fargate-to-ec2';
    case 'EC2':
      return 'ec2-to-fargate';
  }
}

/**
 * Prices one workload:
 * - EC2 launch type (scan): current = its share of the instances it runs on
 *   (settings.idleTreatment), Fargate = what it would cost there; savings = current − Fargate.
 * - Fargate or Fargate Spot (scan): current = Fargate = what it costs now; the EC2 projection
 *   (settings.ec2ProjectionMode) is in the breakdown and in assumptions.projectedEc2MonthlyUsd;
 *   savings = current − EC2.
 * - Check mode (no launch type): the Fargate figure only, for the file's replicas or per replica.
 * - ECS Anywhere (EXTERNAL): the Fargate figure; current and savings are null (own hardware).
 * A positive saving means the move saves money; a negative one is worded "would cost more".
 * An unknown price makes its figure null, says why in the breakdown and adds a gap: never $0.
 */
export function estimateCost(workload: Workload, settings: PricingSettings, book: PriceBook): CostResult {
  const region = settings.region ?? workload.region ?? DEFAULT_REGION;
  const replicas = replicaCount(workload);
  const direction = directionOf(workload);
  const assumptions = startedAssumptions(direction);
  assumptions.direction = direction;
  assumptions.region = region;
  assumptions.regionSource =
    settings.region !== null ? 'settings' : workload.region !== null ? 'workload' : 'default';
  assumptions.os = workload.os;
  assumptions.hoursPerMonth = settings.hoursPerMonth;
  assumptions.replicas = replicas.count;
  assumptions.replicasBasis = replicas.basis;
  assumptions.priceBookDate = book.date;
  assumptions.computeSavingsPlanDiscount = settings.computeSavingsPlanDiscount;
  const estimate = Estimate.begin(workload, settings, region, replicas, assumptions);

  let current: Amount | null = null;
  let fargate: Amount | null;
  let projected: Amount | null;
  if (direction === 'fargate-to-ec2') {
    fargate = priceFargate(estimate, book, 'current');
    current = fargate;
    projected = projectOntoEc2(estimate, book, fargate);
    estimate.assumptions.projectedEc2MonthlyUsd = projected === null ? null : toCents(projected);
  } else {
    const ec2 = direction === 'ec2-to-fargate' ? currentEc2Cost(estimate, book) : null;
    if (direction === 'external') {
      estimate.line(
        'Current cost: not priced, by design: ECS Anywhere runs on your own hardware, which has no AWS price',
      );
    }
    current = ec2?.current ?? null;
    fargate = priceFargate(estimate, book, 'projected');
    projected = fargate;
    if (ec2 !== null) describeBreakEvenToFargate(estimate, ec2.allocated, fargate);
  }

  const saving =
    current !== null && projected !== null
      ? savingOf(direction === 'fargate-to-ec2' ? 'EC2' : 'Fargate', current, projected)
      : null;
  describeSavings(estimate, direction, current, projected, saving);
  describePublicIpv4(estimate, book);
  if (direction === 'ec2-to-fargate') describeStrandedCommitments(estimate, current);
  estimate.assumptions.priceDates = estimate.priceDatesText;

  const assumptionsMade = finishedAssumptions(direction, estimate.assumptions);
  // The figures go in after the literal is made: see SharedNumber.
  const cost: Writable<CostEstimate> = {
    currentMonthlyUsd: null,
    fargateMonthlyUsd: null,
    monthlySavingsUsd: null,
    breakdown: estimate.breakdown(),
    assumptions: assumptionsMade,
  };
  if (current !== null) cost.currentMonthlyUsd = toCents(current);
  if (fargate !== null) cost.fargateMonthlyUsd = toCents(fargate);
  if (saving !== null) cost.monthlySavingsUsd = saving.cents;
  // Only an estimate that wrote every key of its direction's template, and no other, returns the
  // template itself: its keys are then the direction's, in order, and the values alone tell it apart.
  const shareable = assumptionsMade === estimate.assumptions;
  return { cost: shareable ? sharedCost(estimate, cost) : cost, gaps: estimate.gaps };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The cost kept for this breakdown, if it equals `cost`; else `cost`, frozen and kept in its place.
 * A run keeps every result until it is written, and workloads priced alike have equal costs: one
 * shared object instead of one each makes the results of a run about a third smaller, so the run
 * spends less in the garbage collector and fits in less memory.
 *
 * Both costs have one breakdown (the lines decide the kept cost), so the same `breakdown` array, and
 * complete assumptions, which share the same keys (their direction's template's, in order: the
 * direction is the first value). What is left to compare is the figures and the assumption values.
 */
function sharedCost(estimate: Estimate, cost: CostEstimate): CostEstimate {
  const kept = estimate.keptForBreakdown;
  if (
    kept !== undefined &&
    sameFigures(kept.cost, cost) &&
    holdsValues(cost.assumptions, kept.assumptionValues)
  ) {
    return kept.cost;
  }
  Object.freeze(cost.assumptions);
  estimate.keptForBreakdown = {
    cost: Object.freeze(cost),
    assumptionValues: Object.values(cost.assumptions),
  };
  return cost;
}

const sameFigures = (a: CostEstimate, b: CostEstimate): boolean =>
  a.currentMonthlyUsd === b.currentMonthlyUsd &&
  a.fargateMonthlyUsd === b.fargateMonthlyUsd &&
  a.monthlySavingsUsd === b.monthlySavingsUsd &&
  a.breakdown === b.breakdown;

/** Whether `assumptions` holds exactly `values`, in order (read in place: most costs are shared). */
function holdsValues(assumptions: CostEstimate['assumptions'], values: readonly AssumptionValue[]): boolean {
  let i = 0;
  for (const key in assumptions) {
    if (i === values.length || assumptions[key] !== values[i]) return false;
    i += 1;
  }
  return i === values.length;
}

function describeSavings(
  estimate: Estimate,
  direction: CostDirection,
  current: Amount | null,
  projected: Amount | null,
  saving: Saving | null,
): void {
  const target = direction === 'fargate-to-ec2' ? 'EC2' : 'Fargate';
  estimate.assumptions.savingsPercent = null;
  if (direction === 'check') {
    estimate.line('Savings: not computed in check mode, where the current cost is not known');
    return;
  }
  if (current === null || projected === null || saving === null) {
    estimate.line(`Savings: not computed, as the ${current === null ? 'current' : target} cost is not known`);
    return;
  }
  estimate.assumptions.savingsPercent = saving.percent;
  estimate.line(saving.line);
}

/** A move's saving: in cents, as a share of the current cost, and its breakdown line. */
interface Saving {
  readonly cents: number;
  /** % of the current cost to one decimal; null when the current cost is zero. */
  readonly percent: number | null;
  readonly line: string;
}

/** The saving of a move to `target`, per pair of (immutable) figures: workloads priced alike share it. */
const savingOf = rememberedPerKeys((target: string, current: Amount, projected: Amount): Saving => {
  const savings = current.minus(projected);
  const share = current.isZero() ? null : percentOf(savings, current);
  const cents = toCents(savings);
  const ofCurrent = share === null ? '' : ` (${share.text} % of the current cost)`;
  let line: string;
  if (cents < 0) {
    line = `Savings ${formatUsd(savings)} a month: moving to ${target} would cost more, by ${formatUsd(projected.minus(current))}${ofCurrent}`;
  } else if (cents === 0) {
    line = `Savings $0.00 a month: moving to ${target} would cost the same`;
  } else {
    line = `Savings ${formatUsd(savings)} a month by moving to ${target}${ofCurrent}`;
  }
  // percent goes in after: see SharedNumber.
  const made: { cents: number; percent: SharedNumber; line: string } = { cents, percent: null, line };
  if (share !== null) made.percent = share.number;
  return made;
});

/** A saving as a share of the current cost, in % to one decimal: the number and its unsigned text. */
const percentOf = (savings: Amount, current: Amount) => {
  const share = savings.div(current).times(100).toDecimalPlaces(1);
  return { number: share.toNumber(), text: share.abs().toFixed(1) };
};

/**
 * Public IPv4 on Fargate, one address per task that gets one (awsvpc with assignPublicIp, or every
 * task with settings.includePublicIPv4). A separate line, never part of fargateMonthlyUsd. EKS
 * pods on Fargate get no public address.
 */
function describePublicIpv4(estimate: Estimate, book: PriceBook): void {
  const { workload, settings, region } = estimate;
  estimate.assumptions.publicIpv4MonthlyUsd = null;
  const assigned = workload.ecs?.service?.assignPublicIp === true;
  if (workload.scope !== 'ecs' || (!assigned && !settings.includePublicIPv4)) return;
  const rate = fargateRegionRates(book, region)?.publicIpv4Hour ?? null;
  if (rate === null) {
    estimate.unpriced(
      'PriceNotInBook',
      `the price book (${book.date}) has no public IPv4 price for ${region}`,
    );
    return;
  }
  estimate.usedPriceDate(rate.sourceDate);
  const expression = product(
    count(estimate.replicas.count, 'address', 'addresses'),
    price(amount(rate.usd)),
    estimate.hours,
  );
  estimate.assumptions.publicIpv4MonthlyUsd = toCents(evaluate(expression));
  const why = assigned ? 'the service assigns public IPs' : 'settings.includePublicIPv4';
  estimate.line(
    pricedLine(`Public IPv4 on Fargate, one per task (${why}; not in the Fargate figure)`, expression),
  );
}

/**
 * EC2-only commitments a move to Fargate would strand (cost-model.md 5.1 step 6): shown on their
 * own line, never netted into savings. Taken as the workload's current EC2 cost, on the
 * assumption that the commitments cover its usage in full.
 */
function describeStrandedCommitments(estimate: Estimate, current: Amount | null): void {
  const discount = estimate.settings.ec2OnlyCommitmentDiscount;
  if (discount === 0) {
    estimate.assumptions.strandedCommitmentMonthlyUsd = 0;
    return;
  }
  estimate.assumptions.strandedCommitmentMonthlyUsd = current === null ? null : toCents(current);
  estimate.line(
    current === null
      ? 'Stranded commitments: Reserved Instances / EC2 Instance Savings Plans would stay payable after a move; not priced, as the current cost is not known'
      : `Stranded commitments (not netted into savings): about ${formatUsd(current)} a month of Reserved Instance / EC2 Instance Savings Plan spend on this workload's capacity stays payable after a move until the term ends (assumes they cover its EC2 usage in full)`,
  );
}
