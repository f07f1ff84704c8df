import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OsFamily, Workload } from '../../../lib/model/workload.js';
import { estimateCost } from '../../../lib/pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from '../../../lib/pricing/default-price-book.js';
import { parsePricingSettings } from '../../../lib/pricing/settings.js';
import {
  fargateSizeOf,
  isValidFargateSize,
  maxFargateSize,
  roundUpToFargateSize,
} from '../../../lib/sizing/fargate-size.js';
import { makeEcsWorkload, makeEksWorkload, makeK8sContainer } from '../../support/builders.js';
import { pricedLine, recomputedCents } from './breakdown-arithmetic.js';

const defaults = parsePricingSettings({});

/** A one-container pod in check mode with the given requests (millicores, MiB). */
const pod = (cpuMillis: number, memoryMiB: number, replicas = 2): Workload =>
  makeEksWorkload({
    replicas,
    containers: [
      makeK8sContainer({
        cpuRequestMillis: cpuMillis,
        cpuLimitMillis: cpuMillis,
        memoryRequestMiB: memoryMiB,
        memoryLimitMiB: memoryMiB,
      }),
    ],
  });

/** An ECS service on one m5.large-sized instance with task-level cpu units and memory. */
const taskOnEc2 = (cpuUnits: number, memoryMiB: number): Workload =>
  makeEcsWorkload(
    {
      launchType: 'EC2',
      region: 'us-east-1',
      replicas: 1,
      placements: [
        {
          instanceId: 'i-1',
          instanceType: 'm5.xlarge',
          capacityType: 'on-demand',
          capacityCpuUnits: 4096,
          capacityMemoryMiB: 16384,
          allocatedCpuUnits: 4096,
          allocatedMemoryMiB: 16384,
          replicasHere: 1,
        },
      ],
    },
    { cpuUnits, memoryMiB, requiresCompatibilities: ['EC2'] },
  );

const osFamily = fc.constantFrom<OsFamily>('linux', 'windows');

describe('Fargate sizes never round down', () => {
  it('roundUpToFargateSize returns a valid size at least as large as asked, whenever one exists', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20000 }),
        fc.integer({ min: 1, max: 130000 }),
        osFamily,
        (cpu, memory, os) => {
          const size = roundUpToFargateSize(cpu, memory, os);
          const largest = maxFargateSize(os);
          if (cpu > largest.cpu || memory > largest.memoryMiB) {
            expect(size).toBeNull();
            return;
          }
          if (size === null) return; // only Windows rows can leave a gap; checked below
          expect(size.cpu).toBeGreaterThanOrEqual(cpu);
          expect(size.memoryMiB).toBeGreaterThanOrEqual(memory);
          expect(isValidFargateSize(size.cpu, size.memoryMiB, os)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('finds a Linux size for everything up to 16 vCPU / 120 GB', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16384 }), fc.integer({ min: 1, max: 122880 }), (cpu, memory) => {
        expect(roundUpToFargateSize(cpu, memory, 'linux')).not.toBeNull();
      }),
    );
  });

  it('bills an EKS pod at no less than its requests plus the 256 MiB Fargate adds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 16000 }),
        fc.integer({ min: 1, max: 120000 }),
        (cpuMillis, memoryMiB) => {
          const { size } = fargateSizeOf(pod(cpuMillis, memoryMiB));
          if (size === null) return;
          expect(size.cpu).toBeGreaterThanOrEqual((cpuMillis * 1024) / 1000);
          expect(size.memoryMiB).toBeGreaterThanOrEqual(memoryMiB + 256);
        },
      ),
    );
  });
});

describe('costs never fall when a request grows', () => {
  const request = fc.record({
    cpuMillis: fc.integer({ min: 1, max: 20000 }),
    memoryMiB: fc.integer({ min: 1, max: 125000 }),
  });
  const growth = fc.record({
    cpu: fc.integer({ min: 0, max: 8000 }),
    memory: fc.integer({ min: 0, max: 60000 }),
  });

  it('the Fargate figure of a pod is monotone in its cpu and memory requests', () => {
    fc.assert(
      fc.property(request, growth, ({ cpuMillis, memoryMiB }, more) => {
        const small = estimateCost(pod(cpuMillis, memoryMiB), defaults, DEFAULT_PRICE_BOOK).cost
          .fargateMonthlyUsd;
        const large = estimateCost(
          pod(cpuMillis + more.cpu, memoryMiB + more.memory),
          defaults,
          DEFAULT_PRICE_BOOK,
        ).cost.fargateMonthlyUsd;
        if (small === null)
          expect(large).toBeNull(); // too big for Fargate stays too big
        else if (large !== null) expect(large).toBeGreaterThanOrEqual(small);
      }),
      { numRuns: 500 },
    );
  });

  it('the current EC2 share of a task is monotone in its reserved cpu and memory', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 128, max: 4096 }),
        fc.integer({ min: 128, max: 16384 }),
        fc.integer({ min: 0, max: 2048 }),
        fc.integer({ min: 0, max: 8192 }),
        (cpu, memory, moreCpu, moreMemory) => {
          const small = estimateCost(taskOnEc2(cpu, memory), defaults, DEFAULT_PRICE_BOOK).cost
            .currentMonthlyUsd;
          const large = estimateCost(
            taskOnEc2(cpu + moreCpu, memory + moreMemory),
            defaults,
            DEFAULT_PRICE_BOOK,
          ).cost.currentMonthlyUsd;
          expect(small).not.toBeNull();
          expect(large!).toBeGreaterThanOrEqual(small!);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('every figure can be checked by hand', () => {
  const settings = fc.record({
    idleTreatment: fc.constantFrom('allocated', 'proportional-idle', 'whole-instances'),
    fargateSpotShare: fc.constantFrom(0, 0.25, 1),
    computeSavingsPlanDiscount: fc.constantFrom(0, 0.2, 0.45),
    ec2OnlyCommitmentDiscount: fc.constantFrom(0, 0.3),
    hoursPerMonth: fc.constantFrom(730, 720, 100.5),
    cpuMemoryWeight: fc.constantFrom(9, 7.46),
    architecture: fc.constantFrom(null, 'arm64'),
    ec2ProjectionMode: fc.constantFrom('marginal-share', 'dedicated'),
    targetUtilization: fc.constantFrom(0.8, 1, 0.65),
    includePublicIPv4: fc.boolean(),
  });

  it('recomputes each priced breakdown line to the figure it states', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 256, max: 4096 }),
        fc.integer({ min: 512, max: 16384 }),
        fc.integer({ min: 20, max: 200 }),
        settings,
        fc.constantFrom<'EC2' | 'FARGATE' | 'FARGATE_SPOT'>('EC2', 'FARGATE', 'FARGATE_SPOT'),
        (cpu, memory, storage, knobs, launchType) => {
          const workload = taskOnEc2(cpu, memory);
          const withStorage = {
            ...workload,
            launchType,
            placements: launchType === 'EC2' ? workload.placements : [],
            ecs: { ...workload.ecs!, ephemeralStorageGiB: storage },
          };
          const { cost } = estimateCost(withStorage, parsePricingSettings(knobs), DEFAULT_PRICE_BOOK);
          const lines = cost.breakdown.map(pricedLine).filter((line) => line !== null);
          expect(lines.length).toBeGreaterThan(0);
          for (const line of lines) expect(recomputedCents(line!)).toBe(line!.statedCents);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never reports $0 for a workload with replicas: a figure is positive or null', () => {
    const regions = fc.constantFrom('us-east-1', 'eu-west-1', 'ap-south-1', 'il-central-1', 'us-gov-west-1');
    fc.assert(
      fc.property(
        regions,
        fc.integer({ min: 1, max: 20 }),
        fc.constantFrom<'x86_64' | 'arm64'>('x86_64', 'arm64'),
        (region, replicas, arch) => {
          const { cost, gaps } = estimateCost(
            makeEcsWorkload({ region, replicas, architecture: arch, launchType: 'FARGATE' }),
            defaults,
            DEFAULT_PRICE_BOOK,
          );
          for (const figure of [cost.currentMonthlyUsd, cost.fargateMonthlyUsd]) {
            if (figure !== null) expect(figure).toBeGreaterThan(0);
          }
          if (cost.fargateMonthlyUsd === null) expect(gaps.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
