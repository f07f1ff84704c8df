import 'aws-sdk-client-mock-vitest/extend';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandler as createScanTarget } from '../../../functions/scan-target.js';
import { createHandler as createSummarize } from '../../../functions/summarize.js';
import type { ClusterResult, ReportDocument, WorkloadResult } from '../../../lib/findings/result.js';
import type { OnDemandOutcome } from '../../../lib/serverless/on-demand.js';
import type { TargetScanner } from '../../../lib/serverless/target-run.js';
import { FileItemTable } from '../../../lib/sinks/dynamodb/file-table.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import type { SummaryMessage } from '../../../lib/sinks/sns-summary.js';
import { ACCOUNT, clusterResult, ecsResult, REGION, scanRef } from './results.js';
import { captureLogs, lambdaContext, testRuntime } from './runtime-fixture.js';

// Static credentials: presigning is computed locally; the mock answers every S3 call in memory.
const s3 = new S3Client({
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDSUMMARIZETEST', secretAccessKey: 'summarize-test-secret' },
});
const s3Mock = mockClient(s3);
const BUCKET = 'fargate-fit-reports-test';
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

let directory: string;
let logs: ReturnType<typeof captureLogs>;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fargate-fit-summarize-report-'));
  logs = captureLogs();
  s3Mock.reset();
});
afterEach(async () => {
  logs.restore();
  await rm(directory, { recursive: true, force: true });
});

const results: readonly WorkloadResult[] = [
  ecsResult('orders-api', { verdict: 'eligible', savings: 120.5 }),
  ecsResult('queue-worker', { verdict: 'eligible', savings: 14.25, launchType: 'FARGATE' }),
  ecsResult('legacy-batch'),
];
const clusters: readonly ClusterResult[] = [
  clusterResult('platform', {
    findings: [
      ...clusterResult('platform').findings,
      {
        ruleId: 'eks-audit-logging',
        category: 'compliance',
        severity: 'advisory',
        title: 'EKS cluster control-plane audit logging is enabled',
        message: 'Cluster platform does not send audit logs to CloudWatch Logs.',
        fix: 'Enable the audit log type.',
        docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html',
      },
    ],
  }),
  clusterResult('prod-ec2', { scope: 'ecs' }),
];
const scan = scanRef(27);
const target = { account: ACCOUNT, region: REGION };
const plan = { scan, scope: { clusters: null, namespaces: null }, targets: [target], notify: null };

/** A file-backed store, a recording publisher and the mocked S3 client, behind the test runtime. */
function reportingRuntime(environment: Record<string, string>) {
  const store = new FindingsStore(new FileItemTable(join(directory, 'store.json')));
  const published: SummaryMessage[] = [];
  const runtime = () =>
    testRuntime({
      store,
      scanner: (async () => ({ results, clusters, gaps: [], throttles: 0 })) satisfies TargetScanner,
      publish: async (message) => {
        published.push(message);
        return `message-${published.length}`;
      },
      environment,
      now: new Date('2026-11-27T10:00:00.000Z'),
      reportClients: { s3, presign: getSignedUrl },
    });
  return { store, published, runtime };
}

/** Scans one target into a file-backed store, then summarizes it with the given environment. */
async function summarizeWith(environment: Record<string, string>) {
  const { store, published, runtime } = reportingRuntime(environment);
  await createScanTarget(runtime)({ scan, scope: plan.scope, target }, lambdaContext());
  const summarize = createSummarize(runtime);
  const outcome = await summarize(plan, lambdaContext());
  return { outcome, published, store, summarize };
}

function uploadedHtml(): string {
  const [call] = s3Mock.commandCalls(PutObjectCommand);
  return String(call?.args[0].input.Body);
}

/** The report document the HTML page embeds (element `report-data`). */
function embeddedReport(html: string): ReportDocument {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no report-data element in the report');
  return (JSON.parse(match[1]!) as { report: ReportDocument }).report;
}

describe('summarize with a report bucket', () => {
  it('uploads the HTML report of the scan under its own key and links it from the message', async () => {
    s3Mock.on(PutObjectCommand).resolves({ ETag: '"1"' });
    const { outcome, published, store } = await summarizeWith({ FARGATE_FIT_REPORT_BUCKET: BUCKET });

    const key = `reports/${scan.scanId}/report.html`;
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: key,
      ContentType: 'text/html; charset=utf-8',
      ServerSideEncryption: 'AES256',
      ExpectedBucketOwner: ACCOUNT,
    });
    // The same report the CLI renders: self-contained HTML with every workload of the run.
    const html = uploadedHtml();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const name of ['orders-api', 'queue-worker', 'legacy-batch']) expect(html).toContain(name);
    expect(html).toContain(`scan ${scan.scanId}`);

    const message = published[0]!.message;
    const line = message.split('\n').find((l) => l.startsWith('Full report'))!;
    expect(line).toMatch(
      /^Full report \(HTML, link valid until 2026-11-28T10:00:00Z at the latest\): https:\/\//,
    );
    const url = new URL(line.slice(line.indexOf('https://')));
    expect(url.pathname).toContain(key);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('86400');
    expect(message).toContain(`Report file: s3://${BUCKET}/${key}`);

    // The link is a credential while it lives: not in the result, the stored summary or a log line.
    const signature = url.searchParams.get('X-Amz-Signature')!;
    expect(outcome).toMatchObject({ report: { bucket: BUCKET, key, uploaded: true } });
    expect(JSON.stringify(outcome)).not.toContain(signature);
    expect(JSON.stringify(await store.summary(scan.scanId))).not.toContain(signature);
    expect((await store.summary(scan.scanId))?.report).toEqual({ bucket: BUCKET, key, uploaded: true });
    expect(logs.text()).not.toContain(signature);
    expect(logs.lines().find((l) => l.message === 'scan report uploaded')).toMatchObject({
      bucket: BUCKET,
      key,
    });
  });

  it('encrypts with the configured KMS key, under the configured prefix and link lifetime', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const { published } = await summarizeWith({
      FARGATE_FIT_REPORT_BUCKET: BUCKET,
      FARGATE_FIT_REPORT_PREFIX: 'fargate-fit/',
      FARGATE_FIT_REPORT_LINK_EXPIRY_SECONDS: '3600',
      FARGATE_FIT_REPORT_KMS_KEY_ARN: KEY_ARN,
    });
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Key: `fargate-fit/${scan.scanId}/report.html`,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KEY_ARN,
    });
    expect(published[0]!.message).toContain('link valid until 2026-11-27T11:00:00Z at the latest');
    expect(published[0]!.message).toMatch(/X-Amz-Expires=3600/);
  });

  it('publishes the summary without a link when the upload fails, and logs why', async () => {
    s3Mock.on(PutObjectCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        message: 'User is not authorized to perform: s3:PutObject',
        $fault: 'client',
        $metadata: { httpStatusCode: 403 },
      }),
    );
    const { outcome, published, store } = await summarizeWith({ FARGATE_FIT_REPORT_BUCKET: BUCKET });

    expect(published).toHaveLength(1);
    expect(published[0]!.message).toContain('Full report: could not be uploaded this time');
    expect(published[0]!.message).not.toMatch(/https?:\/\//);
    expect(outcome).toMatchObject({
      notification: { reason: 'changes', messageId: 'message-1' },
      report: { bucket: BUCKET, uploaded: false },
    });
    expect((await store.summary(scan.scanId))?.report?.uploaded).toBe(false);
    const error = logs
      .lines()
      .find((l) => l.message?.toString().startsWith('the scan report could not be uploaded'));
    expect(error).toMatchObject({
      level: 'ERROR',
      bucket: BUCKET,
      errorName: 'SinkError',
      causeName: 'AccessDenied',
      errorMessage: expect.stringContaining('not authorized to perform: s3:PutObject'),
    });
  });

  it('uploads nothing again when the scan was already summarized', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const { summarize } = await summarizeWith({ FARGATE_FIT_REPORT_BUCKET: BUCKET });
    expect(await summarize(plan, lambdaContext())).toMatchObject({ alreadySummarized: true });
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 1);
  });
});

describe('the cluster compliance findings of a scan', () => {
  it('are in the uploaded report, as the CLI puts them in its own', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    await summarizeWith({ FARGATE_FIT_REPORT_BUCKET: BUCKET });
    const html = uploadedHtml();
    const report = embeddedReport(html);
    // Stored and read back in sort-key order: the ECS ARN before the EKS one.
    expect(report.clusters).toEqual([clusters[1], clusters[0]]);
    expect(html).toContain('Cluster platform serves its API endpoint publicly to any address.');
  });

  it('are counted by severity in one headline of the summary', async () => {
    const { published } = await summarizeWith({});
    const lines = published[0]!.message.split('\n');
    const workloads = lines.findIndex((line) => line.startsWith('Workloads: '));
    expect(lines[workloads + 1]).toBe(
      'Clusters: 2 — 3 compliance findings (0 blockers, 2 fixable, 1 advisory)',
    );
  });
});

describe('summarize without a report bucket', () => {
  it('makes no S3 call and sends the summary with no report line', async () => {
    const { outcome, published } = await summarizeWith({});
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 0);
    expect(published[0]!.message).not.toContain('Full report');
    expect(outcome).toMatchObject({ report: null });
  });

  it('reports each direction of the savings apart', async () => {
    const { outcome, published } = await summarizeWith({});
    expect(outcome).toMatchObject({
      monthlySavingsUsd: 120.5,
      monthlySavingsByDirection: { ec2ToFargate: 120.5, fargateToEc2: 14.25 },
    });
    expect(published[0]!.message).toContain(
      'Already on Fargate (1 workload): moving the eligible ones to EC2 would save $14.25 a month',
    );
  });
});

describe('an on-demand scan with a report bucket', () => {
  /** Invokes scanTarget directly (no state machine): it scans, then summarizes in-process. */
  async function onDemand(payload: Record<string, unknown>) {
    const { published, runtime } = reportingRuntime({ FARGATE_FIT_REPORT_BUCKET: BUCKET });
    const handler = createScanTarget(runtime);
    const outcome = (await handler(payload, lambdaContext(600_000, 'req-7'))) as OnDemandOutcome;
    return { outcome, published };
  }

  it('uploads its report and links it from the message, as the nightly summary does', async () => {
    s3Mock.on(PutObjectCommand).resolves({});
    const { outcome, published } = await onDemand({});
    const key = `reports/${outcome.scanId}/report.html`;
    expect(s3Mock).toHaveReceivedCommandWith(PutObjectCommand, {
      Bucket: BUCKET,
      Key: key,
      ContentType: 'text/html; charset=utf-8',
      ExpectedBucketOwner: ACCOUNT,
    });
    expect(uploadedHtml()).toContain('Cluster platform does not send audit logs to CloudWatch Logs.');
    const link = published[0]!.message.split('\n').find((l) => l.startsWith('Full report'));
    expect(link).toMatch(/^Full report \(HTML, link valid until .*\): https:\/\/.*report\.html\?/);
    // The function's answer says where the report is, never the link (a bearer credential).
    expect(outcome.report).toEqual({ bucket: BUCKET, key, uploaded: true });
    expect(JSON.stringify(outcome)).not.toContain('X-Amz-Signature');
  });

  it('uploads nothing on a dry run', async () => {
    const { outcome } = await onDemand({ dryRun: true });
    expect(s3Mock).toHaveReceivedCommandTimes(PutObjectCommand, 0);
    expect(outcome.report).toBeNull();
    expect(outcome.message).not.toContain('Full report (HTML');
  });
});
