import { byText } from '../model/text-order.js';
import type { Verdict } from './result.js';

/** What a scan remembers of one workload, enough to diff against the next scan. */
export interface WorkloadSnapshot {
  readonly id: string;
  readonly name: string;
  readonly account: string | null;
  readonly region: string | null;
  readonly verdict: Verdict;
  readonly monthlySavingsUsd: number | null;
  /** Rule ids of the unsuppressed findings. */
  readonly ruleIds: readonly string[];
}

export interface VerdictChange {
  readonly id: string;
  readonly name: string;
  readonly before: WorkloadSnapshot;
  readonly after: WorkloadSnapshot;
  /** Why it counts as changed: `verdict`, `savings`, `findings`. */
  readonly reasons: readonly ('verdict' | 'savings' | 'findings')[];
}

export interface ScanDiff {
  /** Workloads not present in the previous scan. */
  readonly added: readonly WorkloadSnapshot[];
  /** Present in both, with a different verdict, savings moved beyond the threshold, or other findings. */
  readonly changed: readonly VerdictChange[];
  /** Gone since the previous scan, or now eligible where they were not before. */
  readonly resolved: readonly {
    readonly before: WorkloadSnapshot;
    readonly reason: 'gone' | 'now-eligible';
  }[];
  /** Present in both with open Fargate findings and nothing worth reporting as changed. */
  readonly stillOpen: readonly WorkloadSnapshot[];
  /** True when there is nothing new, changed or resolved. */
  readonly quiet: boolean;
}

export interface DiffOptions {
  /** Savings must move by more than this many dollars a month to count as a change. */
  readonly savingsThresholdUsd: number;
}

const sameRules = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

function savingsMoved(before: number | null, after: number | null, threshold: number): boolean {
  if (before === null || after === null) return before !== after;
  return Math.abs(after - before) > threshold;
}

/**
 * Diffs two scans. `previous` null means a first scan: everything is new. Workloads whose scan
 * did not reach them (listed as coverage gaps) must be left out of `previous` by the caller, so
 * an unreachable account never shows up as "resolved".
 */
export function diffScans(
  previous: readonly WorkloadSnapshot[] | null,
  current: readonly WorkloadSnapshot[],
  options: DiffOptions,
): ScanDiff {
  const before = new Map((previous ?? []).map((w) => [w.id, w]));
  const currentIds = new Set(current.map((w) => w.id));
  const added: WorkloadSnapshot[] = [];
  const changed: VerdictChange[] = [];
  const resolved: { before: WorkloadSnapshot; reason: 'gone' | 'now-eligible' }[] = [];
  const stillOpen: WorkloadSnapshot[] = [];

  for (const after of current) {
    const prior = before.get(after.id);
    if (!prior) {
      added.push(after);
      continue;
    }
    if (after.verdict === 'eligible' && prior.verdict !== 'eligible') {
      resolved.push({ before: prior, reason: 'now-eligible' });
      continue;
    }
    const reasons: VerdictChange['reasons'][number][] = [];
    if (prior.verdict !== after.verdict) reasons.push('verdict');
    if (savingsMoved(prior.monthlySavingsUsd, after.monthlySavingsUsd, options.savingsThresholdUsd)) {
      reasons.push('savings');
    }
    if (!sameRules(prior.ruleIds, after.ruleIds)) reasons.push('findings');
    if (reasons.length > 0) changed.push({ id: after.id, name: after.name, before: prior, after, reasons });
    else if (after.verdict !== 'eligible') stillOpen.push(after);
  }
  for (const prior of before.values()) {
    if (!currentIds.has(prior.id)) resolved.push({ before: prior, reason: 'gone' });
  }
  const byId =
    <T>(key: (t: T) => string) =>
    (a: T, b: T) =>
      byText(key(a), key(b));
  added.sort(byId((w) => w.id));
  changed.sort(byId((c) => c.id));
  resolved.sort(byId((r) => r.before.id));
  stillOpen.sort(byId((w) => w.id));
  return {
    added,
    changed,
    resolved,
    stillOpen,
    quiet: added.length === 0 && changed.length === 0 && resolved.length === 0,
  };
}
