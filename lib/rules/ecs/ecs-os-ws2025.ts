import { defineRule, NO_VIOLATIONS } from '../rule.js';

/** ecs-os-ws2025: Windows Server 2025 on Fargate is unconfirmed, so treated as unsupported. */
export const ecsOsWs2025 = defineRule({
  id: 'ecs-os-ws2025',
  scope: 'ecs',
  category: 'fargate',
  severity: 'blocker',
  title: 'Windows Server 2025 on Fargate is unverified',
  rationale:
    'The ECS API accepts WINDOWS_SERVER_2025_CORE and _FULL, but the Fargate Windows platform version ' +
    'changelog lists only Server 2019 and 2022. Until AWS documents 2025 on Fargate it is treated as unsupported.',
  fix: 'Check the Fargate Windows platform versions page; if 2025 is not listed, rebuild on Windows Server 2022 or stay on EC2.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-windows-fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['windows'],
  evaluate(workload) {
    const family = workload.ecs?.operatingSystemFamily?.toUpperCase();
    if (!family?.startsWith('WINDOWS_SERVER_2025')) return NO_VIOLATIONS;
    return [
      {
        message: `runtimePlatform.operatingSystemFamily is ${family}; Fargate support for Windows Server 2025 is unverified, so it is treated as a blocker`,
      },
    ];
  },
});
