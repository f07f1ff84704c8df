import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { AppsV1Api, BatchV1Api, CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './emulator.js';
import { loadScenarioFile, parseScenario } from './scenario/load.js';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_CANARIES,
  DEMO_REGION,
  DEMO_ROLE,
  DEMO_SANDBOX_ACCOUNT,
} from './scenarios/demo.js';
import { compileScenario } from './state/compile.js';
import { awsConfig, kubeConfigOf } from './support/clients.js';

let emulator: RunningEmulator;
let ecs: ECSClient;

beforeAll(async () => {
  emulator = await startEmulator(buildDemoScenario());
  ecs = new ECSClient(awsConfig(emulator));
});

afterAll(async () => {
  ecs.destroy();
  await emulator.close();
});

async function describeAllServices(cluster: string) {
  const { serviceArns = [] } = await ecs.send(new ListServicesCommand({ cluster, maxResults: 100 }));
  const services = [];
  for (let i = 0; i < serviceArns.length; i += 10) {
    const page = await ecs.send(
      new DescribeServicesCommand({ cluster, services: serviceArns.slice(i, i + 10) }),
    );
    services.push(...(page.services ?? []));
  }
  return services;
}

async function tasksOf(cluster: string, serviceName?: string) {
  const { taskArns = [] } = await ecs.send(new ListTasksCommand({ cluster, serviceName }));
  if (taskArns.length === 0) return [];
  return (await ecs.send(new DescribeTasksCommand({ cluster, tasks: taskArns }))).tasks ?? [];
}

describe('demo estate: ECS', () => {
  it('serves the environment variables the AWS SDK needs to find it', () => {
    expect(emulator.env).toMatchObject({ AWS_REGION: DEMO_REGION, AWS_ENDPOINT_URL: emulator.awsEndpoint });
    expect(emulator.env.AWS_ACCESS_KEY_ID).toBeTruthy();
    expect(emulator.env.AWS_SECRET_ACCESS_KEY).toBeTruthy();
  });

  it('is reached by a client configured only through `env` (AWS_ENDPOINT_URL and friends)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, emulator.env);
    try {
      const plain = new ECSClient({});
      const { clusterArns = [] } = await plain.send(new ListClustersCommand({}));
      plain.destroy();
      expect(clusterArns).toHaveLength(3);
    } finally {
      for (const key of Object.keys(emulator.env)) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });

  it('has clusters on EC2 and on Fargate', async () => {
    const { clusterArns = [] } = await ecs.send(new ListClustersCommand({}));
    expect(clusterArns.map((arn) => arn.split('/').pop())).toEqual([
      'prod-ec2',
      'staging-fargate',
      'analytics-ec2',
    ]);
  });

  it('runs each prod-ec2 service where the demo says: EC2 capacity, Fargate, Fargate Spot, daemon, GPU', async () => {
    const services = await describeAllServices('prod-ec2');
    const summary = Object.fromEntries(
      services.map((s) => [
        s.serviceName,
        [
          s.launchType ?? s.capacityProviderStrategy?.map((c) => c.capacityProvider).join('+'),
          s.schedulingStrategy,
          s.runningCount,
        ],
      ]),
    );
    expect(summary).toEqual({
      'web-frontend': ['prod-general-asg', 'REPLICA', 3],
      'orders-api': ['EC2', 'REPLICA', 2],
      'security-agent': ['prod-general-asg', 'REPLICA', 2],
      'log-collector': ['EC2', 'DAEMON', 4],
      'gpu-inference': ['prod-gpu-asg', 'REPLICA', 1],
      'payments-api': ['FARGATE', 'REPLICA', 3],
      'report-worker': ['FARGATE_SPOT', 'REPLICA', 4],
    });
    const spot = await tasksOf('prod-ec2', 'report-worker');
    expect(spot.map((t) => [t.launchType, t.capacityProviderName])).toEqual(
      Array(4).fill(['FARGATE', 'FARGATE_SPOT']),
    );
  });

  it('places one log-collector task on every container instance and the GPU task on the g4dn instance', async () => {
    const daemon = await tasksOf('prod-ec2', 'log-collector');
    expect(new Set(daemon.map((t) => t.containerInstanceArn)).size).toBe(4);
    const [gpuTask] = await tasksOf('prod-ec2', 'gpu-inference');
    const { containerInstances = [] } = await ecs.send(
      new DescribeContainerInstancesCommand({
        cluster: 'prod-ec2',
        containerInstances: [gpuTask?.containerInstanceArn ?? ''],
      }),
    );
    const ec2 = new EC2Client(awsConfig(emulator));
    const { Reservations = [] } = await ec2.send(
      new DescribeInstancesCommand({ InstanceIds: [containerInstances[0]?.ec2InstanceId ?? ''] }),
    );
    expect(Reservations[0]?.Instances?.[0]?.InstanceType).toBe('g4dn.xlarge');
    expect(containerInstances[0]?.remainingResources?.find((r) => r.name === 'GPU')?.stringSetValue).toEqual(
      [],
    );
    ec2.destroy();
  });

  it('keeps standalone batch tasks with their RunTask overrides, and a stopped one out of the running list', async () => {
    const etl = (await tasksOf('prod-ec2')).filter((t) => t.group === 'family:nightly-etl');
    expect(etl).toHaveLength(2);
    expect(etl[0]?.startedBy).toBe('events-rule/nightly-etl');
    const stopped = await ecs.send(new ListTasksCommand({ cluster: 'prod-ec2', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns).toHaveLength(1);
  });

  it('lets the scanner into the sandbox account only with the demo role’s ExternalId', async () => {
    const sts = new STSClient(awsConfig(emulator));
    const roleArn = `arn:aws:iam::${DEMO_SANDBOX_ACCOUNT}:role/${DEMO_ROLE.name}`;
    await expect(
      sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'demo' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    const { Credentials } = await sts.send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'demo', ExternalId: DEMO_ROLE.externalId }),
    );
    const sandbox = new ECSClient(
      awsConfig(emulator, {
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretAccessKey ?? '',
          sessionToken: Credentials?.SessionToken ?? '',
        },
      }),
    );
    expect((await sandbox.send(new ListClustersCommand({}))).clusterArns).toEqual([
      `arn:aws:ecs:${DEMO_REGION}:${DEMO_SANDBOX_ACCOUNT}:cluster/sandbox`,
    ]);
    sts.destroy();
    sandbox.destroy();
  });
});

describe('demo estate: EKS', () => {
  it('runs the serverless namespace on Fargate and everything else on the node groups', async () => {
    const api = (await kubeConfigOf(emulator, 'platform')).makeApiClient(CoreV1Api);
    const pods = (await api.listPodForAllNamespaces()).items;
    const fargate = pods.filter((p) => p.spec?.nodeName?.startsWith('fargate-'));
    expect(new Set(fargate.map((p) => p.metadata?.namespace))).toEqual(new Set(['serverless']));
    expect(fargate).toHaveLength(2);
    const daemonPods = pods.filter((p) => p.metadata?.ownerReferences?.[0]?.kind === 'DaemonSet');
    expect(daemonPods.every((p) => !p.spec?.nodeName?.startsWith('fargate-'))).toBe(true);
    const edge = pods.filter((p) => p.metadata?.name?.startsWith('edge-proxy-'));
    expect(edge.every((p) => p.spec?.hostNetwork === true && p.status?.podIP === p.status?.hostIP)).toBe(
      true,
    );
    const training = pods.find((p) => p.metadata?.name?.startsWith('model-training-'));
    const node = await api.readNode({ name: training?.spec?.nodeName ?? '' });
    expect(node.metadata?.labels?.['node.kubernetes.io/instance-type']).toBe('g4dn.xlarge');
  });

  it('binds the postgres claim to an EBS CSI volume and the media claim to the pre-created EFS volume', async () => {
    const api = (await kubeConfigOf(emulator, 'platform')).makeApiClient(CoreV1Api);
    const claims = (await api.listPersistentVolumeClaimForAllNamespaces()).items;
    const volumes = (await api.listPersistentVolume()).items;
    const volumeOf = (claim: string) =>
      volumes.find(
        (v) => v.metadata?.name === claims.find((c) => c.metadata?.name === claim)?.spec?.volumeName,
      );
    expect(volumeOf('data-postgres-0')?.spec?.csi?.driver).toBe('ebs.csi.aws.com');
    expect(volumeOf('media')?.spec?.csi).toMatchObject({
      driver: 'efs.csi.aws.com',
      volumeHandle: 'fs-0dec0c0ffee000002',
    });
    expect(claims.every((c) => c.status?.phase === 'Bound')).toBe(true);
  });

  it('has a CronJob with its last Job, and controllers of every kind the rules care about', async () => {
    const config = await kubeConfigOf(emulator, 'platform');
    const jobs = (await config.makeApiClient(BatchV1Api).listJobForAllNamespaces()).items;
    expect(
      jobs.find((j) => j.metadata?.ownerReferences?.[0]?.kind === 'CronJob')?.metadata?.ownerReferences?.[0]
        ?.name,
    ).toBe('report-generator');
    const apps = config.makeApiClient(AppsV1Api);
    expect((await apps.listDaemonSetForAllNamespaces()).items.map((d) => d.metadata?.name).sort()).toEqual([
      'aws-node',
      'fluent-bit',
      'kube-proxy',
    ]);
    expect((await apps.listStatefulSetForAllNamespaces()).items.map((s) => s.metadata?.name)).toEqual([
      'postgres',
    ]);
  });
});

describe('demo estate: canaries', () => {
  it('plants every canary where a scanner reads: task definitions, task overrides, log options, pod specs, annotations', async () => {
    const served: unknown[] = [];
    for (const family of [
      'web-frontend',
      'security-agent',
      'log-collector',
      'payments-api',
      'nightly-etl',
      'staging-web',
    ]) {
      served.push(await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: family })));
    }
    served.push(await tasksOf('prod-ec2'));
    const config = await kubeConfigOf(emulator, 'platform');
    served.push(await config.makeApiClient(CoreV1Api).listPodForAllNamespaces());
    served.push(await config.makeApiClient(AppsV1Api).listDeploymentForAllNamespaces());
    const text = JSON.stringify(served);
    const missing = Object.entries(DEMO_CANARIES).filter(([, value]) => !text.includes(value));
    expect(missing).toEqual([]);
  });
});

describe('demo estate as data', () => {
  it('survives a JSON round trip and compiles to the same resources', () => {
    const direct = compileScenario(buildDemoScenario());
    const viaJson = compileScenario(parseScenario(JSON.parse(JSON.stringify(buildDemoScenario()))));
    const region = (state: typeof direct) => state.accounts.get(DEMO_ACCOUNT)?.regions.get(DEMO_REGION);
    expect(JSON.stringify(region(viaJson)?.ecs.clusters)).toBe(JSON.stringify(region(direct)?.ecs.clusters));
    expect(JSON.stringify([...(region(viaJson)?.eksClusters[0]?.kubernetes.objects ?? [])])).toBe(
      JSON.stringify([...(region(direct)?.eksClusters[0]?.kubernetes.objects ?? [])]),
    );
  });

  it('loads a scenario from a JSON file and serves it', async () => {
    const scenario = await loadScenarioFile(new URL('./scenarios/minimal.json', import.meta.url).pathname);
    const fromFile = await startEmulator(scenario);
    try {
      const client = new ECSClient(awsConfig(fromFile));
      const { serviceArns } = await client.send(new ListServicesCommand({ cluster: 'json-cluster' }));
      expect(serviceArns).toEqual(['arn:aws:ecs:us-west-2:555566667777:service/json-cluster/hello']);
      client.destroy();
      const pods = (
        await (
          await kubeConfigOf(fromFile, 'json-eks')
        )
          .makeApiClient(CoreV1Api)
          .listNamespacedPod({ namespace: 'web' })
      ).items;
      expect(pods.map((p) => p.metadata?.annotations?.CapacityProvisioned)).toEqual(['0.25vCPU 0.5GB']);
    } finally {
      await fromFile.close();
    }
  });

  it('names the first bad member of an invalid scenario file', () => {
    const broken = JSON.parse(JSON.stringify(buildDemoScenario()));
    broken.accounts[0].regions[0].ecs.clusters[0].services[0].taskDefinition = 42;
    expect(() => parseScenario(broken)).toThrow(
      /accounts\.0\.regions\.0\.ecs\.clusters\.0\.services\.0\.taskDefinition/,
    );
  });
});
