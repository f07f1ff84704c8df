import { describe, expect, it } from 'vitest';
import { ecsRules } from '../../../../lib/rules/ecs/index.js';
import { makeEcsService, makeEcsWorkload } from '../../../support/builders.js';

const serviceLevel = [
  'ecs-daemon-service',
  'ecs-lb-classic',
  'ecs-lb-target-instance',
  'ecs-service-netconf-missing',
  'ecs-cp-asg',
  'ecs-placement-strategy',
  'ecs-fargate-spot',
  'ecs-nlb-udp',
];

/** A service that trips every service-level rule at once. */
const troubledService = makeEcsService({
  schedulingStrategy: 'DAEMON',
  launchType: null,
  capacityProviders: ['asg-provider'],
  hasNetworkConfiguration: false,
  platformVersion: null,
  classicLoadBalancers: 1,
  targetGroupArns: ['arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/0123456789abcdef'],
  targetTypes: ['instance'],
  placementStrategies: 2,
});

describe('service-level ecs rules', () => {
  const rules = ecsRules.filter((r) => serviceLevel.includes(r.id));

  it('exist in the catalogue', () => {
    expect(rules.map((r) => r.id).sort()).toEqual([...serviceLevel].sort());
  });

  it.each(rules.map((r) => [r.id, r] as const))('%s stays silent on a bare task definition', (_id, rule) => {
    expect(rule.evaluate(makeEcsWorkload({}, { service: null, platformVersion: '1.0.0' }))).toEqual([]);
  });

  it('report each problem of a service that is DAEMON, behind a CLB and instance targets, on ASG capacity', () => {
    const workload = makeEcsWorkload(
      { kind: 'ecs-service', launchType: 'EC2' },
      { networkMode: 'bridge', service: troubledService },
    );
    const fired = rules.filter((r) => r.evaluate(workload).length > 0).map((r) => r.id);
    expect(fired.sort()).toEqual(
      [
        'ecs-daemon-service',
        'ecs-lb-classic',
        'ecs-lb-target-instance',
        'ecs-service-netconf-missing',
        'ecs-cp-asg',
        'ecs-placement-strategy',
      ].sort(),
    );
  });

  it('blocks only on DAEMON scheduling', () => {
    const workload = makeEcsWorkload({ kind: 'ecs-service' }, { service: troubledService });
    const blockers = rules.flatMap((r) =>
      r.evaluate(workload).map((v) => ({ id: r.id, severity: v.severity ?? r.severity })),
    );
    expect(blockers.filter((b) => b.severity === 'blocker').map((b) => b.id)).toEqual(['ecs-daemon-service']);
  });
});
