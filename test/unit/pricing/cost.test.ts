import { describe, expect, it } from 'vitest';
import type { Placement, Workload } from '../../../lib/model/workload.js';
import { estimateCost } from '../../../lib/pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from '../../../lib/pricing/default-price-book.js';
import { parsePricingSettings } from '../../../lib/pricing/settings.js';
import {
  makeEcsContainer,
  makeEcsService,
  makeEcsWorkload,
  makeEksWorkload,
  makeK8sContainer,
} from '../../support/builders.js';
import { pricedLine, recomputedCents } from './breakdown-arithmetic.js';

const priced = (workload: Workload, settings: Record<string, unknown> = {}) =>
  estimateCost(workload, parsePricingSettings(settings), DEFAULT_PRICE_BOOK);

const placement = (overrides: Partial<Placement> = {}): Placement => ({
  instanceId: 'i-1',
  instanceType: 'm5.large',
  capacityType: 'on-demand',
  capacityCpuUnits: 2048,
  capacityMemoryMiB: 8192,
  allocatedCpuUnits: 1024,
  allocatedMemoryMiB: 2048,
  replicasHere: 2,
  ...overrides,
});

/** Two 0.5 vCPU / 1 GB tasks on one m5.large in `region`. */
const ecsOnEc2 = (overrides: Partial<Workload> = {}, region = 'us-east-1') =>
  makeEcsWorkload(
    {
      region,
      launchType: 'EC2',
      replicas: 2,
      account: '111122223333',
      cluster: 'prod',
      placements: [placement()],
      ...overrides,
    },
    { cpuUnits: 512, memoryMiB: 1024, requiresCompatibilities: ['EC2'] },
  );

const text = (breakdown: readonly string[]) => breakdown.join('\n');

describe('check mode (files, no launch type)', () => {
  it('prices one replica at us-east-1 rates when the file gives no replica count and no region', () => {
    const { cost, gaps } = priced(makeEcsWorkload());
    expect(cost.fargateMonthlyUsd).toBe(9.01);
    expect(cost.currentMonthlyUsd).toBeNull();
    expect(cost.monthlySavingsUsd).toBeNull();
    expect(cost.assumptions).toMatchObject({
      region: 'us-east-1',
      regionSource: 'default',
      replicasBasis: 'per-replica',
    });
    expect(text(cost.breakdown)).toContain('per replica (the input gives no replica count)');
    expect(gaps).toEqual([]);
  });

  it('multiplies by the replicas field of a manifest when there is one', () => {
    const { cost } = priced(makeEksWorkload({ replicas: 3 }));
    // 500m / 1 GiB + 256 MiB → 0.5 vCPU / 2 GB: (0.5 x 0.04048 + 2 x 0.004445) x 730 = 21.2648 per pod.
    expect(cost.fargateMonthlyUsd).toBe(63.79);
    expect(text(cost.breakdown)).not.toContain('per replica');
  });

  it('prices at the --region override instead of the default', () => {
    const { cost } = priced(makeEcsWorkload(), { region: 'eu-central-1' });
    expect(cost.fargateMonthlyUsd).toBe(10.36);
    expect(cost.assumptions).toMatchObject({ region: 'eu-central-1', regionSource: 'settings' });
  });
});

describe('unknown prices are null with a gap, never $0', () => {
  it('leaves the Fargate figure null for a region the price book does not have', () => {
    const { cost, gaps } = priced(ecsOnEc2({}, 'ap-southeast-5'));
    expect(cost.fargateMonthlyUsd).toBeNull();
    expect(cost.currentMonthlyUsd).toBeNull();
    expect(cost.monthlySavingsUsd).toBeNull();
    expect(
      gaps.some(
        (g) => g.scope === 'price' && g.errorName === 'PriceNotInBook' && g.region === 'ap-southeast-5',
      ),
    ).toBe(true);
    expect(gaps[0]).toMatchObject({ account: '111122223333', cluster: 'prod' });
    expect(text(cost.breakdown)).toContain(
      'Not priced: the price book (2026-09-29) has no Fargate Linux/x86_64',
    );
  });

  it('does not derive an ARM rate from x86 where no ARM rate is sourced', () => {
    const { cost, gaps } = priced(makeEcsWorkload({ region: 'eu-central-1' }, { cpuArchitecture: 'ARM64' }), {
      architecture: 'arm64',
    });
    expect(cost.fargateMonthlyUsd).toBeNull();
    expect(gaps[0]?.message).toContain('Linux/arm64 vCPU-hour, GB-hour rate for eu-central-1');
  });

  it('names the one missing half of a pair (ap-northeast-1 ARM has a vCPU rate, no GB rate)', () => {
    const { cost, gaps } = priced(makeEcsWorkload({ region: 'ap-northeast-1', architecture: 'arm64' }));
    expect(cost.fargateMonthlyUsd).toBeNull();
    expect(gaps[0]?.message).toContain('Linux/arm64 GB-hour rate');
  });

  it('leaves the current cost null for an instance type the book does not price, and still prices Fargate', () => {
    const { cost, gaps } = priced(ecsOnEc2({ placements: [placement({ instanceType: 'x2iedn.xlarge' })] }));
    expect(cost.currentMonthlyUsd).toBeNull();
    expect(cost.monthlySavingsUsd).toBeNull();
    expect(cost.fargateMonthlyUsd).toBe(36.04);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]?.message).toContain('no on-demand price for x2iedn.xlarge in us-east-1');
    expect(text(cost.breakdown)).toContain('Savings: not computed, as the current cost is not known');
  });

  it('does not price EC2 Spot instances at on-demand rates: null until a Spot discount is given', () => {
    const spot = ecsOnEc2({ placements: [placement({ capacityType: 'spot' })] });
    const unknown = priced(spot);
    expect(unknown.cost.currentMonthlyUsd).toBeNull();
    expect(unknown.gaps[0]?.errorName).toBe('SpotPriceUnknown');
    const known = priced(spot, { ec2SpotDiscount: 0.6 });
    // 2 x (9 x 0.5 + 1) x 0.096 x 0.4 / 26 x 730 = 11.86
    expect(known.cost.currentMonthlyUsd).toBe(11.86);
  });

  it('does not price a current cost from instances that run only some of the tasks', () => {
    const { cost, gaps } = priced(ecsOnEc2({ replicas: 3 }));
    expect(cost.currentMonthlyUsd).toBeNull();
    expect(gaps[0]?.errorName).toBe('PlacementsIncomplete');
  });

  it('does not price a current EC2 cost when no running task was seen on an instance', () => {
    const { cost, gaps } = priced(ecsOnEc2({ placements: [] }));
    expect(cost.currentMonthlyUsd).toBeNull();
    expect(gaps[0]?.errorName).toBe('NoPlacements');
  });

  it('prices storage above 20 GiB only where the book has a storage rate', () => {
    const withStorage = (region: string) =>
      makeEcsWorkload({ region, replicas: 1 }, { ephemeralStorageGiB: 50 });
    // (0.25 x 0.04048 + 0.5 x 0.004445 + 30 x 0.000111) x 730 = 11.4409
    expect(priced(withStorage('us-east-1')).cost.fargateMonthlyUsd).toBe(11.44);
    const elsewhere = priced(withStorage('eu-west-1'));
    expect(elsewhere.cost.fargateMonthlyUsd).toBeNull();
    expect(elsewhere.gaps[0]?.message).toContain('no Fargate ephemeral storage rate for eu-west-1');
  });
});

describe('Fargate figure', () => {
  it('adds the Windows licence fee per vCPU and notes that the Windows sources conflict', () => {
    const windows = makeEcsWorkload({ os: 'windows', replicas: 1 }, { cpuUnits: 1024, memoryMiB: 2048 });
    const { cost } = priced(windows);
    // (1 x 0.09148 + 1 x 0.046 + 2 x 0.01005) x 730 = 115.0334
    expect(cost.fargateMonthlyUsd).toBe(115.03);
    expect(text(cost.breakdown)).toContain(
      '1 task x (1 vCPU x $0.09148 + 1 vCPU x $0.046 + 2 GB x $0.01005) x 730 h',
    );
    expect(text(cost.breakdown)).toContain('third-party reports give 0.046552');
  });

  it('applies no Spot share to EKS, which has no Fargate Spot', () => {
    const plain = priced(makeEksWorkload());
    const spot = priced(makeEksWorkload(), { fargateSpotShare: 0.5 });
    expect(spot.cost.fargateMonthlyUsd).toBe(plain.cost.fargateMonthlyUsd);
    expect(text(spot.cost.breakdown)).toContain('Fargate Spot is not offered for EKS');
  });

  it('prices EKS on Fargate at x86_64 even when ARM is asked for', () => {
    const { cost } = priced(makeEksWorkload(), { architecture: 'arm64' });
    expect(cost.assumptions.fargateArchitecture).toBe('x86_64');
    expect(text(cost.breakdown)).toContain('EKS on Fargate runs on x86_64 only');
  });

  it('applies a Compute Savings Plan to both sides', () => {
    const plain = priced(ecsOnEc2()).cost;
    const discounted = priced(ecsOnEc2(), { computeSavingsPlanDiscount: 0.2 }).cost;
    expect(discounted.fargateMonthlyUsd).toBe(Math.round(plain.fargateMonthlyUsd! * 0.8 * 100) / 100);
    expect(discounted.currentMonthlyUsd).toBe(Math.round(plain.currentMonthlyUsd! * 0.8 * 100) / 100);
  });

  it('reports no Fargate figure, and no price gap, for a task larger than any Fargate size', () => {
    const huge = makeEcsWorkload({ replicas: 1 }, { cpuUnits: 32768, memoryMiB: 262144 });
    const { cost, gaps } = priced(huge);
    expect(cost.fargateMonthlyUsd).toBeNull();
    expect(gaps).toEqual([]);
    expect(text(cost.breakdown)).toContain('No Fargate size fits 32 vCPU / 262144 MiB');
  });

  it('gives a Windows EKS pod no Fargate size and says why, with no price gap', () => {
    const { cost, gaps } = priced(makeEksWorkload({ os: 'windows', replicas: 2 }));
    expect(cost.fargateMonthlyUsd).toBeNull();
    expect(cost.assumptions.fargateSize).toBeUndefined();
    expect(gaps).toEqual([]);
    expect(text(cost.breakdown)).toContain(
      'No Fargate size (EKS on Fargate runs Linux pods only): the Fargate figure is not priced',
    );
    expect(text(cost.breakdown)).not.toMatch(/Fargate size \d/);
  });

  it('takes a running EKS Fargate pod at the size in its CapacityProvisioned annotation', () => {
    const pod = makeEksWorkload({
      launchType: 'FARGATE',
      replicas: 1,
      annotations: { CapacityProvisioned: '2vCPU 9GB' },
    });
    const { cost } = priced(pod, { targetInstanceType: 'm5.xlarge' });
    // (2 x 0.04048 + 9 x 0.004445) x 730 = 88.30445
    expect(cost.currentMonthlyUsd).toBe(88.3);
    expect(cost.assumptions.fargateSize).toBe('2 vCPU / 9 GB');
  });

  it('prices a service on FARGATE_SPOT at the Spot rate', () => {
    const spot = makeEcsWorkload(
      { launchType: 'FARGATE_SPOT', replicas: 1 },
      { cpuUnits: 1024, memoryMiB: 2048 },
    );
    const { cost } = priced(spot, { targetInstanceType: 'm5.large' });
    // 0.04937 x 0.32 x 730 = 11.5328
    expect(cost.currentMonthlyUsd).toBe(11.53);
  });
});

describe('current cost on EC2', () => {
  it('counts 0.25 vCPU for a task that reserves no CPU, and says so', () => {
    const noCpu = makeEcsWorkload(
      { launchType: 'EC2', replicas: 1, placements: [placement({ replicasHere: 1 })] },
      { cpuUnits: null, memoryMiB: null, requiresCompatibilities: ['EC2'] },
    );
    const withCpu = makeEcsWorkload(
      {
        launchType: 'EC2',
        replicas: 1,
        placements: [placement({ replicasHere: 1 })],
        containers: [makeEcsContainer({}, { cpuUnits: 256 })],
      },
      { cpuUnits: null, memoryMiB: null, requiresCompatibilities: ['EC2'] },
    );
    expect(priced(noCpu).cost.currentMonthlyUsd).toBe(priced(withCpu).cost.currentMonthlyUsd);
    expect(text(priced(noCpu).cost.breakdown)).toContain('it reserves no CPU, so 0.25 vCPU is counted');
  });

  it('shares the idle capacity of each instance in proportion to what is allocated on it', () => {
    const spread = ecsOnEc2({
      replicas: 5,
      placements: [
        placement({ instanceId: 'i-half', allocatedCpuUnits: 2048, allocatedMemoryMiB: 4096 }),
        placement({ instanceId: 'i-alone', allocatedCpuUnits: 1024, allocatedMemoryMiB: 2048 }),
        placement({ instanceId: 'i-odd', allocatedCpuUnits: 0, allocatedMemoryMiB: 0, replicasHere: 1 }),
      ],
    });
    const { cost } = priced(spread, { idleTreatment: 'proportional-idle' });
    // i-half: 2 x 5.5 x 0.096 / 22 = 0.048; i-alone: 2 x 5.5 x 0.096 / 11 = 0.096; i-odd reports
    // nothing allocated, so it is charged whole: 0.096. (0.048 + 0.096 + 0.096) x 730 = 175.20.
    expect(cost.currentMonthlyUsd).toBe(175.2);
    expect(text(cost.breakdown)).toContain('i-odd (m5.large): reported allocation is below');
    for (const line of cost.breakdown.map(pricedLine)) {
      if (line !== null) expect(recomputedCents(line)).toBe(line.statedCents);
    }
  });

  it('says when whole-instance pricing charges capacity other workloads use', () => {
    const shared = ecsOnEc2({
      placements: [placement({ allocatedCpuUnits: 2048, allocatedMemoryMiB: 6000 })],
    });
    const { cost } = priced(shared, { idleTreatment: 'whole-instances' });
    expect(cost.currentMonthlyUsd).toBe(70.08);
    expect(text(cost.breakdown)).toContain('1 of the 1 instance also run other workloads');
  });

  it('shows EC2-only commitments a move would strand on a line of their own, not in the savings', () => {
    const { cost } = priced(ecsOnEc2(), { ec2OnlyCommitmentDiscount: 0.4 });
    // 2 x 5.5 x 0.096 x 0.6 / 26 x 730 = 17.79
    expect(cost.currentMonthlyUsd).toBe(17.79);
    expect(cost.monthlySavingsUsd).toBe(Math.round((17.79 - 36.04) * 100) / 100);
    expect(cost.assumptions.strandedCommitmentMonthlyUsd).toBe(17.79);
    expect(text(cost.breakdown)).toContain(
      'Stranded commitments (not netted into savings): about $17.79 a month',
    );
  });

  it('shows public IPv4 addresses as their own line, outside the Fargate figure', () => {
    const withPublicIp = makeEcsWorkload(
      { launchType: 'EC2', replicas: 2, placements: [placement()] },
      { cpuUnits: 512, memoryMiB: 1024, service: makeEcsService({ assignPublicIp: true }) },
    );
    const withoutPublicIp = ecsOnEc2();
    const plain = priced(withoutPublicIp).cost;
    const { cost } = priced(withPublicIp);
    expect(plain.assumptions.publicIpv4MonthlyUsd).toBeNull();
    expect(cost.fargateMonthlyUsd).toBe(plain.fargateMonthlyUsd);
    expect(cost.assumptions.publicIpv4MonthlyUsd).toBe(7.3);
    expect(text(cost.breakdown)).toContain(
      'Public IPv4 on Fargate, one per task (the service assigns public IPs; not in the Fargate figure): 2 addresses x $0.005 x 730 h = $7.30',
    );
  });

  it('says ECS Anywhere has no current price, and still gives the Fargate figure', () => {
    const { cost, gaps } = priced(makeEcsWorkload({ launchType: 'EXTERNAL', replicas: 2 }));
    expect(cost.currentMonthlyUsd).toBeNull();
    expect(cost.monthlySavingsUsd).toBeNull();
    expect(cost.fargateMonthlyUsd).toBe(18.02);
    expect(text(cost.breakdown)).toContain('ECS Anywhere runs on your own hardware');
    expect(gaps).toEqual([]);
  });
});

describe('Fargate → EC2 projection', () => {
  const onFargate = (architecture: 'x86_64' | 'arm64' = 'x86_64', region = 'us-east-1') =>
    makeEcsWorkload(
      { launchType: 'FARGATE', replicas: 10, region, architecture },
      { cpuUnits: 1024, memoryMiB: 2048 },
    );

  it('picks the cheapest fitting type of the same architecture, never a burstable T type', () => {
    const x86 = priced(onFargate()).cost;
    // Marginal share charges (9 x vCPU + GB) x price / (9 x type vCPU + type GB): the lowest per-unit
    // price among the book's non-burstable x86 us-east-1 types wins.
    const perUnit = Object.entries(DEFAULT_PRICE_BOOK.ec2)
      .filter(([, t]) => t.architecture === 'x86_64' && !t.burstable && t.hourlyUsd['us-east-1'])
      .map(([name, t]) => [name, Number(t.hourlyUsd['us-east-1']!.usd) / (9 * t.vcpu + t.memoryGiB)] as const)
      .sort((a, b) => a[1] - b[1]);
    expect(x86.assumptions.targetInstanceType).toBe(perUnit[0]![0]);
    const arm = priced(onFargate('arm64')).cost;
    expect(DEFAULT_PRICE_BOOK.ec2[String(arm.assumptions.targetInstanceType)]?.architecture).toBe('arm64');
    expect(String(arm.assumptions.targetInstanceType)).not.toMatch(/^t/);
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'treats a target instance type named %s as not in the book: no projection, a gap, Fargate still priced',
    (name) => {
      const { cost, gaps } = priced(onFargate(), { targetInstanceType: name });
      expect(cost.currentMonthlyUsd).toBe(priced(onFargate()).cost.currentMonthlyUsd);
      expect(cost.assumptions.projectedEc2MonthlyUsd).toBeNull();
      expect(cost.monthlySavingsUsd).toBeNull();
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toMatchObject({ errorName: 'PriceNotInBook', region: 'us-east-1' });
      expect(gaps[0]?.message).toContain(`has no on-demand price for ${name} in us-east-1`);
    },
  );

  it('treats a placement on an instance type named constructor as unpriced, never as a price', () => {
    const { cost, gaps } = priced(ecsOnEc2({ placements: [placement({ instanceType: 'constructor' })] }));
    expect(cost.currentMonthlyUsd).toBeNull();
    expect(cost.fargateMonthlyUsd).not.toBeNull();
    expect(cost.assumptions.fargateArchitecture).toBe('x86_64');
    expect(gaps.map((g) => g.errorName)).toEqual(['PriceNotInBook']);
  });

  it('gives each replica count and utilisation its own projection, though the cheapest type is worked out once', () => {
    const ten = priced(onFargate()).cost;
    const twenty = priced(
      makeEcsWorkload({ launchType: 'FARGATE', replicas: 20 }, { cpuUnits: 1024, memoryMiB: 2048 }),
    ).cost;
    const projected = (c: typeof ten) => Number(c.assumptions.projectedEc2MonthlyUsd);
    expect(twenty.assumptions.targetInstanceType).toBe(ten.assumptions.targetInstanceType);
    // Twice the replicas, twice the marginal share (to the cent, up to rounding of each figure).
    expect(Math.abs(projected(twenty) - 2 * projected(ten))).toBeLessThanOrEqual(0.01);
    const fuller = priced(onFargate(), { targetUtilization: 1 }).cost;
    expect(projected(fuller)).toBeLessThan(projected(ten));
    for (const c of [ten, twenty, fuller]) {
      const line = pricedLine(c.breakdown.find((l) => l.startsWith('Projected on EC2')) ?? '');
      expect(line).not.toBeNull();
      if (line !== null) expect(recomputedCents(line)).toBe(line.statedCents);
    }
  });

  it('leaves the projection null with a gap where the book prices no instance type', () => {
    const { cost, gaps } = priced(onFargate('x86_64', 'eu-central-1'));
    // 10 x (1 x 0.04656 + 2 x 0.00511) x 730 = 414.494
    expect(cost.currentMonthlyUsd).toBe(414.49);
    expect(cost.assumptions.projectedEc2MonthlyUsd).toBeNull();
    expect(cost.monthlySavingsUsd).toBeNull();
    expect(gaps[0]?.errorName).toBe('NoFittingInstanceType');
  });
});

describe('figures priced alike', () => {
  // Pricing remembers what it has worked out (decimals, expressions, the cheapest EC2 type), so a
  // figure must never depend on what was priced before it: price a varied set in two orders.
  const workloads: Workload[] = [
    ...[1, 2, 3].flatMap((replicas) => [
      ecsOnEc2({ replicas, placements: [placement({ replicasHere: replicas })] }),
      ecsOnEc2({
        replicas,
        placements: [
          placement({ replicasHere: replicas, instanceType: 'm5.xlarge', capacityCpuUnits: 4096 }),
        ],
      }),
      makeEcsWorkload({ launchType: 'FARGATE', replicas }, { cpuUnits: 512 * replicas, memoryMiB: 2048 }),
      makeEksWorkload({ launchType: 'FARGATE', replicas, region: 'eu-west-1' }),
      makeEksWorkload({ replicas, containers: [makeK8sContainer({ cpuRequestMillis: 250 * replicas })] }),
    ]),
    ecsOnEc2({ placements: [placement({ capacityMemoryMiB: 7680 })] }),
    ecsOnEc2({ placements: [placement({ capacityType: 'spot' })] }),
  ];
  const settingsVariants = [
    {},
    { targetUtilization: 1, ec2ProjectionMode: 'dedicated' },
    { cpuMemoryWeight: 4 },
  ];

  it('does not depend on what was priced before', () => {
    for (const settings of settingsVariants) {
      const forward = workloads.map((w) => priced(w, settings));
      const backward = [...workloads]
        .reverse()
        .map((w) => priced(w, settings))
        .reverse();
      expect(backward).toEqual(forward);
    }
    const firstFigures = workloads.map((w) => priced(w).cost.fargateMonthlyUsd);
    expect(new Set(firstFigures).size).toBeGreaterThan(5);
  });

  it('shares nothing a caller could change between workloads', () => {
    const a = priced(ecsOnEc2({ id: 'a' }));
    const b = priced(ecsOnEc2({ id: 'b' }));
    expect(b.cost).toEqual(a.cost);
    // The cost, its breakdown and its assumptions are frozen, so workloads priced alike can share them.
    expect(Object.isFrozen(b.cost)).toBe(true);
    expect(Object.isFrozen(b.cost.breakdown)).toBe(true);
    expect(Object.isFrozen(b.cost.assumptions)).toBe(true);
  });

  it('is one object for workloads priced alike', () => {
    const first = priced(ecsOnEc2({ id: 'svc-a', name: 'a' })).cost;
    const second = priced(ecsOnEc2({ id: 'svc-b', name: 'b' })).cost;
    expect(second).toBe(first);
    expect(second.currentMonthlyUsd).not.toBeNull();
  });

  it('is not shared when an assumption the breakdown does not print differs', () => {
    const fromWorkload = priced(ecsOnEc2({ id: 'svc-c' })).cost;
    const fromSettings = priced(ecsOnEc2({ id: 'svc-d' }), { region: 'us-east-1' }).cost;
    expect(fromSettings.breakdown).toBe(fromWorkload.breakdown);
    expect(fromSettings).not.toBe(fromWorkload);
    expect(fromWorkload.assumptions.regionSource).toBe('workload');
    expect(fromSettings.assumptions.regionSource).toBe('settings');
    // The one kept for the breakdown is now the second: the first kind of cost is made afresh, equal.
    const again = priced(ecsOnEc2({ id: 'svc-e' })).cost;
    expect(again).toEqual(fromWorkload);
    expect(again.assumptions.regionSource).toBe('workload');
  });
});

describe('the breakdown checker', () => {
  it('rejects a line whose arithmetic does not give its figure', () => {
    const line = pricedLine('Fargate: 2 tasks x (1 vCPU x $0.04048 + 2 GB x $0.004445) x 730 h = $72.09');
    expect(line).not.toBeNull();
    expect(recomputedCents(line!)).toBe('72.08');
    expect(recomputedCents(line!)).not.toBe(line!.statedCents);
  });

  it('reads precedence the way a person does: x and / before + and -', () => {
    const line = pricedLine('x: 1 + 2 x 3 - 4 / 2 = $5.00');
    expect(recomputedCents(line!)).toBe('5.00');
  });
});

describe('container builders used above', () => {
  it('keep the EKS builder default at 500m / 1 GiB so the figures above stay meaningful', () => {
    expect(makeK8sContainer()).toMatchObject({ cpuRequestMillis: 500, memoryRequestMiB: 1024 });
  });
});

describe('assumption keys, in the order they print', () => {
  const keysOf = (workload: Workload, settings: Record<string, unknown> = {}) =>
    Object.keys(priced(workload, settings).cost.assumptions);
  const onFargate = () =>
    makeEcsWorkload(
      { region: 'us-east-1', launchType: 'FARGATE', replicas: 2 },
      { cpuUnits: 512, memoryMiB: 1024 },
    );
  const common = [
    'direction',
    'region',
    'regionSource',
    'os',
    'hoursPerMonth',
    'replicas',
    'replicasBasis',
    'priceBookDate',
    'computeSavingsPlanDiscount',
  ];
  const fargate = ['fargateArchitecture', 'fargateSize', 'fargateSpotShare'];
  const fromEc2 = [
    ...common,
    'idleTreatment',
    'cpuMemoryWeight',
    'ec2OnlyCommitmentDiscount',
    'currentAllocatedMonthlyUsd',
    ...fargate,
    'breakEvenUtilization',
    'savingsPercent',
    'publicIpv4MonthlyUsd',
    'strandedCommitmentMonthlyUsd',
    'priceDates',
  ];

  it('per direction', () => {
    expect(keysOf(ecsOnEc2())).toEqual(fromEc2);
    expect(keysOf(onFargate())).toEqual([
      ...common,
      ...fargate,
      'ec2ProjectionMode',
      'targetUtilization',
      'cpuMemoryWeight',
      'ec2Architecture',
      'targetInstanceType',
      'breakEvenUtilization',
      'projectedEc2MonthlyUsd',
      'savingsPercent',
      'publicIpv4MonthlyUsd',
      'priceDates',
    ]);
    expect(keysOf(makeEcsWorkload())).toEqual([
      ...common,
      ...fargate,
      'savingsPercent',
      'publicIpv4MonthlyUsd',
      'priceDates',
    ]);
  });

  it('a Spot share adds its discount right after the share', () => {
    const keys = keysOf(ecsOnEc2(), { fargateSpotShare: 0.5 });
    expect(keys).toEqual([
      ...fromEc2.slice(0, fromEc2.indexOf('fargateSpotShare') + 1),
      'fargateSpotDiscount',
      ...fromEc2.slice(fromEc2.indexOf('fargateSpotShare') + 1),
    ]);
  });

  it('a figure that cannot be priced leaves its keys out; the others keep their order', () => {
    expect(keysOf(ecsOnEc2({ placements: [] }))).toEqual(
      fromEc2.filter((key) => key !== 'currentAllocatedMonthlyUsd'),
    );
  });

  it('leaves no placeholder among the values', () => {
    for (const workload of [ecsOnEc2(), ecsOnEc2({ placements: [] }), onFargate(), makeEcsWorkload()]) {
      for (const value of Object.values(priced(workload).cost.assumptions)) {
        expect(typeof value).not.toBe('symbol');
      }
    }
  });
});
