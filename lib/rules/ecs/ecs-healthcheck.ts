import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { containersThat } from './shared/wording.js';

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
  evaluate(workload) {
    if (!workload.containers.some((c) => c.ecs?.hasHealthCheck)) return NO_VIOLATIONS;
    return featureNeedsPlatform(
      workload,
      () =>
        `${containersThat(
          workload.containers.filter((c) => c.ecs?.hasHealthCheck),
          'sets',
          'set',
        )} healthCheck`,
      '1.1.0',
    );
  },
});
