import type { Scope, Workload } from '../model/workload.js';

/** `fargate` rules decide the verdict; `compliance` rules are reported beside it and never change it. */
export type RuleCategory = 'fargate' | 'compliance';

/** blocker: cannot run on Fargate as designed; fixable: runs after the stated change; advisory: warn only. */
export type Severity = 'blocker' | 'fixable' | 'advisory';

/** One thing a rule found wrong with a workload. */
export interface Violation {
  readonly message: string;
  /** Overrides the rule's default severity when the same rule can block or only need a change. */
  readonly severity?: Severity;
  /** Overrides the rule's default fix text for this case. */
  readonly fix?: string;
}

/** A rule of the catalogue: metadata beside a pure `evaluate`. */
export interface Rule {
  /** kebab-case, equal to the rule's file name, never reused. */
  readonly id: string;
  readonly scope: Scope;
  readonly category: RuleCategory;
  /** Default severity of a violation. */
  readonly severity: Severity;
  readonly title: string;
  readonly rationale: string;
  readonly fix: string;
  readonly docsUrl: string;
  /** ISO date on which the rule was last checked against its source. */
  readonly verifiedAt: string;
  /** Security Hub / AWS Config / Prowler reference for compliance rules. */
  readonly control?: string;
  /** Pure: the same workload always gives the same violations. An empty array means the rule passes. */
  evaluate(workload: Workload): readonly Violation[];
}

/** Identity helper that gives rule objects their type without a class. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
