import type { Gap, Verdict, WorkloadResult } from '../findings/result.js';
import { type Amount, amount, formatUsd, toCents } from './money.js';

/*
 * Savings per cluster, per account and in total.
 *
 * Null policy, decided here: a total is a number only when every workload it covers has that
 * figure. Otherwise the total is null, and beside it stand the subtotal of the priced workloads
 * and how many were not priced, so nobody mistakes a partial sum for the whole. Sums are exact
 * decimal sums of the per-workload cent figures, so a total equals the sum of the lines a reader
 * sees.
 *
 * Which workloads count: by default those that can move (verdict eligible or
 * eligible-with-changes). A workload whose verdict is unknown might be movable, so it makes every
 * total over it null, as an unpriced one does. Ineligible workloads are left out and counted.
 */

const MOVABLE: ReadonlySet<Verdict> = new Set<Verdict>(['eligible', 'eligible-with-changes']);

/** The part of a workload result a rollup reads. */
export type RollupInput = Pick<WorkloadResult, 'account' | 'region' | 'cluster' | 'verdict' | 'cost'>;

/** One figure summed over a group of workloads. */
export interface FigureTotal {
  /** The sum over every workload counted; null when any of them lacks the figure. */
  readonly totalUsd: number | null;
  /** The sum over the workloads that have the figure; a partial sum, never the total. */
  readonly pricedSubtotalUsd: number;
  readonly pricedWorkloads: number;
  /** Workloads counted that lack the figure (unpriced, or unknown verdict). */
  readonly unpricedWorkloads: number;
}

/** Costs and savings of one cluster, one account, or everything. */
export interface CostRollup {
  readonly level: 'cluster' | 'account' | 'total';
  readonly account: string | null;
  /** Cluster level only (the same cluster name can exist in two regions). */
  readonly region: string | null;
  readonly cluster: string | null;
  /** Workloads counted (by default: those that can move, plus those whose verdict is unknown). */
  readonly workloads: number;
  /** Workloads left out because they cannot move (ineligible), or nothing with `include: 'all'`. */
  readonly excludedWorkloads: number;
  readonly currentMonthlyUsd: FigureTotal;
  readonly fargateMonthlyUsd: FigureTotal;
  /** Net savings of moving them all: negative when the moves would cost more overall. */
  readonly monthlySavingsUsd: FigureTotal;
  /** Savings of moving only the priced workloads that get cheaper. */
  readonly savingsFromCheaperMovesUsd: number;
  /** Priced workloads whose move would cost more. */
  readonly workloadsThatWouldCostMore: number;
  /** One line a person reads: what it saves or what it would cost more, and what is unpriced. */
  readonly summary: string;
}

/** Every rollup of a set of results. */
export interface CostRollups {
  readonly clusters: readonly CostRollup[];
  readonly accounts: readonly CostRollup[];
  readonly total: CostRollup;
}

/** Options of {@link rollUpCosts}. */
export interface RollupOptions {
  /** `movable` (default): only workloads that can move count; `all`: every workload. */
  readonly include?: 'movable' | 'all';
}

/** Sums costs and savings per cluster (account, region, cluster), per account and in total. */
export function rollUpCosts(results: readonly RollupInput[], options: RollupOptions = {}): CostRollups {
  const include = options.include ?? 'movable';
  const clusters = new Map<string, RollupInput[]>();
  const accounts = new Map<string, RollupInput[]>();
  for (const result of results) {
    const clusterKey = JSON.stringify([result.account, result.region, result.cluster]);
    clusters.set(clusterKey, [...(clusters.get(clusterKey) ?? []), result]);
    const accountKey = JSON.stringify(result.account);
    accounts.set(accountKey, [...(accounts.get(accountKey) ?? []), result]);
  }
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    clusters: sorted(clusters).map(([, group]) => {
      const first = group[0]!;
      return rollUp('cluster', first.account, first.region, first.cluster, group, include);
    }),
    accounts: sorted(accounts).map(([, group]) =>
      rollUp('account', group[0]!.account, null, null, group, include),
    ),
    total: rollUp('total', null, null, null, results, include),
  };
}

function rollUp(
  level: CostRollup['level'],
  account: string | null,
  region: string | null,
  cluster: string | null,
  group: readonly RollupInput[],
  include: 'movable' | 'all',
): CostRollup {
  const counted = group.filter((r) => include === 'all' || MOVABLE.has(r.verdict) || r.verdict === 'unknown');
  // An unknown verdict might be movable: its figures cannot be left out of, nor added to, a total.
  const figureOf = (r: RollupInput, pick: (c: NonNullable<RollupInput['cost']>) => number | null) =>
    include === 'movable' && r.verdict === 'unknown' ? null : r.cost === null ? null : pick(r.cost);
  const current = total(counted.map((r) => figureOf(r, (c) => c.currentMonthlyUsd)));
  const fargate = total(counted.map((r) => figureOf(r, (c) => c.fargateMonthlyUsd)));
  const savingsFigures = counted.map((r) => figureOf(r, (c) => c.monthlySavingsUsd));
  const savings = total(savingsFigures);
  const priced = savingsFigures.filter((s): s is number => s !== null);
  const cheaper = priced.filter((s) => s > 0).reduce((sum: Amount, s) => sum.plus(amount(s)), amount(0));
  const rollup = {
    level,
    account,
    region,
    cluster,
    workloads: counted.length,
    excludedWorkloads: group.length - counted.length,
    currentMonthlyUsd: current,
    fargateMonthlyUsd: fargate,
    monthlySavingsUsd: savings,
    savingsFromCheaperMovesUsd: toCents(cheaper),
    workloadsThatWouldCostMore: priced.filter((s) => s < 0).length,
  };
  return { ...rollup, summary: summaryOf(rollup) };
}

function total(figures: readonly (number | null)[]): FigureTotal {
  const priced = figures.filter((f): f is number => f !== null);
  const subtotal = priced.reduce((sum: Amount, f) => sum.plus(amount(f)), amount(0));
  const unpriced = figures.length - priced.length;
  return {
    totalUsd: unpriced === 0 ? toCents(subtotal) : null,
    pricedSubtotalUsd: toCents(subtotal),
    pricedWorkloads: priced.length,
    unpricedWorkloads: unpriced,
  };
}

function summaryOf(rollup: Omit<CostRollup, 'summary'>): string {
  const where =
    rollup.level === 'total'
      ? 'All accounts'
      : rollup.level === 'account'
        ? `Account ${rollup.account ?? '(none)'}`
        : `Cluster ${rollup.cluster ?? '(none)'} (${[rollup.account, rollup.region].filter((p) => p !== null).join(', ') || 'no account or region'})`;
  const counted = `${rollup.workloads} workload${rollup.workloads === 1 ? '' : 's'}`;
  const savings = rollup.monthlySavingsUsd;
  let figure: string;
  if (savings.totalUsd !== null) {
    const value = amount(savings.totalUsd);
    figure = value.isNegative()
      ? `moving them would cost more: ${formatUsd(value.negated())} a month more`
      : `savings ${formatUsd(value)} a month`;
  } else {
    figure = `savings not known: ${savings.unpricedWorkloads} of ${rollup.workloads} without a savings figure (the ${savings.pricedWorkloads} priced come to ${formatUsd(amount(savings.pricedSubtotalUsd))}, a partial sum)`;
  }
  const more =
    rollup.workloadsThatWouldCostMore > 0
      ? `; ${rollup.workloadsThatWouldCostMore} would cost more on the other side`
      : '';
  const excluded =
    rollup.excludedWorkloads > 0 ? `; ${rollup.excludedWorkloads} that cannot move not counted` : '';
  return `${where}: ${counted}, ${figure}${more}${excluded}`;
}

/**
 * Price-book gaps once per missing price: a region the book lacks would otherwise be listed once
 * per workload. Other gaps are about one workload each and are kept as they are.
 */
export function distinctPriceGaps(gaps: readonly Gap[]): Gap[] {
  const merged = new Map<string, { gap: Gap; what: string; workloads: string[] }>();
  const kept: (Gap | string)[] = [];
  for (const gap of gaps) {
    if (gap.scope !== 'price' || gap.errorName !== 'PriceNotInBook') {
      kept.push(gap);
      continue;
    }
    // Price gap messages read "<workload id>: <what is missing where>".
    const split = gap.message.indexOf(': ');
    const workload = split < 0 ? '' : gap.message.slice(0, split);
    const what = split < 0 ? gap.message : gap.message.slice(split + 2);
    const key = JSON.stringify([gap.account, gap.region, gap.cluster, what]);
    const entry = merged.get(key);
    if (entry === undefined) {
      merged.set(key, { gap, what, workloads: [workload] });
      kept.push(key);
    } else entry.workloads.push(workload);
  }
  return kept.map((item) => {
    if (typeof item !== 'string') return item;
    const { gap, what, workloads } = merged.get(item)!;
    return workloads.length === 1
      ? gap
      : { ...gap, message: `${what} (${workloads.length} workloads, first ${workloads[0]})` };
  });
}
