/**
 * Compliance checks that judge a cluster rather than a workload (fargate-rules.md §4: Container
 * Insights, capacity-provider termination protection, EKS endpoint exposure, version support,
 * secrets encryption, audit logging). Same metadata shape as a rule; `evaluate` reads the cluster
 * as collected. Clusters are results too: the report carries them with their findings.
 */
import type { Finding, RuleError } from '../../findings/result.js';
import { findingOf } from '../../rules/engine.js';
import type { Severity, Violation } from '../../rules/rule.js';
import type {
  EcsCapacityProviderRecord,
  EcsClusterRecord,
  EksClusterRecord,
  EksVersionRecord,
} from '../snapshot.js';

/** An ECS cluster with the capacity providers it can use. */
export interface EcsClusterSubject {
  readonly scope: 'ecs';
  readonly cluster: EcsClusterRecord;
  readonly capacityProviders: readonly EcsCapacityProviderRecord[];
}

/** An EKS cluster with the version support EKS reported for the region, and the scan time. */
export interface EksClusterSubject {
  readonly scope: 'eks';
  readonly cluster: EksClusterRecord;
  /** From DescribeClusterVersions; empty when that call was not allowed or failed. */
  readonly versions: readonly EksVersionRecord[];
  /** When the inventory was collected (version support depends on the date). */
  readonly at: Date;
}

/** What a cluster check reads. */
export type ClusterSubject = EcsClusterSubject | EksClusterSubject;

interface CheckMetadata {
  /** kebab-case, equal to the check's file name, never reused. */
  readonly id: string;
  readonly category: 'compliance';
  readonly severity: Severity;
  readonly title: string;
  readonly rationale: string;
  readonly fix: string;
  readonly docsUrl: string;
  readonly verifiedAt: string;
  /** Security Hub control / AWS Config rule / Prowler check. */
  readonly control: string;
}

/** A check of ECS clusters. */
export interface EcsClusterCheck extends CheckMetadata {
  readonly scope: 'ecs';
  evaluate(subject: EcsClusterSubject): readonly Violation[];
}

/** A check of EKS clusters. */
export interface EksClusterCheck extends CheckMetadata {
  readonly scope: 'eks';
  evaluate(subject: EksClusterSubject): readonly Violation[];
}

/** Any cluster check. */
export type ClusterCheck = EcsClusterCheck | EksClusterCheck;

/** Identity helper that types a check object without a class. */
export function defineClusterCheck<C extends ClusterCheck>(check: C): C {
  return check;
}

/** A cluster and what the cluster checks found (defined with the other result types). */
export type { ClusterResult } from '../../findings/result.js';

/** Runs every check of the subject's scope, isolating failures as the rule engine does. */
export function evaluateClusterChecks(
  subject: ClusterSubject,
  checks: readonly ClusterCheck[],
): { findings: Finding[]; errors: RuleError[] } {
  const findings: Finding[] = [];
  const errors: RuleError[] = [];
  for (const check of checks) {
    if (check.scope !== subject.scope) continue;
    let violations: readonly Violation[];
    try {
      // The scope test above pairs each check with its own subject type.
      violations = (check.evaluate as (s: ClusterSubject) => readonly Violation[])(subject);
    } catch (error) {
      errors.push({ ruleId: check.id, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (const violation of violations) findings.push(findingOf(check, violation));
  }
  return { findings, errors };
}
