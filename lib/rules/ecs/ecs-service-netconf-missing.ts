import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { fixedResult } from './shared/fixed-result.js';

const NO_NETWORK_CONFIGURATION = fixedResult({
  message: 'the service has no networkConfiguration (subnets and security groups)',
});

/** ecs-service-netconf-missing: an awsvpc service needs subnets and security groups. */
export const ecsServiceNetconfMissing = defineRule({
  id: 'ecs-service-netconf-missing',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Service has no network configuration',
  rationale:
    'Fargate tasks are placed in the subnets and security groups named in the service networkConfiguration; ' +
    'without one ECS cannot start them.',
  fix:
    'Add networkConfiguration.awsvpcConfiguration with subnets and security groups, and either assignPublicIp or ' +
    'a NAT gateway / VPC endpoints so the task can pull its images.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const service = workload.ecs?.service;
    if (!service || service.hasNetworkConfiguration) return NO_VIOLATIONS;
    return NO_NETWORK_CONFIGURATION;
  },
});
