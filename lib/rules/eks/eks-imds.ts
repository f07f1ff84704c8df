import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeContainer } from './shared/containers.js';

// Annotation read by kube2iam and kiam, which hand out roles by intercepting IMDS calls on the node.
const NODE_IMDS_ROLE_ANNOTATION = 'iam.amazonaws.com/role';

// Settings of the AWS SDKs and CLI that only matter when credentials or metadata come from IMDS.
const IMDS_ENV_NAMES = new Set([
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
  'AWS_METADATA_SERVICE_TIMEOUT',
  'AWS_METADATA_SERVICE_NUM_ATTEMPTS',
]);

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
  evaluate(workload) {
    const imdsName = (name: string) => IMDS_ENV_NAMES.has(name);
    const configured =
      workload.annotations[NODE_IMDS_ROLE_ANNOTATION] !== undefined ||
      workload.containers.some((c) => c.envNames.some(imdsName) || c.secretEnvNames.some(imdsName));
    if (!configured) return NO_VIOLATIONS;
    const found: Violation[] = [];
    if (workload.annotations[NODE_IMDS_ROLE_ANNOTATION] !== undefined) {
      found.push({
        message: `The pod template carries the kube2iam/kiam annotation ${NODE_IMDS_ROLE_ANNOTATION}, which works by intercepting IMDS.`,
      });
    }
    for (const container of workload.containers) {
      // Names only: the model holds no environment values.
      const names = [...container.envNames, ...container.secretEnvNames].filter((n) => IMDS_ENV_NAMES.has(n));
      if (names.length > 0) {
        found.push({
          message: `${describeContainer(container)} configures IMDS access (${names.join(', ')}).`,
        });
      }
    }
    return found;
  },
});
