import { defineRule, NO_VIOLATIONS } from '../rule.js';

const COMPUTE_TYPE = 'eks.amazonaws.com/compute-type';

/** Pods told to run on EC2 (or another non-Fargate compute type) by annotation or node selector. */
export const eksComputeTypeEc2 = defineRule({
  id: 'eks-compute-type-ec2',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'Pod is pinned to EC2 compute',
  rationale:
    `The pod template annotation ${COMPUTE_TYPE}: ec2 (set on CoreDNS by default) keeps Fargate from ` +
    'scheduling the pod even when a profile selects it; a nodeSelector on the same label pins it to other nodes.',
  fix: `Remove the ${COMPUTE_TYPE} annotation (or nodeSelector) from the pod template.`,
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-getting-started.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['computeType'],
  evaluate(workload) {
    const annotation = workload.eks?.computeType ?? workload.annotations[COMPUTE_TYPE] ?? null;
    const selected = workload.nodeSelector[COMPUTE_TYPE];
    if (annotation === null && selected === undefined) return NO_VIOLATIONS;
    const seen: string[] = [];
    if (annotation !== null && annotation.toLowerCase() !== 'fargate') {
      seen.push(`annotation ${COMPUTE_TYPE}: ${annotation}`);
    }
    if (selected !== undefined && selected.toLowerCase() !== 'fargate') {
      seen.push(`nodeSelector ${COMPUTE_TYPE}: ${selected}`);
    }
    if (seen.length === 0) return NO_VIOLATIONS;
    return [{ message: `The pod template sets ${seen.join(' and ')}, which keeps it off Fargate.` }];
  },
});
