import type { Finding, RuleError, Verdict } from '../findings/result.js';
import type { Workload } from '../model/workload.js';
import { featuresOf, rulesFor } from './applicability.js';
import type { Rule, RuleCategory, Violation } from './rule.js';

/** What the catalogue says about one workload. */
export interface Evaluation {
  readonly verdict: Verdict;
  readonly findings: readonly Finding[];
  readonly errors: readonly RuleError[];
}

export interface EvaluateOptions {
  /** Which categories to report; the verdict is always computed from every fargate rule. */
  readonly categories?: readonly RuleCategory[];
}

/** The errors of every evaluation in which no rule threw: shared, frozen, not allocated per workload. */
const NO_ERRORS: readonly RuleError[] = Object.freeze([]);

/**
 * Runs the rules of the workload's scope that can find something in it: a rule whose
 * `firesOnlyWith` features the workload lacks passes without being called (see applicability.ts).
 * A rule that throws becomes an error result and the verdict `unknown`: a workload is never
 * reported eligible unless every rule passed.
 */
export function evaluateWorkload(
  workload: Workload,
  rules: readonly Rule[],
  options: EvaluateOptions = {},
): Evaluation {
  const findings: Finding[] = [];
  let thrown: RuleError[] | null = null;
  for (const rule of rulesFor(rules, workload.scope, featuresOf(workload))) {
    let violations: ReturnType<Rule['evaluate']>;
    try {
      violations = rule.evaluate(workload);
    } catch (error) {
      thrown ??= [];
      thrown.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    for (let i = 0; i < violations.length; i += 1) findings.push(findingOf(rule, violations[i]!));
  }
  const errors = thrown ?? NO_ERRORS;
  const verdict = verdictOf(findings, errors);
  const categories = options.categories;
  const reported = categories ? findings.filter((f) => categories.includes(f.category)) : findings;
  return { verdict, findings: reported, errors };
}

/** The metadata a finding copies from its rule or check. */
export type FindingSource = Pick<Rule, 'id' | 'category' | 'severity' | 'title' | 'fix' | 'docsUrl'>;

/** A violation as a finding: the violation's own severity and fix where it overrides the rule's. */
export function findingOf(source: FindingSource, violation: Violation): Finding {
  return {
    ruleId: source.id,
    category: source.category,
    severity: violation.severity ?? source.severity,
    title: source.title,
    message: violation.message,
    fix: violation.fix ?? source.fix,
    docsUrl: source.docsUrl,
  };
}

/**
 * Verdict of DESIGN.md: any fargate blocker → ineligible, else any fixable → eligible-with-changes,
 * else eligible. Any rule error → unknown. Compliance findings and suppressions never change it.
 */
export function verdictOf(findings: readonly Finding[], errors: readonly RuleError[]): Verdict {
  if (errors.length > 0) return 'unknown';
  let fixable = false;
  for (const f of findings) {
    if (f.category !== 'fargate') continue;
    if (f.severity === 'blocker') return 'ineligible';
    if (f.severity === 'fixable') fixable = true;
  }
  return fixable ? 'eligible-with-changes' : 'eligible';
}
