import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** DaemonSets: one pod per node has no meaning on Fargate, where every pod is its own node. */
export const eksDaemonset = defineRule({
  id: 'eks-daemonset',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'DaemonSets are not supported on Fargate',
  rationale:
    'Fargate runs each pod on its own VM and does not run DaemonSets. A daemon has to become a sidecar of ' +
    'the pods it serves, which is a redesign.',
  fix: 'Re-implement the daemon as a sidecar container in the pods that need it, or keep EC2 nodes for it.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['daemonSet'],
  evaluate(workload) {
    const isDaemon =
      workload.kind === 'DaemonSet' ||
      workload.ownerKind === 'DaemonSet' ||
      workload.schedulingKind === 'daemon';
    if (!isDaemon) return NO_VIOLATIONS;
    return [
      { message: `${workload.kind} "${workload.name}" runs one pod per node; Fargate has no DaemonSets.` },
    ];
  },
});
