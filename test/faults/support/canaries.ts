/**
 * Canaries beyond the demo estate's environment values: secret-looking values in the free-form maps
 * real task definitions and manifests carry credentials in — a CIFS password in Docker volume
 * driver options, a Datadog API key in FireLens log options, a FireLens option, a secretOptions
 * reference, a Datadog check annotation, CSI volume attributes (inline and in a PersistentVolume),
 * FlexVolume options, a StorageClass parameter, a PV mount option and an HTTP probe header.
 * {@link withExtraCanaries} plants them in a scenario; the same documents feed `check` as files.
 */
import type { Scenario } from '../../emulator/index.js';
import { DEMO_ACCOUNT, DEMO_REGION } from '../../emulator/index.js';

/** Values that must never appear in any output. */
export const EXTRA_CANARIES = {
  cifsPassword: 'c4nary-cifs-Pw-3Kd8Qx1Zt6',
  datadogApiKey: 'c4nary-dd-apikey-0f9e8d7c6b5a4f3e2d1c',
  firelensOption: 'c4nary-firelens-opt-Vb7Nm2Lk',
  secretOptionArn: `arn:aws:secretsmanager:${DEMO_REGION}:${DEMO_ACCOUNT}:secret:c4nary-secret-option-Qw3`,
  checkAnnotation: 'c4nary-annotation-pw-Hj4Kl5',
  csiAttribute: 'c4nary-csi-attr-Zx9Cv8Bn',
  flexOption: 'c4nary-flex-opt-Mn1Bv2Cx',
  storageClassKey: 'c4nary-sc-restuserkey-Tg5Yh6',
  pvAttribute: 'c4nary-pv-attr-Uj7Ik8Ol',
  mountPassword: 'c4nary-mount-Pw-Ed3Rf4',
  probeHeader: 'c4nary-probe-bearer-Ws2Xs3',
} as const;

const C = EXTRA_CANARIES;

/** A Fargate-bound worker that logs through FireLens to Datadog, with a CIFS share. */
export function canaryTaskDefinition(): Record<string, unknown> {
  return {
    family: 'dd-shipper',
    revision: 1,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '512',
    memory: '1024',
    volumes: [
      {
        name: 'share',
        dockerVolumeConfiguration: {
          scope: 'task',
          driver: 'local',
          driverOpts: {
            type: 'cifs',
            device: '//files.internal/share',
            o: `username=svc,password=${C.cifsPassword}`,
          },
        },
      },
    ],
    containerDefinitions: [
      {
        name: 'app',
        image: 'public.ecr.aws/example/shipper:1.0',
        essential: true,
        mountPoints: [{ sourceVolume: 'share', containerPath: '/share' }],
        logConfiguration: {
          logDriver: 'awsfirelens',
          options: { Name: 'datadog', apikey: C.datadogApiKey, dd_service: 'shipper' },
          secretOptions: [{ name: 'dd_tags', valueFrom: C.secretOptionArn }],
        },
      },
      {
        name: 'log-router',
        image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.4',
        essential: true,
        firelensConfiguration: {
          type: 'fluentbit',
          options: { 'enable-ecs-log-metadata': 'true', 'config-file-type': 'file', token: C.firelensOption },
        },
      },
    ],
  };
}

/** A Deployment reading secrets through CSI and CIFS, an SMB StorageClass and a PV with mount options. */
export function canaryKubernetesObjects(): Record<string, unknown>[] {
  return [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'legacy-gluster' },
      provisioner: 'kubernetes.io/glusterfs',
      parameters: {
        resturl: 'http://heketi.internal:8080',
        restuser: 'admin',
        restuserkey: C.storageClassKey,
      },
    },
    {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'reports-smb' },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteMany'],
        storageClassName: '',
        mountOptions: ['vers=3.0', `password=${C.mountPassword}`],
        csi: {
          driver: 'smb.csi.k8s.io',
          volumeHandle: 'reports-smb',
          volumeAttributes: { source: '//files.internal/reports', token: C.pvAttribute },
        },
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'vault-reader', namespace: 'shop', labels: { app: 'vault-reader' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'vault-reader' } },
        template: {
          metadata: {
            labels: { app: 'vault-reader' },
            annotations: { 'ad.datadoghq.com/reader.instances': `[{"password":"${C.checkAnnotation}"}]` },
          },
          spec: {
            containers: [
              {
                name: 'reader',
                image: 'public.ecr.aws/example/vault-reader:2.1',
                resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '256Mi' } },
                readinessProbe: {
                  httpGet: {
                    path: '/ready',
                    port: 8080,
                    httpHeaders: [{ name: 'Authorization', value: `Bearer ${C.probeHeader}` }],
                  },
                },
              },
            ],
            volumes: [
              {
                name: 'secrets',
                csi: {
                  driver: 'secrets-store.csi.k8s.io',
                  readOnly: true,
                  volumeAttributes: { secretProviderClass: 'reader', token: C.csiAttribute },
                },
              },
              { name: 'legacy', flexVolume: { driver: 'fstab/cifs', options: { password: C.flexOption } } },
            ],
          },
        },
      },
    },
  ];
}

/** A copy of the scenario with the extra canaries planted in the first account's region and EKS cluster. */
export function withExtraCanaries(scenario: Scenario): Scenario {
  // The scenario types are readonly wire shapes; the copy is edited as plain JSON.
  type Editable = {
    accounts: {
      id: string;
      regions: {
        name: string;
        ecs?: { taskDefinitions: unknown[]; clusters: { services?: { name: string }[] }[] };
        eks?: { clusters: { name: string; objects?: unknown[] }[] };
      }[];
    }[];
  };
  const copy = structuredClone(scenario) as unknown as Editable;
  const region = copy.accounts
    .find((account) => account.id === DEMO_ACCOUNT)
    ?.regions.find((r) => r.name === DEMO_REGION);
  const cluster = region?.eks?.clusters[0];
  // The Fargate cluster (where staging-web runs) gets a service that uses the task definition.
  const fargateCluster = region?.ecs?.clusters.find((c) => c.services?.some((s) => s.name === 'staging-web'));
  if (!region?.ecs || !cluster || !fargateCluster?.services) {
    throw new Error('the scenario lacks the demo ECS and EKS clusters');
  }
  region.ecs.taskDefinitions.push(canaryTaskDefinition());
  fargateCluster.services.push({
    name: 'dd-shipper',
    taskDefinition: 'dd-shipper:1',
    desiredCount: 1,
    launchType: 'FARGATE',
  } as { name: string });
  cluster.objects = [...(cluster.objects ?? []), ...canaryKubernetesObjects()];
  return copy as unknown as Scenario;
}
