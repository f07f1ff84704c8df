import { defineRule, NO_VIOLATIONS } from '../rule.js';

const UNSUPPORTED_ON_FARGATE = [
  'WINDOWS_SERVER_2016_FULL',
  'WINDOWS_SERVER_2004_CORE',
  'WINDOWS_SERVER_20H2_CORE',
];

/** ecs-os-family: Windows Server versions that Fargate does not offer. */
export const ecsOsFamily = defineRule({
  id: 'ecs-os-family',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Windows Server version not offered on Fargate',
  rationale:
    'Fargate runs LINUX and Windows Server 2019 and 2022 (FULL and CORE). Windows images must match the host ' +
    'version, so an image built on Server 2016, 2004 or 20H2 has to be rebuilt before it can move.',
  fix: 'Rebuild the image on Windows Server 2019 or 2022 and set the matching operatingSystemFamily, or stay on EC2.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-windows-fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows'],
  evaluate(workload) {
    const family = workload.ecs?.operatingSystemFamily?.toUpperCase();
    if (!family || !UNSUPPORTED_ON_FARGATE.includes(family)) return NO_VIOLATIONS;
    return [{ message: `runtimePlatform.operatingSystemFamily is ${family}, which Fargate does not run` }];
  },
});
