import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeConstraint, excludesLabelValue, nodeConstraints } from './shared/node-selection.js';

const OS_KEYS = new Set(['kubernetes.io/os', 'beta.kubernetes.io/os']);
const isOsKey = (key: string) => OS_KEYS.has(key);

/** Windows pods: EKS Fargate runs Linux only. */
export const eksWindows = defineRule({
  id: 'eks-windows',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Windows containers are not supported on EKS Fargate',
  rationale:
    'Windows containers are not supported for Amazon EKS pods on Fargate (ECS Fargate does run them).',
  fix: 'Keep the workload on Windows EC2 nodes, or move it to ECS on Fargate with a Windows Server 2019/2022 image.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows', 'nodeSelection'],
  evaluate(workload) {
    const constraints = nodeConstraints(workload, isOsKey);
    const selectsWindows = excludesLabelValue(constraints, 'linux');
    if (workload.os !== 'windows' && !selectsWindows) return NO_VIOLATIONS;
    const selection = `node selection (${constraints.map(describeConstraint).join('; ')}) rules out Linux`;
    const message =
      workload.os !== 'windows'
        ? `The pod's ${selection}.`
        : selectsWindows
          ? `The pod is a Windows pod and its ${selection}.`
          : 'The pod is a Windows pod.';
    return [{ message }];
  },
});
