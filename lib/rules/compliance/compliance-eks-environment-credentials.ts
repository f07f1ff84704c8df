import { defineRule } from '../rule.js';
import { containerResultWith, containerViolations } from './container-identity.js';
import { credentialCheck, looksLikeCredentialName } from './credential-env-names.js';

const credentialsIn = credentialCheck(
  looksLikeCredentialName,
  containerResultWith((name: string) => ` sets ${name} from a literal value or ConfigMap, not from a Secret`),
);

/** compliance-eks-environment-credentials: Credential set as a plain environment variable instead of a Secret. */
export const complianceEksEnvironmentCredentials = defineRule({
  id: 'compliance-eks-environment-credentials',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Credential set as a plain environment variable instead of a Secret',
  rationale:
    'A credential written as a literal env value (or taken from a ConfigMap) sits in clear text in the manifest, in Git and in every copy of the pod spec; Secrets can be access-controlled, envelope-encrypted and rotated. AWS keys in particular should be replaced by IAM roles for service accounts.',
  fix: 'Load the variable with valueFrom.secretKeyRef (or mount a Secret); for AWS access keys use IAM roles for service accounts instead.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['environment'],
  control:
    'Analogue of Security Hub ECS.8 (AWS keys and ECS_ENGINE_AUTH_DATA) extended to common credential names',
  evaluate(workload) {
    return containerViolations(workload.containers, credentialsIn);
  },
});
