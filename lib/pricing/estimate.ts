import type { FargateSize, Gap } from '../findings/result.js';
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
 */
export class Estimate {
  readonly lines: string[] = [];
  /** The shared empty list until the first gap: most estimates have none. */
  gaps: readonly Gap[] = NO_GAPS;
  private readonly priceDates: string[] = [];

  /** The hours term every monthly figure ends with. */
  readonly hours: Expression;
  /** `task` or `pod`. */
  readonly unit: string;

  constructor(
    readonly workload: Workload,
    readonly settings: PricingSettings,
    /** The region whose prices apply (settings override, the workload's, or the default). */
    readonly region: string,
    readonly replicas: ReplicaCount,
    /** Keys in the order they are set: the order the cost object prints them in. */
    readonly assumptions: Record<string, AssumptionValue> = {},
  ) {
    this.hours = hoursTerm(settings.hoursPerMonth);
    this.unit = workload.scope === 'ecs' ? 'task' : 'pod';
  }

  line(text: string): void {
    this.lines.push(text);
  }

  /** Records the source date of a price that went into a figure. */
  usedPriceDate(date: string): void {
    const dates = this.priceDates;
    if (dates.includes(date)) return;
    // Kept in order (ISO dates order as text, as sort() orders them) for priceDatesText.
    let at = dates.length;
    dates.push(date);
    while (at > 0 && dates[at - 1]! > date) {
      dates[at] = dates[at - 1]!;
      at -= 1;
    }
    dates[at] = date;
  }

  /** Source dates of every price used, oldest first. */
  get priceDatesText(): string {
    return joinedDates(this.priceDates);
  }

  /** A figure that cannot be priced: say why in the breakdown, list a gap, and return null. */
  unpriced(errorName: string, message: string): null {
    this.lines.push(`Not priced: ${message}`);
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

/** A list of dates joined, and the longer lists that start with it: a run meets few lists. */
interface JoinedDates {
  readonly text: string;
  readonly longer: Map<string, JoinedDates>;
}

const NO_DATES = (): JoinedDates => ({ text: '', longer: new Map() });
/** Lists joined before the tree starts over, so memory stays bounded. */
const JOINED_DATES_LIMIT = 1_000;
let joinedDatesRoot = NO_DATES();
let joinedDatesKept = 0;

/** `2026-09-28, 2026-10-01`: the dates joined, remembered per list so no run joins a list twice. */
function joinedDates(dates: readonly string[]): string {
  let node = joinedDatesRoot;
  for (let i = 0; i < dates.length; i += 1) {
    const date = dates[i]!;
    let next = node.longer.get(date);
    if (next === undefined) {
      next = { text: i === 0 ? date : `${node.text}, ${date}`, longer: new Map() };
      if (++joinedDatesKept > JOINED_DATES_LIMIT) {
        joinedDatesRoot = NO_DATES();
        joinedDatesKept = 0;
      }
      node.longer.set(date, next);
    }
    node = next;
  }
  return node.text;
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
