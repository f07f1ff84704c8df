import { mainReasons, type Reason, rankedReasons } from '../../findings/reasons.js';
import type { Finding, Verdict, WorkloadResult } from '../../findings/result.js';
import { escapeHtml, safeHttpUrl } from './escape.js';
import { isMovable } from './estate.js';
import {
  kindLabel,
  moneyText,
  qualifiedName,
  savingsTarget,
  savingsText,
  sizeText,
  sourceText,
  verdictLabel,
} from './figures.js';

/**
 * The workload table: one row per workload with the figures people sort by, and under it a
 * `<details>` with every finding, its fix and documentation, the Fargate size and the cost
 * breakdown. Rendered on the server so it reads, prints and works without script; the page's
 * script only sorts and filters the rows it finds here.
 */

/** A sortable column: `key` names the sort the page script applies (see script.ts). */
interface Column {
  readonly key: string;
  readonly label: string;
  readonly numeric: boolean;
  /** Money and counts sort largest first on the first click; names and verdicts A to Z. */
  readonly firstDirection: 'ascending' | 'descending';
}

/** Columns in display order; `reasons` is not sortable. */
export const WORKLOAD_COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Workload', numeric: false, firstDirection: 'ascending' },
  { key: 'verdict', label: 'Verdict', numeric: false, firstDirection: 'ascending' },
  { key: 'launchType', label: 'Launch', numeric: false, firstDirection: 'ascending' },
  { key: 'replicas', label: 'Replicas', numeric: true, firstDirection: 'descending' },
  { key: 'current', label: 'Current', numeric: true, firstDirection: 'descending' },
  { key: 'fargate', label: 'Fargate', numeric: true, firstDirection: 'descending' },
  { key: 'savings', label: 'Savings', numeric: true, firstDirection: 'descending' },
];

const COLUMN_COUNT = WORKLOAD_COLUMNS.length + 1;

/** How a severity (or a rule that threw) reads in the report. */
export const SEVERITY_LABELS: Readonly<Record<Reason['severity'], string>> = {
  error: 'Rule error',
  blocker: 'Blocker',
  fixable: 'Fixable',
  advisory: 'Advisory',
};

/** How many reasons the table shows per workload before "+N more" (all are in the detail). */
const REASONS_IN_TABLE = 2;

export function verdictBadge(verdict: Verdict): string {
  return `<span class="badge verdict-${verdict}">${escapeHtml(verdictLabel(verdict))}</span>`;
}

function where(result: WorkloadResult): string {
  const source = sourceText(result);
  const parts = [kindLabel(result.kind), result.cluster, result.account, result.region].filter(
    (part): part is string => part !== null,
  );
  // Short identifiers stay whole (a region must not break at its hyphen); a file path may wrap.
  const whole = parts.map((part) => `<span class="part">${escapeHtml(part)}</span>`);
  return [...whole, ...(source === null ? [] : [escapeHtml(source)])].join(' · ');
}

function moneyCell(amount: number | null): string {
  const cls = amount === null ? ' unknown' : '';
  const title = amount === null ? ' title="Not priced: see the cost breakdown in the details"' : '';
  return `<td class="num"><span class="money${cls}"${title}>${escapeHtml(moneyText(amount))}</span></td>`;
}

function savingsCell(result: WorkloadResult): string {
  const savings = result.cost?.monthlySavingsUsd ?? null;
  // A workload that cannot move yet only holds its saving in prospect: shown, but not in green.
  const movable = isMovable(result);
  const cls =
    savings === null ? ' unknown' : savings < 0 ? ' negative' : savings > 0 && movable ? ' positive' : '';
  const notes = [
    ...(savings !== null && savingsTarget(result) === 'EC2' ? ['moving to EC2'] : []),
    ...(savings !== null && !movable ? ['once it can move'] : []),
  ];
  const sub = notes.length === 0 ? '' : `<span class="cell-sub">${notes.join(', ')}</span>`;
  return `<td class="num"><span class="money${cls}">${escapeHtml(savingsText(savings))}</span>${sub}</td>`;
}

function reasonItem(reason: Reason): string {
  return (
    `<li><span class="sev sev-${reason.severity}">${escapeHtml(SEVERITY_LABELS[reason.severity])}</span> ` +
    `<code>${escapeHtml(reason.ruleId)}</code> ${escapeHtml(reason.message)}</li>`
  );
}

function reasonsCell(result: WorkloadResult): string {
  const { shown, more } = mainReasons(result, REASONS_IN_TABLE);
  if (shown.length === 0) return '<td class="reasons"><span class="muted">None</span></td>';
  const moreText = more > 0 ? `<p class="more">+${more} more in the details</p>` : '';
  return `<td class="reasons"><ul>${shown.map(reasonItem).join('')}</ul>${moreText}</td>`;
}

/** Who suppressed a finding, until when and why; empty for a finding that is not suppressed. */
export function suppressionNote(finding: Finding): string {
  const suppressed = finding.suppressed;
  return suppressed === undefined
    ? ''
    : `<p class="suppressed">Suppressed by ${escapeHtml(suppressed.owner)} until ${escapeHtml(suppressed.expires)}: ${escapeHtml(suppressed.reason)}</p>`;
}

/** A finding's documentation link; a URL that is not plain http(s) is shown as text only. */
export function docsLink(url: string): string {
  const safe = safeHttpUrl(url);
  if (safe === null) return `<span class="docs">${escapeHtml(url)}</span>`;
  return `<a class="docs" href="${escapeHtml(safe)}" rel="noopener noreferrer">AWS documentation</a>`;
}

const FINDING_RANK: Readonly<Record<Finding['severity'], number>> = { blocker: 0, fixable: 1, advisory: 2 };

function orderedFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding) =>
    (f.suppressed === undefined ? 0 : 10) +
    FINDING_RANK[f.severity] * 2 +
    (f.category === 'compliance' ? 1 : 0);
  return [...findings].sort((a, b) => rank(a) - rank(b));
}

function findingItem(finding: Finding): string {
  const suppressed = finding.suppressed;
  const suppressedNote = suppressionNote(finding);
  return (
    `<li class="finding finding-${finding.severity}${suppressed === undefined ? '' : ' is-suppressed'}">` +
    `<div class="finding-head"><span class="sev sev-${finding.severity}">${escapeHtml(SEVERITY_LABELS[finding.severity])}</span>` +
    `<span class="category">${finding.category === 'fargate' ? 'Fargate' : 'Compliance'}</span>` +
    `<strong class="finding-title">${escapeHtml(finding.title)}</strong> <code>${escapeHtml(finding.ruleId)}</code></div>` +
    `<p class="finding-message">${escapeHtml(finding.message)}</p>` +
    `<p class="finding-fix"><span class="fix-label">Fix:</span> ${escapeHtml(finding.fix)}</p>` +
    `<p class="finding-docs">${docsLink(finding.docsUrl)}</p>${suppressedNote}</li>`
  );
}

function definition(term: string, value: string | null, cls = ''): string {
  const shown = value === null ? '<span class="muted">—</span>' : escapeHtml(value);
  return `<div${cls ? ` class="${cls}"` : ''}><dt>${escapeHtml(term)}</dt><dd>${shown}</dd></div>`;
}

function assumptionValue(value: string | number | boolean | null): string {
  if (value === null) return 'not set';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

function costSection(result: WorkloadResult): string {
  const size = sizeText(result.fargateSize);
  const sizeLine =
    size === null
      ? '<p class="size muted">No valid Fargate size: the workload was not sized, or is larger than any Fargate size.</p>'
      : `<p class="size"><strong>${escapeHtml(size)}</strong></p>`;
  const cost = result.cost;
  if (cost === null) {
    return `<section class="detail-cost"><h3>Fargate size</h3>${sizeLine}<h3>Cost</h3><p class="muted">Not priced.</p></section>`;
  }
  const target = savingsTarget(result);
  const savings = cost.monthlySavingsUsd;
  const figures =
    '<dl class="figures">' +
    definition('Current', moneyText(cost.currentMonthlyUsd)) +
    definition(
      target === 'EC2' ? 'On EC2' : 'On Fargate',
      moneyText(target === 'EC2' ? projectedEc2(result) : cost.fargateMonthlyUsd),
    ) +
    definition(
      `Savings moving to ${target}`,
      savingsText(savings),
      savings !== null && savings < 0 ? 'negative' : '',
    ) +
    '</dl>';
  const breakdown =
    cost.breakdown.length === 0
      ? ''
      : `<h4>Breakdown</h4><ol class="breakdown">${cost.breakdown.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>`;
  const assumptions = Object.entries(cost.assumptions);
  const assumptionList =
    assumptions.length === 0
      ? ''
      : `<details class="assumptions"><summary>Assumptions</summary><dl>${assumptions
          .map(([key, value]) => definition(key, assumptionValue(value)))
          .join('')}</dl></details>`;
  return `<section class="detail-cost"><h3>Fargate size</h3>${sizeLine}<h3>Cost a month</h3>${figures}${breakdown}${assumptionList}</section>`;
}

/** The EC2 projection of a workload already on Fargate, when the pricing module gave one. */
function projectedEc2(result: WorkloadResult): number | null {
  const value = result.cost?.assumptions.projectedEc2MonthlyUsd;
  return typeof value === 'number' ? value : null;
}

function detail(result: WorkloadResult): string {
  const identity =
    '<section class="detail-where"><h3>Workload</h3><dl>' +
    definition('Id', result.id, 'wide') +
    definition('Kind', kindLabel(result.kind)) +
    definition('Namespace', result.namespace) +
    definition('Cluster', result.cluster) +
    definition('Account', result.account) +
    definition('Region', result.region) +
    definition('Launch type', result.launchType) +
    definition('Replicas', result.replicas === null ? null : String(result.replicas)) +
    (result.source === null ? '' : definition('Source', sourceText(result), 'wide')) +
    '</dl></section>';
  const findings = orderedFindings(result.findings);
  const findingList =
    findings.length === 0
      ? '<p class="muted">No findings: nothing stops or changes this move.</p>'
      : `<ol class="findings">${findings.map(findingItem).join('')}</ol>`;
  const errors =
    result.errors.length === 0
      ? ''
      : `<h3>Rules that failed to evaluate</h3><p>The verdict is unknown until these rules run: the workload may or may not fit Fargate.</p><ul class="rule-errors">${result.errors
          .map((e) => `<li><code>${escapeHtml(e.ruleId)}</code> ${escapeHtml(e.message)}</li>`)
          .join('')}</ul>`;
  return (
    `<div class="detail"><div class="detail-columns">${identity}${costSection(result)}</div>` +
    `<section class="detail-findings"><h3>Findings (${findings.length})</h3>${findingList}${errors}</section></div>`
  );
}

function detailSummary(result: WorkloadResult): string {
  const count = result.findings.length + result.errors.length;
  const parts = [`${count} ${count === 1 ? 'finding' : 'findings'}`];
  const size = sizeText(result.fargateSize);
  if (size !== null) parts.push(size);
  if (result.cost !== null) parts.push('cost breakdown');
  return `Details: ${parts.join(' · ')}`;
}

function row(result: WorkloadResult, index: number): string {
  const launch =
    result.launchType === null
      ? '<td><span class="muted" title="Not known for workloads read from files">—</span></td>'
      : `<td>${escapeHtml(result.launchType)}</td>`;
  return (
    `<tbody class="workload" data-index="${index}" data-verdict="${result.verdict}">` +
    `<tr class="workload-row">` +
    `<th scope="row"><span class="wl-name">${escapeHtml(qualifiedName(result))}</span><span class="wl-meta">${where(result)}</span></th>` +
    `<td>${verdictBadge(result.verdict)}</td>` +
    launch +
    `<td class="num">${result.replicas === null ? '<span class="muted">—</span>' : result.replicas}</td>` +
    moneyCell(result.cost?.currentMonthlyUsd ?? null) +
    moneyCell(result.cost?.fargateMonthlyUsd ?? null) +
    savingsCell(result) +
    reasonsCell(result) +
    `</tr>` +
    `<tr class="detail-row"><td colspan="${COLUMN_COUNT}"><details id="workload-${index}"><summary>${escapeHtml(detailSummary(result))}</summary>${detail(result)}</details></td></tr>` +
    `</tbody>`
  );
}

function header(column: Column): string {
  return (
    `<th scope="col" class="${column.numeric ? 'num' : ''}" data-sort-key="${column.key}" data-first-direction="${column.firstDirection}">` +
    `<button type="button" class="sort">${escapeHtml(column.label)}<span class="sort-icon" aria-hidden="true"></span></button></th>`
  );
}

/** The filter controls, the table of every workload and its live row count. */
export function renderWorkloadSection(workloads: readonly WorkloadResult[]): string {
  const verdictOptions = (['eligible', 'eligible-with-changes', 'ineligible', 'unknown'] as const)
    .map((v) => `<option value="${v}">${escapeHtml(verdictLabel(v))}</option>`)
    .join('');
  const controls =
    `<div class="controls" role="search" aria-label="Filter workloads">` +
    `<label class="control"><span>Verdict</span><select id="filter-verdict"><option value="">All verdicts</option>${verdictOptions}</select></label>` +
    `<label class="control control-grow"><span>Search</span><input id="filter-text" type="search" placeholder="Name, cluster, account, rule or message" autocomplete="off"></label>` +
    `<p class="row-count" id="row-count" aria-live="polite">${workloads.length} of ${workloads.length} workloads</p>` +
    `</div>`;
  const body =
    workloads.length === 0
      ? `<tbody><tr><td colspan="${COLUMN_COUNT}" class="empty">No workloads in this report.</td></tr></tbody>`
      : workloads.map(row).join('');
  const table =
    `<div class="table-scroll" role="region" aria-labelledby="workloads-title" tabindex="0">` +
    `<table id="workload-table" class="workloads">` +
    `<caption class="visually-hidden">Workloads with their verdict, launch type, replicas, monthly costs in US dollars and main reasons. Column headers sort the table.</caption>` +
    `<thead><tr>${WORKLOAD_COLUMNS.map(header).join('')}<th scope="col">Main reasons</th></tr></thead>` +
    body +
    `<tbody id="no-match" hidden><tr><td colspan="${COLUMN_COUNT}" class="empty">No workload matches the filters.</td></tr></tbody>` +
    `</table></div>`;
  return (
    `<section id="workloads" aria-labelledby="workloads-title"><h2 id="workloads-title">Workloads</h2>` +
    `<p class="section-note">Costs and savings are US dollars a month. Select a column heading to sort; open a row's details for every finding, its fix and the cost breakdown.</p>` +
    `${controls}${table}<p class="visually-hidden" id="sort-status" aria-live="polite"></p></section>`
  );
}

/** Every unsuppressed reason of a workload, flattened for the page script's free-text filter. */
export function searchText(result: WorkloadResult): string {
  return [
    result.id,
    result.kind,
    kindLabel(result.kind),
    qualifiedName(result),
    result.cluster,
    result.account,
    result.region,
    result.launchType,
    verdictLabel(result.verdict),
    sourceText(result),
    ...rankedReasons(result).map((r) => `${r.ruleId} ${r.message}`),
  ]
    .filter((part): part is string => part !== null)
    .join('\n')
    .toLowerCase();
}
