import { defineRule, violationsFor } from '../rule.js';

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
  evaluate(workload) {
    return violationsFor(workload.containers, (c) =>
      c.ecs?.firelens?.configFileType?.toLowerCase() === 's3'
        ? { message: `container "${c.name}" loads its FireLens configuration from S3 (config-file-type s3)` }
        : null,
    );
  },
});
