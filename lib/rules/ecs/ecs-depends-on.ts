import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { containersThat } from './shared/wording.js';

/** ecs-depends-on: container start ordering needs Linux platform version 1.3.0. */
export const ecsDependsOn = defineRule({
  id: 'ecs-depends-on',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Container dependencies on an old platform version',
  rationale:
    'dependsOn (container start and stop ordering) works on Fargate Linux platform version 1.3.0 or later.',
  fix: upgradePlatformFix('1.3.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDependency.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    if (!workload.containers.some((c) => c.ecs?.hasDependsOn)) return NO_VIOLATIONS;
    return featureNeedsPlatform(
      workload,
      () =>
        `${containersThat(
          workload.containers.filter((c) => c.ecs?.hasDependsOn),
          'sets',
          'set',
        )} dependsOn`,
      '1.3.0',
    );
  },
});
