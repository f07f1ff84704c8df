import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';

/** ecs-arch-arm64-windows: Windows on Fargate is x86_64 only. */
export const ecsArchArm64Windows = defineRule({
  id: 'ecs-arch-arm64-windows',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Windows task on ARM64',
  rationale: 'Windows containers on Fargate run only on the X86_64 CPU architecture.',
  fix: 'Use cpuArchitecture X86_64 with an x86_64 Windows image, or stay on EC2.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AWS_Fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['arm64'],
  evaluate(workload) {
    if (workload.ecs?.cpuArchitecture?.toUpperCase() !== 'ARM64' || !isWindowsTask(workload))
      return NO_VIOLATIONS;
    return [
      {
        message:
          'runtimePlatform sets cpuArchitecture ARM64 on a Windows task; Windows on Fargate is X86_64 only',
      },
    ];
  },
});
