import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { fixedResult } from './shared/fixed-result.js';
import { isAlreadyOnFargate } from './shared/operating-system.js';

const NO_TASK_ROLE = fixedResult({
  message:
    'the task has no taskRoleArn; if its containers call AWS with the EC2 instance profile, they will have no credentials on Fargate',
});

/** ecs-instance-role-creds: without a task role, containers on EC2 can fall back to the instance profile. */
export const ecsInstanceRoleCreds = defineRule({
  id: 'ecs-instance-role-creds',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'No task role: may rely on the EC2 instance profile',
  rationale:
    "A task without taskRoleArn on EC2 gets AWS credentials from the container instance's role. Fargate tasks " +
    'have no instance profile, so an application that calls AWS would lose its credentials. Whether the application ' +
    'calls AWS cannot be seen from the task definition, so the scanner asks for a task role to be safe.',
  fix: 'Add a task role (taskRoleArn) with the permissions the application uses from the instance role; if it never calls AWS, an empty role is enough.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const task = workload.ecs;
    if (!task || task.hasTaskRole) return NO_VIOLATIONS;
    if (isAlreadyOnFargate(workload)) return NO_VIOLATIONS;
    return NO_TASK_ROLE;
  },
});
