import type { Container, PortMapping } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { quotedList } from './shared/wording.js';

/** Key of a port in the shared namespace, as the messages print it: `8080/tcp`. */
const portKey = (p: PortMapping): string => `${p.containerPort}/${(p.protocol || 'tcp').toLowerCase()}`;

/**
 * True when two differently named containers use the same containerPort and protocol: the only
 * case with anything to report. Compares pairs without building the map, as most tasks have one
 * or two containers and no clash.
 */
function sharesAPort(containers: readonly Container[]): boolean {
  for (let i = 0; i < containers.length; i += 1) {
    const a = containers[i]!;
    for (let j = i + 1; j < containers.length; j += 1) {
      const b = containers[j]!;
      if (a.name === b.name) continue;
      for (const pa of a.ports) {
        if (pa.containerPort === null) continue;
        for (const pb of b.ports) {
          // Numbers print alike exactly when they are equal (or both NaN): then compare the keys.
          const samePort =
            pb.containerPort === pa.containerPort ||
            (Number.isNaN(pa.containerPort) && Number.isNaN(pb.containerPort));
          if (samePort && portKey(pa) === portKey(pb)) return true;
        }
      }
    }
  }
  return false;
}

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
  firesOnlyWith: ['multipleContainers'],
  evaluate(workload) {
    if (!sharesAPort(workload.containers)) return NO_VIOLATIONS;
    const owners = new Map<string, Set<string>>();
    for (const c of workload.containers) {
      for (const p of c.ports) {
        if (p.containerPort === null) continue;
        const key = portKey(p);
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
