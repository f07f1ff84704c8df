import { buildReport } from '../../../lib/findings/assemble.js';
import { judgeWorkloads } from '../../../lib/findings/judge.js';
import type { CostEstimate, Gap, ReportDocument } from '../../../lib/findings/result.js';
import { defineRule, type Rule } from '../../../lib/rules/rule.js';
import {
  makeEcsContainer,
  makeEcsWorkload,
  makeEksWorkload,
  makeK8sContainer,
} from '../../support/builders.js';

/** A small catalogue whose outcomes the sink tests can predict, independent of the real rules. */
export const sampleRules: readonly Rule[] = [
  defineRule({
    id: 'eks-host-network',
    scope: 'eks',
    category: 'fargate',
    severity: 'blocker',
    title: 'Pod uses the host network',
    rationale: 'Fargate gives every pod its own ENI; there is no host network to share.',
    fix: 'Remove hostNetwork: true',
    docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
    verifiedAt: '2026-11-01',
    evaluate: (w) => (w.hostNetwork ? [{ message: 'hostNetwork: true is not supported on Fargate' }] : []),
  }),
  defineRule({
    id: 'eks-cpu-request-missing',
    scope: 'eks',
    category: 'fargate',
    severity: 'fixable',
    title: 'Container without a CPU request',
    rationale: 'Fargate sizes the pod from its requests.',
    fix: 'Set resources.requests.cpu',
    docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate-pod-configuration.html',
    verifiedAt: '2026-11-01',
    evaluate: (w) =>
      w.containers
        .filter((c) => c.cpuRequestMillis === null && c.cpuLimitMillis === null)
        .map((c) => ({ message: `container "${c.name}" has no CPU request` })),
  }),
  defineRule({
    id: 'eks-explodes',
    scope: 'eks',
    category: 'fargate',
    severity: 'blocker',
    title: 'A rule that throws on one workload',
    rationale: 'Exercises the engine error path.',
    fix: 'None',
    docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
    verifiedAt: '2026-11-01',
    evaluate: (w) => {
      if (w.name === 'broken') throw new Error('cannot read annotations');
      return [];
    },
  }),
  defineRule({
    id: 'ecs-readonly-root',
    scope: 'ecs',
    category: 'compliance',
    severity: 'advisory',
    title: 'Root filesystem is writable',
    rationale: 'Security Hub ECS.5 asks for read-only root filesystems.',
    fix: 'Set readonlyRootFilesystem: true',
    docsUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html',
    verifiedAt: '2026-11-01',
    control: 'ECS.5',
    evaluate: (w) =>
      w.containers
        .filter((c) => c.readOnlyRootFilesystem !== true)
        .map((c) => ({ message: `container "${c.name}" has a writable root filesystem` })),
  }),
];

export const sampleGap: Gap = {
  scope: 'file',
  file: 'manifests/broken.yaml',
  line: 7,
  errorName: 'YAMLParseError',
  message: 'Nested mappings are not allowed in compact mappings',
};

export const pricedCost: CostEstimate = {
  currentMonthlyUsd: 70.08,
  fargateMonthlyUsd: 36.04,
  monthlySavingsUsd: 34.04,
  breakdown: ['0.5 vCPU x 730 h x $0.04048 + 1 GB x 730 h x $0.004445'],
  assumptions: { region: 'us-east-1', architecture: 'x86_64', priceBookDate: '2026-10-01' },
};

/**
 * Four workloads, one per verdict, plus a gap:
 * - `ecs/web.json#0` eligible ECS task with a writable root (compliance advisory), priced;
 * - `k8s/agents.yaml#1` DaemonSet with hostNetwork and a container without requests: ineligible;
 * - `k8s/app.yaml#0` Deployment without CPU request: eligible-with-changes;
 * - `k8s/app.yaml#1` Deployment named `broken`: a rule throws, verdict unknown.
 */
export function sampleReport(): ReportDocument {
  const workloads = [
    makeEcsWorkload({
      id: 'ecs/web.json#0',
      containers: [makeEcsContainer({ readOnlyRootFilesystem: false })],
      source: { file: 'ecs/web.json', documentIndex: 0, line: null },
    }),
    makeEksWorkload({
      id: 'k8s/agents.yaml#1',
      kind: 'DaemonSet',
      name: 'node-agent',
      namespace: 'kube-system',
      schedulingKind: 'daemon',
      hostNetwork: true,
      containers: [makeK8sContainer({ name: 'agent', cpuRequestMillis: null, cpuLimitMillis: null })],
      source: { file: 'k8s/agents.yaml', documentIndex: 1, line: 24 },
    }),
    makeEksWorkload({
      id: 'k8s/app.yaml#0',
      name: 'api, "v2"',
      containers: [makeK8sContainer({ name: 'api', cpuRequestMillis: null, cpuLimitMillis: null })],
      source: { file: 'k8s/app.yaml', documentIndex: 0, line: 1 },
    }),
    makeEksWorkload({
      id: 'k8s/app.yaml#1',
      name: 'broken',
      source: { file: 'k8s/app.yaml', documentIndex: 1, line: 30 },
    }),
  ];
  const judgement = judgeWorkloads(workloads, {
    rules: sampleRules,
    cost: (w) => (w.scope === 'ecs' ? pricedCost : null),
  });
  return buildReport(judgement.results, [sampleGap], { generatedAt: new Date('2026-11-27T10:00:00Z') });
}
