import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS, type Violation } from '../rule.js';
import { containerViolations, describeContainer } from './shared/containers.js';

function mismatch(label: string, unit: string, request: number | null, limit: number | null): string | null {
  if (request === null) return null;
  if (limit === null) return `${label} request ${request}${unit} with no limit`;
  if (limit !== request) return `${label} request ${request}${unit} but limit ${limit}${unit}`;
  return null;
}

/** `cpu request 250m but limit 500m and memory request ...`, or null when both match. */
function mismatches(container: Container): string | null {
  const cpu = mismatch('cpu', 'm', container.cpuRequestMillis, container.cpuLimitMillis);
  const memory = mismatch('memory', ' MiB', container.memoryRequestMiB, container.memoryLimitMiB);
  return cpu !== null && memory !== null ? `${cpu} and ${memory}` : (cpu ?? memory);
}

function limitsViolations(container: Container): readonly Violation[] {
  const found = mismatches(container);
  if (found === null) return NO_VIOLATIONS;
  return [
    {
      message: `${describeContainer(container)} has ${found}; on Fargate it cannot use more than its request.`,
    },
  ];
}

/** Containers whose limits differ from their requests: on Fargate the pod is capped at its requests. */
export const eksLimitsNeqRequests = defineRule({
  id: 'eks-limits-neq-requests',
  scope: 'eks',
  category: 'fargate',
  severity: 'advisory',
  title: 'Limits differ from requests',
  rationale:
    'Fargate pods run with guaranteed priority: the VM is sized from the requests, so a container cannot ' +
    'burst to a higher limit as it can on a shared node. AWS asks for requests equal to limits on every container.',
  fix: "Set each container's requests equal to its limits (raise the requests if the workload needs the burst).",
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['resourceGaps'],
  evaluate(workload) {
    return containerViolations(workload.containers, limitsViolations);
  },
});
