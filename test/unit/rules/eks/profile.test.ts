import { describe, expect, it } from 'vitest';
import { eksProfileMatch } from '../../../../lib/rules/eks/eks-profile-match.js';
import { eksProfileSemantics } from '../../../../lib/rules/eks/eks-profile-semantics.js';
import { eksRules } from '../../../../lib/rules/eks/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { makeEksWorkload } from '../../../support/builders.js';

describe('rule eks-profile-match', () => {
  it('stays silent when Fargate profiles are unknown (check mode)', () => {
    expect(eksProfileMatch.evaluate(makeEksWorkload())).toEqual([]);
  });

  it('names the selector to add and keeps an otherwise clean workload eligible', () => {
    const workload = makeEksWorkload(
      { namespace: 'shop', labels: { app: 'cart', tier: 'web' } },
      { fargateProfile: null },
    );
    const result = evaluateWorkload(workload, eksRules);
    expect(result.verdict).toBe('eligible');
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding?.ruleId).toBe('eks-profile-match');
    expect(finding?.severity).toBe('advisory');
    expect(finding?.message).toContain('namespace "shop"');
    expect(finding?.message).toContain('app: cart');
    expect(finding?.message).toContain('tier: web');
    // The selector is in the message; the fix is the rule's own, one string for every such finding.
    expect(finding?.fix).toBe(eksProfileMatch.fix);
  });

  it('leaves per-pod controller labels out of the suggested selector', () => {
    const workload = makeEksWorkload(
      { labels: { app: 'web', 'pod-template-hash': '5d8f7c9b6', 'controller-revision-hash': 'web-7c' } },
      { fargateProfile: null },
    );
    const [violation] = eksProfileMatch.evaluate(workload);
    expect(violation?.message).toContain('app: web');
    expect(violation?.message).not.toContain('pod-template-hash');
    expect(violation?.message).not.toContain('controller-revision-hash');
  });

  it('keeps the suggestion within the five label pairs a selector allows', () => {
    const labels = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((k) => [k, 'x']));
    const [violation] = eksProfileMatch.evaluate(makeEksWorkload({ labels }, { fargateProfile: null }));
    expect(violation?.message.match(/: x/g)).toHaveLength(5);
    expect(violation?.message).toContain('subset of the pod labels');
  });

  it('suggests a namespace-only selector for a pod without labels', () => {
    const [violation] = eksProfileMatch.evaluate(makeEksWorkload({ labels: {} }, { fargateProfile: null }));
    expect(violation?.message).toContain('namespace "default"');
    expect(violation?.message).not.toContain('labels {');
  });
});

describe('rule eks-profile-semantics', () => {
  const pinned = { app: 'web', 'eks.amazonaws.com/fargate-profile': 'batch' };

  it('says which profile the pod pins when profiles are unknown', () => {
    const [violation] = eksProfileSemantics.evaluate(makeEksWorkload({ labels: pinned }));
    expect(violation?.message).toContain('eks.amazonaws.com/fargate-profile: batch');
  });

  it('points out a pin that disagrees with the profile that selects the pod', () => {
    const workload = makeEksWorkload(
      { labels: pinned },
      { fargateProfile: { profileName: 'apps', selectorIndex: 0 } },
    );
    const [violation] = eksProfileSemantics.evaluate(workload);
    expect(violation?.message).toContain('"apps"');
    expect(violation?.message).toContain('"batch"');
  });

  it('is advisory: a pinned pod stays eligible', () => {
    expect(evaluateWorkload(makeEksWorkload({ labels: pinned }), eksRules).verdict).toBe('eligible');
  });
});
