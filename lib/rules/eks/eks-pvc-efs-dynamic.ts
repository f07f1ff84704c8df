import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { classifiedVolumes } from './shared/storage.js';

/** EFS claims that rely on dynamic provisioning (access points created on demand, or no PV yet). */
export const eksPvcEfsDynamic = defineRule({
  id: 'eks-pvc-efs-dynamic',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'Dynamic EFS provisioning does not work on Fargate',
  rationale:
    'Fargate pods mount EFS through a built-in driver, but dynamic persistent volume provisioning is not ' +
    'available on Fargate nodes; static provisioning is.',
  fix: 'Pre-create an EFS access point and a PersistentVolume for it (static provisioning) and bind the claim to it.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    const volumes = classifiedVolumes(workload);
    if (volumes.length === 0) return NO_VIOLATIONS;
    return volumes.flatMap(({ volume, storage }) => {
      if (storage.kind !== 'efs-dynamic') return NO_VIOLATIONS;
      const claim = volume.claim;
      const why =
        volume.type === 'ephemeral'
          ? 'a generic ephemeral volume is always provisioned dynamically'
          : claim?.provisioningMode === 'efs-ap'
            ? 'its storage class provisions access points dynamically (provisioningMode: efs-ap)'
            : 'no pre-created PersistentVolume backs it';
      return [{ message: `Volume "${volume.name}" uses EFS through ${storage.description}, but ${why}.` }];
    });
  },
});
