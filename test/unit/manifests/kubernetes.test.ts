import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../../lib/manifests/errors.js';
import { kubernetesObjectToWorkload } from '../../../lib/manifests/kubernetes.js';
import { kubernetesContextFrom, labelSelectorMatches } from '../../../lib/manifests/kubernetes-context.js';
import type { Volume, Workload } from '../../../lib/model/workload.js';
import { readFixture, workloadNamed } from './fixtures.js';

const identity = { id: 'eks:prod/shop/Deployment/web' };

function volumeNamed(workload: Workload, name: string): Volume {
  const volume = workload.volumes.find((candidate) => candidate.name === name);
  if (volume === undefined) throw new Error(`no volume ${name} in ${workload.name}`);
  return volume;
}

function deployment(podSpec: Record<string, unknown>, extra: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { template: { metadata: { labels: { app: 'web' } }, spec: podSpec }, ...extra },
  };
}

describe('Deployment with its context in one file', () => {
  const result = readFixture('k8s/web-multi-doc.yaml');
  const web = workloadNamed(result, 'web');
  const [migrate, shipper, app] = web.containers;

  it('reads the one workload and nothing else, with no gap', () => {
    expect(result.gaps).toEqual([]);
    expect(result.workloads).toHaveLength(1);
  });

  it('identifies the workload by file and document, and where it starts', () => {
    expect(web).toMatchObject({
      id: 'k8s/web-multi-doc.yaml#9',
      scope: 'eks',
      kind: 'Deployment',
      name: 'web',
      namespace: 'shop',
      cluster: null,
      launchType: null,
      replicas: 1,
      schedulingKind: 'replicated',
      ownerKind: 'ReplicaSet',
      source: { file: 'k8s/web-multi-doc.yaml', documentIndex: 9, line: 95 },
    });
  });

  it('takes labels and annotations from the pod template, never last-applied-configuration', () => {
    expect(web.labels).toEqual({ app: 'web', tier: 'frontend' });
    expect(web.annotations).toEqual({
      'eks.amazonaws.com/compute-type': 'ec2',
      'prometheus.io/scrape': 'true',
    });
    expect(web.eks?.computeType).toBe('ec2');
  });

  it('orders init containers first and marks native sidecars', () => {
    expect(web.containers.map((container) => [container.name, container.role])).toEqual([
      ['migrate', 'init'],
      ['log-shipper', 'sidecar'],
      ['web', 'app'],
    ]);
    expect(shipper?.k8s?.restartPolicy).toBe('Always');
  });

  it('converts quantities and copies a limit into an unset request, as Kubernetes does', () => {
    expect(app).toMatchObject({
      cpuRequestMillis: 500,
      cpuLimitMillis: 1000,
      memoryRequestMiB: 1024,
      memoryLimitMiB: 1024,
    });
    expect(app?.k8s).toMatchObject({ ephemeralStorageRequestMiB: 2048, ephemeralStorageLimitMiB: null });
    expect(migrate).toMatchObject({ cpuRequestMillis: 200, cpuLimitMillis: null, memoryRequestMiB: 128 });
    expect(shipper).toMatchObject({ cpuRequestMillis: 100, cpuLimitMillis: 100, memoryRequestMiB: 64 });
  });

  it('reads security settings, the container overriding the pod', () => {
    expect(app).toMatchObject({
      user: '2000',
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilitiesAdd: ['NET_BIND_SERVICE'],
      capabilitiesDrop: ['ALL'],
      devices: [],
      ecs: null,
    });
    expect(migrate).toMatchObject({ user: '1000', runAsNonRoot: true, allowPrivilegeEscalation: null });
  });

  it('reads ports with host port, host IP and protocol', () => {
    expect(app?.ports).toEqual([
      { containerPort: 8080, hostPort: null, hostIP: null, protocol: 'TCP' },
      { containerPort: 9090, hostPort: 9090, hostIP: '0.0.0.0', protocol: 'UDP' },
    ]);
  });

  it('reads volumes and mounts', () => {
    expect(web.volumes.map((volume) => [volume.name, volume.type])).toEqual([
      ['cache', 'emptyDir'],
      ['config', 'configMap'],
    ]);
    expect(app?.volumeMounts).toEqual([
      { volume: 'cache', path: '/cache', readOnly: false },
      { volume: 'config', path: '/etc/web', readOnly: true },
    ]);
  });

  it('reads pod-level scheduling and runtime fields', () => {
    expect(web.eks).toMatchObject({
      apiVersion: 'apps/v1',
      serviceAccountName: 'web',
      runtimeClassName: 'gvisor',
      schedulerName: 'default-scheduler',
      priorityClassName: 'high',
      sysctls: ['net.ipv4.tcp_syncookies'],
      tolerations: [{ key: 'dedicated', value: 'web' }],
      ttlSecondsAfterFinished: null,
      usesPodIdentity: null,
      clusterContext: null,
    });
    expect(web.eks?.fargateProfile).toBeUndefined();
    expect(web).toMatchObject({
      hostNetwork: false,
      hostPID: false,
      hostIPC: false,
      os: 'linux',
      architecture: null,
    });
  });

  it('lists the Services of its namespace that select its pods, with IP targets from the annotation', () => {
    expect(web.eks?.services).toEqual([
      { name: 'web-nlb', type: 'LoadBalancer', ipTargets: true },
      { name: 'web-internal', type: 'ClusterIP', ipTargets: false },
    ]);
  });

  it('lists the NetworkPolicies that select its pods', () => {
    expect(web.eks?.networkPolicies).toEqual(['default-deny', 'only-frontend']);
  });

  it('sees the IRSA role on its ServiceAccount', () => {
    expect(web.eks?.serviceAccountHasIrsa).toBe(true);
  });
});

describe('a NodePort Service behind an ALB Ingress', () => {
  const nodePort = (annotations: Record<string, string> = {}) => ({
    kind: 'Service',
    metadata: { name: 'web', annotations },
    spec: { type: 'NodePort', selector: { app: 'web' } },
  });
  const ingress = (name: string, annotations: Record<string, string>, spec: Record<string, unknown>) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, annotations },
    spec: { ingressClassName: 'alb', ...spec },
  });
  const toWeb = { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web' } } }] } }] };
  const ip = { 'alb.ingress.kubernetes.io/target-type': 'ip' };
  const servicesWith = (...objects: unknown[]) =>
    kubernetesObjectToWorkload(
      deployment({ containers: [{ name: 'a' }] }),
      identity,
      kubernetesContextFrom(objects),
    )?.eks?.services;

  it('is reached by IP when an Ingress with target-type ip routes to it', () => {
    expect(servicesWith(nodePort(), ingress('alb', ip, toWeb))).toEqual([
      { name: 'web', type: 'NodePort', ipTargets: true },
    ]);
  });

  it('reads the default backend and the older serviceName form too', () => {
    expect(
      servicesWith(nodePort(), ingress('alb', ip, { defaultBackend: { service: { name: 'web' } } })),
    ).toEqual([{ name: 'web', type: 'NodePort', ipTargets: true }]);
    expect(servicesWith(nodePort(), ingress('alb', ip, { backend: { serviceName: 'web' } }))).toEqual([
      { name: 'web', type: 'NodePort', ipTargets: true },
    ]);
  });

  it('goes through node ports with the default instance targets, or when any routing Ingress uses them', () => {
    expect(servicesWith(nodePort(), ingress('alb', {}, toWeb))?.[0]?.ipTargets).toBe(false);
    expect(
      servicesWith(
        nodePort(),
        ingress('alb', ip, toWeb),
        ingress('legacy', { 'alb.ingress.kubernetes.io/target-type': 'instance' }, toWeb),
      )?.[0]?.ipTargets,
    ).toBe(false);
  });

  it("lets the Service's own target-type annotation override the Ingress", () => {
    expect(servicesWith(nodePort(ip), ingress('alb', {}, toWeb))?.[0]?.ipTargets).toBe(true);
  });

  it('ignores an Ingress of another namespace or one routing elsewhere', () => {
    const elsewhere = { rules: [{ http: { paths: [{ backend: { service: { name: 'api' } } }] } }] };
    const otherNamespace = {
      ...ingress('alb', ip, toWeb),
      metadata: { name: 'alb', namespace: 'x', annotations: ip },
    };
    expect(servicesWith(nodePort(), ingress('alb', ip, elsewhere), otherNamespace)?.[0]?.ipTargets).toBe(
      false,
    );
  });
});

describe('kinds', () => {
  const result = readFixture('k8s/every-kind.yaml');

  it('reads every pod-running kind and ignores a custom kind without a pod template', () => {
    expect(result.gaps).toEqual([]);
    expect(result.workloads.map((workload) => [workload.kind, workload.name])).toEqual([
      ['DaemonSet', 'node-agent'],
      ['CronJob', 'nightly'],
      ['ReplicaSet', 'legacy-rs'],
      ['ReplicationController', 'older-rc'],
      ['Pod', 'debug'],
      ['Rollout', 'canary'],
    ]);
  });

  it('schedules a DaemonSet per node, with no replica count', () => {
    const daemon = workloadNamed(result, 'node-agent');
    expect(daemon).toMatchObject({
      schedulingKind: 'daemon',
      ownerKind: 'DaemonSet',
      replicas: null,
      namespace: 'kube-system',
      hostNetwork: true,
      hostPID: true,
      hostIPC: true,
    });
    expect(daemon.containers[0]?.privileged).toBe(true);
    expect(volumeNamed(daemon, 'proc')).toMatchObject({ type: 'hostPath', hostPath: '/proc' });
  });

  it('reads a CronJob as batch work owned by Jobs, with the job TTL', () => {
    expect(workloadNamed(result, 'nightly')).toMatchObject({
      schedulingKind: 'batch',
      ownerKind: 'Job',
      replicas: null,
      namespace: 'default',
      eks: { ttlSecondsAfterFinished: 3600, apiVersion: 'batch/v1' },
    });
  });

  it('takes replicas from the spec, defaulting to 1 as the API server does', () => {
    expect(workloadNamed(result, 'legacy-rs')).toMatchObject({ replicas: 3, ownerKind: 'ReplicaSet' });
    expect(workloadNamed(result, 'older-rc')).toMatchObject({
      replicas: 1,
      ownerKind: 'ReplicationController',
    });
  });

  it('reads a bare Pod as one pod, and a nameless container as sloppy but present', () => {
    const pod = workloadNamed(result, 'debug');
    expect(pod).toMatchObject({ schedulingKind: 'single', ownerKind: 'Pod', replicas: 1, os: 'windows' });
    expect(pod.labels).toEqual({ app: 'debug' });
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0]).toMatchObject({
      name: 'container-0',
      image: 'mcr.microsoft.com/windows/nanoserver:ltsc2022',
    });
  });

  it('reads an unknown kind that wraps a pod template, with its node affinity and GPU limit', () => {
    const rollout = workloadNamed(result, 'canary');
    expect(rollout).toMatchObject({
      ownerKind: 'Rollout',
      schedulingKind: 'replicated',
      replicas: 5,
      architecture: 'arm64',
    });
    expect(rollout.nodeAffinity).toEqual([
      { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
      { key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m7g.large', 'm7g.xlarge'] },
    ]);
    expect(rollout.containers[0]).toMatchObject({ cpuRequestMillis: 250, memoryRequestMiB: 488.28125 });
    expect(rollout.containers[0]?.k8s?.extendedResources).toEqual({ 'nvidia.com/gpu': '1' });
  });

  it('reads List items and a Job TTL', () => {
    const list = readFixture('k8s/list.yaml');
    expect(list.gaps).toEqual([]);
    expect(list.workloads.map((workload) => [workload.id, workload.kind, workload.replicas])).toEqual([
      ['k8s/list.yaml#0.1', 'Deployment', 4],
      ['k8s/list.yaml#0.2', 'Job', null],
    ]);
    expect(list.workloads[1]).toMatchObject({ ownerKind: 'Job', eks: { ttlSecondsAfterFinished: 600 } });
    expect(list.workloads[0]?.source).toEqual({ file: 'k8s/list.yaml', documentIndex: 0, line: 10 });
  });
});

describe('operating system and architecture', () => {
  it.each([
    [{ nodeSelector: { 'kubernetes.io/os': 'windows' } }, 'windows'],
    [{ nodeSelector: { 'beta.kubernetes.io/os': 'windows' } }, 'windows'],
    [{ os: { name: 'windows' } }, 'windows'],
    [{ securityContext: { windowsOptions: { hostProcess: true } } }, 'windows'],
    [{ nodeSelector: { 'kubernetes.io/os': 'linux' } }, 'linux'],
    [{}, 'linux'],
  ])('reads %j as %s', (fields, os) => {
    const workload = kubernetesObjectToWorkload(
      deployment({ containers: [{ name: 'a' }], ...fields }),
      identity,
    );
    expect(workload?.os).toBe(os);
  });

  it('reads the architecture from the node selector, or affinity that allows only one', () => {
    const arch = (fields: Record<string, unknown>) =>
      kubernetesObjectToWorkload(deployment({ containers: [{ name: 'a' }], ...fields }), identity)
        ?.architecture;
    const affinity = (values: string[]) => ({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values }] },
            ],
          },
        },
      },
    });
    expect(arch({ nodeSelector: { 'kubernetes.io/arch': 'arm64' } })).toBe('arm64');
    expect(arch({ nodeSelector: { 'kubernetes.io/arch': 'amd64' } })).toBe('x86_64');
    expect(arch(affinity(['arm64']))).toBe('arm64');
    expect(arch(affinity(['amd64', 'arm64']))).toBeNull();
    expect(arch({})).toBeNull();
  });
});

describe('environment', () => {
  const result = readFixture('k8s/env-canary.yaml');
  const [app] = workloadNamed(result, 'leaky').containers;

  it('keeps names only: values, config maps and field refs as env names, secret refs apart', () => {
    expect(app?.envNames).toEqual(['DB_PASSWORD', 'FROM_CONFIG', 'POD_IP', 'envFrom:configMap/app-settings']);
    expect(app?.secretEnvNames).toEqual(['API_KEY', 'envFrom:secret/app-credentials']);
  });

  it('lets no planted value reach the workloads (env, keys, commands, last-applied, Secret, ConfigMap)', () => {
    expect(result.gaps).toEqual([]);
    expect(JSON.stringify(result)).not.toMatch(/CANARY/);
  });
});

describe('claims and storage', () => {
  it('resolves a StatefulSet claim template by its storage class, with and without one', () => {
    const result = readFixture('k8s/statefulset-claim-templates.yaml');
    expect(result.gaps).toEqual([]);
    const db = workloadNamed(result, 'db');
    expect(db).toMatchObject({ kind: 'StatefulSet', namespace: 'data', replicas: 1 });
    expect(volumeNamed(db, 'shared')).toMatchObject({
      type: 'persistentVolumeClaim',
      claim: {
        claimName: 'shared',
        storageClass: 'efs-dynamic',
        driver: 'efs.csi.aws.com',
        provisioningMode: 'efs-ap',
        resolvedBy: 'storage-class',
        dynamic: true,
        requestMiB: 5120,
        pvSourceType: null,
      },
    });
    // No class at all: judged by the EKS default class, and the resolution says it was assumed.
    expect(volumeNamed(db, 'pgdata').claim).toMatchObject({
      storageClass: 'gp2',
      driver: 'kubernetes.io/aws-ebs',
      resolvedBy: 'assumed-default',
      requestMiB: 20480,
    });
    // The legacy beta annotation names the class; gp3 is not in the file but its driver is well known.
    expect(volumeNamed(db, 'wal').claim).toMatchObject({
      storageClass: 'gp3',
      driver: 'ebs.csi.aws.com',
      resolvedBy: 'storage-class',
      requestMiB: 512,
    });
    expect(volumeNamed(db, 'archive').claim).toMatchObject({
      storageClass: 'ceph-rbd',
      driver: 'kubernetes.io/aws-ebs',
      resolvedBy: 'assumed-default',
      requestMiB: 1048576,
    });
  });

  it('follows PVC → PV → EFS CSI for a statically provisioned volume', () => {
    const result = readFixture('k8s/efs-static-pv.yaml');
    expect(result.gaps).toEqual([]);
    expect(result.workloads).toHaveLength(1);
    expect(volumeNamed(workloadNamed(result, 'uploader'), 'uploads')).toMatchObject({
      type: 'persistentVolumeClaim',
      claim: {
        claimName: 'efs-claim',
        storageClass: 'efs-sc',
        driver: 'efs.csi.aws.com',
        pvSourceType: 'csi',
        resolvedBy: 'pv',
        dynamic: false,
        requestMiB: 5120,
      },
    });
  });

  describe('the ways a claim resolves', () => {
    const cruncher = workloadNamed(readFixture('k8s/claims.yaml'), 'cruncher');

    it('a PV whose claimRef names the claim', () => {
      expect(volumeNamed(cruncher, 'a').claim).toMatchObject({
        resolvedBy: 'pv',
        pvSourceType: 'nfs',
        driver: null,
        dynamic: false,
        requestMiB: 102400,
      });
    });

    it('the smallest unclaimed PV of the same class that fits, as the binder picks', () => {
      expect(volumeNamed(cruncher, 'b').claim).toMatchObject({
        resolvedBy: 'pv',
        storageClass: 'manual',
        pvSourceType: 'awsElasticBlockStore',
        driver: 'kubernetes.io/aws-ebs',
        dynamic: false,
      });
    });

    it('a class that is neither in the input nor well known is judged by the EKS default class', () => {
      expect(volumeNamed(cruncher, 'c').claim).toMatchObject({
        resolvedBy: 'assumed-default',
        storageClass: 'vendor-fast',
        driver: 'kubernetes.io/aws-ebs',
        dynamic: true,
      });
    });

    it('a claim without a class is judged by the EKS default class', () => {
      expect(volumeNamed(cruncher, 'd').claim).toMatchObject({
        resolvedBy: 'assumed-default',
        storageClass: 'gp2',
        driver: 'kubernetes.io/aws-ebs',
      });
    });

    it('an explicitly empty class cannot be provisioned dynamically', () => {
      expect(volumeNamed(cruncher, 'e').claim).toMatchObject({
        resolvedBy: 'unresolved',
        storageClass: null,
        dynamic: false,
      });
    });

    it('a claim missing from the input is judged by the EKS default class', () => {
      expect(volumeNamed(cruncher, 'f').claim).toMatchObject({
        claimName: 'not-in-this-input',
        resolvedBy: 'assumed-default',
        storageClass: 'gp2',
        driver: 'kubernetes.io/aws-ebs',
        requestMiB: null,
      });
    });

    it('a generic ephemeral volume gets a claim from its template', () => {
      expect(volumeNamed(cruncher, 'g')).toMatchObject({
        type: 'ephemeral',
        claim: {
          claimName: 'cruncher-g',
          storageClass: 'ebs-sc',
          driver: 'ebs.csi.aws.com',
          dynamic: true,
          requestMiB: 4096,
        },
      });
    });
  });

  it('uses a StorageClass the input marks as default for a claim without a class', () => {
    const context = kubernetesContextFrom([
      {
        kind: 'StorageClass',
        metadata: {
          name: 'auto-ebs',
          annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        },
        provisioner: 'ebs.csi.eks.amazonaws.com',
      },
      {
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data' },
        spec: { resources: { requests: { storage: '1Gi' } } },
      },
    ]);
    const workload = kubernetesObjectToWorkload(
      deployment({
        containers: [{ name: 'a' }],
        volumes: [{ name: 'v', persistentVolumeClaim: { claimName: 'data' } }],
      }),
      identity,
      context,
    );
    expect(workload?.volumes[0]?.claim).toMatchObject({
      storageClass: 'auto-ebs',
      driver: 'ebs.csi.eks.amazonaws.com',
      resolvedBy: 'storage-class',
    });
  });

  it('reads inline volume sources', () => {
    const workload = kubernetesObjectToWorkload(
      deployment({
        containers: [{ name: 'a' }],
        volumes: [
          { name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true } },
          { name: 'disk', awsElasticBlockStore: { volumeID: 'vol-1' } },
          { name: 'share', nfs: { server: 'nfs', path: '/x' } },
          { name: 'lun', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn', lun: 0 } },
          { name: 'cloud', azureFile: { shareName: 's', secretName: 'az' } },
          { name: 'token', projected: { sources: [] } },
          { name: 'bare' },
        ],
      }),
      identity,
    );
    expect(workload?.volumes.map((volume) => [volume.name, volume.type, volume.driver])).toEqual([
      ['secrets', 'csi', 'secrets-store.csi.k8s.io'],
      ['disk', 'awsElasticBlockStore', 'kubernetes.io/aws-ebs'],
      ['share', 'nfs', null],
      ['lun', 'iscsi', null],
      ['cloud', 'otherK8s', 'azureFile'],
      ['token', 'projected', null],
      // A volume without a source is an emptyDir by the API's default.
      ['bare', 'emptyDir', null],
    ]);
  });
});

describe('service accounts', () => {
  const account = (annotations: Record<string, string>) => ({
    kind: 'ServiceAccount',
    metadata: { name: 'runner', namespace: 'default', annotations },
  });

  it('is false when the account is known without an IRSA role, null when unknown', () => {
    const pod = deployment({ serviceAccountName: 'runner', containers: [{ name: 'a' }] });
    expect(
      kubernetesObjectToWorkload(pod, identity, kubernetesContextFrom([account({})]))?.eks
        ?.serviceAccountHasIrsa,
    ).toBe(false);
    expect(kubernetesObjectToWorkload(pod, identity)?.eks?.serviceAccountHasIrsa).toBeNull();
  });

  it('looks up the namespace default account when the pod names none', () => {
    const context = kubernetesContextFrom([
      { kind: 'ServiceAccount', metadata: { name: 'default' }, automountServiceAccountToken: false },
    ]);
    const workload = kubernetesObjectToWorkload(
      deployment({ containers: [{ name: 'a' }] }),
      identity,
      context,
    );
    expect(workload?.eks).toMatchObject({ serviceAccountName: null, serviceAccountHasIrsa: false });
  });
});

describe('labelSelectorMatches', () => {
  const labels = { app: 'web', tier: 'frontend' };

  it.each([
    [{}, true],
    [{ matchLabels: { app: 'web' } }, true],
    [{ matchLabels: { app: 'api' } }, false],
    [{ matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }] }, true],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, false],
    [{ matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['a'] }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'Matches', values: ['w.*'] }] }, false],
  ])('%j → %s', (selector, expected) => {
    expect(labelSelectorMatches(selector, labels)).toBe(expected);
  });
});

describe('broken pod specs', () => {
  function thrown(object: unknown): ManifestError {
    try {
      kubernetesObjectToWorkload(object, identity);
    } catch (error) {
      if (error instanceof ManifestError) return error;
      throw error;
    }
    throw new Error('expected a ManifestError');
  }

  it('refuses containers that are not a list, naming the field', () => {
    expect(thrown(deployment({ containers: { name: 'a' } })).fieldPath).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
    ]);
    expect(thrown({ kind: 'Pod', metadata: { name: 'p' }, spec: {} }).fieldPath).toEqual([
      'spec',
      'containers',
    ]);
  });

  it('refuses a workload kind without its pod template', () => {
    expect(thrown({ kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1 } }).message).toContain(
      'Deployment has no pod template',
    );
    expect(thrown({ kind: 'Pod', metadata: { name: 'p' } }).message).toContain('Pod has no pod spec');
  });

  it('refuses a resource quantity that is not one', () => {
    const error = thrown(
      deployment({ containers: [{ name: 'a', resources: { limits: { memory: '1 gig' } } }] }),
    );
    expect(error.fieldPath).toEqual([
      'spec',
      'template',
      'spec',
      'containers',
      0,
      'resources',
      'limits',
      'memory',
    ]);
  });

  it('ignores kinds that run no pods', () => {
    expect(
      kubernetesObjectToWorkload({ kind: 'Service', metadata: { name: 's' }, spec: {} }, identity),
    ).toBeNull();
    expect(
      kubernetesObjectToWorkload({ apiVersion: 'v1', metadata: { name: 'no-kind' } }, identity),
    ).toBeNull();
  });
});
