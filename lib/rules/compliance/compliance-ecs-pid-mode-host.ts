import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { taskDefinitionOf } from './container-identity.js';

/** compliance-ecs-pid-mode-host: Task shares the host process namespace. */
export const complianceEcsPidModeHost = defineRule({
  id: 'compliance-ecs-pid-mode-host',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Task shares the host process namespace',
  rationale:
    'pidMode host lets every container see and signal all processes on the instance, breaking container isolation.',
  fix: 'Remove pidMode, or use pidMode "task" when containers of the task need to see each other.',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-3',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['pidIpc'],
  control:
    'Security Hub ECS.3; AWS Config ecs-task-definition-pid-mode-check; Prowler ecs_task_definitions_host_namespace_not_shared',
  evaluate(workload) {
    if (taskDefinitionOf(workload).pidMode !== 'host') return NO_VIOLATIONS;
    return [
      { message: `task definition ${workload.name} sets pidMode host, sharing the host process namespace` },
    ];
  },
});
