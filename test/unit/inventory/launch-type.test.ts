import { describe, expect, it } from 'vitest';
import {
  combineLaunchTypes,
  resolveServiceLaunchType,
  resolveTaskLaunchType,
} from '../../../lib/inventory/ecs/launch-type.js';
import type {
  EcsCapacityProviderRecord,
  EcsClusterRecord,
  EcsServiceRecord,
  EcsTaskRecord,
} from '../../../lib/inventory/snapshot.js';

const CLUSTER = 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod';

function cluster(
  defaultStrategy: EcsClusterRecord['defaultCapacityProviderStrategy'] = [],
): EcsClusterRecord {
  return {
    arn: CLUSTER,
    name: 'prod',
    status: 'ACTIVE',
    containerInsights: null,
    capacityProviders: [],
    defaultCapacityProviderStrategy: defaultStrategy,
    tags: {},
    services: [],
    tasks: [],
    containerInstances: [],
  };
}

function service(overrides: Partial<EcsServiceRecord> = {}): EcsServiceRecord {
  return {
    arn: `${CLUSTER.replace(':cluster/', ':service/')}/web`,
    name: 'web',
    clusterArn: CLUSTER,
    status: 'ACTIVE',
    taskDefinition: null,
    launchType: null,
    capacityProviderStrategy: [],
    platformVersion: null,
    platformFamily: null,
    schedulingStrategy: 'REPLICA',
    desiredCount: 1,
    runningCount: 1,
    pendingCount: 0,
    networkConfiguration: null,
    loadBalancers: [],
    placementConstraints: 0,
    placementStrategies: 0,
    deploymentController: 'ECS',
    tags: {},
    ...overrides,
  };
}

const asg: EcsCapacityProviderRecord = {
  arn: 'arn:aws:ecs:eu-west-1:111122223333:capacity-provider/prod-asg',
  name: 'prod-asg',
  status: 'ACTIVE',
  type: 'EC2_AUTOSCALING',
  autoScalingGroupArn:
    'arn:aws:autoscaling:eu-west-1:111122223333:autoScalingGroup:x:autoScalingGroupName/prod-asg',
  managedTerminationProtection: 'ENABLED',
};
const providers = new Map([[asg.name, asg]]);
const item = (capacityProvider: string, weight = 1, base = 0) => ({ capacityProvider, weight, base });

describe('resolveServiceLaunchType', () => {
  it('takes the service launch type first', () => {
    expect(
      resolveServiceLaunchType(service({ launchType: 'FARGATE' }), cluster([item('prod-asg')]), providers),
    ).toMatchObject({
      launchType: 'FARGATE',
      source: 'launch-type',
    });
    expect(
      resolveServiceLaunchType(service({ launchType: 'EXTERNAL' }), cluster(), providers).launchType,
    ).toBe('EXTERNAL');
    expect(
      resolveServiceLaunchType(service({ launchType: 'MANAGED_INSTANCES' }), cluster(), providers).launchType,
    ).toBe('EC2');
  });

  it('then the service capacity provider strategy', () => {
    const spot = resolveServiceLaunchType(
      service({ capacityProviderStrategy: [item('FARGATE_SPOT')] }),
      cluster(),
      providers,
    );
    expect(spot).toMatchObject({
      launchType: 'FARGATE_SPOT',
      source: 'service-strategy',
      capacityProviders: ['FARGATE_SPOT'],
    });
    const mixed = resolveServiceLaunchType(
      service({ capacityProviderStrategy: [item('FARGATE', 1, 1), item('FARGATE_SPOT', 3)] }),
      cluster(),
      providers,
    );
    expect(mixed.launchType).toBe('FARGATE');
  });

  it('reports a strategy that still places tasks on EC2 as EC2', () => {
    const resolution = resolveServiceLaunchType(
      service({ capacityProviderStrategy: [item('FARGATE', 1), item('prod-asg', 1)] }),
      cluster(),
      providers,
    );
    expect(resolution.launchType).toBe('EC2');
  });

  it('ignores a provider that receives no tasks (weight 0, base 0)', () => {
    const resolution = resolveServiceLaunchType(
      service({ capacityProviderStrategy: [item('FARGATE', 1), item('prod-asg', 0, 0)] }),
      cluster(),
      providers,
    );
    expect(resolution).toMatchObject({ launchType: 'FARGATE', capacityProviders: ['FARGATE'] });
  });

  it('falls back to the cluster default strategy, then to EC2', () => {
    expect(resolveServiceLaunchType(service(), cluster([item('prod-asg')]), providers)).toMatchObject({
      launchType: 'EC2',
      source: 'cluster-default',
      capacityProviders: ['prod-asg'],
    });
    expect(resolveServiceLaunchType(service(), cluster([item('FARGATE')]), providers).launchType).toBe(
      'FARGATE',
    );
    expect(resolveServiceLaunchType(service(), cluster(), providers)).toMatchObject({
      launchType: 'EC2',
      source: 'ecs-default',
    });
  });

  it('gives no launch type when a provider in play was never described', () => {
    const resolution = resolveServiceLaunchType(
      service({ capacityProviderStrategy: [item('unknown-provider')] }),
      cluster(),
      providers,
    );
    expect(resolution).toMatchObject({ launchType: null, unresolvedProviders: ['unknown-provider'] });
  });

  it('knows a Managed Instances provider is EC2 capacity', () => {
    const mi: EcsCapacityProviderRecord = {
      ...asg,
      name: 'prod-mi',
      type: 'MANAGED_INSTANCES',
      autoScalingGroupArn: null,
    };
    const resolution = resolveServiceLaunchType(
      service({ capacityProviderStrategy: [item('prod-mi')] }),
      cluster(),
      new Map([[mi.name, mi]]),
    );
    expect(resolution.launchType).toBe('EC2');
  });
});

describe('resolveTaskLaunchType', () => {
  const task = (overrides: Partial<EcsTaskRecord>): EcsTaskRecord => ({
    arn: 'arn:aws:ecs:eu-west-1:111122223333:task/prod/t1',
    clusterArn: CLUSTER,
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/job:1',
    group: 'family:job',
    startedBy: null,
    launchType: null,
    capacityProviderName: null,
    platformVersion: null,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    containerInstanceArn: null,
    cpu: null,
    memory: null,
    availabilityZone: null,
    tags: {},
    ...overrides,
  });

  it('sees Fargate Spot through the capacity provider, since the launch type says FARGATE', () => {
    expect(
      resolveTaskLaunchType(task({ launchType: 'FARGATE', capacityProviderName: 'FARGATE_SPOT' }), providers),
    ).toBe('FARGATE_SPOT');
    expect(
      resolveTaskLaunchType(task({ launchType: 'EC2', capacityProviderName: 'prod-asg' }), providers),
    ).toBe('EC2');
    expect(resolveTaskLaunchType(task({ launchType: 'EXTERNAL' }), providers)).toBe('EXTERNAL');
  });
});

describe('combineLaunchTypes', () => {
  it('reports the capacity a mixed workload still depends on', () => {
    expect(combineLaunchTypes(['FARGATE', 'EC2'])).toBe('EC2');
    expect(combineLaunchTypes(['FARGATE_SPOT', 'FARGATE'])).toBe('FARGATE');
    expect(combineLaunchTypes(['EXTERNAL', 'FARGATE'])).toBe('EXTERNAL');
    expect(combineLaunchTypes([])).toBeNull();
  });
});
