import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { baselineCapabilities, normalizeCapability } from './baseline-capabilities.js';
import { describeContainer } from './container-identity.js';

const addsCapabilities = (container: Container) => container.capabilitiesAdd.length > 0;

/** compliance-eks-capabilities-baseline: Container adds capabilities beyond the baseline set. */
export const complianceEksCapabilitiesBaseline = defineRule({
  id: 'compliance-eks-capabilities-baseline',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container adds capabilities beyond the baseline set',
  rationale:
    'Capabilities such as NET_ADMIN, SYS_ADMIN or SYS_PTRACE give a container powers over the node network, mounts or other processes; the Pod Security Standards baseline profile allows only the runtime default set.',
  fix: 'Remove the extra capabilities from securityContext.capabilities.add, or move the work that needs them out of the application pod.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['capabilities'],
  control: 'Kubernetes Pod Security Standards, baseline: Capabilities',
  evaluate(workload) {
    if (!workload.containers.some(addsCapabilities)) return NO_VIOLATIONS;
    return workload.containers.flatMap((container) => {
      const extra = container.capabilitiesAdd.filter(
        (capability) => !baselineCapabilities.has(normalizeCapability(capability)),
      );
      if (extra.length === 0) return NO_VIOLATIONS;
      return [
        { message: `${describeContainer(container)} adds ${extra.join(', ')}, beyond the baseline set` },
      ];
    });
  },
});
