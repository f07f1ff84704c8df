import type { ReportDocument } from '../findings/result.js';

/**
 * `--format json`: the report document as published in docs/report.schema.json, indented for
 * people and diffs, with a final newline.
 */
export function renderJson(report: ReportDocument): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
