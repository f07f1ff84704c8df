import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';

/** ecs-neuron: Neuron devices exist only on ECS Managed Instances. */
export const ecsNeuron = defineRule({
  id: 'ecs-neuron',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'AWS Neuron device requested',
  rationale:
    'The NeuronDevice resource type (Inferentia, Trainium) is supported only on ECS Managed Instances.',
  fix: 'Run the task on ECS Managed Instances with Inferentia or Trainium instance types.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ResourceRequirement.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['resourceRequirements'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.resourceRequirements.length ?? 0) > 0) return neuronViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per NeuronDevice requirement. */
function neuronViolations(workload: Workload): readonly Violation[] {
  return workload.containers.flatMap((c) =>
    (c.ecs?.resourceRequirements ?? [])
      .filter((r) => r.type.toUpperCase() === 'NEURONDEVICE')
      .map((r) => ({ message: `container "${c.name}" requests ${r.value} NeuronDevice` })),
  );
}
