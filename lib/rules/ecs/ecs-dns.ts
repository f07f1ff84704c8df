import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation, violationsFor } from '../rule.js';

function setsDns(c: Container): Violation | null {
  const servers = (c.ecs?.dnsServers ?? 0) > 0;
  const domains = (c.ecs?.dnsSearchDomains ?? 0) > 0;
  if (!servers && !domains) return null;
  const fields =
    servers && domains ? 'dnsServers and dnsSearchDomains' : servers ? 'dnsServers' : 'dnsSearchDomains';
  return { message: `container "${c.name}" sets ${fields}` };
}

/** ecs-dns: per-container DNS settings are not valid on Fargate. */
export const ecsDns = defineRule({
  id: 'ecs-dns',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Container DNS servers or search domains',
  rationale:
    'dnsServers and dnsSearchDomains are not valid in Fargate task definitions; tasks use the VPC resolver.',
  fix: 'Remove them; set resolvers through the VPC DHCP option set or Route 53 Resolver forwarding rules.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-tasks-services.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['containerNetworking'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.dnsServers ?? 0) > 0 || (c.ecs?.dnsSearchDomains ?? 0) > 0)
        return violationsFor(workload.containers, setsDns);
    }
    return NO_VIOLATIONS;
  },
});
