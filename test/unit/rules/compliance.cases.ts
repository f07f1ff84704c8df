import type { Container, Workload } from '../../../lib/model/workload.js';
import {
  makeEcsContainer,
  makeEcsWorkload,
  makeEksWorkload,
  makeK8sContainer,
  makeVolume,
} from '../../support/builders.js';
import type { RuleCases } from '../../support/rule-cases.js';

type ContainerOverrides = Parameters<typeof makeEcsContainer>[0];
type EcsDetailOverrides = Parameters<typeof makeEcsContainer>[1];
type EcsTaskOverrides = Parameters<typeof makeEcsWorkload>[1];

/** A one-container task definition with the container and task changed as given. */
function task(
  container: ContainerOverrides = {},
  ecsDetail: EcsDetailOverrides = {},
  taskDetail: EcsTaskOverrides = {},
): Workload {
  return makeEcsWorkload({ containers: [makeEcsContainer(container, ecsDetail)] }, taskDetail);
}

/** A Windows task definition (Fargate-valid runtime platform) with one container changed as given. */
function windowsTask(container: ContainerOverrides = {}, taskDetail: EcsTaskOverrides = {}): Workload {
  return makeEcsWorkload(
    { os: 'windows', containers: [makeEcsContainer({ readOnlyRootFilesystem: null, ...container })] },
    { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuUnits: 1024, memoryMiB: 2048, ...taskDetail },
  );
}

/** A one-container Deployment with the container changed as given. */
function pod(
  container: Parameters<typeof makeK8sContainer>[0] = {},
  workload: Partial<Workload> = {},
): Workload {
  return makeEksWorkload({ containers: [makeK8sContainer(container)], ...workload });
}

/** A Deployment whose only app container is fine and whose init container is changed as given. */
function podWithInit(init: Parameters<typeof makeK8sContainer>[0]): Workload {
  const initContainer: Container = makeK8sContainer({ name: 'migrate', role: 'init', ...init });
  return makeEksWorkload({ containers: [initContainer, makeK8sContainer()] });
}

/** Passing and failing examples for every compliance rule (read by the catalogue meta-test). */
export const complianceCases: RuleCases = {
  'compliance-ecs-host-mode-user': {
    fail: [
      task({ user: null }, {}, { networkMode: 'host' }),
      task({ user: 'root:root' }, {}, { networkMode: 'host' }),
      task({ user: '0' }, {}, { networkMode: 'host' }),
    ],
    pass: [
      task({ user: '1000' }, {}, { networkMode: 'host' }),
      // The control accepts an explicit privileged choice; ECS.4 reports the privilege itself.
      task({ user: null, privileged: true }, {}, { networkMode: 'host' }),
      task({ user: null }, {}, { networkMode: 'awsvpc' }),
    ],
  },
  'compliance-ecs-pid-mode-host': {
    fail: [task({}, {}, { pidMode: 'host' })],
    pass: [task({}, {}, { pidMode: 'task' }), task()],
  },
  'compliance-ecs-privileged': {
    fail: [
      task({ privileged: true }),
      makeEcsWorkload({
        containers: [makeEcsContainer(), makeEcsContainer({ name: 'agent', privileged: true })],
      }),
    ],
    pass: [task()],
  },
  'compliance-ecs-readonly-root-filesystem': {
    fail: [task({ readOnlyRootFilesystem: null }), task({ readOnlyRootFilesystem: false })],
    pass: [task(), windowsTask({ readOnlyRootFilesystem: null })],
  },
  'compliance-ecs-environment-credentials': {
    fail: [
      task({ envNames: ['AWS_REGION', 'AWS_ACCESS_KEY_ID'] }),
      task({ envNames: ['AWS_SECRET_ACCESS_KEY'] }),
      task({ envNames: ['ECS_ENGINE_AUTH_DATA'] }),
    ],
    pass: [
      task({ secretEnvNames: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] }),
      // ECS.8 names exactly three variables; a broader guess would not match Security Hub.
      task({ envNames: ['AWS_REGION', 'DB_HOST', 'AWS_ACCESS_KEY_ID_FILE'] }),
    ],
  },
  'compliance-ecs-log-configuration': {
    fail: [
      task({}, { logDriver: null, logOptionNames: [], logMode: null }),
      makeEcsWorkload({
        containers: [
          makeEcsContainer(),
          makeEcsContainer({ name: 'sidecar' }, { logDriver: null, logMode: null }),
        ],
      }),
    ],
    pass: [task(), task({}, { logDriver: 'awsfirelens', logMode: null })],
  },
  'compliance-ecs-network-mode-host': {
    fail: [task({}, {}, { networkMode: 'host' })],
    pass: [task(), task({}, {}, { networkMode: 'bridge' }), task({}, {}, { networkMode: null })],
  },
  'compliance-ecs-efs-transit-encryption': {
    fail: [
      makeEcsWorkload({
        volumes: [makeVolume({ type: 'ecsEfs', name: 'shared', efsTransitEncryption: null })],
      }),
      makeEcsWorkload({ volumes: [makeVolume({ type: 'ecsEfs', efsTransitEncryption: 'DISABLED' })] }),
    ],
    pass: [
      makeEcsWorkload({ volumes: [makeVolume({ type: 'ecsEfs', efsTransitEncryption: 'ENABLED' })] }),
      makeEcsWorkload({ volumes: [makeVolume({ type: 'ecsBind' })] }),
      task(),
    ],
  },
  'compliance-ecs-linux-user-non-root': {
    fail: [task({ user: null }), task({ user: '0' }), task({ user: 'root:1000' }), task({ user: '  ' })],
    pass: [task({ user: '1000' }), task({ user: 'nginx:0' }), windowsTask({ user: null })],
  },
  'compliance-ecs-windows-user-non-admin': {
    fail: [
      windowsTask({ user: null }),
      windowsTask({ user: 'ContainerAdministrator' }),
      windowsTask({ user: 'CORP\\Administrator' }),
    ],
    pass: [windowsTask({ user: 'ContainerUser' }), task({ user: null })],
  },
  'compliance-ecs-awsvpc-networking': {
    fail: [
      task({}, {}, { networkMode: 'bridge' }),
      task({}, {}, { networkMode: null }),
      task({}, {}, { networkMode: 'host' }),
    ],
    pass: [task(), windowsTask()],
  },
  'compliance-ecs-nonroot-user': {
    fail: [
      task({ user: null }, {}, { requiresCompatibilities: ['EC2'] }),
      task({ user: 'root' }, {}, { requiresCompatibilities: [] }),
      task({ user: null }, {}, { requiresCompatibilities: ['EC2', 'FARGATE'] }),
      makeEcsWorkload(
        { launchType: 'EC2', containers: [makeEcsContainer({ user: '0:0' })] },
        { requiresCompatibilities: ['FARGATE'] },
      ),
    ],
    pass: [
      task({ user: '1000' }, {}, { requiresCompatibilities: ['EC2'] }),
      // Outside the Config rule's documented scope (EC2 launch type); ECS.20 still reports it.
      task({ user: null }, {}, { requiresCompatibilities: ['FARGATE'] }),
      windowsTask({ user: null }, { requiresCompatibilities: ['EC2'] }),
    ],
  },
  'compliance-ecs-memory-hard-limit': {
    fail: [task({}, { memoryMiB: null }), task({}, { memoryMiB: null, memoryReservationMiB: 256 })],
    pass: [task(), task({}, { memoryMiB: 1024, memoryReservationMiB: 256 })],
  },
  'compliance-ecs-log-non-blocking': {
    fail: [task({}, { logMode: 'blocking' }), task({}, { logMode: null })],
    pass: [
      task({}, { logMode: 'non-blocking' }),
      // No log driver at all is ECS.9's finding, not a blocking-mode one.
      task({}, { logDriver: null, logMode: null }),
    ],
  },

  'compliance-eks-privileged': {
    fail: [pod({ privileged: true }), podWithInit({ privileged: true })],
    pass: [pod()],
  },
  'compliance-eks-host-pid-ipc': {
    fail: [pod({}, { hostPID: true }), pod({}, { hostIPC: true })],
    pass: [pod(), pod({}, { hostNetwork: true })],
  },
  'compliance-eks-host-network': {
    fail: [pod({}, { hostNetwork: true })],
    pass: [pod(), pod({}, { hostPID: true })],
  },
  'compliance-eks-run-as-non-root': {
    fail: [
      pod({ runAsNonRoot: null, user: null }),
      pod({ runAsNonRoot: false, user: '1000' }),
      pod({ runAsNonRoot: true, user: '0' }),
      podWithInit({ runAsNonRoot: null }),
    ],
    pass: [pod(), pod({ runAsNonRoot: true, user: null })],
  },
  'compliance-eks-readonly-root-filesystem': {
    fail: [pod({ readOnlyRootFilesystem: null }), pod({ readOnlyRootFilesystem: false })],
    pass: [pod(), pod({ readOnlyRootFilesystem: null }, { os: 'windows' })],
  },
  'compliance-eks-privilege-escalation': {
    fail: [pod({ allowPrivilegeEscalation: null }), pod({ allowPrivilegeEscalation: true })],
    pass: [pod(), pod({ allowPrivilegeEscalation: null }, { os: 'windows' })],
  },
  'compliance-eks-environment-credentials': {
    fail: [
      pod({ envNames: ['POD_NAME', 'DB_PASSWORD'] }),
      pod({ envNames: ['AWS_ACCESS_KEY_ID'] }),
      pod({ envNames: ['github-token'] }),
      pod({ envNames: ['STRIPE_API_KEY'] }),
      podWithInit({ envNames: ['AWS_SESSION_TOKEN'] }),
    ],
    pass: [
      pod({ secretEnvNames: ['DB_PASSWORD', 'AWS_SECRET_ACCESS_KEY'] }),
      pod({
        envNames: ['PASSWORD_FILE', 'TOKEN_URL', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'SECRET_NAME', 'POD_NAME'],
      }),
    ],
  },
  'compliance-eks-memory-limit': {
    fail: [pod({ memoryLimitMiB: null }), podWithInit({ memoryLimitMiB: null })],
    pass: [pod(), pod({ memoryRequestMiB: null, memoryLimitMiB: 512 })],
  },
  'compliance-eks-capabilities-baseline': {
    fail: [pod({ capabilitiesAdd: ['NET_ADMIN'] }), pod({ capabilitiesAdd: ['CHOWN', 'CAP_SYS_ADMIN'] })],
    pass: [pod(), pod({ capabilitiesAdd: ['NET_BIND_SERVICE', 'CHOWN', 'cap_kill'] })],
  },
  'compliance-eks-capabilities-restricted': {
    fail: [
      pod({ capabilitiesDrop: [] }),
      pod({ capabilitiesDrop: ['NET_RAW'] }),
      pod({ capabilitiesDrop: ['ALL'], capabilitiesAdd: ['CHOWN'] }),
    ],
    pass: [
      pod(),
      pod({ capabilitiesDrop: ['ALL'], capabilitiesAdd: ['NET_BIND_SERVICE'] }),
      // Beyond-baseline additions are compliance-eks-capabilities-baseline's finding, not repeated here.
      pod({ capabilitiesDrop: ['ALL'], capabilitiesAdd: ['NET_ADMIN'] }),
      pod({ capabilitiesDrop: [] }, { os: 'windows' }),
    ],
  },
  'compliance-eks-host-path-volumes': {
    fail: [
      makeEksWorkload({
        volumes: [makeVolume({ type: 'hostPath', name: 'docker-sock', hostPath: '/var/run/docker.sock' })],
      }),
    ],
    pass: [makeEksWorkload({ volumes: [makeVolume({ type: 'emptyDir', name: 'cache' })] }), pod()],
  },
};
