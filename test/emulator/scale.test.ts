import {
  DescribeServicesCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
} from '@aws-sdk/client-ecs';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './emulator.js';
import { generateEstate, LARGE_ACCOUNT_REGION } from './scenario/generate.js';
import { cpuMillis } from './state/quantities.js';
import { awsConfig, kubeConfigOf } from './support/clients.js';

// The "large" account-region of scan-limits §4.4, which the benchmark scans.
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator(generateEstate(LARGE_ACCOUNT_REGION));
}, 120_000);

afterAll(async () => {
  await emulator.close();
});

describe('large generated estate', () => {
  it('holds the sizes of scan-limits §4.4: 20 clusters, 2,000 services, 1,500 task definitions, 10,000 tasks, 400 instances, 20,000 pods', () => {
    const [account] = [...emulator.state.accounts.values()];
    const region = account?.regions.get('us-east-1');
    const clusters = region?.ecs.clusters ?? [];
    expect(clusters).toHaveLength(20);
    expect(clusters.reduce((sum, c) => sum + c.services.length, 0)).toBe(2000);
    expect(clusters.reduce((sum, c) => sum + c.tasks.length, 0)).toBe(10_000);
    expect(clusters.reduce((sum, c) => sum + c.containerInstances.length, 0)).toBe(400);
    expect(region?.ecs.taskDefinitions.size).toBe(1500);
    const eks = region?.eksClusters ?? [];
    expect(eks).toHaveLength(10);
    expect(eks.reduce((sum, c) => sum + (c.kubernetes.objects.get('pods')?.length ?? 0), 0)).toBe(20_000);
  });

  it('varies task sizes, replica counts and pod requests, within the capacity its instances and nodes have', () => {
    const region = [...emulator.state.accounts.values()][0]?.regions.get('us-east-1');
    const clusters = region?.ecs.clusters ?? [];
    // Replica counts vary in pairs around 5 per service, so every cluster still runs 500 tasks.
    expect(new Set(clusters.flatMap((c) => c.services.map((s) => s.wire.desiredCount))).size).toBe(9);
    for (const cluster of clusters) expect(cluster.tasks).toHaveLength(500);
    const sizes = new Set(
      [...(region?.ecs.taskDefinitions.values() ?? [])]
        .filter((d) => typeof d.wire.cpu === 'string')
        .map((d) => `${d.wire.cpu}/${d.wire.memory}`),
    );
    expect(sizes.size).toBe(7);
    const remaining = (instance: (typeof clusters)[number]['containerInstances'][number], name: string) =>
      (instance.wire.remainingResources as { name: string; integerValue: number }[]).find(
        (r) => r.name === name,
      )?.integerValue ?? 0;
    for (const instance of clusters.flatMap((c) => c.containerInstances)) {
      expect(remaining(instance, 'CPU')).toBeGreaterThan(0);
      expect(remaining(instance, 'MEMORY')).toBeGreaterThan(0);
    }
    for (const cluster of region?.eksClusters ?? []) {
      const requested = new Map<string, number>();
      const requests = new Set<string>();
      for (const pod of cluster.kubernetes.objects.get('pods') ?? []) {
        const spec = pod.spec as {
          nodeName: string;
          containers: { resources: { requests: { cpu: string; memory: string } } }[];
        };
        for (const { resources } of spec.containers) {
          requests.add(`${resources.requests.cpu}/${resources.requests.memory}`);
          const millicores = cpuMillis(resources.requests.cpu) ?? 0;
          requested.set(spec.nodeName, (requested.get(spec.nodeName) ?? 0) + millicores);
        }
      }
      expect(requests.size).toBe(6);
      for (const node of cluster.kubernetes.objects.get('nodes') ?? []) {
        const name = (node.metadata as { name: string }).name;
        const allocatable = cpuMillis((node.status as { allocatable: { cpu: string } }).allocatable.cpu);
        expect(requested.get(name) ?? 0).toBeLessThanOrEqual(allocatable ?? 0);
      }
    }
  });

  it('serves services on EC2 capacity providers and on Fargate, 100 per ListServices page', async () => {
    const ecs = new ECSClient(awsConfig(emulator));
    const { clusterArns = [] } = await ecs.send(new ListClustersCommand({}));
    const { serviceArns = [] } = await ecs.send(
      new ListServicesCommand({ cluster: clusterArns[0], maxResults: 100 }),
    );
    expect(serviceArns).toHaveLength(100);
    const { services = [] } = await ecs.send(
      new DescribeServicesCommand({ cluster: clusterArns[0], services: serviceArns.slice(0, 10) }),
    );
    const launchTypes = new Set(services.map((s) => s.launchType ?? 'capacity-provider'));
    expect(launchTypes).toEqual(new Set(['FARGATE', 'capacity-provider']));
    ecs.destroy();
  });

  it('lists 2,000 pods of a cluster in 4 pages of 500', async () => {
    const api = (await kubeConfigOf(emulator, 'eks-000')).makeApiClient(CoreV1Api);
    let token: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await api.listPodForAllNamespaces({ limit: 500, _continue: token });
      sizes.push(page.items.length);
      token = page.metadata?._continue;
    } while (token);
    expect(sizes).toEqual([500, 500, 500, 500]);
    expect(emulator.count({ service: 'kubernetes', action: 'list pods' })).toBe(4);
  });
});
