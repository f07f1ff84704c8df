import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask, REMOVE_LINUX_ONLY_ON_WINDOWS } from './shared/operating-system.js';

/** ecs-ipc-mode: Fargate tasks cannot share an IPC namespace. */
export const ecsIpcMode = defineRule({
  id: 'ecs-ipc-mode',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'IPC namespace sharing',
  rationale:
    'ipcMode is not supported for tasks on Fargate. ipcMode none only needs removing; host or task means the ' +
    'containers share memory segments through IPC, which Fargate cannot provide.',
  fix: 'ipcMode none: remove it. host or task: redesign so the containers do not share IPC, or stay on EC2.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['pidIpc'],
  evaluate(workload) {
    const mode = workload.ecs?.ipcMode;
    if (!mode) return NO_VIOLATIONS;
    if (mode.toLowerCase() === 'none') {
      return [{ message: 'ipcMode is "none"', severity: 'fixable', fix: 'Remove ipcMode.' }];
    }
    if (isWindowsTask(workload)) {
      return [
        {
          message: `ipcMode is "${mode}" on a Windows task, which does not support it`,
          severity: 'fixable',
          fix: REMOVE_LINUX_ONLY_ON_WINDOWS,
        },
      ];
    }
    return [
      {
        message: `ipcMode is "${mode}": the containers share an IPC namespace, which Fargate does not support`,
      },
    ];
  },
});
