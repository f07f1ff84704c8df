import { buildReport, VERDICTS } from '../../../lib/findings/assemble.js';
import { type Judgement, judgeWorkloads } from '../../../lib/findings/judge.js';
import type { Gap, ReportDocument } from '../../../lib/findings/result.js';
import { type ReadResult, readText } from '../../../lib/manifests/read.js';
import type { Workload } from '../../../lib/model/workload.js';
import { estimateCost } from '../../../lib/pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from '../../../lib/pricing/default-price-book.js';
import { DEFAULT_PRICING_SETTINGS } from '../../../lib/pricing/settings.js';
import { allRules } from '../../../lib/rules/index.js';
import { defineRule, type Rule } from '../../../lib/rules/rule.js';
import { REPORT_FORMATS, renderReport } from '../../../lib/sinks/render.js';
import { isValidFargateSize } from '../../../lib/sizing/fargate-size.js';
import { PER_INPUT_BUDGET_MS } from './fuzz-settings.js';
import { collectProcessWarningsSync } from './process-warnings.js';

/**
 * The properties every read must have, whatever the input: checks throw a plain Error that says
 * what broke, and fast-check shrinks the input that made it break.
 */

function fail(message: string, detail?: unknown): never {
  throw new Error(detail === undefined ? message : `${message}: ${JSON.stringify(detail)?.slice(0, 600)}`);
}

/**
 * readText, timed: a call over the budget is a failure (a hang or a blow-up), not a slow test. A
 * process warning is a failure too: it would print input to stderr, past every sink.
 */
export function readWithinBudget(file: string, text: string): ReadResult {
  const started = performance.now();
  const { value: result, warnings } = collectProcessWarningsSync(() => readText(file, text));
  const elapsed = performance.now() - started;
  if (elapsed > PER_INPUT_BUDGET_MS)
    fail(`readText took ${Math.round(elapsed)} ms on ${text.length} characters`);
  if (warnings.length > 0) fail('readText set off a process warning', warnings);
  return result;
}

function everyNumberIsFinite(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'number' && !Number.isFinite(next)) return false;
    if (typeof next === 'object' && next !== null) pending.push(...Object.values(next));
  }
  return true;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Only workloads and gaps come back; every gap names the file (and a real line when it has one);
 * every workload has an id of the file and document, a known scope, and no NaN or Infinity.
 */
export function expectWellFormedRead(file: string, result: ReadResult): void {
  if (!Array.isArray(result.workloads) || !Array.isArray(result.gaps))
    fail('readText returned something else', result);
  for (const gap of result.gaps) {
    if (gap.scope !== 'file' || gap.file !== file) fail(`gap does not name ${file}`, gap);
    if (typeof gap.errorName !== 'string' || gap.errorName === '') fail('gap without an error name', gap);
    if (typeof gap.message !== 'string' || gap.message.trim() === '') fail('gap without a message', gap);
    if (gap.line !== undefined && !(Number.isInteger(gap.line) && gap.line >= 1))
      fail('gap with a bad line', gap);
  }
  const idPattern = new RegExp(`^${escapeRegExp(file)}#\\d+(\\.\\d+)?$`);
  const ids = new Set<string>();
  for (const workload of result.workloads) {
    if (!idPattern.test(workload.id)) fail(`workload id is not ${file}#<document>`, workload.id);
    if (ids.has(workload.id)) fail('two workloads share an id', workload.id);
    ids.add(workload.id);
    if (workload.source?.file !== file) fail('workload source does not name the file', workload.source);
    if (workload.scope !== 'ecs' && workload.scope !== 'eks')
      fail('workload has no known scope', workload.scope);
    if (typeof workload.name !== 'string' || workload.name === '')
      fail('workload without a name', workload.id);
    if (!Array.isArray(workload.containers)) fail('workload without a container list', workload.id);
    if (!everyNumberIsFinite(workload)) fail('workload carries NaN or Infinity', workload);
  }
}

/** A rule that always throws: with it in the catalogue, nothing may come out anything but `unknown`. */
const explodingRules: readonly Rule[] = (['ecs', 'eks'] as const).map((scope) =>
  defineRule({
    id: `fuzz-exploding-${scope}`,
    scope,
    category: 'fargate',
    severity: 'blocker',
    title: 'always throws',
    rationale: 'stands for a rule with a bug',
    fix: 'none',
    docsUrl: 'https://docs.aws.amazon.com/',
    verifiedAt: '2026-11-27',
    evaluate: () => {
      throw new TypeError('rule bug');
    },
  }),
);

/** Prices with the embedded book and default settings, as `check` does without flags. */
const costOf = (workload: Workload) =>
  estimateCost(workload, DEFAULT_PRICING_SETTINGS, DEFAULT_PRICE_BOOK).cost;

/**
 * Judges the workloads with the whole catalogue and pricing, and checks the verdict contract:
 * one of the four values; `unknown` exactly when something failed to evaluate; `eligible` only
 * with no fargate blocker or fixable finding; sizes on the Fargate grid; money finite or null.
 * Then once more with a rule that throws, which must turn every verdict `unknown`.
 */
export function expectSoundJudgement(workloads: readonly Workload[]): Judgement {
  const judgement = judgeWorkloads(workloads, { rules: allRules, cost: costOf });
  if (judgement.results.length !== workloads.length) fail('a workload went missing in judging');
  judgement.results.forEach((result, index) => {
    const workload = workloads[index];
    if (!VERDICTS.includes(result.verdict)) fail('unknown verdict value', result.verdict);
    if (result.errors.length > 0 !== (result.verdict === 'unknown'))
      fail('verdict and errors disagree', result);
    const fargate = result.findings.filter((finding) => finding.category === 'fargate');
    const blockers = fargate.filter((finding) => finding.severity === 'blocker').length;
    const fixables = fargate.filter((finding) => finding.severity === 'fixable').length;
    if (result.verdict === 'eligible' && blockers + fixables > 0) fail('eligible despite findings', result);
    if (result.verdict === 'ineligible' && blockers === 0) fail('ineligible without a blocker', result);
    if (result.verdict === 'eligible-with-changes' && (blockers > 0 || fixables === 0))
      fail('wrong changes verdict', result);
    const size = result.fargateSize;
    // EKS on Fargate runs Linux pods only, so an EKS size is on the Linux grid whatever the pod asks.
    const grid = workload?.scope === 'ecs' ? workload.os : 'linux';
    if (size !== null && !isValidFargateSize(size.cpu, size.memoryMiB, grid)) fail('size off the grid', size);
    const cost = result.cost;
    if (cost !== null) {
      for (const figure of [cost.currentMonthlyUsd, cost.fargateMonthlyUsd, cost.monthlySavingsUsd]) {
        if (figure !== null && !Number.isFinite(figure)) fail('money that is not a finite number', cost);
      }
      if (cost.fargateMonthlyUsd !== null && cost.fargateMonthlyUsd < 0) fail('negative Fargate cost', cost);
    }
  });
  const broken = judgeWorkloads(workloads, { rules: [...allRules, ...explodingRules] });
  const notUnknown = broken.results.find((result) => result.verdict !== 'unknown');
  if (notUnknown !== undefined) fail('a throwing rule left a verdict other than unknown', notUnknown.id);
  return judgement;
}

/** The report `check` would build from a read and its judgement, at a fixed time. */
export function reportOf(read: ReadResult, judgement: Judgement): ReportDocument {
  const gaps: Gap[] = [...read.gaps, ...judgement.gaps];
  return buildReport(judgement.results, gaps, { generatedAt: new Date('2026-11-27T12:00:00Z') });
}

/** Every report format, rendered; the JSON and SARIF ones must parse back. */
export function renderEveryFormat(report: ReportDocument): string[] {
  return REPORT_FORMATS.map((format) => {
    const text = renderReport(format, report, {
      rules: allRules,
      toolVersion: '0.0.0-fuzz',
      colors: format === 'table',
    });
    if (format === 'json' || format === 'sarif') {
      try {
        JSON.parse(text);
      } catch {
        fail(`the ${format} report does not parse`);
      }
    }
    return text;
  });
}
