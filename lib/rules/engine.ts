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

/** Where evaluateWorkload gathers a workload's findings before it copies them out. */
const gatheredFindings: Finding[] = [];

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
  // Gathered in one array kept between calls (as `found` of them), then copied to an array of
  // exactly their number: an array grown by push has room for about ten more, which the result
  // would keep for as long as the run keeps it.
  const gathered = gatheredFindings;
  let found = 0;
  let thrown: RuleError[] | null = null;
  const plan = rulesFor(rules, workload.scope, featuresOf(workload));
  const lastFindings = lastFindingsOf(plan);
  for (let r = 0; r < plan.length; r += 1) {
    const rule = plan[r]!;
    let violations: ReturnType<Rule['evaluate']>;
    try {
      violations = rule.evaluate(workload);
    } catch (error) {
      thrown = withRuleError(thrown, rule, error);
      continue;
    }
    for (let i = 0; i < violations.length; i += 1) {
      const violation = violations[i]!;
      const last = lastFindings[r]!;
      if (last !== null && sameFinding(last, rule, violation)) {
        gathered[found++] = last;
      } else {
        const finding = Object.freeze(findingOf(rule, violation));
        lastFindings[r] = finding;
        gathered[found++] = finding;
      }
    }
  }
  const findings = gathered.slice(0, found);
  const errors = thrown ?? NO_ERRORS;
  const verdict = verdictOf(findings, errors);
  const categories = options.categories;
  const reported = categories ? findingsOfCategories(findings, categories) : findings;
  return { verdict, findings: reported, errors };
}

/** `thrown` (a new list when null) with the error `rule` threw: rare, so kept out of the loop above. */
function withRuleError(thrown: RuleError[] | null, rule: Rule, error: unknown): RuleError[] {
  const errors = thrown ?? [];
  errors.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) });
  return errors;
}

function findingsOfCategories(findings: readonly Finding[], categories: readonly RuleCategory[]): Finding[] {
  return findings.filter((f) => categories.includes(f.category));
}

/**
 * Per plan, the last finding of each of its rules. Consecutive workloads often draw the same
 * finding from a rule (the same message about the same container name): they then share one frozen
 * finding instead of each keeping a copy, which is most of what a result retains.
 */
const lastFindingsByPlan = new WeakMap<readonly Rule[], (Finding | null)[]>();

function lastFindingsOf(plan: readonly Rule[]): (Finding | null)[] {
  return lastFindingsByPlan.get(plan) ?? newLastFindings(plan);
}

/** The first time a plan runs: kept apart so that the look-up above stays small where it is inlined. */
function newLastFindings(plan: readonly Rule[]): (Finding | null)[] {
  const last = new Array<Finding | null>(plan.length).fill(null);
  lastFindingsByPlan.set(plan, last);
  return last;
}

/** True when `finding` is what `rule` makes of `violation`. */
function sameFinding(finding: Finding, rule: Rule, violation: Violation): boolean {
  return (
    finding.message === violation.message &&
    finding.severity === (violation.severity ?? rule.severity) &&
    finding.fix === (violation.fix ?? rule.fix)
  );
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
