import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describePins, linuxPinsBelow, upgradePlatformFix } from './shared/platform-version.js';

/** ecs-platform-version-old: a Linux platform version older than 1.4.0 is pinned. */
export const ecsPlatformVersionOld = defineRule({
  id: 'ecs-platform-version-old',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Old Fargate platform version pinned',
  rationale:
    'Linux platform versions 1.0.0 to 1.3.0 lack EFS, configurable ephemeral storage, SYS_PTRACE, pidMode task, ' +
    'systemControls, environment files, 8 and 16 vCPU sizes and ECS Exec; Security Hub ECS.10 flags them too.',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-linux-fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['platformPin'],
  evaluate(workload) {
    const pins = linuxPinsBelow(workload, '1.4.0');
    if (pins.length === 0) return NO_VIOLATIONS;
    return [{ message: `${describePins(pins)}; the current Linux platform version is 1.4.0 (LATEST)` }];
  },
});
