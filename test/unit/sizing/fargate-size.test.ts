import { describe, expect, it } from 'vitest';
import {
  EKS_WINDOWS_NO_SIZE,
  ecsRequirement,
  eksRequirement,
  fargateSizeOf,
  isValidFargateSize,
  memoryChoices,
  roundUpToFargateSize,
  SIZE_ROWS,
} from '../../../lib/sizing/fargate-size.js';
import {
  makeEcsContainer,
  makeEcsWorkload,
  makeEksWorkload,
  makeK8sContainer,
} from '../../support/builders.js';

describe('Fargate size grid', () => {
  it('offers the 0.25 vCPU row only at 512 MiB, 1 GB and 2 GB', () => {
    expect(memoryChoices(SIZE_ROWS[0]!)).toEqual([512, 1024, 2048]);
    expect(isValidFargateSize(256, 1536, 'linux')).toBe(false);
  });

  it('steps 8 vCPU by 4 GB and 16 vCPU by 8 GB up to 120 GB', () => {
    expect(isValidFargateSize(8192, 20480, 'linux')).toBe(true);
    expect(isValidFargateSize(8192, 18432, 'linux')).toBe(false);
    expect(isValidFargateSize(16384, 122880, 'linux')).toBe(true);
    expect(isValidFargateSize(16384, 126976, 'linux')).toBe(false);
  });

  it('limits Windows to 1, 2 and 4 vCPU', () => {
    expect(isValidFargateSize(512, 1024, 'windows')).toBe(false);
    expect(isValidFargateSize(4096, 30720, 'windows')).toBe(true);
    expect(roundUpToFargateSize(256, 512, 'windows')).toEqual({ cpu: 1024, memoryMiB: 2048 });
    expect(roundUpToFargateSize(8192, 16384, 'windows')).toBeNull();
  });

  it('rounds up to the smallest cpu row whose memory reaches the need', () => {
    expect(roundUpToFargateSize(256, 3000, 'linux')).toEqual({ cpu: 512, memoryMiB: 3072 });
    expect(roundUpToFargateSize(1100, 1000, 'linux')).toEqual({ cpu: 2048, memoryMiB: 4096 });
    expect(roundUpToFargateSize(16384, 122881, 'linux')).toBeNull();
    expect(roundUpToFargateSize(16385, 1024, 'linux')).toBeNull();
  });
});

describe('ECS task size', () => {
  it('keeps a valid task-level size as registered', () => {
    const w = makeEcsWorkload({}, { cpuUnits: 1024, memoryMiB: 3072 });
    expect(fargateSizeOf(w).size).toEqual({ cpu: 1024, memoryMiB: 3072 });
  });

  it('rounds an invalid task-level pair up', () => {
    const w = makeEcsWorkload({}, { cpuUnits: 256, memoryMiB: 4096 });
    expect(fargateSizeOf(w).size).toEqual({ cpu: 512, memoryMiB: 4096 });
  });

  it('derives the size from containers when the task sets none, covering hard limits and reservations', () => {
    const w = makeEcsWorkload(
      {
        containers: [
          makeEcsContainer({ name: 'a' }, { cpuUnits: 300, memoryMiB: 1536, memoryReservationMiB: 512 }),
          makeEcsContainer({ name: 'b' }, { cpuUnits: 100, memoryMiB: null, memoryReservationMiB: 256 }),
        ],
      },
      { cpuUnits: null, memoryMiB: null },
    );
    expect(ecsRequirement(w)).toMatchObject({ cpuUnits: 400, memoryMiB: 1536 });
    expect(fargateSizeOf(w).size).toEqual({ cpu: 512, memoryMiB: 2048 });
  });

  it('returns no size when the task is larger than Fargate allows', () => {
    const w = makeEcsWorkload({}, { cpuUnits: 32768, memoryMiB: 65536 });
    expect(fargateSizeOf(w).size).toBeNull();
  });
});

describe('EKS pod size', () => {
  it('reproduces the EKS documentation example: 1 vCPU + 8 GB → 2 vCPU / 9 GB', () => {
    const w = makeEksWorkload({
      containers: [makeK8sContainer({ cpuRequestMillis: 1000, memoryRequestMiB: 8192 })],
    });
    expect(fargateSizeOf(w).size).toEqual({ cpu: 2048, memoryMiB: 9216 });
  });

  it('takes the larger of summed app requests and the largest init request, per resource', () => {
    const w = makeEksWorkload({
      containers: [
        makeK8sContainer({ name: 'app', cpuRequestMillis: 250, memoryRequestMiB: 512 }),
        makeK8sContainer({ name: 'sidecar', cpuRequestMillis: 100, memoryRequestMiB: 128 }),
        makeK8sContainer({ name: 'init', role: 'init', cpuRequestMillis: 500, memoryRequestMiB: 256 }),
      ],
    });
    expect(eksRequirement(w)).toMatchObject({ cpuUnits: 512, memoryMiB: 896 });
    expect(fargateSizeOf(w).size).toEqual({ cpu: 512, memoryMiB: 1024 });
  });

  it('uses the limit where no request is set', () => {
    const w = makeEksWorkload({
      containers: [
        makeK8sContainer({ cpuRequestMillis: null, cpuLimitMillis: 2000, memoryRequestMiB: 1024 }),
      ],
    });
    expect(eksRequirement(w).cpuUnits).toBe(2048);
  });

  it('gives 0.25 vCPU / 0.5 GB when nothing is requested', () => {
    const w = makeEksWorkload({
      containers: [
        makeK8sContainer({
          cpuRequestMillis: null,
          cpuLimitMillis: null,
          memoryRequestMiB: null,
          memoryLimitMiB: null,
        }),
      ],
    });
    expect(fargateSizeOf(w).size).toEqual({ cpu: 256, memoryMiB: 512 });
  });

  it('has no size above 16 vCPU / 120 GB including the 256 MiB overhead', () => {
    const w = makeEksWorkload({
      containers: [makeK8sContainer({ cpuRequestMillis: 16000, memoryRequestMiB: 122_700 })],
    });
    expect(fargateSizeOf(w).size).toBeNull();
    expect(fargateSizeOf(w).noSizeReason).toBeUndefined();
  });

  it('gives a Windows pod no size, saying EKS on Fargate runs Linux pods only', () => {
    const linux = makeEksWorkload({ containers: [makeK8sContainer({ cpuRequestMillis: 500 })] });
    const windows = makeEksWorkload({ os: 'windows', containers: linux.containers });
    expect(fargateSizeOf(linux).size).not.toBeNull();
    expect(fargateSizeOf(windows)).toMatchObject({ size: null, noSizeReason: EKS_WINDOWS_NO_SIZE });
    expect(EKS_WINDOWS_NO_SIZE).toContain('Linux pods only');
    // The requirement is still worked out, for whoever explains it.
    expect(fargateSizeOf(windows).requirement).toEqual(fargateSizeOf(linux).requirement);
  });

  it('sizes Windows ECS tasks on the Windows grid, not as unsizable', () => {
    const w = makeEcsWorkload({ os: 'windows' }, { cpuUnits: 512, memoryMiB: 1024 });
    expect(fargateSizeOf(w)).toMatchObject({ size: { cpu: 1024, memoryMiB: 2048 } });
    expect(fargateSizeOf(w).noSizeReason).toBeUndefined();
  });
});

describe('workloads sized one after another', () => {
  it('size each workload as itself, however calls interleave', () => {
    const small = makeEcsWorkload({}, { cpuUnits: 256, memoryMiB: 512 });
    const large = makeEcsWorkload({}, { cpuUnits: 4096, memoryMiB: 8192 });
    for (const w of [small, large, large, small, large]) {
      expect(fargateSizeOf(w).size).toEqual({ cpu: w.ecs?.cpuUnits, memoryMiB: w.ecs?.memoryMiB });
      expect(ecsRequirement(w).cpuUnits).toBe(w.ecs?.cpuUnits);
    }
  });
});
