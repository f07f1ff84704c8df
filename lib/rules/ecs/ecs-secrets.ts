import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { containersNeedPlatform, upgradePlatformFix } from './shared/platform-version.js';

/** True when the container injects secrets as environment variables. */
const injectsSecrets = (c: Container): boolean => c.secretEnvNames.length > 0;

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
  // Secrets need a newer platform only where an older one is pinned.
  firesOnlyWith: ['platformPin'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.secretEnvNames.length > 0)
        return containersNeedPlatform(workload, injectsSecrets, 'injects', 'inject', 'secrets', '1.3.0');
    }
    return NO_VIOLATIONS;
  },
});
