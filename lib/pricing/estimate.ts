import type { FargateSize, Gap } from '../findings/result.js';
import type { OsFamily, Workload } from '../model/workload.js';
import { type Expression, price, product, quantity, sum } from './expression.js';
import { type Amount, amount } from './money.js';
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
  private readonly priceDates = new Set<string>();

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
    this.priceDates.add(date);
  }

  /** Source dates of every price used, oldest first. */
  get priceDatesText(): string {
    return [...this.priceDates].sort().join(', ');
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

/** `Linux`, `Windows`. */
export const osName = (os: OsFamily): string => (os === 'windows' ? 'Windows' : 'Linux');

/** `0.5 vCPU / 1 GB`. */
export const sizeText = (size: FargateSize): string =>
  `${amount(size.cpu).div(1024).toFixed()} vCPU / ${amount(size.memoryMiB).div(1024).toFixed()} GB`;

/** `(w x v vCPU + m GB)`: the CPU:memory-weighted size an instance price is split over. */
export const weighted = (weight: Amount, vcpu: Amount, gb: Amount, gbUnit = 'GB'): Expression =>
  sum(product(quantity(weight), quantity(vcpu, 'vCPU')), quantity(gb, gbUnit));

/** A price, times its discount factor unless there is none. */
export const discounted = (hourly: Amount, factor: Amount): Expression =>
  factor.equals(ONE) ? price(hourly) : product(price(hourly), quantity(factor));

/** `1 task`, `3 pods` as a phrase (not an expression). */
export const plural = (n: number, word: string): string => `${n} ${n === 1 ? word : `${word}s`}`;
