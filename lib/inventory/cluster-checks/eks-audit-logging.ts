import { defineClusterCheck } from './cluster-check.js';

/** EKS.8: the control plane sends audit logs. */
export const eksAuditLogging = defineClusterCheck({
  id: 'eks-audit-logging',
  scope: 'eks',
  category: 'compliance',
  severity: 'fixable',
  title: 'EKS cluster sends control-plane audit logs to CloudWatch',
  rationale:
    'The audit log records who did what through the Kubernetes API; without it, changes to workloads and RBAC cannot be traced.',
  fix: 'aws eks update-cluster-config --name <name> --logging \'{"clusterLogging":[{"types":["api","audit","authenticator","controllerManager","scheduler"],"enabled":true}]}\'',
  docsUrl: 'https://docs.aws.amazon.com/config/latest/developerguide/eks-cluster-logging-enabled.html',
  verifiedAt: '2026-11-27',
  control: 'Security Hub EKS.8 / eks-cluster-logging-enabled / eks_control_plane_logging_all_types_enabled',
  evaluate({ cluster }) {
    if (cluster.enabledLogTypes.includes('audit')) return [];
    return [
      {
        message:
          cluster.enabledLogTypes.length === 0
            ? `Cluster ${cluster.name} has control-plane logging off.`
            : `Cluster ${cluster.name} logs ${cluster.enabledLogTypes.join(', ')} but not audit.`,
      },
    ];
  },
});
