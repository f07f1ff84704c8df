import { savingsDirectionOf } from '../../findings/assemble.js';
import type { Gap, ReportDocument, WorkloadResult } from '../../findings/result.js';
import { renderSavingsChart, renderVerdictChart } from './charts.js';
import { tallyClusters } from './clusters.js';
import { escapeHtml, safeHttpUrl } from './escape.js';
import {
  type BlockerSummary,
  estateAssumptions,
  foldGroups,
  priceBookDates,
  type SavingsHeadline,
  savingsByAccount,
  savingsByCluster,
  savingsHeadline,
} from './estate.js';
import { plural, savingsText } from './figures.js';

/** The report's sections other than the workload table, each a pure function of the report. */

const distinct = (values: readonly (string | null)[]): string[] =>
  [...new Set(values.filter((v): v is string => v !== null))].sort();

/** `2026-11-27 06:00 UTC`: the same text on every machine, whatever its locale or time zone. */
export function generatedText(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = date.toISOString();
  return `${text.slice(0, 10)} ${text.slice(11, 16)} UTC`;
}

/** Whether the report comes from `check` (files) rather than a scan of live accounts. */
export function isCheckReport(report: ReportDocument): boolean {
  return (
    report.workloads.length > 0 && report.workloads.every((w) => w.source !== null && w.launchType === null)
  );
}

function scopeText(report: ReportDocument): string {
  const w = report.workloads;
  if (isCheckReport(report)) {
    const files = distinct(w.map((x) => x.source?.file ?? null));
    return `Check of ${plural(w.length, 'workload')} read from ${plural(files.length, 'file')}`;
  }
  const accounts = distinct(w.map((x) => x.account)).length;
  const regions = distinct(w.map((x) => x.region)).length;
  // The cluster checks list clusters with no workload too; count those along.
  const clusters = distinct([
    ...w.map((x) => (x.cluster === null ? null : `${x.account}/${x.region}/${x.cluster}`)),
    ...(report.clusters ?? []).map((c) => `${c.account}/${c.region}/${c.name}`),
  ]).length;
  return `Scan of ${plural(w.length, 'workload')} in ${plural(accounts, 'account')}, ${plural(regions, 'region')} and ${plural(clusters, 'cluster')}`;
}

/** Title, what was covered, when, and which prices. */
export function renderHeader(report: ReportDocument, title: string): string {
  const dates = priceBookDates(report.workloads);
  const prices = dates.length === 0 ? 'not priced' : `prices from the price book dated ${dates.join(', ')}`;
  return (
    `<header class="page-header"><p class="eyebrow">fargate-fit</p><h1>${escapeHtml(title)}</h1>` +
    `<p class="scope">${escapeHtml(scopeText(report))} · generated <time datetime="${escapeHtml(report.generatedAt)}">${escapeHtml(generatedText(report.generatedAt))}</time> · ${escapeHtml(prices)}</p>` +
    `</header>`
  );
}

/** A notice above everything else when parts of the estate are missing from the figures. */
export function renderGapBanner(report: ReportDocument): string {
  if (report.gaps.length === 0) return '';
  return (
    `<p class="gap-banner" role="note"><strong>${escapeHtml(plural(report.gaps.length, 'gap'))}:</strong> ` +
    `some accounts, regions, clusters, files or prices could not be read, so the figures below leave them out. ` +
    `<a href="#gaps">See the gaps</a>.</p>`
  );
}

function card(label: string, value: string, sub: string, cls = ''): string {
  return `<div class="card${cls ? ` ${cls}` : ''}"><dt>${escapeHtml(label)}</dt><dd class="card-value">${escapeHtml(value)}</dd><dd class="card-sub">${sub}</dd></div>`;
}

const percentOf = (n: number, total: number): string =>
  total === 0 ? '' : `${Math.round((n / total) * 100)}% of workloads`;

/** A savings card: the direction's total, or `unknown` with the reasons and the priced part. */
function savingsCard(label: string, headline: SavingsHeadline, movedText: string, noneText: string): string {
  let value: string;
  let sub: string;
  let cls = 'card-savings';
  if (headline.totalUsd !== null) {
    value = savingsText(headline.totalUsd);
    if (headline.totalUsd < 0) cls += ' negative';
    sub = escapeHtml(headline.movable === 0 ? noneText : movedText);
  } else {
    value = 'unknown';
    cls += ' unknown';
    const partial =
      headline.pricedUsd === null
        ? ''
        : ` Priced part: ${savingsText(headline.pricedUsd)} from ${headline.priced} of ${plural(headline.movable, 'movable workload')}.`;
    sub = escapeHtml(`Not totalled: ${headline.unknownBecause.join('; ')}.${partial}`);
  }
  return card(label, value, sub, cls);
}

/**
 * Headline cards: counts per verdict, the projected saving of moving to Fargate (or why it is
 * unknown), gaps — and, when some workloads already run on Fargate, the saving of moving those to
 * EC2 on a card of its own: a different decision, never added to the first.
 */
export function renderCards(report: ReportDocument): string {
  const s = report.summary;
  const toFargate = savingsHeadline(report, 'ec2ToFargate');
  const toEc2 = savingsHeadline(report, 'fargateToEc2');
  const toFargateCard = savingsCard(
    'Projected monthly savings',
    toFargate,
    `net, moving to Fargate the ${plural(toFargate.movable, 'workload')} that can move`,
    toFargate.workloads === 0 ? 'every workload already runs on Fargate' : 'no workload can move yet',
  );
  const toEc2Card =
    toEc2.workloads === 0
      ? []
      : [
          savingsCard(
            'Fargate → EC2 savings',
            toEc2,
            `net, if the ${plural(toEc2.movable, 'workload')} now on Fargate ran on EC2 instead`,
            'no workload on Fargate can move',
          ),
        ];
  const cards = [
    toFargateCard,
    ...toEc2Card,
    card(
      'Workloads',
      String(s.workloads),
      escapeHtml(
        `${s.findingsByCategory.fargate} Fargate, ${s.findingsByCategory.compliance} compliance findings`,
      ),
    ),
    card(
      'Eligible',
      String(s.byVerdict.eligible),
      escapeHtml(percentOf(s.byVerdict.eligible, s.workloads)),
      'verdict-card verdict-eligible',
    ),
    card(
      'With changes',
      String(s.byVerdict['eligible-with-changes']),
      escapeHtml(percentOf(s.byVerdict['eligible-with-changes'], s.workloads)),
      'verdict-card verdict-eligible-with-changes',
    ),
    card(
      'Ineligible',
      String(s.byVerdict.ineligible),
      escapeHtml(percentOf(s.byVerdict.ineligible, s.workloads)),
      'verdict-card verdict-ineligible',
    ),
    ...(s.byVerdict.unknown > 0
      ? [
          card(
            'Unknown',
            String(s.byVerdict.unknown),
            'a rule failed to evaluate',
            'verdict-card verdict-unknown',
          ),
        ]
      : []),
    ...clusterCard(report),
    card(
      'Gaps',
      String(report.gaps.length),
      s.gaps === 0 ? 'everything was read' : '<a href="#gaps">not covered by the figures</a>',
      report.gaps.length > 0 ? 'card-gaps' : '',
    ),
  ];
  return `<section aria-label="Headline figures"><dl class="cards">${cards.join('')}</dl></section>`;
}

/** The cluster checks' open findings, when the report lists clusters; none for `check`. */
function clusterCard(report: ReportDocument): string[] {
  const clusters = report.clusters ?? [];
  if (clusters.length === 0) return [];
  const tally = tallyClusters(clusters);
  const sub = [
    `in ${tally.byStanding.findings} of ${plural(tally.clusters, 'cluster')}`,
    ...(tally.checkErrors > 0 ? [`${plural(tally.checkErrors, 'check')} not evaluated`] : []),
  ].join(', ');
  const attention = tally.openFindings > 0 || tally.checkErrors > 0;
  return [
    card(
      'Cluster findings',
      String(tally.openFindings),
      `<a href="#clusters">${escapeHtml(sub)}</a>`,
      attention ? 'card-clusters attention' : 'card-clusters',
    ),
  ];
}

/** Verdicts, savings by account and savings by cluster. */
export function renderCharts(report: ReportDocument, groupLimit: number): string {
  const check = isCheckReport(report);
  const byAccount = foldGroups(savingsByAccount(report.workloads), groupLimit, 'accounts');
  const byCluster = foldGroups(savingsByCluster(report.workloads), groupLimit, 'clusters');
  const description =
    'Net monthly savings of moving to Fargate the workloads that can move; a move that costs more shows ' +
    'left of zero. Workloads already on Fargate are not in these charts.';
  const allOnFargate =
    report.workloads.length > 0 && report.workloads.every((w) => savingsDirectionOf(w) === 'fargateToEc2');
  const empty = check
    ? 'Workloads read from files have no account, cluster or current cost: run a scan for this chart.'
    : allOnFargate
      ? 'Every workload in this report already runs on Fargate: see the Fargate → EC2 card above.'
      : 'No workload in this report names one.';
  // Two empty panels say the same thing twice; one says it once.
  const savingsCharts =
    byAccount.length === 0 && byCluster.length === 0
      ? renderSavingsChart({
          id: 'chart-savings',
          title: 'Savings by account and cluster',
          description,
          groups: [],
          emptyText: empty,
        })
      : renderSavingsChart({
          id: 'chart-accounts',
          title: 'Savings by account',
          description,
          groups: byAccount,
          emptyText: empty,
        }) +
        renderSavingsChart({
          id: 'chart-clusters',
          title: 'Savings by cluster',
          description,
          groups: byCluster,
          emptyText: empty,
        });
  return (
    `<section id="overview" aria-labelledby="overview-title"><h2 id="overview-title">Where the money is</h2><div class="charts">` +
    renderVerdictChart(report.summary) +
    savingsCharts +
    `</div></section>`
  );
}

function blockerMoney(blocker: BlockerSummary): string {
  const unpriced = blocker.workloads - blocker.priced;
  const value =
    blocker.savingsUsd === null
      ? '<span class="money unknown">unknown</span>'
      : `<span class="money${blocker.savingsUsd < 0 ? ' negative' : ''}">${escapeHtml(savingsText(blocker.savingsUsd))}</span>`;
  return unpriced === 0 || blocker.savingsUsd === null
    ? value
    : `${value}<span class="cell-sub">${escapeHtml(`${unpriced} not priced`)}</span>`;
}

/** The rules that block the most workloads, and the savings each holds back. */
export function renderBlockers(blockers: readonly BlockerSummary[], total: number): string {
  if (blockers.length === 0) {
    return (
      `<section id="blockers" aria-labelledby="blockers-title"><h2 id="blockers-title">Top blockers</h2>` +
      `<p class="section-note">No rule blocks any workload.</p></section>`
    );
  }
  const most = Math.max(...blockers.map((b) => b.workloads));
  const rows = blockers.map((blocker) => {
    const share = most === 0 ? 0 : (blocker.workloads / most) * 100;
    const docs = safeHttpUrl(blocker.docsUrl);
    const title =
      docs === null
        ? escapeHtml(blocker.title)
        : `<a href="${escapeHtml(docs)}" rel="noopener noreferrer">${escapeHtml(blocker.title)}</a>`;
    return (
      `<tr><th scope="row"><span class="wl-name">${title}</span><code>${escapeHtml(blocker.ruleId)}</code>` +
      `<span class="wl-meta">${escapeHtml(blocker.fix)}</span></th>` +
      `<td class="num blocked"><span class="count">${blocker.workloads}</span>` +
      `<svg class="mini-bar" width="100%" height="8" aria-hidden="true" focusable="false"><rect class="bar bar-blocker" x="0" y="0" width="${Number(share.toFixed(3))}%" height="8" rx="2"></rect></svg></td>` +
      `<td class="num">${blocker.onlyBlocker}</td>` +
      `<td class="num">${blockerMoney(blocker)}</td></tr>`
    );
  });
  return (
    `<section id="blockers" aria-labelledby="blockers-title"><h2 id="blockers-title">Top blockers</h2>` +
    `<p class="section-note">The rules that keep the most workloads off Fargate, and the monthly savings those workloads would bring once they can move. “Only blocker” counts the workloads this rule alone holds back.</p>` +
    `<div class="table-scroll" role="region" aria-labelledby="blockers-title" tabindex="0"><table class="blockers">` +
    `<thead><tr><th scope="col">Rule</th><th scope="col" class="num">Workloads blocked</th><th scope="col" class="num">Only blocker</th><th scope="col" class="num">Savings held back / mo</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table></div>` +
    (total > blockers.length
      ? `<p class="section-note">${escapeHtml(`${total - blockers.length} more blocking rules not shown.`)}</p>`
      : '') +
    `</section>`
  );
}

/** Where a gap is, as markup: a file path may wrap; account, region and cluster stay whole. */
function gapWhere(gap: Gap): string {
  if (gap.file !== undefined)
    return escapeHtml(gap.line === undefined ? gap.file : `${gap.file}:${gap.line}`);
  const parts = [gap.account, gap.region, gap.cluster].filter((p): p is string => p !== undefined);
  return parts.length === 0
    ? '—'
    : parts.map((p) => `<span class="part">${escapeHtml(p)}</span>`).join(' · ');
}

/** Everything that could not be read or priced, listed in full. */
export function renderGaps(gaps: readonly Gap[]): string {
  const body =
    gaps.length === 0
      ? '<p class="section-note">None: every account, region, cluster, file and price the run needed was read.</p>'
      : `<div class="table-scroll" role="region" aria-labelledby="gaps-title" tabindex="0"><table class="gaps"><thead><tr><th scope="col">Scope</th><th scope="col">Where</th><th scope="col">Error</th><th scope="col">What happened</th></tr></thead><tbody>${gaps
          .map(
            (gap) =>
              `<tr><td>${escapeHtml(gap.scope)}</td><td class="break">${gapWhere(gap)}</td><td><code class="nowrap">${escapeHtml(gap.errorName)}</code></td><td class="break">${escapeHtml(gap.message)}</td></tr>`,
          )
          .join('')}</tbody></table></div>`;
  return `<section id="gaps" aria-labelledby="gaps-title"><h2 id="gaps-title">Gaps (${gaps.length})</h2>${body}</section>`;
}

const ASSUMPTION_LABELS: Readonly<Record<string, string>> = {
  priceBookDate: 'Price book date',
  priceDates: 'Dates of the prices used',
  hoursPerMonth: 'Hours in a month',
  direction: 'Direction priced',
  region: 'Region priced',
  regionSource: 'Region taken from',
  os: 'Operating system',
  computeSavingsPlanDiscount: 'Compute Savings Plan discount',
  ec2OnlyCommitmentDiscount: 'EC2-only commitment discount',
  idleTreatment: 'Idle EC2 capacity',
  cpuMemoryWeight: 'vCPU : GB price weight',
  fargateArchitecture: 'Fargate architecture',
  fargateSpotShare: 'Share on Fargate Spot',
  replicasBasis: 'Replica count from',
};

/** Assumptions that differ per workload by nature; the details of each workload show them. */
const PER_WORKLOAD = new Set([
  'replicas',
  'fargateSize',
  'savingsPercent',
  'breakEvenUtilization',
  'currentAllocatedMonthlyUsd',
  'projectedEc2MonthlyUsd',
  'publicIpv4MonthlyUsd',
  'strandedCommitmentMonthlyUsd',
]);

/** Values listed per assumption before "and N more". */
const VALUES_SHOWN = 4;

function valueText(value: string | number | boolean | null): string {
  if (value === null) return 'not set';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** How the figures were made: the price book, the settings, and how to read the money. */
export function renderAssumptions(workloads: readonly WorkloadResult[]): string {
  const dates = priceBookDates(workloads);
  const hours = estateAssumptions(workloads).find((a) => a.key === 'hoursPerMonth')?.values[0]?.value;
  const priced = workloads.filter((w) => w.cost !== null).length;
  const rows = estateAssumptions(workloads)
    .filter((a) => !PER_WORKLOAD.has(a.key))
    .map((a) => {
      const shown = a.values
        .slice(0, VALUES_SHOWN)
        .map((v) =>
          a.values.length === 1
            ? escapeHtml(valueText(v.value))
            : `${escapeHtml(valueText(v.value))} <span class="muted">(${v.workloads})</span>`,
        );
      const more =
        a.values.length > VALUES_SHOWN
          ? ` <span class="muted">and ${a.values.length - VALUES_SHOWN} more</span>`
          : '';
      const label = ASSUMPTION_LABELS[a.key];
      const term =
        label === undefined
          ? `<code>${escapeHtml(a.key)}</code>`
          : `${escapeHtml(label)} <code>${escapeHtml(a.key)}</code>`;
      return `<tr><th scope="row">${term}</th><td>${shown.join(', ')}${more}</td></tr>`;
    });
  const intro =
    priced === 0
      ? '<p>Nothing in this report was priced.</p>'
      : `<p>Prices come from the price book dated <strong>${escapeHtml(dates.join(', ') || 'unknown')}</strong>; ${priced} of ${plural(workloads.length, 'workload')} have a cost estimate.</p>`;
  const reading =
    '<ul class="reading">' +
    `<li>Amounts are US dollars a month${typeof hours === 'number' ? ` of ${hours} hours` : ''}, before tax, from on-demand list prices less any discount listed below.</li>` +
    '<li>Savings are the current cost less the cost after the move. A negative saving is shown as “would cost … more”.</li>' +
    '<li>“Unknown” means a figure could not be priced; it is never counted as $0. Each workload’s breakdown says why.</li>' +
    '<li>Workloads already on Fargate are priced the other way: their saving is what moving to EC2 would save.</li>' +
    '<li>The projected total counts only the workloads that can move (eligible, or eligible with changes). It stays unknown while any of them is unpriced or any verdict is unknown, rather than show a partial sum as the whole.</li>' +
    '</ul>';
  const table =
    rows.length === 0
      ? ''
      : `<div class="table-scroll" role="region" aria-label="Pricing assumptions" tabindex="0"><table class="assumption-table"><thead><tr><th scope="col">Assumption</th><th scope="col">Value (workloads)</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
  return `<section id="assumptions" aria-labelledby="assumptions-title"><h2 id="assumptions-title">Assumptions and prices</h2>${intro}${reading}${table}</section>`;
}

/** Schema and tool version, so a reader knows what produced the file. */
export function renderFooter(report: ReportDocument, toolVersion: string | null): string {
  const tool = toolVersion === null ? 'fargate-fit' : `fargate-fit ${toolVersion}`;
  return `<footer class="page-footer"><p>${escapeHtml(`${tool} · report schema ${report.schemaVersion} · generated ${generatedText(report.generatedAt)}`)}</p><p>This file is self-contained: it loads nothing from the network and can be attached to a ticket or read offline. Its data is embedded as JSON (element <code>report-data</code>).</p></footer>`;
}
