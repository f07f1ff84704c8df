import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeContainer, joinList } from './shared/containers.js';

/** Containers that ask for privilege escalation explicitly. */
export const eksPrivEscalation = defineRule({
  id: 'eks-priv-escalation',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'allowPrivilegeEscalation: true',
  rationale:
    'The Fargate scheduler rejected pods with allowPrivilegeEscalation: true in 2020 (ingress-nginx #4888); ' +
    "whether it still does is unverified, so the scanner asks for the setting to go. An unset value is Kubernetes' default and is fine.",
  fix: 'Set allowPrivilegeEscalation: false (or omit it).',
  docsUrl: 'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    if (!workload.containers.some((c) => c.allowPrivilegeEscalation === true)) return NO_VIOLATIONS;
    const escalating = workload.containers
      .filter((c) => c.allowPrivilegeEscalation === true)
      .map(describeContainer);
    if (escalating.length === 0) return NO_VIOLATIONS;
    return [
      {
        message:
          `${joinList(escalating)} ${escalating.length === 1 ? 'sets' : 'set'} allowPrivilegeEscalation: true, ` +
          'which Fargate rejected in 2020 (current behaviour unverified).',
      },
    ];
  },
});
