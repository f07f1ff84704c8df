import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';

/** ecs-ephemeral-windows: configurable ephemeral storage on Windows Fargate is contradictory in the docs. */
export const ecsEphemeralWindows = defineRule({
  id: 'ecs-ephemeral-windows',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Ephemeral storage size on a Windows task (unverified)',
  rationale:
    'The documentation disagrees: the Fargate task storage page and the 2023 guide say configurable ephemeral ' +
    'storage is not supported for Windows, while the API lists Windows platform version 1.0.0. The scanner takes ' +
    'the safe reading and asks for it to be removed.',
  fix: 'Remove ephemeralStorage from the Windows task, or test a registration on Fargate before relying on it.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-storage.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['ephemeralStorage'],
  evaluate(workload) {
    const size = workload.ecs?.ephemeralStorageGiB ?? null;
    if (size === null || !isWindowsTask(workload)) return NO_VIOLATIONS;
    return [
      {
        message: `ephemeralStorage.sizeInGiB is ${size} on a Windows task; Fargate support for this is unverified (the docs conflict)`,
      },
    ];
  },
});
