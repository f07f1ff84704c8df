import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { taskDefinitionOf } from './container-identity.js';

/** compliance-ecs-awsvpc-networking: Task does not use awsvpc networking. */
export const complianceEcsAwsvpcNetworking = defineRule({
  id: 'compliance-ecs-awsvpc-networking',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Task does not use awsvpc networking',
  rationale:
    'Only awsvpc gives each task its own elastic network interface and security group, so network access can be limited per task and seen in VPC flow logs. It is also the one mode Fargate accepts.',
  fix: 'Set networkMode awsvpc and give the service or RunTask call subnets and a security group.',
  docsUrl: 'https://docs.aws.amazon.com/config/latest/developerguide/ecs-awsvpc-networking-enabled.html',
  verifiedAt: '2026-11-27',
  control: 'AWS Config ecs-awsvpc-networking-enabled',
  evaluate(workload) {
    const networkMode = taskDefinitionOf(workload).networkMode;
    if (networkMode === 'awsvpc') return NO_VIOLATIONS;
    return [
      {
        message:
          networkMode === null
            ? `task definition ${workload.name} sets no networkMode, so it uses the instance default (bridge on Linux, NAT on Windows) instead of awsvpc`
            : `task definition ${workload.name} uses networkMode ${networkMode} instead of awsvpc`,
      },
    ];
  },
});
