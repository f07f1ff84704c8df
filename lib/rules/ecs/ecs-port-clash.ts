import { defineRule } from '../rule.js';
import { quotedList } from './shared/wording.js';

/** ecs-port-clash: containers of one awsvpc task share a network namespace and cannot reuse a port. */
export const ecsPortClash = defineRule({
  id: 'ecs-port-clash',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Two containers use the same port',
  rationale:
    'In an awsvpc task all containers share one network namespace, so two containers cannot listen on the same ' +
    'port and protocol. In bridge mode each had its own namespace. (Inferred from awsvpc semantics; whether ' +
    'registration itself rejects it is unverified.)',
  fix: 'Move one of the containers to another port.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const owners = new Map<string, Set<string>>();
    for (const c of workload.containers) {
      for (const p of c.ports) {
        if (p.containerPort === null) continue;
        const key = `${p.containerPort}/${(p.protocol || 'tcp').toLowerCase()}`;
        const names = owners.get(key) ?? new Set<string>();
        names.add(c.name);
        owners.set(key, names);
      }
    }
    return [...owners.entries()]
      .filter(([, names]) => names.size > 1)
      .map(([key, names]) => ({
        message: `containers ${quotedList([...names])} ${names.size === 2 ? 'both' : 'all'} use containerPort ${key}`,
      }));
  },
});
