import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { configuredUser, describeContainer, isRootUser, taskDefinitionOf } from './container-identity.js';

/** compliance-ecs-host-mode-user: Host network mode containers run as root without an explicit privilege choice. */
export const complianceEcsHostModeUser = defineRule({
  id: 'compliance-ecs-host-mode-user',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Host network mode containers run as root without an explicit privilege choice',
  rationale:
    'With networkMode host a container shares the instance network stack; running it as root (the default when no user is set) without deliberately marking it privileged is an unintended escalation.',
  fix: 'Set a non-root "user" on the container, or switch the task to awsvpc networking (required on Fargate anyway).',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-1',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['hostNetworkMode'],
  control:
    'Security Hub ECS.1 (retired March 2026, superseded by ECS.17/ECS.20/ECS.21); AWS Config ecs-task-definition-user-for-host-mode-check; Prowler ecs_task_definitions_host_networking_mode_users',
  evaluate(workload) {
    if (taskDefinitionOf(workload).networkMode !== 'host') return NO_VIOLATIONS;
    return workload.containers
      .filter((container) => {
        const user = configuredUser(container);
        return !container.privileged && (user === null || isRootUser(user));
      })
      .map((container) => ({
        message: `${describeContainer(container)} uses host network mode and runs as ${
          configuredUser(container) === null
            ? 'the image default user (root unless the image says otherwise)'
            : 'root'
        } without privileged set`,
      }));
  },
});
