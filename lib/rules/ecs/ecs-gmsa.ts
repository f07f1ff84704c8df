import type { Container, Workload } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { isWindowsTask } from './shared/operating-system.js';
import { featureNeedsPlatform } from './shared/platform-version.js';
import { containersThat } from './shared/wording.js';

/** True when the container uses gMSA credential specs. */
const usesGmsa = (c: Container): boolean => (c.ecs?.credentialSpecKinds.length ?? 0) > 0;

/** ecs-gmsa: gMSA on Fargate is domainless and Linux only. */
export const ecsGmsa = defineRule({
  id: 'ecs-gmsa',
  scope: 'ecs',
  category: 'fargate',
  severity: 'fixable',
  title: 'gMSA credential specs',
  rationale:
    'Fargate has no domain-joined hosts. Linux tasks can use gMSA only in domainless mode (credentialspecdomainless:, ' +
    'platform version 1.4.0 or later, one Active Directory per task). Windows tasks on Fargate cannot use gMSA ' +
    '(documented in 2023; current status unverified).',
  fix: 'Linux: switch to credentialspecdomainless: with an AD user secret in Secrets Manager. Windows: stay on EC2.',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-linux-gmsa.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['securityOptions'],
  evaluate(workload) {
    for (const c of workload.containers) {
      if ((c.ecs?.credentialSpecKinds.length ?? 0) > 0) return gmsaViolations(workload);
    }
    return NO_VIOLATIONS;
  },
});

/** The containers that use gMSA: on Windows, domain-joined, or on a too-old platform version. */
function gmsaViolations(workload: Workload): readonly Violation[] {
  const users = workload.containers.filter(usesGmsa);
  if (isWindowsTask(workload)) {
    return [
      {
        message: `${containersThat(users, 'uses', 'use')} gMSA credential specs on a Windows task; Fargate does not support gMSA for Windows (documented in 2023, current status unverified, so treated as a blocker)`,
        severity: 'blocker',
        fix: 'Keep the task on EC2 Windows capacity, or remove the gMSA dependency.',
      },
    ];
  }
  const violations: Violation[] = [];
  const domainJoined = users.filter((c) => c.ecs?.credentialSpecKinds.includes('credentialspec'));
  if (domainJoined.length > 0) {
    violations.push({
      message: `${containersThat(domainJoined, 'uses', 'use')} a domain-joined credentialspec:; Fargate supports only credentialspecdomainless:`,
    });
  }
  const domainless = users.filter((c) => c.ecs?.credentialSpecKinds.includes('credentialspecdomainless'));
  if (domainless.length > 0) {
    violations.push(
      ...featureNeedsPlatform(
        workload,
        `${containersThat(domainless, 'uses', 'use')} domainless gMSA`,
        '1.4.0',
      ),
    );
  }
  return violations;
}
