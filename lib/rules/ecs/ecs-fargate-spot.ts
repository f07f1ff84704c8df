import type { EcsServiceDetail, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { equalsUpperCase } from './shared/letter-case.js';
import { isWindowsTask } from './shared/operating-system.js';
import { describePins, linuxPinsBelow, upgradePlatformFix } from './shared/platform-version.js';

/** True when the service runs on Fargate Spot, by capacity provider or launch type. */
function usesSpot(workload: Workload, service: EcsServiceDetail): boolean {
  if (workload.launchType === 'FARGATE_SPOT') return true;
  if (service.launchType && equalsUpperCase(service.launchType, 'FARGATE_SPOT')) return true;
  for (const p of service.capacityProviders) {
    if (equalsUpperCase(p, 'FARGATE_SPOT')) return true;
  }
  return false;
}

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
  firesOnlyWith: ['spot'],
  evaluate(workload) {
    const service = workload.ecs?.service;
    if (!service) return NO_VIOLATIONS;
    if (!usesSpot(workload, service)) return NO_VIOLATIONS;
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
