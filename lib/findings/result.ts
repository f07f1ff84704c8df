import type { LaunchType } from '../model/workload.js';
import type { RuleCategory, Severity } from '../rules/rule.js';

/** Fargate verdict of a workload. `unknown` when a rule failed to evaluate. */
export type Verdict = 'eligible' | 'eligible-with-changes' | 'ineligible' | 'unknown';

export interface Finding {
  readonly ruleId: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly fix: string;
  readonly docsUrl: string;
  /** Set when the finding is muted by a suppression; suppressed findings are kept, not dropped. */
  readonly suppressed?: { readonly owner: string; readonly reason: string; readonly expires: string };
}

/** A rule that threw while evaluating a workload. */
export interface RuleError {
  readonly ruleId: string;
  readonly message: string;
}

/** A valid Fargate size in ECS units: cpu 1024 = 1 vCPU, memory in MiB. */
export interface FargateSize {
  readonly cpu: number;
  readonly memoryMiB: number;
}

/** Monthly cost figures; null members where a figure cannot be priced (never 0 for unknown). */
export interface CostEstimate {
  readonly currentMonthlyUsd: number | null;
  readonly fargateMonthlyUsd: number | null;
  readonly monthlySavingsUsd: number | null;
  readonly breakdown: readonly string[];
  readonly assumptions: Readonly<Record<string, string | number | boolean | null>>;
}

/** The contract every output format carries for one workload. */
export interface WorkloadResult {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | null;
  readonly cluster: string | null;
  readonly account: string | null;
  readonly region: string | null;
  readonly launchType: LaunchType | null;
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  readonly errors: readonly RuleError[];
  readonly replicas: number | null;
  readonly fargateSize: FargateSize | null;
  readonly cost: CostEstimate | null;
  /**
   * Where a `check` workload was read. `line` (1-based start of the YAML document) is an additive
   * field for SARIF and table locations; absent or null when the reader does not know it.
   */
  readonly source: {
    readonly file: string;
    readonly documentIndex: number;
    readonly line?: number | null;
  } | null;
}

/** Something that could not be read or reached: listed, never silently dropped. */
export interface Gap {
  /** file, account, region, cluster, price, ... */
  readonly scope: string;
  readonly file?: string;
  readonly line?: number;
  readonly account?: string;
  readonly region?: string;
  readonly cluster?: string;
  readonly errorName: string;
  readonly message: string;
}

/**
 * Which move a workload's saving prices: a workload already on Fargate (or Fargate Spot) is priced
 * moving to EC2; every other one (EC2, ECS Anywhere, or read from files) moving to Fargate.
 */
export type SavingsDirection = 'ec2ToFargate' | 'fargateToEc2';

/** Net monthly savings of the movable workloads, one figure per direction (null when not exact). */
export type SavingsByDirection = Readonly<Record<SavingsDirection, number | null>>;

export interface Summary {
  readonly workloads: number;
  readonly byVerdict: Readonly<Record<Verdict, number>>;
  readonly findingsByCategory: Readonly<Record<RuleCategory, number>>;
  readonly gaps: number;
  /**
   * The headline: net monthly savings of moving to Fargate every workload that can move and is not
   * on Fargate yet (the `ec2ToFargate` figure below). Null when it cannot be known exactly.
   */
  readonly monthlySavingsUsd: number | null;
  /** Both decisions kept apart: moving to Fargate, and moving what already runs on Fargate to EC2. */
  readonly monthlySavingsByDirection: SavingsByDirection;
}

/** A cluster and what the cluster compliance checks found: the `clusters[]` entries of a scan report. */
export interface ClusterResult {
  /** Cluster ARN (EKS: `eks:<cluster>` when DescribeCluster gave no ARN). */
  readonly id: string;
  readonly scope: 'ecs' | 'eks';
  readonly name: string;
  readonly account: string;
  readonly region: string;
  /** ECS/EKS cluster status as last described. */
  readonly status: string | null;
  /** EKS Kubernetes version; null for ECS. */
  readonly version: string | null;
  /** Workloads found in the cluster (services and standalone groups, or top-level Kubernetes owners). */
  readonly workloads: number;
  readonly findings: readonly Finding[];
  /** Checks that threw: the cluster's compliance picture is incomplete. */
  readonly errors: readonly RuleError[];
}

/** The JSON document of `--format json` (schema in docs/report.schema.json). */
export interface ReportDocument {
  readonly schemaVersion: string;
  readonly generatedAt: string;
  readonly workloads: readonly WorkloadResult[];
  /** Clusters of a live scan with their findings; absent in `check`, which reads no clusters. */
  readonly clusters?: readonly ClusterResult[];
  readonly summary: Summary;
  readonly gaps: readonly Gap[];
}
