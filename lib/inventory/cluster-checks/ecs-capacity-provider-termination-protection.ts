import { defineClusterCheck } from './cluster-check.js';

/** ECS.19: Auto Scaling group capacity providers protect instances that run tasks. */
export const ecsCapacityProviderTerminationProtection = defineClusterCheck({
  id: 'ecs-capacity-provider-termination-protection',
  scope: 'ecs',
  category: 'compliance',
  severity: 'fixable',
  title: 'Auto Scaling group capacity providers have managed termination protection',
  rationale:
    'Without managed termination protection a scale-in can terminate EC2 instances that still run tasks, interrupting services on the cluster.',
  fix: 'Enable managed scaling and managedTerminationProtection on the capacity provider (and scale-in protection on its Auto Scaling group) — or move the services to FARGATE capacity.',
  docsUrl:
    'https://docs.aws.amazon.com/config/latest/developerguide/ecs-capacity-provider-termination-check.html',
  verifiedAt: '2026-11-27',
  control: 'Security Hub ECS.19 / ecs-capacity-provider-termination-check',
  evaluate({ cluster, capacityProviders }) {
    const byName = new Map(capacityProviders.map((p) => [p.name, p]));
    return cluster.capacityProviders.flatMap((name) => {
      const provider = byName.get(name);
      if (provider?.type !== 'EC2_AUTOSCALING') return [];
      if (provider.managedTerminationProtection === 'ENABLED') return [];
      return [
        {
          message: `Capacity provider ${name} of cluster ${cluster.name} has managed termination protection ${
            provider.managedTerminationProtection?.toLowerCase() ?? 'unset (off)'
          }.`,
        },
      ];
    });
  },
});
