import type { RuleCategory } from '../rules/rule.js';
import type { ReportDocument, WorkloadResult } from './result.js';

/** Threshold of `--fail-on`. */
export type FailOn = 'ineligible' | 'changes' | 'never';

/** Accepted `--fail-on` values, for argument validation and help text. */
export const FAIL_ON_VALUES: readonly FailOn[] = ['ineligible', 'changes', 'never'];

/**
 * True when a workload trips the gate for the selected categories:
 * - fargate selected: verdict `ineligible` trips `ineligible`; any verdict other than `eligible`
 *   trips `changes`;
 * - compliance selected: an unsuppressed compliance blocker trips `ineligible`; any unsuppressed
 *   compliance finding trips `changes` — a failed control needs a change whatever its severity
 *   (the catalogue's compliance rules are advisories, since they never change the verdict), so
 *   `--category compliance --fail-on changes` gates on exactly what it shows;
 * - a rule that failed to evaluate always trips (`unknown` is never treated as a pass).
 */
export function tripsGate(
  workload: WorkloadResult,
  failOn: FailOn,
  categories: readonly RuleCategory[],
): boolean {
  if (failOn === 'never') return false;
  if (workload.errors.length > 0 || workload.verdict === 'unknown') return true;
  if (categories.includes('fargate')) {
    if (workload.verdict === 'ineligible') return true;
    if (failOn === 'changes' && workload.verdict === 'eligible-with-changes') return true;
  }
  if (categories.includes('compliance')) {
    return workload.findings.some(
      (f) =>
        f.category === 'compliance' &&
        f.suppressed === undefined &&
        (failOn === 'changes' || f.severity === 'blocker'),
    );
  }
  return false;
}

/** The workloads of a report that trip `--fail-on`; the gate trips when the list is not empty. */
export function gateFailures(
  report: ReportDocument,
  failOn: FailOn,
  categories: readonly RuleCategory[],
): WorkloadResult[] {
  return report.workloads.filter((w) => tripsGate(w, failOn, categories));
}
