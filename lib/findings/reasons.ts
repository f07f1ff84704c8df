import type { RuleCategory, Severity } from '../rules/rule.js';
import type { WorkloadResult } from './result.js';

/** One line of "why" for a workload: a finding, or a rule that failed to evaluate. */
export interface Reason {
  readonly ruleId: string;
  /** `error` when the rule threw (the cause of an `unknown` verdict). */
  readonly severity: Severity | 'error';
  readonly category: RuleCategory | null;
  readonly message: string;
}

const SEVERITY_RANK: Readonly<Record<Reason['severity'], number>> = {
  error: 0,
  blocker: 1,
  fixable: 2,
  advisory: 3,
};

/**
 * Every reason of a workload, most important first: rule errors (they explain an `unknown`),
 * then blockers, fixables and advisories; within a severity, fargate before compliance, since the
 * verdict is about Fargate. Suppressed findings are left out: they are muted on purpose.
 */
export function rankedReasons(result: WorkloadResult): Reason[] {
  const reasons: Reason[] = [
    ...result.errors.map(
      (e): Reason => ({
        ruleId: e.ruleId,
        severity: 'error',
        category: null,
        message: `rule failed to evaluate: ${e.message}`,
      }),
    ),
    ...result.findings
      .filter((f) => f.suppressed === undefined)
      .map(
        (f): Reason => ({ ruleId: f.ruleId, severity: f.severity, category: f.category, message: f.message }),
      ),
  ];
  const categoryRank = (r: Reason) => (r.category === 'compliance' ? 1 : 0);
  // Array.prototype.sort is stable, so catalogue order survives within a rank.
  return reasons.sort(
    (a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || categoryRank(a) - categoryRank(b),
  );
}

/** The first `limit` ranked reasons and how many were left out. */
export function mainReasons(
  result: WorkloadResult,
  limit: number,
): { readonly shown: readonly Reason[]; readonly more: number } {
  const all = rankedReasons(result);
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

/** `rule-id: message`, the form tables and CSV cells use. */
export function formatReason(reason: Reason): string {
  return `${reason.ruleId}: ${reason.message}`;
}

/** Unsuppressed findings of a workload by severity. */
export function countBySeverity(result: WorkloadResult): Readonly<Record<Severity, number>> {
  const counts: Record<Severity, number> = { blocker: 0, fixable: 0, advisory: 0 };
  for (const finding of result.findings) {
    if (finding.suppressed === undefined) counts[finding.severity] += 1;
  }
  return counts;
}
