import { equalsUpperCase } from '../../rules/ecs/shared/letter-case.js';
import { defineRule, NO_VIOLATIONS } from '../../rules/rule.js';

/** The newest Fargate platform version per OS; `LATEST` always resolves to it. */
const LATEST_BY_OS = { linux: '1.4.0', windows: '1.0.0' } as const;

/** ECS.10: Fargate services run on the latest platform version. */
export const ecsServicePlatformVersion = defineRule({
  id: 'ecs-service-platform-version',
  scope: 'ecs',
  category: 'compliance',
  severity: 'fixable',
  title: 'Fargate service runs on the latest platform version',
  rationale:
    'Older Fargate platform versions miss security patches and features (EFS, ephemeral storage, SYS_PTRACE, 8/16 vCPU need Linux 1.4.0).',
  fix: 'Set the service platformVersion to LATEST and force a new deployment.',
  docsUrl:
    'https://docs.aws.amazon.com/config/latest/developerguide/ecs-fargate-latest-platform-version.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['platformPin'],
  control:
    'Security Hub ECS.10 / ecs-fargate-latest-platform-version / ecs_service_fargate_latest_platform_version',
  evaluate(workload) {
    const service = workload.ecs?.service;
    const onFargate = workload.launchType === 'FARGATE' || workload.launchType === 'FARGATE_SPOT';
    const version = service?.platformVersion ?? null;
    if (!service || !onFargate || version === null) return NO_VIOLATIONS;
    if (equalsUpperCase(version, 'LATEST') || version === LATEST_BY_OS[workload.os]) return NO_VIOLATIONS;
    return [
      {
        message: `Service ${workload.name} is pinned to Fargate platform version ${version}; the latest for ${workload.os} is ${LATEST_BY_OS[workload.os]}.`,
      },
    ];
  },
});
