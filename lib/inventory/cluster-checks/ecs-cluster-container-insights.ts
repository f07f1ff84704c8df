import { defineClusterCheck } from './cluster-check.js';

/** Values of the `containerInsights` cluster setting that mean metrics are collected. */
const ON = new Set(['enabled', 'enhanced']);

/** ECS.12: Container Insights is on for the cluster. */
export const ecsClusterContainerInsights = defineClusterCheck({
  id: 'ecs-cluster-container-insights',
  scope: 'ecs',
  category: 'compliance',
  severity: 'fixable',
  title: 'ECS cluster has Container Insights enabled',
  rationale:
    'Without Container Insights the cluster reports no task- and service-level CPU, memory and network metrics, so right-sizing a move to Fargate has no measured baseline.',
  fix: 'aws ecs update-cluster-settings --cluster <name> --settings name=containerInsights,value=enhanced (or enabled).',
  docsUrl: 'https://docs.aws.amazon.com/config/latest/developerguide/ecs-container-insights-enabled.html',
  verifiedAt: '2026-11-27',
  control: 'Security Hub ECS.12 / ecs-container-insights-enabled / ecs_cluster_container_insights_enabled',
  evaluate({ cluster }) {
    if (cluster.containerInsights !== null && ON.has(cluster.containerInsights.toLowerCase())) return [];
    return [
      {
        message:
          cluster.containerInsights === null
            ? `Cluster ${cluster.name} has no containerInsights setting: Container Insights is off.`
            : `Cluster ${cluster.name} has containerInsights set to "${cluster.containerInsights}".`,
      },
    ];
  },
});
