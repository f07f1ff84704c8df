import type { ReportDocument } from '../findings/result.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { type RuleMetadata, renderSarif } from './sarif.js';
import { renderTable } from './table.js';

/** The report formats of `--format`. */
export type ReportFormat = 'table' | 'json' | 'sarif' | 'csv' | 'html' | 'markdown';

/** Every `--format` value, in the order help text lists them. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'sarif', 'csv', 'html', 'markdown'];

/** What the formats need beyond the report. */
export interface RenderOptions {
  /** Catalogue metadata for SARIF `tool.driver.rules`. */
  readonly rules: readonly RuleMetadata[];
  readonly toolVersion: string;
  /** ANSI colours, table format only. */
  readonly colors: boolean;
}

/** Renders a report in one of the formats; every format is a pure function of the report. */
export function renderReport(format: ReportFormat, report: ReportDocument, options: RenderOptions): string {
  switch (format) {
    case 'table':
      return renderTable(report, { colors: options.colors });
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, { rules: options.rules, toolVersion: options.toolVersion });
    case 'csv':
      return renderCsv(report);
    case 'html':
      return renderHtml(report, { toolVersion: options.toolVersion });
    case 'markdown':
      return renderMarkdown(report);
  }
}

/**
 * The format a file name implies (`report.sarif` → sarif), so `--output` alone picks the right
 * one; null when the extension says nothing.
 */
export function formatForFile(path: string): ReportFormat | null {
  const lower = path.toLowerCase();
  if (lower.endsWith('.sarif') || lower.endsWith('.sarif.json')) return 'sarif';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.txt')) return 'table';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (lower.endsWith('.md')) return 'markdown';
  return null;
}
