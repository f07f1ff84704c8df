import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { classifiedVolumes } from './shared/storage.js';

/** nfs, iscsi, other CSI drivers and claims that could not be resolved: unverified, so not eligible. */
export const eksPvcOtherUnknown = defineRule({
  id: 'eks-pvc-other-unknown',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Persistent storage Fargate is not known to support',
  rationale:
    'The only persistent storage AWS documents for Fargate pods is statically provisioned EFS. NFS, iSCSI, ' +
    'other CSI drivers and claims whose backing cannot be determined are unverified and treated as blockers.',
  fix: 'Move the data to a statically provisioned EFS volume, or keep the workload on EC2 nodes.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/storage.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    const volumes = classifiedVolumes(workload);
    if (volumes.length === 0) return NO_VIOLATIONS;
    return volumes.flatMap(({ volume, storage }) => {
      if (storage.kind !== 'unknown') return NO_VIOLATIONS;
      const claim = volume.claim;
      const backing =
        claim === null
          ? ''
          : claim.resolvedBy === 'unresolved'
            ? ', whose storage could not be resolved'
            : claim.driver !== null
              ? `, driver ${claim.driver}`
              : claim.pvSourceType !== null
                ? `, a ${claim.pvSourceType} PersistentVolume`
                : '';
      return [
        {
          message:
            `Volume "${volume.name}" uses ${storage.description}${backing}; Fargate support is unverified, ` +
            'so it is treated as a blocker.',
        },
      ];
    });
  },
});
