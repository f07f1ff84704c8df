import { defineRule, violationsFor } from '../rule.js';
import { EFS_DRIVER } from './shared/storage.js';

/**
 * EFS must reach a Fargate pod as a statically provisioned PersistentVolume. Claims bound to such a PV
 * pass; an inline CSI volume of the EFS driver is refused by the scheduler and converts mechanically.
 */
export const eksPvcEfsStatic = defineRule({
  id: 'eks-pvc-efs-static',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'EFS is mounted on Fargate only through a static PersistentVolume',
  rationale:
    'Fargate mounts EFS file systems with a built-in driver when a claim is bound to a pre-created PV with ' +
    `csi.driver ${EFS_DRIVER} (volumeHandle fs-… or fs-…::fsap-…); no node plugin is needed. Inline CSI ` +
    'volumes are refused by the Fargate scheduler ("unsupported volume Type").',
  fix: 'Create a PersistentVolume for the file system (static provisioning) and mount it through a PersistentVolumeClaim.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    return violationsFor(workload.volumes, (volume) =>
      volume.type === 'csi' && volume.driver === EFS_DRIVER
        ? {
            message: `Volume "${volume.name}" mounts EFS as an inline CSI volume instead of through a static PV.`,
          }
        : null,
    );
  },
});
