import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import {
  configuredUser,
  containerResult,
  containerResultWith,
  containerViolations,
  isRootUser,
} from './container-identity.js';

const NOT_REQUIRED = ' does not set runAsNonRoot: true, so nothing stops it running as root';
const notRequiredImageUser = containerResult(
  `${NOT_REQUIRED} (runs as the image default user (usually root))`,
);
const notRequiredUser = containerResultWith((user: string) => `${NOT_REQUIRED} (runs as UID ${user})`);
const setsRootUser = containerResultWith((user: string) => ` sets runAsUser: ${user}, which is root`);

function nonRootViolations(container: Container): readonly Violation[] {
  const user = configuredUser(container);
  if (user !== null && isRootUser(user)) return setsRootUser(container, user);
  if (container.runAsNonRoot === true) return NO_VIOLATIONS;
  return user === null ? notRequiredImageUser(container) : notRequiredUser(container, user);
}

/** compliance-eks-run-as-non-root: Container is not required to run as non-root. */
export const complianceEksRunAsNonRoot = defineRule({
  id: 'compliance-eks-run-as-non-root',
  scope: 'eks',
  category: 'compliance',
  severity: 'advisory',
  title: 'Container is not required to run as non-root',
  rationale:
    'Unless runAsNonRoot is true the kubelet starts the container as whatever user the image names, usually root; runAsUser 0 asks for root outright. The Pod Security Standards restricted profile requires runAsNonRoot: true and forbids runAsUser 0.',
  fix: 'Set securityContext.runAsNonRoot: true (pod or container level) and a non-zero runAsUser.',
  docsUrl: 'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
  verifiedAt: '2026-11-27',
  control:
    'Kubernetes Pod Security Standards, restricted: Running as Non-root and Running as Non-root user (analogue of Security Hub ECS.20)',
  evaluate(workload) {
    return containerViolations(workload.containers, nonRootViolations);
  },
});
