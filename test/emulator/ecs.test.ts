import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListAttributesCommand,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTasksCommand,
  paginateListServices,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './emulator.js';
import { awsConfig } from './support/clients.js';
import { busyScenario, HUB, REGION } from './support/scenarios.js';

let emulator: RunningEmulator;
let ecs: ECSClient;

beforeAll(async () => {
  emulator = await startEmulator(busyScenario());
  ecs = new ECSClient(awsConfig(emulator, { region: REGION }));
});

afterAll(async () => {
  ecs.destroy();
  await emulator.close();
});

async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('ECS emulator: clusters and capacity providers', () => {
  it('lists the clusters of the caller account and region as ARNs', async () => {
    const { clusterArns } = await ecs.send(new ListClustersCommand({}));
    expect(clusterArns).toEqual([
      `arn:aws:ecs:${REGION}:${HUB}:cluster/busy`,
      `arn:aws:ecs:${REGION}:${HUB}:cluster/empty`,
    ]);
  });

  it('returns no clusters in a region the scenario leaves empty', async () => {
    const other = new ECSClient(awsConfig(emulator, { region: 'us-west-2' }));
    const { clusterArns } = await other.send(new ListClustersCommand({}));
    other.destroy();
    expect(clusterArns).toEqual([]);
  });

  it('shows settings and tags only when DescribeClusters asks for them, and reports unknown clusters as MISSING', async () => {
    const plain = await ecs.send(new DescribeClustersCommand({ clusters: ['busy'] }));
    expect(plain.clusters?.[0]?.settings).toBeUndefined();
    expect(plain.clusters?.[0]?.tags).toBeUndefined();
    const full = await ecs.send(
      new DescribeClustersCommand({ clusters: ['busy', 'nope'], include: ['SETTINGS', 'TAGS'] }),
    );
    expect(full.clusters?.[0]).toMatchObject({
      clusterName: 'busy',
      settings: [{ name: 'containerInsights', value: 'enhanced' }],
      tags: [{ key: 'env', value: 'test' }],
      capacityProviders: ['busy-asg', 'FARGATE'],
      registeredContainerInstancesCount: 3,
      runningTasksCount: 152,
      activeServicesCount: 25,
    });
    expect(full.failures).toEqual([{ arn: `arn:aws:ecs:${REGION}:${HUB}:cluster/nope`, reason: 'MISSING' }]);
  });

  it('describes FARGATE, FARGATE_SPOT and the Auto Scaling group providers', async () => {
    const { capacityProviders } = await ecs.send(new DescribeCapacityProvidersCommand({}));
    expect(capacityProviders?.map((p) => p.name)).toEqual(['FARGATE', 'FARGATE_SPOT', 'busy-asg']);
    expect(capacityProviders?.[2]?.autoScalingGroupProvider?.autoScalingGroupArn).toContain(
      'autoScalingGroupName/busy',
    );
  });

  it('answers ClusterNotFoundException for a cluster that does not exist', async () => {
    await expect(ecs.send(new ListServicesCommand({ cluster: 'ghost' }))).rejects.toMatchObject({
      name: 'ClusterNotFoundException',
    });
  });
});

describe('ECS emulator: services', () => {
  it('pages ListServices by 10 when maxResults is not given, as ECS does', async () => {
    const first = await ecs.send(new ListServicesCommand({ cluster: 'busy' }));
    expect(first.serviceArns).toHaveLength(10);
    expect(first.nextToken).toBeTruthy();
    const pages = await collect(paginateListServices({ client: ecs }, { cluster: 'busy' }));
    expect(pages).toHaveLength(3);
    expect(pages.flatMap((p) => p.serviceArns ?? [])).toHaveLength(25);
  });

  it('returns every service in one page with maxResults 100 and rejects maxResults above 100', async () => {
    const all = await ecs.send(new ListServicesCommand({ cluster: 'busy', maxResults: 100 }));
    expect(all.serviceArns).toHaveLength(25);
    expect(all.nextToken).toBeUndefined();
    await expect(
      ecs.send(new ListServicesCommand({ cluster: 'busy', maxResults: 101 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('filters ListServices by launch type', async () => {
    const { serviceArns } = await ecs.send(
      new ListServicesCommand({ cluster: 'busy', launchType: 'FARGATE', maxResults: 100 }),
    );
    expect(serviceArns?.map((arn) => arn.split('/').pop())).toEqual([
      'svc-00',
      'svc-05',
      'svc-10',
      'svc-15',
      'svc-20',
    ]);
  });

  it('refuses a nextToken that belongs to another list', async () => {
    const page = await ecs.send(new ListServicesCommand({ cluster: 'busy' }));
    await expect(
      ecs.send(new ListServicesCommand({ cluster: 'empty', nextToken: page.nextToken })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('rejects DescribeServices with more than 10 services', async () => {
    const { serviceArns = [] } = await ecs.send(new ListServicesCommand({ cluster: 'busy', maxResults: 11 }));
    const error = await ecs
      .send(new DescribeServicesCommand({ cluster: 'busy', services: serviceArns }))
      .catch((e) => e);
    expect(error).toMatchObject({
      name: 'InvalidParameterException',
      message: 'service names can have at most 10 items.',
    });
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('describes services by name or ARN, with tags on request, and reports unknown ones as MISSING', async () => {
    const { services, failures } = await ecs.send(
      new DescribeServicesCommand({
        cluster: 'busy',
        services: ['svc-01', `arn:aws:ecs:${REGION}:${HUB}:service/busy/svc-05`, 'svc-99'],
      }),
    );
    expect(services?.map((s) => [s.serviceName, s.launchType, s.desiredCount, s.runningCount])).toEqual([
      ['svc-01', 'EC2', 6, 6],
      ['svc-05', 'FARGATE', 6, 6],
    ]);
    expect(services?.[1]?.networkConfiguration?.awsvpcConfiguration?.subnets?.length).toBeGreaterThan(0);
    expect(services?.[0]?.taskDefinition).toBe(`arn:aws:ecs:${REGION}:${HUB}:task-definition/api:2`);
    expect(failures).toEqual([
      { arn: `arn:aws:ecs:${REGION}:${HUB}:service/busy/svc-99`, reason: 'MISSING' },
    ]);
  });
});

describe('ECS emulator: tasks and task definitions', () => {
  it('lists a cluster’s running tasks 100 at a time and leaves stopped ones out by default', async () => {
    const pages = await collect(paginateListTasks({ client: ecs }, { cluster: 'busy' }));
    expect(pages.map((p) => p.taskArns?.length)).toEqual([100, 52]);
    const stopped = await ecs.send(new ListTasksCommand({ cluster: 'busy', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns).toHaveLength(1);
  });

  it('filters tasks by service, family and startedBy', async () => {
    const byService = await ecs.send(new ListTasksCommand({ cluster: 'busy', serviceName: 'svc-03' }));
    expect(byService.taskArns).toHaveLength(6);
    const byFamily = await ecs.send(new ListTasksCommand({ cluster: 'busy', family: 'worker' }));
    expect(byFamily.taskArns).toHaveLength(32);
    const byStarter = await ecs.send(new ListTasksCommand({ cluster: 'busy', startedBy: 'cron/nightly' }));
    expect(byStarter.taskArns).toHaveLength(2);
    await expect(
      ecs.send(new ListTasksCommand({ cluster: 'busy', serviceName: 'nope' })),
    ).rejects.toMatchObject({
      name: 'ServiceNotFoundException',
    });
  });

  it('describes up to 100 tasks with their container instance and launch type, and no more', async () => {
    const { taskArns = [] } = await ecs.send(
      new ListTasksCommand({ cluster: 'busy', serviceName: 'svc-01' }),
    );
    const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: 'busy', tasks: taskArns }));
    expect(tasks).toHaveLength(6);
    for (const task of tasks ?? []) {
      expect(task).toMatchObject({ launchType: 'EC2', lastStatus: 'RUNNING', group: 'service:svc-01' });
      expect(task.containerInstanceArn).toMatch(
        new RegExp(`^arn:aws:ecs:${REGION}:${HUB}:container-instance/busy/`),
      );
      expect(task.containers?.[0]?.networkBindings?.[0]?.hostPort).toBeGreaterThanOrEqual(32768);
    }
    const all = (await collect(paginateListTasks({ client: ecs }, { cluster: 'busy' }))).flatMap(
      (p) => p.taskArns ?? [],
    );
    await expect(
      ecs.send(new DescribeTasksCommand({ cluster: 'busy', tasks: all.slice(0, 101) })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });

  it('describes a task definition by family (latest ACTIVE revision), family:revision or ARN, with tags on request', async () => {
    const latest = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'api', include: ['TAGS'] }),
    );
    expect(latest.taskDefinition?.revision).toBe(2);
    expect(latest.tags).toEqual([{ key: 'owner', value: 'api-team' }]);
    const old = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api:1' }));
    expect(old.taskDefinition?.status).toBe('INACTIVE');
    expect(old.tags).toBeUndefined();
    const byArn = await ecs.send(
      new DescribeTaskDefinitionCommand({
        taskDefinition: `arn:aws:ecs:${REGION}:${HUB}:task-definition/worker:1`,
      }),
    );
    expect(byArn.taskDefinition?.compatibilities).toEqual(['EC2', 'FARGATE']);
    await expect(
      ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'api:7' })),
    ).rejects.toMatchObject({
      name: 'ClientException',
    });
  });

  it('describes container instances with their EC2 id and what the running tasks leave free', async () => {
    const { containerInstanceArns = [] } = await ecs.send(
      new ListContainerInstancesCommand({ cluster: 'busy' }),
    );
    expect(containerInstanceArns).toHaveLength(3);
    const { containerInstances = [] } = await ecs.send(
      new DescribeContainerInstancesCommand({ cluster: 'busy', containerInstances: containerInstanceArns }),
    );
    const totalTasks = containerInstances.reduce((sum, c) => sum + (c.runningTasksCount ?? 0), 0);
    expect(totalTasks).toBe(120);
    for (const instance of containerInstances) {
      expect(instance.ec2InstanceId).toMatch(/^i-0abc/);
      const registered = instance.registeredResources?.find((r) => r.name === 'CPU')?.integerValue ?? 0;
      const remaining = instance.remainingResources?.find((r) => r.name === 'CPU')?.integerValue ?? 0;
      expect(registered).toBe(8 * 1024);
      expect(registered - remaining).toBe((instance.runningTasksCount ?? 0) * 128);
    }
  });

  it('answers UnknownOperationException for an operation it does not serve', async () => {
    await expect(
      ecs.send(new ListAttributesCommand({ cluster: 'busy', targetType: 'container-instance' })),
    ).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
  });
});
