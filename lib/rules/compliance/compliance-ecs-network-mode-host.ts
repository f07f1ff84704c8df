import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { taskDefinitionOf } from './container-identity.js';

/** compliance-ecs-network-mode-host: Task uses host network mode. */
export const complianceEcsNetworkModeHost = defineRule({
  id: 'compliance-ecs-network-mode-host',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Task uses host network mode',
  rationale:
    'In host network mode containers bind directly to the instance network interfaces, bypass per-task security groups and can reach the instance metadata service and every local port.',
  fix: 'Use networkMode awsvpc (required on Fargate) and give the task its own security group.',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-17',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['hostNetworkMode'],
  control: 'Security Hub ECS.17; AWS Config ecs-task-definition-network-mode-not-host',
  evaluate(workload) {
    if (taskDefinitionOf(workload).networkMode !== 'host') return NO_VIOLATIONS;
    return [{ message: `task definition ${workload.name} uses networkMode host` }];
  },
});
