import { describe, expect, it } from 'vitest';
import { ecsContainerSumExceedsTask } from '../../../../lib/rules/ecs/ecs-container-sum-exceeds-task.js';
import { ecsTaskSizeInvalid } from '../../../../lib/rules/ecs/ecs-task-size-invalid.js';
import { ecsTaskSizeMissing } from '../../../../lib/rules/ecs/ecs-task-size-missing.js';
import { ecsTaskSizeNeedsPv14 } from '../../../../lib/rules/ecs/ecs-task-size-needs-pv14.js';
import { ecsTaskSizeTooBig } from '../../../../lib/rules/ecs/ecs-task-size-too-big.js';
import { ecsWindowsMinCpu } from '../../../../lib/rules/ecs/ecs-windows-min-cpu.js';
import { makeEcsContainer, makeEcsService, makeEcsWorkload } from '../../../support/builders.js';

const windows = (task: { cpuUnits: number | null; memoryMiB: number | null }) =>
  makeEcsWorkload(
    {
      os: 'windows',
      containers: [makeEcsContainer({ user: null, readOnlyRootFilesystem: null }, { memoryMiB: 1024 })],
    },
    { operatingSystemFamily: 'WINDOWS_SERVER_2019_CORE', ...task },
  );

describe('rule ecs-task-size-invalid', () => {
  it('fails for 0.25 vCPU with 1.5 GiB and names the size it rounds up to', () => {
    const [violation] = ecsTaskSizeInvalid.evaluate(makeEcsWorkload({}, { cpuUnits: 256, memoryMiB: 1536 }));
    expect(violation?.message).toBe(
      'task size cpu 256 / memory 1536 MiB is not a valid Fargate Linux combination; it rounds up to cpu 256 (0.25 vCPU) / memory 2048 MiB (2 GiB)',
    );
    expect(violation?.fix).toBe('Set task cpu to 256 and memory to 2048.');
  });

  it('moves to a bigger cpu when the memory is beyond the cpu row', () => {
    const [violation] = ecsTaskSizeInvalid.evaluate(
      makeEcsWorkload({}, { cpuUnits: 1024, memoryMiB: 10240 }),
    );
    expect(violation?.message).toContain('rounds up to cpu 2048 (2 vCPU) / memory 10240 MiB (10 GiB)');
  });

  it('uses the Windows grid for Windows tasks', () => {
    // 8 vCPU / 16 GiB is valid on Linux but not on Windows, where it cannot round up at all.
    expect(ecsTaskSizeInvalid.evaluate(makeEcsWorkload({}, { cpuUnits: 8192, memoryMiB: 16384 }))).toEqual(
      [],
    );
    expect(ecsTaskSizeInvalid.evaluate(windows({ cpuUnits: 8192, memoryMiB: 16384 }))).toEqual([]);
    expect(ecsTaskSizeTooBig.evaluate(windows({ cpuUnits: 8192, memoryMiB: 16384 }))).toHaveLength(1);
    expect(ecsTaskSizeInvalid.evaluate(windows({ cpuUnits: 2048, memoryMiB: 3072 }))[0]?.message).toContain(
      'not a valid Fargate Windows combination; it rounds up to cpu 2048 (2 vCPU) / memory 4096 MiB (4 GiB)',
    );
  });
});

describe('rule ecs-task-size-missing', () => {
  it('fails when task cpu is absent and suggests the smallest size covering the containers', () => {
    const workload = makeEcsWorkload(
      {
        containers: [
          makeEcsContainer({ name: 'app' }, { cpuUnits: 512, memoryMiB: 1536 }),
          makeEcsContainer({ name: 'proxy', ports: [] }, { cpuUnits: 256, memoryMiB: 512 }),
        ],
      },
      { cpuUnits: null, memoryMiB: null },
    );
    expect(ecsTaskSizeMissing.evaluate(workload)).toEqual([
      {
        message:
          'task-level cpu and memory are not set; the smallest Fargate size that covers the containers is cpu 1024 (1 vCPU) / memory 2048 MiB (2 GiB)',
      },
    ]);
  });
});

describe('rule ecs-task-size-too-big', () => {
  it('blocks a Linux task above 120 GiB and says which dimension is over', () => {
    const [violation] = ecsTaskSizeTooBig.evaluate(
      makeEcsWorkload({}, { cpuUnits: 16384, memoryMiB: 131072 }),
    );
    expect(violation?.message).toBe(
      'the task needs memory 131072 MiB (task-level cpu/memory); the largest Fargate Linux task is cpu 16384 (16 vCPU) / memory 122880 MiB (120 GiB)',
    );
    expect(ecsTaskSizeTooBig.severity).toBe('blocker');
  });

  it('blocks a Windows task above 4 vCPU', () => {
    expect(ecsTaskSizeTooBig.evaluate(windows({ cpuUnits: 8192, memoryMiB: 16384 }))[0]?.message).toContain(
      'the largest Fargate Windows task is cpu 4096 (4 vCPU) / memory 30720 MiB (30 GiB)',
    );
  });
});

describe('rule ecs-windows-min-cpu', () => {
  it('fails for 0.5 vCPU on Windows and names the smallest Windows size', () => {
    expect(ecsWindowsMinCpu.evaluate(windows({ cpuUnits: 512, memoryMiB: 1024 }))[0]?.message).toBe(
      'task cpu is 512 on a Windows task; Windows on Fargate needs at least 1024 (1 vCPU); the smallest Windows size that fits is cpu 1024 (1 vCPU) / memory 2048 MiB (2 GiB)',
    );
  });
});

describe('rule ecs-task-size-needs-pv14', () => {
  it('fails when memory alone forces the 8 vCPU row on a pinned 1.3.0 service', () => {
    const workload = makeEcsWorkload(
      {},
      { cpuUnits: 4096, memoryMiB: 40960, service: makeEcsService({ platformVersion: '1.3.0' }) },
    );
    expect(ecsTaskSizeNeedsPv14.evaluate(workload)[0]?.message).toBe(
      'the task runs at 8 vCPU, a size that needs platform version 1.4.0 or later; the service pins platform version 1.3.0',
    );
  });
});

describe('rule ecs-container-sum-exceeds-task', () => {
  it('names the containers whose cpu adds up beyond the task cpu', () => {
    const workload = makeEcsWorkload({
      containers: [
        makeEcsContainer({ name: 'app' }, { cpuUnits: 256, memoryMiB: 256 }),
        makeEcsContainer({ name: 'envoy', ports: [] }, { cpuUnits: 128, memoryMiB: 128 }),
      ],
    });
    expect(ecsContainerSumExceedsTask.evaluate(workload)).toEqual([
      { message: 'containers "app" and "envoy" reserve cpu 384 in total, more than the task cpu 256' },
    ]);
  });

  it('names a single container whose hard limit exceeds the task memory', () => {
    const workload = makeEcsWorkload({
      containers: [makeEcsContainer({ name: 'java' }, { memoryMiB: 768 })],
    });
    expect(ecsContainerSumExceedsTask.evaluate(workload)).toEqual([
      { message: 'container "java" sets memory 768 MiB, more than the task memory 512 MiB' },
    ]);
  });

  it('counts reservations before hard limits in the memory sum', () => {
    const fits = makeEcsWorkload({
      containers: [
        makeEcsContainer({ name: 'a' }, { memoryMiB: 512, memoryReservationMiB: 256 }),
        makeEcsContainer({ name: 'b', ports: [] }, { memoryMiB: 512, memoryReservationMiB: 256 }),
      ],
    });
    const over = makeEcsWorkload({
      containers: [
        makeEcsContainer({ name: 'a' }, { memoryMiB: 512, memoryReservationMiB: 384 }),
        makeEcsContainer({ name: 'b', ports: [] }, { memoryMiB: 512, memoryReservationMiB: 256 }),
      ],
    });
    expect(ecsContainerSumExceedsTask.evaluate(fits)).toEqual([]);
    expect(ecsContainerSumExceedsTask.evaluate(over)[0]?.message).toBe(
      'containers "a" and "b" reserve 640 MiB of memory in total, more than the task memory 512 MiB',
    );
  });
});
