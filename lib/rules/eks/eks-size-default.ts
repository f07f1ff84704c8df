import type { Container } from '../../model/workload.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeContainer, joinList } from './shared/containers.js';

const hasCpu = (c: Container) => c.cpuRequestMillis !== null || c.cpuLimitMillis !== null;
const hasMemory = (c: Container) => c.memoryRequestMiB !== null || c.memoryLimitMiB !== null;
const setsNeither = (c: Container) => !hasCpu(c) && !hasMemory(c);
// Init containers run alone and are often tiny; only the long-running ones share the pod's size.
const sizedOrInit = (c: Container) => c.role === 'init' || (hasCpu(c) && hasMemory(c));

/** Pods (or containers) without requests, which Fargate sizes at its smallest configuration. */
export const eksSizeDefault = defineRule({
  id: 'eks-size-default',
  scope: 'eks',
  category: 'fargate',
  severity: 'advisory',
  title: 'Pod has no resource requests',
  rationale:
    'Fargate sizes a pod from its requests only. A pod with no requests or limits gets 0.25 vCPU and 0.5 GB; ' +
    'a container without a request adds nothing to the size and lives on what the others leave.',
  fix: 'Set cpu and memory requests (equal to the limits) on every container.',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['resourceGaps'],
  evaluate(workload) {
    const containers = workload.containers;
    if (containers.length === 0) return NO_VIOLATIONS;
    if (containers.every(setsNeither)) {
      return [
        {
          message:
            'No container sets cpu or memory requests or limits: Fargate runs the pod at 0.25 vCPU / 0.5 GB.',
        },
      ];
    }
    if (containers.every(sizedOrInit)) return NO_VIOLATIONS;
    const running = containers.filter((c) => c.role !== 'init');
    const noCpu = running.filter((c) => !hasCpu(c)).map(describeContainer);
    const noMemory = running.filter((c) => !hasMemory(c)).map(describeContainer);
    const neither = noCpu.filter((name) => noMemory.includes(name));
    const cpuOnly = noCpu.filter((name) => !neither.includes(name));
    const memoryOnly = noMemory.filter((name) => !neither.includes(name));
    const gaps = [
      neither.length > 0 ? `no cpu or memory request on ${joinList(neither)}` : null,
      cpuOnly.length > 0 ? `no cpu request on ${joinList(cpuOnly)}` : null,
      memoryOnly.length > 0 ? `no memory request on ${joinList(memoryOnly)}` : null,
    ].filter((g): g is string => g !== null);
    if (gaps.length === 0) return NO_VIOLATIONS;
    return [{ message: `Fargate sizes the pod from requests only, and there is ${gaps.join(' and ')}.` }];
  },
});
