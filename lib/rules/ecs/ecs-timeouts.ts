import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';

const outOfRange = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && (value < 2 || value > 120);

const setsTimeoutOutOfRange = (c: Container): boolean =>
  outOfRange(c.ecs?.startTimeout) || outOfRange(c.ecs?.stopTimeout);

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
  evaluate(workload) {
    if (!workload.containers.some(setsTimeoutOutOfRange)) return NO_VIOLATIONS;
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
  },
});
