import { defineRule, NO_VIOLATIONS } from '../rule.js';
import {
  CAPACITY_TYPE_KEYS,
  describeConstraint,
  nodeConstraints,
  selectsSpot,
} from './shared/node-selection.js';

const EC2_ONLY_KEYS = new Set([
  'node.kubernetes.io/instance-type',
  'beta.kubernetes.io/instance-type',
  'eks.amazonaws.com/nodegroup',
  'eks.amazonaws.com/nodegroup-image',
  ...CAPACITY_TYPE_KEYS,
]);

const EC2_ONLY_PREFIXES = [
  'karpenter.sh/',
  'karpenter.k8s.aws/',
  'eks.amazonaws.com/instance-',
  'alpha.eksctl.io/',
];

function isEc2OnlyLabel(key: string): boolean {
  return EC2_ONLY_KEYS.has(key) || EC2_ONLY_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** Node selection on labels only EC2 nodes carry (instance type, node group, Karpenter). */
export const eksNodeSelectors = defineRule({
  id: 'eks-node-selectors',
  scope: 'eks',
  category: 'fargate',
  severity: 'advisory',
  title: 'Pod selects EC2-only node labels',
  rationale:
    'The EKS guide says affinity and anti-affinity rules do not apply to Fargate pods; a pod that selects ' +
    'instance types, node groups or Karpenter pools expresses an EC2 placement that Fargate cannot honour. ' +
    'How the Fargate scheduler treats such selectors is unverified.',
  fix: 'Remove the EC2-specific nodeSelector / node affinity from the pod template before moving it to Fargate.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['nodeSelection'],
  evaluate(workload) {
    // Spot selections belong to eks-spot, which explains the missing Fargate Spot.
    const selected = nodeConstraints(workload, isEc2OnlyLabel);
    if (selected.length === 0) return NO_VIOLATIONS;
    const constraints = selected.filter((c) => !selectsSpot(c));
    if (constraints.length === 0) return NO_VIOLATIONS;
    return [
      {
        message:
          `The pod selects EC2-only node labels (${constraints.map(describeConstraint).join('; ')}); ` +
          'Fargate does not apply them (scheduling outcome unverified).',
      },
    ];
  },
});
