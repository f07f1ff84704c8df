/**
 * The events the Lambdas accept, each a zod schema validated before any work starts: a bad
 * payload is refused with every problem named by its field, and nothing is scanned or written.
 */
import { z } from 'zod';
import type { Gap } from '../findings/result.js';
import type { ScanRef, ScanScope, ScanTarget } from '../sinks/dynamodb/records.js';
import type { SnsNotification } from '../sinks/slack.js';

/** A payload that does not match its schema; the message names each offending field. */
export class PayloadError extends Error {
  override readonly name = 'PayloadError';
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
  }
}

const accountId = z.string().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account id' });
const regionCode = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, { message: 'must be a region code such as us-east-1' });
const clusterName = z.string().min(1, { message: 'must not be empty' }).max(2048);
/** Kubernetes namespace names are DNS labels (RFC 1123). */
const namespaceName = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, {
  message: 'must be a Kubernetes namespace name (RFC 1123 label)',
});

const distinctList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .min(1, { message: 'must list at least one value (leave the field out to mean all)' })
    .max(max, { message: `must list at most ${max} values` })
    .refine((values) => new Set(values).size === values.length, { message: 'must not repeat a value' });

/**
 * The on-demand invocation of scanTarget (`aws lambda invoke`). Every field is optional: accounts
 * default to the function's own account, regions to its region, and no cluster or namespace
 * filter means everything. `dryRun` scans and returns the summary without writing or publishing;
 * `notify` forces (true) or suppresses (false) the SNS message.
 */
export const onDemandPayloadSchema = z.strictObject({
  accounts: distinctList(accountId, 50).optional(),
  regions: distinctList(regionCode, 40).optional(),
  clusters: distinctList(clusterName, 100).optional(),
  namespaces: distinctList(namespaceName, 100).optional(),
  dryRun: z.boolean({ message: 'must be true or false' }).optional(),
  notify: z.boolean({ message: 'must be true or false' }).optional(),
});

/** A validated on-demand request. */
export type OnDemandPayload = z.infer<typeof onDemandPayloadSchema>;

const scanRefSchema = z.strictObject({
  scanId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, { message: 'must be 1-80 letters, digits, - or _' }),
  startedAt: z.iso.datetime({ message: 'must be an ISO 8601 UTC timestamp' }),
  trigger: z.enum(['schedule', 'on-demand', 'cli']),
});

const scopeSchema = z.strictObject({
  clusters: z.array(clusterName).nullable(),
  namespaces: z.array(namespaceName).nullable(),
});

const targetSchema = z.strictObject({ account: accountId, region: regionCode });

/** One item of the state machine's Distributed Map: a target of a running scan. */
export const targetPayloadSchema = z.strictObject({
  scan: scanRefSchema,
  scope: scopeSchema,
  target: targetSchema,
  dryRun: z.boolean().optional(),
});

/** A validated state machine item. */
export type TargetPayload = z.infer<typeof targetPayloadSchema>;

/** The state machine's input, as scheduledScan starts it; the summarize step receives it back. */
export const scanPlanSchema = z.strictObject({
  scan: scanRefSchema,
  scope: scopeSchema,
  targets: z.array(targetSchema).min(1, { message: 'must list at least one target' }),
  notify: z.boolean().nullable(),
  /** Set by the state machine's Catch when the fan-out failed beyond its tolerance. */
  mapError: z.looseObject({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

/** A validated scan plan (the state machine's input). */
export type ScanPlan = z.infer<typeof scanPlanSchema>;

/** The EventBridge scheduled event: only its scheduled time matters (it names the scan). */
export const scheduledEventSchema = z.looseObject({
  time: z.iso.datetime({ message: 'must be the ISO 8601 time EventBridge scheduled the run for' }),
});

/**
 * Formats zod issues as `field: problem` lines. Unknown fields are named too, with the fields the
 * payload allows when they are known (a typo such as `acounts` is then obvious).
 */
export function describeIssues(error: z.ZodError, allowedTopLevel: readonly string[] = []): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`))
      .join('');
    if (issue.code === 'unrecognized_keys') {
      const fields = issue.keys.map((key) => (path ? `${path}.${key}` : key));
      const allowed =
        path === '' && allowedTopLevel.length > 0 ? ` (allowed: ${allowedTopLevel.join(', ')})` : '';
      return `${fields.join(', ')}: unknown field${fields.length > 1 ? 's' : ''}${allowed}`;
    }
    return `${path || '(payload)'}: ${issue.message}`;
  });
}

/** Validates `value` with `schema`, throwing a {@link PayloadError} that names every bad field. */
export function parsePayload<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const problems = describeIssues(parsed.error, allowed);
  throw new PayloadError(`invalid ${what}: ${problems.join('; ')}`, problems);
}

/** The kind of event scanTarget received: a Map item carries a `target`; anything else is on-demand. */
export function isTargetPayload(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'target' in event;
}

/** `2026-11-27T02:00:00.000Z` → `20261127T020000Z`: a timestamp usable in ids and execution names. */
export function compactTimestamp(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** A scan ref for a scheduled run: the id comes from the scheduled time, so a redelivered event
 * names the same scan (and Step Functions refuses a second execution of that name). */
export function scheduledScanRef(time: string): ScanRef {
  const startedAt = new Date(time).toISOString();
  return { scanId: `scheduled-${compactTimestamp(startedAt)}`, startedAt, trigger: 'schedule' };
}

/** A scan ref for an on-demand run; the request id keeps Lambda's own retries on the same scan. */
export function onDemandScanRef(now: Date, requestId: string): ScanRef {
  const startedAt = now.toISOString();
  const suffix = requestId.replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'local';
  return { scanId: `ondemand-${compactTimestamp(startedAt)}-${suffix}`, startedAt, trigger: 'on-demand' };
}

/** The scope of an on-demand payload. */
export function scopeOf(payload: Pick<OnDemandPayload, 'clusters' | 'namespaces'>): ScanScope {
  return { clusters: payload.clusters ?? null, namespaces: payload.namespaces ?? null };
}

/** Every (account, region) pair, accounts outer, in the given order. */
export function targetsOf(accounts: readonly string[], regions: readonly string[]): ScanTarget[] {
  return accounts.flatMap((account) => regions.map((region) => ({ account, region })));
}

/** What scanTarget was invoked with: a Map item of a running scan, or an on-demand request. */
export type ScanTargetEvent =
  | { readonly kind: 'target'; readonly payload: TargetPayload }
  | { readonly kind: 'on-demand'; readonly payload: OnDemandPayload };

/** Validates a scanTarget event (see {@link isTargetPayload}); throws a {@link PayloadError}. */
export function parseScanTargetEvent(event: unknown): ScanTargetEvent {
  // `aws lambda invoke` without --payload delivers an empty object; treat a missing event the same.
  const value = event ?? {};
  return isTargetPayload(value)
    ? { kind: 'target', payload: parsePayload(targetPayloadSchema, value, 'scan target payload') }
    : { kind: 'on-demand', payload: parsePayload(onDemandPayloadSchema, value, 'on-demand payload') };
}

/** The gap a summary reports when the state machine's fan-out failed beyond its tolerance. */
export function mapErrorGap(mapError: NonNullable<ScanPlan['mapError']>): Gap {
  const cause = (mapError.Cause ?? '').slice(0, 500);
  return {
    scope: 'scan',
    errorName: mapError.Error ?? 'MapRunFailed',
    message: `the fan-out over targets stopped before every target finished${cause ? `: ${cause}` : ''}`,
  };
}

/** An SNS event delivered to a Lambda subscriber (the parts the Slack notifier reads). */
export const snsEventSchema = z.looseObject({
  Records: z
    .array(
      z.looseObject({
        Sns: z.looseObject({
          Message: z.string(),
          Subject: z.string().nullable().optional(),
          MessageAttributes: z
            .record(z.string(), z.looseObject({ Type: z.string(), Value: z.string() }))
            .optional(),
        }),
      }),
    )
    .min(1, { message: 'must hold at least one SNS record' }),
});

/** The notifications of an SNS event, in the form the Slack notifier takes. */
export function snsNotificationsOf(event: z.infer<typeof snsEventSchema>): SnsNotification[] {
  return event.Records.map(({ Sns }) => ({
    subject: Sns.Subject ?? null,
    message: Sns.Message,
    format: Sns.MessageAttributes?.format?.Value ?? null,
  }));
}
