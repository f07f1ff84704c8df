import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { configuredUser, describeContainer, isWindowsAdministrator } from './container-identity.js';

/** compliance-ecs-windows-user-non-admin: Windows container runs as an administrator. */
export const complianceEcsWindowsUserNonAdmin = defineRule({
  id: 'compliance-ecs-windows-user-non-admin',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Windows container runs as an administrator',
  rationale:
    'Windows containers without a "user" run as ContainerAdministrator, the default of Windows base images, which holds administrator rights inside the container.',
  fix: 'Set "user" to a non-administrator account such as ContainerUser.',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-21',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows'],
  control: 'Security Hub ECS.21; AWS Config ecs-task-definition-windows-user-non-admin',
  evaluate(workload) {
    if (workload.os !== 'windows') return NO_VIOLATIONS;
    return workload.containers.flatMap((container) => {
      const user = configuredUser(container);
      if (user === null) {
        return [
          { message: `${describeContainer(container)} sets no user, so it runs as ContainerAdministrator` },
        ];
      }
      if (isWindowsAdministrator(user)) {
        return [{ message: `${describeContainer(container)} runs as the administrator account "${user}"` }];
      }
      return NO_VIOLATIONS;
    });
  },
});
