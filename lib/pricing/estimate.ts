import type { CostEstimate, FargateSize, Gap } from '../findings/result.js';
import type { OsFamily, Workload } from '../model/workload.js';
import { type Expression, price, product, quantity, sum } from './expression.js';
import { type Amount, amount, formatExact, per1024, rememberedPerKeys, rememberedPerValue } from './money.js';
import type { ReplicaCount } from './quantities.js';
import type { PricingSettings } from './settings.js';

/** A value an assumption can carry in the cost object. */
export type AssumptionValue = string | number | boolean | null;

/**
 * What every part of one workload's estimate reads and writes: the inputs, the breakdown lines,
 * the gaps and the assumptions. Internal to the pricing module.
 *
 * Every estimate is made in one object, started afresh by {@link Estimate.begin}: pricing is
 * synchronous and makes one estimate at a time, and its result keeps nothing of it, so an object
 * per workload would only be 100 bytes of garbage each.
 */
export class Estimate {
  /** The shared empty list until the first gap: most estimates have none. */
  gaps: readonly Gap[] = NO_GAPS;
  /** Source dates of the prices used so far: one shared node per distinct list (see DateList). */
  private dates: DateList = noDates;
  /** The breakdown so far: one shared node per distinct list of lines (see LineList). */
  private written: LineList = noLines;
  /** The hours term every monthly figure ends with. */
  hours: Expression = lastHoursTerm;
  /** `task` or `pod`. */
  unit = 'task';

  workload!: Workload;
  settings!: PricingSettings;
  /** The region whose prices apply (settings override, the workload's, or the default). */
  region!: string;
  replicas!: ReplicaCount;
  /** What the estimate writes them into: see startedAssumptions. */
  assumptions!: Record<string, AssumptionValue>;

  private constructor() {}

  /** The estimate of `workload`, started afresh in the one Estimate object. */
  static begin(
    workload: Workload,
    settings: PricingSettings,
    region: string,
    replicas: ReplicaCount,
    assumptions: Record<string, AssumptionValue>,
  ): Estimate {
    theEstimate ??= new Estimate();
    const estimate = theEstimate;
    estimate.workload = workload;
    estimate.settings = settings;
    estimate.region = region;
    estimate.replicas = replicas;
    estimate.assumptions = assumptions;
    estimate.gaps = NO_GAPS;
    estimate.dates = noDates;
    estimate.written = noLines;
    estimate.hours = hoursTerm(settings.hoursPerMonth);
    estimate.unit = workload.scope === 'ecs' ? 'task' : 'pod';
    return estimate;
  }

  line(text: string): void {
    this.written = withLine(this.written, text);
  }

  /** The breakdown lines so far, in a frozen array that estimates with the same lines share. */
  breakdown(): readonly string[] {
    return this.written.lines();
  }

  /** The cost last kept for estimates with exactly this breakdown: see sharedCost in cost.ts. */
  get keptForBreakdown(): KeptCost | undefined {
    return this.written.kept;
  }

  set keptForBreakdown(kept: KeptCost) {
    this.written.kept = kept;
  }

  /** Records the source date of a price that went into a figure. */
  usedPriceDate(date: string): void {
    this.dates = withDate(this.dates, date);
  }

  /** Source dates of every price used, oldest first. */
  get priceDatesText(): string {
    return this.dates.text;
  }

  /** A figure that cannot be priced: say why in the breakdown, list a gap, and return null. */
  unpriced(errorName: string, message: string): null {
    this.line(`Not priced: ${message}`);
    const { account, cluster, id } = this.workload;
    if (this.gaps === NO_GAPS) this.gaps = [];
    (this.gaps as Gap[]).push({
      scope: 'price',
      ...(account === null ? {} : { account }),
      region: this.region,
      ...(cluster === null ? {} : { cluster }),
      errorName,
      message: `${id}: ${message}`,
    });
    return null;
  }
}

const NO_GAPS: readonly Gap[] = Object.freeze([]);

/** A finished cost that later estimates alike may share, and the values of its assumptions, in order. */
export interface KeptCost {
  readonly cost: CostEstimate;
  readonly assumptionValues: readonly AssumptionValue[];
}

let theEstimate: Estimate | undefined;

/**
 * A list of breakdown lines, as a node of a tree of the lists made so far. Workloads priced alike
 * write the same lines (the same strings: lines are remembered where they are built), so their
 * estimates walk the same nodes and share one frozen array of lines, made once, where each would
 * otherwise keep an array of its own for as long as its result is kept.
 */
class LineList {
  private made: readonly string[] | undefined = undefined;
  /** The list with one more line, by that line. */
  readonly longer = new Map<string, LineList>();
  /** The line last added to this list, and the list it gave: see withLine. */
  lastLine: string | undefined = undefined;
  lastLonger: LineList | undefined = undefined;
  /** The cost last kept with these lines: see Estimate.keptForBreakdown. */
  kept: KeptCost | undefined = undefined;

  constructor(
    private readonly previous: LineList | null,
    private readonly last: string,
  ) {}

  lines(): readonly string[] {
    if (this.made === undefined) {
      const lines: string[] = [];
      for (let list: LineList | null = this; list.previous !== null; list = list.previous) {
        lines.push(list.last);
      }
      this.made = Object.freeze(lines.reverse());
    }
    return this.made;
  }
}

/** Lists made before they start over from a new empty list, so memory stays bounded. */
const LINE_LISTS_LIMIT = 20_000;
let noLines = new LineList(null, '');
let lineListsMade = 0;

function withLine(list: LineList, line: string): LineList {
  // Estimates alike write the same line after the same lines: the last one answers without a look-up.
  if (list.lastLine === line) return list.lastLonger!;
  const known = list.longer.get(line) ?? longerList(list, line);
  list.lastLine = line;
  list.lastLonger = known;
  return known;
}

function longerList(list: LineList, line: string): LineList {
  const longer = new LineList(list, line);
  if (++lineListsMade > LINE_LISTS_LIMIT) {
    noLines = new LineList(null, '');
    lineListsMade = 0;
  }
  list.longer.set(line, longer);
  return longer;
}

/** `730 h`: the hours term, the last one kept, as a run prices at one number of hours. */
function hoursTerm(hoursPerMonth: number): Expression {
  if (hoursPerMonth !== lastHours) {
    lastHoursTerm = quantity(hoursPerMonth, 'h');
    lastHours = hoursPerMonth;
  }
  return lastHoursTerm;
}
let lastHours = Number.NaN;
let lastHoursTerm: Expression = quantity(730, 'h');

/**
 * A list of price dates, oldest first, without repeats, and its text. Lists are shared: adding a
 * date to a list gives the same node every time, so an estimate records its dates without building
 * an array or a string, and a run meets few lists.
 */
interface DateList {
  readonly dates: readonly string[];
  /** `2026-09-28, 2026-10-01`. */
  readonly text: string;
  /** The list with one more date, by that date (the list itself for a date it holds). */
  readonly plus: Map<string, DateList>;
}

const emptyDateList = (): DateList => ({ dates: [], text: '', plus: new Map() });
/** Lists made before they start over from a new empty list, so memory stays bounded. */
const DATE_LISTS_LIMIT = 1_000;
let noDates = emptyDateList();
let dateListsMade = 0;

function withDate(list: DateList, date: string): DateList {
  const known = list.plus.get(date);
  if (known !== undefined) return known;
  let longer = list;
  if (!list.dates.includes(date)) {
    // ISO dates order as text, as sort() orders them.
    const dates = [...list.dates, date].sort();
    longer = { dates, text: dates.join(', '), plus: new Map() };
    if (++dateListsMade > DATE_LISTS_LIMIT) {
      noDates = emptyDateList();
      dateListsMade = 0;
    }
  }
  list.plus.set(date, longer);
  return longer;
}

/** 1, exactly. */
export const ONE = amount(1);

/**
 * x = 1 and x ≥ 1, remembered per (immutable) decimal: a comparison builds a decimal each time. ONE
 * itself, the factor of undiscounted prices, is known without the look-up.
 */
export const isOne = (value: Amount): boolean => value === ONE || equalsOne(value);
const equalsOne = rememberedPerValue((value) => value.equals(ONE));
export const atLeastOne: (value: Amount) => boolean = rememberedPerValue((value) =>
  value.greaterThanOrEqualTo(ONE),
);

/** `Linux`, `Windows`. */
export const osName = (os: OsFamily): string => (os === 'windows' ? 'Windows' : 'Linux');

/** `0.5 vCPU / 1 GB`. */
export const sizeText = (size: FargateSize): string => sizeTextOf(size.cpu, size.memoryMiB);
const sizeTextOf = rememberedPerKeys(
  (cpu: number, memoryMiB: number) =>
    `${formatExact(per1024(cpu))} vCPU / ${formatExact(per1024(memoryMiB))} GB`,
);

/** `(w x v vCPU + m GB)`: the CPU:memory-weighted size an instance price is split over. */
export const weighted = (weight: Amount, vcpu: Amount, gb: Amount, gbUnit = 'GB'): Expression =>
  weightedOf(weight, vcpu, gb, gbUnit);
const weightedOf = rememberedPerKeys(
  (weight: Amount, vcpu: Amount, gb: Amount, gbUnit: string): Expression =>
    sum(product(quantity(weight), quantity(vcpu, 'vCPU')), quantity(gb, gbUnit)),
);

/** A price, times its discount factor unless there is none. */
export const discounted = rememberedPerKeys(
  (hourly: Amount, factor: Amount): Expression =>
    isOne(factor) ? price(hourly) : product(price(hourly), quantity(factor)),
);

/** `1 task`, `3 pods` as a phrase (not an expression). */
export const plural = (n: number, word: string): string => `${n} ${n === 1 ? word : `${word}s`}`;
