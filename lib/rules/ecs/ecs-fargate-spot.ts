import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { describePins, linuxPinsBelow, upgradePlatformFix } from './shared/platform-version.js';

/** ecs-fargate-spot: Fargate Spot has OS, architecture and platform-version limits. */
export const ecsFargateSpot = defineRule({
  id: 'ecs-fargate-spot',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Fargate Spot not available for this task',
  rationale:
    'FARGATE_SPOT runs Linux X86_64 tasks on platform version 1.3.0 or later and Linux ARM64 tasks on 1.4.0 ' +
    'or later; Windows tasks cannot use it.',
  fix: 'Use the FARGATE (on-demand) capacity provider, or the platform version Spot needs.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const service = workload.ecs?.service;
    if (!service) return NO_VIOLATIONS;
    const usesSpot =
      service.capacityProviders.some((p) => p.toUpperCase() === 'FARGATE_SPOT') ||
      service.launchType?.toUpperCase() === 'FARGATE_SPOT' ||
      workload.launchType === 'FARGATE_SPOT';
    if (!usesSpot) return NO_VIOLATIONS;
    if (isWindowsTask(workload)) {
      return [
        {
          message: 'the service uses the FARGATE_SPOT capacity provider, which Windows tasks cannot use',
          fix: 'Use the FARGATE (on-demand) capacity provider for Windows tasks.',
        },
      ];
    }
    const arm64 = workload.ecs?.cpuArchitecture?.toUpperCase() === 'ARM64';
    const minimum = arm64 ? '1.4.0' : '1.3.0';
    const pins = linuxPinsBelow(workload, minimum);
    if (pins.length === 0) return NO_VIOLATIONS;
    return [
      {
        message: `the service uses FARGATE_SPOT, which needs platform version ${minimum} or later for ${arm64 ? 'ARM64' : 'X86_64'} tasks; ${describePins(pins)}`,
        fix: upgradePlatformFix(minimum),
      },
    ];
  },
});
