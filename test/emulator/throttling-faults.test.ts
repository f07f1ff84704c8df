import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
} from '@aws-sdk/client-ecs';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { ApiException, CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { type EmulatorOptions, type RunningEmulator, startEmulator } from './emulator.js';
import { awsConfig, kubeConfigOf } from './support/clients.js';
import { busyScenario, HUB, MEMBER, REGION } from './support/scenarios.js';

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await startEmulator(busyScenario(), options);
  running.push(emulator);
  return emulator;
}

/** A clock the test moves by hand, so token buckets refill only when told. */
function manualClock() {
  let now = Date.now();
  return { read: () => now, advance: (ms: number) => (now += ms) };
}

async function kubeCode(promise: Promise<unknown>): Promise<{ code: number; body: unknown }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const api = error as ApiException<unknown>;
  return { code: api.code, body: typeof api.body === 'string' ? JSON.parse(api.body) : api.body };
}

describe('token buckets', () => {
  it('throttles an ECS category once its burst is spent, with ThrottlingException and HTTP 400, until it refills', async () => {
    const clock = manualClock();
    const emulator = await start({
      clock: clock.read,
      throttling: { rates: { 'ecs:service-read': { burst: 3, refillPerSecond: 1 } } },
    });
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    for (let i = 0; i < 3; i += 1) await ecs.send(new ListServicesCommand({ cluster: 'busy' }));
    const error = await ecs.send(new ListServicesCommand({ cluster: 'busy' })).catch((e) => e);
    expect(error).toMatchObject({ name: 'ThrottlingException', message: 'Rate exceeded' });
    expect(error.$metadata.httpStatusCode).toBe(400);
    // Another category has its own bucket.
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
    clock.advance(1000);
    await expect(ecs.send(new ListServicesCommand({ cluster: 'busy' }))).resolves.toBeDefined();
    expect(emulator.stats().calls.find((c) => c.action === 'ListServices')).toMatchObject({
      calls: 5,
      throttled: 1,
    });
    ecs.destroy();
  });

  it('uses AWS’s documented burst of 50 for DescribeTaskDefinition by default', async () => {
    const clock = manualClock();
    const emulator = await start({ clock: clock.read, throttling: true });
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    const results = await Promise.allSettled(
      Array.from({ length: 51 }, () =>
        ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api:2' })),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    ecs.destroy();
  });

  it('gives unfiltered, unpaginated DescribeInstances the smaller EC2 bucket and answers RequestLimitExceeded (503)', async () => {
    const clock = manualClock();
    const emulator = await start({ clock: clock.read, throttling: true });
    const ec2 = new EC2Client(awsConfig(emulator, { region: REGION }));
    const unfiltered = await Promise.allSettled(
      Array.from({ length: 51 }, () => ec2.send(new DescribeInstancesCommand({}))),
    );
    const rejected = unfiltered.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]?.reason).toMatchObject({
      name: 'RequestLimitExceeded',
      $metadata: { httpStatusCode: 503 },
    });
    await expect(ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }))).resolves.toBeDefined();
    ec2.destroy();
  });

  it('throttles EKS with TooManyRequestsException (429) and the Kubernetes API with 429', async () => {
    const clock = manualClock();
    const emulator = await start({
      clock: clock.read,
      throttling: {
        rates: { eks: { burst: 2, refillPerSecond: 1 }, kubernetes: { burst: 1, refillPerSecond: 1 } },
      },
    });
    const eks = new EKSClient(awsConfig(emulator, { region: REGION }));
    await eks.send(new DescribeClusterCommand({ name: 'kube' }));
    const config = await kubeConfigOf(emulator, 'kube', { region: REGION });
    const error = await eks.send(new DescribeClusterCommand({ name: 'kube' })).catch((e) => e);
    expect(error).toMatchObject({ name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
    const api = config.makeApiClient(CoreV1Api);
    await api.listNode();
    expect((await kubeCode(api.listNode())).code).toBe(429);
    eks.destroy();
  });

  it('keeps one bucket per account: a member account is not throttled by the hub’s calls', async () => {
    const clock = manualClock();
    const emulator = await start({
      clock: clock.read,
      throttling: { rates: { 'ecs:cluster-read': { burst: 1, refillPerSecond: 1 } } },
    });
    const sts = new STSClient(awsConfig(emulator, { region: REGION }));
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER}:role/Scanner`,
        RoleSessionName: 'scan-1',
        ExternalId: 'member-external-id',
      }),
    );
    const hub = new ECSClient(awsConfig(emulator, { region: REGION }));
    const member = new ECSClient(
      awsConfig(emulator, {
        region: REGION,
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretAccessKey ?? '',
          sessionToken: Credentials?.SessionToken ?? '',
        },
      }),
    );
    await hub.send(new ListClustersCommand({}));
    await expect(hub.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    await expect(member.send(new ListClustersCommand({}))).resolves.toBeDefined();
    sts.destroy();
    hub.destroy();
    member.destroy();
  });

  it('refills faster with a larger timeScale', async () => {
    const emulator = await start({
      throttling: { timeScale: 1000, rates: { 'ecs:cluster-read': { burst: 1, refillPerSecond: 1 } } },
    });
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    await ecs.send(new ListClustersCommand({}));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
    ecs.destroy();
  });
});

describe('fault rules', () => {
  it('lets the SDK’s own retries ride out a short throttling storm, and counts every attempt', async () => {
    const emulator = await start({
      faults: [{ match: { service: 'ecs', action: 'ListClusters' }, fault: { kind: 'throttle' }, times: 2 }],
    });
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION, maxAttempts: 3 }));
    const result = await ecs.send(new ListClustersCommand({}));
    expect(result.clusterArns).toHaveLength(2);
    expect(result.$metadata.attempts).toBe(3);
    expect(emulator.stats().calls.find((c) => c.action === 'ListClusters')).toMatchObject({
      calls: 3,
      throttled: 2,
      errors: 2,
    });
    ecs.destroy();
  });

  it('fails only the cluster a 5xx rule names', async () => {
    const emulator = await start({
      faults: [{ match: { service: 'ecs', cluster: 'busy' }, fault: { kind: 'server-error', status: 503 } }],
    });
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    const error = await ecs
      .send(new ListServicesCommand({ cluster: `arn:aws:ecs:${REGION}:${HUB}:cluster/busy` }))
      .catch((e) => e);
    expect(error.$metadata.httpStatusCode).toBe(503);
    await expect(ecs.send(new ListServicesCommand({ cluster: 'empty' }))).resolves.toBeDefined();
    ecs.destroy();
  });

  it('denies AssumeRole into one account while others stay reachable', async () => {
    const emulator = await start({
      faults: [
        {
          match: { service: 'sts', action: 'AssumeRole', account: MEMBER },
          fault: { kind: 'access-denied' },
        },
      ],
    });
    const sts = new STSClient(awsConfig(emulator, { region: REGION }));
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${MEMBER}:role/Scanner`,
          RoleSessionName: 'scan',
          ExternalId: 'member-external-id',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${HUB}:role/Scanner`,
          RoleSessionName: 'scan',
          ExternalId: 'hub-external-id',
        }),
      ),
    ).resolves.toBeDefined();
    sts.destroy();
  });

  it('makes a region look not enabled to every service, STS included', async () => {
    const emulator = await start({
      faults: [{ match: { region: REGION }, fault: { kind: 'region-not-enabled' } }],
    });
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    const sts = new STSClient(awsConfig(emulator, { region: REGION }));
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${MEMBER}:role/Scanner`,
          RoleSessionName: 'scan',
          ExternalId: 'member-external-id',
        }),
      ),
    ).rejects.toMatchObject({ name: 'RegionDisabledException' });
    ecs.destroy();
    sts.destroy();
  });

  it('skips the first matching calls and stops after `times`', async () => {
    const emulator = await start();
    const handle = emulator.faults.add({
      match: { action: 'ListClusters' },
      fault: { kind: 'server-error' },
      skip: 1,
      times: 1,
    });
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 500 },
    });
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
    expect(handle.fired()).toBe(1);
    ecs.destroy();
  });

  it('drops the connection on `reset`, cuts the body on `truncate`, and waits on `delay`', async () => {
    const emulator = await start();
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    const reset = emulator.faults.add({ match: { action: 'ListClusters' }, fault: { kind: 'reset' } });
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toThrow();
    reset.remove();
    const truncate = emulator.faults.add({ match: { action: 'ListClusters' }, fault: { kind: 'truncate' } });
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toThrow();
    truncate.remove();
    emulator.faults.add({ match: { action: 'ListClusters' }, fault: { kind: 'delay', ms: 150 } });
    const started = Date.now();
    await expect(ecs.send(new ListClustersCommand({}))).resolves.toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    ecs.destroy();
  });

  it('answers 410 Gone (reason Expired) to a continue token, and 401 / 403 / 500 for one cluster', async () => {
    const emulator = await start();
    const api = (await kubeConfigOf(emulator, 'kube', { region: REGION })).makeApiClient(CoreV1Api);
    emulator.faults.add({
      match: { service: 'kubernetes', cluster: 'kube' },
      fault: { kind: 'gone' },
      times: 1,
    });
    const first = await api.listPodForAllNamespaces({ limit: 10 });
    const gone = await kubeCode(
      api.listPodForAllNamespaces({ limit: 10, _continue: first.metadata?._continue }),
    );
    expect(gone).toMatchObject({ code: 410, body: { kind: 'Status', reason: 'Expired', code: 410 } });
    // The fault fired once: restarting the list without the token works, as a scanner should do.
    expect((await api.listPodForAllNamespaces({ limit: 10 })).items).toHaveLength(10);
    emulator.faults.clear();
    const unauthorized = emulator.faults.add({ match: { cluster: 'kube' }, fault: { kind: 'unauthorized' } });
    expect((await kubeCode(api.listNode())).code).toBe(401);
    unauthorized.remove();
    const forbidden = emulator.faults.add({
      match: { cluster: 'kube', action: 'list pods' },
      fault: { kind: 'forbidden' },
    });
    const denied = await kubeCode(api.listPodForAllNamespaces());
    expect(denied).toMatchObject({ code: 403, body: { reason: 'Forbidden' } });
    expect(JSON.stringify(denied.body)).toContain(`arn:aws:iam::${HUB}:user/emulator-user`);
    await expect(api.listNode()).resolves.toBeDefined();
    forbidden.remove();
    emulator.faults.add({ match: { service: 'kubernetes' }, fault: { kind: 'server-error' } });
    expect((await kubeCode(api.listNode())).code).toBe(500);
  });
});

describe('latency and call counters', () => {
  it('adds the configured latency to every AWS call', async () => {
    const emulator = await start({ latencyMs: { aws: 80 } });
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    const started = Date.now();
    await ecs.send(new ListClustersCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    ecs.destroy();
  });

  it('counts calls per service, action, account and region, over HTTP too, and resets', async () => {
    const emulator = await start();
    const ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
    await ecs.send(new ListClustersCommand({}));
    await ecs.send(new ListServicesCommand({ cluster: 'busy' }));
    await ecs.send(new ListServicesCommand({ cluster: 'empty' }));
    await ecs.send(new ListServicesCommand({ cluster: 'ghost' })).catch(() => undefined);
    const api = (await kubeConfigOf(emulator, 'kube', { region: REGION })).makeApiClient(CoreV1Api);
    await api.listPodForAllNamespaces({ limit: 500 });
    expect(emulator.count({ service: 'ecs', action: 'ListServices', account: HUB, region: REGION })).toBe(3);
    expect(emulator.count({ service: 'ecs', action: 'ListServices', cluster: 'ghost' })).toBe(1);
    expect(emulator.count({ service: 'eks', action: 'DescribeCluster' })).toBe(1);
    expect(emulator.count({ service: 'kubernetes', action: 'list pods', cluster: 'kube' })).toBe(1);
    const ghost = emulator.stats().calls.find((c) => c.cluster === 'ghost');
    expect(ghost).toMatchObject({ calls: 1, errors: 1, throttled: 0 });
    const overHttp = (await (await fetch(`${emulator.awsEndpoint}/_emulator/stats`)).json()) as {
      scenario: string;
      totalCalls: number;
      calls: unknown[];
    };
    expect(overHttp).toMatchObject({
      scenario: 'emulator test estate',
      totalCalls: emulator.stats().totalCalls,
    });
    expect(overHttp.calls).toEqual(emulator.stats().calls);
    await fetch(`${emulator.awsEndpoint}/_emulator/stats`, { method: 'DELETE' });
    expect(emulator.stats().totalCalls).toBe(0);
    ecs.destroy();
  });
});
