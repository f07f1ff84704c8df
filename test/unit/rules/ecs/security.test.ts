import { describe, expect, it } from 'vitest';
import { ecsCapAdd } from '../../../../lib/rules/ecs/ecs-cap-add.js';
import { ecsCapAddPtrace } from '../../../../lib/rules/ecs/ecs-cap-add-ptrace.js';
import { ecsDockerSecurityOptions } from '../../../../lib/rules/ecs/ecs-docker-security-options.js';
import { ecsIpcMode } from '../../../../lib/rules/ecs/ecs-ipc-mode.js';
import { ecsPidModeHost } from '../../../../lib/rules/ecs/ecs-pid-mode-host.js';
import { ecsPrivileged } from '../../../../lib/rules/ecs/ecs-privileged.js';
import { makeEcsContainer, makeEcsService, makeEcsWorkload } from '../../../support/builders.js';

const windows = { os: 'windows' as const };
const windowsTask = { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', cpuUnits: 1024, memoryMiB: 2048 };

describe('rule ecs-privileged', () => {
  it('fails when a container is privileged, naming the container', () => {
    const workload = makeEcsWorkload({
      containers: [
        makeEcsContainer({ name: 'app' }, { memoryMiB: 256 }),
        makeEcsContainer({ name: 'agent', privileged: true }, { memoryMiB: 256 }),
      ],
    });
    expect(ecsPrivileged.evaluate(workload)).toEqual([
      { message: 'container "agent" sets privileged: true' },
    ]);
    expect(ecsPrivileged.severity).toBe('blocker');
  });

  it('only asks for removal on Windows, where privileged never took effect', () => {
    const workload = makeEcsWorkload(
      { ...windows, containers: [makeEcsContainer({ name: 'iis', privileged: true })] },
      windowsTask,
    );
    const [violation] = ecsPrivileged.evaluate(workload);
    expect(violation?.severity).toBe('fixable');
    expect(violation?.message).toContain('container "iis"');
  });
});

describe('rule ecs-cap-add', () => {
  it('fails when a container adds NET_ADMIN and lists only the capabilities Fargate refuses', () => {
    const workload = makeEcsWorkload({
      containers: [
        makeEcsContainer({ name: 'vpn', capabilitiesAdd: ['SYS_PTRACE', 'NET_ADMIN', 'CAP_IPC_LOCK'] }),
      ],
    });
    expect(ecsCapAdd.evaluate(workload)).toEqual([
      { message: 'container "vpn" adds capabilities NET_ADMIN, IPC_LOCK (linuxParameters.capabilities.add)' },
    ]);
  });

  it('passes SYS_PTRACE in any spelling', () => {
    const workload = makeEcsWorkload({
      containers: [makeEcsContainer({ capabilitiesAdd: ['cap_sys_ptrace', 'SYS_PTRACE'] })],
    });
    expect(ecsCapAdd.evaluate(workload)).toEqual([]);
  });
});

describe('rule ecs-cap-add-ptrace', () => {
  it('fails when SYS_PTRACE meets a service pinned below 1.4.0, naming the pin', () => {
    const workload = makeEcsWorkload(
      { containers: [makeEcsContainer({ name: 'debugger', capabilitiesAdd: ['SYS_PTRACE'] })] },
      { service: makeEcsService({ platformVersion: '1.3.0' }) },
    );
    const [violation] = ecsCapAddPtrace.evaluate(workload);
    expect(violation?.message).toBe(
      'container "debugger" adds SYS_PTRACE, which needs platform version 1.4.0 or later; the service pins platform version 1.3.0',
    );
    expect(violation?.severity).toBeUndefined();
  });

  it('never blocks: SYS_PTRACE is supported on Fargate', () => {
    const workload = makeEcsWorkload(
      { containers: [makeEcsContainer({ capabilitiesAdd: ['SYS_PTRACE'] })] },
      { platformVersion: '1.0.0' },
    );
    expect(
      ecsCapAddPtrace.evaluate(workload).every((v) => (v.severity ?? ecsCapAddPtrace.severity) !== 'blocker'),
    ).toBe(true);
  });
});

describe('rule ecs-ipc-mode', () => {
  it('blocks ipcMode host and task', () => {
    for (const ipcMode of ['host', 'task']) {
      const [violation] = ecsIpcMode.evaluate(makeEcsWorkload({}, { ipcMode }));
      expect(violation?.severity ?? ecsIpcMode.severity).toBe('blocker');
      expect(violation?.message).toContain(`"${ipcMode}"`);
    }
  });

  it('only asks to remove ipcMode none', () => {
    expect(ecsIpcMode.evaluate(makeEcsWorkload({}, { ipcMode: 'none' }))).toEqual([
      { message: 'ipcMode is "none"', severity: 'fixable', fix: 'Remove ipcMode.' },
    ]);
  });
});

describe('rule ecs-pid-mode-host', () => {
  it('fails as fixable with pidMode task as the way out, and warns when host visibility is needed', () => {
    const [violation] = ecsPidModeHost.evaluate(makeEcsWorkload({}, { pidMode: 'host' }));
    expect(violation?.severity ?? ecsPidModeHost.severity).toBe('fixable');
    expect(violation?.message).toContain('pidMode "task"');
    expect(violation?.message).toContain('blocker if the workload needs to see host processes');
  });
});

describe('rule ecs-docker-security-options', () => {
  it('fails when a container sets no-new-privileges, naming the option', () => {
    const workload = makeEcsWorkload({
      containers: [makeEcsContainer({ name: 'api' }, { dockerSecurityOptions: ['no-new-privileges'] })],
    });
    expect(ecsDockerSecurityOptions.evaluate(workload)).toEqual([
      { message: 'container "api" sets dockerSecurityOptions no-new-privileges' },
    ]);
  });

  it('shows only the kind of a credential spec and tells to move it to credentialSpecs', () => {
    const workload = makeEcsWorkload({
      containers: [
        makeEcsContainer(
          { name: 'app' },
          {
            dockerSecurityOptions: ['credentialspec:arn:aws:ssm:us-east-1:111122223333:parameter/gmsa-spec'],
          },
        ),
      ],
    });
    const [violation] = ecsDockerSecurityOptions.evaluate(workload);
    expect(violation?.message).toBe('container "app" sets dockerSecurityOptions credentialspec:…');
    expect(violation?.message).not.toContain('gmsa-spec');
    expect(violation?.fix).toContain('credentialSpecs');
  });
});
