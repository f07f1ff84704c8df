import { Decimal } from 'decimal.js';
import type { Workload } from '../model/workload.js';
import type { Evaluation } from '../rules/engine.js';
import type { RuleCategory } from '../rules/rule.js';
import type { SizeResult } from '../sizing/fargate-size.js';
import type {
  ClusterResult,
  CostEstimate,
  FargateSize,
  Gap,
  ReportDocument,
  SavingsByDirection,
  SavingsDirection,
  Summary,
  Verdict,
  WorkloadResult,
} from './result.js';

/** Version of the JSON document shape; bump it with docs/report.schema.json. */
export const REPORT_SCHEMA_VERSION = '1.0';

/** Every verdict, in the order reports list them (worst last). */
export const VERDICTS: readonly Verdict[] = ['eligible', 'eligible-with-changes', 'ineligible', 'unknown'];

/** Every rule category, in the order reports list them. */
export const CATEGORIES: readonly RuleCategory[] = ['fargate', 'compliance'];

/**
 * Prices one workload at its Fargate size. Supplied by the pricing module once wired in; returns
 * null when nothing can be priced (an unpriced figure is null, never 0).
 */
export type CostFunction = (workload: Workload, size: FargateSize | null) => CostEstimate | null;

/**
 * Builds the result every output format carries from what the pipeline found for one workload.
 * Rule errors are kept beside the findings so a reader can see why a verdict is `unknown`.
 * `fargateSize` is null when there is no sizing, the workload is too big for any Fargate size, or
 * Fargate offers it none (a Windows pod on EKS).
 */
export function assembleResult(
  workload: Workload,
  evaluation: Evaluation,
  sizeResult: SizeResult | null,
  cost: CostEstimate | null,
): WorkloadResult {
  return {
    id: workload.id,
    kind: workload.kind,
    name: workload.name,
    namespace: workload.namespace,
    cluster: workload.cluster,
    account: workload.account,
    region: workload.region,
    launchType: workload.launchType,
    verdict: evaluation.verdict,
    findings: evaluation.findings,
    errors: evaluation.errors,
    replicas: workload.replicas,
    // Sizing's sizes are shared and frozen: every result refers to one instead of keeping a copy.
    fargateSize: sizeResult?.size ?? null,
    cost,
    source:
      workload.source === null
        ? null
        : {
            file: workload.source.file,
            documentIndex: workload.source.documentIndex,
            line: workload.source.line,
          },
  };
}

/** Options of {@link buildReport}. */
export interface BuildReportOptions {
  /** The report's timestamp; injectable so tests and replays are deterministic. Defaults to now. */
  readonly generatedAt?: Date;
  /** Clusters of a live scan, with their compliance findings. */
  readonly clusters?: readonly ClusterResult[];
}

const MOVABLE: ReadonlySet<Verdict> = new Set<Verdict>(['eligible', 'eligible-with-changes']);

/**
 * The move a workload's saving prices: the pricing module's `direction` assumption when it is
 * there, else the launch type (an unpriced workload still belongs to one side).
 */
export function savingsDirectionOf(workload: WorkloadResult): SavingsDirection {
  const priced = workload.cost?.assumptions.direction;
  if (priced === 'fargate-to-ec2') return 'fargateToEc2';
  if (typeof priced === 'string') return 'ec2ToFargate';
  return workload.launchType === 'FARGATE' || workload.launchType === 'FARGATE_SPOT'
    ? 'fargateToEc2'
    : 'ec2ToFargate';
}

/**
 * Total monthly savings of one direction's moves: every workload of that direction that can move
 * (verdict `eligible` or `eligible-with-changes`), as an exact decimal sum of their
 * `monthlySavingsUsd` (negative figures included: the total is the net effect of moving them all).
 * The two directions are separate decisions and are never added together.
 *
 * Null — never a partial sum passed off as the total — when nothing in the report was priced, when
 * a movable workload of the direction lacks a savings figure, or when a workload of the direction
 * has an `unknown` verdict (it might be movable, so its savings might belong in the total). Zero
 * only when pricing ran and nothing of that direction can move.
 */
export function totalMonthlySavings(
  workloads: readonly WorkloadResult[],
  direction: SavingsDirection,
): number | null {
  if (!workloads.some((w) => w.cost !== null)) return null;
  let total = new Decimal(0);
  for (const workload of workloads) {
    if (savingsDirectionOf(workload) !== direction) continue;
    if (workload.verdict === 'unknown') return null;
    if (!MOVABLE.has(workload.verdict)) continue;
    const savings = workload.cost?.monthlySavingsUsd ?? null;
    if (savings === null) return null;
    total = total.plus(savings);
  }
  return total.toNumber();
}

/** {@link totalMonthlySavings} of each direction. */
export function monthlySavingsByDirection(workloads: readonly WorkloadResult[]): SavingsByDirection {
  return {
    ec2ToFargate: totalMonthlySavings(workloads, 'ec2ToFargate'),
    fargateToEc2: totalMonthlySavings(workloads, 'fargateToEc2'),
  };
}

/**
 * Counts by verdict, reported findings by category (suppressed findings stay in the workloads but
 * are not counted, as they are muted on purpose), gaps, and the savings of each direction; the
 * headline `monthlySavingsUsd` is the move to Fargate.
 */
export function summarize(workloads: readonly WorkloadResult[], gaps: readonly Gap[]): Summary {
  const byVerdict = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const findingsByCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<
    RuleCategory,
    number
  >;
  for (const workload of workloads) {
    byVerdict[workload.verdict] += 1;
    for (const finding of workload.findings) {
      if (finding.suppressed === undefined) findingsByCategory[finding.category] += 1;
    }
  }
  const savings = monthlySavingsByDirection(workloads);
  return {
    workloads: workloads.length,
    byVerdict,
    findingsByCategory,
    gaps: gaps.length,
    monthlySavingsUsd: savings.ec2ToFargate,
    monthlySavingsByDirection: savings,
  };
}

/**
 * The JSON document of DESIGN.md: workloads in the order given (readers and collectors emit a
 * stable order), a summary, and every gap, so nothing that could not be read goes unmentioned.
 */
export function buildReport(
  workloads: readonly WorkloadResult[],
  gaps: readonly Gap[],
  options: BuildReportOptions = {},
): ReportDocument {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    workloads,
    ...(options.clusters ? { clusters: options.clusters } : {}),
    summary: summarize(workloads, gaps),
    gaps,
  };
}
