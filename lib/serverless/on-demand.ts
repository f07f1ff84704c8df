/**
 * The on-demand scan: a direct invocation of scanTarget with a validated payload, run in one
 * Lambda with no state machine — each target in turn (a few at a time), then the summary.
 */
import pLimit from 'p-limit';
import type { Verdict } from '../findings/result.js';
import type { ScanRef, ScanReportRecord, ScanScope, ScanTarget } from '../sinks/dynamodb/records.js';
import { type OnDemandPayload, scopeOf, targetsOf } from './payload.js';
import { type SummarizeDependencies, summarizeScan } from './summarize.js';
import { runTargetScan, type TargetOutcome, type TargetRunDependencies } from './target-run.js';

/** What an on-demand invocation knows besides its payload. */
export interface OnDemandContext {
  readonly scan: ScanRef;
  readonly ownAccount: string;
  /** Regions when the payload names none: the configured ones, else the function's own. */
  readonly defaultRegions: readonly string[];
  readonly concurrency: number;
}

/** The answer of an on-demand invocation (kept small: the full data is in the table). */
export interface OnDemandOutcome {
  readonly scanId: string;
  readonly dryRun: boolean;
  readonly scope: ScanScope;
  readonly targets: readonly TargetOutcome[];
  readonly workloads: number;
  readonly byVerdict: Readonly<Record<Verdict, number>>;
  readonly monthlySavingsUsd: number | null;
  readonly diff: { readonly added: number; readonly changed: number; readonly resolved: number };
  readonly gaps: number;
  readonly notification: { readonly reason: string; readonly messageId: string | null };
  /** Where the HTML report went (null: no report bucket, or a dry run); the link is only in the message. */
  readonly report: ScanReportRecord | null;
  /** The summary message as text; returned for a dry run so the caller sees what would be sent. */
  readonly message?: string;
}

/** Scans the payload's targets and summarizes them as one scan. */
export async function runOnDemandScan(
  targetDeps: TargetRunDependencies,
  summarizeDeps: SummarizeDependencies,
  payload: OnDemandPayload,
  context: OnDemandContext,
): Promise<OnDemandOutcome> {
  const dryRun = payload.dryRun === true;
  const scope = scopeOf(payload);
  const targets: ScanTarget[] = targetsOf(
    payload.accounts ?? [context.ownAccount],
    payload.regions ?? context.defaultRegions,
  );
  const limit = pLimit(context.concurrency);
  const runs = await Promise.all(
    targets.map((target) =>
      limit(() => runTargetScan(targetDeps, { scan: context.scan, target, scope, dryRun })),
    ),
  );
  const outcome = await summarizeScan(summarizeDeps, {
    scan: context.scan,
    targets,
    notify: payload.notify ?? null,
    current: runs.map(({ run, workloads, clusters }) => ({ run, workloads, clusters })),
    dryRun,
  });
  const summary = outcome.summary;
  return {
    scanId: context.scan.scanId,
    dryRun,
    scope,
    targets: runs.map((r) => r.outcome),
    workloads: summary.workloads,
    byVerdict: summary.byVerdict,
    monthlySavingsUsd: summary.monthlySavingsUsd,
    diff: { added: summary.diff.added, changed: summary.diff.changed, resolved: summary.diff.resolved },
    gaps: summary.gaps,
    notification: {
      reason: dryRun ? 'disabled' : summary.notification.reason,
      messageId: summary.notification.messageId,
    },
    report: summary.report ?? null,
    ...(dryRun && outcome.message ? { message: outcome.message.message } : {}),
  };
}
