import type { Context } from 'aws-lambda';
import { createHandlerTools, withServerlessStack } from '../lib/serverless/middleware.js';
import { mapErrorGap, parsePayload, type ScanPlan, scanPlanSchema } from '../lib/serverless/payload.js';
import { accountOfFunctionArn } from '../lib/serverless/plan.js';
import { productionRuntime } from '../lib/serverless/production.js';
import {
  reportDestination,
  type ServerlessRuntime,
  summarizeDependencies,
} from '../lib/serverless/runtime.js';
import { summarizeScan } from '../lib/serverless/summarize.js';

/**
 * summarize: after the fan-out, diff the scan against the previous runs, upload its HTML report
 * when a report bucket is configured, and publish one SNS message.
 */
export function createHandler(runtime: () => ServerlessRuntime = productionRuntime) {
  const tools = createHandlerTools('summarize');
  const summarize = async (plan: ScanPlan, context: Context) => {
    const rt = runtime();
    const report = reportDestination(rt, accountOfFunctionArn(context.invokedFunctionArn));
    const deps = { ...(await summarizeDependencies(rt, tools)), ...(report ? { report } : {}) };
    const { scan, targets, notify, mapError } = plan;
    const extraGaps = mapError ? [mapErrorGap(mapError)] : [];
    const outcome = await summarizeScan(deps, { scan, targets, notify, extraGaps });
    const { summary } = outcome;
    return {
      scanId: summary.scanId,
      alreadySummarized: outcome.alreadySummarized,
      workloads: summary.workloads,
      byVerdict: summary.byVerdict,
      monthlySavingsUsd: summary.monthlySavingsUsd,
      monthlySavingsByDirection: summary.monthlySavingsByDirection ?? null,
      diff: summary.diff,
      gaps: summary.gaps,
      notification: summary.notification,
      report: summary.report ?? null,
    };
  };
  return withServerlessStack(summarize, {
    tools,
    parse: (event) => parsePayload(scanPlanSchema, event, 'summarize input'),
    correlationId: (plan) => plan.scan.scanId,
  });
}

export const handler = createHandler();
