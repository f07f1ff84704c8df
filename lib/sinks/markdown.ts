import { mainReasons, type Reason } from '../findings/reasons.js';
import type { ClusterResult, Gap, ReportDocument, Verdict, WorkloadResult } from '../findings/result.js';
import {
  clusterKindLabel,
  clustersNeedingAttention,
  NO_CLUSTER_READ,
  orderedClusterFindings,
  tallyClusters,
} from './html/clusters.js';
import { safeHttpUrl } from './html/escape.js';
import { type SavingsHeadline, savingsHeadline } from './html/estate.js';
import {
  kindLabel,
  plural,
  qualifiedName,
  savingsText,
  sizeText,
  sourceText,
  verdictLabel,
} from './html/figures.js';

/** GitHub rejects an issue or pull-request comment longer than this many characters. */
export const GITHUB_COMMENT_MAX_CHARS = 65_536;

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /** Upper bound of the whole text, in UTF-16 code units (never fewer than GitHub counts). Default 65,536. */
  readonly maxLength?: number;
  /** Reasons per workload before "+N more". Default 3. */
  readonly reasonsPerWorkload?: number;
  /** Link to the full report (a CI artifact, the HTML report); only http(s) URLs are linked. */
  readonly reportUrl?: string;
  /** Heading of the comment. Default `Fargate fit`. */
  readonly title?: string;
}

/** Longest text one table cell may take, so a single long message cannot crowd out the rest. */
const CELL_MAX = 600;

/** The order in which workloads that need attention are listed. */
const ATTENTION_ORDER: readonly Verdict[] = ['ineligible', 'unknown', 'eligible-with-changes'];

const VERDICT_MARKS: Readonly<Record<Verdict, string>> = {
  eligible: '✅',
  'eligible-with-changes': '🛠️',
  ineligible: '⛔',
  unknown: '❔',
};

/**
 * Text safe inside a GitHub Markdown table cell or list item. The characters that change meaning
 * mid-line are backslash-escaped (`|` would end the cell, a backtick open code, `*` `_` `~`
 * emphasis, `[` `]` a link, `<` `>` HTML, `&` an entity); line breaks become spaces; and `@` is
 * followed by a zero-width joiner so a name like `@org/team` cannot notify anyone from a CI
 * comment. Characters that only matter at the start of a line (`#`, `-`, `+`) are left alone:
 * this text never starts one.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\r\n?|\n/g, ' ')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters would corrupt the comment.
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '\uFFFD')
      .replace(/[\\`*_[\]<>|~&]/g, (character) => `\\${character}`)
      .replace(/@/g, '@\u200d')
  );
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A cell: escaped after clipping, so an escape is never cut in half. */
function cell(text: string): string {
  return escapeMarkdown(clip(text, CELL_MAX));
}

/** A rule id as code when it is a plain catalogue id (a code span cannot escape a backtick). */
function ruleIdText(ruleId: string): string {
  return /^[a-z0-9][a-z0-9-]*$/.test(ruleId) ? `\`${ruleId}\`` : escapeMarkdown(ruleId);
}

function reasonText(reason: Reason): string {
  return `${reason.severity}: ${ruleIdText(reason.ruleId)} ${cell(reason.message)}`;
}

function where(result: WorkloadResult): string {
  const source = sourceText(result);
  if (source !== null) return source;
  return [result.account, result.region, result.cluster].filter((p): p is string => p !== null).join('/');
}

function workloadRow(result: WorkloadResult, reasons: number, withSavings: boolean): string {
  const location = where(result);
  const name = `**${cell(qualifiedName(result))}** ${cell(kindLabel(result.kind))}${location ? `<br>${cell(location)}` : ''}`;
  const { shown, more } = mainReasons(result, reasons);
  const reasonCell =
    shown.length === 0 ? '—' : `${shown.map(reasonText).join('<br>')}${more > 0 ? `<br>+${more} more` : ''}`;
  const cells = [
    name,
    `${VERDICT_MARKS[result.verdict]} ${verdictLabel(result.verdict)}`,
    cell(sizeText(result.fargateSize) ?? 'none'),
    ...(withSavings ? [cell(savingsText(result.cost?.monthlySavingsUsd ?? null))] : []),
    reasonCell,
  ];
  return `| ${cells.join(' | ')} |`;
}

function gapLine(gap: Gap): string {
  const location =
    gap.file !== undefined
      ? gap.line === undefined
        ? gap.file
        : `${gap.file}:${gap.line}`
      : [gap.account, gap.region, gap.cluster].filter((p): p is string => p !== undefined).join('/') ||
        gap.scope;
  return `- ${cell(location)}: ${cell(gap.message)} (${cell(gap.errorName)})`;
}

const CLUSTER_TABLE_HEAD: readonly string[] = [
  '| Cluster | Account / region | Severity | Rule | Message |',
  '|---|---|---|---|---|',
];

/** One row per open finding and per failed check of the clusters that need attention. */
function clusterRows(clusters: readonly ClusterResult[]): string[] {
  return clustersNeedingAttention(clusters).flatMap((cluster) => {
    const name = `**${cell(cluster.name)}** ${clusterKindLabel(cluster)}`;
    const where = cell(`${cluster.account}/${cluster.region}`);
    return [
      ...cluster.errors.map(
        (e) =>
          `| ${name} | ${where} | ❔ not evaluated | ${ruleIdText(e.ruleId)} | check failed: ${cell(e.message)} |`,
      ),
      ...orderedClusterFindings(cluster.findings)
        .filter((f) => f.suppressed === undefined)
        .map((f) => `| ${name} | ${where} | ${f.severity} | ${ruleIdText(f.ruleId)} | ${cell(f.message)} |`),
    ];
  });
}

const linesLength = (lines: readonly string[]): number => lines.reduce((n, line) => n + line.length + 1, 0);

/**
 * The "Cluster compliance" lines of a scan, within `room` characters: a table of the open
 * findings and failed checks (cut, with a count, when it does not fit) and a line for the clusters
 * with no finding. None when the report has no cluster list (`check` reads no clusters).
 */
function clusterSection(clusters: readonly ClusterResult[] | undefined, room: number): string[] {
  if (clusters === undefined) return [];
  const head = ['', `#### Cluster compliance (${plural(clusters.length, 'cluster')})`, ''];
  if (clusters.length === 0) return [...head, NO_CLUSTER_READ];
  const tally = tallyClusters(clusters);
  const rows = clusterRows(clusters);
  const tailText = [
    ...(tally.byStanding.clean > 0 ? [`${plural(tally.byStanding.clean, 'cluster')} with no finding.`] : []),
    ...(tally.suppressedFindings > 0
      ? [`${plural(tally.suppressedFindings, 'suppressed finding')} not listed.`]
      : []),
  ].join(' ');
  if (rows.length === 0) return [...head, tailText];
  const tail = tailText === '' ? [] : ['', tailText];
  const whole = [...head, ...CLUSTER_TABLE_HEAD, ...rows, ...tail];
  if (linesLength(whole) <= room) return whole;
  const leftOutNote = (n: number) =>
    `_${plural(n, 'more cluster finding')} not shown, to stay within the comment size limit._`;
  // Room for the tail and the note, whose count is never longer than the number of rows.
  const budget = {
    left: room - linesLength(head) - linesLength(tail) - linesLength(['', leftOutNote(rows.length)]),
  };
  const out = [...head];
  let leftOut = rows.length;
  if (linesLength([...CLUSTER_TABLE_HEAD, rows[0] ?? '']) <= budget.left) {
    fill(out, CLUSTER_TABLE_HEAD, budget);
    leftOut = fill(out, rows, budget);
  }
  out.push('', leftOutNote(leftOut), ...tail);
  return out;
}

/**
 * Appends lines while they fit the budget; returns how many were left out. Each line costs its
 * length plus the newline that joins it.
 */
function fill(target: string[], lines: readonly string[], budget: { left: number }): number {
  let taken = 0;
  for (const line of lines) {
    if (line.length + 1 > budget.left) break;
    target.push(line);
    budget.left -= line.length + 1;
    taken += 1;
  }
  return lines.length - taken;
}

/**
 * `--format markdown`: a short summary for a pull-request comment from `check` in CI: the counts,
 * the projected saving (or why it is unknown), a table of the workloads that need attention
 * (ineligible, unknown, eligible with changes) with their main reasons, the cluster compliance
 * findings of a scan, and the gaps. Eligible
 * workloads are counted, not listed. Every report string is escaped. The text stays within
 * `maxLength` (GitHub's 65,536-character comment limit by default): lists are cut, with a count of
 * what was left out.
 */
export function renderMarkdown(report: ReportDocument, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? GITHUB_COMMENT_MAX_CHARS;
  const reasons = options.reasonsPerWorkload ?? 3;
  const s = report.summary;
  const title = options.title ?? 'Fargate fit';

  const counts = (['eligible', 'eligible-with-changes', 'ineligible', 'unknown'] as const)
    .filter((v) => v !== 'unknown' || s.byVerdict.unknown > 0)
    .map((v) => `${VERDICT_MARKS[v]} ${s.byVerdict[v]} ${verdictLabel(v).toLowerCase()}`)
    .join(' · ');
  const headlineText = (headline: SavingsHeadline) =>
    headline.totalUsd !== null
      ? savingsText(headline.totalUsd)
      : `unknown (${headline.unknownBecause.join('; ')})`;
  const savings = headlineText(savingsHeadline(report, 'ec2ToFargate'));
  // Workloads already on Fargate are priced moving to EC2: a separate decision, shown apart.
  const toEc2 = savingsHeadline(report, 'fargateToEc2');
  const toEc2Text =
    toEc2.workloads === 0 ? '' : ` · **Fargate → EC2 savings:** ${escapeMarkdown(headlineText(toEc2))}`;
  const reportUrl = options.reportUrl === undefined ? null : safeHttpUrl(options.reportUrl);

  const head = [
    `### ${escapeMarkdown(title)}: ${plural(s.workloads, 'workload')}`,
    '',
    counts,
    '',
    `**Projected monthly savings:** ${escapeMarkdown(savings)}${toEc2Text} · **Gaps:** ${s.gaps}` +
      (reportUrl === null
        ? ''
        : ` · [Full report](${reportUrl.replace(/[()]/g, (c) => encodeURIComponent(c))})`),
  ];

  const attention = ATTENTION_ORDER.flatMap((verdict) =>
    report.workloads.filter((w) => w.verdict === verdict),
  );
  const withSavings = attention.some((w) => (w.cost?.monthlySavingsUsd ?? null) !== null);
  const tableHead = [
    '',
    `#### Needs attention (${attention.length})`,
    '',
    `| Workload | Verdict | Fargate size | ${withSavings ? 'Savings / mo | ' : ''}Main reasons |`,
    `|---|---|---|${withSavings ? '---:|' : ''}---|`,
  ];
  const rows = attention.map((w) => workloadRow(w, reasons, withSavings));
  const gapHead = ['', `#### Gaps (${report.gaps.length})`, ''];
  const gapLines = report.gaps.map(gapLine);

  // Room for the two "left out" notes, whatever their counts.
  const NOTE_ROOM = 200;
  // Gaps say what the report could not see, so a long workload list must not crowd them out:
  // they may take up to a fifth of the room, and whatever they leave goes back to the workloads.
  const gapCost = linesLength([...gapHead, ...gapLines]);
  const gapBudget = { left: report.gaps.length === 0 ? 0 : Math.min(gapCost, Math.floor(maxLength / 5)) };
  const gapOut: string[] = [];
  fill(gapOut, gapHead, gapBudget);
  const gapsLeftOut = fill(gapOut, gapLines, gapBudget);
  if (gapsLeftOut > 0) gapOut.push('', `_${plural(gapsLeftOut, 'more gap')} not shown._`);

  // Cluster findings likewise keep up to a fifth of the room.
  const clusterOut = clusterSection(report.clusters, Math.floor(maxLength / 5));

  const out: string[] = [];
  const budget = { left: maxLength - NOTE_ROOM - linesLength(gapOut) - linesLength(clusterOut) };
  fill(out, head, budget);
  if (attention.length === 0) {
    const none =
      s.workloads === 0 ? 'No workloads were found.' : 'Every workload can move to Fargate as it is.';
    fill(out, ['', none], budget);
  } else {
    fill(out, tableHead, budget);
    const leftOut = fill(out, rows, budget);
    if (leftOut > 0) {
      out.push('', `_${plural(leftOut, 'more workload')} not shown, to stay within the comment size limit._`);
    }
  }
  out.push(...clusterOut, ...gapOut);
  const text = `${out.join('\n')}\n`;
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 2)}…\n`;
}
