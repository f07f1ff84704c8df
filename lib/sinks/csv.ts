import { savingsDirectionOf } from '../findings/assemble.js';
import { countBySeverity, formatReason, rankedReasons } from '../findings/reasons.js';
import type { ReportDocument, WorkloadResult } from '../findings/result.js';

type Cell = string | number | null;

/** Columns of `--format csv`, one row per workload. */
export const CSV_COLUMNS = [
  'id',
  'kind',
  'name',
  'namespace',
  'cluster',
  'account',
  'region',
  'launchType',
  'verdict',
  'replicas',
  'fargateCpu',
  'fargateMemoryMiB',
  'currentMonthlyUsd',
  'fargateMonthlyUsd',
  'monthlySavingsUsd',
  'blockers',
  'fixables',
  'advisories',
  'mainReasons',
  // Last, so existing column positions stay put: summing monthlySavingsUsd across both directions
  // would mix two decisions (to Fargate, and from Fargate to EC2).
  'savingsDirection',
] as const;

// Spreadsheets run a text cell that starts with one of these as a formula (CSV injection);
// a leading apostrophe makes them show it as text. Numbers are never prefixed.
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. Null is empty. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function row(result: WorkloadResult): Cell[] {
  const counts = countBySeverity(result);
  return [
    result.id,
    result.kind,
    result.name,
    result.namespace,
    result.cluster,
    result.account,
    result.region,
    result.launchType,
    result.verdict,
    result.replicas,
    result.fargateSize?.cpu ?? null,
    result.fargateSize?.memoryMiB ?? null,
    result.cost?.currentMonthlyUsd ?? null,
    result.cost?.fargateMonthlyUsd ?? null,
    result.cost?.monthlySavingsUsd ?? null,
    counts.blocker,
    counts.fixable,
    counts.advisory,
    rankedReasons(result).map(formatReason).join('; '),
    savingsDirectionOf(result),
  ];
}

/**
 * `--format csv`: a header and one row per workload, CRLF line ends (RFC 4180). Unknown figures
 * (no cost, no size) are empty cells, never 0. `mainReasons` lists every unsuppressed reason,
 * most important first. Gaps are not rows: they are in the JSON and table outputs and on stderr.
 */
export function renderCsv(report: ReportDocument): string {
  const lines = [CSV_COLUMNS.join(','), ...report.workloads.map((w) => row(w).map(csvField).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
