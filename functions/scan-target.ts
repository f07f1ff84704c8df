import type { Context } from 'aws-lambda';
import { createHandlerTools, withServerlessStack } from '../lib/serverless/middleware.js';
import { runOnDemandScan } from '../lib/serverless/on-demand.js';
import { parseScanTargetEvent, type ScanTargetEvent } from '../lib/serverless/payload.js';
import { productionRuntime } from '../lib/serverless/production.js';
import {
  onDemandContext,
  reportDestination,
  type ServerlessRuntime,
  summarizeDependencies,
  targetDependencies,
} from '../lib/serverless/runtime.js';
import { runTargetScan } from '../lib/serverless/target-run.js';

/** scanTarget: one (account, region) of a state machine run, or an on-demand scan invoked directly. */
export function createHandler(runtime: () => ServerlessRuntime = productionRuntime) {
  const tools = createHandlerTools('scanTarget');
  const scan = async (event: ScanTargetEvent, context: Context) => {
    const rt = runtime();
    if (event.kind === 'target') {
      const { scan, target, scope, dryRun = false } = event.payload;
      const deps = await targetDependencies(rt, context, tools, dryRun);
      return (await runTargetScan(deps, { scan, target, scope, dryRun })).outcome;
    }
    const onDemand = onDemandContext(rt, context);
    tools.logger.appendKeys({ scanId: onDemand.scan.scanId });
    const targetDeps = await targetDependencies(rt, context, tools, event.payload.dryRun === true);
    const report = reportDestination(rt, onDemand.ownAccount);
    const summarizeDeps = { ...(await summarizeDependencies(rt, tools)), ...(report ? { report } : {}) };
    return runOnDemandScan(targetDeps, summarizeDeps, event.payload, onDemand);
  };
  return withServerlessStack(scan, {
    tools,
    parse: parseScanTargetEvent,
    correlationId: (event) => (event.kind === 'target' ? event.payload.scan.scanId : undefined),
  });
}

export const handler = createHandler();
