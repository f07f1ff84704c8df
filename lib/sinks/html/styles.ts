/**
 * The report's stylesheet, inlined into the page (the CSP allows inline styles and nothing else).
 * Colours are restrained and chosen for contrast: text at least 4.5:1 on its background, chart
 * marks at least 3:1 against white. System fonts only, since nothing may be fetched.
 */
export const REPORT_CSS = `
:root {
  --fg: #1f2328;
  --muted: #59636e;
  --border: #d1d9e0;
  --border-soft: #e6eaef;
  --page: #f6f8fa;
  --panel: #ffffff;
  --accent: #0b5cad;
  --focus: #0969da;
  --positive: #2f6fb3;
  --negative: #bc4c00;
  --eligible: #1f883d;
  --changes: #bf8700;
  --ineligible: #cf222e;
  --unknown: #818b98;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--page);
  color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  font-variant-numeric: tabular-nums;
}
code {
  font: 0.85em/1.4 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  background: #eff2f5;
  border-radius: 4px;
  padding: 0.05em 0.35em;
  overflow-wrap: anywhere;
}
a { color: var(--accent); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; border-radius: 3px; }
.skip-link { position: absolute; left: 1rem; top: -3rem; background: var(--panel); padding: 0.5rem 0.75rem; border: 1px solid var(--border); border-radius: 6px; z-index: 10; }
.skip-link:focus { top: 1rem; }
.visually-hidden {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.muted { color: var(--muted); }
main { max-width: 1280px; margin: 0 auto; padding: 2rem 1.5rem 3rem; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; }
h2 { font-size: 1.25rem; font-weight: 600; margin: 2.25rem 0 0.35rem; }
h3 { font-size: 1rem; font-weight: 600; }
h4 { font-size: 0.875rem; font-weight: 600; margin-top: 0.9rem; }
.section-note { color: var(--muted); margin: 0 0 0.9rem; max-width: 75ch; }

.page-header { margin-bottom: 1.25rem; }
.eyebrow { margin: 0 0 0.25rem; font-size: 0.75rem; font-weight: 600; letter-spacing: 0.08em; text-transform: uppercase; color: var(--accent); }
.page-header h1 { font-size: 1.75rem; font-weight: 650; letter-spacing: -0.01em; }
.scope { margin: 0.4rem 0 0; color: var(--muted); }

.gap-banner {
  margin: 0 0 1.25rem; padding: 0.7rem 0.9rem; border: 1px solid #e3b341; border-left-width: 4px;
  background: #fff8e1; border-radius: 6px;
}

.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: 0.75rem; margin: 0; grid-auto-flow: dense; }
.card {
  background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 0.85rem 1rem 0.9rem;
  border-top: 4px solid var(--border);
}
.card dt { font-size: 0.8125rem; font-weight: 600; color: var(--muted); }
.card dd { margin: 0; }
.card-value { font-size: 1.75rem; font-weight: 650; line-height: 1.2; margin-top: 0.2rem !important; overflow-wrap: anywhere; }
.card-sub { font-size: 0.8125rem; color: var(--muted); margin-top: 0.25rem !important; }
.card.verdict-eligible { border-top-color: var(--eligible); }
.card.verdict-eligible-with-changes { border-top-color: var(--changes); }
.card.verdict-ineligible { border-top-color: var(--ineligible); }
.card.verdict-unknown { border-top-color: var(--unknown); }
.card-savings { grid-column: span 2; border-top-color: var(--positive); }
.card-savings.negative .card-value { color: var(--negative); }
.card-savings.unknown .card-value { color: var(--muted); }
.card-gaps { border-top-color: #d4a72c; }

.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 0.75rem; margin-top: 0.75rem; }
.chart { margin: 0; background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 1rem 1.1rem 1.1rem; min-width: 0; }
.chart figcaption { margin-bottom: 0.75rem; }
.chart-note { margin: 0.2rem 0 0; font-size: 0.8125rem; color: var(--muted); }
.chart-empty { color: var(--muted); margin: 0.5rem 0 0; }
/* One grid for all rows (subgrid), so every bar track has the same width and the bars share a scale. */
.bars { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: minmax(0, max-content) minmax(3rem, 1fr) auto; gap: 0.6rem 0.75rem; }
.bar-row { display: grid; grid-column: 1 / -1; grid-template-columns: subgrid; align-items: center; }
.bar-label { min-width: 0; display: flex; flex-direction: column; }
.bar-label { max-width: 11rem; }
.bar-name { font-weight: 600; overflow-wrap: break-word; }
.bar-detail, .bar-note { font-size: 0.75rem; color: var(--muted); }
.bar-track { display: block; background: linear-gradient(#eef1f4, #eef1f4) 0 50% / 100% 2px no-repeat; }
.bar-value { text-align: right; }
.bar-value .money { font-weight: 600; white-space: nowrap; }
.bar.bar-positive { fill: var(--positive); }
.bar.bar-negative { fill: var(--negative); }
.bar.bar-blocker { fill: var(--ineligible); }
.bar-axis { stroke: var(--muted); stroke-width: 1; }
.verdict-bar { display: block; border-radius: 4px; overflow: hidden; }
.verdict-bar rect { stroke: #fff; stroke-width: 2; }
.bar.verdict-eligible, .swatch.verdict-eligible { fill: var(--eligible); background: var(--eligible); }
.bar.verdict-eligible-with-changes, .swatch.verdict-eligible-with-changes { fill: var(--changes); background: var(--changes); }
.bar.verdict-ineligible, .swatch.verdict-ineligible { fill: var(--ineligible); background: var(--ineligible); }
.bar.verdict-unknown, .swatch.verdict-unknown { fill: var(--unknown); background: var(--unknown); }
.legend { list-style: none; margin: 0.85rem 0 0; padding: 0; display: grid; gap: 0.35rem; }
.legend li { display: grid; grid-template-columns: 0.8rem 1fr auto 3rem; gap: 0.6rem; align-items: center; }
.swatch { width: 0.8rem; height: 0.8rem; border-radius: 3px; display: inline-block; }
.legend-count { font-weight: 600; text-align: right; }
.legend-share { color: var(--muted); text-align: right; }

.money.positive { color: #0f5f2d; }
.money.negative { color: var(--negative); }
.money.unknown { color: var(--muted); font-style: italic; }
.cell-sub { display: block; font-size: 0.75rem; color: var(--muted); }

.table-scroll { overflow-x: auto; background: var(--panel); border: 1px solid var(--border); border-radius: 8px; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 0.6rem 0.65rem; }
thead th { font-size: 0.8125rem; font-weight: 600; color: var(--muted); background: #f6f8fa; border-bottom: 1px solid var(--border); white-space: nowrap; }
tbody th { font-weight: 400; }
.num { text-align: right; }
.break { overflow-wrap: anywhere; }
table.blockers th[scope="row"] { min-width: 14rem; }
table.workloads th[scope="row"] { min-width: 11rem; }
table.blockers tbody tr + tr, table.gaps tbody tr + tr, table.assumption-table tbody tr + tr { border-top: 1px solid var(--border-soft); }
table.blockers .wl-name { display: inline; margin-right: 0.4rem; }
table.blockers td.blocked { width: 10rem; min-width: 7rem; }
.count { font-weight: 600; }
.mini-bar { display: block; margin-top: 0.35rem; }
.wl-meta .part, .gaps .part { white-space: nowrap; }
code.nowrap { white-space: nowrap; overflow-wrap: normal; }
.wl-name { display: block; font-weight: 600; overflow-wrap: anywhere; }
.wl-meta { display: block; font-size: 0.8125rem; color: var(--muted); overflow-wrap: break-word; margin-top: 0.1rem; }

.controls { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin-bottom: 0.75rem; }
.control { display: flex; flex-direction: column; gap: 0.25rem; font-size: 0.8125rem; font-weight: 600; color: var(--muted); }
.control-grow { flex: 1 1 16rem; }
.control select, .control input {
  font: inherit; font-size: 0.9375rem; font-weight: 400; color: var(--fg); background: var(--panel);
  border: 1px solid #8c959f; border-radius: 6px; padding: 0.4rem 0.6rem; min-height: 2.25rem; width: 100%;
}
.row-count { margin: 0 0 0.45rem; color: var(--muted); font-size: 0.875rem; }

table.workloads { min-width: 60rem; }
table.workloads tbody.workload { border-top: 1px solid var(--border); }
table.workloads tbody.workload:first-of-type { border-top: 0; }
table.workloads tbody.workload:hover .workload-row { background: #f8fafc; }
.workload-row td, .workload-row th { padding-bottom: 0.25rem; }
.sort {
  all: unset; cursor: pointer; display: inline-flex; align-items: center; gap: 0.3rem; color: inherit; font: inherit;
  border-radius: 3px;
}
.sort:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
.sort-icon::after { content: "\\2195"; color: #8c959f; font-size: 0.85em; }
th[aria-sort="ascending"] .sort-icon::after { content: "\\25B2"; color: var(--fg); }
th[aria-sort="descending"] .sort-icon::after { content: "\\25BC"; color: var(--fg); }
th[aria-sort] { color: var(--fg); }
th.num .sort { flex-direction: row-reverse; }
.badge { display: inline-block; padding: 0.1rem 0.5rem; border-radius: 999px; font-size: 0.8125rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.badge.verdict-eligible { background: #dafbe1; color: #116329; border-color: #aceebb; }
.badge.verdict-eligible-with-changes { background: #fff8c5; color: #6c4400; border-color: #f0d55c; }
.badge.verdict-ineligible { background: #ffebe9; color: #a40e26; border-color: #ffcecb; }
.badge.verdict-unknown { background: #eff2f5; color: #424a53; border-color: #d1d9e0; }
.reasons { min-width: 15rem; max-width: 30rem; font-size: 0.875rem; }
.reasons ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.3rem; }
.reasons .more { margin: 0.3rem 0 0; color: var(--muted); font-size: 0.8125rem; }
.sev { display: inline-block; font-size: 0.6875rem; font-weight: 700; letter-spacing: 0.03em; text-transform: uppercase; padding: 0 0.35rem; border-radius: 3px; border: 1px solid currentColor; }
.sev-blocker { color: #a40e26; }
.sev-fixable { color: #7d4e00; }
.sev-advisory { color: #59636e; }
.sev-error { color: #6639ba; }

.detail-row td { padding-top: 0; padding-bottom: 0.6rem; }
.detail-row summary { cursor: pointer; display: inline-block; font-size: 0.8125rem; color: var(--accent); padding: 0.15rem 0.25rem; margin-left: -0.25rem; }
.detail-row summary:hover { text-decoration: underline; }
/* Sticky at the left edge: on a phone the detail stays in view while the wide table scrolls sideways. */
.detail {
  margin-top: 0.6rem; padding: 1rem; background: #fbfcfd; border: 1px solid var(--border-soft); border-radius: 8px;
  position: sticky; left: 0.65rem; max-width: calc(100vw - 3.5rem);
}
.detail-row summary { position: sticky; left: 0.65rem; max-width: calc(100vw - 3.5rem); }
.detail-columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1.25rem; }
.detail h3 { font-size: 0.9375rem; margin-bottom: 0.4rem; }
.detail h3 + * { margin-top: 0; }
.detail section > h3:not(:first-child) { margin-top: 1rem; }
.detail dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.4rem 1rem; margin: 0; }
.detail dl .wide { grid-column: 1 / -1; }
.detail dt { font-size: 0.75rem; color: var(--muted); font-weight: 600; }
.detail dd { margin: 0; overflow-wrap: anywhere; }
.detail .figures .negative dd { color: var(--negative); }
.size { margin: 0; }
.breakdown { margin: 0.3rem 0 0; padding-left: 1.3rem; font-size: 0.875rem; display: grid; gap: 0.2rem; }
.assumptions { margin-top: 0.75rem; font-size: 0.875rem; }
.assumptions summary { cursor: pointer; color: var(--accent); }
.assumptions dl { margin-top: 0.5rem; }
.detail-findings { margin-top: 1.25rem; }
.findings { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.6rem; }
.finding { background: var(--panel); border: 1px solid var(--border-soft); border-left: 4px solid var(--border); border-radius: 6px; padding: 0.6rem 0.8rem; }
.finding.finding-blocker { border-left-color: var(--ineligible); }
.finding.finding-fixable { border-left-color: var(--changes); }
.finding.finding-advisory { border-left-color: var(--unknown); }
.finding.is-suppressed { opacity: 0.8; }
.finding-head { display: flex; flex-wrap: wrap; gap: 0.4rem; align-items: baseline; }
.category { font-size: 0.75rem; color: var(--muted); font-weight: 600; }
.finding p { margin: 0.3rem 0 0; }
.fix-label { font-weight: 600; }
.finding-docs { font-size: 0.875rem; }
.suppressed { font-size: 0.8125rem; color: var(--muted); }
.rule-errors { margin: 0.4rem 0 0; padding-left: 1.2rem; }
.empty { text-align: center; color: var(--muted); padding: 1.5rem; }

/* Cluster compliance: one card per cluster that needs attention; the clean ones under a disclosure. */
.cluster-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem; }
/* A fix may hold a long CLI argument: it wraps rather than widen the page on a phone. */
.cluster-list, .cluster .findings { grid-template-columns: minmax(0, 1fr); }
.cluster { overflow-wrap: anywhere; }
.cluster { background: var(--panel); border: 1px solid var(--border); border-left: 4px solid var(--border); border-radius: 8px; padding: 0.85rem 1rem; min-width: 0; }
.cluster.cluster-findings { border-left-color: var(--changes); }
.cluster.cluster-not-evaluated { border-left-color: var(--unknown); }
.cluster-head { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: baseline; }
.cluster-name { font-size: 1rem; overflow-wrap: anywhere; }
.cluster-id { margin: 0.2rem 0 0.6rem; font-size: 0.8125rem; }
.cluster-errors { margin: 0 0 0.6rem; padding: 0.5rem 0.75rem; border: 1px solid var(--border-soft); border-radius: 6px; background: #fbfcfd; }
.cluster-errors p { margin: 0; }
.badge.cluster-badge-findings { background: #fff8c5; color: #6c4400; border-color: #f0d55c; }
.badge.cluster-badge-not-evaluated { background: #eff2f5; color: #424a53; border-color: #d1d9e0; }
.badge.cluster-badge-suppressed { background: #eff2f5; color: #59636e; border-color: #d1d9e0; }
.clusters-clean { margin-top: 0.75rem; background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 0.6rem 1rem; }
.clusters-clean summary { cursor: pointer; color: var(--accent); }
.clean-list { list-style: none; margin: 0.5rem 0 0; padding: 0; display: grid; gap: 0.4rem; }
.clean-list .wl-name { display: inline; }
.clean-list .wl-meta { display: inline; }
.card-clusters.attention { border-top-color: var(--changes); }

.gaps td, .assumption-table td, .assumption-table th { font-size: 0.875rem; }
.reading { margin: 0.5rem 0 1rem; padding-left: 1.2rem; max-width: 80ch; }
.reading li + li { margin-top: 0.25rem; }
#assumptions > p { max-width: 80ch; }
.page-footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.8125rem; }
.page-footer p { margin: 0.25rem 0; }

@media (max-width: 40rem) {
  main { padding: 1.25rem 0.9rem 2rem; }
  .page-header h1 { font-size: 1.4rem; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .card-value { font-size: 1.4rem; }
  .charts { grid-template-columns: minmax(0, 1fr); }
  .bars { grid-template-columns: minmax(0, 1fr) auto; }
  .bar-label { grid-column: 1 / -1; max-width: none; }
  .detail { max-width: calc(100vw - 2.5rem); }
  .controls { flex-direction: column; align-items: stretch; }
  .control-grow { flex-basis: auto; }
}

@media print {
  @page { margin: 14mm 12mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .skip-link, .controls, .sort-icon, .row-count { display: none !important; }
  .sort { cursor: default; }
  .card, .chart, .table-scroll, .detail, .finding, .cluster, .clusters-clean { border-color: #bbb; }
  .table-scroll { overflow: visible; border: 0; }
  table.workloads { min-width: 0; }
  .reasons { max-width: none; }
  .chart, .card, .finding, .cluster-head, .workload-row, .gaps tr { break-inside: avoid; }
  .detail, .detail-row summary { position: static; max-width: none; }
  h2 { break-after: avoid; }
  details::details-content { content-visibility: visible; display: block; }
  .detail-row summary { color: var(--fg); font-weight: 600; list-style: none; }
  .detail-row summary::-webkit-details-marker { display: none; }
  a { color: inherit; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
