import { describe, expect, it } from 'vitest';
import {
  parseEcsCpu,
  parseEcsMemory,
  taskDefinitionToWorkload,
} from '../../../lib/manifests/ecs-task-definition.js';
import { ManifestError } from '../../../lib/manifests/errors.js';
import { fargateSizeOf } from '../../../lib/sizing/fargate-size.js';
import { fixtureText, readFixture, workloadNamed } from './fixtures.js';

const identity = { id: 'task.json#0', source: { file: 'task.json', documentIndex: 0, line: null } };

function fixture(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

function thrown(action: () => unknown): ManifestError {
  try {
    action();
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a ManifestError');
}

describe('parseEcsCpu', () => {
  it.each([
    ['1 vCPU', 1024],
    ['.25 vcpu', 256],
    ['0.5 vCPU', 512],
    ['2vcpu', 2048],
    ['512', 512],
    [512, 512],
    [' 4096 ', 4096],
  ])('reads %j as %d CPU units', (value, units) => {
    expect(parseEcsCpu(value)).toBe(units);
  });

  it('rounds a fraction of a unit up so a task is never sized below its request', () => {
    expect(parseEcsCpu('.3 vcpu')).toBe(308);
  });

  it.each([undefined, null, ''])('treats %j as unset', (value) => {
    expect(parseEcsCpu(value)).toBeNull();
  });

  it.each(['lots', '1 core', '-1', '1.5.2 vcpu', true])('rejects %j naming the field', (value) => {
    const error = thrown(() => parseEcsCpu(value, ['containerDefinitions', 0, 'cpu']));
    expect(error.fieldPath).toEqual(['containerDefinitions', 0, 'cpu']);
    expect(error.message).toMatch(/^containerDefinitions\[0\]\.cpu: /);
  });
});

describe('parseEcsMemory', () => {
  it.each([
    ['2 GB', 2048],
    ['.5 GB', 512],
    ['1GB', 1024],
    ['8 GiB', 8192],
    ['2048', 2048],
    [2048, 2048],
    ['512 MiB', 512],
    ['30 gb', 30720],
  ])('reads %j as %d MiB (a GB is 1024 MiB, as ECS converts)', (value, mib) => {
    expect(parseEcsMemory(value)).toBe(mib);
  });

  it('treats null as unset', () => {
    expect(parseEcsMemory(null)).toBeNull();
  });

  it.each(['2 TB', 'plenty', '{{memory}}'])('rejects %j', (value) => {
    expect(() => parseEcsMemory(value)).toThrow(ManifestError);
  });
});

describe('taskDefinitionToWorkload', () => {
  const workload = taskDefinitionToWorkload(fixture('ecs/fargate-arm64-string-sizes.json'), identity);
  const [api, envoy] = workload.containers;

  it('fills the workload identity as a bare task definition', () => {
    expect(workload).toMatchObject({
      id: 'task.json#0',
      scope: 'ecs',
      kind: 'ecs-task-definition',
      name: 'checkout-api',
      namespace: null,
      cluster: null,
      launchType: null,
      replicas: null,
      schedulingKind: 'single',
      ownerKind: 'TaskDefinition',
      placements: [],
      eks: null,
      source: { file: 'task.json', documentIndex: 0, line: null },
    });
  });

  it('normalizes task sizes written as strings', () => {
    expect(workload.ecs).toMatchObject({ cpuUnits: 512, memoryMiB: 1024 });
  });

  it('reads the runtime platform: ARM64 Linux', () => {
    expect(workload.os).toBe('linux');
    expect(workload.architecture).toBe('arm64');
    expect(workload.ecs).toMatchObject({ operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' });
  });

  it('keeps task-level facts the rules read', () => {
    expect(workload.ecs).toMatchObject({
      family: 'checkout-api',
      revision: null,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      compatibilities: null,
      ephemeralStorageGiB: 30,
      hasTaskRole: true,
      hasExecutionRole: true,
      placementConstraints: 0,
      proxyConfigurationType: null,
      platformVersion: null,
      service: null,
    });
    expect(workload.hostNetwork).toBe(false);
  });

  it('derives container requests from cpu units and the soft memory limit', () => {
    expect(api).toMatchObject({
      name: 'api',
      role: 'app',
      cpuRequestMillis: 250,
      cpuLimitMillis: null,
      memoryRequestMiB: 512,
      memoryLimitMiB: 768,
    });
    expect(api?.ecs).toMatchObject({ cpuUnits: 256, memoryMiB: 768, memoryReservationMiB: 512 });
    // Without a soft limit the hard limit is what the container reserves.
    expect(envoy).toMatchObject({ cpuRequestMillis: 125, memoryRequestMiB: 256, memoryLimitMiB: 256 });
  });

  it('reads ports, including numbers written as strings, and leaves an unset hostPort null', () => {
    expect(api?.ports).toEqual([{ containerPort: 8080, hostPort: null, hostIP: null, protocol: 'tcp' }]);
    expect(envoy?.ports).toEqual([{ containerPort: 9901, hostPort: 9901, hostIP: null, protocol: 'tcp' }]);
  });

  it('defaults essential to true and keeps an explicit false', () => {
    expect(api?.ecs?.essential).toBe(true);
    expect(envoy?.ecs?.essential).toBe(false);
  });

  it('reads Linux parameters, health check, dependencies, ulimits and system controls', () => {
    expect(api).toMatchObject({
      capabilitiesAdd: ['SYS_PTRACE'],
      capabilitiesDrop: ['NET_RAW'],
      readOnlyRootFilesystem: true,
      user: '1000:1000',
      privileged: false,
    });
    expect(api?.ecs).toMatchObject({
      initProcessEnabled: true,
      tmpfs: 1,
      sharedMemorySize: null,
      hasHealthCheck: true,
      hasDependsOn: true,
      ulimits: ['nofile=65535:65535'],
      systemControls: ['net.core.somaxconn'],
      startTimeout: 60,
      stopTimeout: 30,
    });
  });

  it('keeps log option names and the mode, not the other values', () => {
    expect(api?.ecs).toMatchObject({
      logDriver: 'awslogs',
      logOptionNames: ['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix', 'mode'],
      logMode: 'non-blocking',
    });
    expect(JSON.stringify(workload)).not.toContain('/ecs/checkout');
  });

  it('reads the describe-task-definition wrapper like the bare definition', () => {
    const wrapped = taskDefinitionToWorkload(fixture('ecs/describe-task-definition-wrapped.json'), identity);
    expect(wrapped.name).toBe('worker');
    expect(wrapped.ecs).toMatchObject({
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:111122223333:task-definition/worker:7',
      revision: 7,
      compatibilities: ['EC2'],
      networkMode: 'bridge',
      cpuUnits: 1024,
      memoryMiB: 2048,
      placementConstraints: 1,
      hasTaskRole: false,
    });
    const [worker, cache] = wrapped.containers;
    expect(worker?.ecs).toMatchObject({
      links: ['cache'],
      hostname: true,
      extraHosts: 1,
      dnsServers: 1,
      dnsSearchDomains: 0,
      logDriver: 'json-file',
      logOptionNames: ['max-size'],
      logMode: null,
    });
    expect(worker?.ports[0]).toMatchObject({ containerPort: 80, hostPort: 0 });
    expect(cache).toMatchObject({ cpuRequestMillis: null, memoryRequestMiB: 256, memoryLimitMiB: null });
  });

  it('reports errors inside the wrapper under taskDefinition.*', () => {
    const error = thrown(() =>
      taskDefinitionToWorkload({ taskDefinition: { family: 'x', containerDefinitions: 'nope' } }, identity),
    );
    expect(error.fieldPath).toEqual(['taskDefinition', 'containerDefinitions']);
  });

  it('maps every ECS volume kind', () => {
    const volumes = taskDefinitionToWorkload(fixture('ecs/every-volume-type.json'), identity).volumes;
    expect(volumes.map((volume) => [volume.name, volume.type])).toEqual([
      ['docker-sock', 'ecsHost'],
      ['scratch', 'ecsBind'],
      ['empty', 'ecsBind'],
      ['shared', 'ecsDocker'],
      ['files', 'ecsEfs'],
      ['windows-share', 'ecsFsxWindows'],
      ['data', 'ecsEbsAtLaunch'],
      ['objects', 'ecsS3Files'],
    ]);
    expect(volumes[0]?.hostPath).toBe('/var/run/docker.sock');
    expect(volumes[1]?.hostPath).toBeNull();
    expect(volumes[3]?.docker).toEqual({ scope: 'shared', driver: 'rexray/ebs', autoprovision: true });
    expect(volumes[4]?.efsTransitEncryption).toBe('ENABLED');
    expect(volumes.every((volume) => volume.claim === null)).toBe(true);
  });

  it('reads mount points', () => {
    const [app] = taskDefinitionToWorkload(fixture('ecs/every-volume-type.json'), identity).containers;
    expect(app?.volumeMounts).toEqual([
      { volume: 'docker-sock', path: '/var/run/docker.sock', readOnly: true },
      { volume: 'scratch', path: '/scratch', readOnly: false },
    ]);
  });

  it('reads host network, PID and IPC modes and the nulls the AWS CLI prints for unset fields', () => {
    const sloppy = taskDefinitionToWorkload(fixture('ecs/ec2-sloppy-nulls.json'), identity);
    expect(sloppy).toMatchObject({ hostNetwork: true, hostPID: true, hostIPC: true, os: 'linux' });
    expect(sloppy.architecture).toBe('x86_64');
    expect(sloppy.ecs).toMatchObject({ cpuUnits: null, memoryMiB: 200, hasTaskRole: false, pidMode: 'host' });
    const [agent, nameless] = sloppy.containers;
    expect(agent).toMatchObject({
      privileged: true,
      cpuRequestMillis: 0,
      memoryRequestMiB: null,
      user: null,
    });
    expect(agent?.ecs).toMatchObject({ logDriver: null, logOptionNames: [], links: [], hostname: false });
    // A container without name or image is sloppy, not broken: it is still judged.
    expect(nameless).toMatchObject({ name: 'container-1', image: null, memoryLimitMiB: 64 });
  });

  it('reads Windows, GPU, inference, swap, devices and credential specs', () => {
    const windows = taskDefinitionToWorkload(fixture('ecs/windows-gmsa-gpu.json'), identity);
    expect(windows.os).toBe('windows');
    expect(windows.architecture).toBe('x86_64');
    expect(windows.ecs).toMatchObject({ inferenceAccelerators: 1, proxyConfigurationType: 'APPMESH' });
    const [iis] = windows.containers;
    expect(iis?.devices).toEqual(['/dev/fuse']);
    expect(iis?.allowPrivilegeEscalation).toBe(false);
    expect(iis?.ecs).toMatchObject({
      sharedMemorySize: 256,
      maxSwap: 1024,
      swappiness: 10,
      hasRestartPolicy: true,
      hasEnvironmentFiles: true,
      resourceRequirements: [
        { type: 'GPU', value: '1' },
        { type: 'InferenceAccelerator', value: 'eia' },
      ],
      firelens: { type: 'fluentbit', configFileType: 's3' },
      credentialSpecKinds: ['credentialspec', 'credentialspecdomainless'],
    });
  });

  describe('a task without runtimePlatform', () => {
    const task = (container: Record<string, unknown>, volumes: unknown[] = []) =>
      taskDefinitionToWorkload(
        {
          family: 'legacy',
          containerDefinitions: [{ name: 'app', cpu: 512, memory: 768, ...container }],
          volumes,
        },
        identity,
      );

    it('is a Windows task when its image is a Windows image, and is sized on the Windows grid', () => {
      const iis = task({ image: 'microsoft/iis' });
      expect(iis.os).toBe('windows');
      // Linux would bill 0.5 vCPU / 1 GB; Windows on Fargate starts at 1 vCPU / 2 GB.
      expect(fargateSizeOf(iis).size).toEqual({ cpu: 1024, memoryMiB: 2048 });
    });

    it('is a Windows task when it mounts a Windows named pipe from the host', () => {
      const agent = task(
        {
          image: 'datadog/agent:latest',
          mountPoints: [{ sourceVolume: 'pipe', containerPath: '\\\\.\\pipe\\x' }],
        },
        [{ name: 'pipe', host: { sourcePath: '\\\\.\\pipe\\docker_engine' } }],
      );
      expect(agent.os).toBe('windows');
    });

    it('stays Linux when nothing says Windows, and an explicit LINUX family wins over a Windows image', () => {
      expect(task({ image: 'nginx:latest' }).os).toBe('linux');
      const explicit = taskDefinitionToWorkload(
        {
          family: 'explicit',
          runtimePlatform: { operatingSystemFamily: 'LINUX' },
          containerDefinitions: [{ name: 'app', image: 'microsoft/iis' }],
        },
        identity,
      );
      expect(explicit.os).toBe('linux');
    });
  });

  it('keeps the kind of each docker security option but no ARN or path argument', () => {
    const [iis] = taskDefinitionToWorkload(fixture('ecs/windows-gmsa-gpu.json'), identity).containers;
    expect(iis?.ecs?.dockerSecurityOptions).toEqual([
      'credentialspec:',
      'no-new-privileges',
      'apparmor:docker-default',
      'label:type:container_t',
      'seccomp',
    ]);
    const text = JSON.stringify(iis);
    expect(text).not.toContain('gmsa-spec');
    expect(text).not.toContain('/etc/docker/seccomp');
    expect(text).not.toContain('bucket/spec.json');
    expect(text).not.toContain('fluent.conf');
  });

  it('keeps environment and secret names only: no planted value survives anywhere', () => {
    const canary = taskDefinitionToWorkload(fixture('ecs/secrets-canary.json'), identity);
    const [app] = canary.containers;
    expect(app?.envNames).toEqual(['DATABASE_URL', 'AWS_SECRET_ACCESS_KEY']);
    expect(app?.secretEnvNames).toEqual(['API_TOKEN']);
    expect(app?.ecs).toMatchObject({
      logMode: 'blocking',
      logOptionNames: ['splunk-token', 'splunk-url', 'mode'],
    });
    expect(JSON.stringify(canary)).not.toMatch(/CANARY/);
  });

  it('takes the identity the caller knows (a live scan passes cluster, account, region, launch type)', () => {
    const live = taskDefinitionToWorkload(fixture('ecs/fargate-arm64-string-sizes.json'), {
      id: 'arn:aws:ecs:us-east-1:111122223333:service/prod/checkout',
      cluster: 'prod',
      account: '111122223333',
      region: 'us-east-1',
      launchType: 'FARGATE',
    });
    expect(live).toMatchObject({
      id: 'arn:aws:ecs:us-east-1:111122223333:service/prod/checkout',
      cluster: 'prod',
      account: '111122223333',
      region: 'us-east-1',
      launchType: 'FARGATE',
      source: null,
    });
  });

  it('throws a ManifestError with the field path on broken input', () => {
    expect(
      thrown(() => taskDefinitionToWorkload({ containerDefinitions: 'app' }, identity)).fieldPath,
    ).toEqual(['containerDefinitions']);
    expect(
      thrown(() => taskDefinitionToWorkload({ containerDefinitions: ['app'] }, identity)).fieldPath,
    ).toEqual(['containerDefinitions', 0]);
    expect(
      thrown(() => taskDefinitionToWorkload({ containerDefinitions: [{ name: 'a', cpu: 'some' }] }, identity))
        .message,
    ).toContain('containerDefinitions[0].cpu');
    expect(
      thrown(() =>
        taskDefinitionToWorkload(
          { containerDefinitions: [{ name: 'a', portMappings: [{ containerPort: 'http' }] }] },
          identity,
        ),
      ).fieldPath,
    ).toEqual(['containerDefinitions', 0, 'portMappings', 0, 'containerPort']);
    expect(() => taskDefinitionToWorkload('not a task definition', identity)).toThrow(ManifestError);
  });

  it('names a task definition without a family visibly instead of leaving it blank', () => {
    const nameless = taskDefinitionToWorkload(
      { containerDefinitions: [{ name: 'a', image: 'a:1' }] },
      identity,
    );
    expect(nameless.name).toBe('(no family)');
  });
});

describe('ECS files through readText', () => {
  it('reads a JSON array of task definitions (wrapped or not) as one document per element', () => {
    const result = readFixture('ecs/task-definitions-array.json');
    expect(result.gaps).toEqual([]);
    expect(result.workloads.map((workload) => [workload.id, workload.name])).toEqual([
      ['ecs/task-definitions-array.json#0', 'first'],
      ['ecs/task-definitions-array.json#1', 'second'],
    ]);
    expect(workloadNamed(result, 'second').source).toEqual({
      file: 'ecs/task-definitions-array.json',
      documentIndex: 1,
      line: null,
    });
  });
});
