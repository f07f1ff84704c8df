import { describe, expect, it } from 'vitest';
import type { Gap, WorkloadResult } from '../../../lib/findings/result.js';
import {
  buildDigest,
  DEFAULT_DIGEST_SETTINGS,
  type TargetComparison,
} from '../../../lib/serverless/digest.js';
import {
  CHATBOT_MAX_DESCRIPTION_CHARS,
  countClusterFindings,
  formatUsd,
  type ReportLink,
  reportLinkIn,
  SNS_MAX_MESSAGE_BYTES,
  subjectOf,
  toSummaryMessage,
  withoutReportLink,
} from '../../../lib/sinks/sns-summary.js';
import {
  ACCOUNT,
  clusterResult,
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

describe('toSummaryMessage: savings by direction', () => {
  const onFargate = (name: string, savings: number) =>
    ecsResult(name, { verdict: 'eligible', savings, launchType: 'FARGATE' });

  it('headlines the move to Fargate and gives the move of Fargate workloads to EC2 its own line', () => {
    const current = [...defaultCurrent(), onFargate('queue', 20), onFargate('cron', -5.5)];
    const { message, attributes } = toSummaryMessage(digest(current), { format: 'text' });
    expect(message).toContain('if every eligible workload moved to Fargate: $1,234.60\n');
    expect(message).toContain(
      'Already on Fargate (2 workloads): moving the eligible ones to EC2 would save $14.50 a month',
    );
    expect(attributes.monthlySavingsUsd?.StringValue).toBe('1234.60');
    const costlier = toSummaryMessage(digest([onFargate('cron', -5.5)]), { format: 'text' }).message;
    expect(costlier).toContain('moving the eligible ones to EC2 would cost $5.50 more a month');
  });

  it('leaves the EC2 line out when nothing runs on Fargate', () => {
    expect(toSummaryMessage(digest(), { format: 'text' }).message).not.toContain('Already on Fargate');
  });

  it('marks a top saving that is a move to EC2', () => {
    const { message } = toSummaryMessage(digest([onFargate('queue', 20)]), { format: 'text' });
    expect(message).toContain(
      '  - $20.00/month — queue (ecs-service) 111122223333 us-east-1 prod [eligible] — on Fargate now, saved by moving to EC2',
    );
  });
});

describe('toSummaryMessage: the report link', () => {
  const url =
    'https://reports.s3.us-east-1.amazonaws.com/reports/scan-1/report.html?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc123';
  const uploaded: ReportLink = {
    status: 'uploaded',
    url,
    expiresAt: '2026-11-28T10:00:00.000Z',
    location: 's3://reports/reports/scan-1/report.html',
  };

  it('links the report in the text form, says how long the link lasts and where the file stays', () => {
    const { message } = toSummaryMessage(digest(), { format: 'text', report: uploaded });
    expect(message).toContain(
      `Full report (HTML, link valid until 2026-11-28T10:00:00Z at the latest): ${url}\nReport file: s3://reports/reports/scan-1/report.html\n`,
    );
    expect(reportLinkIn(message)).toEqual({
      url,
      note: 'HTML, link valid until 2026-11-28T10:00:00Z at the latest',
    });
    expect(withoutReportLink(message)).not.toContain(url);
    expect(withoutReportLink(message)).toContain('Report file: s3://');
  });

  it('says the report could not be uploaded, with no link, when the upload failed', () => {
    const failed: ReportLink = { status: 'failed' };
    const text = toSummaryMessage(digest(), { format: 'text', report: failed }).message;
    expect(text).toContain('Full report: could not be uploaded this time');
    expect(text).not.toContain('https://');
    expect(reportLinkIn(text)).toBeNull();
    const chatbot = JSON.parse(toSummaryMessage(digest(), { format: 'chatbot', report: failed }).message);
    expect(chatbot.content.description).toContain('Full report: could not be uploaded this time');
  });

  it('puts the link first among the Chatbot next steps, outside the size-capped description', () => {
    const notification = JSON.parse(
      toSummaryMessage(digest(), { format: 'chatbot', report: uploaded }).message,
    );
    expect(notification.content.nextSteps[0]).toBe(
      `<${url}|Open the full report> (HTML, link valid until 2026-11-28T10:00:00Z at the latest).`,
    );
    expect(notification.content.description).not.toContain(url);
  });

  it('says nothing of a report when no bucket is configured', () => {
    expect(toSummaryMessage(digest(), { format: 'text' }).message).not.toContain('Full report');
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

describe('toSummaryMessage: cluster compliance findings', () => {
  const platform = clusterResult('platform', {
    findings: [
      ...clusterResult('platform').findings,
      { ...clusterResult('platform').findings[0]!, ruleId: 'eks-supported-version', severity: 'advisory' },
    ],
  });
  const sandbox = clusterResult('sandbox', { scope: 'ecs' });
  const counts = countClusterFindings([platform, sandbox]);

  it('counts them by severity in one headline, after the workloads', () => {
    const { message } = toSummaryMessage(digest(), { format: 'text', clusterFindings: counts });
    expect(message).toContain(
      'Workloads: 3 — 1 eligible, 1 eligible with changes, 1 ineligible, 0 unknown\n' +
        'Clusters: 2 — 3 compliance findings (0 blockers, 2 fixable, 1 advisory)\n',
    );
    const chatbot = JSON.parse(
      toSummaryMessage(digest(), { format: 'chatbot', clusterFindings: counts }).message,
    );
    expect(chatbot.content.description).toContain('Clusters: 2 — 3 compliance findings');
  });

  it('leaves suppressed findings out of the count and says when a check could not run', () => {
    const muted = clusterResult('muted', {
      findings: [
        {
          ...clusterResult('muted').findings[0]!,
          severity: 'blocker',
          suppressed: { owner: 'ana', reason: 'private by VPN', expires: '2026-12-31' },
        },
      ],
      errors: [{ ruleId: 'eks-audit-logging', message: 'boom' }],
    });
    const { message } = toSummaryMessage(digest(), {
      format: 'text',
      clusterFindings: countClusterFindings([muted]),
    });
    expect(message).toContain(
      'Clusters: 1 — 0 compliance findings (0 blockers, 0 fixable, 0 advisory); 1 check could not run',
    );
  });

  it('says nothing of clusters when the scan read none', () => {
    const none = toSummaryMessage(digest(), { format: 'text', clusterFindings: countClusterFindings([]) });
    expect(none.message).not.toContain('Clusters:');
    expect(none.message).toBe(toSummaryMessage(digest(), { format: 'text' }).message);
  });

  it('stays under 256 KB with thousands of changes and a cluster line', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => ecsResult(`svc-${i}-${'x'.repeat(80)}`));
    const { bytes, message } = toSummaryMessage(digest(many, []), {
      format: 'text',
      clusterFindings: counts,
    });
    expect(bytes).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);
    expect(message).toContain('Clusters: 2 — 3 compliance findings');
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
