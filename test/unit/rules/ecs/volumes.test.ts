import { describe, expect, it } from 'vitest';
import { ecsEphemeral } from '../../../../lib/rules/ecs/ecs-ephemeral.js';
import { ecsEphemeralWindows } from '../../../../lib/rules/ecs/ecs-ephemeral-windows.js';
import { ecsVolBind } from '../../../../lib/rules/ecs/ecs-vol-bind.js';
import { ecsVolDocker } from '../../../../lib/rules/ecs/ecs-vol-docker.js';
import { ecsVolEbs } from '../../../../lib/rules/ecs/ecs-vol-ebs.js';
import { ecsVolEfs } from '../../../../lib/rules/ecs/ecs-vol-efs.js';
import { ecsVolHostSourcepath } from '../../../../lib/rules/ecs/ecs-vol-host-sourcepath.js';
import { ecsVolS3files } from '../../../../lib/rules/ecs/ecs-vol-s3files.js';
import type { Rule } from '../../../../lib/rules/rule.js';
import { makeEcsService, makeEcsWorkload, makeVolume } from '../../../support/builders.js';

const severityOf = (rule: Rule, workload: ReturnType<typeof makeEcsWorkload>) =>
  rule.evaluate(workload).map((v) => v.severity ?? rule.severity);

const hostVolume = (hostPath: string) =>
  makeEcsWorkload({ volumes: [makeVolume({ name: 'host', type: 'ecsHost', hostPath })] });

describe('rule ecs-vol-host-sourcepath', () => {
  it.each([
    '/var/run/docker.sock',
    '/proc',
    '/proc/',
    '/sys/fs/cgroup/',
    '/cgroup',
    '/dev',
    '/etc/passwd',
    '/var/log',
    '/var/lib/docker/containers',
    '/var',
    '/',
    '\\\\.\\pipe\\docker_engine',
  ])('blocks the host-coupled path %s', (path) => {
    expect(severityOf(ecsVolHostSourcepath, hostVolume(path))).toEqual(['blocker']);
  });

  it.each(['/data', '/var/fluentbit/cores', '/var/run/datadog', '/opt/app/cache', '/var/tmp'])(
    'asks to drop sourcePath for the scratch path %s',
    (path) => {
      expect(severityOf(ecsVolHostSourcepath, hostVolume(path))).toEqual(['fixable']);
    },
  );

  it('names the volume and the path', () => {
    expect(ecsVolHostSourcepath.evaluate(hostVolume('/var/run/docker.sock'))[0]?.message).toBe(
      'volume "host" mounts host path /var/run/docker.sock, which belongs to the host',
    );
  });
});

describe('rule ecs-ephemeral', () => {
  it('blocks more than 200 GiB', () => {
    expect(severityOf(ecsEphemeral, makeEcsWorkload({}, { ephemeralStorageGiB: 201 }))).toEqual(['blocker']);
  });

  it('accepts 21 to 200 GiB on the current platform version', () => {
    expect(ecsEphemeral.evaluate(makeEcsWorkload({}, { ephemeralStorageGiB: 21 }))).toEqual([]);
    expect(ecsEphemeral.evaluate(makeEcsWorkload({}, { ephemeralStorageGiB: 200 }))).toEqual([]);
  });

  it('asks for platform version 1.4.0 when an older one is pinned', () => {
    const workload = makeEcsWorkload(
      {},
      { ephemeralStorageGiB: 100, service: makeEcsService({ platformVersion: '1.3.0' }) },
    );
    expect(severityOf(ecsEphemeral, workload)).toEqual(['fixable']);
    expect(ecsEphemeral.evaluate(workload)[0]?.message).toContain('1.4.0');
  });

  it('leaves Windows tasks to ecs-ephemeral-windows, which calls it unverified', () => {
    const workload = makeEcsWorkload(
      { os: 'windows' },
      { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', ephemeralStorageGiB: 500 },
    );
    expect(ecsEphemeral.evaluate(workload)).toEqual([]);
    expect(ecsEphemeralWindows.evaluate(workload)[0]?.message).toContain('unverified');
  });
});

describe('rule ecs-vol-efs', () => {
  it('blocks EFS on Windows and only asks for a platform version on Linux', () => {
    const efs = [makeVolume({ name: 'shared', type: 'ecsEfs' })];
    const windowsWorkload = makeEcsWorkload(
      { os: 'windows', volumes: efs },
      { operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL' },
    );
    const linuxPinned = makeEcsWorkload({ volumes: efs }, { platformVersion: '1.3.0' });
    expect(severityOf(ecsVolEfs, windowsWorkload)).toEqual(['blocker']);
    expect(severityOf(ecsVolEfs, linuxPinned)).toEqual(['fixable']);
    expect(ecsVolEfs.evaluate(linuxPinned)[0]?.message).toBe(
      'EFS volume "shared" is used, which needs platform version 1.4.0 or later; the run configuration pins platform version 1.3.0',
    );
  });
});

describe('rule ecs-vol-ebs', () => {
  it('blocks EBS volumes configured at launch on Windows', () => {
    const workload = makeEcsWorkload(
      { os: 'windows', volumes: [makeVolume({ name: 'data', type: 'ecsEbsAtLaunch' })] },
      { operatingSystemFamily: 'WINDOWS_SERVER_2022_FULL' },
    );
    expect(severityOf(ecsVolEbs, workload)).toEqual(['blocker']);
  });
});

describe('rule ecs-vol-docker', () => {
  it('suggests a bind mount for a task-scoped local volume and EFS/EBS for a shared one', () => {
    const local = makeEcsWorkload({
      volumes: [
        makeVolume({
          name: 'cache',
          type: 'ecsDocker',
          docker: { scope: 'task', driver: 'local', autoprovision: false },
        }),
      ],
    });
    const shared = makeEcsWorkload({
      volumes: [
        makeVolume({
          name: 'db',
          type: 'ecsDocker',
          docker: { scope: 'shared', driver: 'rexray/ebs', autoprovision: true },
        }),
      ],
    });
    expect(ecsVolDocker.evaluate(local)[0]?.fix).toContain('bind mount');
    expect(ecsVolDocker.evaluate(shared)[0]?.fix).toContain('EFS');
    expect(ecsVolDocker.evaluate(shared)[0]?.message).toBe(
      'volume "db" is a Docker volume (scope shared, driver rexray/ebs, autoprovision); its data outlives the task, so it needs EFS or EBS',
    );
  });
});

describe('rule ecs-vol-s3files', () => {
  it('treats S3 Files as a blocker and says it is unverified', () => {
    const [violation] = ecsVolS3files.evaluate(
      makeEcsWorkload({ volumes: [makeVolume({ name: 'objects', type: 'ecsS3Files' })] }),
    );
    expect(violation?.severity ?? ecsVolS3files.severity).toBe('blocker');
    expect(violation?.message).toContain('unverified');
  });
});

describe('rule ecs-vol-bind', () => {
  it('only advises, and only for tasks not yet on Fargate', () => {
    const volumes = [makeVolume({ name: 'scratch', type: 'ecsBind' })];
    expect(severityOf(ecsVolBind, makeEcsWorkload({ launchType: 'EC2', volumes }))).toEqual(['advisory']);
    expect(ecsVolBind.evaluate(makeEcsWorkload({ launchType: 'FARGATE', volumes }))).toEqual([]);
  });
});
