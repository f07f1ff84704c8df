import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { containersNeedPlatform, upgradePlatformFix } from './shared/platform-version.js';

/** True when the container loads environment files from S3. */
const loadsEnvironmentFiles = (c: Container): boolean => c.ecs?.hasEnvironmentFiles === true;

/** ecs-env-files: environment files from S3 need Linux platform version 1.4.0. */
export const ecsEnvFiles = defineRule({
  id: 'ecs-env-files',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Environment files on an old platform version',
  rationale:
    'environmentFiles (variables loaded from S3) work on Fargate Linux platform version 1.4.0 or later (Windows 1.0.0).',
  fix: upgradePlatformFix('1.4.0'),
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_EnvironmentFile.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerLifecycle'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.hasEnvironmentFiles)
        return containersNeedPlatform(
          workload,
          loadsEnvironmentFiles,
          'loads',
          'load',
          'environmentFiles',
          '1.4.0',
        );
    }
    return NO_VIOLATIONS;
  },
});
