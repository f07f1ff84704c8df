import { describe, expect, it } from 'vitest';
import type { NodeSelectorTerm } from '../../../../lib/model/workload.js';
import { eksArchArm64 } from '../../../../lib/rules/eks/eks-arch-arm64.js';
import { eksNodeSelectors } from '../../../../lib/rules/eks/eks-node-selectors.js';
import { eksSpot } from '../../../../lib/rules/eks/eks-spot.js';
import { eksWindows } from '../../../../lib/rules/eks/eks-windows.js';
import { eksRules } from '../../../../lib/rules/eks/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { makeEksWorkload } from '../../../support/builders.js';

const affinity = (...terms: NodeSelectorTerm[]) => makeEksWorkload({ nodeAffinity: terms });

describe('rule eks-arch-arm64', () => {
  it.each([
    ['nodeSelector beta label', makeEksWorkload({ nodeSelector: { 'beta.kubernetes.io/arch': 'arm64' } })],
    ['affinity In [arm64]', affinity({ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] })],
    ['affinity NotIn [amd64]', affinity({ key: 'kubernetes.io/arch', operator: 'NotIn', values: ['amd64'] })],
  ])('blocks a pod that allows only arm64 (%s)', (_, workload) => {
    expect(eksArchArm64.evaluate(workload)).toHaveLength(1);
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('lets a multi-arch pod through', () => {
    expect(
      eksArchArm64.evaluate(
        affinity({ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64', 'amd64'] }),
      ),
    ).toEqual([]);
  });

  it('lets ORed affinity terms through when one of them allows amd64', () => {
    const workload = affinity(
      { key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] },
      { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
    );
    expect(eksArchArm64.evaluate(workload)).toEqual([]);
  });

  it('shows what it saw', () => {
    const [violation] = eksArchArm64.evaluate(
      makeEksWorkload({ nodeSelector: { 'kubernetes.io/arch': 'arm64' } }),
    );
    expect(violation?.message).toContain('nodeSelector kubernetes.io/arch=arm64');
  });
});

describe('rule eks-windows', () => {
  it('blocks a pod whose affinity allows only Windows nodes', () => {
    const workload = affinity({ key: 'kubernetes.io/os', operator: 'In', values: ['windows'] });
    expect(eksWindows.evaluate(workload)[0]?.message).toContain('rules out Linux');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('reports a Windows pod once even when both the model and the selector say so', () => {
    const workload = makeEksWorkload({ os: 'windows', nodeSelector: { 'kubernetes.io/os': 'windows' } });
    expect(eksWindows.evaluate(workload)).toHaveLength(1);
  });
});

describe('rules eks-spot and eks-node-selectors', () => {
  it('reports a Spot selection under eks-spot only', () => {
    const workload = makeEksWorkload({ nodeSelector: { 'karpenter.sh/capacity-type': 'spot' } });
    const ruleIds = evaluateWorkload(workload, eksRules).findings.map((f) => f.ruleId);
    expect(ruleIds).toEqual(['eks-spot']);
    expect(eksSpot.evaluate(workload)[0]?.message).toContain('karpenter.sh/capacity-type=spot');
  });

  it('reports an instance-type selection as an unverified advisory', () => {
    const workload = makeEksWorkload({ nodeSelector: { 'node.kubernetes.io/instance-type': 'c6i.xlarge' } });
    const [violation] = eksNodeSelectors.evaluate(workload);
    expect(violation?.message).toContain('node.kubernetes.io/instance-type=c6i.xlarge');
    expect(violation?.message).toContain('unverified');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible');
  });

  it('ignores selectors on labels Fargate nodes also carry', () => {
    const workload = makeEksWorkload({
      nodeSelector: { 'topology.kubernetes.io/zone': 'eu-west-1a', 'kubernetes.io/os': 'linux' },
    });
    expect(evaluateWorkload(workload, eksRules).findings).toEqual([]);
  });
});
