import pc from 'picocolors';
import { savingsDirectionOf, VERDICTS } from '../findings/assemble.js';
import { formatReason, mainReasons } from '../findings/reasons.js';
import type {
  ClusterResult,
  FargateSize,
  Gap,
  ReportDocument,
  Verdict,
  WorkloadResult,
} from '../findings/result.js';
import type { Severity } from '../rules/rule.js';
import {
  clusterKindLabel,
  clustersNeedingAttention,
  clusterTallyText,
  orderedClusterFindings,
  tallyClusters,
} from './html/clusters.js';

/** Presentation options of {@link renderTable}. */
export interface TableOptions {
  /** ANSI colours; the CLI turns them on only when writing to a terminal. Default off. */
  readonly colors?: boolean;
  /** How many reasons to show per workload before "+N more". Default 2. */
  readonly reasonsPerWorkload?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

const HEADER = ['VERDICT', 'FARGATE SIZE', 'FARGATE/MO', 'SAVINGS/MO', 'WORKLOAD', 'MAIN REASONS'] as const;

/** `0.25 vCPU / 0.5 GB`; `-` when the workload has no Fargate size. */
export function formatSize(size: FargateSize | null): string {
  return size === null ? '-' : `${size.cpu / 1024} vCPU / ${size.memoryMiB / 1024} GB`;
}

/**
 * Text from manifests reaches the terminal: line breaks would split a workload's line, and other
 * control characters could be escape sequences that repaint or retitle the terminal.
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  return text.replace(/[\t\r\n]+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '\uFFFD');
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

function paintVerdict(verdict: Verdict, text: string, c: Colors): string {
  switch (verdict) {
    case 'eligible':
      return c.green(text);
    case 'eligible-with-changes':
      return c.yellow(text);
    case 'ineligible':
      return c.red(text);
    case 'unknown':
      return c.magenta(text);
  }
}

/** Monthly Fargate cost: `unknown` where it cannot be priced (never $0). */
function fargateCell(result: WorkloadResult): string {
  const usdValue = result.cost?.fargateMonthlyUsd ?? null;
  return usdValue === null ? 'unknown' : usd.format(usdValue);
}

/** Monthly savings of the move: `costs $X more` when it would cost more, `unknown` when not priced. */
export function savingsCell(result: WorkloadResult): string {
  const savings = result.cost?.monthlySavingsUsd ?? null;
  if (savings === null) return 'unknown';
  return savings < 0 ? `costs ${usd.format(-savings)} more` : usd.format(savings);
}

function workloadLabel(result: WorkloadResult): string {
  const name = result.namespace === null ? result.name : `${result.namespace}/${result.name}`;
  return `${result.id} ${result.kind} ${name}`;
}

function reasonsCell(result: WorkloadResult, limit: number): string {
  const { shown, more } = mainReasons(result, limit);
  if (shown.length === 0) return '-';
  const text = shown.map(formatReason).join('; ');
  return more > 0 ? `${text} (+${more} more)` : text;
}

function gapLocation(gap: Gap): string {
  if (gap.file) return gap.line !== undefined ? `${gap.file}:${gap.line}` : gap.file;
  return [gap.account, gap.region, gap.cluster].filter((part) => part !== undefined).join('/') || gap.scope;
}

/**
 * One gap as `where: what (ErrorName)`, compiler style so terminals and editors link the file and
 * line. Readers often put the location in the message already; it is then not repeated.
 */
export function gapText(gap: Gap): string {
  const where = gapLocation(gap);
  const what = gap.message.startsWith(where) ? gap.message : `${where}: ${gap.message}`;
  return `${what} (${gap.errorName})`;
}

function directionSavings(amount: number | null, move: string): string {
  if (amount === null) return '';
  return amount < 0
    ? `; ${move} would cost ${usd.format(-amount)} more a month`
    : `; monthly savings ${move} ${usd.format(amount)}`;
}

/**
 * `12 workloads: 3 eligible, ...; findings: ...; 1 gap`, with the savings of moving to Fargate
 * when known, and — a separate decision, never added in — of moving the workloads already on
 * Fargate to EC2, when there are any.
 */
export function summaryLine(report: ReportDocument): string {
  const s = report.summary;
  const verdicts = VERDICTS.map((v) => `${s.byVerdict[v]} ${v.replaceAll('-', ' ')}`).join(', ');
  const findings = `findings: ${s.findingsByCategory.fargate} fargate, ${s.findingsByCategory.compliance} compliance`;
  const gaps = `${s.gaps} ${s.gaps === 1 ? 'gap' : 'gaps'}`;
  const onFargate = report.workloads.some((w) => savingsDirectionOf(w) === 'fargateToEc2');
  const savings =
    directionSavings(s.monthlySavingsByDirection.ec2ToFargate, 'moving to Fargate') +
    (onFargate
      ? directionSavings(s.monthlySavingsByDirection.fargateToEc2, 'moving Fargate workloads to EC2')
      : '');
  return `${s.workloads} ${s.workloads === 1 ? 'workload' : 'workloads'}: ${verdicts}; ${findings}; ${gaps}${savings}`;
}

function paintSeverity(severity: Severity | 'not evaluated', text: string, c: Colors): string {
  switch (severity) {
    case 'blocker':
      return c.red(text);
    case 'fixable':
      return c.yellow(text);
    case 'advisory':
      return c.dim(text);
    case 'not evaluated':
      return c.magenta(text);
  }
}

/**
 * `Cluster compliance (5 clusters: ...)` and one line per failed check and open finding
 * (`cluster (EKS 111122223333/us-east-1) — fixable — message [rule-id]`). The message, not the
 * check's title, says what is wrong: a title names the control asked for, which reads like a pass.
 */
function clusterBlock(clusters: readonly ClusterResult[], c: Colors): string[] {
  const tally = tallyClusters(clusters);
  const lines = [c.bold(`Cluster compliance (${clusterTallyText(tally)}):`)];
  for (const cluster of clustersNeedingAttention(clusters)) {
    const label = printable(
      `${cluster.name} (${clusterKindLabel(cluster)} ${cluster.account}/${cluster.region})`,
    );
    for (const error of cluster.errors) {
      lines.push(
        `  ${label} — ${paintSeverity('not evaluated', 'not evaluated', c)} — ${printable(`check failed: ${error.message} [${error.ruleId}]`)}`,
      );
    }
    for (const finding of orderedClusterFindings(cluster.findings)) {
      if (finding.suppressed !== undefined) continue;
      lines.push(
        `  ${label} — ${paintSeverity(finding.severity, finding.severity, c)} — ${printable(`${finding.message} [${finding.ruleId}]`)}`,
      );
    }
  }
  if (tally.suppressedFindings > 0) {
    lines.push(
      c.dim(
        `  ${tally.suppressedFindings} suppressed ${tally.suppressedFindings === 1 ? 'finding' : 'findings'} not listed`,
      ),
    );
  }
  return lines;
}

/**
 * `--format table`: one line per workload (verdict, Fargate size, id and name, main reasons),
 * then the cluster compliance findings of a scan, the gaps, if any, and a summary line. Plain text
 * unless `colors` is set.
 */
export function renderTable(report: ReportDocument, options: TableOptions = {}): string {
  const c = pc.createColors(options.colors ?? false);
  const limit = options.reasonsPerWorkload ?? 2;
  const rows = report.workloads.map((w) => ({
    verdict: w.verdict,
    cells: [
      w.verdict,
      formatSize(w.fargateSize),
      fargateCell(w),
      savingsCell(w),
      printable(workloadLabel(w)),
      printable(reasonsCell(w, limit)),
    ] as const,
  }));
  const last = HEADER.length - 1;
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i]!.length)));
  const pad = (text: string, i: number) => text.padEnd(widths[i]!);
  const lines: string[] = [];
  if (rows.length === 0) {
    lines.push('No workloads found.');
  } else {
    lines.push(c.bold(HEADER.map((h, i) => (i < last ? pad(h, i) : h)).join('  ')));
    for (const row of rows) {
      const [verdict, size, fargate, savings, label, reasons] = row.cells;
      lines.push(
        [
          paintVerdict(row.verdict, pad(verdict, 0), c),
          pad(size, 1),
          pad(fargate, 2),
          pad(savings, 3),
          pad(label, 4),
          c.dim(reasons),
        ].join('  '),
      );
    }
  }
  if (report.clusters !== undefined && report.clusters.length > 0) {
    lines.push('', ...clusterBlock(report.clusters, c));
  }
  if (report.gaps.length > 0) {
    lines.push(
      '',
      c.red(`Gaps: could not read or price (${report.gaps.length}):`),
      ...report.gaps.map((gap) => `  ${printable(gapText(gap))}`),
    );
  }
  lines.push('', c.bold(summaryLine(report)));
  return `${lines.join('\n')}\n`;
}
