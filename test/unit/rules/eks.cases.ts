import type { ClaimResolution, EksClusterContext, Volume } from '../../../lib/model/workload.js';
import { makeEksWorkload, makeK8sContainer, makeVolume } from '../../support/builders.js';
import type { RuleCases } from '../../support/rule-cases.js';

/** A claim bound to a pre-created PV; override the driver and provenance per case. */
export function makeClaim(overrides: Partial<ClaimResolution> = {}): ClaimResolution {
  return {
    claimName: 'data',
    storageClass: 'efs-sc',
    driver: 'efs.csi.aws.com',
    pvSourceType: 'csi',
    provisioningMode: null,
    resolvedBy: 'pv',
    dynamic: false,
    requestMiB: 5120,
    ...overrides,
  };
}

export function claimVolume(
  claim: Partial<ClaimResolution> = {},
  type: Volume['type'] = 'persistentVolumeClaim',
) {
  return makeVolume({ type, name: 'data', claim: makeClaim(claim) });
}

/** Cluster facts of a healthy Regional cluster on the VPC CNI. */
export function makeClusterContext(overrides: Partial<EksClusterContext> = {}): EksClusterContext {
  return {
    location: 'region',
    publicProfileSubnets: [],
    vpcDnsEnabled: true,
    alternateCni: null,
    ...overrides,
  };
}

const eligible = makeEksWorkload();
const withClusterFacts = makeEksWorkload({}, { clusterContext: makeClusterContext() });
const staticEfs = makeEksWorkload({ volumes: [claimVolume()] });
const basicVolumes = makeEksWorkload({
  volumes: (['emptyDir', 'configMap', 'secret', 'downwardAPI', 'projected'] as const).map((type) =>
    makeVolume({ type, name: type }),
  ),
});

/** Passing and failing examples for every eks rule (read by the catalogue meta-test). */
export const eksCases: RuleCases = {
  'eks-profile-match': {
    fail: [makeEksWorkload({}, { fargateProfile: null })],
    pass: [eligible, makeEksWorkload({}, { fargateProfile: { profileName: 'apps', selectorIndex: 0 } })],
  },
  'eks-profile-semantics': {
    fail: [
      makeEksWorkload({ labels: { app: 'web', 'eks.amazonaws.com/fargate-profile': 'batch' } }),
      makeEksWorkload(
        { labels: { app: 'web', 'eks.amazonaws.com/fargate-profile': 'batch' } },
        { fargateProfile: { profileName: 'apps', selectorIndex: 0 } },
      ),
    ],
    pass: [
      eligible,
      makeEksWorkload(
        { labels: { app: 'web', 'eks.amazonaws.com/fargate-profile': 'apps' } },
        { fargateProfile: { profileName: 'apps', selectorIndex: 1 } },
      ),
    ],
  },
  'eks-compute-type-ec2': {
    fail: [
      makeEksWorkload({}, { computeType: 'ec2' }),
      makeEksWorkload({ nodeSelector: { 'eks.amazonaws.com/compute-type': 'auto' } }),
    ],
    pass: [eligible, makeEksWorkload({}, { computeType: 'fargate' })],
  },
  'eks-daemonset': {
    fail: [makeEksWorkload({ kind: 'DaemonSet', ownerKind: 'DaemonSet', schedulingKind: 'daemon' })],
    pass: [eligible, makeEksWorkload({ kind: 'StatefulSet', ownerKind: 'StatefulSet' })],
  },
  'eks-privileged': {
    fail: [
      makeEksWorkload({ containers: [makeK8sContainer({ privileged: true })] }),
      makeEksWorkload({
        containers: [
          makeK8sContainer(),
          makeK8sContainer({ name: 'sysctl', role: 'init', privileged: true }),
        ],
      }),
    ],
    pass: [eligible],
  },
  'eks-cap-add': {
    fail: [
      makeEksWorkload({ containers: [makeK8sContainer({ capabilitiesAdd: ['SYS_PTRACE'] })] }),
      makeEksWorkload({
        containers: [
          makeK8sContainer(),
          makeK8sContainer({ name: 'istio-init', role: 'init', capabilitiesAdd: ['NET_ADMIN'] }),
        ],
      }),
      makeEksWorkload({ containers: [makeK8sContainer({ capabilitiesAdd: ['cap_chown'] })] }),
    ],
    pass: [
      eligible,
      makeEksWorkload({ containers: [makeK8sContainer({ capabilitiesAdd: ['NET_BIND_SERVICE'] })] }),
      makeEksWorkload({ containers: [makeK8sContainer({ capabilitiesAdd: ['CAP_NET_BIND_SERVICE'] })] }),
    ],
  },
  'eks-priv-escalation': {
    fail: [makeEksWorkload({ containers: [makeK8sContainer({ allowPrivilegeEscalation: true })] })],
    pass: [eligible, makeEksWorkload({ containers: [makeK8sContainer({ allowPrivilegeEscalation: null })] })],
  },
  'eks-host-network': {
    fail: [makeEksWorkload({ hostNetwork: true })],
    pass: [eligible],
  },
  'eks-host-port': {
    fail: [
      makeEksWorkload({
        containers: [
          makeK8sContainer({ ports: [{ containerPort: 80, hostPort: 80, hostIP: null, protocol: 'TCP' }] }),
        ],
      }),
      makeEksWorkload({
        containers: [
          makeK8sContainer(),
          makeK8sContainer({
            name: 'proxy',
            role: 'sidecar',
            ports: [{ containerPort: 15001, hostPort: null, hostIP: '127.0.0.1', protocol: 'TCP' }],
          }),
        ],
      }),
    ],
    pass: [eligible],
  },
  'eks-host-pid-ipc': {
    fail: [makeEksWorkload({ hostPID: true }), makeEksWorkload({ hostIPC: true })],
    pass: [eligible],
  },
  'eks-hostpath': {
    fail: [
      makeEksWorkload({
        volumes: [makeVolume({ type: 'hostPath', name: 'sock', hostPath: '/var/run/docker.sock' })],
      }),
      makeEksWorkload({
        volumes: [makeVolume({ type: 'hostPath', name: 'cache', hostPath: '/data/cache' })],
      }),
    ],
    pass: [eligible, basicVolumes],
  },
  'eks-vol-inline-csi': {
    fail: [
      makeEksWorkload({
        volumes: [makeVolume({ type: 'csi', name: 'secrets', driver: 'secrets-store.csi.k8s.io' })],
      }),
    ],
    pass: [eligible, staticEfs],
  },
  'eks-vol-basic': {
    fail: [
      makeEksWorkload({ volumes: [makeVolume({ type: 'otherK8s', name: 'ceph', driver: 'cephfs' })] }),
      makeEksWorkload({ volumes: [makeVolume({ type: 'otherK8s', name: 'src', driver: 'gitRepo' })] }),
    ],
    pass: [eligible, basicVolumes, staticEfs],
  },
  'eks-pvc-ebs': {
    fail: [
      makeEksWorkload({ volumes: [claimVolume({ storageClass: 'gp3', driver: 'ebs.csi.aws.com' })] }),
      makeEksWorkload({
        volumes: [
          claimVolume({
            storageClass: 'gp2',
            driver: 'kubernetes.io/aws-ebs',
            resolvedBy: 'assumed-default',
          }),
        ],
      }),
      makeEksWorkload({ volumes: [makeVolume({ type: 'awsElasticBlockStore', name: 'vol' })] }),
      makeEksWorkload({
        volumes: [
          claimVolume({ storageClass: 'gp3', driver: 'ebs.csi.aws.com', dynamic: true }, 'ephemeral'),
        ],
      }),
    ],
    pass: [eligible, staticEfs],
  },
  'eks-pvc-efs-static': {
    fail: [
      makeEksWorkload({ volumes: [makeVolume({ type: 'csi', name: 'shared', driver: 'efs.csi.aws.com' })] }),
    ],
    pass: [eligible, staticEfs],
  },
  'eks-pvc-efs-dynamic': {
    fail: [
      makeEksWorkload({
        volumes: [
          claimVolume({
            provisioningMode: 'efs-ap',
            dynamic: true,
            resolvedBy: 'storage-class',
            pvSourceType: null,
          }),
        ],
      }),
      makeEksWorkload({ volumes: [claimVolume({ resolvedBy: 'storage-class', pvSourceType: null })] }),
    ],
    pass: [eligible, staticEfs],
  },
  'eks-pvc-other': {
    fail: [
      makeEksWorkload({ volumes: [claimVolume({ storageClass: 'fsx-sc', driver: 'fsx.csi.aws.com' })] }),
      makeEksWorkload({ volumes: [claimVolume({ storageClass: null, driver: 's3.csi.aws.com' })] }),
    ],
    pass: [eligible, staticEfs],
  },
  'eks-pvc-other-unknown': {
    fail: [
      makeEksWorkload({ volumes: [makeVolume({ type: 'nfs', name: 'share' })] }),
      makeEksWorkload({ volumes: [claimVolume({ storageClass: 'longhorn', driver: 'driver.longhorn.io' })] }),
      makeEksWorkload({
        volumes: [
          claimVolume({ storageClass: null, driver: null, pvSourceType: null, resolvedBy: 'unresolved' }),
        ],
      }),
    ],
    pass: [eligible, staticEfs],
  },
  'eks-ephemeral-storage': {
    fail: [
      makeEksWorkload({
        containers: [
          makeK8sContainer({}, { ephemeralStorageRequestMiB: 100 * 1024 }),
          makeK8sContainer({ name: 'worker' }, { ephemeralStorageRequestMiB: 100 * 1024 }),
        ],
      }),
    ],
    pass: [
      eligible,
      makeEksWorkload({ containers: [makeK8sContainer({}, { ephemeralStorageRequestMiB: 175 * 1024 })] }),
    ],
  },
  'eks-gpu': {
    fail: [
      makeEksWorkload({
        containers: [makeK8sContainer({}, { extendedResources: { 'nvidia.com/gpu': '1' } })],
      }),
      makeEksWorkload({
        containers: [makeK8sContainer({}, { extendedResources: { 'aws.amazon.com/neuroncore': '2' } })],
      }),
    ],
    pass: [
      eligible,
      makeEksWorkload({
        containers: [makeK8sContainer({}, { extendedResources: { 'nvidia.com/gpu': '0' } })],
      }),
    ],
  },
  'eks-arch-arm64': {
    fail: [
      makeEksWorkload({ nodeSelector: { 'kubernetes.io/arch': 'arm64' } }),
      makeEksWorkload({ nodeAffinity: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }] }),
    ],
    pass: [
      eligible,
      makeEksWorkload({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } }),
      makeEksWorkload({
        nodeAffinity: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }],
      }),
    ],
  },
  'eks-windows': {
    fail: [
      makeEksWorkload({ nodeSelector: { 'kubernetes.io/os': 'windows' } }),
      makeEksWorkload({ os: 'windows' }),
    ],
    pass: [eligible, makeEksWorkload({ nodeSelector: { 'kubernetes.io/os': 'linux' } })],
  },
  'eks-size-too-big': {
    fail: [
      makeEksWorkload({
        containers: [makeK8sContainer({ cpuRequestMillis: 17000, cpuLimitMillis: 17000 })],
      }),
      makeEksWorkload({
        containers: [makeK8sContainer({ memoryRequestMiB: 122_880, memoryLimitMiB: 122_880 })],
      }),
    ],
    pass: [
      eligible,
      // A Windows pod has no Fargate size because of its OS, not its size: eks-windows reports it.
      makeEksWorkload({ os: 'windows' }),
      makeEksWorkload({
        containers: [
          makeK8sContainer({
            cpuRequestMillis: 16000,
            cpuLimitMillis: 16000,
            memoryRequestMiB: 122_624,
            memoryLimitMiB: 122_624,
          }),
        ],
      }),
    ],
  },
  'eks-size-default': {
    fail: [
      makeEksWorkload({
        containers: [
          makeK8sContainer({
            cpuRequestMillis: null,
            cpuLimitMillis: null,
            memoryRequestMiB: null,
            memoryLimitMiB: null,
          }),
        ],
      }),
    ],
    pass: [eligible],
  },
  'eks-limits-neq-requests': {
    fail: [
      makeEksWorkload({ containers: [makeK8sContainer({ cpuRequestMillis: 250, cpuLimitMillis: 1000 })] }),
      makeEksWorkload({ containers: [makeK8sContainer({ memoryLimitMiB: null })] }),
    ],
    pass: [
      eligible,
      makeEksWorkload({ containers: [makeK8sContainer({ cpuRequestMillis: null, memoryRequestMiB: null })] }),
    ],
  },
  'eks-sysctls': {
    fail: [
      makeEksWorkload({}, { sysctls: ['vm.max_map_count'] }),
      makeEksWorkload({}, { sysctls: ['net.ipv4.tcp_syncookies'] }),
    ],
    pass: [eligible],
  },
  'eks-private-subnets': {
    fail: [
      makeEksWorkload({}, { clusterContext: makeClusterContext({ publicProfileSubnets: ['subnet-0abc'] }) }),
    ],
    pass: [eligible, withClusterFacts],
  },
  'eks-lb-service': {
    fail: [
      makeEksWorkload({}, { services: [{ name: 'web', type: 'LoadBalancer', ipTargets: false }] }),
      makeEksWorkload({}, { services: [{ name: 'web-np', type: 'NodePort', ipTargets: false }] }),
    ],
    pass: [
      eligible,
      makeEksWorkload(
        {},
        {
          services: [
            { name: 'web', type: 'LoadBalancer', ipTargets: true },
            { name: 'web-internal', type: 'ClusterIP', ipTargets: false },
          ],
        },
      ),
    ],
  },
  'eks-imds': {
    fail: [
      makeEksWorkload({ annotations: { 'iam.amazonaws.com/role': 'app-role' } }),
      makeEksWorkload({ containers: [makeK8sContainer({ envNames: ['AWS_METADATA_SERVICE_TIMEOUT'] })] }),
    ],
    pass: [eligible, makeEksWorkload({ containers: [makeK8sContainer({ envNames: ['AWS_REGION'] })] })],
  },
  'eks-pod-identity': {
    fail: [makeEksWorkload({}, { serviceAccountName: 'app', usesPodIdentity: true })],
    pass: [
      eligible,
      makeEksWorkload({}, { serviceAccountName: 'app', usesPodIdentity: false, serviceAccountHasIrsa: true }),
    ],
  },
  'eks-network-policy': {
    fail: [makeEksWorkload({}, { networkPolicies: ['deny-all'] })],
    pass: [eligible],
  },
  'eks-alt-cni': {
    fail: [makeEksWorkload({}, { clusterContext: makeClusterContext({ alternateCni: 'cilium' }) })],
    pass: [eligible, withClusterFacts],
  },
  'eks-node-selectors': {
    fail: [
      makeEksWorkload({ nodeSelector: { 'node.kubernetes.io/instance-type': 'm5.large' } }),
      makeEksWorkload({
        nodeAffinity: [{ key: 'karpenter.sh/nodepool', operator: 'In', values: ['default'] }],
      }),
      makeEksWorkload({ nodeSelector: { 'eks.amazonaws.com/nodegroup': 'ng-1' } }),
    ],
    pass: [
      eligible,
      makeEksWorkload({ nodeSelector: { 'topology.kubernetes.io/zone': 'us-east-1a' } }),
      makeEksWorkload({ nodeSelector: { 'karpenter.sh/capacity-type': 'spot' } }),
    ],
  },
  'eks-log-agents': {
    fail: [
      makeEksWorkload({
        kind: 'DaemonSet',
        ownerKind: 'DaemonSet',
        schedulingKind: 'daemon',
        containers: [
          makeK8sContainer({
            name: 'fluent-bit',
            image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.0',
          }),
        ],
      }),
      makeEksWorkload({ annotations: { 'ad.datadoghq.com/app.logs': '[]' } }),
    ],
    pass: [eligible, makeEksWorkload({ annotations: { 'prometheus.io/scrape': 'true' } })],
  },
  'eks-jobs-ttl': {
    fail: [
      makeEksWorkload({ kind: 'Job', ownerKind: 'Job', schedulingKind: 'batch' }),
      makeEksWorkload({ kind: 'CronJob', ownerKind: 'Job', schedulingKind: 'batch' }),
    ],
    pass: [
      eligible,
      makeEksWorkload(
        { kind: 'Job', ownerKind: 'Job', schedulingKind: 'batch' },
        { ttlSecondsAfterFinished: 600 },
      ),
    ],
  },
  'eks-spot': {
    fail: [
      makeEksWorkload({ nodeSelector: { 'eks.amazonaws.com/capacityType': 'SPOT' } }),
      makeEksWorkload({
        nodeAffinity: [{ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['spot'] }],
      }),
      makeEksWorkload({
        placements: [
          {
            instanceId: 'i-0123456789abcdef0',
            instanceType: 'm5.large',
            capacityType: 'spot',
            capacityCpuUnits: 2048,
            capacityMemoryMiB: 7680,
            allocatedCpuUnits: 1024,
            allocatedMemoryMiB: 2048,
            replicasHere: 2,
          },
        ],
      }),
    ],
    pass: [eligible, makeEksWorkload({ nodeSelector: { 'eks.amazonaws.com/capacityType': 'ON_DEMAND' } })],
  },
  'eks-location': {
    fail: [makeEksWorkload({}, { clusterContext: makeClusterContext({ location: 'outposts' }) })],
    pass: [eligible, withClusterFacts],
  },
  'eks-govcloud': {
    fail: [makeEksWorkload({ region: 'us-gov-west-1' })],
    pass: [eligible, makeEksWorkload({ region: 'us-east-1' })],
  },
  'eks-dns-vpc': {
    fail: [makeEksWorkload({}, { clusterContext: makeClusterContext({ vpcDnsEnabled: false }) })],
    pass: [
      eligible,
      withClusterFacts,
      makeEksWorkload({}, { clusterContext: makeClusterContext({ vpcDnsEnabled: null }) }),
    ],
  },
};
