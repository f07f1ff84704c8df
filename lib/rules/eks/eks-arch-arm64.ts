import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeConstraint, excludesLabelValue, nodeConstraints } from './shared/node-selection.js';

const ARCH_KEYS = new Set(['kubernetes.io/arch', 'beta.kubernetes.io/arch']);
const isArchKey = (key: string) => ARCH_KEYS.has(key);

/** Pods whose node selection rules out x86_64, the only architecture EKS Fargate offers. */
export const eksArchArm64 = defineRule({
  id: 'eks-arch-arm64',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Pod requires arm64 (Graviton) nodes',
  rationale:
    'EKS Fargate runs x86_64 only (Graviton on EKS Fargate is containers-roadmap #1629, still open); ECS ' +
    'Fargate has ARM64, EKS does not. A pod that selects arm64 nodes usually ships an arm64-only image.',
  fix: 'Build a multi-arch (amd64) image and drop the arm64 node selection, or keep the workload on Graviton EC2 nodes.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['nodeSelection'],
  evaluate(workload) {
    const constraints = nodeConstraints(workload, isArchKey);
    if (!excludesLabelValue(constraints, 'amd64')) return NO_VIOLATIONS;
    return [
      {
        message: `The pod's node selection (${constraints.map(describeConstraint).join('; ')}) rules out amd64.`,
      },
    ];
  },
});
