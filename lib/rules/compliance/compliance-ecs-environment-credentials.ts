import { defineRule } from '../rule.js';
import { containerResultWith, containerViolations } from './container-identity.js';
import { credentialCheck, isEcsControlCredentialName } from './credential-env-names.js';

const credentialsIn = credentialCheck(
  isEcsControlCredentialName,
  containerResultWith((name: string) => ` sets ${name} in its plain environment instead of "secrets"`),
);

/** compliance-ecs-environment-credentials: Credentials passed as plain container environment variables. */
export const complianceEcsEnvironmentCredentials = defineRule({
  id: 'compliance-ecs-environment-credentials',
  scope: 'ecs',
  category: 'compliance',
  severity: 'advisory',
  title: 'Credentials passed as plain container environment variables',
  rationale:
    'Values in a container definition "environment" are stored in clear text in the task definition and visible to anyone who can describe it. AWS keys and registry auth data belong in Secrets Manager or Parameter Store.',
  fix: 'Move the variable to the container "secrets" list (Secrets Manager or SSM Parameter Store), or drop static AWS keys in favour of the task role.',
  docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['controlCredentialNames'],
  control:
    'Security Hub ECS.8; AWS Config ecs-no-environment-secrets; Prowler ecs_task_definitions_no_environment_secrets',
  evaluate(workload) {
    return containerViolations(workload.containers, credentialsIn);
  },
});
