import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { classifiedVolumes, DOCUMENTED_UNSUPPORTED_DRIVERS } from './shared/storage.js';

/** FSx for Lustre and Mountpoint for S3 claims, which AWS documents as unsupported on Fargate. */
export const eksPvcOther = defineRule({
  id: 'eks-pvc-other',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'FSx for Lustre and Mountpoint for S3 volumes are not supported on Fargate',
  rationale:
    'The EKS storage guide says the FSx for Lustre CSI driver is not supported on Fargate and Mountpoint for ' +
    'Amazon S3 does not support AWS Fargate; both need a node plugin.',
  fix: 'Keep the workload on EC2 nodes, or move the data to a statically provisioned EFS volume.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fsx-csi.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    const volumes = classifiedVolumes(workload);
    if (volumes.length === 0) return NO_VIOLATIONS;
    return volumes.flatMap(({ volume, storage }) => {
      if (storage.kind !== 'documented-unsupported') return NO_VIOLATIONS;
      const driver = volume.claim?.driver ?? '';
      const product = DOCUMENTED_UNSUPPORTED_DRIVERS[driver] ?? driver;
      return [
        { message: `Volume "${volume.name}" uses ${product} (${driver}) through ${storage.description}.` },
      ];
    });
  },
});
