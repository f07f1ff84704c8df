import { createHandlerTools, withServerlessStack } from '../lib/serverless/middleware.js';
import { mapErrorGap, parsePayload, type ScanPlan, scanPlanSchema } from '../lib/serverless/payload.js';
import { productionRuntime } from '../lib/serverless/production.js';
import { type ServerlessRuntime, summarizeDependencies } from '../lib/serverless/runtime.js';
import { summarizeScan } from '../lib/serverless/summarize.js';

/** summarize: after the fan-out, diff the scan against the previous runs and publish one SNS message. */
export function createHandler(runtime: () => ServerlessRuntime = productionRuntime) {
  const tools = createHandlerTools('summarize');
  const summarize = async (plan: ScanPlan) => {
    const deps = await summarizeDependencies(runtime(), tools);
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
      diff: summary.diff,
      gaps: summary.gaps,
      notification: summary.notification,
    };
  };
  return withServerlessStack(summarize, {
    tools,
    parse: (event) => parsePayload(scanPlanSchema, event, 'summarize input'),
    correlationId: (plan) => plan.scan.scanId,
  });
}

export const handler = createHandler();
