import type { Summary, Verdict } from '../../findings/result.js';
import { escapeHtml } from './escape.js';
import type { SavingsGroup } from './estate.js';
import { savingsText, verdictLabel } from './figures.js';

/**
 * Charts as server-rendered inline SVG: no library, no script, nothing fetched, and they print.
 * Labels and values are HTML text beside the SVG bars, so they stay legible at phone width (an SVG
 * scaled down shrinks its text) and screen readers read them as a list; the bars themselves are
 * decoration and hidden from assistive technology.
 */

/** Bars below this share of the track would vanish; a non-zero value always shows. */
const MIN_BAR_PERCENT = 0.6;

const pct = (value: number): string => `${Number(value.toFixed(3))}%`;

interface BarGeometry {
  readonly x: number;
  readonly width: number;
}

/**
 * Places each value on a shared scale with a zero line: positive bars grow right of it, negative
 * (a move that costs more) left of it, so a mixed estate reads at a glance.
 */
function barGeometry(values: readonly (number | null)[]): { bars: (BarGeometry | null)[]; zero: number } {
  const known = values.filter((v): v is number => v !== null);
  const maxPositive = Math.max(0, ...known);
  const maxNegative = Math.max(0, ...known.map((v) => -v));
  const span = maxPositive + maxNegative;
  const zero = span === 0 ? 0 : (maxNegative / span) * 100;
  const bars = values.map((value) => {
    if (value === null || span === 0 || value === 0) return value === null ? null : { x: zero, width: 0 };
    const width = Math.max(MIN_BAR_PERCENT, (Math.abs(value) / span) * 100);
    return value > 0 ? { x: zero, width } : { x: Math.max(0, zero - width), width };
  });
  return { bars, zero };
}

function groupNote(group: SavingsGroup): string {
  if (group.movable === 0) return 'no workload can move yet';
  const movable = `${group.movable} of ${group.workloads} can move`;
  const unpriced = group.movable - group.priced;
  return unpriced === 0 ? movable : `${movable}, ${unpriced} not priced`;
}

/** A horizontal bar chart of savings per group, with a zero line when any group would cost more. */
export function renderSavingsChart(options: {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly groups: readonly SavingsGroup[];
  /** Shown instead of the chart when there are no groups. */
  readonly emptyText: string;
}): string {
  const { id, title, description, groups } = options;
  const heading = `<figcaption><h3>${escapeHtml(title)}</h3><p class="chart-note">${escapeHtml(description)}</p></figcaption>`;
  if (groups.length === 0) {
    return `<figure class="chart" id="${id}">${heading}<p class="chart-empty">${escapeHtml(options.emptyText)}</p></figure>`;
  }
  const { bars, zero } = barGeometry(groups.map((g) => g.savingsUsd));
  const hasNegative = groups.some((g) => (g.savingsUsd ?? 0) < 0);
  const rows = groups.map((group, index) => {
    const bar = bars[index] ?? null;
    const polarity = (group.savingsUsd ?? 0) < 0 ? 'bar-negative' : 'bar-positive';
    const rect =
      bar === null || bar.width === 0
        ? ''
        : `<rect class="bar ${polarity}" x="${pct(bar.x)}" y="2" width="${pct(bar.width)}" height="14" rx="2"></rect>`;
    const axis = hasNegative
      ? `<line class="bar-axis" x1="${pct(zero)}" x2="${pct(zero)}" y1="0" y2="18"></line>`
      : '';
    const detail = group.detail === null ? '' : `<span class="bar-detail">${escapeHtml(group.detail)}</span>`;
    const valueClass = group.savingsUsd === null ? 'unknown' : group.savingsUsd < 0 ? 'negative' : '';
    // Nothing movable is a known nothing, not an unpriced figure: a dash, and the note says why.
    const value =
      group.movable === 0
        ? '<span class="money none">—</span>'
        : `<span class="money ${valueClass}">${escapeHtml(savingsText(group.savingsUsd))}</span>`;
    return (
      `<li class="bar-row">` +
      `<span class="bar-label"><span class="bar-name">${escapeHtml(group.label)}</span>${detail}` +
      `<span class="bar-note">${escapeHtml(groupNote(group))}</span></span>` +
      `<svg class="bar-track" width="100%" height="18" aria-hidden="true" focusable="false">${rect}${axis}</svg>` +
      `<span class="bar-value">${value}</span>` +
      `</li>`
    );
  });
  return `<figure class="chart" id="${id}">${heading}<ol class="bars">${rows.join('')}</ol></figure>`;
}

const CHART_VERDICTS: readonly Verdict[] = ['eligible', 'eligible-with-changes', 'ineligible', 'unknown'];

/**
 * Verdicts as one stacked bar (the share of the estate each verdict holds) and a legend with the
 * counts and shares as text.
 */
export function renderVerdictChart(summary: Summary): string {
  const total = summary.workloads;
  let x = 0;
  const segments: string[] = [];
  const legend: string[] = [];
  for (const verdict of CHART_VERDICTS) {
    const count = summary.byVerdict[verdict];
    const share = total === 0 ? 0 : (count / total) * 100;
    if (count > 0) {
      segments.push(
        `<rect class="bar verdict-${verdict}" x="${pct(x)}" y="0" width="${pct(share)}" height="28"><title>${escapeHtml(verdictLabel(verdict))}: ${count}</title></rect>`,
      );
    }
    x += share;
    legend.push(
      `<li><span class="swatch verdict-${verdict}" aria-hidden="true"></span>` +
        `<span class="legend-label">${escapeHtml(verdictLabel(verdict))}</span>` +
        `<span class="legend-count">${count}</span><span class="legend-share">${Math.round(share)}%</span></li>`,
    );
  }
  const bar =
    total === 0
      ? '<p class="chart-empty">No workloads in this report.</p>'
      : `<svg class="verdict-bar" width="100%" height="28" aria-hidden="true" focusable="false">${segments.join('')}</svg>`;
  return (
    `<figure class="chart" id="chart-verdicts">` +
    `<figcaption><h3>Verdicts</h3><p class="chart-note">Share of the ${total} workloads by Fargate verdict.</p></figcaption>` +
    `${bar}<ul class="legend">${legend.join('')}</ul></figure>`
  );
}
