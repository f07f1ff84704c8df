import type { PortMapping } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeContainer } from './shared/containers.js';

/** hostPort / hostIP on any container port, init containers and sidecars included. */
export const eksHostPort = defineRule({
  id: 'eks-host-port',
  scope: 'eks',
  category: 'fargate',
  severity: 'fixable',
  title: 'hostPort and hostIP are not supported on Fargate',
  rationale:
    'Pods on Fargate cannot specify HostPort (the scheduler refuses "port contains HostIP or HostPort"). ' +
    'Each pod has its own IP address, so the port is reachable without a host mapping.',
  fix: 'Remove hostPort and hostIP; expose the port through a Service (IP-target load balancer for external traffic).',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const onHost = (p: PortMapping) => p.hostPort !== null || (p.hostIP !== null && p.hostIP !== '');
    if (!workload.containers.some((c) => c.ports.some(onHost))) return NO_VIOLATIONS;
    return workload.containers.flatMap((container) => {
      const mapped = container.ports.filter(
        (p) => p.hostPort !== null || (p.hostIP !== null && p.hostIP !== ''),
      );
      if (mapped.length === 0) return NO_VIOLATIONS;
      const ports = mapped.map((p) => {
        const target = p.containerPort ?? '?';
        const host = p.hostPort !== null ? `hostPort ${p.hostPort}` : `hostIP ${p.hostIP}`;
        return `${target}/${p.protocol} (${host})`;
      });
      return [{ message: `${describeContainer(container)} maps ${ports.join(', ')} on the host.` }];
    });
  },
});
