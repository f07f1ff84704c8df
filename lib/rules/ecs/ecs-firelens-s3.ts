import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';
import { equalsLowerCase } from './shared/letter-case.js';

function loadsConfigFromS3(c: Container): Violation | null {
  const fileType = c.ecs?.firelens?.configFileType;
  if (!fileType || !equalsLowerCase(fileType, 's3')) return null;
  return { message: `container "${c.name}" loads its FireLens configuration from S3 (config-file-type s3)` };
}

/** ecs-firelens-s3: FireLens on Fargate reads its config from a file only. */
export const ecsFirelensS3 = defineRule({
  id: 'ecs-firelens-s3',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'FireLens configuration loaded from S3',
  rationale: 'Tasks on Fargate support only the file configuration type for FireLens, not s3.',
  fix: 'Bake the configuration into the log router image and set config-file-type to file.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_FirelensConfiguration.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['firelens'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if (c.ecs?.firelens?.configFileType) return violationsFor(workload.containers, loadsConfigFromS3);
    }
    return NO_VIOLATIONS;
  },
});
