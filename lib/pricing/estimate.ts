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
  readonly gaps: Gap[] = [];
  readonly assumptions: Record<string, AssumptionValue> = {};
  private readonly priceDates: string[] = [];

  constructor(
    readonly workload: Workload,
    readonly settings: PricingSettings,
    /** The region whose prices apply (settings override, the workload's, or the default). */
    readonly region: string,
    readonly replicas: ReplicaCount,
  ) {}

  /** `task` or `pod`. */
  get unit(): string {
    return this.workload.scope === 'ecs' ? 'task' : 'pod';
  }

  /** The hours term every monthly figure ends with. */
  get hours(): Expression {
    return quantity(this.settings.hoursPerMonth, 'h');
  }

  line(text: string): void {
    this.lines.push(text);
  }

  /** Records the source date of a price that went into a figure. */
  usedPriceDate(date: string): void {
    if (!this.priceDates.includes(date)) this.priceDates.push(date);
  }

  /** Source dates of every price used, oldest first. */
  get priceDatesText(): string {
    const dates = this.priceDates;
    if (dates.length < 2) return dates[0] ?? '';
    // ISO dates, a handful: an insertion sort on a copy orders them as sort() would, without its
    // conversions.
    const sorted = dates.slice();
    for (let i = 1; i < sorted.length; i += 1) {
      const date = sorted[i]!;
      let j = i - 1;
      while (j >= 0 && sorted[j]! > date) {
        sorted[j + 1] = sorted[j]!;
        j -= 1;
      }
      sorted[j + 1] = date;
    }
    return sorted.join(', ');
  }

  /** A figure that cannot be priced: say why in the breakdown, list a gap, and return null. */
  unpriced(errorName: string, message: string): null {
    this.lines.push(`Not priced: ${message}`);
    const { account, cluster, id } = this.workload;
    this.gaps.push({
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

/** 1, exactly. */
export const ONE = amount(1);

/** x = 1 and x ≥ 1, remembered per (immutable) decimal: a comparison builds a decimal each time. */
export const isOne: (value: Amount) => boolean = rememberedPerValue((value) => value.equals(ONE));
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
