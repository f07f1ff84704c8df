import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { windowsHostPaths, windowsImages } from './shared/windows-signals.js';
import { quotedList } from './shared/wording.js';

/** ecs-runtime-platform-missing: a Windows task without runtimePlatform would start as Linux. */
export const ecsRuntimePlatformMissing = defineRule({
  id: 'ecs-runtime-platform-missing',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Windows task without runtimePlatform',
  rationale:
    'On Fargate the task runs on the OS that runtimePlatform names, LINUX and X86_64 by default. ' +
    'A Windows task has to say which Windows Server family it needs.',
  fix: 'Add runtimePlatform with operatingSystemFamily (WINDOWS_SERVER_2019_* or _2022_*, matching the image) and cpuArchitecture X86_64.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows'],
  evaluate(workload) {
    if (!workload.ecs || workload.ecs.operatingSystemFamily) return NO_VIOLATIONS;
    const images = windowsImages(workload);
    const paths = windowsHostPaths(workload);
    if (images.length > 0) {
      return [
        {
          message: `no runtimePlatform.operatingSystemFamily, but image ${quotedList(images)} is a Windows image`,
        },
      ];
    }
    if (paths.length > 0) {
      return [
        {
          message: `no runtimePlatform.operatingSystemFamily, but host path ${quotedList(paths)} is a Windows path`,
        },
      ];
    }
    if (workload.os === 'windows') {
      return [
        {
          message:
            'no runtimePlatform.operatingSystemFamily on a Windows task; Fargate would start it as Linux',
        },
      ];
    }
    return NO_VIOLATIONS;
  },
});
