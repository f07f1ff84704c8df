/**
 * The serverless product end to end, in process: the real handlers (functions/*) with the
 * production runtime (lib/serverless/runtime.ts and the full scan pipeline), talking over the wire
 * to the project's AWS + Kubernetes emulator (the estate), DynamoDB Local (the findings table) and
 * fauxqs (the SNS topic, delivering to an SQS queue this test reads, and the S3 bucket of the
 * reports). Step Functions is replaced by a small in-process executor that runs the same
 * Map-then-Summarize flow as serverless.yml.
 */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createScanTarget } from '../../../functions/scan-target.js';
import { createHandler as createScheduledScan } from '../../../functions/scheduled-scan.js';
import { createHandler as createSummarize } from '../../../functions/summarize.js';
import type { ClusterResult, ReportDocument } from '../../../lib/findings/result.js';
import { listActiveAccounts } from '../../../lib/inventory/org/list-accounts.js';
import { defaultScanDeps } from '../../../lib/inventory/scan.js';
import type { ScanPlan } from '../../../lib/serverless/payload.js';
import { pipelineScanner } from '../../../lib/serverless/pipeline-scanner.js';
import type { StartExecution } from '../../../lib/serverless/plan.js';
import { createRuntime, documentClient, type ServerlessRuntime } from '../../../lib/serverless/runtime.js';
import { readSettings } from '../../../lib/serverless/settings.js';
import type { TargetOutcome } from '../../../lib/serverless/target-run.js';
import { DynamoDbItemTable } from '../../../lib/sinks/dynamodb/dynamodb-table.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_CANARIES,
  DEMO_REGION,
  DEMO_ROLE,
  DEMO_SANDBOX_ACCOUNT,
  ecsContainer,
  ecsTaskDefinition,
  type RunningEmulator,
  type Scenario,
  startEmulator,
} from '../../emulator/index.js';
import { createFindingsTable, type DynamoDbLocal, startDynamoDbLocal } from '../../support/dynamodb-local.js';
import { type DeliveredMessage, type SnsEmulator, startSnsEmulator } from '../../support/fauxqs.js';
import { captureLogs, lambdaContext } from '../../unit/serverless/runtime-fixture.js';

const TABLE = 'fargate-fit-it-findings';
const THROTTLED_TABLE = 'fargate-fit-it-throttled';
const REPORT_BUCKET = 'fargate-fit-it-reports';

let dynamo: DynamoDbLocal;
let sns: SnsEmulator;
let emulator: RunningEmulator;
let logs: ReturnType<typeof captureLogs>;
const savedEnvironment = { ...process.env };

/** The changed estate of the second night: one service gone, one new, one made privileged. */
function changedScenario(): Scenario {
  const scenario = structuredClone(buildDemoScenario()) as Scenario & {
    accounts: { regions: { ecs?: Json }[] }[];
  };
  const ecs = scenario.accounts[0]!.regions[0]!.ecs as unknown as {
    taskDefinitions: Json[];
    clusters: { name: string; services: { name: string; taskDefinition: string }[] }[];
  };
  const prod = ecs.clusters.find((cluster) => cluster.name === 'prod-ec2')!;
  prod.services = prod.services.filter((service) => service.name !== 'report-worker');
  const orders = ecs.taskDefinitions.find((td) => td.family === 'orders-api') as Json & {
    containerDefinitions: Json[];
  };
  ecs.taskDefinitions.push({
    ...orders,
    revision: 10,
    containerDefinitions: orders.containerDefinitions.map((c) => ({ ...c, privileged: true })),
  });
  prod.services = prod.services.map((service) =>
    service.name === 'orders-api' ? { ...service, taskDefinition: 'orders-api:10' } : service,
  );
  ecs.taskDefinitions.push(
    ecsTaskDefinition({
      family: 'search-indexer',
      networkMode: 'host',
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [
        ecsContainer({
          name: 'indexer',
          image: 'public.ecr.aws/docker/library/busybox:1.37',
          cpu: 256,
          memory: 512,
          privileged: true,
        }),
      ],
    }) as unknown as Json,
  );
  prod.services.push({ name: 'search-indexer', taskDefinition: 'search-indexer:1' });
  return scenario;
}

type Json = Record<string, unknown>;

async function useEstate(scenario: Scenario): Promise<void> {
  if (emulator) await emulator.close();
  emulator = await startEmulator(scenario);
  Object.assign(process.env, emulator.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_SNS: sns.endpoint,
    // fauxqs serves S3 on the same loopback endpoint as SNS and SQS.
    AWS_ENDPOINT_URL_S3: sns.endpoint,
  });
}

const ENVIRONMENT = () => ({
  AWS_REGION: DEMO_REGION,
  FARGATE_FIT_TABLE: TABLE,
  FARGATE_FIT_TOPIC_ARN: sns.topicArn,
  FARGATE_FIT_STATE_MACHINE_ARN: `arn:aws:states:${DEMO_REGION}:${DEMO_ACCOUNT}:stateMachine:fargate-fit-it-scan`,
  FARGATE_FIT_ACCOUNTS: 'organization',
  FARGATE_FIT_MEMBER_ROLE_NAME: DEMO_ROLE.name,
  FARGATE_FIT_EXTERNAL_ID: DEMO_ROLE.externalId,
  FARGATE_FIT_DEADLINE_RESERVE_SECONDS: '30',
});

/** Runs what the state machine runs: scanTarget per target (failures tolerated), then summarize. */
function inProcessStateMachine(runtime: () => ServerlessRuntime, executions: Set<string>): StartExecution {
  return async (name, input) => {
    if (executions.has(name))
      throw Object.assign(new Error(`execution ${name} exists`), { name: 'ExecutionAlreadyExists' });
    executions.add(name);
    const plan = JSON.parse(input) as ScanPlan;
    const scanTarget = createScanTarget(runtime);
    const failures: unknown[] = [];
    await Promise.all(
      plan.targets.map((target) =>
        scanTarget({ scan: plan.scan, scope: plan.scope, target }, lambdaContext(840_000)).catch(
          (error: unknown) => failures.push(error),
        ),
      ),
    );
    const mapError =
      failures.length > plan.targets.length * 0.1
        ? { Error: 'States.ExceedToleratedFailureThreshold' }
        : undefined;
    await createSummarize(runtime)({ ...plan, ...(mapError ? { mapError } : {}) }, lambdaContext());
    return `arn:aws:states:${DEMO_REGION}:${DEMO_ACCOUNT}:execution:fargate-fit-it-scan:${name}`;
  };
}

function productionLikeRuntime(
  executions: Set<string>,
  store?: FindingsStore,
  environment: Record<string, string> = {},
): () => ServerlessRuntime {
  let runtime: ServerlessRuntime | undefined;
  const get = (): ServerlessRuntime => {
    if (runtime) return runtime;
    const settings = readSettings({ ...process.env, ...ENVIRONMENT(), ...environment });
    const base = createRuntime(settings, pipelineScanner, async () => {
      const { clients } = defaultScanDeps();
      try {
        return (await listActiveAccounts(clients.organizations(DEMO_REGION))).map((a) => a.id);
      } finally {
        clients.destroy();
      }
    });
    runtime = {
      ...base,
      startExecution: inProcessStateMachine(get, executions),
      ...(store ? { store: () => store } : {}),
    };
    return runtime;
  };
  return get;
}

const scheduledEvent = (time: string) => ({
  version: '0',
  id: `event-${time}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: DEMO_ACCOUNT,
  time,
  region: DEMO_REGION,
  resources: [`arn:aws:events:${DEMO_REGION}:${DEMO_ACCOUNT}:rule/fargate-fit-it-nightly`],
  detail: {},
});

async function tableItems(table = TABLE): Promise<Json[]> {
  const client = dynamo.client();
  const items: Json[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({ TableName: table, ...(start ? { ExclusiveStartKey: start as never } : {}) }),
    );
    items.push(...(out.Items ?? []).map((item) => unmarshall(item)));
    start = out.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return items.sort((a, b) => `${a.pk}\u0000${a.sk}`.localeCompare(`${b.pk}\u0000${b.sk}`));
}

const ofType = (items: Json[], type: string, scanId?: string) =>
  items.filter((item) => item.type === type && (scanId === undefined || item.scanId === scanId));
const names = (items: Json[]) => items.map((item) => (item.result as { name: string }).name).sort();
const clusterNames = (items: Json[]) =>
  items
    .map((item) => `${(item.cluster as ClusterResult).account}/${(item.cluster as ClusterResult).name}`)
    .sort();

/** The demo estate's clusters, by account: four in the main account, the sandbox's one. */
const DEMO_CLUSTERS = [
  `${DEMO_ACCOUNT}/analytics-ec2`,
  `${DEMO_ACCOUNT}/platform`,
  `${DEMO_ACCOUNT}/prod-ec2`,
  `${DEMO_ACCOUNT}/staging-fargate`,
  `${DEMO_SANDBOX_ACCOUNT}/sandbox`,
];

/** The report document an HTML report embeds for its script (element `report-data`). */
function embeddedReport(html: string): ReportDocument {
  const match = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no report-data element in the report');
  return (JSON.parse(match[1]!) as { report: ReportDocument }).report;
}

function expectNoCanary(text: string): void {
  for (const canary of Object.values(DEMO_CANARIES)) expect(text).not.toContain(canary);
}

beforeAll(async () => {
  [dynamo, sns] = await Promise.all([startDynamoDbLocal(), startSnsEmulator()]);
  const client = dynamo.client();
  await createFindingsTable(client, TABLE);
  await createFindingsTable(client, THROTTLED_TABLE);
  client.destroy();
  const s3 = new S3Client({
    endpoint: sns.endpoint,
    region: DEMO_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await s3.send(new CreateBucketCommand({ Bucket: REPORT_BUCKET }));
  s3.destroy();
  await useEstate(buildDemoScenario());
  logs = captureLogs();
}, 120_000);

afterAll(async () => {
  logs?.restore();
  await emulator?.close();
  await sns?.stop();
  await dynamo?.stop();
  for (const key of Object.keys(process.env)) if (!(key in savedEnvironment)) delete process.env[key];
  Object.assign(process.env, savedEnvironment);
});

describe('nightly scans of a changing estate', () => {
  const executions = new Set<string>();
  const runtime = productionLikeRuntime(executions);
  const first = 'scheduled-20261127T020000Z';
  const second = 'scheduled-20261128T020000Z';
  let firstMessages: DeliveredMessage[] = [];
  let afterFirst: Json[] = [];

  it('first night: records every workload of both accounts and sends one summary', async () => {
    const started = await createScheduledScan(runtime)(
      scheduledEvent('2026-11-27T02:00:00Z'),
      lambdaContext(),
    );
    expect(started).toMatchObject({ scanId: first, targets: 2, alreadyStarted: false });

    afterFirst = await tableItems();
    const runs = ofType(afterFirst, 'target-run', first);
    expect(runs.map((run) => run.account).sort()).toEqual([DEMO_ACCOUNT, DEMO_SANDBOX_ACCOUNT]);
    expect(runs.every((run) => run.status === 'complete' || run.status === 'partial')).toBe(true);
    const history = ofType(afterFirst, 'workload-history', first);
    const states = ofType(afterFirst, 'workload-state');
    expect(history.length).toBe(runs.reduce((sum, run) => sum + (run.workloads as number), 0));
    expect(names(history)).toEqual(names(states));
    expect(names(history)).toEqual(
      expect.arrayContaining(['hello-world', 'orders-api', 'report-worker', 'web-frontend']),
    );
    expect(history.every((item) => typeof item.expiresAt === 'number')).toBe(true);
    // Every cluster with its compliance findings: in the scan's history and as current state.
    expect(clusterNames(ofType(afterFirst, 'cluster-history', first))).toEqual(DEMO_CLUSTERS);
    expect(clusterNames(ofType(afterFirst, 'cluster-state'))).toEqual(DEMO_CLUSTERS);

    firstMessages = await sns.drain();
    expect(firstMessages).toHaveLength(1);
    const [message] = firstMessages;
    expect(message!.subject).toMatch(/^fargate-fit: first scan, \d+ workloads, \d+ ineligible/);
    expect(message!.attributes).toMatchObject({
      eventType: { Type: 'String', Value: 'scan-summary' },
      severity: { Type: 'String', Value: 'warning' },
      account: { Type: 'String.Array', Value: JSON.stringify([DEMO_ACCOUNT, DEMO_SANDBOX_ACCOUNT]) },
      hasNewIneligible: { Type: 'String', Value: 'true' },
      hasChanges: { Type: 'String', Value: 'true' },
      scanId: { Type: 'String', Value: first },
      format: { Type: 'String', Value: 'text' },
    });
    expect(message!.message).toContain(
      'Clusters: 5 — 8 compliance findings (0 blockers, 7 fixable, 1 advisory)',
    );
    const [summary] = ofType(afterFirst, 'scan-summary', first);
    expect(summary).toMatchObject({ targets: 2, targetsReported: 2, notification: { reason: 'changes' } });
    expect((summary!.notification as { messageId: string }).messageId).toBeTruthy();
  });

  it('a redelivered schedule event and a rerun of the same scan write nothing new and send nothing', async () => {
    expect(
      await createScheduledScan(runtime)(scheduledEvent('2026-11-27T02:00:00Z'), lambdaContext()),
    ).toMatchObject({
      alreadyStarted: true,
    });
    // As a Step Functions retry would: every target again, then the summarizer again.
    const plan = JSON.parse(
      JSON.stringify({
        scan: { scanId: first, startedAt: '2026-11-27T02:00:00.000Z', trigger: 'schedule' },
        scope: { clusters: null, namespaces: null },
        targets: [
          { account: DEMO_ACCOUNT, region: DEMO_REGION },
          { account: DEMO_SANDBOX_ACCOUNT, region: DEMO_REGION },
        ],
        notify: null,
      }),
    ) as ScanPlan;
    for (const target of plan.targets) {
      await createScanTarget(runtime)({ scan: plan.scan, scope: plan.scope, target }, lambdaContext(840_000));
    }
    expect(await createSummarize(runtime)(plan, lambdaContext())).toMatchObject({ alreadySummarized: true });
    expect(await tableItems()).toEqual(afterFirst);
    expect(await sns.drain()).toEqual([]);
  });

  it('second night: the diff names what is new, changed and gone, in exactly one message', async () => {
    await useEstate(changedScenario());
    await createScheduledScan(runtime)(scheduledEvent('2026-11-28T02:00:00Z'), lambdaContext());
    const items = await tableItems();
    const [summary] = ofType(items, 'scan-summary', second);
    expect(summary).toMatchObject({ baselineScanIds: [first], notification: { reason: 'changes' } });
    expect(summary!.diff).toMatchObject({ added: 1, resolved: 1 });

    const messages = await sns.drain();
    expect(messages).toHaveLength(1);
    const { message, attributes, subject } = messages[0]!;
    expect(subject).toMatch(/^fargate-fit: \d+ newly ineligible, 1 new, \d+ changed, 1 resolved/);
    expect(attributes.hasNewIneligible?.Value).toBe('true');
    expect(message).toMatch(
      /New since the last scan \(1\):\n {2}- \[ineligible\] search-indexer \(ecs-service\) 111122223333 us-east-1 prod-ec2/,
    );
    expect(message).toMatch(/- orders-api \(ecs-service\) [^\n]*→ ineligible/);
    expect(message).toContain(
      'report-worker (ecs-service) 111122223333 us-east-1 prod-ec2 — no longer running',
    );

    // Current state: the gone service is removed, the rest carry first and last sighting.
    const states = ofType(items, 'workload-state');
    expect(names(states)).not.toContain('report-worker');
    expect(names(states)).toContain('search-indexer');
    const web = states.find((state) => (state.result as { name: string }).name === 'web-frontend')!;
    expect(web).toMatchObject({
      firstSeen: '2026-11-27T02:00:00.000Z',
      lastSeen: '2026-11-28T02:00:00.000Z',
    });
    const orders = states.find((state) => (state.result as { name: string }).name === 'orders-api')!;
    expect(orders.gsi2pk).toBe('VERDICT#ineligible');
  });

  it('third night, nothing changed: the summary is recorded and no message is sent', async () => {
    await createScheduledScan(runtime)(scheduledEvent('2026-11-29T02:00:00Z'), lambdaContext());
    const [summary] = ofType(await tableItems(), 'scan-summary', 'scheduled-20261129T020000Z');
    expect(summary).toMatchObject({
      diff: { added: 0, changed: 0, resolved: 0 },
      notification: { reason: 'quiet', messageId: null },
    });
    expect(await sns.drain()).toEqual([]);
  });

  it('never lets a planted secret reach the table, a message or a log line', async () => {
    expectNoCanary(JSON.stringify(await tableItems()));
    expectNoCanary(JSON.stringify(firstMessages));
    expectNoCanary(logs.text());
    expect(logs.text()).toContain('"scanId":"scheduled-20261128T020000Z"');
  });
});

describe('the HTML report of a scan, in S3 and linked from the summary', () => {
  const reportLinkOf = (message: string): string => {
    const line = message.split('\n').find((l) => l.startsWith('Full report ('));
    if (line === undefined) throw new Error(`no report link in:\n${message}`);
    return line.slice(line.indexOf('): ') + 3);
  };

  it('uploads the report the CLI would render and links it: the link serves the HTML', async () => {
    await useEstate(buildDemoScenario());
    await sns.drain();
    const runtime = productionLikeRuntime(new Set(), undefined, {
      FARGATE_FIT_REPORT_BUCKET: REPORT_BUCKET,
      FARGATE_FIT_ALERT_ON: 'always',
    });
    await createScheduledScan(runtime)(scheduledEvent('2026-12-01T02:00:00Z'), lambdaContext());
    const scanId = 'scheduled-20261201T020000Z';

    const messages = await sns.drain();
    expect(messages).toHaveLength(1);
    const url = reportLinkOf(messages[0]!.message);
    const key = `reports/${scanId}/report.html`;
    expect(messages[0]!.message).toContain(`Report file: s3://${REPORT_BUCKET}/${key}`);
    const link = new URL(url);
    expect(link.hostname).toBe('127.0.0.1');
    expect(link.pathname).toBe(`/${REPORT_BUCKET}/${key}`);
    expect(link.searchParams.get('X-Amz-Expires')).toBe('86400');

    // The link, fetched as a browser would: the self-contained HTML report of every workload.
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`scan ${scanId}`);
    const summaries = ofType(await tableItems(), 'scan-summary', scanId);
    const stored = ofType(await tableItems(), 'workload-history', scanId);
    expect(stored.length).toBeGreaterThan(0);
    for (const name of names(stored)) expect(html).toContain(name);

    // The cluster compliance findings, as the CLI's report carries them: the EKS cluster whose API
    // endpoint is open to the internet, among every cluster of both accounts.
    const report = embeddedReport(html);
    expect((report.clusters ?? []).map((c) => `${c.account}/${c.name}`).sort()).toEqual(DEMO_CLUSTERS);
    const platform = report.clusters?.find((c) => c.name === 'platform');
    expect(platform?.findings).toContainEqual(
      expect.objectContaining({
        ruleId: 'eks-endpoint-public-access',
        message: 'Cluster platform serves its API endpoint publicly to any address.',
      }),
    );
    // ... and on screen, in the page's cluster compliance section, not only in its embedded data.
    const clusterSection = /<section id="clusters"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
    expect(clusterSection).toContain('Cluster platform serves its API endpoint publicly to any address.');

    // Only the message carries the link: not the summary record, not a log line; no secret in the report.
    expect(summaries[0]).toMatchObject({ report: { bucket: REPORT_BUCKET, key, uploaded: true } });
    const signature = link.searchParams.get('X-Amz-Signature')!;
    expect(JSON.stringify(summaries)).not.toContain(signature);
    expect(logs.text()).not.toContain(signature);
    expectNoCanary(html);
  });

  it('still sends the summary, saying the report could not be uploaded, when the bucket is missing', async () => {
    await sns.drain();
    const runtime = productionLikeRuntime(new Set(), undefined, {
      FARGATE_FIT_REPORT_BUCKET: 'fargate-fit-it-no-such-bucket',
      FARGATE_FIT_ALERT_ON: 'always',
    });
    await createScheduledScan(runtime)(scheduledEvent('2026-12-02T02:00:00Z'), lambdaContext());
    const messages = await sns.drain();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.message).toContain('Full report: could not be uploaded this time');
    expect(messages[0]!.message).not.toContain('X-Amz-Signature');
    const [summary] = ofType(await tableItems(), 'scan-summary', 'scheduled-20261202T020000Z');
    expect(summary).toMatchObject({ report: { uploaded: false }, notification: { reason: 'always' } });
    expect(
      logs.lines().some((line) => String(line.message).startsWith('the scan report could not be uploaded')),
    ).toBe(true);
  });
});

describe('throttled batch writes', () => {
  it('retries what DynamoDB leaves unprocessed and loses nothing', async () => {
    await useEstate(buildDemoScenario());
    // DynamoDB Local never throttles: this client writes only the first half of each batch and
    // hands the rest back as UnprocessedItems, as DynamoDB does under throttling.
    const real = documentClient(new DynamoDBClient({ region: DEMO_REGION }));
    let throttledCalls = 0;
    const throttling = {
      send: async (command: { input: unknown }) => {
        if (!(command instanceof BatchWriteCommand)) return real.send(command as never);
        const requests = command.input.RequestItems?.[THROTTLED_TABLE] ?? [];
        if (requests.length < 2) return real.send(command);
        throttledCalls += 1;
        const keep = requests.slice(0, Math.ceil(requests.length / 2));
        await real.send(new BatchWriteCommand({ RequestItems: { [THROTTLED_TABLE]: keep } }));
        return { UnprocessedItems: { [THROTTLED_TABLE]: requests.slice(keep.length) } };
      },
    } as unknown as DynamoDBDocumentClient; // only `send` is used by the table
    const store = new FindingsStore(
      new DynamoDbItemTable(throttling, THROTTLED_TABLE, { baseDelayMs: 1, maxDelayMs: 5 }),
    );
    const target = { account: DEMO_ACCOUNT, region: DEMO_REGION };
    const scan = {
      scanId: 'ondemand-throttled',
      startedAt: '2026-11-30T09:00:00.000Z',
      trigger: 'on-demand' as const,
    };
    const outcome = (await createScanTarget(productionLikeRuntime(new Set(), store))(
      { scan, scope: { clusters: null, namespaces: null }, target },
      lambdaContext(840_000),
    )) as TargetOutcome;
    expect(throttledCalls).toBeGreaterThan(1);
    const items = await tableItems(THROTTLED_TABLE);
    expect(ofType(items, 'workload-history')).toHaveLength(outcome.workloads);
    expect(ofType(items, 'workload-state')).toHaveLength(outcome.workloads);
    expect(ofType(items, 'target-run')).toHaveLength(1);
    expect(outcome.itemsWritten).toBe(items.length);
    expect(
      logs.lines().some((line) => line.message === 'DynamoDB throttled some writes; they were retried'),
    ).toBe(true);
    real.destroy();
  });
});
