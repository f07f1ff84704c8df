import { fixedResult } from '../ecs/shared/fixed-result.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';

const SETS_HOST_NETWORK = fixedResult({ message: 'The pod sets hostNetwork: true.' });

/** Pods on the host network namespace. */
export const eksHostNetwork = defineRule({
  id: 'eks-host-network',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'hostNetwork is not supported on Fargate',
  rationale:
    'Each Fargate pod has its own VM and elastic network interface; there is no shared host network to join ' +
    '(containers-roadmap #1517).',
  fix: 'Remove hostNetwork: true and expose the pod through a Service; keep it on EC2 if it must see node traffic.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['hostNetwork'],
  evaluate(workload) {
    if (!workload.hostNetwork) return NO_VIOLATIONS;
    return SETS_HOST_NETWORK;
  },
});
