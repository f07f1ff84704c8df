import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';

/** ecs-gpu: Fargate has no GPUs. */
export const ecsGpu = defineRule({
  id: 'ecs-gpu',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'GPU requested',
  rationale: 'GPUs are not available on Fargate; AWS points GPU workloads at ECS Managed Instances or EC2.',
  fix: 'Run the task on ECS Managed Instances or EC2 GPU capacity.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ResourceRequirement.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['resourceRequirements'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.resourceRequirements.length ?? 0) > 0) return gpuViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per GPU requirement. */
function gpuViolations(workload: Workload): readonly Violation[] {
  return workload.containers.flatMap((c) =>
    (c.ecs?.resourceRequirements ?? [])
      .filter((r) => r.type.toUpperCase() === 'GPU')
      .map((r) => ({
        message: `container "${c.name}" requests ${r.value} GPU (resourceRequirements type ${r.type})`,
      })),
  );
}
