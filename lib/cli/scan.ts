import { Option } from 'commander';
import { buildReport } from '../findings/assemble.js';
import { FAIL_ON_VALUES, type FailOn, gateFailures } from '../findings/gate.js';
import { judgeInventory } from '../findings/judge-inventory.js';
import type { ClusterResult, Gap, WorkloadResult } from '../findings/result.js';
import { suppressResults } from '../findings/suppressions.js';
import {
  defaultScanDeps,
  nothingScanned,
  type ScanOptions,
  type ScanProgress,
  scanEstate,
} from '../inventory/scan.js';
import { type Inventory, loadInventory, saveInventory } from '../inventory/snapshot.js';
import { byText } from '../model/text-order.js';
import { allRules } from '../rules/index.js';
import {
  cliScanRef,
  dynamoDbStore,
  LOCAL_STORE_FILE,
  localStore,
  recordScan,
  snsPublisher,
} from '../serverless/record-scan.js';
import { FULL_SCOPE } from '../sinks/dynamodb/records.js';
import { formatForFile, REPORT_FORMATS, type ReportFormat, renderReport } from '../sinks/render.js';
import { gapText, printable, summaryLine } from '../sinks/table.js';
import { writeFileAtomic } from '../sinks/write-file.js';
import { type CliIo, EXIT, type RegisterCommand } from './context.js';
import { addPricingOptions, type PricingRun, preparePricing } from './pricing-options.js';
import { toolVersion } from './version.js';

/** Options of `fargate-fit scan`, as commander parses them. */
export interface ScanCommandOptions extends Record<string, unknown> {
  readonly regions?: string;
  readonly accounts?: string;
  readonly roleName?: string;
  readonly externalId?: string;
  readonly org?: boolean;
  readonly excludeNamespaces?: string;
  readonly kubernetes?: boolean;
  readonly concurrency?: string;
  readonly format?: ReportFormat;
  readonly output?: string;
  readonly saveSnapshot?: string;
  readonly fromSnapshot?: string;
  readonly failOn: FailOn;
  /** DynamoDB table to record findings in (`--table`). */
  readonly table?: string;
  /** SNS topic to publish the scan summary to (`--topic-arn`). */
  readonly topicArn?: string;
  /** Local store file, or false (`--no-store`); used when no --table is given. */
  readonly store?: string | false;
  readonly alertOn?: 'changes' | 'always';
  /** Exit 0 rather than 3 when part of the estate could not be read (`--allow-partial`). */
  readonly allowPartial?: boolean;
}

/** The exit-code paragraph of `scan --help` and `demo --help`. */
export const SCAN_EXIT_CODES_HELP = [
  '',
  'Exit codes: 0 every account, region and cluster asked for was read; 1 when --fail-on trips;',
  '2 on a usage error, an unreadable snapshot or config, a report or store that cannot be written,',
  'or when nothing at all could be scanned; 3 when the report is complete for what could be read',
  'but part of the estate could not (the gaps are listed in the report and as warnings);',
  '--allow-partial turns 3 into 0. Precedence: 2, then 1, then 3.',
].join('\n');

const csv = (value: string | undefined): string[] | undefined =>
  value === undefined
    ? undefined
    : value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Scan options from the flags; validated again by scanEstate before any AWS call. */
export function scanOptionsOf(options: ScanCommandOptions): ScanOptions {
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  const regions = csv(options.regions);
  const accounts = csv(options.accounts);
  const excludeNamespaces = csv(options.excludeNamespaces);
  return {
    ...(regions ? { regions } : {}),
    ...(accounts ? { accounts } : {}),
    ...(options.org ? { org: true } : {}),
    ...(options.roleName ? { roleName: options.roleName } : {}),
    ...(options.externalId ? { externalId: options.externalId } : {}),
    ...(excludeNamespaces ? { excludeNamespaces } : {}),
    ...(options.kubernetes === false ? { kubernetes: false } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
  };
}

/** Biggest savings first; unknown figures last, then by id so the order is stable. */
function bySavings(a: WorkloadResult, b: WorkloadResult): number {
  const sa = a.cost?.monthlySavingsUsd ?? null;
  const sb = b.cost?.monthlySavingsUsd ?? null;
  if (sa !== sb) {
    if (sa === null) return 1;
    if (sb === null) return -1;
    return sb - sa;
  }
  return byText(a.id, b.id);
}

/** A one-line progress display on a terminal's stderr; silent when stderr is not a terminal. */
function progressPrinter(io: CliIo): ((p: ScanProgress) => void) | undefined {
  if (!io.stderrIsTTY) return undefined;
  return (p) =>
    io.stderr.write(
      `\r\x1b[Kscanning: ${p.pairsDone}/${p.pairsTotal} account-regions, ${p.clustersDone} clusters, ` +
        `${p.workloads} workloads, ${p.calls} AWS calls, ${p.throttles} throttles absorbed`,
    );
}

/**
 * `fargate-fit scan`: collects the live estate (or replays a snapshot), judges and prices every
 * workload, and writes the report. Exit codes, by precedence: 2 on bad options or when nothing at
 * all could be scanned; 1 when --fail-on trips; 3 when part of the estate could not be read
 * (coverage gaps, listed in the report) unless --allow-partial; else 0. An unpriced figure is no
 * coverage gap: the workload was read, only its price is unknown (null, with a gap saying why).
 */
export async function runScan(options: ScanCommandOptions, io: CliIo): Promise<number> {
  const format =
    options.format ??
    (options.output !== undefined ? (formatForFile(options.output) ?? 'json') : io.isTTY ? 'table' : 'json');
  let pricing: PricingRun;
  let inventory: Inventory;
  try {
    pricing = await preparePricing(options);
    if (options.fromSnapshot !== undefined) {
      inventory = await loadInventory(options.fromSnapshot);
    } else {
      const deps = defaultScanDeps();
      const onProgress = progressPrinter(io);
      try {
        inventory = await scanEstate(scanOptionsOf(options), {
          ...deps,
          ...(onProgress ? { onProgress } : {}),
        });
      } finally {
        if (onProgress) io.stderr.write('\n');
        deps.clients.destroy();
      }
    }
    if (options.saveSnapshot !== undefined) await saveInventory(options.saveSnapshot, inventory);
  } catch (error) {
    // Bad options, unreadable snapshot or config, or no usable credentials: nothing was scanned.
    io.stderr.write(`error: ${errorText(error)}\n`);
    return EXIT.usageOrInput;
  }

  const judged = judgeInventory(inventory, { settings: pricing.settings, book: pricing.book });
  const now = io.now?.() ?? new Date();
  const results = suppressResults(judged.results, pricing.config.suppressions, now.toISOString().slice(0, 10))
    .slice()
    .sort(bySavings);
  const report = buildReport(results, judged.gaps, { generatedAt: now, clusters: judged.clusters });
  const text = renderReport(format, report, {
    rules: allRules,
    toolVersion: toolVersion(),
    colors: options.output === undefined && (io.colors ?? io.isTTY),
  });
  if (options.output === undefined) io.stdout.write(text);
  else {
    try {
      await writeFileAtomic(options.output, text);
    } catch (error) {
      io.stderr.write(`error: ${errorText(error)}\n`);
      return EXIT.usageOrInput;
    }
    io.stderr.write(`wrote ${format} report to ${options.output}: ${summaryLine(report)}\n`);
  }

  for (const gap of judged.gaps) io.stderr.write(`warning: ${printable(gapText(gap))}\n`);
  if (!nothingScanned(inventory)) {
    try {
      await recordAndPublish(options, inventory, results, judged.clusters, judged.gaps, pricing, now, io);
    } catch (error) {
      io.stderr.write(`error: could not record or publish the scan: ${errorText(error)}\n`);
      return EXIT.usageOrInput;
    }
  }
  if (nothingScanned(inventory)) {
    io.stderr.write(
      'error: nothing could be scanned: every account and region failed (see the gaps above)\n',
    );
    return EXIT.usageOrInput;
  }
  // A price gap leaves a figure null, and a Kubernetes API skipped on request (--no-kubernetes) was
  // never asked for: neither is part of the estate that could not be read.
  const coverageGaps = judged.gaps.filter(
    (gap) => gap.scope !== 'price' && gap.errorName !== 'KubernetesSkipped',
  ).length;
  if (coverageGaps > 0) {
    io.stderr.write(
      `warning: partial coverage: ${coverageGaps} gap(s); the report lists them` +
        (options.allowPartial
          ? ' (accepted: --allow-partial)\n'
          : ' (exit status 3; --allow-partial accepts it)\n'),
    );
  }
  const failures = gateFailures(report, options.failOn, ['fargate', 'compliance']);
  if (failures.length > 0) {
    io.stderr.write(`fail-on ${options.failOn}: ${failures.length} workload(s) tripped the gate\n`);
    return EXIT.failOn;
  }
  return coverageGaps > 0 && !options.allowPartial ? EXIT.partialCoverage : EXIT.ok;
}

/**
 * Records the scan in DynamoDB (--table) or the local store, diffs it against the previous run,
 * and publishes one SNS summary (--topic-arn) — the same items and message the Lambdas produce.
 */
async function recordAndPublish(
  options: ScanCommandOptions,
  inventory: Inventory,
  results: readonly WorkloadResult[],
  clusters: readonly ClusterResult[],
  gaps: readonly Gap[],
  pricing: PricingRun,
  now: Date,
  io: CliIo,
): Promise<void> {
  if (options.table === undefined && options.store === false && options.topicArn === undefined) return;
  const region = process.env.AWS_REGION ?? inventory.regions[0] ?? 'us-east-1';
  const store =
    options.table !== undefined
      ? dynamoDbStore(options.table, region)
      : localStore(typeof options.store === 'string' ? options.store : LOCAL_STORE_FILE);
  const outcome = await recordScan({
    store,
    publish: options.topicArn === undefined ? null : snsPublisher(options.topicArn),
    scan: cliScanRef(new Date(inventory.collectedAt)),
    targets: inventory.accounts.flatMap((account) =>
      inventory.regions.map((region) => ({ account, region })),
    ),
    scope: FULL_SCOPE,
    results,
    clusters,
    gaps,
    suppressions: pricing.config.suppressions,
    alertOn: options.alertOn ?? 'changes',
  });
  const digest = outcome.digest;
  const where = options.table !== undefined ? `table ${options.table}` : 'the local store';
  io.stderr.write(
    `recorded scan ${outcome.scanId} in ${where}` +
      (digest === null
        ? ''
        : digest.firstScan
          ? '; first scan, nothing to compare with'
          : `; since the previous scan: ${digest.added.length} new, ${digest.changed.length} changed, ${digest.resolved.length} resolved`) +
      (options.topicArn !== undefined
        ? outcome.message && !outcome.alreadySummarized
          ? '; summary published'
          : '; nothing to publish'
        : '') +
      ` (${now.toISOString()})\n`,
  );
}

/** Adds the scan flags shared by `scan` and `demo`. */
export function addScanOutputOptions<T extends import('commander').Command>(command: T): T {
  command
    .addOption(
      new Option('--format <format>', 'report format (default: table on a terminal, else json)').choices(
        REPORT_FORMATS,
      ),
    )
    .option('--output <file>', 'write the report to FILE (atomically) instead of stdout')
    .option('--save-snapshot <file>', 'also save the collected inventory (env values stripped) to FILE')
    .addOption(
      new Option('--fail-on <threshold>', 'exit 1 when a workload is ineligible, needs changes, or never')
        .choices(FAIL_ON_VALUES)
        .default('never'),
    )
    .option(
      '--allow-partial',
      'exit 0 instead of 3 when part of the estate could not be read (the gaps are still reported)',
    )
    .addHelpText('after', SCAN_EXIT_CODES_HELP);
  addPricingOptions(command);
  return command;
}

/** Registers `scan`. */
export const registerScanCommand: RegisterCommand = (program, context) => {
  const command = program
    .command('scan')
    .description('scan live ECS services and EKS workloads across accounts and regions')
    .option('--regions <list>', 'comma-separated regions (default: the configured region)')
    .option('--accounts <list>', 'comma-separated account ids; others than your own need --role-name')
    .option('--role-name <name>', 'read-only role to assume in each account')
    .option('--external-id <id>', 'ExternalId the member role requires')
    .option('--org', 'scan every active account of the AWS Organization (needs --role-name)')
    .option('--exclude-namespaces <list>', 'Kubernetes namespaces to leave out (all are scanned otherwise)')
    .option('--no-kubernetes', 'do not read the Kubernetes API of EKS clusters')
    .option('--concurrency <n>', 'account-regions scanned at once (default 4)')
    .option('--from-snapshot <file>', 're-judge a saved inventory offline, with no AWS calls')
    .option('--table <name>', 'record findings in this DynamoDB table (diffed against the previous scan)')
    .option('--topic-arn <arn>', 'publish one summary of what changed to this SNS topic')
    .option('--store <file>', 'local store for the diff when no --table is given', LOCAL_STORE_FILE)
    .option('--no-store', 'keep no local record of this scan')
    .addOption(
      new Option('--alert-on <when>', 'publish only on changes, or always')
        .choices(['changes', 'always'])
        .default('changes'),
    );
  addScanOutputOptions(command).action(async (options: ScanCommandOptions) => {
    context.exitCode = await runScan(options, context.io);
  });
};
