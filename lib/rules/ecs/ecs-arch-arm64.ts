import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { quotedList } from './shared/wording.js';

/** ecs-arch-arm64: Graviton runs on Fargate; only the images need checking. */
export const ecsArchArm64 = defineRule({
  id: 'ecs-arch-arm64',
  scope: 'ecs',
  category: 'fargate',
  severity: 'advisory',
  title: 'ARM64 task: check the images are arm64',
  rationale:
    'Linux tasks with cpuArchitecture ARM64 run on Fargate (Graviton), but every image must have an arm64 ' +
    'variant, which the task definition alone does not show.',
  fix: 'Confirm each image is arm64 or a multi-arch manifest list (for example with docker manifest inspect).',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RuntimePlatform.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['arm64'],
  evaluate(workload) {
    if (workload.ecs?.cpuArchitecture?.toUpperCase() !== 'ARM64' || isWindowsTask(workload))
      return NO_VIOLATIONS;
    const images = [...new Set(workload.containers.flatMap((c) => (c.image ? [c.image] : [])))];
    const which =
      images.length > 0 ? `check that image ${quotedList(images)} has` : 'check that every image has';
    return [{ message: `cpuArchitecture is ARM64: ${which} an arm64 variant` }];
  },
});
