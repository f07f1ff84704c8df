import { defineRule, NO_VIOLATIONS } from '../../rules/rule.js';

/** ECS.2: services do not give their tasks public IP addresses. */
export const ecsServicePublicIp = defineRule({
  id: 'ecs-service-public-ip',
  scope: 'ecs',
  category: 'compliance',
  severity: 'fixable',
  title: 'ECS service does not auto-assign public IP addresses',
  rationale:
    'Tasks with public IPs are reachable from the internet wherever their security groups allow it. Note the tension with Fargate: a task in a public subnet needs a public IP (or NAT / VPC endpoints) to pull its image — prefer private subnets with NAT or endpoints.',
  fix: 'Set networkConfiguration.awsvpcConfiguration.assignPublicIp to DISABLED and run the tasks in private subnets with a NAT gateway or VPC endpoints for ECR, S3 and CloudWatch Logs.',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['publicIp'],
  control: 'Security Hub ECS.2 / ecs_service_no_assign_public_ip',
  evaluate(workload) {
    const service = workload.ecs?.service;
    if (!service?.assignPublicIp) return NO_VIOLATIONS;
    return [{ message: `Service ${workload.name} assigns public IP addresses to its tasks.` }];
  },
});
