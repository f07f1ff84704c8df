import { describe, expect, it } from 'vitest';
import type { Placement, Workload } from '../../../lib/model/workload.js';
import { estimateCost } from '../../../lib/pricing/cost.js';
import { DEFAULT_PRICE_BOOK } from '../../../lib/pricing/default-price-book.js';
import { parsePricingSettings } from '../../../lib/pricing/settings.js';
import {
  makeEcsService,
  makeEcsWorkload,
  makeEksWorkload,
  makeK8sContainer,
} from '../../support/builders.js';
import { pricedLine, recomputedCents } from './breakdown-arithmetic.js';

/*
 * The worked examples of cost-model.md section 5, through the public estimateCost, to the cent.
 */

const m5Large = (overrides: Partial<Placement> = {}): Placement => ({
  instanceId: 'i-0123456789abcdef0',
  instanceType: 'm5.large',
  capacityType: 'on-demand',
  capacityCpuUnits: 2048,
  capacityMemoryMiB: 8192,
  allocatedCpuUnits: 2048,
  allocatedMemoryMiB: 4096,
  replicasHere: 4,
  ...overrides,
});

/** 5.1: 512 CPU units / 1024 MiB, desiredCount 4, on one m5.large ($0.096/h) in us-east-1. */
function ecsServiceOnM5Large(): Workload {
  return makeEcsWorkload(
    {
      id: 'arn:aws:ecs:us-east-1:111122223333:service/prod/web',
      kind: 'ecs-service',
      cluster: 'prod',
      account: '111122223333',
      region: 'us-east-1',
      launchType: 'EC2',
      replicas: 4,
      schedulingKind: 'replicated',
      placements: [m5Large()],
    },
    {
      cpuUnits: 512,
      memoryMiB: 1024,
      requiresCompatibilities: ['EC2'],
      service: makeEcsService({ launchType: 'EC2', desiredCount: 4, runningCount: 4 }),
    },
  );
}

/** 5.2: 10 tasks of 1 vCPU / 2 GB on Fargate x86 in us-east-1. */
function ecsServiceOnFargate(): Workload {
  return makeEcsWorkload(
    { kind: 'ecs-service', region: 'us-east-1', launchType: 'FARGATE', replicas: 10 },
    { cpuUnits: 1024, memoryMiB: 2048, service: makeEcsService({ desiredCount: 10, runningCount: 10 }) },
  );
}

/** 5.3: 3 replicas; app 250m/512Mi, sidecar 100m/128Mi, init 500m/256Mi; on m5.large nodes. */
function eksDeploymentOnM5Large(): Workload {
  return makeEksWorkload({
    id: 'eks:prod/shop/Deployment/web',
    cluster: 'prod',
    region: 'us-east-1',
    launchType: 'EC2',
    replicas: 3,
    containers: [
      makeK8sContainer({
        name: 'app',
        cpuRequestMillis: 250,
        cpuLimitMillis: 250,
        memoryRequestMiB: 512,
        memoryLimitMiB: 512,
      }),
      makeK8sContainer({
        name: 'proxy',
        cpuRequestMillis: 100,
        cpuLimitMillis: 100,
        memoryRequestMiB: 128,
        memoryLimitMiB: 128,
      }),
      makeK8sContainer({
        name: 'migrate',
        role: 'init',
        cpuRequestMillis: 500,
        cpuLimitMillis: 500,
        memoryRequestMiB: 256,
        memoryLimitMiB: 256,
      }),
    ],
    placements: [m5Large({ allocatedCpuUnits: 1400, allocatedMemoryMiB: 3000, replicasHere: 3 })],
  });
}

const priced = (workload: Workload, settings: Record<string, unknown> = {}) =>
  estimateCost(workload, parsePricingSettings(settings), DEFAULT_PRICE_BOOK);

function expectBreakdownToRecompute(breakdown: readonly string[]): void {
  const lines = breakdown.map(pricedLine).filter((l) => l !== null);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(recomputedCents(line!)).toBe(line!.statedCents);
}

describe('cost-model.md 5.1: ECS service on EC2 → Fargate', () => {
  it('charges the allocated share $59.30 against Fargate $72.08 and says the move would cost more', () => {
    const { cost, gaps } = priced(ecsServiceOnM5Large());
    expect(cost.currentMonthlyUsd).toBe(59.3);
    expect(cost.fargateMonthlyUsd).toBe(72.08);
    expect(cost.monthlySavingsUsd).toBe(-12.78);
    expect(cost.breakdown.join('\n')).toContain('would cost more');
    expect(cost.breakdown).toContain(
      'Fargate Linux/x86_64 us-east-1: 4 tasks x (0.5 vCPU x $0.04048 + 1 GB x $0.004445) x 730 h = $72.08',
    );
    expect(cost.assumptions).toMatchObject({ idleTreatment: 'allocated', priceBookDate: '2026-09-29' });
    expect(gaps).toEqual([]);
    expectBreakdownToRecompute(cost.breakdown);
  });

  it('charges the whole m5.large, $70.08, when idle capacity counts as whole instances: Fargate is $2.00 dearer', () => {
    const { cost } = priced(ecsServiceOnM5Large(), { idleTreatment: 'whole-instances' });
    expect(cost.currentMonthlyUsd).toBe(70.08);
    expect(cost.monthlySavingsUsd).toBe(-2);
    expect(cost.assumptions.savingsPercent).toBe(-2.9);
    expectBreakdownToRecompute(cost.breakdown);
  });

  it('reaches the same $70.08 by sharing the idle half of the instance in proportion to allocation', () => {
    const { cost } = priced(ecsServiceOnM5Large(), { idleTreatment: 'proportional-idle' });
    expect(cost.currentMonthlyUsd).toBe(70.08);
    expectBreakdownToRecompute(cost.breakdown);
  });

  it('prices Fargate ARM at $57.67, which saves $12.41 against the whole instance', () => {
    const { cost } = priced(ecsServiceOnM5Large(), {
      architecture: 'arm64',
      idleTreatment: 'whole-instances',
    });
    expect(cost.fargateMonthlyUsd).toBe(57.67);
    expect(cost.monthlySavingsUsd).toBe(12.41);
    expect(cost.assumptions.fargateArchitecture).toBe('arm64');
    expectBreakdownToRecompute(cost.breakdown);
  });

  it('prices 100 % Fargate Spot at 68 % off at $23.07', () => {
    const fromBook = priced(ecsServiceOnM5Large(), { fargateSpotShare: 1 });
    const fromSettings = priced(ecsServiceOnM5Large(), { fargateSpotShare: 1, fargateSpotDiscount: 0.68 });
    expect(fromBook.cost.fargateMonthlyUsd).toBe(23.07);
    expect(fromSettings.cost.fargateMonthlyUsd).toBe(23.07);
    expectBreakdownToRecompute(fromBook.cost.breakdown);
  });
});

describe('cost-model.md 5.2: Fargate → EC2', () => {
  it('prices the current 10 tasks of 1 vCPU / 2 GB on Fargate at $360.40', () => {
    const { cost } = priced(ecsServiceOnFargate(), { targetInstanceType: 'm6i.large' });
    expect(cost.currentMonthlyUsd).toBe(360.4);
    expect(cost.fargateMonthlyUsd).toBe(360.4);
  });

  it('packs 2 tasks per dedicated m6i.large: 5 instances, $350.40, $10.00 saved', () => {
    const { cost } = priced(ecsServiceOnFargate(), {
      ec2ProjectionMode: 'dedicated',
      targetInstanceType: 'm6i.large',
    });
    expect(cost.assumptions.projectedEc2MonthlyUsd).toBe(350.4);
    expect(cost.monthlySavingsUsd).toBe(10);
    expect(cost.breakdown).toContain(
      'Projected on EC2, dedicated m6i.large instances: 5 instances x $0.096 x 730 h = $350.40',
    );
    expectBreakdownToRecompute(cost.breakdown);
  });

  it('needs 10 m6i.large ($700.80, a loss) once a small daemon task runs on each instance', () => {
    const { cost } = priced(ecsServiceOnFargate(), {
      ec2ProjectionMode: 'dedicated',
      targetInstanceType: 'm6i.large',
      daemonCpuUnitsPerInstance: 128,
      daemonMemoryMiBPerInstance: 128,
    });
    expect(cost.assumptions.projectedEc2MonthlyUsd).toBe(700.8);
    expect(cost.monthlySavingsUsd).toBe(-340.4);
    expect(cost.breakdown.join('\n')).toContain('moving to EC2 would cost more');
  });

  it('fits 1 task per c6i.large on memory (4 GiB less what the OS keeps): 10 instances, $620.50', () => {
    const { cost } = priced(ecsServiceOnFargate(), {
      ec2ProjectionMode: 'dedicated',
      targetInstanceType: 'c6i.large',
    });
    expect(cost.assumptions.projectedEc2MonthlyUsd).toBe(620.5);
  });

  it('charges the marginal share of m6i.large at 80 % utilisation, $370.62, i.e. $10.21 more than Fargate', () => {
    // cost-model.md prints $370.61 because it rounds u to 0.0036923 before multiplying; unrounded,
    // 11 x 0.096 / 26 / 0.8 x 7300 = 370.6154, which is $370.62. The saving, -$10.21, agrees.
    const { cost } = priced(ecsServiceOnFargate(), { targetInstanceType: 'm6i.large' });
    expect(cost.assumptions.projectedEc2MonthlyUsd).toBe(370.62);
    expect(cost.monthlySavingsUsd).toBe(-10.21);
    expect(cost.breakdown.join('\n')).toContain('moving to EC2 would cost more');
    expectBreakdownToRecompute(cost.breakdown);
  });
});

describe('cost-model.md 5.3: EKS Deployment on managed nodes → Fargate', () => {
  it('sizes the pod at 0.5 vCPU / 1 GB and prices 3 replicas at $54.06 on Fargate', () => {
    const { cost } = priced(eksDeploymentOnM5Large());
    expect(cost.assumptions.fargateSize).toBe('0.5 vCPU / 1 GB');
    expect(cost.fargateMonthlyUsd).toBe(54.06);
  });

  it('charges $30.53 allocated on m5.large without the init container, and a 56 % break-even', () => {
    const { cost } = priced(eksDeploymentOnM5Large());
    expect(cost.currentMonthlyUsd).toBe(30.53);
    expect(cost.monthlySavingsUsd).toBe(-23.53);
    expect(cost.assumptions.breakEvenUtilization).toBeCloseTo(0.5647, 4);
    expect(cost.breakdown.join('\n')).toContain('less than 56 % utilised');
    expectBreakdownToRecompute(cost.breakdown);
  });
});
