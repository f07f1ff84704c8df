/**
 * EKS collector for one (account, region): clusters, managed node groups, Fargate profiles, EKS
 * Pod Identity associations and version support from the EKS API, then each cluster's Kubernetes
 * objects through a {@link KubernetesConnector}. EKS has no batch describe, so each cluster, node
 * group and profile costs one call (bounded by EKS quotas: 30 node groups and 10 profiles per
 * cluster by default).
 */
import {
  type Cluster,
  type ClusterVersionInformation,
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  DescribeFargateProfileCommand,
  DescribeNodegroupCommand,
  type EKSClient,
  type FargateProfile,
  type Nodegroup,
  paginateListClusters,
  paginateListFargateProfiles,
  paginateListNodegroups,
  paginateListPodIdentityAssociations,
} from '@aws-sdk/client-eks';
import pLimit from 'p-limit';
import type { Gap } from '../../findings/result.js';
import { byNumberedText } from '../../model/text-order.js';
import { distinct } from '../batches.js';
import { gapFrom } from '../errors.js';
import type {
  EksClusterRecord,
  EksFargateProfileRecord,
  EksInventory,
  EksNodegroupRecord,
  EksVersionRecord,
  KubernetesObjects,
} from '../snapshot.js';
import type { KubernetesConnector } from './kubernetes-connector.js';
import { instanceTypeOfNode } from './nodes.js';
import { groupPodsByOwner } from './owners.js';

/** Page size of the EKS list calls (their maximum). */
export const EKS_LIST_PAGE_SIZE = 100;

/**
 * Clusters read at once by default. Each cluster's Kubernetes API has its own rate limit (a few
 * LISTs a second, ~17 LISTs for a cluster of 2,000 pods), so clusters read side by side rather
 * than in waves of a few; the connector bounds the pages held in memory at once.
 */
export const EKS_CLUSTER_CONCURRENCY = 5;

/** Inputs of {@link collectEks}. */
export interface EksCollectorOptions {
  readonly eks: EKSClient;
  readonly account: string;
  readonly region: string;
  /** Reads each cluster's Kubernetes API; null skips the Kubernetes side (every cluster gets a gap). */
  readonly kubernetes: KubernetesConnector | null;
  /** Clusters read at the same time (default {@link EKS_CLUSTER_CONCURRENCY}). */
  readonly clusterConcurrency?: number;
  /** Called as each cluster is read, with the number of workloads found in it. */
  readonly onClusterDone?: (clusterName: string, workloads: number) => void;
}

/** What {@link collectEks} read, the instance types to look up, and the gaps. */
export interface EksCollection {
  readonly inventory: EksInventory;
  /** Instance types of node groups and nodes, for DescribeInstanceTypes. */
  readonly instanceTypes: readonly string[];
  readonly gaps: readonly Gap[];
}

/**
 * Reads every EKS cluster of the account and region. A cluster, node group, profile or Kubernetes
 * API that cannot be read becomes a gap and the rest goes on; only a failing ListClusters rejects.
 */
export async function collectEks(options: EksCollectorOptions): Promise<EksCollection> {
  const { eks, account, region } = options;
  const gaps: Gap[] = [];
  const names: string[] = [];
  for await (const page of paginateListClusters(
    { client: eks, pageSize: EKS_LIST_PAGE_SIZE, stopOnSameToken: true },
    { maxResults: EKS_LIST_PAGE_SIZE },
  )) {
    names.push(...(page.clusters ?? []));
  }

  // DescribeClusterVersions needs only what DescribeCluster reported, so it is asked as soon as
  // every cluster is described, beside the node group and Kubernetes reads rather than after them.
  const versionOf: (string | null)[] = [];
  let describedLeft = names.length;
  let allDescribed: (versions: string[]) => void = () => {};
  const versionsNamed = new Promise<string[]>((resolve) => {
    allDescribed = resolve;
  });
  const described = (index: number, version: string | null) => {
    versionOf[index] = version;
    describedLeft -= 1;
    if (describedLeft === 0) allDescribed(versionOf.filter((v): v is string => v !== null));
  };
  if (names.length === 0) allDescribed([]);
  const versionsRead = versionsNamed.then((named) =>
    describeVersions(eks, named, (gap) => gaps.push(gap), { account, region }),
  );

  const limit = pLimit(options.clusterConcurrency ?? EKS_CLUSTER_CONCURRENCY);
  const clusters = (
    await Promise.all(
      names.map((name, index) =>
        limit(async () => {
          const record = await collectCluster(
            options,
            name,
            (gap) => gaps.push(gap),
            (version) => described(index, version),
          );
          if (record)
            options.onClusterDone?.(name, record.kubernetes ? groupPodsByOwner(record.kubernetes).length : 0);
          return record;
        }),
      ),
    )
  ).filter((c): c is EksClusterRecord => c !== null);

  const versions = await versionsRead;
  const instanceTypes = distinct(
    clusters.flatMap((c) => [
      ...(c.nodegroups ?? []).flatMap((ng) => ng.instanceTypes),
      ...(c.kubernetes?.nodes ?? []).flatMap((node) => {
        const type = instanceTypeOfNode(node);
        return type ? [type] : [];
      }),
    ]),
  ).sort();
  return { inventory: { clusters, versions }, instanceTypes, gaps };
}

async function collectCluster(
  options: EksCollectorOptions,
  name: string,
  addGap: (gap: Gap) => void,
  onDescribed: (version: string | null) => void,
): Promise<EksClusterRecord | null> {
  const { eks, account, region } = options;
  const place = { scope: 'eks-cluster', account, region, cluster: name };
  let cluster: Cluster | undefined;
  try {
    cluster = (await eks.send(new DescribeClusterCommand({ name }))).cluster;
  } catch (error) {
    addGap(gapFrom(place, error, 'DescribeCluster'));
    onDescribed(null);
    return null;
  }
  onDescribed(cluster?.version ?? null);
  if (!cluster) return null;

  // A part that cannot be read is null (unknown), never an empty list that would read as "none".
  const partial = async <T>(what: string, read: () => Promise<T[]>): Promise<T[] | null> => {
    try {
      return await read();
    } catch (error) {
      addGap(gapFrom(place, error, what));
      return null;
    }
  };

  const nodegroups = partial('node groups', async () => {
    const groupNames: string[] = [];
    for await (const page of paginateListNodegroups(
      { client: eks, pageSize: EKS_LIST_PAGE_SIZE, stopOnSameToken: true },
      { clusterName: name, maxResults: EKS_LIST_PAGE_SIZE },
    )) {
      groupNames.push(...(page.nodegroups ?? []));
    }
    const described = await Promise.all(
      groupNames.map((nodegroupName) =>
        eks.send(new DescribeNodegroupCommand({ clusterName: name, nodegroupName })).then((o) => o.nodegroup),
      ),
    );
    return described.flatMap((ng) => (ng ? [nodegroupRecord(ng)] : []));
  });

  const fargateProfiles = partial('Fargate profiles', async () => {
    const profileNames: string[] = [];
    for await (const page of paginateListFargateProfiles(
      { client: eks, pageSize: EKS_LIST_PAGE_SIZE, stopOnSameToken: true },
      { clusterName: name, maxResults: EKS_LIST_PAGE_SIZE },
    )) {
      profileNames.push(...(page.fargateProfileNames ?? []));
    }
    const described = await Promise.all(
      profileNames.map((fargateProfileName) =>
        eks
          .send(new DescribeFargateProfileCommand({ clusterName: name, fargateProfileName }))
          .then((o) => o.fargateProfile),
      ),
    );
    return described.flatMap((p) => (p ? [fargateProfileRecord(p)] : []));
  });

  const podIdentity = partial('Pod Identity associations', async () => {
    const serviceAccounts: string[] = [];
    for await (const page of paginateListPodIdentityAssociations(
      { client: eks, pageSize: EKS_LIST_PAGE_SIZE, stopOnSameToken: true },
      { clusterName: name, maxResults: EKS_LIST_PAGE_SIZE },
    )) {
      for (const a of page.associations ?? []) {
        if (a.namespace && a.serviceAccount) serviceAccounts.push(`${a.namespace}/${a.serviceAccount}`);
      }
    }
    return distinct(serviceAccounts).sort();
  });

  const kubernetes = readKubernetes(options, cluster, name, addGap);

  return {
    name,
    arn: cluster.arn ?? null,
    version: cluster.version ?? null,
    platformVersion: cluster.platformVersion ?? null,
    status: cluster.status ?? null,
    endpoint: cluster.endpoint ?? null,
    certificateAuthorityData: cluster.certificateAuthority?.data ?? null,
    endpointPublicAccess: cluster.resourcesVpcConfig?.endpointPublicAccess ?? null,
    endpointPrivateAccess: cluster.resourcesVpcConfig?.endpointPrivateAccess ?? null,
    publicAccessCidrs: cluster.resourcesVpcConfig?.publicAccessCidrs ?? [],
    secretsEncryptionKeyArn:
      cluster.encryptionConfig?.find((c) => c.resources?.includes('secrets'))?.provider?.keyArn ?? null,
    enabledLogTypes: distinct(
      (cluster.logging?.clusterLogging ?? []).filter((s) => s.enabled).flatMap((s) => s.types ?? []),
    ).sort(),
    onOutposts: cluster.outpostConfig !== undefined,
    tags: { ...(cluster.tags ?? {}) },
    nodegroups: await nodegroups,
    fargateProfiles: await fargateProfiles,
    podIdentityServiceAccounts: await podIdentity,
    kubernetes: await kubernetes,
  };
}

async function readKubernetes(
  options: EksCollectorOptions,
  cluster: Cluster,
  name: string,
  addGap: (gap: Gap) => void,
): Promise<KubernetesObjects | null> {
  const place = { scope: 'cluster', account: options.account, region: options.region, cluster: name };
  const skip = (errorName: string, message: string) => {
    addGap({ ...place, errorName, message });
    return null;
  };
  if (!options.kubernetes)
    return skip('KubernetesSkipped', 'the Kubernetes API was not read (disabled for this scan)');
  if (cluster.status !== 'ACTIVE' && cluster.status !== 'UPDATING') {
    return skip(
      'ClusterNotActive',
      `cluster status is ${cluster.status ?? 'unknown'}; its Kubernetes API was not read`,
    );
  }
  const endpoint = cluster.endpoint;
  const certificateAuthorityData = cluster.certificateAuthority?.data;
  if (!endpoint || !certificateAuthorityData) {
    return skip('NoEndpoint', 'DescribeCluster returned no API endpoint or certificate authority');
  }
  try {
    return await options.kubernetes.collect({
      account: options.account,
      region: options.region,
      clusterName: name,
      endpoint,
      certificateAuthorityData,
    });
  } catch (error) {
    addGap(gapFrom(place, error, 'Kubernetes API'));
    return null;
  }
}

/** One DescribeClusterVersions call (paginated) for the versions the clusters run, unsupported ones included. */
async function describeVersions(
  eks: EKSClient,
  clusterVersions: readonly string[],
  addGap: (gap: Gap) => void,
  place: { account: string; region: string },
): Promise<EksVersionRecord[]> {
  const wanted = distinct(clusterVersions.filter((v) => v !== '')).sort();
  if (wanted.length === 0) return [];
  const found: ClusterVersionInformation[] = [];
  try {
    let nextToken: string | undefined;
    do {
      const out = await eks.send(
        new DescribeClusterVersionsCommand({ clusterVersions: wanted, includeAll: true, nextToken }),
      );
      found.push(...(out.clusterVersions ?? []));
      // A token handed back unchanged would loop forever; treat it as the end.
      nextToken = out.nextToken === nextToken ? undefined : out.nextToken;
    } while (nextToken);
  } catch (error) {
    addGap(gapFrom({ scope: 'eks', ...place }, error, 'DescribeClusterVersions'));
    return [];
  }
  return found
    .filter((v) => v.clusterVersion)
    .map((v) => ({
      version: v.clusterVersion ?? '',
      status: v.versionStatus ?? v.status?.toUpperCase().replace(/-/g, '_') ?? null,
      endOfStandardSupport: v.endOfStandardSupportDate?.toISOString() ?? null,
      endOfExtendedSupport: v.endOfExtendedSupportDate?.toISOString() ?? null,
    }))
    .sort((a, b) => byNumberedText(a.version, b.version));
}

function nodegroupRecord(nodegroup: Nodegroup): EksNodegroupRecord {
  return {
    name: nodegroup.nodegroupName ?? '',
    status: nodegroup.status ?? null,
    capacityType: nodegroup.capacityType ?? null,
    instanceTypes: nodegroup.instanceTypes ?? [],
    amiType: nodegroup.amiType ?? null,
    desiredSize: nodegroup.scalingConfig?.desiredSize ?? null,
    labels: { ...(nodegroup.labels ?? {}) },
  };
}

function fargateProfileRecord(profile: FargateProfile): EksFargateProfileRecord {
  return {
    name: profile.fargateProfileName ?? '',
    status: profile.status ?? null,
    selectors: (profile.selectors ?? []).flatMap((s) =>
      s.namespace ? [{ namespace: s.namespace, labels: { ...(s.labels ?? {}) } }] : [],
    ),
    subnets: profile.subnets ?? [],
  };
}
