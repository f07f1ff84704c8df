/**
 * The benchmark's estates. `small` and `large` are one account-region scanned as the CLI scans it;
 * `org` is many account-regions of mixed sizes scanned through the Lambda fan-out path (one target
 * run per account-region, as the Step Functions Distributed Map starts them).
 */
import {
  type EstateShape,
  generateEstate,
  LARGE_ACCOUNT_REGION,
} from '../test/emulator/scenario/generate.js';
import type { AccountSpec, Scenario } from '../test/emulator/scenario/types.js';

export type ShapeName = 'small' | 'large' | 'org';

export const SHAPE_NAMES: readonly ShapeName[] = ['small', 'large', 'org'];

/** The role every member account of the org shape carries, as infra/member-role.yaml deploys it. */
export const BENCH_MEMBER_ROLE = { name: 'FargateFitReadOnly', externalId: 'fargate-fit-bench' } as const;

export interface BenchShape {
  readonly name: ShapeName;
  readonly description: string;
  /** `single`: scanEstate over the caller's account-region; `fan-out`: one target run per pair. */
  readonly mode: 'single' | 'fan-out';
  scenario(): Scenario;
}

/** 2 clusters, 50 services: quick enough for the harness test. */
export const SMALL_ACCOUNT_REGION: EstateShape = {
  name: 'small account-region',
  ecs: {
    clusters: 2,
    servicesPerCluster: 25,
    tasksPerService: 2,
    taskDefinitionFamilies: 40,
    containerInstancesPerCluster: 3,
    standaloneTasksPerCluster: 2,
  },
  eks: { clusters: 1, deploymentsPerCluster: 20, replicas: 3, nodesPerCluster: 2 },
};

/** A quarter of the large account-region. */
const MEDIUM_ACCOUNT_REGION: EstateShape = {
  name: 'medium account-region',
  ecs: {
    clusters: 5,
    servicesPerCluster: 100,
    tasksPerService: 5,
    taskDefinitionFamilies: 375,
    containerInstancesPerCluster: 20,
  },
  eks: { clusters: 3, deploymentsPerCluster: 200, replicas: 10, nodesPerCluster: 10 },
};

/** scan-limits §4.5's "small" member account-region: 2 clusters, 20 services, 100 tasks, 200 pods. */
const MEMBER_ACCOUNT_REGION: EstateShape = {
  name: 'member account-region',
  ecs: {
    clusters: 2,
    servicesPerCluster: 10,
    tasksPerService: 5,
    taskDefinitionFamilies: 20,
    containerInstancesPerCluster: 4,
  },
  eks: { clusters: 1, deploymentsPerCluster: 40, replicas: 5, nodesPerCluster: 3 },
};

/** Account id of the n-th account of the org estate (the first is the management account). */
export const orgAccountId = (index: number): string => String(200000000000 + index * 1111);

/**
 * The org estate: the management account with one large account-region, one account with a medium
 * one, and seven member accounts with a small account-region in each of two regions — 16 targets.
 */
function orgScenario(): Scenario {
  const parts: { shape: EstateShape; regions: readonly string[] }[] = [
    { shape: LARGE_ACCOUNT_REGION, regions: ['us-east-1'] },
    { shape: MEDIUM_ACCOUNT_REGION, regions: ['us-east-1'] },
    ...Array.from({ length: 7 }, () => ({
      shape: MEMBER_ACCOUNT_REGION,
      regions: ['us-east-1', 'eu-west-1'],
    })),
  ];
  const accounts: AccountSpec[] = parts.map(({ shape, regions }, index) => {
    const [account] = generateEstate({ ...shape, regions, role: BENCH_MEMBER_ROLE }).accounts;
    if (!account) throw new Error('generateEstate made no account');
    return { ...account, id: orgAccountId(index), name: `org-account-${index}` };
  });
  const management = orgAccountId(0);
  return {
    name: 'org: 16 account-regions of mixed sizes',
    callerAccount: management,
    organization: { managementAccount: management },
    accounts,
  };
}

export const BENCH_SHAPES: Readonly<Record<ShapeName, BenchShape>> = {
  small: {
    name: 'small',
    description: '1 account-region: 2 ECS clusters, 50 services, 1 EKS cluster',
    mode: 'single',
    scenario: () => generateEstate(SMALL_ACCOUNT_REGION),
  },
  large: {
    name: 'large',
    description:
      '1 account-region (scan-limits §4.4): 20 ECS clusters, 2,000 services, 1,500 task definitions, ' +
      '10,000 tasks, 400 container instances, 10 EKS clusters, 20,000 pods',
    mode: 'single',
    scenario: () => generateEstate(LARGE_ACCOUNT_REGION),
  },
  org: {
    name: 'org',
    description:
      '16 account-regions through the Lambda fan-out: 1 large, 1 medium, 14 small (2 clusters, 20 services, 200 pods)',
    mode: 'fan-out',
    scenario: orgScenario,
  },
};

export function isShapeName(value: string): value is ShapeName {
  return (SHAPE_NAMES as readonly string[]).includes(value);
}
