import 'aws-sdk-client-mock-vitest/extend';
import {
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
  ListPodIdentityAssociationsCommand,
} from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectEks } from '../../../lib/inventory/eks/collect-eks.js';
import type {
  KubernetesConnector,
  KubernetesTarget,
} from '../../../lib/inventory/eks/kubernetes-connector.js';
import { KubernetesApiError } from '../../../lib/inventory/errors.js';
import { awsFixture, deployment, kubernetesObjects, node, pod, replicaSet } from './support.js';

const eksMock = mockClient(EKSClient);
const eks = new EKSClient({ region: 'eu-west-1' });

class FakeConnector implements KubernetesConnector {
  readonly targets: KubernetesTarget[] = [];
  constructor(private readonly answer: () => ReturnType<KubernetesConnector['collect']>) {}
  collect(target: KubernetesTarget) {
    this.targets.push(target);
    return this.answer();
  }
}

const objects = kubernetesObjects({
  deployments: [deployment('frontend', 'shop-web', { app: 'frontend' })],
  replicaSets: [
    replicaSet('frontend-6b7', 'shop-web', { app: 'frontend' }, { kind: 'Deployment', name: 'frontend' }),
  ],
  pods: [
    pod('frontend-6b7-a', 'shop-web', { owner: { kind: 'ReplicaSet', name: 'frontend-6b7' }, node: 'n1' }),
  ],
  nodes: [node('n1', { labels: { 'node.kubernetes.io/instance-type': 'm6i.xlarge' } })],
});

function mockRecordedCluster() {
  eksMock.on(ListClustersCommand).resolves(awsFixture('eks.ListClusters_1'));
  eksMock.on(DescribeClusterCommand).resolves(awsFixture('eks.DescribeCluster_1'));
  eksMock.on(ListNodegroupsCommand).resolves(awsFixture('eks.ListNodegroups_1'));
  eksMock.on(DescribeNodegroupCommand).resolves(awsFixture('eks.DescribeNodegroup_1'));
  eksMock.on(ListFargateProfilesCommand).resolves(awsFixture('eks.ListFargateProfiles_1'));
  eksMock
    .on(DescribeFargateProfileCommand, { fargateProfileName: 'shop-web' })
    .resolves(awsFixture('eks.DescribeFargateProfile_1'));
  eksMock
    .on(DescribeFargateProfileCommand, { fargateProfileName: 'batch' })
    .resolves(awsFixture('eks.DescribeFargateProfile_2'));
  eksMock.on(ListPodIdentityAssociationsCommand).resolves(awsFixture('eks.ListPodIdentityAssociations_1'));
  eksMock.on(DescribeClusterVersionsCommand).resolves(awsFixture('eks.DescribeClusterVersions_1'));
}

beforeEach(() => eksMock.reset());
afterEach(() => eksMock.reset());

describe('collectEks', () => {
  it('reads a cluster, its node groups, Fargate profiles, Pod Identity, version support and Kubernetes objects', async () => {
    mockRecordedCluster();
    const connector = new FakeConnector(async () => objects);
    const done: [string, number][] = [];
    const { inventory, instanceTypes, gaps } = await collectEks({
      eks,
      account: '111122223333',
      region: 'eu-west-1',
      kubernetes: connector,
      onClusterDone: (name, workloads) => done.push([name, workloads]),
    });

    expect(gaps).toEqual([]);
    const [cluster] = inventory.clusters;
    expect(cluster).toMatchObject({
      name: 'shop',
      version: '1.31',
      endpointPublicAccess: true,
      publicAccessCidrs: ['0.0.0.0/0'],
      secretsEncryptionKeyArn: null,
      enabledLogTypes: ['api'],
      nodegroups: [{ name: 'general', capacityType: 'ON_DEMAND', instanceTypes: ['m6i.xlarge'] }],
      fargateProfiles: [
        { name: 'shop-web', selectors: [{ namespace: 'shop-*', labels: { tier: 'front?nd' } }] },
        { name: 'batch', selectors: [{ namespace: 'batch', labels: {} }] },
      ],
      podIdentityServiceAccounts: ['shop-web/frontend'],
    });
    expect(cluster?.kubernetes?.pods).toHaveLength(1);
    expect(inventory.versions).toEqual([
      {
        version: '1.31',
        status: 'EXTENDED_SUPPORT',
        endOfStandardSupport: '2025-11-26T00:00:00.000Z',
        endOfExtendedSupport: '2026-11-26T00:00:00.000Z',
      },
    ]);
    expect(instanceTypes).toEqual(['m6i.xlarge']);
    expect(done).toEqual([['shop', 1]]);
  });

  it('hands the connector the endpoint and CA exactly as DescribeCluster returned them', async () => {
    mockRecordedCluster();
    const connector = new FakeConnector(async () => objects);
    await collectEks({ eks, account: '111122223333', region: 'eu-west-1', kubernetes: connector });
    const described = awsFixture<{ cluster: { endpoint: string; certificateAuthority: { data: string } } }>(
      'eks.DescribeCluster_1',
    ).cluster;
    expect(connector.targets).toEqual([
      {
        account: '111122223333',
        region: 'eu-west-1',
        clusterName: 'shop',
        endpoint: described.endpoint,
        certificateAuthorityData: described.certificateAuthority.data,
      },
    ]);
  });

  it('records a cluster whose Kubernetes API refuses the caller as a gap and keeps its EKS facts', async () => {
    mockRecordedCluster();
    const connector = new FakeConnector(async () => {
      throw new KubernetesApiError(
        403,
        'ListPod on shop: pods is forbidden: User "arn:aws:sts::111122223333:assumed-role/x" cannot list resource "pods"',
      );
    });
    const { inventory, gaps } = await collectEks({
      eks,
      account: '111122223333',
      region: 'eu-west-1',
      kubernetes: connector,
    });
    expect(inventory.clusters[0]).toMatchObject({
      name: 'shop',
      kubernetes: null,
      fargateProfiles: expect.any(Array),
    });
    expect(gaps).toEqual([
      expect.objectContaining({
        scope: 'cluster',
        account: '111122223333',
        region: 'eu-west-1',
        cluster: 'shop',
        errorName: 'KubernetesForbidden',
      }),
    ]);
  });

  it('marks profiles unknown (not empty) when they cannot be read', async () => {
    mockRecordedCluster();
    eksMock.on(ListFargateProfilesCommand).rejects(
      Object.assign(new Error('not authorized to perform eks:ListFargateProfiles'), {
        name: 'AccessDeniedException',
      }),
    );
    const { inventory, gaps } = await collectEks({
      eks,
      account: '111122223333',
      region: 'eu-west-1',
      kubernetes: new FakeConnector(async () => objects),
    });
    expect(inventory.clusters[0]?.fargateProfiles).toBeNull();
    expect(gaps).toEqual([
      expect.objectContaining({ scope: 'eks-cluster', errorName: 'AccessDeniedException' }),
    ]);
  });

  it('skips the Kubernetes API of a cluster that is not active, saying so', async () => {
    mockRecordedCluster();
    const creating = awsFixture<{ cluster: Record<string, unknown> }>('eks.DescribeCluster_1');
    eksMock.on(DescribeClusterCommand).resolves({ cluster: { ...creating.cluster, status: 'CREATING' } });
    const connector = new FakeConnector(async () => objects);
    const { gaps } = await collectEks({
      eks,
      account: '111122223333',
      region: 'eu-west-1',
      kubernetes: connector,
    });
    expect(connector.targets).toEqual([]);
    expect(gaps).toEqual([expect.objectContaining({ scope: 'cluster', errorName: 'ClusterNotActive' })]);
  });

  it('still reports version support as unknown when DescribeClusterVersions is refused', async () => {
    mockRecordedCluster();
    eksMock
      .on(DescribeClusterVersionsCommand)
      .rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const { inventory, gaps } = await collectEks({
      eks,
      account: '111122223333',
      region: 'eu-west-1',
      kubernetes: new FakeConnector(async () => objects),
    });
    expect(inventory.versions).toEqual([]);
    expect(gaps).toEqual([
      expect.objectContaining({ scope: 'eks', message: expect.stringContaining('DescribeClusterVersions') }),
    ]);
  });

  it('asks for version support once every cluster is described, not after the Kubernetes reads', async () => {
    mockRecordedCluster();
    let versionsAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => {
      versionsAsked = resolve;
    });
    eksMock.on(DescribeClusterVersionsCommand).callsFake(() => {
      versionsAsked();
      return awsFixture('eks.DescribeClusterVersions_1');
    });
    let askedFirst = false;
    const connector = new FakeConnector(async () => {
      // The Kubernetes reads end once versions were asked for (or after a while, failing the test).
      askedFirst = await Promise.race([
        asked.then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500)),
      ]);
      return objects;
    });

    const { inventory, gaps } = await collectEks({
      eks,
      account: '111122223333',
      region: 'eu-west-1',
      kubernetes: connector,
    });

    expect(gaps).toEqual([]);
    expect(askedFirst).toBe(true);
    expect(inventory.versions.length).toBeGreaterThan(0);
    expect(eksMock).toHaveReceivedCommandTimes(DescribeClusterVersionsCommand, 1);
  });

  it('lists with the maximum page size', async () => {
    mockRecordedCluster();
    await collectEks({
      eks,
      account: '111122223333',
      region: 'eu-west-1',
      kubernetes: new FakeConnector(async () => objects),
    });
    expect(eksMock).toHaveReceivedCommandWith(ListClustersCommand, { maxResults: 100 });
    expect(eksMock).toHaveReceivedCommandWith(ListNodegroupsCommand, {
      clusterName: 'shop',
      maxResults: 100,
    });
    expect(eksMock).toHaveReceivedCommandWith(ListFargateProfilesCommand, {
      clusterName: 'shop',
      maxResults: 100,
    });
    expect(eksMock).toHaveReceivedCommandWith(DescribeClusterVersionsCommand, {
      clusterVersions: ['1.31'],
      includeAll: true,
    });
  });
});
