import { fargateSizeOf } from '../../sizing/fargate-size.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { formatMiB, formatVcpu } from './shared/containers.js';

/** Pods whose computed Fargate size exceeds 16 vCPU / 120 GB. */
export const eksSizeTooBig = defineRule({
  id: 'eks-size-too-big',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Pod is larger than the largest Fargate size',
  rationale:
    'Fargate sizes a pod from max(Σ container requests, largest init container request) plus 256 MiB for ' +
    'kubelet, kube-proxy and containerd, rounded up to a valid size; the largest is 16 vCPU / 120 GB, so ' +
    'memory requests above 122,624 MiB cannot be placed.',
  fix: 'Lower the requests (split the pod if it really needs more), or keep it on EC2 nodes.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['sizeConcern'],
  evaluate(workload) {
    const { requirement, size, noSizeReason } = fargateSizeOf(workload);
    // No size for another reason than the requirement (a Windows pod): eks-windows speaks to that.
    if (size !== null || noSizeReason !== undefined) return NO_VIOLATIONS;
    return [
      {
        message:
          `The pod needs ${formatVcpu(requirement.cpuUnits)} and ${formatMiB(requirement.memoryMiB)}, ` +
          `computed as ${requirement.basis}; the largest Fargate pod is 16 vCPU / 120 GB.`,
      },
    ];
  },
});
