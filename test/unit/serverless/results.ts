/** Builders of workload results and scan records for the serverless and store tests. */
import type {
  ClusterResult,
  CostEstimate,
  Finding,
  Verdict,
  WorkloadResult,
} from '../../../lib/findings/result.js';
import { unsuppressedRuleIds } from '../../../lib/sinks/dynamodb/items.js';
import type { ScanRef, ScanTarget, StoredWorkload, TargetRun } from '../../../lib/sinks/dynamodb/records.js';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
export const REGION = 'us-east-1';
export const TARGET: ScanTarget = { account: ACCOUNT, region: REGION };

export function scanRef(day: number, overrides: Partial<ScanRef> = {}): ScanRef {
  const startedAt = new Date(Date.UTC(2026, 10, day, 2, 0, 0)).toISOString();
  return {
    scanId: `scheduled-202611${String(day).padStart(2, '0')}T020000Z`,
    startedAt,
    trigger: 'schedule',
    ...overrides,
  };
}

export function finding(ruleId: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    category: 'fargate',
    severity: 'blocker',
    title: `title of ${ruleId}`,
    message: `${ruleId} found something`,
    fix: `fix ${ruleId}`,
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-defs.html',
    ...overrides,
  };
}

export function cost(monthlySavingsUsd: number | null): CostEstimate {
  return {
    currentMonthlyUsd: monthlySavingsUsd === null ? null : 100,
    fargateMonthlyUsd: monthlySavingsUsd === null ? null : 100 - monthlySavingsUsd,
    monthlySavingsUsd,
    breakdown: ['Current: 1 task × $0.10/h × 730 h'],
    assumptions: { region: REGION, priceBookDate: '2026-11-01' },
  };
}

const VERDICT_FINDINGS: Readonly<Record<Verdict, readonly Finding[]>> = {
  eligible: [],
  'eligible-with-changes': [finding('ecs-network-mode', { severity: 'fixable' })],
  ineligible: [finding('ecs-privileged')],
  unknown: [],
};

/** An ECS service result in `cluster` of the default target. */
export function ecsResult(
  name: string,
  overrides: Partial<WorkloadResult> & { savings?: number | null } = {},
): WorkloadResult {
  const { savings = 10, ...rest } = overrides;
  const verdict = rest.verdict ?? 'ineligible';
  const account = rest.account ?? ACCOUNT;
  const region = rest.region ?? REGION;
  const cluster = rest.cluster ?? 'prod';
  return {
    id: `arn:aws:ecs:${region}:${account}:service/${cluster}/${name}`,
    kind: 'ecs-service',
    name,
    namespace: null,
    cluster,
    account,
    region,
    launchType: 'EC2',
    verdict,
    findings: VERDICT_FINDINGS[verdict],
    errors: [],
    replicas: 2,
    fargateSize: { cpu: 512, memoryMiB: 1024 },
    cost: cost(savings),
    source: null,
    ...rest,
  };
}

/** A Kubernetes Deployment result (its id carries no account or region, as in a real scan). */
export function eksResult(name: string, overrides: Partial<WorkloadResult> = {}): WorkloadResult {
  const cluster = overrides.cluster ?? 'apps';
  const namespace = overrides.namespace ?? 'default';
  return ecsResult(name, {
    id: `eks:${cluster}/${namespace}/Deployment/${name}`,
    kind: 'Deployment',
    namespace,
    cluster,
    ...overrides,
  });
}

/** A stored workload as the store would return it for `scan`. */
export function stored(result: WorkloadResult, scan: ScanRef): StoredWorkload {
  return {
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    firstSeen: scan.startedAt,
    result,
    ruleIds: unsuppressedRuleIds(result.findings),
    findingsOmitted: 0,
  };
}

/** A complete run record of `target` in `scan` for these results. */
export function runOf(
  scan: ScanRef,
  results: readonly WorkloadResult[],
  overrides: Partial<TargetRun> = {},
  target: ScanTarget = TARGET,
): TargetRun {
  const byVerdict = { eligible: 0, 'eligible-with-changes': 0, ineligible: 0, unknown: 0 };
  for (const result of results) byVerdict[result.verdict] += 1;
  return {
    scanId: scan.scanId,
    startedAt: scan.startedAt,
    account: target.account,
    region: target.region,
    scope: { clusters: null, namespaces: null },
    status: 'complete',
    workloads: results.length,
    byVerdict,
    suppressedFindings: 0,
    findingsOmitted: 0,
    throttles: 0,
    gaps: [],
    ...overrides,
  };
}

/** A cluster result of the default target: an EKS cluster with a public endpoint unless overridden. */
export function clusterResult(name: string, overrides: Partial<ClusterResult> = {}): ClusterResult {
  const scope = overrides.scope ?? 'eks';
  const account = overrides.account ?? ACCOUNT;
  const region = overrides.region ?? REGION;
  return {
    id: `arn:aws:${scope}:${region}:${account}:cluster/${name}`,
    scope,
    name,
    account,
    region,
    status: 'ACTIVE',
    version: scope === 'eks' ? '1.31' : null,
    workloads: 3,
    findings:
      scope === 'eks'
        ? [
            finding('eks-endpoint-public-access', {
              category: 'compliance',
              severity: 'fixable',
              title: 'EKS cluster API endpoint is not publicly accessible',
              message: `Cluster ${name} serves its API endpoint publicly to any address.`,
            }),
          ]
        : [
            finding('ecs-cluster-container-insights', {
              category: 'compliance',
              severity: 'fixable',
              message: `Cluster ${name} has containerInsights set to "disabled".`,
            }),
          ],
    errors: [],
    ...overrides,
  };
}
