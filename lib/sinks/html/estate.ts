import { Decimal } from 'decimal.js';
import { savingsDirectionOf } from '../../findings/assemble.js';
import type { ReportDocument, SavingsDirection, Verdict, WorkloadResult } from '../../findings/result.js';
import { byText } from '../../model/text-order.js';
import { plural } from './figures.js';

/**
 * Estate-wide figures the human-facing reports draw: savings by account and by cluster, the rules
 * that block the most workloads, and the assumptions behind the prices. Pure, exact (decimal sums
 * of cent amounts), and never a partial sum passed off as a whole: each figure says how many
 * workloads it could not price.
 */

const MOVABLE: ReadonlySet<Verdict> = new Set<Verdict>(['eligible', 'eligible-with-changes']);

/** Whether a workload can move now (the verdicts the report's savings total counts). */
export function isMovable(result: WorkloadResult): boolean {
  return MOVABLE.has(result.verdict);
}

/** Savings of the movable workloads of one account or cluster. */
export interface SavingsGroup {
  /** Identity of the group (stable across renders). */
  readonly key: string;
  readonly label: string;
  /** Where the group is, when the label alone is ambiguous (a cluster's account and region). */
  readonly detail: string | null;
  /** Every workload of the group, whatever its verdict. */
  readonly workloads: number;
  /** Workloads that can move (eligible or eligible with changes). */
  readonly movable: number;
  /** Movable workloads that have a savings figure. */
  readonly priced: number;
  /** Net monthly savings of the priced movable workloads; null when none of them is priced. */
  readonly savingsUsd: number | null;
}

interface GroupKey {
  readonly key: string;
  readonly label: string;
  readonly detail: string | null;
}

function groupSavings(
  workloads: readonly WorkloadResult[],
  keyOf: (result: WorkloadResult) => GroupKey | null,
): SavingsGroup[] {
  const groups = new Map<
    string,
    { id: GroupKey; workloads: number; movable: number; priced: number; sum: Decimal }
  >();
  for (const result of workloads) {
    // The charts show the move to Fargate; a workload already there is priced the other way, a
    // separate decision with its own headline card.
    if (savingsDirectionOf(result) !== 'ec2ToFargate') continue;
    const id = keyOf(result);
    if (id === null) continue;
    let group = groups.get(id.key);
    if (group === undefined) {
      group = { id, workloads: 0, movable: 0, priced: 0, sum: new Decimal(0) };
      groups.set(id.key, group);
    }
    group.workloads += 1;
    if (!isMovable(result)) continue;
    group.movable += 1;
    const savings = result.cost?.monthlySavingsUsd ?? null;
    if (savings === null) continue;
    group.priced += 1;
    group.sum = group.sum.plus(savings);
  }
  return [...groups.values()]
    .map(
      (group): SavingsGroup => ({
        key: group.id.key,
        label: group.id.label,
        detail: group.id.detail,
        workloads: group.workloads,
        movable: group.movable,
        priced: group.priced,
        savingsUsd: group.priced === 0 ? null : group.sum.toNumber(),
      }),
    )
    .sort(bySavingsThenLabel);
}

/** Largest saving first, then unpriced groups, then groups with nothing that can move. */
function bySavingsThenLabel(a: SavingsGroup, b: SavingsGroup): number {
  if ((a.movable === 0) !== (b.movable === 0)) return a.movable === 0 ? 1 : -1;
  if (a.savingsUsd !== b.savingsUsd) {
    if (a.savingsUsd === null) return 1;
    if (b.savingsUsd === null) return -1;
    return b.savingsUsd - a.savingsUsd;
  }
  return byText(a.label, b.label) || byText(a.key, b.key);
}

/** Savings per AWS account, largest first; workloads without an account (check mode) are left out. */
export function savingsByAccount(workloads: readonly WorkloadResult[]): SavingsGroup[] {
  return groupSavings(workloads, (result) =>
    result.account === null ? null : { key: result.account, label: result.account, detail: null },
  );
}

/**
 * Savings per cluster, largest first. Cluster names repeat across accounts and regions (every
 * account may have a `prod`), so a cluster is its account, region and name together.
 */
export function savingsByCluster(workloads: readonly WorkloadResult[]): SavingsGroup[] {
  return groupSavings(workloads, (result) => {
    if (result.cluster === null) return null;
    const where = [result.account, result.region].filter((part): part is string => part !== null);
    return {
      key: JSON.stringify([result.account, result.region, result.cluster]),
      label: result.cluster,
      detail: where.length === 0 ? null : where.join(' · '),
    };
  });
}

/**
 * Keeps the first `limit` groups and folds the rest into one (`4 other accounts`), so a chart of a
 * large organization stays readable while its figures still add up to the estate's.
 */
export function foldGroups(groups: readonly SavingsGroup[], limit: number, noun: string): SavingsGroup[] {
  if (groups.length <= limit) return [...groups];
  const kept = groups.slice(0, Math.max(0, limit - 1));
  const rest = groups.slice(kept.length);
  let sum = new Decimal(0);
  let priced = 0;
  for (const group of rest) {
    if (group.savingsUsd === null) continue;
    sum = sum.plus(group.savingsUsd);
    priced += group.priced;
  }
  return [
    ...kept,
    {
      key: '\u0000other',
      label: `${rest.length} other ${noun}`,
      detail: null,
      workloads: rest.reduce((n, g) => n + g.workloads, 0),
      movable: rest.reduce((n, g) => n + g.movable, 0),
      priced,
      savingsUsd: priced === 0 ? null : sum.toNumber(),
    },
  ];
}

/** One rule that blocks workloads, and what is held back behind it. */
export interface BlockerSummary {
  readonly ruleId: string;
  readonly title: string;
  readonly fix: string;
  readonly docsUrl: string;
  /** Workloads the rule blocks (counted once however many findings it has on each). */
  readonly workloads: number;
  /** Of those, the workloads it is the only blocking rule for: fixing it alone makes them movable. */
  readonly onlyBlocker: number;
  /** Blocked workloads that have a savings figure. */
  readonly priced: number;
  /** Net monthly savings of the priced blocked workloads; null when none of them is priced. */
  readonly savingsUsd: number | null;
}

/**
 * The rules that block the most workloads, most first (ties: more money, then rule id). Only
 * unsuppressed fargate blockers count: compliance findings never decide the verdict.
 */
export function topBlockers(
  workloads: readonly WorkloadResult[],
  limit = Number.POSITIVE_INFINITY,
): BlockerSummary[] {
  const rules = new Map<
    string,
    {
      title: string;
      fix: string;
      docsUrl: string;
      workloads: number;
      only: number;
      priced: number;
      sum: Decimal;
    }
  >();
  for (const result of workloads) {
    const blockers = new Map<string, WorkloadResult['findings'][number]>();
    for (const finding of result.findings) {
      if (
        finding.severity !== 'blocker' ||
        finding.category !== 'fargate' ||
        finding.suppressed !== undefined
      ) {
        continue;
      }
      if (!blockers.has(finding.ruleId)) blockers.set(finding.ruleId, finding);
    }
    const savings = result.cost?.monthlySavingsUsd ?? null;
    for (const [ruleId, finding] of blockers) {
      let rule = rules.get(ruleId);
      if (rule === undefined) {
        rule = {
          title: finding.title,
          fix: finding.fix,
          docsUrl: finding.docsUrl,
          workloads: 0,
          only: 0,
          priced: 0,
          sum: new Decimal(0),
        };
        rules.set(ruleId, rule);
      }
      rule.workloads += 1;
      if (blockers.size === 1) rule.only += 1;
      if (savings !== null) {
        rule.priced += 1;
        rule.sum = rule.sum.plus(savings);
      }
    }
  }
  return [...rules.entries()]
    .map(
      ([ruleId, rule]): BlockerSummary => ({
        ruleId,
        title: rule.title,
        fix: rule.fix,
        docsUrl: rule.docsUrl,
        workloads: rule.workloads,
        onlyBlocker: rule.only,
        priced: rule.priced,
        savingsUsd: rule.priced === 0 ? null : rule.sum.toNumber(),
      }),
    )
    .sort(
      (a, b) =>
        b.workloads - a.workloads ||
        (b.savingsUsd ?? Number.NEGATIVE_INFINITY) - (a.savingsUsd ?? Number.NEGATIVE_INFINITY) ||
        byText(a.ruleId, b.ruleId),
    )
    .slice(0, limit);
}

/** The headline saving of one direction and, when it is unknown, why. */
export interface SavingsHeadline {
  readonly direction: SavingsDirection;
  /** The report's own total of the direction (summary.monthlySavingsByDirection): null when unknown. */
  readonly totalUsd: number | null;
  /** Workloads of the direction, whatever their verdict. */
  readonly workloads: number;
  readonly movable: number;
  /** Movable workloads with a savings figure. */
  readonly priced: number;
  /** Net savings of the priced movable workloads; null when none is priced. Partial when priced < movable. */
  readonly pricedUsd: number | null;
  /** Why the total is unknown, one phrase each; empty when it is known. */
  readonly unknownBecause: readonly string[];
}

/**
 * The headline saving of a report in one direction (moving to Fargate by default, the report's
 * `monthlySavingsUsd`), with the reasons a reader needs when it is unknown.
 */
export function savingsHeadline(
  report: ReportDocument,
  direction: SavingsDirection = 'ec2ToFargate',
): SavingsHeadline {
  const own = report.workloads.filter((w) => savingsDirectionOf(w) === direction);
  const movable = own.filter(isMovable);
  const priced = movable.filter((w) => (w.cost?.monthlySavingsUsd ?? null) !== null);
  let sum = new Decimal(0);
  for (const result of priced) sum = sum.plus(result.cost?.monthlySavingsUsd ?? 0);
  const reasons: string[] = [];
  const totalUsd = report.summary.monthlySavingsByDirection[direction];
  if (totalUsd === null) {
    const unknown = own.filter((w) => w.verdict === 'unknown').length;
    if (!report.workloads.some((w) => w.cost !== null)) {
      reasons.push('nothing in this report was priced');
    } else if (own.length > 0 && own.every((w) => w.launchType === null)) {
      reasons.push('workloads read from files have no current cost to compare with');
    } else {
      const unpriced = movable.length - priced.length;
      if (unpriced > 0) {
        reasons.push(`${plural(unpriced, 'movable workload has', 'movable workloads have')} no price`);
      }
    }
    if (unknown > 0) {
      reasons.push(`${plural(unknown, 'workload has', 'workloads have')} an unknown verdict and might move`);
    }
    if (reasons.length === 0) reasons.push('the report does not give a total');
  }
  return {
    direction,
    totalUsd,
    workloads: own.length,
    movable: movable.length,
    priced: priced.length,
    pricedUsd: priced.length === 0 ? null : sum.toNumber(),
    unknownBecause: reasons,
  };
}

/** A cost assumption across the estate, with how many priced workloads use each value. */
export interface AssumptionSummary {
  readonly key: string;
  readonly values: readonly {
    readonly value: string | number | boolean | null;
    readonly workloads: number;
  }[];
}

/**
 * Every assumption key of the priced workloads with its distinct values, most used first; keys in
 * first-seen order, so the pricing module's own order (direction, region, ...) is kept.
 */
export function estateAssumptions(workloads: readonly WorkloadResult[]): AssumptionSummary[] {
  const keys = new Map<string, Map<string, { value: string | number | boolean | null; workloads: number }>>();
  for (const result of workloads) {
    if (result.cost === null) continue;
    for (const [key, value] of Object.entries(result.cost.assumptions)) {
      let values = keys.get(key);
      if (values === undefined) {
        values = new Map();
        keys.set(key, values);
      }
      const id = JSON.stringify(value);
      const entry = values.get(id);
      if (entry === undefined) values.set(id, { value, workloads: 1 });
      else entry.workloads += 1;
    }
  }
  return [...keys.entries()].map(([key, values]) => ({
    key,
    values: [...values.values()].sort((a, b) => b.workloads - a.workloads),
  }));
}

/** Distinct price-book dates of the priced workloads, oldest first. */
export function priceBookDates(workloads: readonly WorkloadResult[]): string[] {
  const dates = new Set<string>();
  for (const result of workloads) {
    const date = result.cost?.assumptions.priceBookDate;
    if (typeof date === 'string') dates.add(date);
  }
  return [...dates].sort();
}
