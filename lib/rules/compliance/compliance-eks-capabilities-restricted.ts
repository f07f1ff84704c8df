import { defineRule, NO_VIOLATIONS, violationsFor } from '../rule.js';
import { baselineCapabilities, normalizeCapability } from './baseline-capabilities.js';
import { describeContainer } from './container-identity.js';

/** compliance-eks-capabilities-restricted: Container does not drop ALL capabilities. */
export const complianceEksCapabilitiesRestricted = defineRule({
  id: 'compliance-eks-capabilities-restricted',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container does not drop ALL capabilities',
  rationale:
    'The Pod Security Standards restricted profile requires every Linux container to drop ALL capabilities and add back at most NET_BIND_SERVICE. Capabilities beyond the baseline set are reported by compliance-eks-capabilities-baseline, not again here.',
  fix: 'Set securityContext.capabilities.drop: ["ALL"] and add back only NET_BIND_SERVICE when the container binds a port below 1024.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  verifiedAt: '2026-11-27',
  control: 'Kubernetes Pod Security Standards, restricted: Capabilities',
  evaluate(workload) {
    if (workload.os === 'windows') return NO_VIOLATIONS;
    return violationsFor(workload.containers, (container) => {
      const dropsAll = container.capabilitiesDrop.some(
        (capability) => capability === 'ALL' || normalizeCapability(capability) === 'ALL',
      );
      const addedBack =
        container.capabilitiesAdd.length === 0
          ? container.capabilitiesAdd
          : container.capabilitiesAdd.filter((capability) => {
              const normalized = normalizeCapability(capability);
              return normalized !== 'NET_BIND_SERVICE' && baselineCapabilities.has(normalized);
            });
      if (dropsAll && addedBack.length === 0) return null;
      const addsBack =
        addedBack.length > 0 ? `adds back ${addedBack.join(', ')} (only NET_BIND_SERVICE is allowed)` : null;
      const problems = dropsAll
        ? addsBack
        : addsBack === null
          ? 'does not drop ALL capabilities'
          : `does not drop ALL capabilities and ${addsBack}`;
      return { message: `${describeContainer(container)} ${problems}` };
    });
  },
});
