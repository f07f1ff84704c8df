import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { baselineCapabilities, normalizeCapability } from './baseline-capabilities.js';
import { containerResult, containerViolations, describeContainer } from './container-identity.js';

const DROPS_NOT_ALL = ' does not drop ALL capabilities';
const dropsNotAll = containerResult(DROPS_NOT_ALL);

function dropsAllCapabilities(container: Container): boolean {
  for (const capability of container.capabilitiesDrop) {
    if (capability === 'ALL' || normalizeCapability(capability) === 'ALL') return true;
  }
  return false;
}

/** Baseline capabilities added back beyond NET_BIND_SERVICE, the one the restricted profile allows. */
function addedBack(container: Container): readonly string[] {
  if (container.capabilitiesAdd.length === 0) return container.capabilitiesAdd;
  return container.capabilitiesAdd.filter((capability) => {
    const normalized = normalizeCapability(capability);
    return normalized !== 'NET_BIND_SERVICE' && baselineCapabilities.has(normalized);
  });
}

function restrictedViolations(container: Container): readonly Violation[] {
  const dropsAll = dropsAllCapabilities(container);
  const added = addedBack(container);
  if (added.length === 0) return dropsAll ? NO_VIOLATIONS : dropsNotAll(container);
  const addsBack = `adds back ${added.join(', ')} (only NET_BIND_SERVICE is allowed)`;
  return [
    {
      message: dropsAll
        ? `${describeContainer(container)} ${addsBack}`
        : `${describeContainer(container)}${DROPS_NOT_ALL} and ${addsBack}`,
    },
  ];
}

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
    return containerViolations(workload.containers, restrictedViolations);
  },
});
