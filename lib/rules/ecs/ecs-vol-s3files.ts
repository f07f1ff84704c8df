import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { volumeNamesOfType } from './shared/volumes.js';
import { quotedList } from './shared/wording.js';

/** ecs-vol-s3files: S3 Files volumes on Fargate are unconfirmed, so treated as unsupported. */
export const ecsVolS3files = defineRule({
  id: 'ecs-vol-s3files',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'S3 Files volume (Fargate support unverified)',
  rationale:
    's3filesVolumeConfiguration is a 2026 volume type in the ECS API; no source confirms that Fargate supports it, ' +
    'so the scanner treats it as unsupported until one does.',
  fix: 'Check the ECS documentation for S3 Files on Fargate before moving; until confirmed, keep the task where it runs.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Volume.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    const names = volumeNamesOfType(workload, 'ecsS3Files');
    if (names.length === 0) return NO_VIOLATIONS;
    return [
      {
        message: `volume ${quotedList(names)} uses s3filesVolumeConfiguration; Fargate support is unverified, so it is treated as a blocker`,
      },
    ];
  },
});
