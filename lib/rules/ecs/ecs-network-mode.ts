import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { fixedResult, fixedResultsBy } from './shared/fixed-result.js';

const MODE_NOT_SET = fixedResult({
  message: 'networkMode is not set (ECS then uses bridge on Linux and NAT on Windows); Fargate needs awsvpc',
});
const OTHER_MODE = fixedResultsBy((mode: string) => ({
  message: `networkMode is "${mode}"; Fargate needs awsvpc`,
}));

/** ecs-network-mode: Fargate requires the awsvpc network mode. */
export const ecsNetworkMode = defineRule({
  id: 'ecs-network-mode',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Network mode is not awsvpc',
  rationale:
    'Every Fargate task gets its own elastic network interface: awsvpc is the only network mode Fargate accepts. ' +
    'Bridge and host networking, links, hostnames and host ports do not carry over.',
  fix:
    'Set networkMode to awsvpc and give the service or RunTask a networkConfiguration (subnets and security groups); ' +
    'then address the links, hostname, host port and load balancer findings.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const mode = workload.ecs?.networkMode ?? null;
    if (workload.ecs === null || mode === 'awsvpc') return NO_VIOLATIONS;
    if (mode === null) return MODE_NOT_SET;
    return OTHER_MODE(mode);
  },
});
