import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** compliance-ecs-efs-transit-encryption: EFS volume mounted without encryption in transit. */
export const complianceEcsEfsTransitEncryption = defineRule({
  id: 'compliance-ecs-efs-transit-encryption',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'EFS volume mounted without encryption in transit',
  rationale:
    'EFS traffic between the task and the file system travels unencrypted unless transitEncryption is ENABLED; DISABLED is the default when the field is omitted.',
  fix: 'Set efsVolumeConfiguration.transitEncryption to ENABLED (required when IAM authorization or an access point is used).',
  docsUrl:
    'https://docs.aws.amazon.com/config/latest/developerguide/ecs-task-definition-efs-encryption-enabled.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  control:
    'AWS Config ecs-task-definition-efs-encryption-enabled (Security Hub ECS.18; control number not confirmed against the Security Hub page)',
  evaluate(workload) {
    if (!workload.volumes.some((volume) => volume.type === 'ecsEfs')) return NO_VIOLATIONS;
    return workload.volumes
      .filter(
        (volume) => volume.type === 'ecsEfs' && volume.efsTransitEncryption?.toUpperCase() !== 'ENABLED',
      )
      .map((volume) => ({
        message: `EFS volume "${volume.name}" ${
          volume.efsTransitEncryption === null
            ? 'does not set transitEncryption (defaults to DISABLED)'
            : `sets transitEncryption ${volume.efsTransitEncryption}`
        }`,
      }));
  },
});
