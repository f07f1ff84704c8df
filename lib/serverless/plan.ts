/**
 * Planning a scan: which (account, region) targets it covers, from the organization, a configured
 * list, or the scanner's own account; and starting the state machine that fans out over them.
 */
import type { ScanRef, ScanTarget } from '../sinks/dynamodb/records.js';
import type { LogSink } from './observability.js';
import { type ScanPlan, targetsOf } from './payload.js';
import type { AccountSource } from './settings.js';

/** The account id in a Lambda function ARN (`arn:aws:lambda:<region>:<account>:function:<name>`). */
export function accountOfFunctionArn(functionArn: string): string {
  const account = functionArn.split(':')[4];
  if (!account || !/^\d{12}$/.test(account)) {
    throw new Error(`cannot read the account id from the function ARN ${functionArn}`);
  }
  return account;
}

/** Step Functions refuses an execution input above 256 KiB. */
export const MAX_EXECUTION_INPUT_BYTES = 262_144;

/**
 * The accounts a scheduled scan covers: the organization's active accounts (ListAccounts), the
 * configured list, or the scanner's own account.
 */
export async function accountsToScan(
  source: AccountSource,
  ownAccount: string,
  listOrganizationAccounts: () => Promise<readonly string[]>,
): Promise<string[]> {
  if (source.kind === 'list') return [...source.accounts];
  if (source.kind === 'self') return [ownAccount];
  const accounts = [...(await listOrganizationAccounts())];
  if (accounts.length === 0) throw new Error('the organization lists no active account');
  return accounts;
}

/** The plan of a scheduled scan: every configured target, the whole estate in each. */
export function scheduledPlan(
  scan: ScanRef,
  accounts: readonly string[],
  regions: readonly string[],
): ScanPlan {
  const targets: ScanTarget[] = targetsOf(accounts, regions);
  return { scan, scope: { clusters: null, namespaces: null }, targets, notify: null };
}

/** Starts a state machine execution; resolves to its ARN. */
export type StartExecution = (name: string, input: string) => Promise<string>;

/** What starting a scheduled scan did. */
export interface StartedScan {
  readonly scanId: string;
  readonly targets: number;
  readonly executionArn: string | null;
  /** True when an execution of this scan existed already (a redelivered schedule event). */
  readonly alreadyStarted: boolean;
}

/**
 * Starts the organization scan: one execution named after the scan id, so a redelivered schedule
 * event cannot start the same scan twice (Step Functions keeps execution names unique).
 */
export async function startPlannedScan(
  plan: ScanPlan,
  startExecution: StartExecution,
  logger: LogSink,
): Promise<StartedScan> {
  const input = JSON.stringify(plan);
  if (Buffer.byteLength(input) > MAX_EXECUTION_INPUT_BYTES) {
    throw new Error(
      `the scan plan lists ${plan.targets.length} targets, ${Buffer.byteLength(input)} bytes: over Step Functions' ` +
        '256 KiB input limit; scan fewer regions per schedule',
    );
  }
  try {
    const executionArn = await startExecution(plan.scan.scanId, input);
    logger.info('organization scan started', { targets: plan.targets.length, executionArn });
    return { scanId: plan.scan.scanId, targets: plan.targets.length, executionArn, alreadyStarted: false };
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionAlreadyExists') {
      logger.warn('this scan was started already (schedule event delivered twice)', {});
      return {
        scanId: plan.scan.scanId,
        targets: plan.targets.length,
        executionArn: null,
        alreadyStarted: true,
      };
    }
    throw error;
  }
}
