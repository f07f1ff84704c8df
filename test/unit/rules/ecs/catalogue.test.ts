import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Volume, VolumeType, Workload } from '../../../../lib/model/workload.js';
import { ecsRules } from '../../../../lib/rules/ecs/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { makeEcsContainer, makeEcsService, makeEcsWorkload, makeVolume } from '../../../support/builders.js';

/** Rows the reference marks "fine": supported on Fargate, so never a blocker on Linux. */
const FINE_ROWS = [
  'ecs-arch-arm64',
  'ecs-cap-add-ptrace',
  'ecs-cap-drop',
  'ecs-tmpfs',
  'ecs-init-process',
  'ecs-ulimits',
  'ecs-sysctl-ok',
  'ecs-healthcheck',
  'ecs-secrets',
  'ecs-depends-on',
  'ecs-env-files',
  'ecs-restart-policy',
  'ecs-app-mesh',
  'ecs-vol-bind',
  'ecs-vol-efs',
  'ecs-vol-ebs',
  'ecs-nlb-udp',
  'ecs-pid-mode-task',
];

const volumeTypes: VolumeType[] = [
  'ecsBind',
  'ecsHost',
  'ecsDocker',
  'ecsEfs',
  'ecsFsxWindows',
  'ecsEbsAtLaunch',
  'ecsS3Files',
];

const arbitraryVolume = fc
  .record({
    type: fc.constantFrom(...volumeTypes),
    hostPath: fc.constantFrom(null, '/data', '/var/run/docker.sock', '/proc', '/'),
    scope: fc.constantFrom('task', 'shared'),
  })
  .map(
    ({ type, hostPath, scope }): Volume =>
      makeVolume({
        name: 'volume',
        type,
        hostPath: type === 'ecsHost' ? hostPath : null,
        docker: type === 'ecsDocker' ? { scope, driver: 'local', autoprovision: false } : null,
      }),
  );

const arbitraryContainer = fc
  .record({
    privileged: fc.boolean(),
    capabilitiesAdd: fc.subarray(['SYS_PTRACE', 'NET_ADMIN', 'cap_sys_admin']),
    capabilitiesDrop: fc.subarray(['ALL', 'NET_RAW']),
    devices: fc.subarray(['/dev/fuse']),
    cpuUnits: fc.constantFrom(null, 0, 128, 512, 20000),
    memoryMiB: fc.constantFrom(null, 128, 512, 4096, 200000),
    memoryReservationMiB: fc.constantFrom(null, 64, 1024),
    tmpfs: fc.nat(2),
    hasHealthCheck: fc.boolean(),
    hasDependsOn: fc.boolean(),
    hasEnvironmentFiles: fc.boolean(),
    hasRestartPolicy: fc.boolean(),
    initProcessEnabled: fc.boolean(),
    systemControls: fc.subarray(['net.core.somaxconn', 'vm.max_map_count']),
    ulimits: fc.subarray(['nofile', 'nofile=1024:4096', 'core=-1:-1']),
    logDriver: fc.constantFrom(null, 'awslogs', 'json-file', 'awsfirelens'),
    credentialSpecKinds: fc.subarray(['credentialspec', 'credentialspecdomainless'] as const),
    hostPort: fc.constantFrom(null, 0, 8080),
    protocol: fc.constantFrom('tcp', 'udp'),
    secret: fc.boolean(),
  })
  .map((c) =>
    makeEcsContainer(
      {
        privileged: c.privileged,
        capabilitiesAdd: c.capabilitiesAdd,
        capabilitiesDrop: c.capabilitiesDrop,
        devices: c.devices,
        secretEnvNames: c.secret ? ['DB_PASSWORD'] : [],
        ports: [{ containerPort: 8080, hostPort: c.hostPort, hostIP: null, protocol: c.protocol }],
      },
      {
        cpuUnits: c.cpuUnits,
        memoryMiB: c.memoryMiB,
        memoryReservationMiB: c.memoryReservationMiB,
        tmpfs: c.tmpfs,
        hasHealthCheck: c.hasHealthCheck,
        hasDependsOn: c.hasDependsOn,
        hasEnvironmentFiles: c.hasEnvironmentFiles,
        hasRestartPolicy: c.hasRestartPolicy,
        initProcessEnabled: c.initProcessEnabled,
        systemControls: c.systemControls,
        ulimits: c.ulimits,
        logDriver: c.logDriver,
        credentialSpecKinds: c.credentialSpecKinds,
      },
    ),
  );

const arbitraryWorkload = fc
  .record({
    windows: fc.boolean(),
    family: fc.constantFrom(
      'WINDOWS_SERVER_2019_CORE',
      'WINDOWS_SERVER_2016_FULL',
      'WINDOWS_SERVER_2025_FULL',
    ),
    arm: fc.boolean(),
    platformVersion: fc.constantFrom(null, 'LATEST', '1.0.0', '1.3.0', '1.4.0'),
    withService: fc.boolean(),
    capacityProviders: fc.subarray(['FARGATE', 'FARGATE_SPOT', 'asg']),
    cpuUnits: fc.constantFrom(null, 256, 300, 1024, 8192, 32768),
    memoryMiB: fc.constantFrom(null, 512, 1536, 2048, 40960, 131072),
    ephemeralStorageGiB: fc.constantFrom(null, 10, 100, 500),
    pidMode: fc.constantFrom(null, 'host', 'task'),
    ipcMode: fc.constantFrom(null, 'host', 'none'),
    proxy: fc.constantFrom(null, 'APPMESH'),
    containers: fc.array(arbitraryContainer, { minLength: 1, maxLength: 3 }),
    volumes: fc.array(arbitraryVolume, { maxLength: 3 }),
    launchType: fc.constantFrom(null, 'EC2' as const, 'FARGATE' as const),
  })
  .map(
    (w): Workload =>
      makeEcsWorkload(
        {
          os: w.windows ? 'windows' : 'linux',
          launchType: w.launchType,
          containers: w.containers.map((c, i) => ({ ...c, name: `c${i}` })),
          volumes: w.volumes.map((v, i) => ({ ...v, name: `v${i}` })),
        },
        {
          operatingSystemFamily: w.windows ? w.family : null,
          cpuArchitecture: w.arm ? 'ARM64' : null,
          platformVersion: w.platformVersion,
          cpuUnits: w.cpuUnits,
          memoryMiB: w.memoryMiB,
          ephemeralStorageGiB: w.ephemeralStorageGiB,
          pidMode: w.pidMode,
          ipcMode: w.ipcMode,
          proxyConfigurationType: w.proxy,
          service: w.withService
            ? makeEcsService({
                platformVersion: w.platformVersion,
                capacityProviders: w.capacityProviders,
                targetGroupArns: ['tg'],
              })
            : null,
        },
      ),
  );

describe('ecs rule catalogue', () => {
  it('lists one rule per row of reference table 1b (the healthCheck row split in four, requiresAttributes left out)', () => {
    expect(ecsRules).toHaveLength(76);
    expect(new Set(ecsRules.map((r) => r.id)).size).toBe(76);
    for (const rule of ecsRules) {
      expect(rule.scope, rule.id).toBe('ecs');
      expect(rule.verifiedAt, rule.id).toBe('2026-11-27');
    }
  });

  it('finds nothing wrong with an eligible Fargate task definition', () => {
    const result = evaluateWorkload(makeEcsWorkload(), ecsRules);
    expect(result.findings).toEqual([]);
    expect(result.verdict).toBe('eligible');
  });

  it('calls a classic bridge-mode EC2 web task eligible with changes and lists each change', () => {
    const workload = makeEcsWorkload(
      {
        launchType: 'EC2',
        containers: [
          makeEcsContainer(
            { name: 'web', ports: [{ containerPort: 80, hostPort: 0, hostIP: null, protocol: 'tcp' }] },
            { links: ['db'], logDriver: 'json-file', logOptionNames: [] },
          ),
        ],
      },
      { requiresCompatibilities: ['EC2'], networkMode: 'bridge', cpuUnits: null, memoryMiB: null },
    );
    const result = evaluateWorkload(workload, ecsRules);
    expect(result.verdict).toBe('eligible-with-changes');
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(
      [
        'ecs-compat-not-validated',
        'ecs-hostport',
        'ecs-links',
        'ecs-log-driver',
        'ecs-network-mode',
        'ecs-task-size-missing',
      ].sort(),
    );
  });

  it('calls a host-monitoring agent ineligible', () => {
    const workload = makeEcsWorkload(
      {
        launchType: 'EC2',
        containers: [makeEcsContainer({ name: 'agent', privileged: true })],
        volumes: [makeVolume({ name: 'docker_sock', type: 'ecsHost', hostPath: '/var/run/docker.sock' })],
      },
      { networkMode: 'host', pidMode: 'host' },
    );
    const result = evaluateWorkload(workload, ecsRules);
    expect(result.verdict).toBe('ineligible');
    const blockers = result.findings.filter((f) => f.severity === 'blocker').map((f) => f.ruleId);
    expect(blockers.sort()).toEqual(['ecs-privileged', 'ecs-vol-host-sourcepath']);
  });

  it('never throws, is deterministic, and never blocks on a supported ("fine") feature of a Linux task', () => {
    const fine = ecsRules.filter((r) => FINE_ROWS.includes(r.id));
    expect(fine).toHaveLength(FINE_ROWS.length);
    fc.assert(
      fc.property(arbitraryWorkload, (workload) => {
        const first = evaluateWorkload(workload, ecsRules);
        expect(first.errors).toEqual([]);
        expect(evaluateWorkload(workload, ecsRules)).toEqual(first);
        for (const finding of first.findings) expect(finding.message.length).toBeGreaterThan(5);
        if (workload.os === 'linux') {
          for (const rule of fine) {
            for (const v of rule.evaluate(workload))
              expect(v.severity ?? rule.severity, rule.id).not.toBe('blocker');
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('tolerates an ECS workload that carries no task detail', () => {
    const workload = { ...makeEcsWorkload(), ecs: null };
    expect(evaluateWorkload(workload, ecsRules).errors).toEqual([]);
  });
});
