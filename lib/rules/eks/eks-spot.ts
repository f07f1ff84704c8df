import type { Placement } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeConstraint, podNodeConstraints, selectsSpot } from './shared/node-selection.js';

const onSpot = (placement: Placement) => placement.capacityType === 'spot';

/** Workloads that run on, or ask for, Spot capacity: EKS has no Fargate Spot. */
export const eksSpot = defineRule({
  id: 'eks-spot',
  scope: 'eks',
  category: 'fargate',
  severity: 'advisory',
  title: 'EKS does not support Fargate Spot',
  rationale:
    'Amazon EKS does not support Fargate Spot: a workload that runs on Spot today moves to on-demand ' +
    'Fargate prices, which changes the savings estimate.',
  fix: 'Compare against on-demand Fargate prices, or keep Spot-tolerant workloads on Spot EC2 capacity.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['nodeSelection', 'spotPlacement'],
  evaluate(workload) {
    const selects = podNodeConstraints(workload);
    if (!selects.some(selectsSpot) && !workload.placements.some(onSpot)) return NO_VIOLATIONS;
    const seen = selects.filter(selectsSpot).map(describeConstraint);
    const spotInstances = workload.placements.filter(onSpot).map((p) => p.instanceId);
    if (spotInstances.length > 0)
      seen.push(`runs on Spot instances ${[...new Set(spotInstances)].join(', ')}`);
    if (seen.length === 0) return NO_VIOLATIONS;
    return [{ message: `The workload uses Spot capacity (${seen.join('; ')}); EKS has no Fargate Spot.` }];
  },
});
