import type { ClusterCheck } from './cluster-check.js';
import { ecsCapacityProviderTerminationProtection } from './ecs-capacity-provider-termination-protection.js';
import { ecsClusterContainerInsights } from './ecs-cluster-container-insights.js';
import { eksAuditLogging } from './eks-audit-logging.js';
import { eksEndpointPublicAccess } from './eks-endpoint-public-access.js';
import { eksSecretsEncryption } from './eks-secrets-encryption.js';
import { eksSupportedVersion } from './eks-supported-version.js';

/** Explicit index of the cluster checks (bundler-friendly: no directory scanning). */
export const clusterChecks: readonly ClusterCheck[] = [
  ecsClusterContainerInsights,
  ecsCapacityProviderTerminationProtection,
  eksEndpointPublicAccess,
  eksSupportedVersion,
  eksSecretsEncryption,
  eksAuditLogging,
];
