import { describe, expect, it } from 'vitest';
import { ecsFargateSpot } from '../../../../lib/rules/ecs/ecs-fargate-spot.js';
import { ecsGmsa } from '../../../../lib/rules/ecs/ecs-gmsa.js';
import { ecsImagePlatform } from '../../../../lib/rules/ecs/ecs-image-platform.js';
import { ecsOsWs2025 } from '../../../../lib/rules/ecs/ecs-os-ws2025.js';
import { ecsPlatformVersionOld } from '../../../../lib/rules/ecs/ecs-platform-version-old.js';
import { ecsRuntimePlatformMissing } from '../../../../lib/rules/ecs/ecs-runtime-platform-missing.js';
import { ecsSysctlOther } from '../../../../lib/rules/ecs/ecs-sysctl-other.js';
import { makeEcsContainer, makeEcsService, makeEcsWorkload } from '../../../support/builders.js';

describe('rule ecs-os-ws2025', () => {
  it('blocks Windows Server 2025 and says the verdict rests on missing evidence', () => {
    const [violation] = ecsOsWs2025.evaluate(
      makeEcsWorkload({ os: 'windows' }, { operatingSystemFamily: 'WINDOWS_SERVER_2025_FULL' }),
    );
    expect(violation?.severity ?? ecsOsWs2025.severity).toBe('blocker');
    expect(violation?.message).toContain('WINDOWS_SERVER_2025_FULL');
    expect(violation?.message).toContain('unverified');
  });
});

describe('rule ecs-gmsa', () => {
  it('asks Linux tasks to switch to domainless gMSA', () => {
    const workload = makeEcsWorkload({
      containers: [makeEcsContainer({ name: 'app' }, { credentialSpecKinds: ['credentialspec'] })],
    });
    const [violation] = ecsGmsa.evaluate(workload);
    expect(violation?.severity ?? ecsGmsa.severity).toBe('fixable');
    expect(violation?.message).toContain('credentialspecdomainless');
  });

  it('blocks gMSA on Windows and says the status is unverified', () => {
    const workload = makeEcsWorkload(
      {
        os: 'windows',
        containers: [
          makeEcsContainer(
            { name: 'iis', user: null },
            { credentialSpecKinds: ['credentialspecdomainless'] },
          ),
        ],
      },
      { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' },
    );
    const [violation] = ecsGmsa.evaluate(workload);
    expect(violation?.severity).toBe('blocker');
    expect(violation?.message).toContain('container "iis"');
    expect(violation?.message).toContain('unverified');
  });
});

describe('rule ecs-platform-version-old', () => {
  it('names who pins the old version: the service and a different run configuration', () => {
    const workload = makeEcsWorkload(
      {},
      { platformVersion: '1.2.0', service: makeEcsService({ platformVersion: '1.3.0' }) },
    );
    expect(ecsPlatformVersionOld.evaluate(workload)[0]?.message).toBe(
      'the service pins platform version 1.3.0; the run configuration pins platform version 1.2.0; the current Linux platform version is 1.4.0 (LATEST)',
    );
  });

  it('reports a version pinned by both only once', () => {
    const workload = makeEcsWorkload(
      {},
      { platformVersion: '1.3.0', service: makeEcsService({ platformVersion: '1.3.0' }) },
    );
    expect(ecsPlatformVersionOld.evaluate(workload)[0]?.message).toBe(
      'the service pins platform version 1.3.0; the current Linux platform version is 1.4.0 (LATEST)',
    );
  });

  it('does not read Windows platform version 1.0.0 as an old Linux version', () => {
    const workload = makeEcsWorkload(
      { os: 'windows' },
      { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE', platformVersion: '1.0.0' },
    );
    expect(ecsPlatformVersionOld.evaluate(workload)).toEqual([]);
  });
});

describe('rule ecs-fargate-spot', () => {
  it('fails when a Windows service uses FARGATE_SPOT and asks for on-demand FARGATE', () => {
    const workload = makeEcsWorkload(
      { os: 'windows' },
      {
        operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE',
        service: makeEcsService({ capacityProviders: ['FARGATE_SPOT'] }),
      },
    );
    const [violation] = ecsFargateSpot.evaluate(workload);
    expect(violation?.message).toContain('Windows');
    expect(violation?.fix).toContain('FARGATE (on-demand)');
  });

  it('holds ARM64 Spot to platform version 1.4.0 and X86_64 Spot to 1.3.0', () => {
    const service = makeEcsService({ capacityProviders: ['FARGATE_SPOT'], platformVersion: '1.3.0' });
    expect(ecsFargateSpot.evaluate(makeEcsWorkload({}, { service }))).toEqual([]);
    expect(
      ecsFargateSpot.evaluate(makeEcsWorkload({}, { service, cpuArchitecture: 'ARM64' }))[0]?.message,
    ).toContain('needs platform version 1.4.0 or later for ARM64 tasks');
  });
});

describe('rule ecs-runtime-platform-missing', () => {
  it('recognises a Windows task by its image when runtimePlatform is absent', () => {
    const workload = makeEcsWorkload({
      containers: [makeEcsContainer({ name: 'windows_sample_app', image: 'microsoft/iis' })],
    });
    expect(ecsRuntimePlatformMissing.evaluate(workload)).toEqual([
      { message: 'no runtimePlatform.operatingSystemFamily, but image "microsoft/iis" is a Windows image' },
    ]);
  });
});

describe('rule ecs-image-platform', () => {
  it('fails when a Windows Server 2019 image runs on a 2022 task', () => {
    const workload = makeEcsWorkload(
      {
        os: 'windows',
        containers: [
          makeEcsContainer({
            name: 'web',
            image: 'mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019',
          }),
        ],
      },
      { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' },
    );
    expect(ecsImagePlatform.evaluate(workload)[0]?.message).toBe(
      'container "web" image mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2019 is built for Windows Server 2019, but operatingSystemFamily is WINDOWS_SERVER_2022_CORE',
    );
  });

  it('ignores architecture words inside a digest', () => {
    const workload = makeEcsWorkload({
      containers: [
        makeEcsContainer({
          image: 'example/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
        }),
      ],
    });
    expect(ecsImagePlatform.evaluate(workload)).toEqual([]);
  });
});

describe('rule ecs-sysctl-other', () => {
  it('blocks vm.max_map_count and says where it is set', () => {
    const workload = makeEcsWorkload(
      { containers: [makeEcsContainer({ name: 'opensearch' }, { systemControls: ['vm.max_map_count'] })] },
      { systemControls: ['net.core.somaxconn', 'fs.file-max'] },
    );
    expect(ecsSysctlOther.evaluate(workload)).toEqual([
      {
        message:
          'the task sets systemControls fs.file-max; container "opensearch" sets systemControls vm.max_map_count, which Fargate cannot set (not namespaced)',
      },
    ]);
  });
});
