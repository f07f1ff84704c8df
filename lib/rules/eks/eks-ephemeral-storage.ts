import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { formatMiB, podEffectiveTotal } from './shared/containers.js';

/** Largest ephemeral storage a Fargate pod can request: 175 GiB. */
export const EKS_MAX_EPHEMERAL_STORAGE_MIB = 175 * 1024;

// A container's limit stands in for a missing request, as Kubernetes copies it.
const ephemeralStorageMiB = (c: Container) =>
  c.k8s?.ephemeralStorageRequestMiB ?? c.k8s?.ephemeralStorageLimitMiB ?? null;

/** Pods whose ephemeral-storage requests exceed what Fargate provisions. */
export const eksEphemeralStorage = defineRule({
  id: 'eks-ephemeral-storage',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Ephemeral storage request above 175 GiB',
  rationale:
    'A Fargate pod gets 20 GiB of ephemeral storage by default and at most 175 GiB when it requests ' +
    'ephemeral-storage; larger requests cannot be scheduled.',
  fix: 'Move the bulk data to EFS and request at most 175 GiB of ephemeral storage.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['ephemeralStorage'],
  evaluate(workload) {
    const total = podEffectiveTotal(workload.containers, ephemeralStorageMiB);
    if (total <= EKS_MAX_EPHEMERAL_STORAGE_MIB) return NO_VIOLATIONS;
    return [
      {
        message: `The pod requests ${formatMiB(total)} of ephemeral storage; Fargate provides at most 175 GiB.`,
      },
    ];
  },
});
