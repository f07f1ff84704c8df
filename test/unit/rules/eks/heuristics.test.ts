import { describe, expect, it } from 'vitest';
import { eksComputeTypeEc2 } from '../../../../lib/rules/eks/eks-compute-type-ec2.js';
import { eksGpu } from '../../../../lib/rules/eks/eks-gpu.js';
import { eksImds } from '../../../../lib/rules/eks/eks-imds.js';
import { eksJobsTtl } from '../../../../lib/rules/eks/eks-jobs-ttl.js';
import { eksLogAgents } from '../../../../lib/rules/eks/eks-log-agents.js';
import { eksRules } from '../../../../lib/rules/eks/index.js';
import { evaluateWorkload } from '../../../../lib/rules/engine.js';
import { makeEksWorkload, makeK8sContainer } from '../../../support/builders.js';

const requesting = (resources: Record<string, string>) =>
  makeEksWorkload({ containers: [makeK8sContainer({}, { extendedResources: resources })] });

describe('rule eks-gpu', () => {
  it.each([
    'nvidia.com/gpu',
    'nvidia.com/mig-1g.5gb',
    'amd.com/gpu',
    'aws.amazon.com/neurondevice',
    'vpc.amazonaws.com/efa',
  ])('blocks a request for %s', (resource) => {
    const workload = requesting({ [resource]: '1' });
    expect(eksGpu.evaluate(workload)[0]?.message).toContain(resource);
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('ineligible');
  });

  it('blocks other device-plugin resources as unverified', () => {
    const [violation] = eksGpu.evaluate(requesting({ 'smarter-devices/fuse': '1' }));
    expect(violation?.message).toContain('smarter-devices/fuse');
    expect(violation?.message).toContain('unverified');
  });

  it('ignores the pod-eni resource that security groups for pods inject', () => {
    expect(eksGpu.evaluate(requesting({ 'vpc.amazonaws.com/pod-eni': '1' }))).toEqual([]);
  });
});

describe('rule eks-compute-type-ec2', () => {
  it('asks to remove the CoreDNS-style annotation', () => {
    const workload = makeEksWorkload({}, { computeType: 'ec2' });
    expect(eksComputeTypeEc2.evaluate(workload)[0]?.message).toContain('eks.amazonaws.com/compute-type: ec2');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible-with-changes');
  });
});

describe('rule eks-imds', () => {
  it('recognises kube2iam / kiam role annotations', () => {
    const workload = makeEksWorkload({
      annotations: { 'iam.amazonaws.com/role': 'arn:aws:iam::111122223333:role/app' },
    });
    const [violation] = eksImds.evaluate(workload);
    expect(violation?.message).toContain('iam.amazonaws.com/role');
    expect(violation?.message).not.toContain('arn:aws:iam');
  });

  it('stays silent without concrete evidence, even when the service account has no IRSA role', () => {
    const workload = makeEksWorkload({}, { serviceAccountHasIrsa: false });
    expect(eksImds.evaluate(workload)).toEqual([]);
  });
});

describe('rule eks-log-agents', () => {
  it('recognises a Fluent Bit DaemonSet and points to the built-in log router', () => {
    const workload = makeEksWorkload({
      kind: 'DaemonSet',
      ownerKind: 'DaemonSet',
      schedulingKind: 'daemon',
      containers: [makeK8sContainer({ name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.1' })],
    });
    const findings = evaluateWorkload(workload, eksRules).findings;
    expect(findings.map((f) => f.ruleId).sort()).toEqual(['eks-daemonset', 'eks-log-agents']);
    expect(findings.find((f) => f.ruleId === 'eks-log-agents')?.fix).toContain('aws-observability');
  });

  it('does not call an ordinary DaemonSet a log agent', () => {
    const workload = makeEksWorkload({
      kind: 'DaemonSet',
      ownerKind: 'DaemonSet',
      schedulingKind: 'daemon',
      containers: [makeK8sContainer({ name: 'cni', image: 'quay.io/calico/node:v3.28.0' })],
    });
    expect(eksLogAgents.evaluate(workload)).toEqual([]);
  });

  it('lists the node-agent annotations it saw on a Deployment', () => {
    const workload = makeEksWorkload({
      annotations: { 'fluentbit.io/parser': 'json', 'co.elastic.logs/enabled': 'true' },
    });
    const [violation] = eksLogAgents.evaluate(workload);
    expect(violation?.message).toContain('fluentbit.io/parser, co.elastic.logs/enabled');
  });
});

describe('rule eks-jobs-ttl', () => {
  it('reminds a Job without TTL that finished pods keep billing, without lowering the verdict', () => {
    const workload = makeEksWorkload({
      kind: 'Job',
      name: 'report',
      ownerKind: 'Job',
      schedulingKind: 'batch',
    });
    expect(eksJobsTtl.evaluate(workload)[0]?.message).toContain('Job "report"');
    expect(evaluateWorkload(workload, eksRules).verdict).toBe('eligible');
  });

  it('accepts a TTL of zero', () => {
    const workload = makeEksWorkload(
      { kind: 'Job', ownerKind: 'Job', schedulingKind: 'batch' },
      { ttlSecondsAfterFinished: 0 },
    );
    expect(eksJobsTtl.evaluate(workload)).toEqual([]);
  });
});
