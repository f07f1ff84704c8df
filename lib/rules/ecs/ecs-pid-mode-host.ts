import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

/** ecs-pid-mode-host: Fargate offers only the task PID namespace. */
export const ecsPidModeHost = defineRule({
  id: 'ecs-pid-mode-host',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Host PID namespace',
  rationale:
    'On Fargate the only valid pidMode for Linux is task ("Tasks using the Fargate launch type do not support ' +
    'pidMode host"). Sidecars that only need to see sibling containers work with pidMode task; agents that ' +
    'watch every process on the host cannot move.',
  fix: "Change pidMode to task (platform version 1.4.0 or later) if the goal is to see the task's own containers; if host-wide process visibility is required, stay on EC2.",
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['pidIpc'],
  evaluate(workload) {
    if (workload.ecs?.pidMode?.toLowerCase() !== 'host') return NO_VIOLATIONS;
    if (isWindowsTask(workload)) {
      return [
        {
          message: 'pidMode is "host" on a Windows task, which does not support pidMode',
          fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
        },
      ];
    }
    return [
      {
        message:
          'pidMode is "host"; Fargate offers only pidMode "task" (a blocker if the workload needs to see host processes)',
      },
    ];
  },
});
