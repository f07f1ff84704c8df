import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describedWhere, joinList } from './shared/containers.js';

const asksEscalation = (container: Container) => container.allowPrivilegeEscalation === true;

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
  firesOnlyWith: ['privilegeEscalation'],
  evaluate(workload) {
    const escalating = describedWhere(workload.containers, asksEscalation);
    if (escalating === null) return NO_VIOLATIONS;
    return [
      {
        message:
          `${joinList(escalating)} ${escalating.length === 1 ? 'sets' : 'set'} allowPrivilegeEscalation: true, ` +
          'which Fargate rejected in 2020 (current behaviour unverified).',
      },
    ];
  },
});
