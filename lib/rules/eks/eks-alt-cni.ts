import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** Clusters whose pods depend on an alternate CNI plugin. */
export const eksAltCni = defineRule({
  id: 'eks-alt-cni',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'Alternate CNI plugins cannot be used on Fargate',
  rationale:
    'Fargate nodes always run the Amazon VPC CNI; alternate CNI plugins (Calico, Cilium, Istio CNI, ...) are ' +
    'DaemonSets and cannot be used with Fargate nodes, so pods that rely on them lose that networking.',
  fix: 'Keep the workload on EC2 nodes, or move the cluster networking to the Amazon VPC CNI.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['clusterConcerns'],
  evaluate(workload) {
    const cni = workload.eks?.clusterContext?.alternateCni ?? null;
    if (cni === null) return NO_VIOLATIONS;
    return [
      {
        message: `The cluster runs the alternate CNI ${cni}; Fargate pods would use the Amazon VPC CNI instead.`,
      },
    ];
  },
});
