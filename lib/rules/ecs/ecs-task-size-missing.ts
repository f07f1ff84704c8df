import { ecsRequirement, roundUpToFargateSize } from '../../sizing/fargate-size.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { fixedResultsBy, rememberedByValue } from './shared/fixed-result.js';
import { osOf } from './shared/operating-system.js';
import { describeSize } from './shared/wording.js';

/** What the task leaves out, as the message says it. */
type Missing = 'cpu and memory are' | 'cpu is' | 'memory is';

/**
 * Results by what is missing and the Fargate size that covers the containers: wording a size is most
 * of what a finding costs, and the Fargate grid has few sizes, so every task of a size shares one.
 */
const coveringSize = rememberedByValue((missing: Missing) =>
  rememberedByValue((cpu: number) =>
    fixedResultsBy((memoryMiB: number) => ({
      message: `task-level ${missing} not set; the smallest Fargate size that covers the containers is ${describeSize({ cpu, memoryMiB })}`,
    })),
  ),
);

const noCoveringSize = fixedResultsBy((missing: Missing) => ({
  message: `task-level ${missing} not set; no Fargate size covers the containers (see ecs-task-size-too-big)`,
}));

/** ecs-task-size-missing: Fargate needs task-level cpu and memory. */
export const ecsTaskSizeMissing = defineRule({
  id: 'ecs-task-size-missing',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Task-level cpu or memory not set',
  rationale:
    'Fargate bills and places each task by its task-level cpu and memory, so both are required whenever ' +
    'requiresCompatibilities contains FARGATE, even if EC2 is listed too.',
  fix: 'Set task-level cpu and memory to a valid Fargate size that covers the containers (the message names the smallest).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const task = workload.ecs;
    if (!task || (task.cpuUnits !== null && task.memoryMiB !== null)) return NO_VIOLATIONS;
    const missing: Missing =
      task.cpuUnits === null ? (task.memoryMiB === null ? 'cpu and memory are' : 'cpu is') : 'memory is';
    const requirement = ecsRequirement(workload);
    const size = roundUpToFargateSize(
      Math.max(requirement.cpuUnits, 1),
      requirement.memoryMiB,
      osOf(workload),
    );
    return size ? coveringSize(missing)(size.cpu)(size.memoryMiB) : noCoveringSize(missing);
  },
});
