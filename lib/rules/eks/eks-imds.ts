import type { Container } from '../../model/workload.js';
import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeContainer } from './shared/containers.js';
import { isImdsEnvName, NODE_IMDS_ROLE_ANNOTATION } from './shared/imds.js';

/** The container's environment names (plain, then from secrets) that configure IMDS; null when none. */
function imdsNames(container: Container): string[] | null {
  // Names only: the model holds no environment values.
  return addImdsNames(addImdsNames(null, container.envNames), container.secretEnvNames);
}

function addImdsNames(found: string[] | null, names: readonly string[]): string[] | null {
  let imds = found;
  for (const name of names) {
    if (!isImdsEnvName(name)) continue;
    if (imds === null) imds = [];
    imds.push(name);
  }
  return imds;
}

/** Concrete signs that a pod relies on the EC2 instance metadata service. */
export const eksImds = defineRule({
  id: 'eks-imds',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'Pod relies on the instance metadata service',
  rationale:
    'IMDS is not available to pods on Fargate: node-role credentials, kube2iam/kiam roles and region or ' +
    'Availability Zone lookups through IMDS all stop working.',
  fix:
    'Give the service account an IAM role (IRSA) instead of kube2iam/kiam or node credentials, and pass the ' +
    'Region / AZ through environment variables or configuration.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['imdsSettings'],
  evaluate(workload) {
    let found: Violation[] | null = null;
    if (workload.annotations[NODE_IMDS_ROLE_ANNOTATION] !== undefined) {
      found = [
        {
          message: `The pod template carries the kube2iam/kiam annotation ${NODE_IMDS_ROLE_ANNOTATION}, which works by intercepting IMDS.`,
        },
      ];
    }
    for (const container of workload.containers) {
      const names = imdsNames(container);
      if (names === null) continue;
      if (found === null) found = [];
      found.push({
        message: `${describeContainer(container)} configures IMDS access (${names.join(', ')}).`,
      });
    }
    return found ?? NO_VIOLATIONS;
  },
});
