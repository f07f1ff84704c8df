import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** compliance-eks-host-pid-ipc: Pod shares the host process or IPC namespace. */
export const complianceEksHostPidIpc = defineRule({
  id: 'compliance-eks-host-pid-ipc',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Pod shares the host process or IPC namespace',
  rationale:
    'hostPID exposes every process of the node to the pod (and lets it signal them); hostIPC exposes shared memory of other workloads. The Pod Security Standards baseline profile forbids both.',
  fix: 'Remove hostPID and hostIPC from the pod spec; use shareProcessNamespace to share processes between containers of one pod.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['hostPidIpc'],
  control: 'Kubernetes Pod Security Standards, baseline: Host Namespaces (analogue of Security Hub ECS.3)',
  evaluate(workload) {
    if (!workload.hostPID && !workload.hostIPC) return NO_VIOLATIONS;
    const shared = [workload.hostPID ? 'hostPID' : null, workload.hostIPC ? 'hostIPC' : null].filter(
      (field): field is string => field !== null,
    );
    return shared.map((field) => ({ message: `${workload.kind} ${workload.name} sets ${field}: true` }));
  },
});
