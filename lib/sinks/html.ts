import type { ReportDocument } from '../findings/result.js';
import { renderClusterSection } from './html/clusters.js';
import { escapeHtml, jsonForScript } from './html/escape.js';
import { topBlockers } from './html/estate.js';
import { REPORT_SCRIPT } from './html/script.js';
import {
  generatedText,
  renderAssumptions,
  renderBlockers,
  renderCards,
  renderCharts,
  renderFooter,
  renderGapBanner,
  renderGaps,
  renderHeader,
} from './html/sections.js';
import { REPORT_CSS } from './html/styles.js';
import { renderWorkloadSection, searchText } from './html/workloads.js';

/** Presentation options of {@link renderHtml}. */
export interface HtmlOptions {
  /** Page heading. Default `Fargate fit report`. */
  readonly title?: string;
  /** Printed in the footer, so a reader knows which release produced the file. */
  readonly toolVersion?: string;
  /** Rules listed under "Top blockers". Default 10. */
  readonly blockerLimit?: number;
  /** Bars per savings chart before the rest fold into one "N other" bar. Default 10. */
  readonly chartGroupLimit?: number;
}

/**
 * The page's Content Security Policy: nothing may be fetched (no network, no other file), only the
 * inline style and script of the page itself run, images only as data URLs. A stray request from
 * a future change is then blocked, and the browser tests see the violation.
 */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/**
 * `--format html`: one self-contained HTML file with headline figures, charts (inline SVG), the
 * top blockers, a sortable and filterable table of every workload with its findings and cost
 * breakdown, the cluster compliance findings of a scan, the gaps and the pricing assumptions.
 * Pure: the same report gives the same bytes.
 *
 * Every string from the report is HTML-escaped; the report itself is embedded as JSON (element
 * `report-data`, `<` written as `\u003c`) for the page script and for anyone who wants the data
 * back out of an attached file. Fields this renderer does not know are carried in that JSON and
 * otherwise ignored.
 */
export function renderHtml(report: ReportDocument, options: HtmlOptions = {}): string {
  const title = options.title ?? 'Fargate fit report';
  const blockers = topBlockers(report.workloads);
  const blockerLimit = options.blockerLimit ?? 10;
  const data = { report, search: report.workloads.map(searchText) };
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(REPORT_CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light">',
    // An empty data-URL icon: otherwise browsers ask the server (or the file system) for /favicon.ico.
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(`${title} — ${generatedText(report.generatedAt)}`)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<a class="skip-link" href="#workloads">Skip to the workloads</a>',
    '<main>',
    renderHeader(report, title),
    renderGapBanner(report),
    renderCards(report),
    renderCharts(report, options.chartGroupLimit ?? 10),
    renderBlockers(blockers.slice(0, blockerLimit), blockers.length),
    renderWorkloadSection(report.workloads),
    renderClusterSection(report.clusters),
    renderGaps(report.gaps),
    renderAssumptions(report.workloads),
    renderFooter(report, options.toolVersion ?? null),
    '</main>',
    `<script type="application/json" id="report-data">${jsonForScript(data)}</script>`,
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
