import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { containersNeedPlatform, upgradePlatformFix } from './shared/platform-version.js';

/** True when the container has a container health check. */
const setsHealthCheck = (c: Container): boolean => c.ecs?.hasHealthCheck === true;

/** ecs-healthcheck: container health checks need Linux platform version 1.1.0. */
export const ecsHealthcheck = defineRule({
  id: 'ecs-healthcheck',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Container health check on an old platform version',
  rationale: 'Container health checks run on Fargate Linux platform version 1.1.0 or later (Windows 1.0.0).',
  fix: upgradePlatformFix('1.1.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_HealthCheck.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerLifecycle'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.hasHealthCheck)
        return containersNeedPlatform(workload, setsHealthCheck, 'sets', 'set', 'healthCheck', '1.1.0');
    }
    return NO_VIOLATIONS;
  },
});
