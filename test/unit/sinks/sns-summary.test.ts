import { describe, expect, it } from 'vitest';
import type { Gap, WorkloadResult } from '../../../lib/findings/result.js';
import {
  buildDigest,
  DEFAULT_DIGEST_SETTINGS,
  type TargetComparison,
} from '../../../lib/serverless/digest.js';
import {
  CHATBOT_MAX_DESCRIPTION_CHARS,
  formatUsd,
  SNS_MAX_MESSAGE_BYTES,
  subjectOf,
  toSummaryMessage,
} from '../../../lib/sinks/sns-summary.js';
import {
  ACCOUNT,
  ecsResult,
  OTHER_ACCOUNT,
  REGION,
  runOf,
  scanRef,
  stored,
  TARGET,
} from '../serverless/results.js';

const before = scanRef(26);
const now = scanRef(27);

function digest(
  current: WorkloadResult[] = defaultCurrent(),
  previous: WorkloadResult[] | null = defaultPrevious(),
  gaps: Gap[] = [],
) {
  const comparison: TargetComparison = {
    target: TARGET,
    run: runOf(now, current, { gaps, status: gaps.length ? 'partial' : 'complete' }),
    workloads: current.map((r) => stored(r, now)),
    baseline: previous
      ? { run: runOf(before, previous), workloads: previous.map((r) => stored(r, before)) }
      : null,
    previousGaps: previous ? [] : null,
  };
  const other: TargetComparison = {
    target: { account: OTHER_ACCOUNT, region: REGION },
    run: runOf(now, [], {}, { account: OTHER_ACCOUNT, region: REGION }),
    workloads: [],
    baseline: null,
    previousGaps: [],
  };
  return buildDigest({
    scan: now,
    comparisons: [comparison, other],
    suppressions: [
      { workloadId: '*', ruleId: 'ecs-privileged', owner: 'ana', reason: 'agents', expires: '2026-12-03' },
    ],
    settings: DEFAULT_DIGEST_SETTINGS,
  });
}

const defaultPrevious = () => [ecsResult('web', { verdict: 'eligible' }), ecsResult('old')];
const defaultCurrent = () => [
  ecsResult('web'),
  ecsResult('new-api', { verdict: 'eligible', savings: 1234.5 }),
  ecsResult('batch', { verdict: 'eligible-with-changes', savings: 0.1 }),
];

describe('toSummaryMessage (text)', () => {
  it('says what changed, what it would save and what to look at, as plain text', () => {
    const { message, subject } = toSummaryMessage(digest(), { format: 'text' });
    expect(subject).toBe('fargate-fit: 1 newly ineligible, 2 new, 1 changed, 1 resolved');
    expect(message).toContain('Workloads: 3 — 1 eligible, 1 eligible with changes, 1 ineligible, 0 unknown');
    expect(message).toContain('if every eligible workload moved to Fargate: $1,234.60');
    expect(message).toContain('New since the last scan (2):');
    expect(message).toMatch(
      /web \(ecs-service\) 111122223333 us-east-1 prod: eligible → ineligible; findings changed — blockers: ecs-privileged/,
    );
    expect(message).toContain('old (ecs-service) 111122223333 us-east-1 prod — no longer running');
    expect(message).toContain('  - $1,234.50/month — new-api');
    expect(message).toContain('ecs-privileged on every workload until 2026-12-03 (owner ana): agents');
    expect(message).not.toMatch(/not shown/);
  });

  it('tags the message for subscription filter policies', () => {
    const { attributes } = toSummaryMessage(digest(), { format: 'text' });
    expect(attributes).toEqual({
      eventType: { DataType: 'String', StringValue: 'scan-summary' },
      severity: { DataType: 'String', StringValue: 'warning' },
      account: { DataType: 'String.Array', StringValue: JSON.stringify([ACCOUNT, OTHER_ACCOUNT]) },
      hasNewIneligible: { DataType: 'String', StringValue: 'true' },
      hasChanges: { DataType: 'String', StringValue: 'true' },
      hasNewGaps: { DataType: 'String', StringValue: 'false' },
      scanId: { DataType: 'String', StringValue: now.scanId },
      trigger: { DataType: 'String', StringValue: 'schedule' },
      format: { DataType: 'String', StringValue: 'text' },
      monthlySavingsUsd: { DataType: 'Number', StringValue: '1234.60' },
    });
    expect(Object.keys(attributes).length).toBeLessThanOrEqual(10);
  });

  it('is an info message with a quiet subject when nothing changed', () => {
    const same = [ecsResult('web')];
    const quiet = toSummaryMessage(digest(same, same), { format: 'text' });
    expect(quiet.subject).toBe('fargate-fit: no changes (1 workload)');
    expect(quiet.attributes.severity?.StringValue).toBe('info');
    expect(quiet.attributes.hasChanges?.StringValue).toBe('false');
  });

  it('stays under 256 KB with thousands of changes and says how many entries it left out', () => {
    const many = Array.from({ length: 4000 }, (_, i) =>
      ecsResult(`service-${String(i).padStart(4, '0')}-${'x'.repeat(60)}`),
    );
    const summary = toSummaryMessage(digest(many, []), {
      format: 'text',
      fullListsAt: 'the DynamoDB table findings',
    });
    expect(summary.bytes).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);
    expect(Buffer.byteLength(summary.message)).toBeLessThan(SNS_MAX_MESSAGE_BYTES);
    expect(summary.omittedEntries).toBeGreaterThan(0);
    expect(summary.message).toContain(
      `${summary.omittedEntries} more entries not shown (message size limit); the full lists are in the DynamoDB table findings.`,
    );
    const listed = summary.message
      .split('\n')
      .filter((line) => line.startsWith('  - [ineligible] service-')).length;
    expect(listed + summary.omittedEntries).toBeGreaterThanOrEqual(4000);
  });

  it('keeps the subject within 100 ASCII characters', () => {
    const names = Array.from({ length: 3 }, (_, i) => ecsResult(`sérvice-${i}`));
    const subject = subjectOf(digest(names, null));
    expect(subject.length).toBeLessThanOrEqual(100);
    expect(subject).toMatch(/^[\x20-\x7e]+$/);
    expect(subject).toBe('fargate-fit: first scan, 3 workloads, 3 ineligible');
  });
});

describe('toSummaryMessage (chatbot)', () => {
  it('renders an AWS Chatbot custom notification with a short markdown description', () => {
    const many = Array.from({ length: 300 }, (_, i) => ecsResult(`svc-${i}`));
    const { message, attributes, omittedEntries } = toSummaryMessage(digest(many, []), { format: 'chatbot' });
    const notification = JSON.parse(message);
    expect(notification).toMatchObject({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown' },
      metadata: { eventType: 'scan-summary', threadId: 'fargate-fit-scan-summary' },
    });
    expect(notification.content.title).toContain(':warning:');
    expect(notification.content.description.length).toBeLessThanOrEqual(CHATBOT_MAX_DESCRIPTION_CHARS);
    expect(notification.content.description).toContain('*New since the last scan (300)*');
    expect(omittedEntries).toBeGreaterThan(0);
    expect(attributes.format?.StringValue).toBe('chatbot');
  });
});

describe('formatUsd', () => {
  it('formats exactly, with thousands separators and a sign', () => {
    expect(formatUsd(1234567.005)).toBe('$1,234,567.01');
    expect(formatUsd(0.1 + 0.2)).toBe('$0.30');
    expect(formatUsd(-12)).toBe('-$12.00');
    expect(formatUsd(0)).toBe('$0.00');
  });
});
