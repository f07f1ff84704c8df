import type { Context } from 'aws-lambda';
import { createHandlerTools, withServerlessStack } from '../lib/serverless/middleware.js';
import { parsePayload, scheduledEventSchema, scheduledScanRef } from '../lib/serverless/payload.js';
import {
  accountOfFunctionArn,
  accountsToScan,
  scheduledPlan,
  startPlannedScan,
} from '../lib/serverless/plan.js';
import { productionRuntime } from '../lib/serverless/production.js';
import { defaultRegions, type ServerlessRuntime } from '../lib/serverless/runtime.js';

/** scheduledScan: the nightly EventBridge schedule plans the organization scan and starts the state machine. */
export function createHandler(runtime: () => ServerlessRuntime = productionRuntime) {
  const tools = createHandlerTools('scheduledScan');
  const start = async (event: { time: string }, context: Context) => {
    const rt = runtime();
    const scan = scheduledScanRef(event.time);
    const ownAccount = accountOfFunctionArn(context.invokedFunctionArn);
    const accounts = await accountsToScan(rt.settings.accounts, ownAccount, rt.listOrganizationAccounts);
    const plan = scheduledPlan(scan, accounts, defaultRegions(rt.settings));
    return startPlannedScan(plan, rt.startExecution, tools.log);
  };
  return withServerlessStack(start, {
    tools,
    parse: (event) => parsePayload(scheduledEventSchema, event, 'scheduled event'),
    correlationId: (event) => scheduledScanRef(event.time).scanId,
  });
}

export const handler = createHandler();
