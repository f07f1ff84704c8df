import type { Workload } from '../model/workload.js';
import { evaluateWorkload } from '../rules/engine.js';
import type { Rule, RuleCategory } from '../rules/rule.js';
import { fargateSizeOf, type SizeResult } from '../sizing/fargate-size.js';
import { assembleResult, type CostFunction } from './assemble.js';
import type { CostEstimate, Gap, RuleError, WorkloadResult } from './result.js';

/** Pseudo rule id under which a sizing failure is reported among a workload's errors. */
export const SIZING_ERROR_ID = 'fargate-sizing';

/** What {@link judgeWorkloads} runs: the catalogue, the categories to report, the pricing. */
export interface JudgeOptions {
  /** The catalogue to run (normally `allRules`). */
  readonly rules: readonly Rule[];
  /** Categories to report; the verdict always comes from every fargate rule. Default: all. */
  readonly categories?: readonly RuleCategory[];
  /** Prices a workload at its Fargate size; without it every cost is null (not priced). */
  readonly cost?: CostFunction;
}

/** Results in input order, plus the gaps judging itself produced. */
export interface Judgement {
  readonly results: readonly WorkloadResult[];
  /** Pricing failures, one per workload that could not be priced because the cost function threw. */
  readonly gaps: readonly Gap[];
}

const errorParts = (error: unknown): { errorName: string; message: string } =>
  error instanceof Error
    ? { errorName: error.name, message: error.message }
    : { errorName: 'Error', message: String(error) };

/**
 * Runs evaluate → size → price → assemble for each workload. The same call serves `check`, `scan`
 * and the Lambdas. A sizing failure becomes an error on the workload (verdict `unknown`: whether it
 * fits Fargate is not known); a pricing failure leaves the cost null and is listed as a gap.
 */
export function judgeWorkloads(workloads: readonly Workload[], options: JudgeOptions): Judgement {
  const results: WorkloadResult[] = [];
  const gaps: Gap[] = [];
  const evaluateOptions = options.categories ? { categories: options.categories } : {};
  // Split once: each workload then walks only the rules of its scope.
  const rulesByScope = {
    ecs: options.rules.filter((rule) => rule.scope === 'ecs'),
    eks: options.rules.filter((rule) => rule.scope === 'eks'),
  };
  for (const workload of workloads) {
    // Sized before the rules, which ask for the size too (it is remembered for the last workload):
    // the sizing code then runs and is compiled on its own, not inside whichever rule asks first.
    let sizeResult: SizeResult | null = null;
    let sizingError: RuleError | null = null;
    try {
      sizeResult = fargateSizeOf(workload);
    } catch (error) {
      sizingError = { ruleId: SIZING_ERROR_ID, message: errorParts(error).message };
    }
    const evaluation = evaluateWorkload(workload, rulesByScope[workload.scope], evaluateOptions);
    const errors: readonly RuleError[] =
      sizingError === null ? evaluation.errors : [...evaluation.errors, sizingError];
    let cost: CostEstimate | null = null;
    if (options.cost) {
      try {
        cost = options.cost(workload, sizeResult?.size ?? null);
      } catch (error) {
        const { errorName, message } = errorParts(error);
        gaps.push({
          scope: 'price',
          ...locationOf(workload),
          errorName,
          message: `could not price ${workload.id}: ${message}`,
        });
      }
    }
    const verdict = errors.length > 0 ? 'unknown' : evaluation.verdict;
    results.push(
      assembleResult(workload, { verdict, findings: evaluation.findings, errors }, sizeResult, cost),
    );
  }
  return { results, gaps };
}

function locationOf(workload: Workload): Partial<Gap> {
  const where: { -readonly [K in keyof Gap]?: Gap[K] } = {};
  if (workload.source) where.file = workload.source.file;
  if (workload.source?.line != null) where.line = workload.source.line;
  if (workload.account !== null) where.account = workload.account;
  if (workload.region !== null) where.region = workload.region;
  if (workload.cluster !== null) where.cluster = workload.cluster;
  return where;
}
