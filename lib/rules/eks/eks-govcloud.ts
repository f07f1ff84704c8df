import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** Workloads in AWS GovCloud (US), where EKS on Fargate availability is unverified. */
export const eksGovcloud = defineRule({
  id: 'eks-govcloud',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'EKS on Fargate in AWS GovCloud (US) is unverified',
  rationale:
    'The EKS guide of December 2024 said Fargate with Amazon EKS is not available in AWS GovCloud (US); the ' +
    'current page no longer carries the note. Until confirmed, the scanner treats GovCloud as a blocker.',
  fix: 'Confirm in the GovCloud console that Fargate profiles can be created for the cluster before planning the move.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['govCloud'],
  evaluate(workload) {
    const region = workload.region;
    if (region === null || !region.startsWith('us-gov-')) return NO_VIOLATIONS;
    return [
      {
        message: `The cluster is in ${region} (AWS GovCloud (US)); EKS on Fargate availability there is unverified, treated as a blocker.`,
      },
    ];
  },
});
