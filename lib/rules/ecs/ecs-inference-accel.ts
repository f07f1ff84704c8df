import type { Container } from '../../model/workload.js';
import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** True when the container has resourceRequirements (GPU, InferenceAccelerator, NeuronDevice). */
const requestsResources = (c: Container): boolean => (c.ecs?.resourceRequirements.length ?? 0) > 0;

/** ecs-inference-accel: Elastic Inference never ran on Fargate and is closed to new customers. */
export const ecsInferenceAccel = defineRule({
  id: 'ecs-inference-accel',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Elastic Inference accelerator',
  rationale:
    'Elastic Inference accelerators are not supported on Fargate, and Elastic Inference has been closed to new ' +
    'customers since 2023-04-15.',
  fix: 'Migrate off Elastic Inference (for example to Inferentia on ECS Managed Instances, or CPU/GPU inference).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_InferenceAccelerator.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['resourceRequirements'],
  evaluate(workload) {
    const declared = workload.ecs?.inferenceAccelerators ?? 0;
    if (declared <= 0 && !workload.containers.some(requestsResources)) return NO_VIOLATIONS;
    const violations: Violation[] = [];
    if (declared > 0) {
      violations.push({ message: `the task declares inferenceAccelerators (${declared})` });
    }
    for (const c of workload.containers) {
      if ((c.ecs?.resourceRequirements ?? []).some((r) => r.type.toUpperCase() === 'INFERENCEACCELERATOR')) {
        violations.push({ message: `container "${c.name}" requests an InferenceAccelerator` });
      }
    }
    return violations;
  },
});
