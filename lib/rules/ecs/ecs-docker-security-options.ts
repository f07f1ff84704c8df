import type { Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';

/** ecs-docker-security-options: dockerSecurityOptions is not valid on Fargate. */
export const ecsDockerSecurityOptions = defineRule({
  id: 'ecs-docker-security-options',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'Docker security options',
  rationale:
    'dockerSecurityOptions is not valid for Fargate tasks. no-new-privileges, apparmor: and label: have no Fargate ' +
    'equivalent; gMSA credential specs belong in credentialSpecs instead.',
  fix:
    'Remove dockerSecurityOptions. Move credentialspec: entries to credentialSpecs. If the workload depends on an ' +
    'SELinux or AppArmor label, it cannot move to Fargate.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['securityOptions'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.dockerSecurityOptions.length ?? 0) > 0) return securityOptionViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** One violation per container that sets dockerSecurityOptions. */
function securityOptionViolations(workload: Workload): readonly Violation[] {
  return workload.containers.flatMap((c) => {
    const options = c.ecs?.dockerSecurityOptions ?? [];
    if (options.length === 0) return NO_VIOLATIONS;
    // A credential spec names an SSM parameter or S3 object: show only its kind.
    const shown = options.map((o) => (/^credentialspec/i.test(o) ? `${o.split(':')[0]}:…` : o));
    const movesCredentialSpec = options.some((o) => /^credentialspec/i.test(o));
    return [
      {
        message: `container "${c.name}" sets dockerSecurityOptions ${shown.join(', ')}`,
        ...(movesCredentialSpec
          ? { fix: 'Remove dockerSecurityOptions and move the credentialspec: entry to credentialSpecs.' }
          : {}),
      },
    ];
  });
}
