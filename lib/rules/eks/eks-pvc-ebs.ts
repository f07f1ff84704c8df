import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { classifiedVolumes } from './shared/storage.js';

/** Volumes on Amazon EBS: in-tree, EBS CSI, or a claim judged by the EKS default class gp2. */
export const eksPvcEbs = defineRule({
  id: 'eks-pvc-ebs',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'EBS volumes cannot be mounted on Fargate pods',
  rationale:
    'EBS volumes attach to EC2 instances through the EBS CSI node DaemonSet, which cannot run on Fargate; ' +
    'AWS states that EBS volumes cannot be mounted to Fargate pods (containers-roadmap #1113 is still open).',
  fix: 'Keep the workload on EC2 nodes, or move its data to a statically provisioned EFS volume.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['volumes'],
  evaluate(workload) {
    const volumes = classifiedVolumes(workload);
    if (volumes.length === 0) return NO_VIOLATIONS;
    return volumes.flatMap(({ volume, storage }) => {
      if (storage.kind !== 'ebs') return NO_VIOLATIONS;
      if (storage.assumedDefault) {
        return [
          {
            message:
              `Volume "${volume.name}" uses ${storage.description}, which names no known storage class; it was ` +
              'judged by the EKS default class gp2 (EBS), which Fargate cannot mount.',
          },
        ];
      }
      return [{ message: `Volume "${volume.name}" is backed by EBS: ${storage.description}.` }];
    });
  },
});
