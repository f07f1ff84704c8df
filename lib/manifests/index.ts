/**
 * Readers for ECS task definitions and Kubernetes manifests (`check` mode), and the pure
 * normalizers the live collectors reuse on DescribeTaskDefinition output and Kubernetes API objects.
 */

export {
  looksLikeTaskDefinition,
  parseEcsCpu,
  parseEcsMemory,
  taskDefinitionToWorkload,
  unwrapTaskDefinition,
} from './ecs-task-definition.js';
export type { FieldPathSegment } from './errors.js';
export { formatFieldPath, ManifestError } from './errors.js';
export type { WorkloadIdentity } from './identity.js';
export type { PodTemplateOwner } from './kubernetes.js';
export {
  ENV_FROM_CONFIG_MAP_PREFIX,
  ENV_FROM_SECRET_PREFIX,
  kubernetesObjectToWorkload,
  podTemplateOf,
  podTemplateToWorkload,
  WORKLOAD_KINDS,
} from './kubernetes.js';
export type { ClaimRequest, KubernetesContext } from './kubernetes-context.js';
export {
  EKS_DEFAULT_PROVISIONER,
  EKS_DEFAULT_STORAGE_CLASS,
  EMPTY_KUBERNETES_CONTEXT,
  kubernetesContextFrom,
  labelSelectorMatches,
  resolveClaimRequest,
  resolvePersistentVolumeClaim,
} from './kubernetes-context.js';
export { cpuMillisFromQuantity, mibFromQuantity, parseQuantity } from './kubernetes-quantity.js';
export type { ManifestDocument, ParsedFile } from './parse.js';
export { parseManifestText } from './parse.js';
export type { ReadResult } from './read.js';
export { MANIFEST_EXTENSIONS, MAX_MANIFEST_BYTES, readPaths, readText } from './read.js';
