import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { fixedResult, fixedResultsBy } from './shared/fixed-result.js';
import { namesFargate } from './shared/operating-system.js';

function notValidated(required: readonly string[]): Violation {
  const declared = required.length === 0 ? 'is empty' : `is ${JSON.stringify(required)}`;
  return {
    message: `requiresCompatibilities ${declared} and lacks FARGATE, so ECS has not validated the task for Fargate`,
  };
}

/** The usual lists, empty or one launch type (EC2), give results that every such task shares. */
const NOTHING_REQUIRED = fixedResult(notValidated([]));
const onlyRequired = fixedResultsBy((compatibility: string) => notValidated([compatibility]));

/** ecs-compat-not-validated: the task definition is not registered as Fargate-compatible. */
export const ecsCompatNotValidated = defineRule({
  id: 'ecs-compat-not-validated',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Task definition not validated for Fargate',
  rationale:
    'ECS only checks a task definition against Fargate when requiresCompatibilities contains FARGATE; ' +
    'until then RunTask and services with the Fargate launch type reject it. When the read-only ' +
    'compatibilities already lists FARGATE, ECS has validated every field and only service and runtime risks remain.',
  fix: 'Re-register the task definition with requiresCompatibilities ["FARGATE"] once the other findings are fixed.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const task = workload.ecs;
    if (!task) return NO_VIOLATIONS;
    if (namesFargate(task.requiresCompatibilities)) return NO_VIOLATIONS;
    if (task.compatibilities && namesFargate(task.compatibilities)) return NO_VIOLATIONS;
    const required = task.requiresCompatibilities;
    if (required.length === 0) return NOTHING_REQUIRED;
    return required.length === 1 ? onlyRequired(required[0]!) : [notValidated(required)];
  },
});
