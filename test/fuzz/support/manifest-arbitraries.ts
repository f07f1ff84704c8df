import fc from 'fast-check';
import { stringify } from 'yaml';
import { awkwardValue, optionalRecord, sometimes } from './awkward-values.js';

/**
 * Generators of ECS task definitions and Kubernetes objects shaped like real ones, with a field
 * now and then of the wrong type, and a canary (`CANARY-<hex>`) in every place a secret can sit:
 * environment values, secret references, log and driver options, command lines, ConfigMap and
 * Secret data, last-applied annotations. A canary must never come out of the readers or a report.
 */

/** Marks every planted secret; nothing else the generators produce contains it. */
export const CANARY_MARK = 'CANARY';

const hex = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 8 });

/** A secret value in the forms real files carry them: bare, in a URL, multi-line, quoted, JSON. */
export const canary: fc.Arbitrary<string> = fc.tuple(hex, fc.nat({ max: 5 })).map(([token, form]) => {
  const secret = `${CANARY_MARK}-${token}`;
  switch (form) {
    case 0:
      return `postgres://admin:${secret}@db.internal:5432/app`;
    case 1:
      return `${secret}\nsecond line`;
    case 2:
      return `"${secret}" 'quoted'`;
    case 3:
      return JSON.stringify({ password: secret });
    case 4:
      return `--token=${secret}`;
    default:
      return secret;
  }
});

const canaryArn = canary.map((secret) => `arn:aws:secretsmanager:us-east-1:111122223333:secret:${secret}`);
const envName = fc.constantFrom(
  'DATABASE_URL',
  'API_TOKEN',
  'PASSWORD',
  'AWS_SECRET_ACCESS_KEY',
  'X',
  'lower_case',
);
const canaries = (maxLength: number) => fc.array(canary, { maxLength });
const list = <T>(item: fc.Arbitrary<T>, maxLength = 3) => fc.array(item, { maxLength });
const names = fc.constantFrom('app', 'web', 'worker', 'envoy', 'log-router', 'a b', 'ünïcode', '');

/** The generators of one noise level; `maybe` decides how often a field gets a value of the wrong type. */
function manifestShapes(maybe: <T>(plausible: fc.Arbitrary<T>) => fc.Arbitrary<T | unknown>) {
  // ---------------------------------------------------------------- ECS task definitions

  const ecsPortMapping = optionalRecord({
    containerPort: maybe(fc.constantFrom(80, 443, 8080, 3150, 65535, 0, '8080')),
    hostPort: maybe(fc.constantFrom(0, 80, 8080, 3150)),
    protocol: maybe(fc.constantFrom('tcp', 'udp')),
  });

  const ecsLinuxParameters = optionalRecord({
    capabilities: maybe(
      optionalRecord({
        add: maybe(list(fc.constantFrom('SYS_PTRACE', 'NET_ADMIN', 'SYS_ADMIN', 'ALL', 'CAP_NET_RAW'))),
        drop: maybe(list(fc.constantFrom('ALL', 'NET_RAW'))),
      }),
    ),
    devices: maybe(list(optionalRecord({ hostPath: maybe(fc.constantFrom('/dev/fuse', '/dev/nvidia0')) }))),
    initProcessEnabled: maybe(fc.boolean()),
    sharedMemorySize: maybe(fc.constantFrom(64, 1024)),
    tmpfs: maybe(
      list(optionalRecord({ containerPath: fc.constant('/tmp'), size: fc.constantFrom(64, 128) })),
    ),
    maxSwap: maybe(fc.constantFrom(0, 1024)),
    swappiness: maybe(fc.constantFrom(0, 60, 100)),
  });

  const ecsLogConfiguration = optionalRecord({
    logDriver: maybe(
      fc.constantFrom('awslogs', 'splunk', 'awsfirelens', 'fluentd', 'json-file', 'syslog', 'gelf'),
    ),
    // `mode` is kept in the model on purpose (it is not sensitive), so no canary goes there.
    options: maybe(
      fc.dictionary(fc.constantFrom('awslogs-group', 'splunk-token', 'splunk-url', 'Name', 'tag'), canary, {
        maxKeys: 3,
        noNullPrototype: true,
      }),
    ),
    secretOptions: maybe(list(optionalRecord({ name: envName, valueFrom: canaryArn }), 2)),
  });

  const ecsContainer = optionalRecord({
    name: maybe(names),
    image: maybe(
      fc.constantFrom(
        'nginx:1.27',
        'public.ecr.aws/docker/library/redis:7',
        'mcr.microsoft.com/windows/servercore:ltsc2022',
        '123456789012.dkr.ecr.us-east-1.amazonaws.com/app@sha256:0f3a',
      ),
    ),
    cpu: maybe(fc.constantFrom(0, 128, 256, 1024, '512', 4096, 99999)),
    memory: maybe(fc.constantFrom(128, 512, '1024', 2048, 130000)),
    memoryReservation: maybe(fc.constantFrom(64, 256)),
    essential: maybe(fc.boolean()),
    privileged: maybe(fc.boolean()),
    user: maybe(fc.constantFrom('root', '1000', '0:0', 'ContainerAdministrator')),
    readonlyRootFilesystem: maybe(fc.boolean()),
    portMappings: maybe(list(ecsPortMapping)),
    linuxParameters: maybe(ecsLinuxParameters),
    environment: maybe(list(optionalRecord({ name: envName, value: canary }), 4)),
    secrets: maybe(list(optionalRecord({ name: envName, valueFrom: canaryArn }))),
    environmentFiles: maybe(list(optionalRecord({ type: fc.constant('s3'), value: canaryArn }), 2)),
    logConfiguration: maybe(ecsLogConfiguration),
    firelensConfiguration: maybe(
      optionalRecord({
        type: maybe(fc.constantFrom('fluentbit', 'fluentd')),
        options: maybe(fc.record({ 'config-file-value': canary }, { noNullPrototype: true })),
      }),
    ),
    dockerLabels: maybe(fc.dictionary(fc.constantFrom('com.example.token', 'team'), canary, { maxKeys: 2 })),
    command: maybe(canaries(2)),
    entryPoint: maybe(canaries(1)),
    healthCheck: maybe(optionalRecord({ command: maybe(canaries(2)), interval: fc.constantFrom(5, 30) })),
    repositoryCredentials: maybe(fc.record({ credentialsParameter: canaryArn }, { noNullPrototype: true })),
    dockerSecurityOptions: maybe(
      list(
        canary.map((secret) => `credentialspec:${secret}`),
        1,
      ),
    ),
    credentialSpecs: maybe(
      list(
        canary.map((secret) => `credentialspecdomainless:${secret}`),
        1,
      ),
    ),
    mountPoints: maybe(
      list(
        optionalRecord({
          sourceVolume: maybe(names),
          containerPath: fc.constant('/data'),
          readOnly: fc.boolean(),
        }),
      ),
    ),
    dependsOn: maybe(list(optionalRecord({ containerName: names, condition: fc.constant('START') }), 1)),
    ulimits: maybe(
      list(
        optionalRecord({
          name: fc.constantFrom('nofile', 'memlock'),
          softLimit: awkwardValue,
          hardLimit: awkwardValue,
        }),
      ),
    ),
    systemControls: maybe(
      list(optionalRecord({ namespace: fc.constantFrom('net.core.somaxconn', 'kernel.shmmax') }), 1),
    ),
    resourceRequirements: maybe(
      list(
        optionalRecord({
          type: fc.constantFrom('GPU', 'InferenceAccelerator'),
          value: fc.constantFrom('1', '2'),
        }),
        1,
      ),
    ),
    links: maybe(list(names, 1)),
    hostname: maybe(fc.constant('box')),
    extraHosts: maybe(
      list(optionalRecord({ hostname: fc.constant('db'), ipAddress: fc.constant('10.0.0.1') }), 1),
    ),
    dnsServers: maybe(list(fc.constant('10.0.0.2'), 1)),
    disableNetworking: maybe(fc.boolean()),
    startTimeout: maybe(fc.constantFrom(30, 120)),
    stopTimeout: maybe(fc.constantFrom(30, 120, 121)),
  });

  const ecsVolume = optionalRecord({
    name: maybe(names),
    host: maybe(
      optionalRecord({ sourcePath: maybe(fc.constantFrom('/var/run/docker.sock', 'C:\\logs', '/data')) }),
    ),
    dockerVolumeConfiguration: maybe(
      optionalRecord({
        scope: maybe(fc.constantFrom('task', 'shared')),
        driver: maybe(fc.constantFrom('local', 'rexray/ebs')),
        autoprovision: maybe(fc.boolean()),
        driverOpts: maybe(fc.record({ password: canary }, { noNullPrototype: true })),
      }),
    ),
    efsVolumeConfiguration: maybe(
      optionalRecord({
        fileSystemId: fc.constant('fs-1234'),
        transitEncryption: maybe(fc.constantFrom('ENABLED', 'DISABLED')),
      }),
    ),
    fsxWindowsFileServerVolumeConfiguration: maybe(optionalRecord({ fileSystemId: fc.constant('fs-0abc') })),
    configuredAtLaunch: maybe(fc.boolean()),
  });

  /** An ECS task definition (containerDefinitions always present, so the readers take it as one). */
  const taskDefinition: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
      family: maybe(fc.constantFrom('web', 'batch', 'win-iis', 'a/b', '')),
      taskRoleArn: maybe(fc.constant('arn:aws:iam::111122223333:role/task')),
      executionRoleArn: maybe(fc.constant('arn:aws:iam::111122223333:role/exec')),
      networkMode: maybe(fc.constantFrom('awsvpc', 'bridge', 'host', 'none')),
      requiresCompatibilities: maybe(fc.subarray(['EC2', 'FARGATE', 'EXTERNAL'])),
      compatibilities: maybe(fc.subarray(['EC2', 'FARGATE'])),
      cpu: maybe(fc.constantFrom('256', '512', '1 vCPU', '16 vCPU', 1024, 8192, 100000, '0.25 vcpu')),
      memory: maybe(fc.constantFrom('512', '2 GB', 1024, 30720, 122880, 999999, '.5 GB')),
      runtimePlatform: maybe(
        optionalRecord({
          operatingSystemFamily: maybe(
            fc.constantFrom(
              'LINUX',
              'WINDOWS_SERVER_2022_CORE',
              'WINDOWS_SERVER_2019_FULL',
              'WINDOWS_SERVER_2025_CORE',
            ),
          ),
          cpuArchitecture: maybe(fc.constantFrom('X86_64', 'ARM64')),
        }),
      ),
      pidMode: maybe(fc.constantFrom('host', 'task')),
      ipcMode: maybe(fc.constantFrom('host', 'task', 'none')),
      ephemeralStorage: maybe(optionalRecord({ sizeInGiB: maybe(fc.constantFrom(20, 21, 200, 201)) })),
      placementConstraints: maybe(
        list(
          optionalRecord({
            type: fc.constant('memberOf'),
            expression: fc.constant('attribute:ecs.instance-type =~ t2.*'),
          }),
          1,
        ),
      ),
      proxyConfiguration: maybe(
        optionalRecord({ type: fc.constant('APPMESH'), containerName: fc.constant('envoy') }),
      ),
      inferenceAccelerators: maybe(
        list(optionalRecord({ deviceName: fc.constant('d0'), deviceType: fc.constant('eia2.medium') }), 1),
      ),
      volumes: maybe(list(ecsVolume)),
      containerDefinitions: maybe(fc.array(ecsContainer, { maxLength: 3 })),
    },
    { requiredKeys: ['containerDefinitions'], noNullPrototype: true },
  );

  // ---------------------------------------------------------------- Kubernetes objects

  // The last of each list is a quantity too large for a double: the readers must refuse it, not carry Infinity.
  const quantity = fc.constantFrom(
    '100m',
    '0.5',
    '1',
    '2500m',
    4,
    '1e3',
    '0.001',
    '16',
    '1k',
    '999999',
    '1e309',
  );
  const memoryQuantity = fc.constantFrom(
    '128Mi',
    '1Gi',
    '1G',
    '512M',
    '1e9',
    '120Gi',
    '1.5Gi',
    '0',
    '1Ti',
    '1k',
    'lots',
    '1e315',
  );
  const resourceMap = optionalRecord({
    cpu: maybe(quantity),
    memory: maybe(memoryQuantity),
    'ephemeral-storage': maybe(memoryQuantity),
    'nvidia.com/gpu': maybe(fc.constantFrom('1', 1)),
  });

  // Secret and ConfigMap names are not secret (envFrom markers keep them); their keys and values are.
  const refName = fc.constantFrom('api', 'app-config', 'db-credentials');
  const envVar = fc.oneof(
    optionalRecord({ name: envName, value: canary }),
    fc.record(
      {
        name: envName,
        valueFrom: fc.record({
          secretKeyRef: optionalRecord({ name: refName, key: canary, optional: fc.boolean() }),
        }),
      },
      { noNullPrototype: true },
    ),
    fc.record(
      {
        name: envName,
        valueFrom: fc.record({ configMapKeyRef: optionalRecord({ name: refName, key: canary }) }),
      },
      { noNullPrototype: true },
    ),
    fc.record(
      {
        name: envName,
        valueFrom: fc.record({
          fieldRef: fc.record({ fieldPath: fc.constantFrom('status.podIP', 'metadata.name') }),
        }),
      },
      { noNullPrototype: true },
    ),
  );

  const envFrom = fc.oneof(
    fc.record({ configMapRef: fc.record({ name: refName }) }, { noNullPrototype: true }),
    fc.record(
      { secretRef: fc.record({ name: refName }), prefix: fc.constant('DB_') },
      { noNullPrototype: true },
    ),
  );

  const volumeNames = fc.constantFrom('data', 'logs', 'sock', 'claim');

  const k8sContainer = optionalRecord({
    name: maybe(names),
    image: maybe(
      fc.constantFrom('nginx:1.27', 'mcr.microsoft.com/windows/nanoserver:ltsc2022', 'fluent/fluent-bit:3'),
    ),
    command: maybe(canaries(2)),
    args: maybe(canaries(2)),
    env: maybe(list(envVar, 4)),
    envFrom: maybe(list(envFrom, 2)),
    resources: maybe(optionalRecord({ requests: maybe(resourceMap), limits: maybe(resourceMap) })),
    ports: maybe(
      list(
        optionalRecord({
          containerPort: maybe(fc.constantFrom(80, 8080, 53, '8080')),
          hostPort: maybe(fc.constantFrom(80, 8080)),
          protocol: maybe(fc.constantFrom('TCP', 'UDP', 'SCTP')),
          hostIP: maybe(fc.constant('0.0.0.0')),
        }),
      ),
    ),
    securityContext: maybe(
      optionalRecord({
        privileged: maybe(fc.boolean()),
        allowPrivilegeEscalation: maybe(fc.boolean()),
        runAsUser: maybe(fc.constantFrom(0, 1000)),
        runAsNonRoot: maybe(fc.boolean()),
        readOnlyRootFilesystem: maybe(fc.boolean()),
        capabilities: maybe(
          optionalRecord({
            add: maybe(list(fc.constantFrom('NET_ADMIN', 'SYS_PTRACE', 'SYS_ADMIN'))),
            drop: maybe(list(fc.constant('ALL'))),
          }),
        ),
      }),
    ),
    volumeMounts: maybe(
      list(
        optionalRecord({
          name: maybe(volumeNames),
          mountPath: fc.constantFrom('/data', '/var/run/docker.sock'),
          readOnly: fc.boolean(),
        }),
      ),
    ),
    restartPolicy: maybe(fc.constant('Always')),
  });

  const k8sVolume = fc.oneof(
    fc.record({
      name: volumeNames,
      emptyDir: optionalRecord({ medium: fc.constant('Memory'), sizeLimit: memoryQuantity }),
    }),
    fc.record({
      name: volumeNames,
      hostPath: optionalRecord({
        path: fc.constantFrom('/var/run/docker.sock', '/var/log'),
        type: fc.constant('Directory'),
      }),
    }),
    fc.record({ name: volumeNames, configMap: fc.record({ name: refName }) }),
    fc.record({ name: volumeNames, secret: fc.record({ secretName: refName }) }),
    fc.record({
      name: volumeNames,
      persistentVolumeClaim: fc.record({ claimName: fc.constantFrom('data', 'efs-claim', 'missing') }),
    }),
    fc.record({
      name: volumeNames,
      csi: optionalRecord({
        driver: fc.constantFrom('efs.csi.aws.com', 'secrets-store.csi.k8s.io'),
        volumeAttributes: fc.record({ token: canary }),
      }),
    }),
    fc.record({
      name: volumeNames,
      nfs: fc.record({ server: fc.constant('nfs.internal'), path: fc.constant('/export') }),
    }),
    fc.record({
      name: volumeNames,
      ephemeral: fc.record({
        volumeClaimTemplate: fc.record({
          spec: optionalRecord({
            storageClassName: fc.constantFrom('gp3', 'efs-sc'),
            resources: fc.record({ requests: fc.record({ storage: memoryQuantity }) }),
          }),
        }),
      }),
    }),
    fc.record({ name: volumeNames, awsElasticBlockStore: fc.record({ volumeID: fc.constant('vol-1') }) }),
    fc.record({
      name: volumeNames,
      iscsi: fc.record({
        targetPortal: fc.constant('10.0.0.1:3260'),
        iqn: fc.constant('iqn.x'),
        lun: fc.constant(0),
      }),
    }),
    fc.record({
      name: volumeNames,
      projected: fc.record({ sources: fc.constant([{ serviceAccountToken: { path: 'token' } }]) }),
    }),
    fc.record({ name: volumeNames }).map((volume) => ({ ...volume, downwardAPI: { items: [] } })),
  );

  const labels = fc.dictionary(
    fc.constantFrom('app', 'tier', 'kubernetes.io/os', 'eks.amazonaws.com/fargate-profile'),
    fc.constantFrom('web', 'linux', 'fp'),
    {
      maxKeys: 2,
      noNullPrototype: true,
    },
  );

  const legacyInitContainers = canary.map((secret) =>
    JSON.stringify([{ name: 'init', image: 'busybox', env: [{ name: 'X', value: secret }] }]),
  );

  const templateMetadata = optionalRecord({
    labels: maybe(labels),
    annotations: maybe(
      optionalRecord({
        'kubectl.kubernetes.io/last-applied-configuration': canary.map((secret) =>
          JSON.stringify({ env: secret }),
        ),
        'pod.beta.kubernetes.io/init-containers': legacyInitContainers,
        'eks.amazonaws.com/compute-type': fc.constantFrom('fargate', 'ec2'),
      }),
    ),
  });

  const podSpec = optionalRecord({
    containers: maybe(fc.array(k8sContainer, { maxLength: 3 })),
    initContainers: maybe(list(k8sContainer, 2)),
    volumes: maybe(list(k8sVolume)),
    hostNetwork: maybe(fc.boolean()),
    hostPID: maybe(fc.boolean()),
    hostIPC: maybe(fc.boolean()),
    nodeSelector: maybe(
      optionalRecord({
        'kubernetes.io/os': fc.constantFrom('linux', 'windows'),
        'kubernetes.io/arch': fc.constantFrom('amd64', 'arm64'),
        'eks.amazonaws.com/compute-type': fc.constantFrom('fargate', 'ec2'),
        'node.kubernetes.io/instance-type': fc.constant('p3.2xlarge'),
      }),
    ),
    affinity: maybe(
      fc.record({
        nodeAffinity: fc.record({
          requiredDuringSchedulingIgnoredDuringExecution: fc.record({
            nodeSelectorTerms: list(
              fc.record({
                matchExpressions: list(
                  optionalRecord({
                    key: fc.constantFrom('kubernetes.io/arch', 'eks.amazonaws.com/compute-type'),
                    operator: fc.constantFrom('In', 'NotIn', 'Exists'),
                    values: list(fc.constantFrom('arm64', 'fargate', 'ec2'), 2),
                  }),
                ),
              }),
            ),
          }),
        }),
      }),
    ),
    tolerations: maybe(
      list(
        optionalRecord({
          key: fc.constantFrom('nvidia.com/gpu', 'eks.amazonaws.com/compute-type'),
          value: fc.constant('x'),
        }),
      ),
    ),
    securityContext: maybe(
      optionalRecord({
        sysctls: maybe(
          list(
            optionalRecord({
              name: fc.constantFrom('net.core.somaxconn', 'kernel.msgmax'),
              value: fc.constant('1024'),
            }),
          ),
        ),
      }),
    ),
    runtimeClassName: maybe(fc.constantFrom('nvidia', 'kata')),
    serviceAccountName: maybe(fc.constantFrom('default', 'irsa')),
    schedulerName: maybe(fc.constantFrom('default-scheduler', 'custom')),
    priorityClassName: maybe(fc.constant('system-node-critical')),
  });

  const objectMetadata = optionalRecord({
    name: maybe(fc.constantFrom('web', 'worker', 'job-1', 'ünï', '')),
    namespace: maybe(fc.constantFrom('default', 'shop', 'kube-system')),
    labels: maybe(labels),
    annotations: maybe(
      optionalRecord({
        'kubectl.kubernetes.io/last-applied-configuration': canary.map((secret) =>
          JSON.stringify({ data: { password: secret } }),
        ),
      }),
    ),
  });

  const template = fc.record(
    { metadata: maybe(templateMetadata), spec: maybe(podSpec) },
    { requiredKeys: ['spec'] },
  );

  const CONTROLLER_API: Readonly<Record<string, string>> = {
    Deployment: 'apps/v1',
    StatefulSet: 'apps/v1',
    DaemonSet: 'apps/v1',
    ReplicaSet: 'apps/v1',
    ReplicationController: 'v1',
    Rollout: 'argoproj.io/v1alpha1',
  };

  /** A Kubernetes object that runs pods: every controller kind, bare Pods, and an unknown CRD. */
  const podBearingObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc
      .record({
        kind: fc.constantFrom(...Object.keys(CONTROLLER_API)),
        metadata: maybe(objectMetadata),
        replicas: maybe(fc.constantFrom(0, 1, 3, -1, 2.5, '2')),
        template,
        claims: fc.boolean(),
      })
      .map(({ kind, metadata, replicas, template: podTemplate, claims }) => ({
        apiVersion: CONTROLLER_API[kind],
        kind,
        metadata,
        spec: {
          replicas,
          selector: { matchLabels: { app: 'web' } },
          template: podTemplate,
          ...(kind === 'StatefulSet' && claims
            ? {
                volumeClaimTemplates: [
                  {
                    metadata: { name: 'claim' },
                    spec: { storageClassName: 'gp3', resources: { requests: { storage: '10Gi' } } },
                  },
                ],
              }
            : {}),
        },
      })),
    fc
      .record({ metadata: maybe(objectMetadata), spec: maybe(podSpec) })
      .map((pod) => ({ apiVersion: 'v1', kind: 'Pod', ...pod })),
    fc
      .record({ metadata: maybe(objectMetadata), template, ttl: maybe(fc.constantFrom(0, 100)) })
      .map(({ metadata, template: podTemplate, ttl }) => ({
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata,
        spec: { ttlSecondsAfterFinished: ttl, template: podTemplate },
      })),
    fc.record({ metadata: maybe(objectMetadata), template }).map(({ metadata, template: podTemplate }) => ({
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata,
      spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: podTemplate } } },
    })),
  );

  const secretData = fc.dictionary(
    fc.constantFrom('password', 'token', 'tls.key', '.dockerconfigjson'),
    canary,
    {
      minKeys: 1,
      maxKeys: 3,
      noNullPrototype: true,
    },
  );

  /** Objects the readers take context from (claims, volumes, services) or must ignore (secrets). */
  const contextObject: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
    fc
      .record({ data: secretData, binaryData: maybe(secretData) })
      .map((body) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' }, ...body })),
    fc.record({ data: secretData, stringData: secretData }).map((body) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'api' },
      ...body,
    })),
    fc
      .record({
        name: fc.constantFrom('data', 'efs-claim'),
        storageClassName: maybe(fc.constantFrom('gp3', 'efs-sc', 'unknown-class')),
        volumeName: maybe(fc.constant('pv-1')),
      })
      .map(({ name, storageClassName, volumeName }) => ({
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name },
        spec: { storageClassName, volumeName, resources: { requests: { storage: '5Gi' } } },
      })),
    fc.constantFrom('efs.csi.aws.com', 'ebs.csi.aws.com').map((driver) => ({
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv-1' },
      spec: {
        storageClassName: '',
        csi: { driver, volumeHandle: 'fs-1' },
        claimRef: { name: 'efs-claim', namespace: 'default' },
      },
    })),
    fc
      .record({
        name: fc.constantFrom('gp3', 'efs-sc'),
        provisioner: fc.constantFrom('efs.csi.aws.com', 'ebs.csi.aws.com', 'kubernetes.io/aws-ebs'),
      })
      .map(({ name, provisioner }) => ({
        apiVersion: 'storage.k8s.io/v1',
        kind: 'StorageClass',
        metadata: { name },
        provisioner,
        parameters: { provisioningMode: 'efs-ap' },
      })),
    fc
      .record({ type: fc.constantFrom('LoadBalancer', 'NodePort', 'ClusterIP'), ip: fc.boolean() })
      .map(({ type, ip }) => ({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: 'web',
          annotations: ip ? { 'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip' } : {},
        },
        spec: { type, selector: { app: 'web' }, ports: [{ port: 80 }] },
      })),
    fc.constant({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny' },
      spec: { podSelector: {} },
    }),
    fc.constant({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'irsa', annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/r' } },
    }),
  );

  return { taskDefinition, podBearingObject, contextObject };
}

/** Every field well typed: most of these files are read, judged and priced end to end. */
const wellTyped = manifestShapes((plausible) => plausible);
/** A field of the wrong type now and then: these exercise the readers' refusals and gaps. */
const noisy = manifestShapes(sometimes);

/** A well-typed ECS task definition with planted secrets. */
export const taskDefinition = wellTyped.taskDefinition;

/**
 * Small task definitions and Deployments with nothing Fargate objects to, apart from the planted
 * secrets: without them nearly every generated workload would be ineligible, and the `eligible`
 * paths of judging, pricing and reporting would go unexercised.
 */
const minimalTaskDefinition = fc
  .record({
    environment: list(fc.record({ name: envName, value: canary }), 3),
    token: canary,
    command: canaries(2),
  })
  .map(({ environment, token, command }) => ({
    family: 'minimal',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'X86_64' },
    containerDefinitions: [
      {
        name: 'app',
        image: 'nginx:1.27',
        essential: true,
        command,
        environment,
        secrets: [{ name: 'TOKEN', valueFrom: `arn:aws:ssm:us-east-1:111122223333:parameter/${token}` }],
        logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': token } },
        portMappings: [{ containerPort: 8080 }],
      },
    ],
  }));

const minimalDeployment = fc
  .record({ env: list(fc.record({ name: envName, value: canary }), 3), key: canary, args: canaries(2) })
  .map(({ env, key, args }) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'minimal', namespace: 'shop' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'minimal' } },
      template: {
        metadata: { labels: { app: 'minimal' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx:1.27',
              args,
              env: [...env, { name: 'KEY', valueFrom: { secretKeyRef: { name: 'api', key } } }],
              resources: {
                requests: { cpu: '250m', memory: '512Mi' },
                limits: { cpu: '250m', memory: '512Mi' },
              },
            },
          ],
        },
      },
    },
  }));

/** One top-level value of a file: a task definition (bare or as DescribeTaskDefinition prints it) or a Kubernetes object. */
export const manifestDocument: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: minimalTaskDefinition },
  { weight: 2, arbitrary: minimalDeployment },
  { weight: 2, arbitrary: wellTyped.taskDefinition },
  { weight: 1, arbitrary: wellTyped.taskDefinition.map((definition) => ({ taskDefinition: definition })) },
  { weight: 3, arbitrary: wellTyped.podBearingObject },
  { weight: 2, arbitrary: wellTyped.contextObject },
  { weight: 1, arbitrary: noisy.taskDefinition },
  { weight: 1, arbitrary: noisy.podBearingObject },
  { weight: 1, arbitrary: noisy.contextObject },
);

/** A generated file: its name (which decides JSON or YAML) and its documents. */
export interface GeneratedFile {
  readonly name: string;
  readonly documents: readonly unknown[];
}

/** Several documents written as one file: a YAML stream, a JSON array, or a Kubernetes List. */
export const generatedFile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    format: fc.constantFrom('yaml', 'yml', 'json', 'json-list', 'sniffed'),
    documents: fc.array(manifestDocument, { minLength: 1, maxLength: 3 }),
  })
  .map(({ format, documents }) => {
    if (format === 'json-list')
      return { name: 'list.json', documents: [{ apiVersion: 'v1', kind: 'List', items: documents }] };
    const extension = format === 'sniffed' ? '' : `.${format}`;
    return { name: `generated${extension}`, documents };
  });

/**
 * Writes documents as the file's name says: JSON (an array when there are several) or a YAML
 * stream; files without an extension alternate, as the readers sniff them.
 */
export function serialize(
  name: string,
  documents: readonly unknown[],
  style: 'block' | 'flow' = 'block',
): string {
  const json = name.endsWith('.json') || (!name.includes('.') && style === 'flow');
  if (json)
    return JSON.stringify(documents.length === 1 ? documents[0] : documents, null, style === 'flow' ? 0 : 2);
  return documents
    .map((document) => stringify(document, { collectionStyle: style, lineWidth: 0 }))
    .join('---\n');
}
