import type { EveryKey } from '../model/every-key.js';
import type { Scope, Workload } from '../model/workload.js';
import type { WorkloadFeature } from './applicability.js';

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
  /**
   * The rule can find something only in a workload with at least one of these features (see
   * applicability.ts); the engine does not call it for other workloads. Leave it out when the rule
   * can fire on any workload: it then runs for every one.
   */
  readonly firesOnlyWith?: readonly WorkloadFeature[];
  /**
   * Pure: the same workload always gives the same violations. An empty array means the rule passes.
   * Most rules find nothing in most workloads, so a rule looks for a first candidate with a plain
   * loop before it builds anything: a loop without callbacks or temporary arrays is cheaper both to
   * run and for V8 to compile.
   */
  evaluate(workload: Workload): readonly Violation[];
}

/**
 * The result of a rule that passes, shared and frozen: most rules pass most workloads, and a
 * catalogue run over 100,000 workloads should not allocate an empty array per rule per workload.
 */
export const NO_VIOLATIONS: readonly Violation[] = Object.freeze([]);

/**
 * One violation per item that `check` returns one for, in item order; {@link NO_VIOLATIONS} (no
 * allocation) when none does. A single violation, the usual case, comes back in an array of exactly
 * one element instead of a growable list (an empty literal that is pushed to reserves 17 slots).
 */
export function violationsFor<T>(
  items: readonly T[],
  check: (item: T) => Violation | null,
): readonly Violation[] {
  let first: Violation | null = null;
  let all: Violation[] | null = null;
  for (const item of items) {
    const violation = check(item);
    if (violation === null) continue;
    if (first === null) first = violation;
    else if (all === null) all = [first, violation];
    else all.push(violation);
  }
  return all ?? (first === null ? NO_VIOLATIONS : [first]);
}

/**
 * A rule object with every field of {@link Rule}, the optional ones included, in one order. The
 * engine reads `evaluate`, `id`, `severity`, `fix`, ... of whichever rules a workload needs at the
 * same few places: rule objects of one hidden class keep those reads monomorphic, where the literals
 * as written (each with its own optional fields, in its own order) turn them megamorphic. A field
 * added to Rule and not copied here fails to compile.
 */
export function defineRule(rule: Rule): Rule {
  const built: EveryKey<Rule> = {
    id: rule.id,
    scope: rule.scope,
    category: rule.category,
    severity: rule.severity,
    title: rule.title,
    rationale: rule.rationale,
    fix: rule.fix,
    docsUrl: rule.docsUrl,
    verifiedAt: rule.verifiedAt,
    control: rule.control,
    firesOnlyWith: rule.firesOnlyWith,
    evaluate: rule.evaluate,
  };
  return built;
}
