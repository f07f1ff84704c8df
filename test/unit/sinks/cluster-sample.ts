import type { ClusterResult } from '../../../lib/findings/result.js';
import type {
  EcsClusterSubject,
  EksClusterSubject,
} from '../../../lib/inventory/cluster-checks/cluster-check.js';
import { evaluateClusterChecks } from '../../../lib/inventory/cluster-checks/cluster-check.js';
import { clusterChecks } from '../../../lib/inventory/cluster-checks/index.js';
import type { EcsClusterRecord, EksClusterRecord } from '../../../lib/inventory/snapshot.js';

/*
 * Clusters as a scan reports them, judged by the real cluster checks, for the renderer tests:
 * one EKS cluster with findings (one suppressed), one ECS cluster with a hostile name, one whose
 * check threw, and two that passed everything.
 */

export const HOSTILE_CLUSTER = '<script>alert("c")</script>';

/** The rule the scan-flow integration test looks for too. */
export const PUBLIC_ENDPOINT_MESSAGE = 'Cluster platform serves its API endpoint publicly to any address.';

const AT = new Date('2026-11-27T12:00:00Z');

function ecsRecord(
  account: string,
  region: string,
  name: string,
  containerInsights: string,
): EcsClusterRecord {
  return {
    arn: `arn:aws:ecs:${region}:${account}:cluster/${name}`,
    name,
    status: 'ACTIVE',
    containerInsights,
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
    tags: {},
    services: [],
    tasks: [],
    containerInstances: [],
  };
}

function eksRecord(account: string, region: string, name: string, overrides: Partial<EksClusterRecord>) {
  const record: EksClusterRecord = {
    name,
    arn: `arn:aws:eks:${region}:${account}:cluster/${name}`,
    version: '1.34',
    platformVersion: 'eks.5',
    status: 'ACTIVE',
    endpoint: 'https://example.eks.amazonaws.com',
    certificateAuthorityData: 'Q0E=',
    endpointPublicAccess: false,
    endpointPrivateAccess: true,
    publicAccessCidrs: [],
    secretsEncryptionKeyArn: `arn:aws:kms:${region}:${account}:key/1234`,
    enabledLogTypes: ['api', 'audit'],
    onOutposts: false,
    tags: {},
    nodegroups: [],
    fargateProfiles: [],
    podIdentityServiceAccounts: [],
    kubernetes: null,
    ...overrides,
  };
  return record;
}

function judged(
  subject: EcsClusterSubject | EksClusterSubject,
  account: string,
  region: string,
  workloads: number,
): ClusterResult {
  const { findings, errors } = evaluateClusterChecks(subject, clusterChecks);
  const cluster = subject.cluster;
  return {
    id: cluster.arn ?? `eks:${cluster.name}`,
    scope: subject.scope,
    name: cluster.name,
    account,
    region,
    status: cluster.status,
    version: subject.scope === 'eks' ? subject.cluster.version : null,
    workloads,
    findings,
    errors,
  };
}

const ecs = (account: string, region: string, name: string, insights: string, workloads: number) =>
  judged(
    { scope: 'ecs', cluster: ecsRecord(account, region, name, insights), capacityProviders: [] },
    account,
    region,
    workloads,
  );

const eks = (
  account: string,
  region: string,
  name: string,
  overrides: Partial<EksClusterRecord>,
  workloads: number,
) =>
  judged(
    { scope: 'eks', cluster: eksRecord(account, region, name, overrides), versions: [], at: AT },
    account,
    region,
    workloads,
  );

/** Five clusters in two accounts: two with findings, one not evaluated, two clean. */
export function sampleClusters(): ClusterResult[] {
  const platform = eks(
    '111122223333',
    'us-east-1',
    'platform',
    { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'], enabledLogTypes: [] },
    12,
  );
  // The audit-logging finding is muted, as a suppression file would mute it.
  const suppressedPlatform: ClusterResult = {
    ...platform,
    findings: platform.findings.map((f) =>
      f.ruleId === 'eks-audit-logging'
        ? { ...f, suppressed: { owner: 'platform-team', reason: 'logs go to Splunk', expires: '2027-03-31' } }
        : f,
    ),
  };
  const broken: ClusterResult = {
    ...eks('111122223333', 'eu-west-1', 'ml-training', {}, 3),
    errors: [{ ruleId: 'eks-supported-version', message: 'DescribeClusterVersions was denied' }],
  };
  return [
    ecs('111122223333', 'us-east-1', 'prod-ec2', 'enabled', 8),
    suppressedPlatform,
    ecs('444455556666', 'us-east-1', HOSTILE_CLUSTER, 'disabled', 1),
    broken,
    ecs('444455556666', 'us-east-1', 'staging', 'enhanced', 2),
  ];
}
