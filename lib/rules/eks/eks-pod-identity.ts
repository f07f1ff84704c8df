import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** Service accounts that get their AWS role through an EKS Pod Identity association. */
export const eksPodIdentity = defineRule({
  id: 'eks-pod-identity',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'EKS Pod Identity does not work on Fargate',
  rationale:
    'EKS Pod Identity does not support pods on Fargate (its agent is a DaemonSet); those pods need IAM roles ' +
    'for service accounts (IRSA).',
  fix: 'Annotate the service account with eks.amazonaws.com/role-arn (IRSA) and trust the cluster OIDC provider in the role.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/service-accounts.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['podIdentity'],
  evaluate(workload) {
    const eks = workload.eks;
    if (eks?.usesPodIdentity !== true) return NO_VIOLATIONS;
    const account = eks.serviceAccountName ?? 'default';
    const irsa =
      eks.serviceAccountHasIrsa === true
        ? ' (it also has an IRSA annotation, which Fargate pods would use)'
        : '';
    return [
      {
        message: `Service account "${account}" gets its AWS role through an EKS Pod Identity association${irsa}.`,
      },
    ];
  },
});
