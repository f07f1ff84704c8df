import { defineRule, NO_VIOLATIONS } from '../rule.js';

const EDGE_LOCATIONS: Readonly<Record<string, string>> = {
  outposts: 'AWS Outposts',
  'local-zone': 'an AWS Local Zone',
  wavelength: 'AWS Wavelength',
};

/** Clusters on Outposts, Local Zones or Wavelength, where Fargate pods cannot be deployed. */
export const eksLocation = defineRule({
  id: 'eks-location',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Fargate is not available on Outposts, Local Zones or Wavelength',
  rationale: 'Fargate pods cannot be deployed to AWS Outposts, AWS Wavelength or AWS Local Zones.',
  fix: 'Keep the workload on EC2 nodes at the edge location, or move it to a Region.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['clusterConcerns'],
  evaluate(workload) {
    const location = workload.eks?.clusterContext?.location ?? null;
    if (location === null) return NO_VIOLATIONS;
    const where = EDGE_LOCATIONS[location];
    if (where === undefined) return NO_VIOLATIONS;
    return [{ message: `The cluster runs on ${where}, where Fargate pods cannot be deployed.` }];
  },
});
