import { defineRule } from '../rule.js';

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
  evaluate(workload) {
    return workload.containers.flatMap((c) => {
      const fields = [
        (c.ecs?.dnsServers ?? 0) > 0 ? 'dnsServers' : null,
        (c.ecs?.dnsSearchDomains ?? 0) > 0 ? 'dnsSearchDomains' : null,
      ].filter((field): field is string => field !== null);
      return fields.length > 0 ? [{ message: `container "${c.name}" sets ${fields.join(' and ')}` }] : [];
    });
  },
});
