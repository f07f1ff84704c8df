/**
 * The secrets guarantee, end to end: the demo estate plants secret-looking values (DEMO_CANARIES)
 * in task definition environments, RunTask overrides, log driver options, pod env and a
 * last-applied annotation; EXTRA_CANARIES add Docker volume driver options, FireLens log and
 * router options, secretOptions, a Datadog check annotation, CSI volume attributes, FlexVolume
 * options, StorageClass parameters, PV mount options and a probe header. None of them may appear
 * in any output — every report format (of a scan and of `check` on the same documents as files),
 * the CLI's stderr, the snapshot file, the Lambdas' logs at DEBUG level, the DynamoDB items and
 * the SNS message — while the variable *names* and option keys may.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createScanTarget } from '../../functions/scan-target.js';
import { createHandler as createSummarize } from '../../functions/summarize.js';
import { pipelineScanner } from '../../lib/serverless/pipeline-scanner.js';
import { documentClient } from '../../lib/serverless/runtime.js';
import { readSettings } from '../../lib/serverless/settings.js';
import { DynamoDbItemTable } from '../../lib/sinks/dynamodb/dynamodb-table.js';
import { FindingsStore } from '../../lib/sinks/dynamodb-store.js';
import { REPORT_FORMATS } from '../../lib/sinks/render.js';
import type { SummaryMessage } from '../../lib/sinks/sns-summary.js';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_CANARIES,
  DEMO_REGION,
  DEMO_ROLE,
  DEMO_SANDBOX_ACCOUNT,
  type RunningEmulator,
  startEmulator,
} from '../emulator/index.js';
import { type DynamoDbLocal, LOCAL_CREDENTIALS, startDynamoDbLocal } from '../support/dynamodb-local.js';
import {
  captureLogs,
  lambdaContext,
  TEST_ENVIRONMENT,
  testRuntime,
} from '../unit/serverless/runtime-fixture.js';
import {
  canaryKubernetesObjects,
  canaryTaskDefinition,
  EXTRA_CANARIES,
  withExtraCanaries,
} from './support/canaries.js';
import { DEMO_SCOPE_ARGS, runCli, useEmulatorEnvironment } from './support/estate.js';
import { freshTable, tableItems } from './support/store.js';

const CANARIES = [...Object.values(DEMO_CANARIES), ...Object.values(EXTRA_CANARIES)];

/** Fails naming the first planted value found in `text` (and where the text came from). */
function expectNoCanary(text: string, where: string): void {
  for (const canary of CANARIES) {
    expect(text.includes(canary), `${where} contains the planted value ${canary.slice(0, 12)}…`).toBe(false);
  }
}

let emulator: RunningEmulator;
let restoreEnvironment: () => void;
let directory: string;

beforeAll(async () => {
  emulator = await startEmulator(withExtraCanaries(buildDemoScenario()));
  restoreEnvironment = useEmulatorEnvironment(emulator);
  directory = await mkdtemp(join(tmpdir(), 'fargate-fit-secrets-'));
});

afterAll(async () => {
  restoreEnvironment?.();
  await emulator?.close();
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe('CLI outputs of a scan of the demo estate', () => {
  let snapshot: string;
  let liveJson: string;

  beforeAll(async () => {
    snapshot = join(directory, 'inventory.json');
    const live = await runCli([
      'scan',
      ...DEMO_SCOPE_ARGS,
      '--format',
      'json',
      '--save-snapshot',
      snapshot,
      '--no-store',
    ]);
    expect(live.exitCode).toBe(0);
    liveJson = live.stdout;
    expectNoCanary(live.stderr, 'stderr of scan');
  });

  it('the live JSON report names the variables that hold secrets, but never their values', () => {
    expect(JSON.parse(liveJson).workloads.length).toBeGreaterThan(20);
    expectNoCanary(liveJson, 'the JSON report');
    // The names reach the report (the credential-name compliance findings quote them).
    expect(liveJson).toMatch(/SESSION_SECRET|JWT_SIGNING_SECRET|AGENT_API_KEY|PAYMENT_GATEWAY_KEY/);
  });

  it('the saved snapshot keeps no value, only the keys of the maps they were in', async () => {
    const text = await readFile(snapshot, 'utf8');
    expect(text).toContain('web-frontend');
    expectNoCanary(text, 'the snapshot file');
    // The planted documents were collected (so the absence above means something), keys intact.
    for (const kept of [
      '"driverOpts":{"type":"(redacted)","device":"(redacted)","o":"(redacted)"}',
      '"apikey":"(redacted)"',
      '"secretOptions":[{"name":"dd_tags","valueFrom":"(redacted)"}]',
      '"token":"(redacted)"',
      '"ad.datadoghq.com/reader.instances":"(redacted)"',
      '"volumeAttributes":{"secretProviderClass":"(redacted)","token":"(redacted)"}',
      '"options":{"password":"(redacted)"}',
      '"restuserkey":"(redacted)"',
      '"password=(redacted)"',
      '{"name":"Authorization","value":"(redacted)"}',
    ]) {
      expect(text).toContain(kept);
    }
  });

  it.each(REPORT_FORMATS)('the %s report keeps no value, on stdout and in a file', async (format) => {
    const output = join(directory, `report.${format}`);
    const printed = await runCli(['scan', '--from-snapshot', snapshot, '--format', format, '--no-store']);
    const written = await runCli([
      'scan',
      '--from-snapshot',
      snapshot,
      '--format',
      format,
      '--output',
      output,
      '--no-store',
    ]);
    expect(printed.exitCode).toBe(0);
    expect(written.exitCode).toBe(0);
    expect(printed.stdout).toContain('web-frontend');
    expectNoCanary(printed.stdout, `${format} on stdout`);
    expectNoCanary(printed.stderr, `stderr of ${format}`);
    expectNoCanary(await readFile(output, 'utf8'), `${format} file`);
  });

  it('`fargate-fit demo` itself writes no value to its HTML report or its streams', async () => {
    const output = join(directory, 'demo.html');
    const demo = await runCli(['demo', '--format', 'html', '--output', output]);
    expect(demo.exitCode).toBe(0);
    const html = await readFile(output, 'utf8');
    expect(html).toContain('storefront');
    expectNoCanary(html, 'the demo HTML report');
    expectNoCanary(demo.stdout + demo.stderr, 'the demo streams');
  });
});

describe('`fargate-fit check` on the same documents as files', () => {
  let inputs: string;

  beforeAll(async () => {
    inputs = join(directory, 'manifests');
    await mkdir(inputs);
    const taskDefinition = {
      ...canaryTaskDefinition(),
      // Plus an environment value, as in the live estate.
      containerDefinitions: (canaryTaskDefinition().containerDefinitions as object[]).map((c, i) =>
        i === 0
          ? { ...c, environment: [{ name: 'ETL_DB_PASSWORD', value: DEMO_CANARIES.etlOverridePassword }] }
          : c,
      ),
    };
    await writeFile(join(inputs, 'dd-shipper.json'), JSON.stringify(taskDefinition));
    await writeFile(
      join(inputs, 'vault-reader.json'),
      JSON.stringify({ apiVersion: 'v1', kind: 'List', items: canaryKubernetesObjects() }),
    );
  });

  it.each(REPORT_FORMATS)('the %s report and the streams keep no value', async (format) => {
    const output = join(directory, `check.${format}`);
    const printed = await runCli(['check', inputs, '--format', format]);
    const written = await runCli(['check', inputs, '--format', format, '--output', output]);
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(written.exitCode, written.stderr).toBe(0);
    expect(printed.stdout).toContain('vault-reader');
    expectNoCanary(printed.stdout + printed.stderr + written.stderr, `check ${format} streams`);
    expectNoCanary(await readFile(output, 'utf8'), `check ${format} file`);
  });
});

describe('the Lambdas at DEBUG level', () => {
  let dynamo: DynamoDbLocal;
  const table = 'secrets-findings';
  const published: SummaryMessage[] = [];
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal();
    await freshTable(dynamo, table);
    process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
    process.env.POWERTOOLS_LOGGER_LOG_EVENT = 'true';
    const environment = {
      ...TEST_ENVIRONMENT,
      FARGATE_FIT_MEMBER_ROLE_NAME: DEMO_ROLE.name,
      FARGATE_FIT_EXTERNAL_ID: DEMO_ROLE.externalId,
    };
    const store = new FindingsStore(
      new DynamoDbItemTable(
        documentClient(
          new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient({
            region: DEMO_REGION,
            endpoint: dynamo.endpoint,
            credentials: LOCAL_CREDENTIALS,
          }),
        ),
        table,
      ),
    );
    const runtime = () =>
      testRuntime({
        store,
        environment,
        scanner: pipelineScanner(readSettings(environment), DEMO_ACCOUNT),
        publish: async (message) => {
          published.push(message);
          return `message-${published.length}`;
        },
      });
    const scan = {
      scanId: 'ondemand-secrets',
      startedAt: '2026-11-30T09:00:00.000Z',
      trigger: 'on-demand' as const,
    };
    const scope = { clusters: null, namespaces: null };
    const targets = [
      { account: DEMO_ACCOUNT, region: DEMO_REGION },
      { account: DEMO_SANDBOX_ACCOUNT, region: DEMO_REGION },
    ];
    // A refused cluster too, so error paths write their messages into the logs and the summary.
    emulator.faults.add({
      match: { service: 'kubernetes', action: 'list jobs' },
      fault: { kind: 'forbidden' },
    });
    logs = captureLogs();
    try {
      for (const target of targets) {
        await createScanTarget(runtime)({ scan, scope, target }, lambdaContext(840_000));
      }
      await createSummarize(runtime)({ scan, scope, targets, notify: true }, lambdaContext());
    } finally {
      logs.restore();
      emulator.faults.clear();
      delete process.env.POWERTOOLS_LOG_LEVEL;
      delete process.env.POWERTOOLS_LOGGER_LOG_EVENT;
    }
  }, 120_000);

  afterAll(async () => {
    await dynamo?.stop();
  });

  it('logs every step, the invocation events included, and no value', () => {
    const text = logs.text();
    // The most verbose logging the functions have: every event, every step (none logs below INFO).
    expect(text).toContain('"message":"Lambda invocation event"');
    expect(text).toContain('target scanned');
    expect(text).toContain('scan summary published');
    expectNoCanary(text, 'the Lambda logs');
  });

  it('writes workloads to DynamoDB without any value', async () => {
    const items = await tableItems(dynamo, table);
    expect(items.filter((item) => item.type === 'workload-history').length).toBeGreaterThan(10);
    expectNoCanary(JSON.stringify(items), 'the DynamoDB items');
  });

  it('publishes one SNS summary, naming the refused cluster, without any value', () => {
    expect(published).toHaveLength(1);
    const message = published[0]!;
    expect(message.message).toContain('KubernetesForbidden');
    expectNoCanary(JSON.stringify(message), 'the SNS message');
  });
});
