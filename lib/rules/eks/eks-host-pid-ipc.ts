import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** Pods sharing the host PID or IPC namespace. */
export const eksHostPidIpc = defineRule({
  id: 'eks-host-pid-ipc',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'hostPID / hostIPC on Fargate',
  rationale:
    'Not documented for EKS Fargate (unverified): each pod runs in its own VM with no host processes to share, ' +
    'and the scheduler refuses other host-namespace fields, so the scanner treats these as blockers.',
  fix: 'Remove hostPID / hostIPC if the pod does not need host processes or IPC; otherwise keep it on EC2.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['hostPidIpc'],
  evaluate(workload) {
    if (!workload.hostPID && !workload.hostIPC) return NO_VIOLATIONS;
    const shared = [
      workload.hostPID ? 'hostPID: true' : null,
      workload.hostIPC ? 'hostIPC: true' : null,
    ].filter((s): s is string => s !== null);
    if (shared.length === 0) return NO_VIOLATIONS;
    return [
      {
        message: `The pod sets ${shared.join(' and ')}; Fargate support is unverified and treated as a blocker.`,
      },
    ];
  },
});
