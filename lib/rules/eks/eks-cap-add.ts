import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeContainer } from './shared/containers.js';

// The only added capability known to run on EKS Fargate: the CoreDNS add-on adds it and AWS
// documents running CoreDNS on Fargate.
const ALLOWED = 'NET_BIND_SERVICE';

/** `NET_ADMIN`, `cap_net_admin` and `CAP_NET_ADMIN` all mean the same capability. */
function normalizeCapability(name: string): string {
  const upper = name.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

const addsCapabilities = (container: Container) => container.capabilitiesAdd.length > 0;

/** Added Linux capabilities other than NET_BIND_SERVICE, in any container. */
export const eksCapAdd = defineRule({
  id: 'eks-cap-add',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Added Linux capabilities are not supported on Fargate',
  rationale:
    'The Fargate scheduler rejects pods that add capabilities ("Capabilities added: CAP_CHOWN", "NET_ADMIN"); ' +
    'SYS_PTRACE, which ECS Fargate allows, is still refused on EKS (containers-roadmap #1102). Mesh init ' +
    'containers that need NET_ADMIN (istio-init, kuma-init) cannot run. Dropping capabilities is fine.',
  fix: 'Remove the added capabilities the container does not need; a container that really needs them stays on EC2.',
  docsUrl:
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['capabilities'],
  evaluate(workload) {
    if (!workload.containers.some(addsCapabilities)) return NO_VIOLATIONS;
    return workload.containers.flatMap((container) => {
      const refused = [...new Set(container.capabilitiesAdd.map(normalizeCapability))].filter(
        (cap) => cap !== ALLOWED && cap !== '',
      );
      if (refused.length === 0) return NO_VIOLATIONS;
      return [{ message: `${describeContainer(container)} adds capabilities ${refused.join(', ')}.` }];
    });
  },
});
