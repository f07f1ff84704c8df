/** Amazon EKS over REST-JSON: clusters, node groups and Fargate profiles. */
import type { EksClusterState } from '../state/model.js';
import type { CallContext } from './context.js';
import { AwsError } from './errors.js';
import { paginate } from './paging.js';
import { COMMON_ERRORS } from './protocol.js';

export interface EksRoute {
  readonly action: string;
  readonly cluster: string | null;
  readonly name: string | null;
}

/** Which EKS operation a method and path are. */
export function eksRouteOf(method: string, segments: readonly string[]): EksRoute {
  const [root, cluster, sub, name, extra] = segments;
  if (method === 'GET' && root === 'cluster-versions' && cluster === undefined) {
    return { action: 'DescribeClusterVersions', cluster: null, name: null };
  }
  if (method === 'GET' && root === 'clusters' && sub === 'pod-identity-associations' && name === undefined) {
    return { action: 'ListPodIdentityAssociations', cluster: cluster ?? null, name: null };
  }
  if (method === 'GET' && root === 'clusters' && extra === undefined) {
    if (cluster === undefined) return { action: 'ListClusters', cluster: null, name: null };
    if (sub === undefined) return { action: 'DescribeCluster', cluster, name: null };
    if (sub === 'node-groups')
      return {
        action: name === undefined ? 'ListNodegroups' : 'DescribeNodegroup',
        cluster,
        name: name ?? null,
      };
    if (sub === 'fargate-profiles') {
      return {
        action: name === undefined ? 'ListFargateProfiles' : 'DescribeFargateProfile',
        cluster,
        name: name ?? null,
      };
    }
  }
  return { action: `${method} /${segments.join('/')}`, cluster: null, name: null };
}

/**
 * The emulator's own version calendar for DescribeClusterVersions (not AWS's dates): the newest
 * versions in standard support, older ones in extended support, each with end dates in the future
 * of the demo's clock so a default demo cluster counts as supported.
 */
const epoch = (isoDay: string): number => Date.parse(`${isoDay}T00:00:00Z`) / 1000;
const SUPPORTED_VERSIONS = [
  ['1.30', 'EXTENDED_SUPPORT', '2025-07-23', '2027-01-23'],
  ['1.31', 'EXTENDED_SUPPORT', '2025-11-26', '2027-05-26'],
  ['1.32', 'STANDARD_SUPPORT', '2027-03-23', '2028-03-23'],
  ['1.33', 'STANDARD_SUPPORT', '2027-07-29', '2028-07-29'],
  ['1.34', 'STANDARD_SUPPORT', '2027-12-02', '2028-12-02'],
].map(([clusterVersion, versionStatus, standardEnd, extendedEnd]) => ({
  clusterVersion: clusterVersion ?? '',
  versionStatus,
  endOfStandardSupportDate: epoch(standardEnd ?? ''),
  endOfExtendedSupportDate: epoch(extendedEnd ?? ''),
}));

const invalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterException', message, 400);

function maxResults(context: CallContext): number | undefined {
  const raw = context.request.query.get('maxResults');
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw invalidParameter('maxResults must be an integer');
  return value;
}

function pageOf(context: CallContext, names: readonly string[], scope: string) {
  return paginate(
    names,
    {
      nextToken: context.request.query.get('nextToken') ?? undefined,
      maxResults: maxResults(context),
      defaultSize: 100,
      min: 1,
      max: 100,
      scope,
    },
    {
      invalidToken: () => invalidParameter('The nextToken provided is invalid.'),
      invalidMaxResults: (value) => invalidParameter(`maxResults must be between 1 and 100, got ${value}`),
    },
  );
}

function clusterOf(context: CallContext, name: string): EksClusterState {
  const cluster = context.regionState?.eksByName.get(name);
  if (!cluster) {
    throw new AwsError('ResourceNotFoundException', `No cluster found for name: ${name}.`, 404, 'Sender', {
      clusterName: name,
    });
  }
  return cluster;
}

export function handleEks(context: CallContext, route: EksRoute): unknown {
  const clusters = context.regionState?.eksClusters ?? [];
  switch (route.action) {
    case 'ListClusters': {
      const page = pageOf(
        context,
        clusters.map((c) => c.name),
        'ListClusters',
      );
      return { clusters: page.items, nextToken: page.nextToken };
    }
    case 'DescribeCluster': {
      const cluster = clusterOf(context, route.cluster ?? '');
      return {
        cluster: {
          ...cluster.wire,
          endpoint: context.kubernetesEndpoint(context.account, context.region, cluster.name),
          certificateAuthority: { data: Buffer.from(context.caCertPem).toString('base64') },
        },
      };
    }
    case 'ListNodegroups': {
      const cluster = clusterOf(context, route.cluster ?? '');
      const page = pageOf(
        context,
        cluster.nodegroups.map((n) => n.name),
        `ListNodegroups|${cluster.arn}`,
      );
      return { nodegroups: page.items, nextToken: page.nextToken };
    }
    case 'DescribeNodegroup': {
      const cluster = clusterOf(context, route.cluster ?? '');
      const nodegroup = cluster.nodegroups.find((n) => n.name === route.name);
      if (!nodegroup) {
        throw new AwsError(
          'ResourceNotFoundException',
          `No node group found for name: ${route.name}.`,
          404,
          'Sender',
          {
            clusterName: cluster.name,
            nodegroupName: route.name ?? '',
          },
        );
      }
      return { nodegroup: nodegroup.wire };
    }
    case 'ListFargateProfiles': {
      const cluster = clusterOf(context, route.cluster ?? '');
      const page = pageOf(
        context,
        cluster.fargateProfiles.map((p) => p.name),
        `ListFargateProfiles|${cluster.arn}`,
      );
      return { fargateProfileNames: page.items, nextToken: page.nextToken };
    }
    case 'DescribeFargateProfile': {
      const cluster = clusterOf(context, route.cluster ?? '');
      const profile = cluster.fargateProfiles.find((p) => p.name === route.name);
      if (!profile) {
        throw new AwsError(
          'ResourceNotFoundException',
          `No Fargate Profile found with name: ${route.name}.`,
          404,
          'Sender',
          {
            clusterName: cluster.name,
            fargateProfileName: route.name ?? '',
          },
        );
      }
      return { fargateProfile: profile.wire };
    }
    case 'ListPodIdentityAssociations': {
      const cluster = clusterOf(context, route.cluster ?? '');
      const associations = cluster.podIdentityAssociations.map((a, index) => ({
        clusterName: cluster.name,
        namespace: a.namespace,
        serviceAccount: a.serviceAccount,
        associationId: `a-${String(index).padStart(17, '0')}`,
        associationArn: `${cluster.arn.replace(':cluster/', ':podidentityassociation/')}/a-${index}`,
      }));
      const page = pageOf(
        context,
        associations.map((_, i) => String(i)),
        `ListPodIdentityAssociations|${cluster.arn}`,
      );
      return { associations: page.items.map((i) => associations[Number(i)]), nextToken: page.nextToken };
    }
    case 'DescribeClusterVersions': {
      const wanted = context.request.query.getAll('clusterVersions');
      const versions = SUPPORTED_VERSIONS.filter(
        (v) => wanted.length === 0 || wanted.includes(v.clusterVersion),
      );
      return { clusterVersions: versions };
    }
    default:
      throw COMMON_ERRORS.unknownOperation('eks', route.action);
  }
}
