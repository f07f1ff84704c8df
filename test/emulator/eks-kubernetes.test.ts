import {
  DescribeClusterCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListFargateProfilesCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { ApiException, AppsV1Api, CoreV1Api, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './emulator.js';
import { awsConfig, kubeConfigOf } from './support/clients.js';
import { kubeConfigFor, makeEksToken } from './support/eks-token.js';
import { busyScenario, HUB, REGION } from './support/scenarios.js';

let emulator: RunningEmulator;
let eks: EKSClient;

beforeAll(async () => {
  emulator = await startEmulator(busyScenario());
  eks = new EKSClient(awsConfig(emulator, { region: REGION }));
});

afterAll(async () => {
  eks.destroy();
  await emulator.close();
});

const baseCredentials = () => ({
  accessKeyId: emulator.env.AWS_ACCESS_KEY_ID,
  secretAccessKey: emulator.env.AWS_SECRET_ACCESS_KEY,
});

async function core(): Promise<CoreV1Api> {
  return (await kubeConfigOf(emulator, 'kube', { region: REGION })).makeApiClient(CoreV1Api);
}

async function statusOf(promise: Promise<unknown>): Promise<{ code: number; reason: string | undefined }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const api = error as ApiException<string>;
  const body: unknown = typeof api.body === 'string' ? JSON.parse(api.body) : api.body;
  const reason =
    typeof body === 'object' && body !== null && 'reason' in body ? String(body.reason) : undefined;
  return { code: api.code, reason };
}

describe('EKS emulator', () => {
  it('lists and describes clusters with an HTTPS endpoint on loopback and its CA', async () => {
    expect((await eks.send(new ListClustersCommand({}))).clusters).toEqual(['kube']);
    const { cluster } = await eks.send(new DescribeClusterCommand({ name: 'kube' }));
    expect(cluster?.endpoint).toMatch(new RegExp(`^https://127\\.0\\.0\\.1:\\d+/k8s/${HUB}/${REGION}/kube$`));
    expect(Buffer.from(cluster?.certificateAuthority?.data ?? '', 'base64').toString()).toContain(
      'BEGIN CERTIFICATE',
    );
    expect(cluster).toMatchObject({
      status: 'ACTIVE',
      version: '1.31',
      resourcesVpcConfig: { endpointPublicAccess: true },
    });
    expect(cluster?.createdAt).toBeInstanceOf(Date);
  });

  it('lists and describes node groups and Fargate profiles', async () => {
    expect((await eks.send(new ListNodegroupsCommand({ clusterName: 'kube' }))).nodegroups).toEqual(['ng']);
    const { nodegroup } = await eks.send(
      new DescribeNodegroupCommand({ clusterName: 'kube', nodegroupName: 'ng' }),
    );
    expect(nodegroup).toMatchObject({
      instanceTypes: ['m5.xlarge'],
      scalingConfig: { desiredSize: 3 },
      capacityType: 'ON_DEMAND',
    });
    expect(
      (await eks.send(new ListFargateProfilesCommand({ clusterName: 'kube' }))).fargateProfileNames,
    ).toEqual(['fp']);
    const { fargateProfile } = await eks.send(
      new DescribeFargateProfileCommand({ clusterName: 'kube', fargateProfileName: 'fp' }),
    );
    expect(fargateProfile?.selectors).toEqual([{ namespace: 'fargate-*', labels: { 'run-on': 'fargate' } }]);
  });

  it('answers ResourceNotFoundException (404) for a cluster or node group that does not exist', async () => {
    const error = await eks.send(new DescribeClusterCommand({ name: 'ghost' })).catch((e) => e);
    expect(error).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(error.$metadata.httpStatusCode).toBe(404);
    await expect(
      eks.send(new DescribeNodegroupCommand({ clusterName: 'kube', nodegroupName: 'gone' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('rejects maxResults above 100', async () => {
    await expect(eks.send(new ListClustersCommand({ maxResults: 101 }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
  });
});

describe('Kubernetes API emulator', () => {
  it('serves pods to @kubernetes/client-node in pages of `limit` with opaque continue tokens', async () => {
    const api = await core();
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await api.listPodForAllNamespaces({ limit: 10, _continue: token });
      pages += 1;
      names.push(...page.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
      token = page.metadata?._continue;
      if (token) expect(() => JSON.parse(token ?? '')).toThrow();
    } while (token);
    const everything = await api.listPodForAllNamespaces();
    expect(names).toEqual(everything.items.map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`));
    expect(names.length).toBe(27);
    expect(pages).toBe(3);
  });

  it('reports the remaining item count on a limited list', async () => {
    const page = await (await core()).listPodForAllNamespaces({ limit: 5 });
    expect(page.metadata?.remainingItemCount).toBe(22);
  });

  it('ignores limit when resourceVersion=0 is asked of a cluster before 1.34, like the watch cache', async () => {
    const page = await (await core()).listPodForAllNamespaces({ limit: 5, resourceVersion: '0' });
    expect(page.items).toHaveLength(27);
    expect(page.metadata?._continue).toBeUndefined();
  });

  it('chains Pod → ReplicaSet → Deployment through ownerReferences', async () => {
    const config = await kubeConfigOf(emulator, 'kube', { region: REGION });
    const apps = config.makeApiClient(AppsV1Api);
    const pods = await config.makeApiClient(CoreV1Api).listNamespacedPod({ namespace: 'apps' });
    expect(pods.items).toHaveLength(24);
    const owner = pods.items[0]?.metadata?.ownerReferences?.[0];
    expect(owner).toMatchObject({ kind: 'ReplicaSet', controller: true });
    const replicaSet = await apps.readNamespacedReplicaSet({ namespace: 'apps', name: owner?.name ?? '' });
    expect(replicaSet.metadata?.uid).toBe(owner?.uid);
    expect(replicaSet.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web' });
    const deployment = await apps.readNamespacedDeployment({ namespace: 'apps', name: 'web' });
    expect(deployment.metadata?.uid).toBe(replicaSet.metadata?.ownerReferences?.[0]?.uid);
    expect(deployment.status?.readyReplicas).toBe(24);
  });

  it('puts pods a Fargate profile selects (wildcard namespace and labels) on Fargate nodes and the rest on EC2 nodes', async () => {
    const api = await core();
    const pods = (await api.listNamespacedPod({ namespace: 'fargate-jobs' })).items;
    const byApp = (app: string): V1Pod[] => pods.filter((p) => p.metadata?.labels?.app === app);
    for (const pod of byApp('lambda-like')) {
      expect(pod.spec?.nodeName).toMatch(/^fargate-ip-/);
      expect(pod.spec?.schedulerName).toBe('fargate-scheduler');
      // 1 vCPU + 8 GiB + 256 MiB rounds up to 2 vCPU / 9 GB (the EKS documentation's own example).
      expect(pod.metadata?.annotations?.CapacityProvisioned).toBe('2vCPU 9GB');
      const node = await api.readNode({ name: pod.spec?.nodeName ?? '' });
      expect(node.metadata?.labels?.['eks.amazonaws.com/compute-type']).toBe('fargate');
    }
    const unlabelled = byApp('unlabelled')[0];
    expect(unlabelled?.spec?.nodeName).toMatch(/^ip-/);
    const ec2Nodes = (await api.listNode({ labelSelector: 'eks.amazonaws.com/nodegroup=ng' })).items;
    expect(ec2Nodes).toHaveLength(3);
    expect(ec2Nodes[0]?.status?.allocatable?.cpu).toBe('3920m');
    expect(ec2Nodes[0]?.metadata?.labels?.['node.kubernetes.io/instance-type']).toBe('m5.xlarge');
  });

  it('filters by label selector and by the pod field selectors the API server supports', async () => {
    const api = await core();
    const fargate = await api.listPodForAllNamespaces({
      labelSelector: 'run-on in (fargate),app!=unlabelled',
    });
    expect(fargate.items).toHaveLength(2);
    const node = fargate.items[0]?.spec?.nodeName ?? '';
    const onNode = await api.listPodForAllNamespaces({ fieldSelector: `spec.nodeName=${node}` });
    expect(onNode.items.map((p) => p.metadata?.name)).toEqual([fargate.items[0]?.metadata?.name]);
    expect(await statusOf(api.listPodForAllNamespaces({ fieldSelector: 'spec.containers=x' }))).toEqual({
      code: 400,
      reason: 'BadRequest',
    });
  });

  it('answers 404 NotFound for a missing object', async () => {
    const api = await core();
    expect(await statusOf(api.readNamespacedPod({ namespace: 'apps', name: 'nope' }))).toEqual({
      code: 404,
      reason: 'NotFound',
    });
  });

  it('creates the namespaces and default service accounts a real cluster has', async () => {
    const api = await core();
    const namespaces = (await api.listNamespace()).items.map((n) => n.metadata?.name);
    expect(namespaces).toEqual([
      'apps',
      'default',
      'fargate-jobs',
      'kube-node-lease',
      'kube-public',
      'kube-system',
    ]);
    const accounts = (await api.listServiceAccountForAllNamespaces()).items.filter(
      (a) => a.metadata?.name === 'default',
    );
    expect(accounts).toHaveLength(6);
  });
});

describe('Kubernetes API authentication', () => {
  const endpoint = (): string => emulator.kubernetesEndpoint(HUB, REGION, 'kube');

  it('refuses a request without a bearer token', async () => {
    const config = kubeConfigFor(endpoint(), emulator.caCertPem, null);
    expect(await statusOf(config.makeApiClient(CoreV1Api).listNode())).toMatchObject({ code: 401 });
  });

  it('refuses a token signed for another cluster, and one signed with a wrong secret', async () => {
    const other = await makeEksToken('other-cluster', REGION, baseCredentials());
    const wrongCluster = kubeConfigFor(endpoint(), emulator.caCertPem, other).makeApiClient(CoreV1Api);
    // client-node drops the body of a 401, so only the status code is visible here.
    expect(await statusOf(wrongCluster.listNode())).toMatchObject({ code: 401 });
    const forged = await makeEksToken('kube', REGION, {
      ...baseCredentials(),
      secretAccessKey: 'not-the-secret',
    });
    expect(
      await statusOf(
        kubeConfigFor(endpoint(), emulator.caCertPem, forged).makeApiClient(CoreV1Api).listNode(),
      ),
    ).toMatchObject({
      code: 401,
    });
    const good = await makeEksToken('kube', REGION, baseCredentials());
    expect(
      (await kubeConfigFor(endpoint(), emulator.caCertPem, good).makeApiClient(CoreV1Api).listNode()).items,
    ).toHaveLength(5);
  });

  it('refuses a token older than 15 minutes', async () => {
    const stale = await makeEksToken(
      'kube',
      REGION,
      baseCredentials(),
      new Date(Date.now() - 16 * 60 * 1000),
    );
    expect(
      await statusOf(
        kubeConfigFor(endpoint(), emulator.caCertPem, stale).makeApiClient(CoreV1Api).listNode(),
      ),
    ).toMatchObject({
      code: 401,
    });
  });

  it('accepts a token with any form check only in `shape` mode', async () => {
    const lenient = await startEmulator(busyScenario(), { kubernetesAuth: 'shape' });
    const forged = await makeEksToken('kube', REGION, {
      ...baseCredentials(),
      secretAccessKey: 'not-the-secret',
    });
    const api = kubeConfigFor(
      lenient.kubernetesEndpoint(HUB, REGION, 'kube'),
      lenient.caCertPem,
      forged,
    ).makeApiClient(CoreV1Api);
    expect((await api.listNode()).items.length).toBe(5);
    await lenient.close();
  });
});
