/**
 * A recorded estate for tests that need a whole inventory: one account and region with the ECS
 * cluster, EC2 instance and EKS cluster of the recorded fixtures, and a small Kubernetes cluster
 * behind a fake connector. Environment values carrying "CANARY" are planted on every path a
 * secret could take.
 */
import { DescribeInstancesCommand, DescribeInstanceTypesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListContainerInstancesCommand,
  ListServicesCommand,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand as ListEksClustersCommand,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { KubernetesConnector } from '../../../lib/inventory/eks/kubernetes-connector.js';
import { slim } from '../../../lib/inventory/eks/kubernetes-connector.js';
import { defaultScanDeps, type ScanDeps, scanEstate } from '../../../lib/inventory/scan.js';
import type { Inventory, KubernetesObjects } from '../../../lib/inventory/snapshot.js';
import {
  awsFixture,
  cronJob,
  daemonSet,
  job,
  kubernetesObjects,
  node,
  pod,
  podSpec,
  replicaSet,
} from './support.js';

export const ACCOUNT = '111122223333';
export const REGION = 'eu-west-1';
export const ECS_CLUSTER = 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod';

const td = (family: string, revision: number) =>
  `arn:aws:ecs:eu-west-1:111122223333:task-definition/${family}:${revision}`;

const frontendLabels = { app: 'frontend', tier: 'frontend' };

/** The Kubernetes side of the recorded EKS cluster `shop`, as the connector would return it. */
export function shopObjects(): KubernetesObjects {
  const frontendTemplate = {
    metadata: {
      labels: frontendLabels,
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"env":"CANARY-last-applied-41c2"}',
      },
    },
    spec: podSpec(
      [
        {
          name: 'web',
          cpu: '500m',
          memory: '1Gi',
          env: [
            { name: 'SESSION_SECRET', value: 'CANARY-pod-env-9f3b' },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
          ],
        },
      ],
      { serviceAccountName: 'frontend' },
    ),
  };
  const frontend = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'frontend', namespace: 'shop-web', uid: 'frontend-uid' },
    spec: { replicas: 2, selector: { matchLabels: frontendLabels }, template: frontendTemplate },
  };
  const frontendRs = replicaSet('frontend-6b7', 'shop-web', frontendLabels, {
    kind: 'Deployment',
    name: 'frontend',
  });
  const frontendPod = (name: string) =>
    pod(name, 'shop-web', {
      labels: frontendLabels,
      owner: { kind: 'ReplicaSet', name: 'frontend-6b7' },
      node: 'ip-10-0-1-10.eu-west-1.compute.internal',
      containers: [
        {
          name: 'web',
          cpu: '500m',
          memory: '1Gi',
          env: [{ name: 'SESSION_SECRET', value: 'CANARY-pod-env-9f3b' }],
        },
      ],
      spec: { serviceAccountName: 'frontend' },
    });
  const objects = kubernetesObjects({
    deployments: [frontend],
    replicaSets: [frontendRs],
    cronJobs: [cronJob('report', 'batch', { app: 'report' })],
    jobs: [job('report-29123', 'batch', { app: 'report' }, { kind: 'CronJob', name: 'report' })],
    daemonSets: [
      daemonSet('node-agent', 'kube-system', { app: 'node-agent' }, 1),
      daemonSet('aws-node', 'kube-system', { k8s: 'aws-node' }, 1),
    ],
    pods: [
      frontendPod('frontend-6b7-a'),
      frontendPod('frontend-6b7-b'),
      pod('report-29123-x', 'batch', {
        labels: { app: 'report' },
        owner: { kind: 'Job', name: 'report-29123' },
        node: 'fargate-ip-10-0-9-9.eu-west-1.compute.internal',
        phase: 'Succeeded',
      }),
      pod('node-agent-q', 'kube-system', {
        labels: { app: 'node-agent' },
        owner: { kind: 'DaemonSet', name: 'node-agent' },
        node: 'ip-10-0-1-10.eu-west-1.compute.internal',
        containers: [{ cpu: '100m', memory: '128Mi' }],
      }),
      pod('debug', 'ops', { node: 'fargate-ip-10-0-9-8.eu-west-1.compute.internal' }),
    ],
    nodes: [
      node('ip-10-0-1-10.eu-west-1.compute.internal', {
        labels: {
          'node.kubernetes.io/instance-type': 'm6i.xlarge',
          'eks.amazonaws.com/capacityType': 'ON_DEMAND',
          'eks.amazonaws.com/nodegroup': 'general',
        },
        providerID: 'aws:///eu-west-1a/i-0node0000000000001',
        cpu: '3920m',
        memory: '15000Mi',
      }),
      node('fargate-ip-10-0-9-8.eu-west-1.compute.internal', {
        labels: { 'eks.amazonaws.com/compute-type': 'fargate' },
      }),
      node('fargate-ip-10-0-9-9.eu-west-1.compute.internal', {
        labels: { 'eks.amazonaws.com/compute-type': 'fargate' },
      }),
    ],
  });
  // The real connector slims (and so redacts) what it lists.
  return Object.fromEntries(
    Object.entries(objects).map(([kind, list]) => [
      kind,
      list.map((o) => slim(kind as keyof KubernetesObjects, o as Record<string, unknown>)),
    ]),
  ) as unknown as KubernetesObjects;
}

/** Raw objects as a connector that forgot to redact would return them (for canary tests). */
export function unredactedShopObjects(): KubernetesObjects {
  const objects = shopObjects();
  const leaky = pod('leaky', 'shop-web', {
    containers: [{ env: [{ name: 'TOKEN', value: 'CANARY-unredacted-pod-5e1d' }] }],
  });
  return { ...objects, pods: [...objects.pods, leaky] };
}

/** Mocks every AWS call of the recorded estate. Returns the mocks so a test can adjust or reset them. */
export function mockRecordedEstate() {
  const sts = mockClient(STSClient);
  const ecs = mockClient(ECSClient);
  const ec2 = mockClient(EC2Client);
  const eks = mockClient(EKSClient);
  sts.on(GetCallerIdentityCommand).resolves(awsFixture('sts.GetCallerIdentity_1'));
  ecs.on(ListClustersCommand).resolves(awsFixture('ecs.ListClusters_1'));
  ecs.on(DescribeClustersCommand).resolves(awsFixture('ecs.DescribeClusters_1'));
  ecs.on(ListServicesCommand).resolves(awsFixture('ecs.ListServices_1'));
  ecs.on(DescribeServicesCommand).resolves(awsFixture('ecs.DescribeServices_1'));
  ecs.on(ListTasksCommand).resolves(awsFixture('ecs.ListTasks_1'));
  ecs.on(DescribeTasksCommand).resolves(awsFixture('ecs.DescribeTasks_1'));
  ecs.on(ListContainerInstancesCommand).resolves(awsFixture('ecs.ListContainerInstances_1'));
  ecs.on(DescribeContainerInstancesCommand).resolves(awsFixture('ecs.DescribeContainerInstances_1'));
  ecs.on(DescribeCapacityProvidersCommand).resolves(awsFixture('ecs.DescribeCapacityProviders_1'));
  const definitions: [string, string][] = [
    [td('web', 7), 'ecs.DescribeTaskDefinition_1'],
    [td('api', 3), 'ecs.DescribeTaskDefinition_2'],
    [td('worker', 12), 'ecs.DescribeTaskDefinition_3'],
    [td('nightly-report', 4), 'ecs.DescribeTaskDefinition_4'],
    [td('nightly-report', 5), 'ecs.DescribeTaskDefinition_5'],
  ];
  for (const [arn, fixture] of definitions) {
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: arn }).resolves(awsFixture(fixture));
  }
  ec2.on(DescribeInstancesCommand).resolves(awsFixture('ec2.DescribeInstances_1'));
  ec2.on(DescribeInstanceTypesCommand).resolves(awsFixture('ec2.DescribeInstanceTypes_1'));
  eks.on(ListEksClustersCommand).resolves(awsFixture('eks.ListClusters_1'));
  eks.on(DescribeClusterCommand).resolves(awsFixture('eks.DescribeCluster_1'));
  eks.on(ListNodegroupsCommand).resolves(awsFixture('eks.ListNodegroups_1'));
  eks.on(DescribeNodegroupCommand).resolves(awsFixture('eks.DescribeNodegroup_1'));
  eks.on(ListFargateProfilesCommand).resolves(awsFixture('eks.ListFargateProfiles_1'));
  eks
    .on(DescribeFargateProfileCommand, { fargateProfileName: 'shop-web' })
    .resolves(awsFixture('eks.DescribeFargateProfile_1'));
  eks
    .on(DescribeFargateProfileCommand, { fargateProfileName: 'batch' })
    .resolves(awsFixture('eks.DescribeFargateProfile_2'));
  eks.on(ListPodIdentityAssociationsCommand).resolves(awsFixture('eks.ListPodIdentityAssociations_1'));
  eks.on(DescribeClusterVersionsCommand).resolves(awsFixture('eks.DescribeClusterVersions_1'));
  return {
    sts,
    ecs,
    ec2,
    eks,
    restore() {
      for (const mock of [sts, ecs, ec2, eks]) mock.restore();
    },
  };
}

/** Scan dependencies with a fixed clock and a connector that returns `objects`. */
export function recordedDeps(
  objects: () => Promise<KubernetesObjects> = async () => shopObjects(),
): ScanDeps {
  const connector: KubernetesConnector = { collect: objects };
  return {
    ...defaultScanDeps(),
    kubernetesConnector: () => connector,
    now: () => new Date('2026-11-27T12:00:00Z'),
  };
}

/** Scans the recorded estate (mocks must be in place). */
export async function scanRecordedEstate(deps: ScanDeps = recordedDeps()): Promise<Inventory> {
  return scanEstate({ regions: [REGION] }, deps);
}
