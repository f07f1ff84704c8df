import type {
  Container,
  EcsContainerDetail,
  EcsServiceDetail,
  EcsTaskDetail,
  EksPodDetail,
  K8sContainerDetail,
  Volume,
  Workload,
} from '../../lib/model/workload.js';

type Overrides<T> = { -readonly [K in keyof T]?: T[K] };

export function makeEcsContainerDetail(overrides: Overrides<EcsContainerDetail> = {}): EcsContainerDetail {
  return {
    cpuUnits: null,
    memoryMiB: 512,
    memoryReservationMiB: null,
    essential: true,
    links: [],
    hostname: false,
    extraHosts: 0,
    dnsServers: 0,
    dnsSearchDomains: 0,
    disableNetworking: false,
    dockerSecurityOptions: [],
    sharedMemorySize: null,
    tmpfs: 0,
    maxSwap: null,
    swappiness: null,
    initProcessEnabled: false,
    logDriver: 'awslogs',
    logOptionNames: ['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix'],
    logMode: 'non-blocking',
    firelens: null,
    credentialSpecKinds: [],
    startTimeout: null,
    stopTimeout: null,
    ulimits: [],
    hasHealthCheck: false,
    hasDependsOn: false,
    hasEnvironmentFiles: false,
    hasRestartPolicy: false,
    resourceRequirements: [],
    systemControls: [],
    ...overrides,
  };
}

/** An ECS container that passes every rule: awsvpc-friendly, non-root, read-only, logged. */
export function makeEcsContainer(
  overrides: Overrides<Container> = {},
  ecs: Overrides<EcsContainerDetail> = {},
): Container {
  const detail = makeEcsContainerDetail(ecs);
  return {
    name: 'app',
    image: 'public.ecr.aws/nginx/nginx:1.27',
    role: 'app',
    cpuRequestMillis: detail.cpuUnits === null ? null : (detail.cpuUnits * 1000) / 1024,
    cpuLimitMillis: null,
    memoryRequestMiB: detail.memoryReservationMiB ?? detail.memoryMiB,
    memoryLimitMiB: detail.memoryMiB,
    ports: [{ containerPort: 8080, hostPort: null, hostIP: null, protocol: 'tcp' }],
    privileged: false,
    allowPrivilegeEscalation: null,
    readOnlyRootFilesystem: true,
    user: '1000',
    runAsNonRoot: null,
    capabilitiesAdd: [],
    capabilitiesDrop: [],
    devices: [],
    envNames: [],
    secretEnvNames: [],
    volumeMounts: [],
    ecs: detail,
    k8s: null,
    ...overrides,
  };
}

export function makeEcsTaskDetail(overrides: Overrides<EcsTaskDetail> = {}): EcsTaskDetail {
  return {
    family: 'web',
    revision: 1,
    taskDefinitionArn: null,
    requiresCompatibilities: ['FARGATE'],
    compatibilities: null,
    networkMode: 'awsvpc',
    cpuUnits: 256,
    memoryMiB: 512,
    operatingSystemFamily: null,
    cpuArchitecture: null,
    pidMode: null,
    ipcMode: null,
    ephemeralStorageGiB: null,
    placementConstraints: 0,
    proxyConfigurationType: null,
    inferenceAccelerators: 0,
    systemControls: [],
    hasTaskRole: true,
    hasExecutionRole: true,
    platformVersion: null,
    service: null,
    ...overrides,
  };
}

export function makeEcsService(overrides: Overrides<EcsServiceDetail> = {}): EcsServiceDetail {
  return {
    serviceArn: 'arn:aws:ecs:us-east-1:111122223333:service/prod/web',
    schedulingStrategy: 'REPLICA',
    desiredCount: 2,
    runningCount: 2,
    launchType: 'FARGATE',
    capacityProviders: [],
    hasNetworkConfiguration: true,
    assignPublicIp: false,
    platformVersion: 'LATEST',
    classicLoadBalancers: 0,
    targetGroupArns: [],
    targetTypes: [],
    placementConstraints: 0,
    placementStrategies: 0,
    ...overrides,
  };
}

/** An ECS task-definition workload that is eligible as written. */
export function makeEcsWorkload(
  overrides: Overrides<Workload> = {},
  ecs: Overrides<EcsTaskDetail> = {},
): Workload {
  return {
    id: 'task.json#0',
    scope: 'ecs',
    kind: 'ecs-task-definition',
    name: ecs.family ?? 'web',
    namespace: null,
    cluster: null,
    account: null,
    region: null,
    launchType: null,
    replicas: null,
    schedulingKind: 'single',
    ownerKind: 'TaskDefinition',
    os: 'linux',
    architecture: 'x86_64',
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
    labels: {},
    annotations: {},
    nodeSelector: {},
    nodeAffinity: [],
    containers: [makeEcsContainer()],
    volumes: [],
    placements: [],
    ecs: makeEcsTaskDetail(ecs),
    eks: null,
    source: { file: 'task.json', documentIndex: 0, line: null },
    ...overrides,
  };
}

export function makeK8sContainerDetail(overrides: Overrides<K8sContainerDetail> = {}): K8sContainerDetail {
  return {
    extendedResources: {},
    ephemeralStorageRequestMiB: null,
    ephemeralStorageLimitMiB: null,
    restartPolicy: null,
    ...overrides,
  };
}

/** A Kubernetes container with requests equal to limits and a restrictive security context. */
export function makeK8sContainer(
  overrides: Overrides<Container> = {},
  k8s: Overrides<K8sContainerDetail> = {},
): Container {
  return {
    name: 'app',
    image: 'registry.k8s.io/pause:3.9',
    role: 'app',
    cpuRequestMillis: 500,
    cpuLimitMillis: 500,
    memoryRequestMiB: 1024,
    memoryLimitMiB: 1024,
    ports: [{ containerPort: 8080, hostPort: null, hostIP: null, protocol: 'TCP' }],
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    user: '1000',
    runAsNonRoot: true,
    capabilitiesAdd: [],
    capabilitiesDrop: ['ALL'],
    devices: [],
    envNames: [],
    secretEnvNames: [],
    volumeMounts: [],
    ecs: null,
    k8s: makeK8sContainerDetail(k8s),
    ...overrides,
  };
}

export function makeEksPodDetail(overrides: Overrides<EksPodDetail> = {}): EksPodDetail {
  return {
    apiVersion: 'apps/v1',
    serviceAccountName: null,
    runtimeClassName: null,
    sysctls: [],
    ttlSecondsAfterFinished: null,
    computeType: null,
    schedulerName: null,
    priorityClassName: null,
    tolerations: [],
    services: [],
    networkPolicies: [],
    serviceAccountHasIrsa: null,
    usesPodIdentity: null,
    clusterContext: null,
    ...overrides,
  };
}

/** A Deployment that is eligible as written. */
export function makeEksWorkload(
  overrides: Overrides<Workload> = {},
  eks: Overrides<EksPodDetail> = {},
): Workload {
  return {
    id: 'deploy.yaml#0',
    scope: 'eks',
    kind: 'Deployment',
    name: 'web',
    namespace: 'default',
    cluster: null,
    account: null,
    region: null,
    launchType: null,
    replicas: 2,
    schedulingKind: 'replicated',
    ownerKind: 'Deployment',
    os: 'linux',
    architecture: null,
    hostNetwork: false,
    hostPID: false,
    hostIPC: false,
    labels: { app: 'web' },
    annotations: {},
    nodeSelector: {},
    nodeAffinity: [],
    containers: [makeK8sContainer()],
    volumes: [],
    placements: [],
    ecs: null,
    eks: makeEksPodDetail(eks),
    source: { file: 'deploy.yaml', documentIndex: 0, line: 1 },
    ...overrides,
  };
}

export function makeVolume(overrides: Overrides<Volume> & Pick<Volume, 'type'>): Volume {
  return {
    name: 'data',
    hostPath: null,
    driver: null,
    docker: null,
    efsTransitEncryption: null,
    claim: null,
    ...overrides,
  };
}
