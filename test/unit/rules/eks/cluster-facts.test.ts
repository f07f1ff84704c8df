import { describe, expect, it } from 'vitest';
import { eksAltCni } from '../../../../lib/rules/eks/eks-alt-cni.js';
import { eksDnsVpc } from '../../../../lib/rules/eks/eks-dns-vpc.js';
import { eksGovcloud } from '../../../../lib/rules/eks/eks-govcloud.js';
import { eksLbService } from '../../../../lib/rules/eks/eks-lb-service.js';
import { eksLocation } from '../../../../lib/rules/eks/eks-location.js';
import { eksNetworkPolicy } from '../../../../lib/rules/eks/eks-network-policy.js';
import { eksPodIdentity } from '../../../../lib/rules/eks/eks-pod-identity.js';
import { eksPrivateSubnets } from '../../../../lib/rules/eks/eks-private-subnets.js';
import { eksRules } from '../../../../lib/rules/eks/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { makeEksWorkload } from '../../../support/builders.js';
import { makeClusterContext } from '../eks.cases.js';

describe('rules that need live cluster facts', () => {
  it('say nothing when the facts are unknown (check mode)', () => {
    const checkMode = makeEksWorkload({}, { clusterContext: null, usesPodIdentity: null });
    for (const rule of [eksPrivateSubnets, eksLocation, eksDnsVpc, eksAltCni, eksPodIdentity]) {
      expect(rule.evaluate(checkMode), rule.id).toEqual([]);
    }
  });

  it('eks-private-subnets lists the public subnets as a change', () => {
    const workload = makeEksWorkload(
      {},
      { clusterContext: makeClusterContext({ publicProfileSubnets: ['subnet-0a', 'subnet-0b'] }) },
    );
    expect(eksPrivateSubnets.evaluate(workload)[0]?.message).toContain('subnet-0a, subnet-0b');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible-with-changes');
  });

  it.each([
    ['outposts', 'AWS Outposts'],
    ['local-zone', 'an AWS Local Zone'],
    ['wavelength', 'AWS Wavelength'],
  ])('eks-location blocks a cluster on %s', (location, words) => {
    const workload = makeEksWorkload({}, { clusterContext: makeClusterContext({ location }) });
    expect(eksLocation.evaluate(workload)[0]?.message).toContain(words);
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('eks-alt-cni names the CNI it found and blocks', () => {
    const workload = makeEksWorkload({}, { clusterContext: makeClusterContext({ alternateCni: 'calico' }) });
    expect(eksAltCni.evaluate(workload)[0]?.message).toContain('calico');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('eks-dns-vpc fires only when DNS is known to be off', () => {
    expect(
      eksDnsVpc.evaluate(
        makeEksWorkload({}, { clusterContext: makeClusterContext({ vpcDnsEnabled: false }) }),
      ),
    ).toHaveLength(1);
    expect(
      eksDnsVpc.evaluate(
        makeEksWorkload({}, { clusterContext: makeClusterContext({ vpcDnsEnabled: null }) }),
      ),
    ).toEqual([]);
  });

  it('eks-govcloud blocks GovCloud regions and says the fact is unverified', () => {
    const workload = makeEksWorkload({ region: 'us-gov-east-1' });
    expect(eksGovcloud.evaluate(workload)[0]?.message).toContain('unverified');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
    expect(eksGovcloud.evaluate(makeEksWorkload({ region: null }))).toEqual([]);
  });

  it('eks-pod-identity names the service account and asks for IRSA', () => {
    const workload = makeEksWorkload({}, { serviceAccountName: 'orders', usesPodIdentity: true });
    const [violation] = eksPodIdentity.evaluate(workload);
    expect(violation?.message).toContain('"orders"');
    expect(eksPodIdentity.fix).toContain('IRSA');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible-with-changes');
  });
});

describe('rules on objects read from the same input', () => {
  it('eks-lb-service flags only the Services that need IP targets', () => {
    const workload = makeEksWorkload(
      {},
      {
        services: [
          { name: 'public', type: 'LoadBalancer', ipTargets: false },
          { name: 'nlb-ip', type: 'LoadBalancer', ipTargets: true },
          { name: 'debug', type: 'NodePort', ipTargets: false },
          { name: 'internal', type: 'ClusterIP', ipTargets: false },
        ],
      },
    );
    const messages = eksLbService.evaluate(workload).map((v) => v.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain('"public"');
    expect(messages[1]).toContain('"debug"');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible-with-changes');
  });

  it('eks-lb-service accepts a NodePort Service the reader found behind an IP-target ALB Ingress', () => {
    const workload = makeEksWorkload(
      {},
      { services: [{ name: 'service-2048', type: 'NodePort', ipTargets: true }] },
    );
    expect(eksLbService.evaluate(workload)).toEqual([]);
  });

  it('eks-network-policy names the policies and stays advisory', () => {
    const workload = makeEksWorkload({}, { networkPolicies: ['default-deny', 'allow-frontend'] });
    expect(eksNetworkPolicy.evaluate(workload)[0]?.message).toContain('"default-deny", "allow-frontend"');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible');
  });
});
