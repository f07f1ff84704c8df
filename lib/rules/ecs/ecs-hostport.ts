import type { PortMapping, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';

/** True when the mapping publishes the port on another host port (or a dynamic one). */
const isRemapped = (p: PortMapping): boolean => p.hostPort !== null && p.hostPort !== p.containerPort;

/** ecs-hostport: in awsvpc mode hostPort must be absent or equal to containerPort. */
export const ecsHostport = defineRule({
  id: 'ecs-hostport',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Host port differs from container port',
  rationale:
    'In the awsvpc network mode a task listens on its own ENI: hostPort must be omitted or equal containerPort. ' +
    'Dynamic host ports (0) and port remapping do not exist on Fargate.',
  fix: 'Omit hostPort or set it to the containerPort; point load balancer target groups at the container port.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['hostPorts'],
  evaluate(workload) {
    for (const c of workload.containers) {
      for (const p of c.ports) {
        if (isRemapped(p)) return remappedPortViolations(workload);
      }
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per port mapping whose hostPort differs from its containerPort. */
function remappedPortViolations(workload: Workload): readonly Violation[] {
  const violations: Violation[] = [];
  for (const c of workload.containers) {
    for (const p of c.ports) {
      if (!isRemapped(p)) continue;
      violations.push({
        message:
          p.hostPort === 0
            ? `container "${c.name}" maps containerPort ${p.containerPort} to a dynamic hostPort (0)`
            : `container "${c.name}" maps containerPort ${p.containerPort} to hostPort ${p.hostPort}`,
      });
    }
  }
  return violations;
}
