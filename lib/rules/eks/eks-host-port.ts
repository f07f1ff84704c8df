import type { Container, PortMapping } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerViolations, describeContainer } from './shared/containers.js';

const onHost = (port: PortMapping) => port.hostPort !== null || (port.hostIP !== null && port.hostIP !== '');

function hostPortViolations(container: Container): readonly Violation[] {
  let ports: string[] | null = null;
  for (const port of container.ports) {
    if (!onHost(port)) continue;
    const host = port.hostPort !== null ? `hostPort ${port.hostPort}` : `hostIP ${port.hostIP}`;
    if (ports === null) ports = [];
    ports.push(`${port.containerPort ?? '?'}/${port.protocol} (${host})`);
  }
  if (ports === null) return NO_VIOLATIONS;
  return [{ message: `${describeContainer(container)} maps ${ports.join(', ')} on the host.` }];
}

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
  firesOnlyWith: ['hostPorts'],
  evaluate(workload) {
    return containerViolations(workload.containers, hostPortViolations);
  },
});
