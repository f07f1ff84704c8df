import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandler as createScanTarget } from '../../../functions/scan-target.js';
import { createHandler as createScheduledScan } from '../../../functions/scheduled-scan.js';
import { createHandler as createSummarize } from '../../../functions/summarize.js';
import { judgeWorkloads } from '../../../lib/findings/judge.js';
import type { WorkloadResult } from '../../../lib/findings/result.js';
import { taskDefinitionToWorkload } from '../../../lib/manifests/ecs-task-definition.js';
import { allRules } from '../../../lib/rules/index.js';
import type { OnDemandOutcome } from '../../../lib/serverless/on-demand.js';
import type { TargetScanner } from '../../../lib/serverless/target-run.js';
import { FileItemTable } from '../../../lib/sinks/dynamodb/file-table.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import type { SummaryMessage } from '../../../lib/sinks/sns-summary.js';
import { ACCOUNT, ecsResult, REGION, scanRef } from './results.js';
import { captureLogs, lambdaContext, testRuntime } from './runtime-fixture.js';

let directory: string;
let storeFile: string;
let logs: ReturnType<typeof captureLogs>;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fargate-fit-handlers-'));
  storeFile = join(directory, 'store.json');
  logs = captureLogs();
});
afterEach(async () => {
  logs.restore();
  await rm(directory, { recursive: true, force: true });
});

const store = () => new FindingsStore(new FileItemTable(storeFile));
const fixedScanner =
  (results: readonly WorkloadResult[]): TargetScanner =>
  async () => ({ results, gaps: [], throttles: 0 });

function recordingPublisher() {
  const published: SummaryMessage[] = [];
  return {
    published,
    publish: async (message: SummaryMessage) => {
      published.push(message);
      return `message-${published.length}`;
    },
  };
}

describe('scanTarget (on-demand)', () => {
  it('refuses a bad payload naming the field, before anything is scanned or written', async () => {
    const scanner = vi.fn(fixedScanner([]));
    const handler = createScanTarget(() => testRuntime({ store: store(), scanner }));
    await expect(handler({ regions: ['nowhere'], dryrun: true }, lambdaContext())).rejects.toMatchObject({
      name: 'PayloadError',
      message:
        'invalid on-demand payload: regions[0]: must be a region code such as us-east-1; dryrun: unknown field ' +
        '(allowed: accounts, regions, clusters, namespaces, dryRun, notify)',
    });
    expect(scanner).not.toHaveBeenCalled();
    expect(await readdir(directory)).toEqual([]);
    expect(logs.lines().find((line) => line.message === 'invocation failed')).toMatchObject({
      level: 'ERROR',
      errorName: 'PayloadError',
      function: 'scanTarget',
    });
  });

  it('scans, records and publishes one summary; an unchanged rescan stays quiet', async () => {
    const sns = recordingPublisher();
    const results = [ecsResult('web'), ecsResult('api', { verdict: 'eligible', savings: 25 })];
    const runtimeAt = (now: string) =>
      testRuntime({
        store: store(),
        scanner: fixedScanner(results),
        publish: sns.publish,
        now: new Date(now),
      });

    const first = (await createScanTarget(() => runtimeAt('2026-11-27T10:00:00Z'))(
      {},
      lambdaContext(600_000, 'req-1'),
    )) as OnDemandOutcome;
    expect(first).toMatchObject({
      scanId: 'ondemand-20261127T100000Z-req1',
      workloads: 2,
      byVerdict: { eligible: 1, ineligible: 1 },
      monthlySavingsUsd: 25,
      diff: { added: 2, changed: 0, resolved: 0 },
      notification: { reason: 'changes', messageId: 'message-1' },
    });
    expect(first.targets).toEqual([
      expect.objectContaining({ account: ACCOUNT, region: REGION, status: 'complete' }),
    ]);

    const second = await createScanTarget(() => runtimeAt('2026-11-28T10:00:00Z'))(
      {},
      lambdaContext(600_000, 'req-2'),
    );
    expect(second).toMatchObject({
      diff: { added: 0, changed: 0, resolved: 0 },
      notification: { reason: 'quiet' },
    });
    expect(sns.published).toHaveLength(1);
    const tagged = logs.lines().filter((line) => line.message === 'target scanned');
    expect(tagged.map((line) => line.scanId)).toEqual([
      'ondemand-20261127T100000Z-req1',
      'ondemand-20261128T100000Z-req2',
    ]);
  });

  it('publishes even when quiet if the payload asks, and never when it says notify: false', async () => {
    const sns = recordingPublisher();
    const runtime = () =>
      testRuntime({ store: store(), scanner: fixedScanner([ecsResult('web')]), publish: sns.publish });
    await createScanTarget(runtime)({ notify: false }, lambdaContext(600_000, 'a'));
    expect(sns.published).toHaveLength(0);
    await createScanTarget(runtime)({ notify: true }, lambdaContext(600_000, 'b'));
    await createScanTarget(runtime)({ notify: true }, lambdaContext(600_000, 'c'));
    expect(sns.published).toHaveLength(2);
  });

  it('on a dry run writes and publishes nothing and returns the message it would send', async () => {
    const sns = recordingPublisher();
    const handler = createScanTarget(() =>
      testRuntime({ store: store(), scanner: fixedScanner([ecsResult('web')]), publish: sns.publish }),
    );
    const outcome = (await handler({ dryRun: true }, lambdaContext())) as OnDemandOutcome;
    expect(outcome).toMatchObject({
      dryRun: true,
      workloads: 1,
      notification: { reason: 'disabled', messageId: null },
    });
    expect(outcome.message).toContain('fargate-fit scan summary');
    expect(sns.published).toEqual([]);
    expect(await readdir(directory)).toEqual([]);
  });
});

describe('scanTarget (state machine item)', () => {
  const item = {
    scan: scanRef(27),
    scope: { clusters: null, namespaces: null },
    target: { account: ACCOUNT, region: REGION },
  };

  it('records the run and answers a small outcome for the Map', async () => {
    const handler = createScanTarget(() =>
      testRuntime({ store: store(), scanner: fixedScanner([ecsResult('web')]) }),
    );
    const outcome = await handler(item, lambdaContext());
    expect(outcome).toEqual({
      account: ACCOUNT,
      region: REGION,
      status: 'complete',
      workloads: 1,
      gaps: 0,
      itemsWritten: 3,
    });
    // The Map gathers one answer per target under Step Functions' 256 KiB: ~2,000 targets fit.
    expect(JSON.stringify(outcome).length).toBeLessThan(128);
    const [run] = await store().runsOfScan(item.scan.scanId);
    expect(run).toMatchObject({ status: 'complete', workloads: 1 });
    expect(logs.lines().find((line) => line.message === 'target scanned')?.scanId).toBe(item.scan.scanId);
  });

  it('reports a gap instead of being cut off when Lambda time runs out', async () => {
    const neverEnding: TargetScanner = ({ signal }) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    const handler = createScanTarget(() => testRuntime({ store: store(), scanner: neverEnding }));
    // 5 s reserve (TEST_ENVIRONMENT) out of 5.2 s left: 200 ms for the scan.
    const outcome = await handler(item, lambdaContext(5_200));
    expect(outcome).toMatchObject({ status: 'timed-out', workloads: 0, gaps: 1 });
    const [run] = await store().runsOfScan(item.scan.scanId);
    expect(run?.gaps[0]).toMatchObject({
      errorName: 'ScanDeadlineExceeded',
      account: ACCOUNT,
      region: REGION,
    });
    expect(run?.gaps[0]?.message).toMatch(
      /did not finish within the 0 s of Lambda time left \(5 s kept for writing results\)/,
    );
  });

  it('keeps one result per workload id and names the repeats in a gap', async () => {
    const web = ecsResult('web');
    const handler = createScanTarget(() =>
      testRuntime({ store: store(), scanner: fixedScanner([web, web]) }),
    );
    expect(await handler(item, lambdaContext())).toMatchObject({ status: 'partial', workloads: 1, gaps: 1 });
    const [run] = await store().runsOfScan(item.scan.scanId);
    expect(run?.gaps[0]).toMatchObject({ errorName: 'DuplicateWorkloadId' });
    expect(run?.gaps[0]?.message).toContain(web.id);
  });

  it('turns a scanner failure into a failed run with its cause as the gap', async () => {
    const denied: TargetScanner = async () => {
      throw Object.assign(new Error('not authorized to perform sts:AssumeRole'), { name: 'AccessDenied' });
    };
    const outcome = await createScanTarget(() => testRuntime({ store: store(), scanner: denied }))(
      item,
      lambdaContext(),
    );
    expect(outcome).toMatchObject({ status: 'failed', gaps: 1 });
    const [run] = await store().runsOfScan(item.scan.scanId);
    expect(run?.gaps[0]).toMatchObject({ errorName: 'AccessDenied' });
  });
});

describe('summarize', () => {
  it('publishes once per scan: a rerun finds the summary and does nothing', async () => {
    const sns = recordingPublisher();
    const runtime = () =>
      testRuntime({ store: store(), scanner: fixedScanner([ecsResult('web')]), publish: sns.publish });
    const scan = scanRef(27);
    const target = { account: ACCOUNT, region: REGION };
    await createScanTarget(runtime)(
      { scan, scope: { clusters: null, namespaces: null }, target },
      lambdaContext(),
    );
    const plan = { scan, scope: { clusters: null, namespaces: null }, targets: [target], notify: null };
    const summarize = createSummarize(runtime);
    const first = await summarize(plan, lambdaContext());
    const second = await summarize(plan, lambdaContext());
    expect(first).toMatchObject({
      alreadySummarized: false,
      workloads: 1,
      notification: { reason: 'changes' },
    });
    expect(second).toMatchObject({ alreadySummarized: true, notification: { messageId: 'message-1' } });
    expect(sns.published).toHaveLength(1);
  });

  it('reports targets that never reported and a failed fan-out as coverage gaps', async () => {
    const sns = recordingPublisher();
    const plan = {
      scan: scanRef(27),
      scope: { clusters: null, namespaces: null },
      targets: [{ account: ACCOUNT, region: 'eu-west-1' }],
      notify: null,
      mapError: { Error: 'States.ExceedToleratedFailureThreshold', Cause: 'too many failures' },
    };
    const outcome = await createSummarize(() => testRuntime({ store: store(), publish: sns.publish }))(
      plan,
      lambdaContext(),
    );
    expect(outcome).toMatchObject({ gaps: 2 });
    expect(sns.published[0]?.message).toContain('TargetNotReported');
    expect(sns.published[0]?.message).toContain('States.ExceedToleratedFailureThreshold');
    expect(sns.published[0]?.attributes.hasNewGaps?.StringValue).toBe('true');
  });
});

describe('scheduledScan', () => {
  it('starts one execution named after the scheduled time, over every account and region', async () => {
    const started: { name: string; input: string }[] = [];
    const runtime = () =>
      testRuntime({
        store: store(),
        environment: { FARGATE_FIT_ACCOUNTS: 'organization', FARGATE_FIT_REGIONS: 'us-east-1,eu-west-1' },
        organizationAccounts: ['111122223333', '444455556666'],
        startExecution: async (name, input) => {
          if (started.some((s) => s.name === name)) {
            throw Object.assign(new Error('exists'), { name: 'ExecutionAlreadyExists' });
          }
          started.push({ name, input });
          return `arn:aws:states:us-east-1:111122223333:execution:scan:${name}`;
        },
      });
    const handler = createScheduledScan(runtime);
    const event = {
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      time: '2026-11-27T02:00:00Z',
      detail: {},
    };
    expect(await handler(event, lambdaContext())).toMatchObject({
      scanId: 'scheduled-20261127T020000Z',
      targets: 4,
    });
    expect(await handler(event, lambdaContext())).toMatchObject({ alreadyStarted: true });
    expect(started).toHaveLength(1);
    const plan = JSON.parse(started[0]!.input);
    expect(plan.targets).toEqual([
      { account: '111122223333', region: 'us-east-1' },
      { account: '111122223333', region: 'eu-west-1' },
      { account: '444455556666', region: 'us-east-1' },
      { account: '444455556666', region: 'eu-west-1' },
    ]);
    expect(plan.scan).toEqual({
      scanId: 'scheduled-20261127T020000Z',
      startedAt: '2026-11-27T02:00:00.000Z',
      trigger: 'schedule',
    });
  });

  it('refuses an event without a scheduled time', async () => {
    const handler = createScheduledScan(() => testRuntime({ store: store() }));
    await expect(handler({ source: 'aws.events' }, lambdaContext())).rejects.toThrow(
      /invalid scheduled event: time:/,
    );
  });
});

describe('secrets never leave the model', () => {
  it('keeps environment values out of stored items, the SNS message and the logs', async () => {
    const canary = 'CANARY-8d1f-not-for-output';
    const taskDefinition = {
      family: 'web',
      networkMode: 'bridge',
      requiresCompatibilities: ['EC2'],
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx:1.27',
          memory: 512,
          privileged: true,
          environment: [{ name: 'AWS_SECRET_ACCESS_KEY', value: canary }],
          secrets: [{ name: 'API_TOKEN', valueFrom: 'arn:aws:ssm:us-east-1:111122223333:parameter/token' }],
          logConfiguration: { logDriver: 'splunk', options: { 'splunk-token': canary } },
          command: ['sh', '-c', `echo ${canary}`],
        },
      ],
    };
    const workload = taskDefinitionToWorkload(taskDefinition, {
      id: `arn:aws:ecs:${REGION}:${ACCOUNT}:service/prod/web`,
      cluster: 'prod',
      account: ACCOUNT,
      region: REGION,
      launchType: 'EC2',
    });
    const { results } = judgeWorkloads([workload], { rules: allRules });
    expect(results[0]?.findings.length).toBeGreaterThan(0);
    const sns = recordingPublisher();
    await createScanTarget(() =>
      testRuntime({ store: store(), scanner: fixedScanner(results), publish: sns.publish }),
    )({ notify: true }, lambdaContext());
    expect(sns.published).toHaveLength(1);
    expect(await readFile(storeFile, 'utf8')).not.toContain(canary);
    expect(JSON.stringify(sns.published)).not.toContain(canary);
    expect(logs.text()).not.toContain(canary);
    // The names are kept: they are what the compliance rules and readers need.
    expect(await readFile(storeFile, 'utf8')).toContain(
      'sets AWS_SECRET_ACCESS_KEY in its plain environment',
    );
  });
});
