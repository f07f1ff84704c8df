import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';

/** ecs-app-mesh: App Mesh runs on Fargate Linux but reached end of support on 2026-09-30. */
export const ecsAppMesh = defineRule({
  id: 'ecs-app-mesh',
  scope: 'ecs',
  category: 'fargate',
  severity: 'advisory',
  title: 'App Mesh proxy configuration',
  rationale:
    'proxyConfiguration type APPMESH works on Fargate Linux, but AWS App Mesh support ended on 2026-09-30, ' +
    'and Windows tasks on Fargate never supported it.',
  fix: 'Migrate the service mesh to ECS Service Connect before or while moving to Fargate.',
  docsUrl: 'https://docs.aws.amazon.com/app-mesh/latest/userguide/',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['proxyConfiguration'],
  evaluate(workload) {
    if (workload.ecs?.proxyConfigurationType?.toUpperCase() !== 'APPMESH') return NO_VIOLATIONS;
    if (isWindowsTask(workload)) {
      return [
        {
          message:
            'the task uses an App Mesh proxyConfiguration, which Windows tasks on Fargate do not support',
          severity: 'fixable',
        },
      ];
    }
    return [
      { message: 'the task uses an App Mesh proxyConfiguration; App Mesh support ended on 2026-09-30' },
    ];
  },
});
