/**
 * The Lambdas' configuration, read from the environment in one place and validated once. Values
 * here are names, ARNs and tunables — never credentials: the Slack webhook URL is read from
 * Parameter Store at run time and only its parameter name is configured here.
 */
import { z } from 'zod';
import { DEFAULT_HISTORY_DAYS } from '../sinks/dynamodb-store.js';
import { MAX_PRESIGNED_URL_SECONDS } from '../sinks/report-upload.js';
import type { MessageFormat } from '../sinks/sns-summary.js';
import { DEFAULT_DIGEST_SETTINGS } from './digest.js';

/** A setting that cannot work; the message names the environment variable. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** Where scheduled scans take their accounts from. */
export type AccountSource =
  | { readonly kind: 'organization' }
  | { readonly kind: 'list'; readonly accounts: readonly string[] }
  | { readonly kind: 'self' };

/** The validated configuration of the Lambdas. */
export interface ServerlessSettings {
  /** DynamoDB findings table. */
  readonly tableName: string | null;
  /** SNS topic of the scan summaries; null disables notification. */
  readonly topicArn: string | null;
  /** State machine scheduledScan starts. */
  readonly stateMachineArn: string | null;
  readonly accounts: AccountSource;
  /** Regions to scan; empty means the function's own region. */
  readonly regions: readonly string[];
  /** Role assumed in each member account (see infra/member-role.yaml). */
  readonly memberRoleName: string;
  /** ExternalId the member roles require (a guard against confused deputies, not a secret). */
  readonly externalId: string | null;
  /** `changes`: publish only when something changed; `always`: every scan. */
  readonly alertOn: 'changes' | 'always';
  readonly messageFormat: MessageFormat;
  readonly savingsThresholdUsd: number;
  readonly topSavings: number;
  readonly historyDays: number;
  /** Seconds of Lambda time kept back for writing results when a target scan runs long. */
  readonly deadlineReserveSeconds: number;
  /** Targets an on-demand invocation scans at once. */
  readonly onDemandConcurrency: number;
  /** Suppressions file bundled with the deployment (YAML or JSON list), or null. */
  readonly suppressionsFile: string | null;
  /** SSM parameter holding the Slack webhook URL (or a Secrets Manager reference path), or null. */
  readonly slackWebhookParameter: string | null;
  /** S3 bucket the summarizer uploads each scan's HTML report to (in the function's own account), or null. */
  readonly reportBucket: string | null;
  /** Key prefix of the reports: each scan's report is `<prefix><scanId>/report.html`. */
  readonly reportPrefix: string;
  /** Lifetime of the report link in the SNS summary, in seconds (at most 7 days). */
  readonly reportLinkExpirySeconds: number;
  /** KMS key ARN the reports are encrypted with (SSE-KMS); null for S3-managed keys (SSE-S3). */
  readonly reportKmsKeyArn: string | null;
  /** The region the function runs in. */
  readonly region: string;
}

/** Where reports go when no prefix is configured. */
export const DEFAULT_REPORT_PREFIX = 'reports/';
/**
 * A day: the morning after a nightly scan in every time zone. The link may stop working sooner:
 * a presigned URL lives no longer than the role credentials that signed it.
 */
export const DEFAULT_REPORT_LINK_EXPIRY_SECONDS = 86_400;

const ENV = {
  tableName: 'FARGATE_FIT_TABLE',
  topicArn: 'FARGATE_FIT_TOPIC_ARN',
  stateMachineArn: 'FARGATE_FIT_STATE_MACHINE_ARN',
  accounts: 'FARGATE_FIT_ACCOUNTS',
  regions: 'FARGATE_FIT_REGIONS',
  memberRoleName: 'FARGATE_FIT_MEMBER_ROLE_NAME',
  externalId: 'FARGATE_FIT_EXTERNAL_ID',
  alertOn: 'FARGATE_FIT_ALERT_ON',
  messageFormat: 'FARGATE_FIT_MESSAGE_FORMAT',
  savingsThresholdUsd: 'FARGATE_FIT_SAVINGS_THRESHOLD_USD',
  topSavings: 'FARGATE_FIT_TOP_SAVINGS',
  historyDays: 'FARGATE_FIT_HISTORY_DAYS',
  deadlineReserveSeconds: 'FARGATE_FIT_DEADLINE_RESERVE_SECONDS',
  onDemandConcurrency: 'FARGATE_FIT_ON_DEMAND_CONCURRENCY',
  suppressionsFile: 'FARGATE_FIT_SUPPRESSIONS_FILE',
  slackWebhookParameter: 'FARGATE_FIT_SLACK_WEBHOOK_PARAMETER',
  reportBucket: 'FARGATE_FIT_REPORT_BUCKET',
  reportPrefix: 'FARGATE_FIT_REPORT_PREFIX',
  reportLinkExpirySeconds: 'FARGATE_FIT_REPORT_LINK_EXPIRY_SECONDS',
  reportKmsKeyArn: 'FARGATE_FIT_REPORT_KMS_KEY_ARN',
  region: 'AWS_REGION',
} as const satisfies Record<keyof ServerlessSettings, string>;

/** Environment variable names of every setting, for serverless.yml and docs. */
export const SETTINGS_ENVIRONMENT = ENV;

const optional = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()));
const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  );
const number = (fallback: number, check: (n: number) => boolean, expectation: string) =>
  z
    .string()
    .optional()
    .transform((value, context) => {
      if (value === undefined || value.trim() === '') return fallback;
      const parsed = Number(value);
      if (!Number.isFinite(parsed) || !check(parsed)) {
        context.addIssue({ code: 'custom', message: `must be ${expectation}, got "${value}"` });
        return z.NEVER;
      }
      return parsed;
    });
const schema = z.object({
  [ENV.tableName]: optional,
  [ENV.topicArn]: optional.refine((v) => v === null || v.startsWith('arn:'), {
    message: 'must be an SNS topic ARN',
  }),
  [ENV.stateMachineArn]: optional.refine((v) => v === null || v.startsWith('arn:'), {
    message: 'must be a state machine ARN',
  }),
  [ENV.accounts]: list.refine(
    (items) => items.every((item) => item === 'organization' || /^\d{12}$/.test(item)),
    { message: 'must be "organization" or a comma-separated list of 12-digit account ids' },
  ),
  [ENV.regions]: list.refine((items) => items.every((item) => /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(item)), {
    message: 'must be a comma-separated list of region codes',
  }),
  [ENV.memberRoleName]: optional.transform((v) => v ?? 'FargateFitReadOnly'),
  [ENV.externalId]: optional,
  [ENV.alertOn]: z.enum(['changes', 'always']).optional().default('changes'),
  [ENV.messageFormat]: z.enum(['text', 'chatbot']).optional().default('text'),
  [ENV.savingsThresholdUsd]: number(
    DEFAULT_DIGEST_SETTINGS.savingsThresholdUsd,
    (n) => n >= 0,
    'a number ≥ 0',
  ),
  [ENV.topSavings]: number(
    DEFAULT_DIGEST_SETTINGS.topSavings,
    (n) => Number.isInteger(n) && n >= 0 && n <= 100,
    'an integer 0-100',
  ),
  [ENV.historyDays]: number(
    DEFAULT_HISTORY_DAYS,
    (n) => Number.isInteger(n) && n >= 1 && n <= 3650,
    'an integer 1-3650',
  ),
  [ENV.deadlineReserveSeconds]: number(60, (n) => n >= 5 && n <= 600, 'a number of seconds from 5 to 600'),
  [ENV.onDemandConcurrency]: number(4, (n) => Number.isInteger(n) && n >= 1 && n <= 64, 'an integer 1-64'),
  [ENV.suppressionsFile]: optional,
  [ENV.slackWebhookParameter]: optional.refine((v) => v === null || v.startsWith('/'), {
    message: 'must be an SSM parameter name starting with /',
  }),
  // S3's naming rules for general purpose buckets (dots allowed, but not as in an IP address).
  [ENV.reportBucket]: optional.refine(
    (v) =>
      v === null ||
      (/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) && !v.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(v)),
    { message: 'must be an S3 bucket name (3-63 lowercase letters, digits, dots and hyphens)' },
  ),
  [ENV.reportPrefix]: optional
    .refine((v) => v === null || (!v.startsWith('/') && v.length <= 512 && !/[*?\s]/.test(v)), {
      message:
        'must be an S3 key prefix without a leading slash, wildcards or spaces, at most 512 characters',
    })
    .transform((v) => v ?? DEFAULT_REPORT_PREFIX),
  [ENV.reportLinkExpirySeconds]: number(
    DEFAULT_REPORT_LINK_EXPIRY_SECONDS,
    (n) => Number.isInteger(n) && n >= 60 && n <= MAX_PRESIGNED_URL_SECONDS,
    `a whole number of seconds from 60 to ${MAX_PRESIGNED_URL_SECONDS} (7 days)`,
  ),
  // A key ARN, not an alias: the IAM grant on the key names the key itself.
  [ENV.reportKmsKeyArn]: optional.refine(
    (v) => v === null || /^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:key\/\S+$/.test(v),
    {
      message: 'must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)',
    },
  ),
  [ENV.region]: z.string({ message: 'must be set (Lambda sets it)' }).min(1),
});

/**
 * Reads and validates the settings. Throws {@link SettingsError} naming every variable that is
 * wrong, before any AWS call is made.
 */
export function readSettings(
  environment: Readonly<Record<string, string | undefined>> = process.env,
): ServerlessSettings {
  const parsed = schema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new SettingsError(`invalid fargate-fit settings: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  const accounts = env[ENV.accounts];
  let accountSource: AccountSource = { kind: 'self' };
  if (accounts.includes('organization')) {
    if (accounts.length > 1) {
      throw new SettingsError(
        `invalid fargate-fit settings: ${ENV.accounts}: "organization" cannot be combined with account ids`,
      );
    }
    accountSource = { kind: 'organization' };
  } else if (accounts.length > 0) {
    accountSource = { kind: 'list', accounts: [...new Set(accounts)] };
  }
  return {
    tableName: env[ENV.tableName],
    topicArn: env[ENV.topicArn],
    stateMachineArn: env[ENV.stateMachineArn],
    accounts: accountSource,
    regions: [...new Set(env[ENV.regions])],
    memberRoleName: env[ENV.memberRoleName],
    externalId: env[ENV.externalId],
    alertOn: env[ENV.alertOn],
    messageFormat: env[ENV.messageFormat],
    savingsThresholdUsd: env[ENV.savingsThresholdUsd],
    topSavings: env[ENV.topSavings],
    historyDays: env[ENV.historyDays],
    deadlineReserveSeconds: env[ENV.deadlineReserveSeconds],
    onDemandConcurrency: env[ENV.onDemandConcurrency],
    suppressionsFile: env[ENV.suppressionsFile],
    slackWebhookParameter: env[ENV.slackWebhookParameter],
    reportBucket: env[ENV.reportBucket],
    reportPrefix: env[ENV.reportPrefix],
    reportLinkExpirySeconds: env[ENV.reportLinkExpirySeconds],
    reportKmsKeyArn: env[ENV.reportKmsKeyArn],
    region: env[ENV.region],
  };
}

/** The setting, or a {@link SettingsError} naming its variable when a function needs it and it is unset. */
export function required<K extends keyof ServerlessSettings>(
  settings: ServerlessSettings,
  key: K,
): NonNullable<ServerlessSettings[K]> {
  const value = settings[key];
  if (value === null || value === undefined) {
    throw new SettingsError(`${ENV[key]} must be set for this function`);
  }
  return value as NonNullable<ServerlessSettings[K]>;
}
