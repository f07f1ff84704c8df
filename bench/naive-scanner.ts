/**
 * The naive baseline of scan-limits §4.4, run on the same estate so the speed-up is measured: page
 * sizes left at their defaults (ListServices returns 10), one item per Describe call, tasks listed
 * per service, one DescribeTaskDefinition per task with no cache, one DescribeInstances per
 * container instance. It reads the AWS side only (ECS, EC2, the EKS control plane), not the
 * Kubernetes API, which only flatters it.
 *
 * It is paced by the same limiter as the product and retried the same way, so it is measured on
 * its call pattern alone: without pacing it would fail under throttling rather than be slow.
 */
import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import {
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeClusterCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  ListClustersCommand as ListEksClustersCommand,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import pLimit from 'p-limit';
import type { RegionalClients } from '../lib/inventory/clients.js';

/** What the baseline read. */
export interface NaiveScanResult {
  readonly services: number;
  readonly tasks: number;
  readonly taskDefinitionsDescribed: number;
  readonly containerInstances: number;
  readonly eksClusters: number;
}

/** Pages through a list call whose answer carries `nextToken`, with the service's default page size. */
async function listAll<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>) {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const out = await page(token);
    items.push(...out.items);
    token = out.next;
  } while (token);
  return items;
}

/** Scans one account-region the naive way (see the file comment). */
export async function naiveScan(clients: RegionalClients, concurrency = 4): Promise<NaiveScanResult> {
  const { ecs, ec2, eks } = clients;
  const result = {
    services: 0,
    tasks: 0,
    taskDefinitionsDescribed: 0,
    containerInstances: 0,
    eksClusters: 0,
  };
  const clusterLimit = pLimit(concurrency);

  const clusterArns = await listAll(async (nextToken) => {
    const out = await ecs.send(new ListClustersCommand({ nextToken }));
    return { items: out.clusterArns ?? [], next: out.nextToken };
  });

  const ecsWork = Promise.all(
    clusterArns.map((cluster) =>
      clusterLimit(async () => {
        const itemLimit = pLimit(concurrency);
        await ecs.send(new DescribeClustersCommand({ clusters: [cluster] }));
        const serviceArns = await listAll(async (nextToken) => {
          const out = await ecs.send(new ListServicesCommand({ cluster, nextToken }));
          return { items: out.serviceArns ?? [], next: out.nextToken };
        });
        await Promise.all(
          serviceArns.map((service) =>
            itemLimit(async () => {
              await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
              result.services += 1;
              const serviceName = service.split('/').pop() ?? service;
              const taskArns = await listAll(async (nextToken) => {
                const out = await ecs.send(new ListTasksCommand({ cluster, serviceName, nextToken }));
                return { items: out.taskArns ?? [], next: out.nextToken };
              });
              for (const task of taskArns) {
                const out = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [task] }));
                result.tasks += 1;
                const definition = out.tasks?.[0]?.taskDefinitionArn;
                if (definition) {
                  await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: definition }));
                  result.taskDefinitionsDescribed += 1;
                }
              }
            }),
          ),
        );
        const instanceArns = await listAll(async (nextToken) => {
          const out = await ecs.send(new ListContainerInstancesCommand({ cluster, nextToken }));
          return { items: out.containerInstanceArns ?? [], next: out.nextToken };
        });
        await Promise.all(
          instanceArns.map((instance) =>
            itemLimit(async () => {
              const out = await ecs.send(
                new DescribeContainerInstancesCommand({ cluster, containerInstances: [instance] }),
              );
              result.containerInstances += 1;
              const ec2InstanceId = out.containerInstances?.[0]?.ec2InstanceId;
              if (ec2InstanceId)
                await ec2.send(new DescribeInstancesCommand({ InstanceIds: [ec2InstanceId] }));
            }),
          ),
        );
      }),
    ),
  );

  const eksLimit = pLimit(concurrency);
  const eksWork = (async () => {
    const names = await listAll(async (nextToken) => {
      const out = await eks.send(new ListEksClustersCommand({ nextToken }));
      return { items: out.clusters ?? [], next: out.nextToken };
    });
    await Promise.all(
      names.map((clusterName) =>
        eksLimit(async () => {
          await eks.send(new DescribeClusterCommand({ name: clusterName }));
          result.eksClusters += 1;
          const groups = await listAll(async (nextToken) => {
            const out = await eks.send(new ListNodegroupsCommand({ clusterName, nextToken }));
            return { items: out.nodegroups ?? [], next: out.nextToken };
          });
          for (const nodegroupName of groups) {
            await eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }));
          }
          const profiles = await listAll(async (nextToken) => {
            const out = await eks.send(new ListFargateProfilesCommand({ clusterName, nextToken }));
            return { items: out.fargateProfileNames ?? [], next: out.nextToken };
          });
          for (const fargateProfileName of profiles) {
            await eks.send(new DescribeFargateProfileCommand({ clusterName, fargateProfileName }));
          }
        }),
      ),
    );
  })();

  await Promise.all([ecsWork, eksWork]);
  return result;
}
