/** A runtime for handler tests: injected scanner, store and publisher; a fake Lambda context. */
import type { Context } from 'aws-lambda';
import type { StartExecution } from '../../../lib/serverless/plan.js';
import type { ServerlessRuntime } from '../../../lib/serverless/runtime.js';
import { readSettings, type ServerlessSettings } from '../../../lib/serverless/settings.js';
import type { Publisher } from '../../../lib/serverless/summarize.js';
import type { TargetScanner } from '../../../lib/serverless/target-run.js';
import type { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import type { ReportUploadClients } from '../../../lib/sinks/report-upload.js';
import type { WebhookUrlSource } from '../../../lib/sinks/slack.js';
import { ACCOUNT } from './results.js';

export interface TestRuntimeOptions {
  readonly store: FindingsStore;
  readonly scanner?: TargetScanner;
  readonly publish?: Publisher | null;
  readonly environment?: Record<string, string>;
  readonly now?: Date;
  readonly startExecution?: StartExecution;
  readonly organizationAccounts?: string[];
  readonly slackWebhook?: WebhookUrlSource;
  readonly reportClients?: ReportUploadClients;
}

export const TEST_ENVIRONMENT = {
  AWS_REGION: 'us-east-1',
  FARGATE_FIT_TABLE: 'fargate-fit-test-findings',
  FARGATE_FIT_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:fargate-fit-summaries',
  FARGATE_FIT_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:111122223333:stateMachine:fargate-fit-test-scan',
  FARGATE_FIT_DEADLINE_RESERVE_SECONDS: '5',
};

export function testRuntime(
  options: TestRuntimeOptions,
): ServerlessRuntime & { settings: ServerlessSettings } {
  const settings = readSettings({ ...TEST_ENVIRONMENT, ...options.environment });
  return {
    settings,
    store: () => options.store,
    publish: options.publish === undefined ? null : options.publish,
    startExecution:
      options.startExecution ??
      (async () => {
        throw new Error('no state machine in this test');
      }),
    listOrganizationAccounts: async () => options.organizationAccounts ?? [],
    scannerFor: () =>
      options.scanner ??
      (async () => {
        throw new Error('no scanner in this test');
      }),
    slackWebhook: () => {
      if (!options.slackWebhook) throw new Error('no Slack webhook in this test');
      return options.slackWebhook;
    },
    reportClients: () => {
      if (!options.reportClients) throw new Error('no report bucket in this test');
      return options.reportClients;
    },
    now: () => options.now ?? new Date('2026-11-27T10:00:00.000Z'),
  };
}

/** A Lambda context with `remainingMs` of time left at every call. */
export function lambdaContext(remainingMs = 600_000, requestId = 'req-0001'): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'fargate-fit-test-scanTarget',
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fargate-fit-test-scanTarget`,
    memoryLimitInMB: '1769',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/fargate-fit-test-scanTarget',
    logStreamName: 'test',
    getRemainingTimeInMillis: () => remainingMs,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

/** Collects what the functions log (Powertools writes JSON lines to stdout, errors to stderr). */
export function captureLogs(): {
  lines: () => Record<string, unknown>[];
  text: () => string;
  restore: () => void;
} {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const originals = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return true;
    }) as typeof stream.write;
  }
  const text = () => chunks.join('');
  return {
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      streams.forEach((stream, index) => {
        stream.write = originals[index]!;
      });
    },
  };
}
