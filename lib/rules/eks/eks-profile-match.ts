import { byText } from '../../model/text-order.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { flattened } from './shared/messages.js';

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

// Pins a pod to a named profile; eks-profile-semantics speaks about it, a selector does not need it.
const PIN_LABEL = 'eks.amazonaws.com/fargate-profile';

// The default quota of label pairs per Fargate profile selector (adjustable).
const MAX_SELECTOR_LABELS = 5;

/**
 * The pod labels a profile selector can use (no per-pod labels, no profile pin), sorted by key, and
 * whether the selector leaves out any pod label (filtered, or beyond MAX_SELECTOR_LABELS).
 */
function selectorLabelKeys(labels: Readonly<Record<string, string>>): {
  readonly keys: string[];
  readonly partial: boolean;
} {
  const keys: string[] = [];
  let skipped = false;
  for (const key in labels) {
    if (!Object.hasOwn(labels, key)) continue;
    if (PER_POD_LABELS.has(key) || key === PIN_LABEL) skipped = true;
    else keys.push(key);
  }
  if (keys.length > 1) keys.sort((a, b) => byText(a, b));
  return { keys, partial: skipped || keys.length > MAX_SELECTOR_LABELS };
}

/** `namespace "team", labels {app: web, tier: front}`, the first MAX_SELECTOR_LABELS labels at most. */
function selectorText(namespace: string, labels: Readonly<Record<string, string>>, keys: string[]): string {
  if (keys.length === 0) return `namespace "${namespace}"`;
  let text = `namespace "${namespace}", labels {`;
  const shown = Math.min(keys.length, MAX_SELECTOR_LABELS);
  for (let i = 0; i < shown; i += 1) {
    if (i > 0) text += ', ';
    text += `${keys[i]!}: ${labels[keys[i]!]!}`;
  }
  return `${text}}`;
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
    const labels = workload.labels;
    const { keys, partial } = selectorLabelKeys(labels);
    const selector = selectorText(workload.namespace ?? 'default', labels, keys);
    const trimmed = partial ? ' (a subset of the pod labels is enough)' : '';
    // The selector is said once, in the message; the fix is the rule's own, shared by every finding,
    // as a scan keeps (and stores) a finding per unmatched pod.
    return [
      {
        message: flattened(
          `No Fargate profile of the cluster selects this pod. Selector to add: ${selector}${trimmed}.`,
        ),
      },
    ];
  },
});
