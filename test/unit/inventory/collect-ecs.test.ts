import 'aws-sdk-client-mock-vitest/extend';
import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  type DescribeServicesCommandOutput,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectEcs } from '../../../lib/inventory/ecs/collect-ecs.js';
import { InMemoryTaskDefinitionCache } from '../../../lib/inventory/ecs/task-definition-cache.js';
import { awsFixture } from './support.js';

const ecsMock = mockClient(ECSClient);
const ecs = new ECSClient({ region: 'eu-west-1' });
const base = { ecs, account: '111122223333', region: 'eu-west-1' };
const CLUSTER = 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod';
const td = (family: string, revision: number) =>
  `arn:aws:ecs:eu-west-1:111122223333:task-definition/${family}:${revision}`;

function mockRecordedAccount() {
  ecsMock.on(ListClustersCommand).resolves(awsFixture('ecs.ListClusters_1'));
  ecsMock.on(DescribeClustersCommand).resolves(awsFixture('ecs.DescribeClusters_1'));
  ecsMock.on(ListServicesCommand).resolves(awsFixture('ecs.ListServices_1'));
  ecsMock.on(DescribeServicesCommand).resolves(awsFixture('ecs.DescribeServices_1'));
  ecsMock.on(ListTasksCommand).resolves(awsFixture('ecs.ListTasks_1'));
  ecsMock.on(DescribeTasksCommand).resolves(awsFixture('ecs.DescribeTasks_1'));
  ecsMock.on(ListContainerInstancesCommand).resolves(awsFixture('ecs.ListContainerInstances_1'));
  ecsMock.on(DescribeContainerInstancesCommand).resolves(awsFixture('ecs.DescribeContainerInstances_1'));
  ecsMock.on(DescribeCapacityProvidersCommand).resolves(awsFixture('ecs.DescribeCapacityProviders_1'));
  const definitions: [string, string][] = [
    [td('web', 7), 'ecs.DescribeTaskDefinition_1'],
    [td('api', 3), 'ecs.DescribeTaskDefinition_2'],
    [td('worker', 12), 'ecs.DescribeTaskDefinition_3'],
    [td('nightly-report', 4), 'ecs.DescribeTaskDefinition_4'],
    [td('nightly-report', 5), 'ecs.DescribeTaskDefinition_5'],
  ];
  for (const [arn, fixture] of definitions) {
    ecsMock.on(DescribeTaskDefinitionCommand, { taskDefinition: arn }).resolves(awsFixture(fixture));
  }
}

beforeEach(() => ecsMock.reset());
afterEach(() => ecsMock.reset());

describe('collectEcs on a recorded account', () => {
  it('reads clusters, services, tasks, container instances, capacity providers and task definitions', async () => {
    mockRecordedAccount();
    const workloadsPerCluster: [string, number][] = [];
    const { inventory, ec2InstanceIds, gaps } = await collectEcs({
      ...base,
      taskDefinitions: new InMemoryTaskDefinitionCache(),
      onClusterDone: (arn, workloads) => workloadsPerCluster.push([arn, workloads]),
    });

    expect(gaps).toEqual([]);
    const [cluster] = inventory.clusters;
    expect(cluster).toMatchObject({
      arn: CLUSTER,
      name: 'prod',
      containerInsights: 'disabled',
      capacityProviders: ['FARGATE', 'FARGATE_SPOT', 'prod-asg'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'prod-asg', weight: 1, base: 0 }],
      tags: { team: 'platform' },
    });
    expect(cluster?.services.map((s) => s.name)).toEqual(['web', 'api', 'worker']);
    expect(cluster?.services[0]).toMatchObject({
      launchType: 'FARGATE',
      platformVersion: '1.3.0',
      networkConfiguration: { subnets: 2, securityGroups: 1, assignPublicIp: 'ENABLED' },
      tags: { app: 'web' },
    });
    expect(cluster?.tasks).toHaveLength(6);
    expect(cluster?.containerInstances[0]).toMatchObject({
      ec2InstanceId: 'i-0a1b2c3d4e5f67890',
      registeredCpu: 2048,
      registeredMemoryMiB: 7680,
      remainingCpu: 0,
      remainingMemoryMiB: 3584,
    });
    expect(inventory.capacityProviders).toEqual([
      expect.objectContaining({
        name: 'prod-asg',
        type: 'EC2_AUTOSCALING',
        managedTerminationProtection: 'DISABLED',
      }),
    ]);
    expect(Object.keys(inventory.taskDefinitions)).toEqual([
      td('api', 3),
      td('nightly-report', 4),
      td('nightly-report', 5),
      td('web', 7),
      td('worker', 12),
    ]);
    expect(ec2InstanceIds).toEqual(['i-0a1b2c3d4e5f67890']);
    // 3 services + 1 standalone family.
    expect(workloadsPerCluster).toEqual([[CLUSTER, 4]]);
  });

  it('fetches each task definition once although services and tasks name it several times', async () => {
    mockRecordedAccount();
    await collectEcs({ ...base, taskDefinitions: new InMemoryTaskDefinitionCache() });
    expect(ecsMock).toHaveReceivedCommandTimes(DescribeTaskDefinitionCommand, 5);
    for (const arn of [td('web', 7), td('worker', 12)]) {
      expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand, { taskDefinition: arn })).toHaveLength(1);
    }
  });

  it('asks for tags inside the describe calls instead of calling ListTagsForResource', async () => {
    mockRecordedAccount();
    await collectEcs({ ...base, taskDefinitions: new InMemoryTaskDefinitionCache() });
    expect(ecsMock).toHaveReceivedCommandWith(DescribeClustersCommand, { include: ['SETTINGS', 'TAGS'] });
    expect(ecsMock).toHaveReceivedCommandWith(DescribeServicesCommand, { include: ['TAGS'] });
    expect(ecsMock).toHaveReceivedCommandWith(DescribeTasksCommand, { include: ['TAGS'] });
    const sent = ecsMock.calls().map((c) => c.args[0].constructor.name);
    expect(sent).not.toContain('ListTagsForResourceCommand');
  });

  it('keeps no environment value, command or log secret of a task definition', async () => {
    mockRecordedAccount();
    const { inventory } = await collectEcs({ ...base, taskDefinitions: new InMemoryTaskDefinitionCache() });
    const text = JSON.stringify(inventory);
    expect(text).not.toContain('CANARY');
    expect(text).toContain('DATABASE_URL');
    expect(text).toContain('splunk-token');
  });

  it('serves task definitions from the cache without calling ECS', async () => {
    mockRecordedAccount();
    const cache = new InMemoryTaskDefinitionCache();
    await collectEcs({ ...base, taskDefinitions: cache });
    expect(cache.size).toBe(5);
    ecsMock.resetHistory();
    const second = await collectEcs({ ...base, taskDefinitions: cache });
    expect(ecsMock).toHaveReceivedCommandTimes(DescribeTaskDefinitionCommand, 0);
    expect(Object.keys(second.inventory.taskDefinitions)).toHaveLength(5);
  });
});

describe('collectEcs at scale', () => {
  const serviceArns = Array.from(
    { length: 125 },
    (_, i) => `arn:aws:ecs:eu-west-1:111122223333:service/prod/svc-${i}`,
  );
  const taskArns = Array.from(
    { length: 250 },
    (_, i) => `arn:aws:ecs:eu-west-1:111122223333:task/prod/t${i}`,
  );
  const instanceArns = Array.from(
    { length: 150 },
    (_, i) => `arn:aws:ecs:eu-west-1:111122223333:container-instance/prod/ci${i}`,
  );

  function mockLargeCluster() {
    ecsMock.on(ListClustersCommand).resolves({ clusterArns: [CLUSTER] });
    ecsMock
      .on(DescribeClustersCommand)
      .resolves({ clusters: [{ clusterArn: CLUSTER, clusterName: 'prod' }] });
    ecsMock
      .on(ListServicesCommand)
      .resolvesOnce({ serviceArns: serviceArns.slice(0, 100), nextToken: 'services-2' })
      .resolvesOnce({ serviceArns: serviceArns.slice(100) });
    ecsMock.on(DescribeServicesCommand).callsFake((input: { services: string[] }) => ({
      services: input.services.map((arn, i) => ({
        serviceArn: arn,
        serviceName: arn.split('/').pop(),
        taskDefinition: td(i % 2 ? 'even' : 'odd', 1),
        launchType: 'EC2',
      })),
    }));
    ecsMock
      .on(ListTasksCommand)
      .resolvesOnce({ taskArns: taskArns.slice(0, 100), nextToken: 'tasks-2' })
      .resolvesOnce({ taskArns: taskArns.slice(100, 200), nextToken: 'tasks-3' })
      .resolvesOnce({ taskArns: taskArns.slice(200) });
    ecsMock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
      tasks: input.tasks.map((arn) => ({
        taskArn: arn,
        clusterArn: CLUSTER,
        taskDefinitionArn: td('odd', 1),
        group: 'service:svc-0',
      })),
    }));
    ecsMock
      .on(ListContainerInstancesCommand)
      .resolvesOnce({ containerInstanceArns: instanceArns.slice(0, 100), nextToken: 'ci-2' })
      .resolvesOnce({ containerInstanceArns: instanceArns.slice(100) });
    ecsMock.on(DescribeContainerInstancesCommand).callsFake((input: { containerInstances: string[] }) => ({
      containerInstances: input.containerInstances.map((arn, i) => ({
        containerInstanceArn: arn,
        ec2InstanceId: `i-${String(i).padStart(17, '0')}`,
      })),
    }));
    ecsMock.on(DescribeTaskDefinitionCommand).callsFake((input: { taskDefinition: string }) => ({
      taskDefinition: { taskDefinitionArn: input.taskDefinition, family: 'f', containerDefinitions: [] },
    }));
  }

  it('lists 100 at a time and follows next tokens', async () => {
    mockLargeCluster();
    const { inventory } = await collectEcs({ ...base, taskDefinitions: new InMemoryTaskDefinitionCache() });
    expect(inventory.clusters[0]?.services).toHaveLength(125);
    expect(inventory.clusters[0]?.tasks).toHaveLength(250);
    expect(inventory.clusters[0]?.containerInstances).toHaveLength(150);
    expect(ecsMock).toHaveReceivedCommandTimes(ListServicesCommand, 2);
    const listServices = ecsMock.commandCalls(ListServicesCommand).map((c) => c.args[0].input);
    // The SDK paginator reuses one input object across pages, so only the last state is visible.
    expect(listServices[0]).toMatchObject({ maxResults: 100 });
    expect(listServices[1]).toMatchObject({ maxResults: 100, nextToken: 'services-2' });
    expect(ecsMock).toHaveReceivedCommandTimes(ListTasksCommand, 3);
    for (const call of ecsMock.commandCalls(ListTasksCommand)) {
      expect(call.args[0].input).toMatchObject({ cluster: CLUSTER, maxResults: 100 });
      expect(call.args[0].input).not.toHaveProperty('serviceName');
    }
  });

  it('describes at the batch maxima: 10 services, 100 tasks, 100 container instances per call', async () => {
    mockLargeCluster();
    await collectEcs({ ...base, taskDefinitions: new InMemoryTaskDefinitionCache() });
    const services = ecsMock
      .commandCalls(DescribeServicesCommand)
      .map((c) => c.args[0].input.services?.length);
    expect(services).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 5]);
    const tasks = ecsMock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks?.length);
    expect(tasks).toEqual([100, 100, 50]);
    const instances = ecsMock
      .commandCalls(DescribeContainerInstancesCommand)
      .map((c) => c.args[0].input.containerInstances?.length);
    expect(instances).toEqual([100, 50]);
    // Two distinct task definitions across 125 services and 250 tasks.
    expect(ecsMock).toHaveReceivedCommandTimes(DescribeTaskDefinitionCommand, 2);
  });
});

describe('collectEcs pipelining', () => {
  const later = <T>(value: T, ms = 15): Promise<T> =>
    new Promise((resolve) => setTimeout(() => resolve(value), ms));
  const taskArns = Array.from(
    { length: 230 },
    (_, i) => `arn:aws:ecs:eu-west-1:111122223333:task/prod/t${i}`,
  );
  const order = () => ecsMock.calls().map((call) => (call.args[0] as object).constructor.name);

  function mockCluster(clusterProviders: string[] = []) {
    ecsMock.on(ListClustersCommand).resolves({ clusterArns: [CLUSTER] });
    ecsMock.on(DescribeClustersCommand).resolves({
      clusters: [{ clusterArn: CLUSTER, clusterName: 'prod', capacityProviders: clusterProviders }],
    });
    ecsMock.on(ListServicesCommand).resolves({ serviceArns: [] });
    // Short pages (60 ARNs) that arrive one by one, as a busy cluster's listing does.
    ecsMock
      .on(ListTasksCommand)
      .callsFakeOnce(() => later({ taskArns: taskArns.slice(0, 60), nextToken: 'p2' }))
      .callsFakeOnce(() => later({ taskArns: taskArns.slice(60, 120), nextToken: 'p3' }))
      .callsFakeOnce(() => later({ taskArns: taskArns.slice(120, 180), nextToken: 'p4' }))
      .callsFakeOnce(() => later({ taskArns: taskArns.slice(180) }));
    ecsMock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) =>
      later({
        tasks: input.tasks.map((arn) => ({
          taskArn: arn,
          clusterArn: CLUSTER,
          taskDefinitionArn: td('web', 7),
        })),
      }),
    );
    ecsMock.on(ListContainerInstancesCommand).resolves({ containerInstanceArns: ['ci-1', 'ci-2'] });
    ecsMock.on(DescribeContainerInstancesCommand).resolves({
      containerInstances: [
        { containerInstanceArn: 'ci-1', ec2InstanceId: 'i-0000000000000000b' },
        { containerInstanceArn: 'ci-2', ec2InstanceId: 'mi-0000000000000000c' },
      ],
    });
    ecsMock.on(DescribeTaskDefinitionCommand).resolves({
      taskDefinition: { taskDefinitionArn: td('web', 7), family: 'web', containerDefinitions: [] },
    });
  }

  it('describes a batch as soon as the listing has filled it, in ⌈names / 100⌉ calls however short the pages', async () => {
    mockCluster();
    const { inventory } = await collectEcs({ ...base, taskDefinitions: new InMemoryTaskDefinitionCache() });

    expect(inventory.clusters[0]?.tasks.map((t) => t.arn)).toEqual(taskArns);
    const batches = ecsMock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks);
    expect(batches).toEqual([taskArns.slice(0, 100), taskArns.slice(100, 200), taskArns.slice(200)]);
    // The first 100 were complete after the second page: described before the last page was asked for.
    const calls = order();
    const lastPage = calls.lastIndexOf('ListTasksCommand');
    expect(calls.indexOf('DescribeTasksCommand')).toBeLessThan(lastPage);
  });

  it('hands over the EC2 instance ids once every container instance is read, before the tasks are done', async () => {
    mockCluster();
    const handedOver: (readonly string[])[] = [];
    let tasksDescribedThen = -1;
    const collection = await collectEcs({
      ...base,
      taskDefinitions: new InMemoryTaskDefinitionCache(),
      onContainerInstancesRead: (ids) => {
        handedOver.push(ids);
        tasksDescribedThen = ecsMock.commandCalls(DescribeTasksCommand).length;
      },
    });

    expect(handedOver).toEqual([['i-0000000000000000b']]);
    expect(collection.ec2InstanceIds).toEqual(['i-0000000000000000b']);
    expect(tasksDescribedThen).toBeLessThan(3);
  });

  it('hands over no ids at once when the account has no cluster', async () => {
    ecsMock.on(ListClustersCommand).resolves({ clusterArns: [] });
    const handedOver: (readonly string[])[] = [];
    await collectEcs({
      ...base,
      taskDefinitions: new InMemoryTaskDefinitionCache(),
      onContainerInstancesRead: (ids) => handedOver.push(ids),
    });
    expect(handedOver).toEqual([[]]);
  });

  it('asks for the providers the clusters name while reading them, and later only for ones services add', async () => {
    mockCluster(['FARGATE', 'prod-asg']);
    ecsMock
      .on(ListServicesCommand)
      .resolves({ serviceArns: ['arn:aws:ecs:eu-west-1:111122223333:service/prod/s'] });
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [
        {
          serviceArn: 'arn:aws:ecs:eu-west-1:111122223333:service/prod/s',
          serviceName: 's',
          taskDefinition: td('web', 7),
          capacityProviderStrategy: [{ capacityProvider: 'spot-asg', weight: 1 }],
        },
      ],
    });
    ecsMock
      .on(DescribeCapacityProvidersCommand)
      .resolvesOnce({
        capacityProviders: [
          { name: 'prod-asg', autoScalingGroupProvider: { autoScalingGroupArn: 'arn:asg/prod' } },
        ],
      })
      .resolvesOnce({
        capacityProviders: [
          { name: 'spot-asg', autoScalingGroupProvider: { autoScalingGroupArn: 'arn:asg/spot' } },
        ],
      });

    const { inventory, gaps } = await collectEcs({
      ...base,
      taskDefinitions: new InMemoryTaskDefinitionCache(),
    });

    expect(gaps).toEqual([]);
    const asked = ecsMock.commandCalls(DescribeCapacityProvidersCommand).map((c) => c.args[0].input);
    expect(asked).toEqual([{ capacityProviders: ['prod-asg'] }, { capacityProviders: ['spot-asg'] }]);
    expect(inventory.capacityProviders.map((p) => p.name)).toEqual(['prod-asg', 'spot-asg']);
    // The first call does not wait for the task listing.
    const calls = order();
    expect(calls.indexOf('DescribeCapacityProvidersCommand')).toBeLessThan(
      calls.indexOf('DescribeTasksCommand'),
    );
  });
});

describe('collectEcs partial failures', () => {
  it('turns a missing service, a refused task definition and a failing task listing into gaps', async () => {
    mockRecordedAccount();
    ecsMock.on(DescribeServicesCommand).resolves({
      ...awsFixture<DescribeServicesCommandOutput>('ecs.DescribeServices_1'),
      failures: [{ arn: 'arn:aws:ecs:eu-west-1:111122223333:service/prod/gone', reason: 'MISSING' }],
    });
    ecsMock.on(DescribeTaskDefinitionCommand, { taskDefinition: td('api', 3) }).rejects(
      Object.assign(new Error('User is not authorized to perform: ecs:DescribeTaskDefinition'), {
        name: 'AccessDeniedException',
      }),
    );
    ecsMock
      .on(ListTasksCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    const { inventory, gaps } = await collectEcs({
      ...base,
      taskDefinitions: new InMemoryTaskDefinitionCache(),
    });

    expect(inventory.clusters[0]?.services).toHaveLength(3);
    expect(inventory.clusters[0]?.tasks).toEqual([]);
    expect(inventory.taskDefinitions).not.toHaveProperty(td('api', 3));
    expect(inventory.taskDefinitions).toHaveProperty(td('web', 7));
    expect(gaps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: 'ecs-service', cluster: 'prod', errorName: 'MISSING' }),
        expect.objectContaining({
          scope: 'task-definition',
          errorName: 'AccessDeniedException',
          message: expect.stringContaining(td('api', 3)),
        }),
        expect.objectContaining({ scope: 'ecs-cluster', cluster: 'prod', errorName: 'ThrottlingException' }),
      ]),
    );
  });

  it('rejects when ECS cannot be listed at all, so the caller can record the region or service', async () => {
    ecsMock.on(ListClustersCommand).rejects(
      Object.assign(new Error('The security token included in the request is invalid'), {
        name: 'UnrecognizedClientException',
      }),
    );
    await expect(
      collectEcs({ ...base, taskDefinitions: new InMemoryTaskDefinitionCache() }),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('looks a Managed Instances provider up in its cluster when the account-wide call does not return it', async () => {
    mockRecordedAccount();
    ecsMock.on(DescribeClustersCommand).resolves({
      clusters: [
        {
          clusterArn: CLUSTER,
          clusterName: 'prod',
          capacityProviders: ['FARGATE', 'prod-asg', 'prod-mi', 'vanished'],
        },
      ],
    });
    ecsMock
      .on(DescribeCapacityProvidersCommand)
      .resolvesOnce(awsFixture('ecs.DescribeCapacityProviders_1'))
      .resolvesOnce({ capacityProviders: [{ name: 'prod-mi', type: 'MANAGED_INSTANCES', cluster: 'prod' }] });

    const { inventory, gaps } = await collectEcs({
      ...base,
      taskDefinitions: new InMemoryTaskDefinitionCache(),
    });

    const describes = ecsMock.commandCalls(DescribeCapacityProvidersCommand).map((c) => c.args[0].input);
    expect(describes).toEqual([
      expect.objectContaining({ capacityProviders: ['prod-asg', 'prod-mi', 'vanished'] }),
      expect.objectContaining({ capacityProviders: ['prod-mi', 'vanished'], cluster: CLUSTER }),
    ]);
    expect(inventory.capacityProviders.map((p) => p.name).sort()).toEqual(['prod-asg', 'prod-mi']);
    expect(gaps).toEqual([
      expect.objectContaining({
        errorName: 'CapacityProviderNotFound',
        message: expect.stringContaining('vanished'),
      }),
    ]);
  });
});
