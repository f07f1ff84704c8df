/**
 * Small builders for scenario parts, so a scenario reads like the estate it describes. They return
 * plain data in the scenario's wire shapes; nothing here talks to the emulator.
 */
import type { ContainerDefinition, KeyValuePair } from '@aws-sdk/client-ecs';
import type { EcsTaskDefinitionSpec, JsonObject, JsonValue, KubeObject, Tags } from './types.js';

// ---------------------------------------------------------------------------------------------
// ECS

export interface EcsContainerInput extends Omit<ContainerDefinition, 'environment'> {
  readonly name: string;
  readonly image: string;
  /** Plain environment variables (values travel in the task definition, as in ECS). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A container definition with the defaults most real ones carry (essential, awslogs). */
export function ecsContainer(input: EcsContainerInput): ContainerDefinition {
  const { env, ...rest } = input;
  const environment: KeyValuePair[] | undefined = env
    ? Object.entries(env).map(([name, value]) => ({ name, value }))
    : undefined;
  return {
    essential: true,
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': `/ecs/${input.name}`,
        'awslogs-region': 'us-east-1',
        'awslogs-stream-prefix': 'ecs',
      },
    },
    ...rest,
    ...(environment ? { environment } : {}),
  };
}

export function ecsTaskDefinition(
  spec: Omit<EcsTaskDefinitionSpec, 'revision'> & { readonly revision?: number },
): EcsTaskDefinitionSpec {
  return { revision: 1, ...spec };
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

export interface KubeContainerInput {
  readonly name: string;
  readonly image: string;
  readonly requests?: Readonly<Record<string, string>>;
  readonly limits?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string>>;
  /** Environment variables taken from Secrets: variable name → [secret name, key]. */
  readonly secretEnv?: Readonly<Record<string, readonly [string, string]>>;
  readonly ports?: readonly {
    readonly containerPort: number;
    readonly hostPort?: number;
    readonly protocol?: string;
  }[];
  readonly securityContext?: JsonObject;
  readonly volumeMounts?: readonly {
    readonly name: string;
    readonly mountPath: string;
    readonly readOnly?: boolean;
  }[];
  readonly command?: readonly string[];
  readonly args?: readonly string[];
}

/** A container of a pod spec, in wire shape. */
export function kubeContainer(input: KubeContainerInput): JsonObject {
  const resources: JsonObject = {};
  if (input.requests) resources.requests = { ...input.requests };
  if (input.limits) resources.limits = { ...input.limits };
  const env: JsonValue[] = [
    ...Object.entries(input.env ?? {}).map(([name, value]) => ({ name, value })),
    ...Object.entries(input.secretEnv ?? {}).map(([name, [secret, key]]) => ({
      name,
      valueFrom: { secretKeyRef: { name: secret, key } },
    })),
  ];
  const container: JsonObject = { name: input.name, image: input.image, resources };
  if (env.length > 0) container.env = env;
  if (input.ports) {
    container.ports = input.ports.map((p) => ({
      containerPort: p.containerPort,
      protocol: p.protocol ?? 'TCP',
      ...(p.hostPort !== undefined ? { hostPort: p.hostPort } : {}),
    }));
  }
  if (input.securityContext) container.securityContext = input.securityContext;
  if (input.volumeMounts) container.volumeMounts = input.volumeMounts.map((m) => ({ ...m }));
  if (input.command) container.command = [...input.command];
  if (input.args) container.args = [...input.args];
  return container;
}

export interface PodTemplateInput {
  readonly labels?: Tags;
  readonly annotations?: Tags;
  /** The pod spec; `containers` are usually made with {@link kubeContainer}. */
  readonly spec: JsonObject;
}

function template(name: string, input: PodTemplateInput): JsonObject {
  return {
    metadata: {
      labels: { app: name, ...input.labels },
      ...(input.annotations ? { annotations: { ...input.annotations } } : {}),
    },
    spec: input.spec,
  };
}

interface WorkloadInput extends PodTemplateInput {
  readonly name: string;
  readonly namespace: string;
  /** Labels and annotations on the controller object itself. */
  readonly objectLabels?: Tags;
  readonly objectAnnotations?: Tags;
}

function metadata(input: WorkloadInput) {
  return {
    name: input.name,
    namespace: input.namespace,
    labels: { app: input.name, ...input.objectLabels },
    ...(input.objectAnnotations ? { annotations: { ...input.objectAnnotations } } : {}),
  };
}

const selectorOf = (input: WorkloadInput): JsonObject => ({ matchLabels: { app: input.name } });

export function kubeDeployment(input: WorkloadInput & { readonly replicas?: number }): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadata(input),
    spec: {
      replicas: input.replicas ?? 1,
      selector: selectorOf(input),
      template: template(input.name, input),
    },
  };
}

export function kubeStatefulSet(
  input: WorkloadInput & {
    readonly replicas?: number;
    readonly serviceName?: string;
    readonly volumeClaimTemplates?: readonly {
      readonly name: string;
      readonly storageClassName?: string;
      readonly storage: string;
      readonly accessModes?: readonly string[];
    }[];
  },
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: metadata(input),
    spec: {
      replicas: input.replicas ?? 1,
      serviceName: input.serviceName ?? input.name,
      selector: selectorOf(input),
      template: template(input.name, input),
      volumeClaimTemplates: (input.volumeClaimTemplates ?? []).map((claim) => ({
        metadata: { name: claim.name },
        spec: {
          accessModes: [...(claim.accessModes ?? ['ReadWriteOnce'])],
          ...(claim.storageClassName !== undefined ? { storageClassName: claim.storageClassName } : {}),
          resources: { requests: { storage: claim.storage } },
        },
      })),
    },
  };
}

export function kubeDaemonSet(input: WorkloadInput): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: metadata(input),
    spec: { selector: selectorOf(input), template: template(input.name, input) },
  };
}

export function kubeJob(
  input: WorkloadInput & { readonly parallelism?: number; readonly completions?: number },
): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(input),
    spec: {
      parallelism: input.parallelism ?? 1,
      completions: input.completions ?? 1,
      backoffLimit: 6,
      template: template(input.name, { ...input, spec: { restartPolicy: 'Never', ...input.spec } }),
    },
  };
}

export function kubeCronJob(input: WorkloadInput & { readonly schedule: string }): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: metadata(input),
    spec: {
      schedule: input.schedule,
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimit: 2,
          template: template(input.name, { ...input, spec: { restartPolicy: 'OnFailure', ...input.spec } }),
        },
      },
    },
  };
}

export function kubePod(input: WorkloadInput): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...metadata(input), labels: { app: input.name, ...input.labels, ...input.objectLabels } },
    spec: input.spec,
  };
}

export function kubeStorageClass(
  name: string,
  provisioner: string,
  parameters: Tags = {},
  options: { readonly isDefault?: boolean; readonly volumeBindingMode?: string } = {},
): KubeObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: {
      name,
      ...(options.isDefault
        ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }
        : {}),
    },
    provisioner,
    parameters: { ...parameters },
    reclaimPolicy: 'Delete',
    volumeBindingMode: options.volumeBindingMode ?? 'WaitForFirstConsumer',
    allowVolumeExpansion: true,
  };
}

export function kubePersistentVolumeClaim(input: {
  readonly name: string;
  readonly namespace: string;
  readonly storage: string;
  readonly storageClassName?: string;
  readonly volumeName?: string;
  readonly accessModes?: readonly string[];
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      accessModes: [...(input.accessModes ?? ['ReadWriteOnce'])],
      resources: { requests: { storage: input.storage } },
      ...(input.storageClassName !== undefined ? { storageClassName: input.storageClassName } : {}),
      ...(input.volumeName !== undefined ? { volumeName: input.volumeName } : {}),
    },
  };
}

/** A pre-created (statically provisioned) EFS volume. */
export function kubeEfsPersistentVolume(
  name: string,
  fileSystemId: string,
  storageClassName = '',
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name },
    spec: {
      accessModes: ['ReadWriteMany'],
      capacity: { storage: '5Gi' },
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName,
      volumeMode: 'Filesystem',
      csi: { driver: 'efs.csi.aws.com', volumeHandle: fileSystemId },
    },
  };
}

export function kubeService(input: {
  readonly name: string;
  readonly namespace: string;
  readonly type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  readonly port: number;
  readonly targetPort?: number;
  readonly annotations?: Tags;
  readonly selector?: Tags;
}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      ...(input.annotations ? { annotations: { ...input.annotations } } : {}),
    },
    spec: {
      type: input.type ?? 'ClusterIP',
      selector: { ...(input.selector ?? { app: input.name }) },
      ports: [{ port: input.port, targetPort: input.targetPort ?? input.port, protocol: 'TCP' }],
    },
  };
}

export function kubeServiceAccount(name: string, namespace: string, annotations: Tags = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, namespace, annotations: { ...annotations } },
  };
}

export function kubeNetworkPolicy(name: string, namespace: string, podLabels: Tags): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace },
    spec: {
      podSelector: { matchLabels: { ...podLabels } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: {} }] }],
    },
  };
}

/** What every EKS cluster runs in kube-system: CoreDNS, the VPC CNI and kube-proxy. */
export function eksSystemAddons(): KubeObject[] {
  const systemCritical = { priorityClassName: 'system-node-critical' };
  return [
    kubeDeployment({
      name: 'coredns',
      namespace: 'kube-system',
      replicas: 2,
      labels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' },
      annotations: { 'eks.amazonaws.com/compute-type': 'ec2' },
      spec: {
        priorityClassName: 'system-cluster-critical',
        serviceAccountName: 'coredns',
        containers: [
          kubeContainer({
            name: 'coredns',
            image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/coredns:v1.11.4-eksbuild.2',
            requests: { cpu: '100m', memory: '70Mi' },
            limits: { memory: '170Mi' },
            ports: [
              { containerPort: 53, protocol: 'UDP' },
              { containerPort: 53, protocol: 'TCP' },
            ],
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
              readOnlyRootFilesystem: true,
            },
          }),
        ],
      },
    }),
    kubeDaemonSet({
      name: 'aws-node',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'aws-node' },
      spec: {
        ...systemCritical,
        hostNetwork: true,
        serviceAccountName: 'aws-node',
        tolerations: [{ operator: 'Exists' }],
        containers: [
          kubeContainer({
            name: 'aws-node',
            image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1',
            requests: { cpu: '25m' },
            securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
            volumeMounts: [{ name: 'cni-bin-dir', mountPath: '/host/opt/cni/bin' }],
          }),
        ],
        volumes: [{ name: 'cni-bin-dir', hostPath: { path: '/opt/cni/bin', type: '' } }],
      },
    }),
    kubeDaemonSet({
      name: 'kube-proxy',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-proxy' },
      spec: {
        ...systemCritical,
        hostNetwork: true,
        serviceAccountName: 'kube-proxy',
        tolerations: [{ operator: 'Exists' }],
        containers: [
          kubeContainer({
            name: 'kube-proxy',
            image: '602401143452.dkr.ecr.us-east-1.amazonaws.com/eks/kube-proxy:v1.31.3-minimal-eksbuild.2',
            requests: { cpu: '100m' },
            securityContext: { privileged: true },
          }),
        ],
      },
    }),
    kubeService({
      name: 'kube-dns',
      namespace: 'kube-system',
      port: 53,
      selector: { 'k8s-app': 'kube-dns' },
    }),
  ];
}
