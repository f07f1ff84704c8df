import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { containersThat } from './shared/wording.js';

/** ecs-nlb-udp: UDP behind a Network Load Balancer needs Linux platform version 1.4.0. */
export const ecsNlbUdp = defineRule({
  id: 'ecs-nlb-udp',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Load-balanced UDP on an old platform version',
  rationale:
    'Fargate tasks can serve UDP through a Network Load Balancer from Linux platform version 1.4.0. The scanner ' +
    'cannot see listener protocols, so it looks for UDP port mappings on a load-balanced service.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['loadBalancers'],
  evaluate(workload) {
    const service = workload.ecs?.service;
    if (!service || service.targetGroupArns.length === 0) return NO_VIOLATIONS;
    const udp = workload.containers.filter((c) => c.ports.some((p) => p.protocol.toLowerCase() === 'udp'));
    if (udp.length === 0) return NO_VIOLATIONS;
    return featureNeedsPlatform(
      workload,
      () => `${containersThat(udp, 'serves', 'serve')} UDP behind the service's load balancer`,
      '1.4.0',
    );
  },
});
