/** Signs that a pod relies on the EC2 instance metadata service, read by eks-imds and the workload features. */

/** Annotation read by kube2iam and kiam, which hand out roles by intercepting IMDS calls on the node. */
export const NODE_IMDS_ROLE_ANNOTATION = 'iam.amazonaws.com/role';

/** Settings of the AWS SDKs and CLI that only matter when credentials or metadata come from IMDS. */
const IMDS_ENV_NAMES = new Set([
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
  'AWS_METADATA_SERVICE_TIMEOUT',
  'AWS_METADATA_SERVICE_NUM_ATTEMPTS',
]);

/** True when an environment variable name configures IMDS access. */
export function isImdsEnvName(name: string): boolean {
  return IMDS_ENV_NAMES.has(name);
}
