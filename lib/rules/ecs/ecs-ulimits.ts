import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { parseUlimit } from './shared/ulimits.js';

const FARGATE_MAX_NOFILE = 1_048_576;

/** ecs-ulimits: ulimits work on Fargate Linux, with nofile capped at 1048576. */
export const ecsUlimits = defineRule({
  id: 'ecs-ulimits',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'nofile ulimit above the Fargate maximum',
  rationale:
    'Linux tasks on Fargate accept ulimits. Fargate sets nofile to 65535/65535 by default (it was 1024/4096) and ' +
    'allows at most 1048576 (2023 guide); other limits keep the operating system defaults unless set.',
  fix: `Lower the nofile soft and hard limits to ${FARGATE_MAX_NOFILE} or less.`,
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Ulimit.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['ulimits'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.ulimits.length ?? 0) > 0) return nofileViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** On a Linux task, one violation per nofile ulimit above the Fargate maximum. */
function nofileViolations(workload: Workload): readonly Violation[] {
  if (isWindowsTask(workload)) return NO_VIOLATIONS;
  return workload.containers.flatMap((c) =>
    (c.ecs?.ulimits ?? [])
      .map(parseUlimit)
      .filter((u) => u.name === 'nofile' && Math.max(u.soft ?? 0, u.hard ?? 0) > FARGATE_MAX_NOFILE)
      .map((u) => ({
        message: `container "${c.name}" sets ulimit nofile ${u.soft}:${u.hard}, above the Fargate maximum of ${FARGATE_MAX_NOFILE}`,
      })),
  );
}
