/**
 * The Lambdas' dependencies, built from the settings on first use (never at import time): the
 * findings store over DynamoDB, the SNS publisher, the Step Functions starter, the Organizations
 * account list, and the scan pipeline for one target. Handlers receive a runtime, so tests inject
 * their own pieces (an emulated estate, a local DynamoDB, a fake clock).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Context } from 'aws-lambda';
import { DynamoDbItemTable } from '../sinks/dynamodb/dynamodb-table.js';
import { FindingsStore } from '../sinks/dynamodb-store.js';
import type { ReportUploadClients } from '../sinks/report-upload.js';
import { WebhookUrlSource } from '../sinks/slack.js';
import { publishSummary } from '../sinks/sns-publisher.js';
import type { HandlerTools } from './middleware.js';
import type { OnDemandContext } from './on-demand.js';
import { onDemandScanRef } from './payload.js';
import { accountOfFunctionArn, type StartExecution } from './plan.js';
import { required, type ServerlessSettings } from './settings.js';
import type { Publisher, ReportDestination, SummarizeDependencies } from './summarize.js';
import { loadSuppressions } from './suppression-source.js';
import type { TargetRunDependencies, TargetScanner } from './target-run.js';

/** Builds the scanner of one target; `ownAccount` is scanned with the function's own role. */
export type ScannerFactory = (settings: ServerlessSettings, ownAccount: string) => TargetScanner;

/** What every handler needs, built once per Lambda container. */
export interface ServerlessRuntime {
  readonly settings: ServerlessSettings;
  /** The findings store; throws a SettingsError when no table is configured. */
  store(): FindingsStore;
  /** The SNS publisher, or null when no topic is configured. */
  readonly publish: Publisher | null;
  readonly startExecution: StartExecution;
  readonly listOrganizationAccounts: () => Promise<string[]>;
  readonly scannerFor: (ownAccount: string) => TargetScanner;
  readonly slackWebhook: () => WebhookUrlSource;
  /** The S3 client and URL signer of the report upload (used only when a report bucket is set). */
  readonly reportClients: () => ReportUploadClients;
  readonly now: () => Date;
}

/** The DynamoDB document client as the store needs it: undefined members dropped, not rejected. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/** The production runtime: real AWS clients in the function's region. */
export function createRuntime(
  settings: ServerlessSettings,
  scannerFactory: ScannerFactory,
  listOrganizationAccounts: () => Promise<string[]>,
): ServerlessRuntime {
  const region = settings.region;
  let store: FindingsStore | undefined;
  let sns: SNSClient | undefined;
  let sfn: SFNClient | undefined;
  let webhook: WebhookUrlSource | undefined;
  let reportClients: ReportUploadClients | undefined;
  const topicArn = settings.topicArn;
  return {
    settings,
    store() {
      store ??= new FindingsStore(
        new DynamoDbItemTable(
          documentClient(new DynamoDBClient({ region })),
          required(settings, 'tableName'),
        ),
        { historyDays: settings.historyDays },
      );
      return store;
    },
    publish: topicArn
      ? (message) => {
          sns ??= new SNSClient({ region });
          return publishSummary(sns, topicArn, message);
        }
      : null,
    async startExecution(name, input) {
      sfn ??= new SFNClient({ region });
      const out = await sfn.send(
        new StartExecutionCommand({ stateMachineArn: required(settings, 'stateMachineArn'), name, input }),
      );
      if (!out.executionArn) throw new Error('Step Functions returned no execution ARN');
      return out.executionArn;
    },
    listOrganizationAccounts,
    scannerFor: (ownAccount) => scannerFactory(settings, ownAccount),
    slackWebhook() {
      webhook ??= new WebhookUrlSource(
        new SSMClient({ region }),
        required(settings, 'slackWebhookParameter'),
      );
      return webhook;
    },
    reportClients() {
      reportClients ??= { s3: new S3Client({ region }), presign: getSignedUrl };
      return reportClients;
    },
    now: () => new Date(),
  };
}

/** The target-run dependencies of one invocation. */
export async function targetDependencies(
  runtime: ServerlessRuntime,
  context: Context,
  tools: HandlerTools,
  dryRun: boolean,
): Promise<TargetRunDependencies> {
  const store = runtime.store();
  const suppressions = await loadSuppressions(runtime.settings.suppressionsFile, store, tools.log);
  return {
    scanner: runtime.scannerFor(accountOfFunctionArn(context.invokedFunctionArn)),
    store: dryRun ? null : store,
    suppressions,
    remainingTimeMs: () => context.getRemainingTimeInMillis(),
    reserveMs: runtime.settings.deadlineReserveSeconds * 1000,
    logger: tools.log,
    metrics: tools.metricSink,
  };
}

/** The summarizer dependencies of one invocation. */
export async function summarizeDependencies(
  runtime: ServerlessRuntime,
  tools: HandlerTools,
): Promise<SummarizeDependencies> {
  const { settings } = runtime;
  const store = runtime.store();
  return {
    store,
    publish: runtime.publish,
    suppressions: await loadSuppressions(settings.suppressionsFile, store, tools.log),
    alertOn: settings.alertOn,
    messageFormat: settings.messageFormat,
    digest: {
      savingsThresholdUsd: settings.savingsThresholdUsd,
      topSavings: settings.topSavings,
      expiringWithinDays: 14,
    },
    fullListsAt: `the DynamoDB table ${required(settings, 'tableName')}`,
    logger: tools.log,
    metrics: tools.metricSink,
  };
}

/**
 * Where the summarize function stores each scan's HTML report, or null when no report bucket is
 * configured. The bucket must belong to `ownAccount` (the function's own account).
 */
export function reportDestination(runtime: ServerlessRuntime, ownAccount: string): ReportDestination | null {
  const { settings } = runtime;
  if (settings.reportBucket === null) return null;
  return {
    clients: runtime.reportClients(),
    bucket: settings.reportBucket,
    prefix: settings.reportPrefix,
    linkExpirySeconds: settings.reportLinkExpirySeconds,
    kmsKeyArn: settings.reportKmsKeyArn,
    expectedBucketOwner: ownAccount,
    now: runtime.now,
  };
}

/** Regions a scan covers when none are named: the configured ones, else the function's own. */
export function defaultRegions(settings: ServerlessSettings): string[] {
  return settings.regions.length > 0 ? [...settings.regions] : [settings.region];
}

/** The context of an on-demand scan: its scan id comes from the clock and the Lambda request id. */
export function onDemandContext(runtime: ServerlessRuntime, context: Context): OnDemandContext {
  return {
    scan: onDemandScanRef(runtime.now(), context.awsRequestId),
    ownAccount: accountOfFunctionArn(context.invokedFunctionArn),
    defaultRegions: defaultRegions(runtime.settings),
    concurrency: runtime.settings.onDemandConcurrency,
  };
}

/** A runtime built on first call and reused for the life of the container. */
export function lazyRuntime(build: () => ServerlessRuntime): () => ServerlessRuntime {
  let runtime: ServerlessRuntime | undefined;
  return () => {
    runtime ??= build();
    return runtime;
  };
}
