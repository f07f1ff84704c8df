import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerResult, containerViolations } from './container-identity.js';

const setsNoMemoryLimit = containerResult(' sets no resources.limits.memory');

function memoryLimitViolations(container: Container): readonly Violation[] {
  return container.memoryLimitMiB === null ? setsNoMemoryLimit(container) : NO_VIOLATIONS;
}

/** compliance-eks-memory-limit: Container has no memory limit. */
export const complianceEksMemoryLimit = defineRule({
  id: 'compliance-eks-memory-limit',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container has no memory limit',
  rationale:
    'A container without resources.limits.memory can use all the memory of its node until the kernel kills neighbours; a limit bounds the damage of a leak or a memory-exhaustion attack.',
  fix: 'Set resources.limits.memory (on Fargate, equal to the request).',
  docsUrl: 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
  verifiedAt: '2026-11-27',
  control: 'Analogue of AWS Config ecs-task-definition-memory-hard-limit',
  firesOnlyWith: ['resourceGaps'],
  evaluate(workload) {
    return containerViolations(workload.containers, memoryLimitViolations);
  },
});
