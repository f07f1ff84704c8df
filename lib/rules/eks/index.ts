import type { Rule } from '../rule.js';
import { eksAltCni } from './eks-alt-cni.js';
import { eksArchArm64 } from './eks-arch-arm64.js';
import { eksCapAdd } from './eks-cap-add.js';
import { eksComputeTypeEc2 } from './eks-compute-type-ec2.js';
import { eksDaemonset } from './eks-daemonset.js';
import { eksDnsVpc } from './eks-dns-vpc.js';
import { eksEphemeralStorage } from './eks-ephemeral-storage.js';
import { eksGovcloud } from './eks-govcloud.js';
import { eksGpu } from './eks-gpu.js';
import { eksHostNetwork } from './eks-host-network.js';
import { eksHostPidIpc } from './eks-host-pid-ipc.js';
import { eksHostPort } from './eks-host-port.js';
import { eksHostpath } from './eks-hostpath.js';
import { eksImds } from './eks-imds.js';
import { eksJobsTtl } from './eks-jobs-ttl.js';
import { eksLbService } from './eks-lb-service.js';
import { eksLimitsNeqRequests } from './eks-limits-neq-requests.js';
import { eksLocation } from './eks-location.js';
import { eksLogAgents } from './eks-log-agents.js';
import { eksNetworkPolicy } from './eks-network-policy.js';
import { eksNodeSelectors } from './eks-node-selectors.js';
import { eksPodIdentity } from './eks-pod-identity.js';
import { eksPrivEscalation } from './eks-priv-escalation.js';
import { eksPrivateSubnets } from './eks-private-subnets.js';
import { eksPrivileged } from './eks-privileged.js';
import { eksProfileMatch } from './eks-profile-match.js';
import { eksProfileSemantics } from './eks-profile-semantics.js';
import { eksPvcEbs } from './eks-pvc-ebs.js';
import { eksPvcEfsDynamic } from './eks-pvc-efs-dynamic.js';
import { eksPvcEfsStatic } from './eks-pvc-efs-static.js';
import { eksPvcOther } from './eks-pvc-other.js';
import { eksPvcOtherUnknown } from './eks-pvc-other-unknown.js';
import { eksSizeDefault } from './eks-size-default.js';
import { eksSizeTooBig } from './eks-size-too-big.js';
import { eksSpot } from './eks-spot.js';
import { eksSysctls } from './eks-sysctls.js';
import { eksVolBasic } from './eks-vol-basic.js';
import { eksVolInlineCsi } from './eks-vol-inline-csi.js';
import { eksWindows } from './eks-windows.js';

/**
 * Explicit index of the eks rules (bundler-friendly: no directory scanning), in the order of table 2b
 * of reference/fargate-rules.md.
 */
export const eksRules: readonly Rule[] = [
  eksProfileMatch,
  eksProfileSemantics,
  eksComputeTypeEc2,
  eksDaemonset,
  eksPrivileged,
  eksCapAdd,
  eksPrivEscalation,
  eksHostNetwork,
  eksHostPort,
  eksHostPidIpc,
  eksHostpath,
  eksVolInlineCsi,
  eksVolBasic,
  eksPvcEbs,
  eksPvcEfsStatic,
  eksPvcEfsDynamic,
  eksPvcOther,
  eksPvcOtherUnknown,
  eksEphemeralStorage,
  eksGpu,
  eksArchArm64,
  eksWindows,
  eksSizeTooBig,
  eksSizeDefault,
  eksLimitsNeqRequests,
  eksSysctls,
  eksPrivateSubnets,
  eksLbService,
  eksImds,
  eksPodIdentity,
  eksNetworkPolicy,
  eksAltCni,
  eksNodeSelectors,
  eksLogAgents,
  eksJobsTtl,
  eksSpot,
  eksLocation,
  eksGovcloud,
  eksDnsVpc,
];
