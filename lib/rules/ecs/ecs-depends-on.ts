import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { containersNeedPlatform, upgradePlatformFix } from './shared/platform-version.js';

/** True when the container waits for another container (dependsOn). */
const dependsOnAnother = (c: Container): boolean => c.ecs?.hasDependsOn === true;

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
  firesOnlyWith: ['containerLifecycle'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.hasDependsOn)
        return containersNeedPlatform(workload, dependsOnAnother, 'sets', 'set', 'dependsOn', '1.3.0');
    }
    return NO_VIOLATIONS;
  },
});
