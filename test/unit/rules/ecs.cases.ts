import type {
  Container,
  EcsContainerDetail,
  EcsServiceDetail,
  EcsTaskDetail,
  Workload,
} from '../../../lib/model/workload.js';
import { makeEcsContainer, makeEcsService, makeEcsWorkload, makeVolume } from '../../support/builders.js';
import type { RuleCases } from '../../support/rule-cases.js';

type Overrides<T> = { -readonly [K in keyof T]?: T[K] };

/** A task with one container changed from the eligible default. */
function taskWith(
  container: Overrides<Container> = {},
  ecs: Overrides<EcsContainerDetail> = {},
  task: Overrides<EcsTaskDetail> = {},
): Workload {
  return makeEcsWorkload({ containers: [makeEcsContainer(container, ecs)] }, task);
}

/** A Windows Server 2022 task at 1 vCPU / 2 GiB whose container carries no Linux-only fields. */
function windowsTask(
  container: Overrides<Container> = {},
  ecs: Overrides<EcsContainerDetail> = {},
  task: Overrides<EcsTaskDetail> = {},
): Workload {
  return makeEcsWorkload(
    {
      os: 'windows',
      containers: [
        makeEcsContainer(
          {
            name: 'iis',
            image: 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022',
            user: null,
            readOnlyRootFilesystem: null,
            ...container,
          },
          ecs,
        ),
      ],
    },
    {
      operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE',
      cpuArchitecture: 'X86_64',
      cpuUnits: 1024,
      memoryMiB: 2048,
      ...task,
    },
  );
}

/** An eligible task run by a service; `service` and `task` override the defaults. */
function serviceTask(
  service: Overrides<EcsServiceDetail> = {},
  task: Overrides<EcsTaskDetail> = {},
  workload: Overrides<Workload> = {},
): Workload {
  return makeEcsWorkload({ kind: 'ecs-service', ...workload }, { service: makeEcsService(service), ...task });
}

/** The same service pinned to an old Linux platform version. */
const pinned = (version: string, task: Overrides<EcsTaskDetail> = {}, workload: Overrides<Workload> = {}) =>
  serviceTask({ platformVersion: version }, task, workload);

/** A bare task definition (check mode): service-level rules have nothing to read. */
const bare = makeEcsWorkload();

/** Passing and failing examples for every ecs rule (read by the catalogue meta-test). */
export const ecsCases: RuleCases = {
  'ecs-compat-not-validated': {
    fail: [
      makeEcsWorkload({}, { requiresCompatibilities: ['EC2'] }),
      makeEcsWorkload({}, { requiresCompatibilities: [] }),
    ],
    pass: [
      bare,
      makeEcsWorkload({}, { requiresCompatibilities: ['EC2', 'FARGATE'] }),
      makeEcsWorkload({}, { requiresCompatibilities: ['EC2'], compatibilities: ['EC2', 'FARGATE'] }),
    ],
  },
  'ecs-network-mode': {
    fail: [
      makeEcsWorkload({}, { networkMode: 'bridge' }),
      makeEcsWorkload({}, { networkMode: null }),
      makeEcsWorkload({}, { networkMode: 'host' }),
    ],
    pass: [bare],
  },
  'ecs-service-netconf-missing': {
    fail: [serviceTask({ hasNetworkConfiguration: false })],
    pass: [serviceTask(), bare],
  },
  'ecs-task-size-missing': {
    fail: [
      makeEcsWorkload({}, { cpuUnits: null }),
      makeEcsWorkload({}, { memoryMiB: null }),
      makeEcsWorkload({}, { cpuUnits: null, memoryMiB: null }),
    ],
    pass: [bare],
  },
  'ecs-task-size-invalid': {
    fail: [
      makeEcsWorkload({}, { cpuUnits: 256, memoryMiB: 1536 }),
      makeEcsWorkload({}, { cpuUnits: 300, memoryMiB: 512 }),
      windowsTask({}, {}, { cpuUnits: 1024, memoryMiB: 1024 }),
    ],
    pass: [
      bare,
      makeEcsWorkload({}, { cpuUnits: 8192, memoryMiB: 20480 }),
      makeEcsWorkload({}, { cpuUnits: 32768, memoryMiB: 65536 }),
    ],
  },
  'ecs-task-size-too-big': {
    fail: [
      makeEcsWorkload({}, { cpuUnits: 32768, memoryMiB: 65536 }),
      makeEcsWorkload({}, { cpuUnits: 4096, memoryMiB: 131072 }),
      windowsTask({}, {}, { cpuUnits: 8192, memoryMiB: 16384 }),
      makeEcsWorkload(
        {
          containers: [
            makeEcsContainer({ name: 'a' }, { cpuUnits: 12288 }),
            makeEcsContainer({ name: 'b' }, { cpuUnits: 8192 }),
          ],
        },
        { cpuUnits: null, memoryMiB: null },
      ),
    ],
    pass: [bare, makeEcsWorkload({}, { cpuUnits: 16384, memoryMiB: 122880 })],
  },
  'ecs-task-size-needs-pv14': {
    fail: [
      pinned('1.3.0', { cpuUnits: 8192, memoryMiB: 16384 }),
      pinned('1.3.0', { cpuUnits: 4096, memoryMiB: 40960 }),
    ],
    pass: [
      pinned('1.3.0'),
      serviceTask({}, { cpuUnits: 8192, memoryMiB: 16384 }),
      pinned('LATEST', { cpuUnits: 16384, memoryMiB: 32768 }),
    ],
  },
  'ecs-container-sum-exceeds-task': {
    fail: [
      makeEcsWorkload({
        containers: [
          makeEcsContainer({ name: 'a' }, { cpuUnits: 256, memoryMiB: 256 }),
          makeEcsContainer({ name: 'b' }, { cpuUnits: 256, memoryMiB: 256 }),
        ],
      }),
      taskWith({}, { memoryMiB: 1024 }),
      makeEcsWorkload({
        containers: [
          makeEcsContainer({ name: 'a' }, { memoryMiB: 400 }),
          makeEcsContainer({ name: 'b' }, { memoryMiB: null, memoryReservationMiB: 200 }),
        ],
      }),
    ],
    pass: [
      bare,
      makeEcsWorkload({
        containers: [
          makeEcsContainer({ name: 'a' }, { cpuUnits: 128, memoryMiB: 256 }),
          makeEcsContainer({ name: 'b' }, { cpuUnits: 128, memoryMiB: 256 }),
        ],
      }),
    ],
  },
  'ecs-windows-min-cpu': {
    fail: [windowsTask({}, {}, { cpuUnits: 512, memoryMiB: 1024 })],
    pass: [windowsTask(), makeEcsWorkload({}, { cpuUnits: 256, memoryMiB: 512 })],
  },
  'ecs-os-family': {
    fail: [
      windowsTask({}, {}, { operatingSystemFamily: 'WINDOWS_SERVER_2016_FULL' }),
      windowsTask({}, {}, { operatingSystemFamily: 'WINDOWS_SERVER_20H2_CORE' }),
    ],
    pass: [
      windowsTask(),
      windowsTask({}, {}, { operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL' }),
      makeEcsWorkload({}, { operatingSystemFamily: 'LINUX' }),
    ],
  },
  'ecs-os-ws2025': {
    fail: [windowsTask({}, {}, { operatingSystemFamily: 'WINDOWS_SERVER_2025_CORE' })],
    pass: [windowsTask(), bare],
  },
  'ecs-runtime-platform-missing': {
    fail: [
      taskWith({ image: 'microsoft/iis' }),
      taskWith({ image: 'mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019' }),
      makeEcsWorkload({
        volumes: [
          makeVolume({ name: 'docker_sock', type: 'ecsHost', hostPath: '\\\\.\\pipe\\docker_engine' }),
        ],
      }),
      makeEcsWorkload({ os: 'windows' }),
    ],
    pass: [bare, windowsTask(), taskWith({ image: 'someone/iis-exporter:1.0' })],
  },
  'ecs-arch-arm64': {
    fail: [
      makeEcsWorkload(
        { architecture: 'arm64' },
        { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
      ),
    ],
    pass: [
      bare,
      makeEcsWorkload({}, { cpuArchitecture: 'X86_64' }),
      windowsTask({}, {}, { cpuArchitecture: 'ARM64' }),
    ],
  },
  'ecs-arch-arm64-windows': {
    fail: [windowsTask({}, {}, { cpuArchitecture: 'ARM64' })],
    pass: [windowsTask(), makeEcsWorkload({}, { cpuArchitecture: 'ARM64' })],
  },
  'ecs-fargate-spot': {
    fail: [
      makeEcsWorkload(
        { os: 'windows', kind: 'ecs-service' },
        {
          operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE',
          cpuUnits: 1024,
          memoryMiB: 2048,
          service: makeEcsService({ launchType: null, capacityProviders: ['FARGATE_SPOT'] }),
        },
      ),
      serviceTask({ launchType: null, capacityProviders: ['FARGATE_SPOT'], platformVersion: '1.2.0' }),
      serviceTask(
        { launchType: null, capacityProviders: ['FARGATE', 'FARGATE_SPOT'], platformVersion: '1.3.0' },
        { cpuArchitecture: 'ARM64' },
      ),
    ],
    pass: [
      bare,
      serviceTask({ launchType: null, capacityProviders: ['FARGATE_SPOT'], platformVersion: '1.3.0' }),
      serviceTask({ launchType: null, capacityProviders: ['FARGATE_SPOT'] }, { cpuArchitecture: 'ARM64' }),
      makeEcsWorkload(
        { os: 'windows' },
        {
          operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE',
          service: makeEcsService({ capacityProviders: ['FARGATE'] }),
        },
      ),
    ],
  },
  'ecs-privileged': {
    fail: [taskWith({ name: 'agent', privileged: true }), windowsTask({ privileged: true })],
    pass: [bare],
  },
  'ecs-cap-add': {
    fail: [
      taskWith({ capabilitiesAdd: ['NET_ADMIN'] }),
      taskWith({ capabilitiesAdd: ['SYS_PTRACE', 'CAP_SYS_ADMIN'] }),
      taskWith({ capabilitiesAdd: ['ALL'] }),
    ],
    pass: [
      bare,
      taskWith({ capabilitiesAdd: ['SYS_PTRACE'] }),
      taskWith({ capabilitiesAdd: ['cap_sys_ptrace'] }),
    ],
  },
  'ecs-cap-add-ptrace': {
    fail: [
      pinned('1.3.0', {}, { containers: [makeEcsContainer({ capabilitiesAdd: ['SYS_PTRACE'] })] }),
      windowsTask({ capabilitiesAdd: ['SYS_PTRACE'] }),
    ],
    pass: [
      taskWith({ capabilitiesAdd: ['SYS_PTRACE'] }),
      pinned('1.4.0', {}, { containers: [makeEcsContainer({ capabilitiesAdd: ['SYS_PTRACE'] })] }),
      pinned('1.3.0'),
    ],
  },
  'ecs-cap-drop': {
    fail: [windowsTask({ capabilitiesDrop: ['NET_RAW'] })],
    pass: [taskWith({ capabilitiesDrop: ['ALL'] }), windowsTask()],
  },
  'ecs-devices': {
    fail: [taskWith({ devices: ['/dev/fuse'] }), windowsTask({ devices: ['/dev/sda'] })],
    pass: [bare],
  },
  'ecs-shm-size': {
    fail: [taskWith({}, { sharedMemorySize: 512 })],
    pass: [bare],
  },
  'ecs-tmpfs': {
    fail: [
      pinned('1.3.0', {}, { containers: [makeEcsContainer({}, { tmpfs: 1 })] }),
      windowsTask({}, { tmpfs: 2 }),
    ],
    pass: [
      taskWith({}, { tmpfs: 1 }),
      pinned('LATEST', {}, { containers: [makeEcsContainer({}, { tmpfs: 1 })] }),
      pinned('1.3.0'),
    ],
  },
  'ecs-swap': {
    fail: [taskWith({}, { maxSwap: 1024 }), taskWith({}, { swappiness: 0 })],
    pass: [bare],
  },
  'ecs-init-process': {
    fail: [windowsTask({}, { initProcessEnabled: true })],
    pass: [taskWith({}, { initProcessEnabled: true }), windowsTask()],
  },
  'ecs-docker-security-options': {
    fail: [
      taskWith({}, { dockerSecurityOptions: ['no-new-privileges'] }),
      windowsTask(
        {},
        {
          dockerSecurityOptions: ['credentialspec:arn:aws:ssm:us-east-1:111122223333:parameter/gmsa'],
          credentialSpecKinds: ['credentialspec'],
        },
      ),
    ],
    pass: [bare],
  },
  'ecs-gmsa': {
    fail: [
      taskWith({}, { credentialSpecKinds: ['credentialspec'] }),
      windowsTask({}, { credentialSpecKinds: ['credentialspec'] }),
      pinned(
        '1.3.0',
        {},
        { containers: [makeEcsContainer({}, { credentialSpecKinds: ['credentialspecdomainless'] })] },
      ),
    ],
    pass: [bare, taskWith({}, { credentialSpecKinds: ['credentialspecdomainless'] })],
  },
  'ecs-links': {
    fail: [taskWith({}, { links: ['db:database'] })],
    pass: [bare],
  },
  'ecs-hostname': {
    fail: [taskWith({}, { hostname: true })],
    pass: [bare],
  },
  'ecs-extra-hosts': {
    fail: [taskWith({}, { extraHosts: 2 })],
    pass: [bare],
  },
  'ecs-dns': {
    fail: [taskWith({}, { dnsServers: 1 }), taskWith({}, { dnsSearchDomains: 1 })],
    pass: [bare],
  },
  'ecs-disable-networking': {
    fail: [taskWith({}, { disableNetworking: true })],
    pass: [bare],
  },
  'ecs-hostport': {
    fail: [
      taskWith({ ports: [{ containerPort: 80, hostPort: 8080, hostIP: null, protocol: 'tcp' }] }),
      taskWith({ ports: [{ containerPort: 80, hostPort: 0, hostIP: null, protocol: 'tcp' }] }),
    ],
    pass: [bare, taskWith({ ports: [{ containerPort: 80, hostPort: 80, hostIP: null, protocol: 'tcp' }] })],
  },
  'ecs-port-clash': {
    fail: [
      makeEcsWorkload({
        containers: [
          makeEcsContainer({ name: 'web' }, { memoryMiB: 256 }),
          makeEcsContainer({ name: 'admin' }, { memoryMiB: 256 }),
        ],
      }),
    ],
    pass: [
      bare,
      makeEcsWorkload({
        containers: [
          makeEcsContainer({ name: 'web' }, { memoryMiB: 256 }),
          makeEcsContainer(
            { name: 'dns', ports: [{ containerPort: 8080, hostPort: null, hostIP: null, protocol: 'udp' }] },
            { memoryMiB: 256 },
          ),
        ],
      }),
    ],
  },
  'ecs-win-port-3150': {
    fail: [windowsTask({ ports: [{ containerPort: 3150, hostPort: null, hostIP: null, protocol: 'tcp' }] })],
    pass: [
      windowsTask(),
      taskWith({ ports: [{ containerPort: 3150, hostPort: null, hostIP: null, protocol: 'tcp' }] }),
    ],
  },
  'ecs-ipc-mode': {
    fail: [
      makeEcsWorkload({}, { ipcMode: 'host' }),
      makeEcsWorkload({}, { ipcMode: 'task' }),
      makeEcsWorkload({}, { ipcMode: 'none' }),
    ],
    pass: [bare],
  },
  'ecs-pid-mode-host': {
    fail: [makeEcsWorkload({}, { pidMode: 'host' })],
    pass: [bare, makeEcsWorkload({}, { pidMode: 'task' })],
  },
  'ecs-pid-mode-task': {
    fail: [pinned('1.3.0', { pidMode: 'task' }), windowsTask({}, {}, { pidMode: 'task' })],
    pass: [makeEcsWorkload({}, { pidMode: 'task' }), pinned('1.3.0')],
  },
  'ecs-sysctl-ok': {
    fail: [
      pinned('1.3.0', { systemControls: ['net.core.somaxconn'] }),
      pinned('1.2.0', {}, { containers: [makeEcsContainer({}, { systemControls: ['kernel.shmmax'] })] }),
    ],
    pass: [
      makeEcsWorkload({}, { systemControls: ['net.core.somaxconn'] }),
      pinned('1.3.0', { systemControls: ['vm.max_map_count'] }),
    ],
  },
  'ecs-sysctl-other': {
    fail: [
      taskWith({}, { systemControls: ['vm.max_map_count'] }),
      makeEcsWorkload({}, { systemControls: ['kernel.pid_max'] }),
    ],
    pass: [
      makeEcsWorkload(
        {},
        { systemControls: ['net.ipv4.tcp_keepalive_time', 'fs.mqueue.msg_max', 'kernel.sem'] },
      ),
      windowsTask({}, { systemControls: ['vm.max_map_count'] }),
    ],
  },
  'ecs-sysctl-windows': {
    fail: [windowsTask({}, { systemControls: ['net.core.somaxconn'] })],
    pass: [windowsTask(), makeEcsWorkload({}, { systemControls: ['net.core.somaxconn'] })],
  },
  'ecs-ulimits': {
    fail: [taskWith({}, { ulimits: ['nofile=65535:2097152'] })],
    pass: [
      taskWith({}, { ulimits: ['nofile=65535:1048576', 'core'] }),
      taskWith({}, { ulimits: ['nofile'] }),
      windowsTask({}, { ulimits: ['nofile=1:2097152'] }),
    ],
  },
  'ecs-ulimits-windows': {
    fail: [windowsTask({}, { ulimits: ['nofile'] })],
    pass: [windowsTask(), taskWith({}, { ulimits: ['nofile'] })],
  },
  'ecs-log-driver': {
    fail: [
      taskWith({}, { logDriver: 'json-file', logOptionNames: [] }),
      taskWith({}, { logDriver: 'fluentd', logOptionNames: [] }),
    ],
    pass: [
      bare,
      taskWith({}, { logDriver: 'awsfirelens', logOptionNames: [] }),
      taskWith({}, { logDriver: null, logOptionNames: [] }),
    ],
  },
  'ecs-awslogs-prefix': {
    fail: [taskWith({}, { logOptionNames: ['awslogs-group', 'awslogs-region'] })],
    pass: [bare, taskWith({}, { logDriver: 'splunk', logOptionNames: ['splunk-url'] })],
  },
  'ecs-firelens-s3': {
    fail: [taskWith({ name: 'log_router' }, { firelens: { type: 'fluentbit', configFileType: 's3' } })],
    pass: [
      bare,
      taskWith({ name: 'log_router' }, { firelens: { type: 'fluentbit', configFileType: 'file' } }),
    ],
  },
  'ecs-firelens-windows': {
    fail: [
      windowsTask({}, { firelens: { type: 'fluentbit', configFileType: null } }),
      windowsTask({}, { logDriver: 'awsfirelens' }),
    ],
    pass: [windowsTask(), taskWith({}, { firelens: { type: 'fluentbit', configFileType: null } })],
  },
  'ecs-gpu': {
    fail: [taskWith({}, { resourceRequirements: [{ type: 'GPU', value: '1' }] })],
    pass: [bare],
  },
  'ecs-neuron': {
    fail: [taskWith({}, { resourceRequirements: [{ type: 'NeuronDevice', value: '1' }] })],
    pass: [bare, taskWith({}, { resourceRequirements: [{ type: 'GPU', value: '1' }] })],
  },
  'ecs-inference-accel': {
    fail: [
      makeEcsWorkload({}, { inferenceAccelerators: 1 }),
      taskWith({}, { resourceRequirements: [{ type: 'InferenceAccelerator', value: 'device_1' }] }),
    ],
    pass: [bare],
  },
  'ecs-timeouts': {
    fail: [taskWith({}, { stopTimeout: 300 }), taskWith({}, { startTimeout: 1 })],
    pass: [bare, taskWith({}, { startTimeout: 120, stopTimeout: 2 })],
  },
  'ecs-healthcheck': {
    fail: [pinned('1.0.0', {}, { containers: [makeEcsContainer({}, { hasHealthCheck: true })] })],
    pass: [
      pinned('1.1.0', {}, { containers: [makeEcsContainer({}, { hasHealthCheck: true })] }),
      taskWith({}, { hasHealthCheck: true }),
      pinned('1.0.0'),
    ],
  },
  'ecs-secrets': {
    fail: [pinned('1.2.0', {}, { containers: [makeEcsContainer({ secretEnvNames: ['DB_PASSWORD'] })] })],
    pass: [
      pinned('1.3.0', {}, { containers: [makeEcsContainer({ secretEnvNames: ['DB_PASSWORD'] })] }),
      pinned('1.2.0'),
    ],
  },
  'ecs-depends-on': {
    fail: [pinned('1.2.0', {}, { containers: [makeEcsContainer({}, { hasDependsOn: true })] })],
    pass: [
      pinned('1.3.0', {}, { containers: [makeEcsContainer({}, { hasDependsOn: true })] }),
      pinned('1.2.0'),
    ],
  },
  'ecs-env-files': {
    fail: [pinned('1.3.0', {}, { containers: [makeEcsContainer({}, { hasEnvironmentFiles: true })] })],
    pass: [
      pinned('LATEST', {}, { containers: [makeEcsContainer({}, { hasEnvironmentFiles: true })] }),
      windowsTask({}, { hasEnvironmentFiles: true }),
      pinned('1.3.0'),
    ],
  },
  'ecs-restart-policy': {
    fail: [
      pinned('1.3.0', {}, { containers: [makeEcsContainer({}, { hasRestartPolicy: true })] }),
      windowsTask({}, { hasRestartPolicy: true }),
    ],
    pass: [taskWith({}, { hasRestartPolicy: true }), windowsTask()],
  },
  'ecs-readonly-user-windows': {
    fail: [windowsTask({ readOnlyRootFilesystem: true }), windowsTask({ user: 'ContainerAdministrator' })],
    pass: [windowsTask(), bare],
  },
  'ecs-app-mesh': {
    fail: [
      makeEcsWorkload({}, { proxyConfigurationType: 'APPMESH' }),
      windowsTask({}, {}, { proxyConfigurationType: 'APPMESH' }),
    ],
    pass: [bare],
  },
  'ecs-vol-host-sourcepath': {
    fail: [
      makeEcsWorkload({
        volumes: [makeVolume({ name: 'docker_sock', type: 'ecsHost', hostPath: '/var/run/docker.sock' })],
      }),
      makeEcsWorkload({
        volumes: [makeVolume({ name: 'cores', type: 'ecsHost', hostPath: '/var/fluentbit/cores' })],
      }),
    ],
    pass: [bare, makeEcsWorkload({ volumes: [makeVolume({ name: 'scratch', type: 'ecsBind' })] })],
  },
  'ecs-vol-bind': {
    fail: [
      makeEcsWorkload({ launchType: 'EC2', volumes: [makeVolume({ name: 'scratch', type: 'ecsBind' })] }),
      makeEcsWorkload(
        { volumes: [makeVolume({ name: 'scratch', type: 'ecsBind' })] },
        { requiresCompatibilities: ['EC2'] },
      ),
    ],
    pass: [
      bare,
      makeEcsWorkload(
        { launchType: 'EC2', volumes: [makeVolume({ name: 'scratch', type: 'ecsBind' })] },
        { ephemeralStorageGiB: 50 },
      ),
      makeEcsWorkload({ launchType: 'FARGATE', volumes: [makeVolume({ name: 'scratch', type: 'ecsBind' })] }),
      makeEcsWorkload({ volumes: [makeVolume({ name: 'scratch', type: 'ecsBind' })] }),
    ],
  },
  'ecs-vol-docker': {
    fail: [
      makeEcsWorkload({
        volumes: [
          makeVolume({
            name: 'cache',
            type: 'ecsDocker',
            docker: { scope: 'task', driver: 'local', autoprovision: false },
          }),
        ],
      }),
      makeEcsWorkload({
        volumes: [
          makeVolume({
            name: 'shared',
            type: 'ecsDocker',
            docker: { scope: 'shared', driver: 'local', autoprovision: true },
          }),
        ],
      }),
    ],
    pass: [bare],
  },
  'ecs-vol-efs': {
    fail: [
      pinned('1.3.0', {}, { volumes: [makeVolume({ name: 'efs', type: 'ecsEfs' })] }),
      makeEcsWorkload(
        { os: 'windows', volumes: [makeVolume({ name: 'efs', type: 'ecsEfs' })] },
        { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuUnits: 1024, memoryMiB: 2048 },
      ),
    ],
    pass: [makeEcsWorkload({ volumes: [makeVolume({ name: 'efs', type: 'ecsEfs' })] }), pinned('1.3.0')],
  },
  'ecs-vol-fsx-win': {
    fail: [
      makeEcsWorkload(
        { os: 'windows', volumes: [makeVolume({ name: 'share', type: 'ecsFsxWindows' })] },
        { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE' },
      ),
    ],
    pass: [bare],
  },
  'ecs-vol-ebs': {
    fail: [
      pinned('1.3.0', {}, { volumes: [makeVolume({ name: 'data', type: 'ecsEbsAtLaunch' })] }),
      makeEcsWorkload(
        { os: 'windows', volumes: [makeVolume({ name: 'data', type: 'ecsEbsAtLaunch' })] },
        { operatingSystemFamily: 'WINDOWS_SERVER_2022_FULL' },
      ),
    ],
    pass: [makeEcsWorkload({ volumes: [makeVolume({ name: 'data', type: 'ecsEbsAtLaunch' })] })],
  },
  'ecs-vol-s3files': {
    fail: [makeEcsWorkload({ volumes: [makeVolume({ name: 'objects', type: 'ecsS3Files' })] })],
    pass: [bare],
  },
  'ecs-ephemeral': {
    fail: [
      makeEcsWorkload({}, { ephemeralStorageGiB: 500 }),
      makeEcsWorkload({}, { ephemeralStorageGiB: 10 }),
      pinned('1.3.0', { ephemeralStorageGiB: 100 }),
    ],
    pass: [
      bare,
      makeEcsWorkload({}, { ephemeralStorageGiB: 200 }),
      makeEcsWorkload({}, { ephemeralStorageGiB: 21 }),
    ],
  },
  'ecs-ephemeral-windows': {
    fail: [windowsTask({}, {}, { ephemeralStorageGiB: 50 })],
    pass: [windowsTask(), makeEcsWorkload({}, { ephemeralStorageGiB: 50 })],
  },
  'ecs-placement-constraints': {
    fail: [makeEcsWorkload({}, { placementConstraints: 1 }), serviceTask({ placementConstraints: 2 })],
    pass: [bare, serviceTask()],
  },
  'ecs-placement-strategy': {
    fail: [serviceTask({ placementStrategies: 1 })],
    pass: [bare, serviceTask()],
  },
  'ecs-daemon-service': {
    fail: [serviceTask({ schedulingStrategy: 'DAEMON' })],
    pass: [bare, serviceTask()],
  },
  'ecs-lb-classic': {
    fail: [serviceTask({ classicLoadBalancers: 1 })],
    pass: [
      bare,
      serviceTask({
        targetGroupArns: [
          'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef',
        ],
        targetTypes: ['ip'],
      }),
    ],
  },
  'ecs-lb-target-instance': {
    fail: [
      serviceTask({
        targetGroupArns: [
          'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef',
        ],
        targetTypes: ['instance'],
      }),
    ],
    pass: [
      bare,
      serviceTask({
        targetGroupArns: [
          'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef',
        ],
        targetTypes: ['ip'],
      }),
    ],
  },
  'ecs-nlb-udp': {
    fail: [
      serviceTask(
        {
          platformVersion: '1.3.0',
          targetGroupArns: [
            'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/dns/0123456789abcdef',
          ],
        },
        {},
        {
          containers: [
            makeEcsContainer({
              name: 'dns',
              ports: [{ containerPort: 53, hostPort: null, hostIP: null, protocol: 'udp' }],
            }),
          ],
        },
      ),
    ],
    pass: [
      serviceTask(
        {
          targetGroupArns: [
            'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/dns/0123456789abcdef',
          ],
        },
        {},
        {
          containers: [
            makeEcsContainer({
              name: 'dns',
              ports: [{ containerPort: 53, hostPort: null, hostIP: null, protocol: 'udp' }],
            }),
          ],
        },
      ),
      pinned(
        '1.3.0',
        {},
        {
          containers: [
            makeEcsContainer({
              name: 'dns',
              ports: [{ containerPort: 53, hostPort: null, hostIP: null, protocol: 'udp' }],
            }),
          ],
        },
      ),
      bare,
    ],
  },
  'ecs-cp-asg': {
    fail: [serviceTask({ launchType: null, capacityProviders: ['prod-asg-provider'] })],
    pass: [
      bare,
      serviceTask(),
      serviceTask({ launchType: null, capacityProviders: ['prod-asg-provider', 'FARGATE'] }),
    ],
  },
  'ecs-platform-version-old': {
    fail: [pinned('1.3.0'), makeEcsWorkload({}, { platformVersion: '1.0.0' })],
    pass: [bare, pinned('LATEST'), pinned('1.4.0'), windowsTask({}, {}, { platformVersion: '1.0.0' })],
  },
  'ecs-instance-role-creds': {
    fail: [
      makeEcsWorkload({ launchType: 'EC2' }, { hasTaskRole: false }),
      makeEcsWorkload({}, { hasTaskRole: false, requiresCompatibilities: ['EC2'] }),
    ],
    pass: [
      bare,
      makeEcsWorkload({ launchType: 'FARGATE' }, { hasTaskRole: false }),
      makeEcsWorkload({}, { hasTaskRole: false, requiresCompatibilities: ['EC2', 'FARGATE'] }),
    ],
  },
  'ecs-image-platform': {
    fail: [
      windowsTask({ image: 'mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019' }),
      taskWith({ image: 'arm64v8/nginx:1.27' }),
      makeEcsWorkload(
        { containers: [makeEcsContainer({ image: 'example/app:1.2-amd64' })] },
        { cpuArchitecture: 'ARM64' },
      ),
    ],
    pass: [
      bare,
      windowsTask(),
      makeEcsWorkload(
        { containers: [makeEcsContainer({ image: 'example/app:1.2-arm64' })] },
        { cpuArchitecture: 'ARM64' },
      ),
    ],
  },
};
