import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { featureNeedsPlatform, upgradePlatformFix } from './shared/platform-version.js';
import { containersThat } from './shared/wording.js';

/** ecs-secrets: injected secrets need Linux platform version 1.3.0. */
export const ecsSecrets = defineRule({
  id: 'ecs-secrets',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Injected secrets on an old platform version',
  rationale:
    'Secrets injected from Secrets Manager or SSM Parameter Store work on Fargate Linux platform version 1.3.0 ' +
    'or later (Windows 1.0.0); the task execution role must be allowed to read them.',
  fix: upgradePlatformFix('1.3.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Secret.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    if (!workload.containers.some((c) => c.secretEnvNames.length > 0)) return NO_VIOLATIONS;
    return featureNeedsPlatform(
      workload,
      () =>
        `${containersThat(
          workload.containers.filter((c) => c.secretEnvNames.length > 0),
          'injects',
          'inject',
        )} secrets`,
      '1.3.0',
    );
  },
});
