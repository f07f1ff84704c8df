import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { fixedResultsBy } from './shared/fixed-result.js';
import { equalsUpperCase } from './shared/letter-case.js';
import { quotedList } from './shared/wording.js';

/** True when the strategy has a Fargate provider, in any letter case. */
function hasFargateProvider(providers: readonly string[]): boolean {
  for (const p of providers) {
    if (equalsUpperCase(p, 'FARGATE') || equalsUpperCase(p, 'FARGATE_SPOT')) return true;
  }
  return false;
}

function usesOnly(providers: readonly string[]): Violation {
  return { message: `the service's capacity provider strategy uses only ${quotedList(providers)}` };
}

/** Most strategies name one provider, shared by the services of a cluster: so is their result. */
const usesOnlyProvider = fixedResultsBy((provider: string) => usesOnly([provider]));

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
  firesOnlyWith: ['capacityProviders'],
  evaluate(workload) {
    const providers = workload.ecs?.service?.capacityProviders;
    if (!providers || providers.length === 0 || hasFargateProvider(providers)) return NO_VIOLATIONS;
    return providers.length === 1 ? usesOnlyProvider(providers[0]!) : [usesOnly(providers)];
  },
});
