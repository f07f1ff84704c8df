import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';

// Labels Kubernetes controllers stamp on each pod; a selector on them would match one revision only.
const PER_POD_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'statefulset.kubernetes.io/pod-name',
  'apps.kubernetes.io/pod-index',
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'job-name',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
]);

// The default quota of label pairs per Fargate profile selector (adjustable).
const MAX_SELECTOR_LABELS = 5;

function selectorLabels(workload: Workload): [string, string][] {
  return Object.entries(workload.labels)
    .filter(([key]) => !PER_POD_LABELS.has(key) && key !== 'eks.amazonaws.com/fargate-profile')
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, MAX_SELECTOR_LABELS);
}

/** EKS pods that no Fargate profile selects: the one change every move needs, reported as advice. */
export const eksProfileMatch = defineRule({
  id: 'eks-profile-match',
  scope: 'eks',
  category: 'fargate',
  severity: 'advisory',
  title: 'No Fargate profile selects the pod',
  rationale:
    'Only pods that match a selector of a Fargate profile (namespace plus optional labels) are scheduled on ' +
    'Fargate; others go to EC2 nodes or stay Pending. Adding the selector is the switch itself, not a change ' +
    'to the workload, so it does not lower the verdict.',
  fix:
    'Create a Fargate profile (profiles are immutable: create a new one, then delete the old) with a selector ' +
    'for the namespace and the pod labels.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    // undefined: profiles unknown (check mode) — nothing to say; null: known, none matches.
    if (workload.eks?.fargateProfile !== null) return NO_VIOLATIONS;
    const namespace = workload.namespace ?? 'default';
    const labels = selectorLabels(workload);
    const labelText = labels.map(([k, v]) => `${k}: ${v}`).join(', ');
    const selector =
      labels.length > 0 ? `namespace "${namespace}", labels {${labelText}}` : `namespace "${namespace}"`;
    const trimmed =
      Object.keys(workload.labels).length > labels.length ? ' (a subset of the pod labels is enough)' : '';
    return [
      {
        message: `No Fargate profile of the cluster selects this pod. Selector to add: ${selector}${trimmed}.`,
        fix: `Add a Fargate profile with the selector ${selector}; profiles are immutable, so create a new one.`,
      },
    ];
  },
});
