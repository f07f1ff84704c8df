/**
 * The scan digest: what one scan found and what moved since the runs before it, computed purely
 * from stored runs. The SNS message, the summary record and the metrics are all rendered from it.
 */
import { Decimal } from 'decimal.js';
import { savingsDirectionOf, totalMonthlySavings, VERDICTS } from '../findings/assemble.js';
import { diffScans, type WorkloadSnapshot } from '../findings/diff.js';
import type { Gap, SavingsDirection, Verdict, WorkloadResult } from '../findings/result.js';
import { expiringWithin, type Suppression } from '../findings/suppressions.js';
import { byText } from '../model/text-order.js';
import { gapHides, inScope } from '../sinks/dynamodb/items.js';
import type {
  ScanRef,
  ScanTarget,
  StoredWorkload,
  TargetRun,
  TargetStatus,
} from '../sinks/dynamodb/records.js';

/** A workload as the digest lists it. */
export interface DigestWorkload {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly account: string;
  readonly region: string;
  readonly cluster: string | null;
  readonly namespace: string | null;
  readonly verdict: Verdict;
  readonly monthlySavingsUsd: number | null;
  /** The move its saving prices: to Fargate, or (already on Fargate) to EC2. */
  readonly savingsDirection: SavingsDirection;
  /** Rule ids of unsuppressed blocker findings. */
  readonly blockers: readonly string[];
}

/** One target of the scan, with what it saw now and the run it is compared with. */
export interface TargetComparison {
  readonly target: ScanTarget;
  /** Null when the target never reported (its Lambda failed or was cut off). */
  readonly run: TargetRun | null;
  readonly workloads: readonly StoredWorkload[];
  /** The newest earlier finished run whose scope covers this one; null on a first run. */
  readonly baseline: { readonly run: TargetRun; readonly workloads: readonly StoredWorkload[] } | null;
  /** The newest earlier run of any status, for telling new coverage gaps from known ones. */
  readonly previousGaps: readonly Gap[] | null;
}

/** Tunables of the digest (from the settings). */
export interface DigestSettings {
  /** Savings must move by more than this (USD a month) to count as a change. */
  readonly savingsThresholdUsd: number;
  /** How many top savings opportunities to list. */
  readonly topSavings: number;
  /** Suppressions expiring within this many days are listed. */
  readonly expiringWithinDays: number;
}

/** $10 a month, ten opportunities, two weeks of suppression warnings. */
export const DEFAULT_DIGEST_SETTINGS: DigestSettings = {
  savingsThresholdUsd: 10,
  topSavings: 10,
  expiringWithinDays: 14,
};

/** Projected savings of one direction's moves: the exact total when there is one, and its parts. */
export interface DirectionSavings {
  /** Net savings of moving every movable workload of the direction; null when not exactly computable. */
  readonly totalUsd: number | null;
  /** Sum over the movable workloads that are priced (always a number; see the counts beside it). */
  readonly pricedUsd: number;
  readonly pricedMovable: number;
  readonly unpricedMovable: number;
  readonly unknownVerdicts: number;
  /** Workloads of the direction, whatever their verdict. */
  readonly workloads: number;
}

/**
 * Projected savings of a scan, per direction: moving to Fargate (the headline) and moving what
 * already runs on Fargate to EC2. Two decisions, never added together.
 */
export type SavingsDigest = Readonly<Record<SavingsDirection, DirectionSavings>>;

/** What one scan found and what moved since the runs before it. */
export interface ScanDigest {
  readonly scan: ScanRef;
  readonly baselineScanIds: readonly string[];
  /** No target had an earlier run to compare with. */
  readonly firstScan: boolean;
  readonly targets: {
    readonly expected: number;
    readonly reported: number;
    readonly byStatus: Readonly<Record<TargetStatus, number>>;
  };
  /** Accounts of the scan's targets, sorted. */
  readonly accounts: readonly string[];
  readonly workloads: number;
  readonly byVerdict: Readonly<Record<Verdict, number>>;
  readonly savings: SavingsDigest;
  readonly added: readonly DigestWorkload[];
  readonly changed: readonly {
    readonly before: DigestWorkload;
    readonly after: DigestWorkload;
    readonly reasons: readonly ('verdict' | 'savings' | 'findings')[];
  }[];
  readonly resolved: readonly { readonly before: DigestWorkload; readonly reason: 'gone' | 'now-eligible' }[];
  readonly stillOpen: number;
  /** New or changed workloads that became ineligible with at least one unsuppressed blocker. */
  readonly newIneligible: readonly DigestWorkload[];
  readonly topSavings: readonly DigestWorkload[];
  readonly expiringSuppressions: readonly Suppression[];
  readonly suppressedFindings: number;
  readonly findingsOmitted: number;
  readonly gaps: readonly Gap[];
  /** Gaps not present in each target's previous run. */
  readonly newGaps: readonly Gap[];
  /** Nothing new, changed or resolved, and no new coverage gap. */
  readonly quiet: boolean;
}

const MOVABLE = new Set<Verdict>(['eligible', 'eligible-with-changes']);

/** The diff identity: Kubernetes ids lack account and region, so they are added. */
const identityOf = (account: string, region: string, id: string) => `${account}/${region}/${id}`;

function digestWorkload(stored: StoredWorkload, target: ScanTarget): DigestWorkload {
  const r = stored.result;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    account: r.account ?? target.account,
    region: r.region ?? target.region,
    cluster: r.cluster,
    namespace: r.namespace,
    verdict: r.verdict,
    monthlySavingsUsd: r.cost?.monthlySavingsUsd ?? null,
    savingsDirection: savingsDirectionOf(r),
    blockers: [
      ...new Set(
        r.findings
          .filter((f) => f.category === 'fargate' && f.severity === 'blocker' && f.suppressed === undefined)
          .map((f) => f.ruleId),
      ),
    ].sort(),
  };
}

const gapKey = (gap: Gap) =>
  JSON.stringify([gap.scope, gap.account ?? '', gap.region ?? '', gap.cluster ?? '', gap.errorName]);

const notReportedGap = (target: ScanTarget): Gap => ({
  scope: 'region',
  account: target.account,
  region: target.region,
  errorName: 'TargetNotReported',
  message:
    'the scan of this account and region did not report (its Lambda failed or was stopped); its workloads are ' +
    'not in this summary and nothing there is reported as resolved',
});

/**
 * Builds the digest of a scan. Each target is compared with its own baseline run, restricted to
 * what this run could see: workloads outside its scope or behind one of its coverage gaps are left
 * out of the baseline, so an unreachable cluster never reads as "resolved".
 */
export function buildDigest(input: {
  readonly scan: ScanRef;
  readonly comparisons: readonly TargetComparison[];
  readonly suppressions: readonly Suppression[];
  /** Gaps from outside the runs (the fan-out itself failing, say). */
  readonly extraGaps?: readonly Gap[];
  readonly settings?: DigestSettings;
}): ScanDigest {
  const settings = input.settings ?? DEFAULT_DIGEST_SETTINGS;
  const previous: WorkloadSnapshot[] = [];
  const current: WorkloadSnapshot[] = [];
  const shown = new Map<string, DigestWorkload>();
  const shownBefore = new Map<string, DigestWorkload>();
  const results: WorkloadResult[] = [];
  const gaps: Gap[] = [...(input.extraGaps ?? [])];
  const newGaps: Gap[] = [...(input.extraGaps ?? [])];
  const byStatus: Record<TargetStatus, number> = { complete: 0, partial: 0, 'timed-out': 0, failed: 0 };
  const baselineScanIds = new Set<string>();
  let suppressedFindings = 0;
  let findingsOmitted = 0;
  let compared = 0;

  for (const comparison of input.comparisons) {
    const { target, run } = comparison;
    const runGaps = run ? run.gaps : [notReportedGap(target)];
    gaps.push(...runGaps);
    const known = new Set((comparison.previousGaps ?? []).map(gapKey));
    newGaps.push(...runGaps.filter((gap) => !known.has(gapKey(gap))));
    if (!run) continue;
    byStatus[run.status] += 1;
    suppressedFindings += run.suppressedFindings;
    findingsOmitted += run.findingsOmitted;
    if (run.status !== 'complete' && run.status !== 'partial') continue;

    const seenNow = new Set<string>();
    for (const stored of comparison.workloads) {
      const id = identityOf(target.account, target.region, stored.result.id);
      seenNow.add(id);
      const workload = digestWorkload(stored, target);
      shown.set(id, workload);
      results.push(stored.result);
      current.push(snapshotOf(id, stored));
    }
    if (!comparison.baseline) continue;
    compared += 1;
    baselineScanIds.add(comparison.baseline.run.scanId);
    for (const stored of comparison.baseline.workloads) {
      const r = stored.result;
      const id = identityOf(target.account, target.region, r.id);
      // A workload seen now is compared whatever the gaps; one not seen counts as gone only when
      // this run could have seen it.
      const hidden = !seenNow.has(id) && run.gaps.some((gap) => gapHides(gap, r));
      if (!inScope(r, run.scope) || hidden) continue;
      shownBefore.set(id, digestWorkload(stored, target));
      previous.push(snapshotOf(id, stored));
    }
  }

  const diff = diffScans(compared === 0 ? null : previous, current, settings);
  const after = (id: string) => shown.get(id)!;
  const before = (id: string) => shownBefore.get(id)!;
  const added = diff.added.map((w) => after(w.id));
  const changed = diff.changed.map((c) => ({ before: before(c.id), after: after(c.id), reasons: c.reasons }));
  const resolved = diff.resolved.map((r) => ({ before: before(r.before.id), reason: r.reason }));
  const becameIneligible = (w: DigestWorkload) => w.verdict === 'ineligible' && w.blockers.length > 0;
  const newIneligible = [
    ...added.filter(becameIneligible),
    ...changed
      .filter((c) => c.before.verdict !== 'ineligible' && becameIneligible(c.after))
      .map((c) => c.after),
  ];
  const today = input.scan.startedAt.slice(0, 10);

  return {
    scan: input.scan,
    baselineScanIds: [...baselineScanIds].sort(),
    firstScan: compared === 0,
    targets: {
      expected: input.comparisons.length,
      reported: input.comparisons.filter((c) => c.run).length,
      byStatus,
    },
    accounts: [...new Set(input.comparisons.map((c) => c.target.account))].sort(),
    workloads: results.length,
    byVerdict: countVerdicts(results),
    savings: savingsOf(results),
    added,
    changed,
    resolved,
    stillOpen: diff.stillOpen.length,
    newIneligible,
    topSavings: topSavings([...shown.values()], settings.topSavings),
    expiringSuppressions: expiringWithin(input.suppressions, today, settings.expiringWithinDays),
    suppressedFindings,
    findingsOmitted,
    gaps,
    newGaps,
    quiet: diff.quiet && newGaps.length === 0,
  };
}

function snapshotOf(id: string, stored: StoredWorkload): WorkloadSnapshot {
  return {
    id,
    name: stored.result.name,
    account: stored.result.account,
    region: stored.result.region,
    verdict: stored.result.verdict,
    monthlySavingsUsd: stored.result.cost?.monthlySavingsUsd ?? null,
    ruleIds: stored.ruleIds,
  };
}

function countVerdicts(results: readonly WorkloadResult[]): Record<Verdict, number> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const result of results) counts[result.verdict] += 1;
  return counts;
}

function savingsOf(results: readonly WorkloadResult[]): SavingsDigest {
  const of = (direction: SavingsDirection): DirectionSavings => {
    const own = results.filter((result) => savingsDirectionOf(result) === direction);
    let priced = new Decimal(0);
    let pricedMovable = 0;
    let unpricedMovable = 0;
    for (const result of own) {
      if (!MOVABLE.has(result.verdict)) continue;
      const savings = result.cost?.monthlySavingsUsd ?? null;
      if (savings === null) {
        unpricedMovable += 1;
        continue;
      }
      priced = priced.plus(savings);
      pricedMovable += 1;
    }
    return {
      // Over every result: "nothing priced" is a fact of the whole scan, not of one direction.
      totalUsd: totalMonthlySavings(results, direction),
      pricedUsd: priced.toNumber(),
      pricedMovable,
      unpricedMovable,
      unknownVerdicts: own.filter((r) => r.verdict === 'unknown').length,
      workloads: own.length,
    };
  };
  return { ec2ToFargate: of('ec2ToFargate'), fargateToEc2: of('fargateToEc2') };
}

function topSavings(workloads: readonly DigestWorkload[], limit: number): DigestWorkload[] {
  return workloads
    .filter((w) => MOVABLE.has(w.verdict) && w.monthlySavingsUsd !== null && w.monthlySavingsUsd > 0)
    .sort((a, b) => (b.monthlySavingsUsd ?? 0) - (a.monthlySavingsUsd ?? 0) || byText(a.id, b.id))
    .slice(0, limit);
}
