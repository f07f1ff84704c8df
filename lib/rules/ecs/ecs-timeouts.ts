import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';

const outOfRange = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && (value < 2 || value > 120);

/** ecs-timeouts: Fargate accepts start and stop timeouts of 2 to 120 seconds. */
export const ecsTimeouts = defineRule({
  id: 'ecs-timeouts',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Container timeout outside 2–120 seconds',
  rationale: 'On Fargate startTimeout and stopTimeout must be 2 to 120 seconds (stopTimeout defaults to 30).',
  fix: 'Clamp startTimeout and stopTimeout to 2–120 seconds; shut down faster on SIGTERM if 120 s is not enough.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerLifecycle'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (outOfRange(c.ecs?.startTimeout) || outOfRange(c.ecs?.stopTimeout))
        return timeoutViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per start or stop timeout outside 2 to 120 seconds. */
function timeoutViolations(workload: Workload): readonly Violation[] {
  return workload.containers.flatMap((c) =>
    (
      [
        ['startTimeout', c.ecs?.startTimeout],
        ['stopTimeout', c.ecs?.stopTimeout],
      ] as const
    )
      .filter(([, value]) => outOfRange(value))
      .map(([field, value]) => ({
        message: `container "${c.name}" sets ${field} ${value} s (Fargate allows 2–120)`,
      })),
  );
}
