import { defineClusterCheck } from './cluster-check.js';

/** EKS.1: the cluster API endpoint is not reachable from the internet. */
export const eksEndpointPublicAccess = defineClusterCheck({
  id: 'eks-endpoint-public-access',
  scope: 'eks',
  category: 'compliance',
  severity: 'fixable',
  title: 'EKS cluster API endpoint is not publicly accessible',
  rationale:
    'A public API endpoint exposes the control plane to the internet; it is reachable by anyone who obtains credentials, and by scanners probing for weak authentication.',
  fix: 'Enable private endpoint access and disable public access (aws eks update-cluster-config --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true), or at least restrict publicAccessCidrs.',
  docsUrl: 'https://docs.aws.amazon.com/config/latest/developerguide/eks-endpoint-no-public-access.html',
  verifiedAt: '2026-11-27',
  control: 'Security Hub EKS.1 / eks-endpoint-no-public-access / eks_cluster_not_publicly_accessible',
  evaluate({ cluster }) {
    if (cluster.endpointPublicAccess !== true) return [];
    const cidrs = cluster.publicAccessCidrs;
    const open = cidrs.length === 0 || cidrs.includes('0.0.0.0/0');
    return [
      {
        message: open
          ? `Cluster ${cluster.name} serves its API endpoint publicly to any address.`
          : `Cluster ${cluster.name} serves its API endpoint publicly, limited to ${cidrs.join(', ')}.`,
      },
    ];
  },
});
