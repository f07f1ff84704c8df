import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { quotedList } from './shared/wording.js';

const FARGATE_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'];

/** ecs-cp-asg: a capacity provider strategy of Auto Scaling group providers only. */
export const ecsCpAsg = defineRule({
  id: 'ecs-cp-asg',
  scope: 'ecs',
  category: 'fargate',
  // DESIGN.md: switching the capacity provider strategy is the move itself, not a change to the workload.
  severity: 'advisory',
  title: 'Capacity provider strategy has no Fargate provider',
  rationale:
    'The service places tasks only through Auto Scaling group capacity providers; a Fargate task needs the FARGATE ' +
    'or FARGATE_SPOT provider (or launchType FARGATE).',
  fix: 'Add FARGATE / FARGATE_SPOT to the cluster and the service capacity provider strategy, or use launchType FARGATE.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CapacityProviderStrategyItem.html',
  verifiedAt: '2026-11-27',
  evaluate(workload) {
    const providers = workload.ecs?.service?.capacityProviders ?? [];
    if (providers.length === 0) return NO_VIOLATIONS;
    if (providers.some((p) => FARGATE_PROVIDERS.includes(p.toUpperCase()))) return NO_VIOLATIONS;
    return [{ message: `the service's capacity provider strategy uses only ${quotedList(providers)}` }];
  },
});
