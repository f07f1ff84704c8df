import { Option } from 'commander';
import { buildReport } from '../findings/assemble.js';
import { FAIL_ON_VALUES, type FailOn, gateFailures } from '../findings/gate.js';
import { judgeWorkloads } from '../findings/judge.js';
import { suppressResults } from '../findings/suppressions.js';
import { readPaths } from '../manifests/read.js';
import { distinctPriceGaps } from '../pricing/price-gaps.js';
import { allRules } from '../rules/index.js';
import type { RuleCategory } from '../rules/rule.js';
import { formatForFile, REPORT_FORMATS, type ReportFormat, renderReport } from '../sinks/render.js';
import { gapText, printable, summaryLine } from '../sinks/table.js';
import { writeFileAtomic } from '../sinks/write-file.js';
import { type CliContext, type CliIo, EXIT, type RegisterCommand } from './context.js';
import { addPricingOptions, type PricingRun, preparePricing } from './pricing-options.js';
import { toolVersion } from './version.js';

type CategoryChoice = RuleCategory | 'all';

const CATEGORY_CHOICES: readonly CategoryChoice[] = ['fargate', 'compliance', 'all'];

/** Options of `fargate-fit check`, as commander parses them. */
export interface CheckOptions extends Record<string, unknown> {
  readonly format?: ReportFormat;
  readonly output?: string;
  readonly failOn: FailOn;
  readonly category: CategoryChoice;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * `fargate-fit check <path...>`: reads task definitions and manifests, judges every workload, and
 * writes the report. Exit codes, by precedence: 2 when an input could not be read (after writing
 * the report of everything else), when nothing was found, or on a write error; 1 when `--fail-on`
 * trips; else 0. Gaps beat the gate: a partial report must not pass for a verdict on everything.
 */
export async function runCheck(paths: readonly string[], options: CheckOptions, io: CliIo): Promise<number> {
  // A file gets the format its extension names (else JSON); stdout gets a table only on a terminal.
  const format =
    options.format ??
    (options.output !== undefined ? (formatForFile(options.output) ?? 'json') : io.isTTY ? 'table' : 'json');
  const categories: readonly RuleCategory[] =
    options.category === 'all' ? ['fargate', 'compliance'] : [options.category];

  // Config, price book and knobs are validated before any input is read.
  let pricing: PricingRun;
  try {
    pricing = await preparePricing(options);
  } catch (error) {
    io.stderr.write(`error: ${errorText(error)}\n`);
    return EXIT.usageOrInput;
  }

  let read: Awaited<ReturnType<typeof readPaths>>;
  try {
    read = await readPaths([...paths]);
  } catch (error) {
    io.stderr.write(`error: cannot read ${paths.join(', ')}: ${errorText(error)}\n`);
    return EXIT.usageOrInput;
  }
  const judgement = judgeWorkloads(read.workloads, { rules: allRules, categories, cost: pricing.cost });
  const now = io.now?.() ?? new Date();
  const results = suppressResults(
    judgement.results,
    pricing.config.suppressions,
    now.toISOString().slice(0, 10),
  );
  // Unreadable inputs fail the run; an unpriced figure is reported (null + gap) but is no input error.
  const inputGaps = [...read.gaps, ...judgement.gaps.filter((g) => g.scope !== 'price')];
  const priceGaps = distinctPriceGaps([
    ...pricing.gaps,
    ...judgement.gaps.filter((g) => g.scope === 'price'),
  ]);
  const gaps = [...inputGaps, ...priceGaps];
  const report = buildReport(results, gaps, io.now ? { generatedAt: io.now() } : {});
  const text = renderReport(format, report, {
    rules: allRules,
    toolVersion: toolVersion(),
    colors: options.output === undefined && (io.colors ?? io.isTTY),
  });

  if (options.output === undefined) {
    io.stdout.write(text);
  } else {
    try {
      await writeFileAtomic(options.output, text);
    } catch (error) {
      io.stderr.write(`error: ${errorText(error)}\n`);
      return EXIT.usageOrInput;
    }
    io.stderr.write(`wrote ${format} report to ${options.output}: ${summaryLine(report)}\n`);
  }

  for (const gap of priceGaps) io.stderr.write(`warning: ${printable(gapText(gap))}\n`);
  for (const gap of inputGaps) io.stderr.write(`error: ${printable(gapText(gap))}\n`);
  if (inputGaps.length > 0) {
    io.stderr.write(
      `error: ${inputGaps.length} input${inputGaps.length === 1 ? '' : 's'} could not be read; the report covers everything else\n`,
    );
    return EXIT.usageOrInput;
  }
  if (report.workloads.length === 0) {
    io.stderr.write(
      `error: no workloads (task definitions or Pod-bearing objects) found in ${paths.join(', ')}\n`,
    );
    return EXIT.usageOrInput;
  }
  const failures = gateFailures(report, options.failOn, categories);
  if (failures.length > 0) {
    const shown = failures.slice(0, 5).map((w) => w.id);
    const more = failures.length > shown.length ? `, and ${failures.length - shown.length} more` : '';
    io.stderr.write(
      `fail-on ${options.failOn}: ${failures.length} workload${failures.length === 1 ? '' : 's'} tripped the gate (${shown.join(', ')}${more})\n`,
    );
    return EXIT.failOn;
  }
  return EXIT.ok;
}

/** Registers `check` on the program. */
export const registerCheckCommand: RegisterCommand = (program, context: CliContext) => {
  const command = program
    .command('check')
    .description(
      'judge ECS task-definition JSON and Kubernetes YAML on disk: which workloads could run on Fargate, and what blocks the others',
    )
    .argument('<path...>', 'files or directories to read')
    .addOption(
      new Option(
        '--format <format>',
        'report format (default: from the --output extension .json/.sarif/.csv/.txt, else table on a terminal, else json)',
      ).choices(REPORT_FORMATS),
    )
    .option('--output <file>', 'write the report to FILE (atomically) instead of stdout')
    .addOption(
      new Option(
        '--fail-on <threshold>',
        'exit 1 when a workload is ineligible, needs changes, or never (unknown verdicts always trip)',
      )
        .choices(FAIL_ON_VALUES)
        .default('never'),
    )
    .addOption(
      new Option('--category <category>', 'findings to report and gate on')
        .choices(CATEGORY_CHOICES)
        .default('all'),
    )
    .addHelpText(
      'after',
      [
        '',
        'Exit codes: 0 ok; 1 when --fail-on trips; 2 on a usage error, an unreadable input (the report of',
        'everything else is still written), no workloads found, or a report that cannot be written.',
        'A gap (exit 2) takes precedence over --fail-on (exit 1).',
      ].join('\n'),
    )
    .action(async (paths: string[], options: CheckOptions) => {
      context.exitCode = await runCheck(paths, options, context.io);
    });
  addPricingOptions(command);
};
