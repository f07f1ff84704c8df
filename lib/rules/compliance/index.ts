import type { Rule } from '../rule.js';
import { complianceEcsAwsvpcNetworking } from './compliance-ecs-awsvpc-networking.js';
import { complianceEcsEfsTransitEncryption } from './compliance-ecs-efs-transit-encryption.js';
import { complianceEcsEnvironmentCredentials } from './compliance-ecs-environment-credentials.js';
import { complianceEcsHostModeUser } from './compliance-ecs-host-mode-user.js';
import { complianceEcsLinuxUserNonRoot } from './compliance-ecs-linux-user-non-root.js';
import { complianceEcsLogConfiguration } from './compliance-ecs-log-configuration.js';
import { complianceEcsLogNonBlocking } from './compliance-ecs-log-non-blocking.js';
import { complianceEcsMemoryHardLimit } from './compliance-ecs-memory-hard-limit.js';
import { complianceEcsNetworkModeHost } from './compliance-ecs-network-mode-host.js';
import { complianceEcsNonrootUser } from './compliance-ecs-nonroot-user.js';
import { complianceEcsPidModeHost } from './compliance-ecs-pid-mode-host.js';
import { complianceEcsPrivileged } from './compliance-ecs-privileged.js';
import { complianceEcsReadonlyRootFilesystem } from './compliance-ecs-readonly-root-filesystem.js';
import { complianceEcsWindowsUserNonAdmin } from './compliance-ecs-windows-user-non-admin.js';
import { complianceEksCapabilitiesBaseline } from './compliance-eks-capabilities-baseline.js';
import { complianceEksCapabilitiesRestricted } from './compliance-eks-capabilities-restricted.js';
import { complianceEksEnvironmentCredentials } from './compliance-eks-environment-credentials.js';
import { complianceEksHostNetwork } from './compliance-eks-host-network.js';
import { complianceEksHostPathVolumes } from './compliance-eks-host-path-volumes.js';
import { complianceEksHostPidIpc } from './compliance-eks-host-pid-ipc.js';
import { complianceEksMemoryLimit } from './compliance-eks-memory-limit.js';
import { complianceEksPrivilegeEscalation } from './compliance-eks-privilege-escalation.js';
import { complianceEksPrivileged } from './compliance-eks-privileged.js';
import { complianceEksReadonlyRootFilesystem } from './compliance-eks-readonly-root-filesystem.js';
import { complianceEksRunAsNonRoot } from './compliance-eks-run-as-non-root.js';

/**
 * Explicit index of the compliance rules (bundler-friendly: no directory scanning). Their findings are
 * reported beside the Fargate verdict and never change it.
 */
export const complianceRules: readonly Rule[] = [
  complianceEcsAwsvpcNetworking,
  complianceEcsEfsTransitEncryption,
  complianceEcsEnvironmentCredentials,
  complianceEcsHostModeUser,
  complianceEcsLinuxUserNonRoot,
  complianceEcsLogConfiguration,
  complianceEcsLogNonBlocking,
  complianceEcsMemoryHardLimit,
  complianceEcsNetworkModeHost,
  complianceEcsNonrootUser,
  complianceEcsPidModeHost,
  complianceEcsPrivileged,
  complianceEcsReadonlyRootFilesystem,
  complianceEcsWindowsUserNonAdmin,
  complianceEksCapabilitiesBaseline,
  complianceEksCapabilitiesRestricted,
  complianceEksEnvironmentCredentials,
  complianceEksHostNetwork,
  complianceEksHostPathVolumes,
  complianceEksHostPidIpc,
  complianceEksMemoryLimit,
  complianceEksPrivilegeEscalation,
  complianceEksPrivileged,
  complianceEksReadonlyRootFilesystem,
  complianceEksRunAsNonRoot,
];
