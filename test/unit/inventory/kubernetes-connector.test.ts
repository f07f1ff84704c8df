import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { kubernetesError, slim } from '../../../lib/inventory/eks/kubernetes-connector.js';
import {
  allocatableOf,
  capacityTypeOfNode,
  instanceIdOfNode,
  instanceTypeOfNode,
  launchTypeOfNode,
} from '../../../lib/inventory/eks/nodes.js';
import { alternateCniOf, podRequests } from '../../../lib/inventory/eks/normalize-eks.js';
import { daemonSet, node, pod } from './support.js';

describe('kubernetesError', () => {
  it('names the refusal and keeps the API server message', () => {
    const refusal = new ApiException(
      403,
      'Forbidden',
      '{"kind":"Status","message":"pods is forbidden: User \\"scanner\\" cannot list resource \\"pods\\""}',
      {},
    );
    const mapped = kubernetesError(refusal, 'ListPod on shop') as Error;
    expect(mapped.name).toBe('KubernetesForbidden');
    expect(mapped.message).toBe(
      'ListPod on shop: pods is forbidden: User "scanner" cannot list resource "pods"',
    );
    expect((kubernetesError(new ApiException(401, 'Unauthorized', '', {}), 'x') as Error).name).toBe(
      'KubernetesUnauthorized',
    );
    const network = new Error('connect ECONNREFUSED');
    expect(kubernetesError(network, 'x')).toBe(network);
  });
});

describe('slim', () => {
  it('keeps only the pod phase and the node capacity, and redacts', () => {
    const p = pod('a', 'ns', { containers: [{ env: [{ name: 'K', value: 'CANARY-slim' }] }] });
    const slimmed = slim('pods', {
      ...p,
      status: { phase: 'Running', podIP: '10.0.0.1', containerStatuses: [{}] },
    });
    expect(slimmed.status).toEqual({ phase: 'Running' });
    expect(JSON.stringify(slimmed)).not.toContain('CANARY');
    const n = slim('nodes', {
      ...node('n1'),
      status: {
        allocatable: { cpu: '2', memory: '7Gi' },
        capacity: { cpu: '2' },
        images: [{ names: ['x'] }],
        conditions: [],
        nodeInfo: { architecture: 'amd64', operatingSystem: 'linux', kernelVersion: '6.1' },
      },
    });
    expect(n.status).toEqual({
      allocatable: { cpu: '2', memory: '7Gi' },
      capacity: { cpu: '2' },
      nodeInfo: { architecture: 'amd64', operatingSystem: 'linux' },
    });
  });
});

describe('nodes', () => {
  it('reads Fargate, hybrid and EC2 nodes, instance ids, types, spot and capacity', () => {
    expect(launchTypeOfNode(node('f', { labels: { 'eks.amazonaws.com/compute-type': 'fargate' } }))).toBe(
      'FARGATE',
    );
    expect(launchTypeOfNode(node('h', { labels: { 'eks.amazonaws.com/compute-type': 'hybrid' } }))).toBe(
      'EXTERNAL',
    );
    const karpenter = node('k', {
      labels: { 'node.kubernetes.io/instance-type': 'c7g.large', 'karpenter.sh/capacity-type': 'spot' },
      providerID: 'aws:///eu-west-1b/i-0123456789abcdef0',
      cpu: '1930m',
      memory: '3Gi',
    });
    expect(launchTypeOfNode(karpenter)).toBe('EC2');
    expect(instanceTypeOfNode(karpenter)).toBe('c7g.large');
    expect(capacityTypeOfNode(karpenter)).toBe('spot');
    expect(instanceIdOfNode(karpenter)).toBe('i-0123456789abcdef0');
    expect(allocatableOf(karpenter)).toEqual({ cpuMillis: 1930, memoryMiB: 3072 });
    expect(capacityTypeOfNode(node('m', { labels: { 'eks.amazonaws.com/capacityType': 'ON_DEMAND' } }))).toBe(
      'on-demand',
    );
  });
});

describe('podRequests', () => {
  it('sums app containers and native sidecars, against the largest init container', () => {
    const p = pod('a', 'ns', {
      containers: [
        { cpu: '250m', memory: '256Mi' },
        { cpu: '250m', memory: '256Mi' },
      ],
      spec: {
        initContainers: [
          { name: 'migrate', resources: { requests: { cpu: '2', memory: '128Mi' } } },
          { name: 'proxy', restartPolicy: 'Always', resources: { limits: { cpu: '100m', memory: '64Mi' } } },
        ],
      },
    });
    expect(podRequests(p)).toEqual({ cpuMillis: 2000, memoryMiB: 576 });
  });
});

describe('alternateCniOf', () => {
  it('finds Cilium or a CNI without aws-node, but not Calico used for policy beside the VPC CNI', () => {
    expect(
      alternateCniOf([daemonSet('aws-node', 'kube-system', {}), daemonSet('cilium', 'kube-system', {})]),
    ).toBe('cilium');
    expect(
      alternateCniOf([daemonSet('aws-node', 'kube-system', {}), daemonSet('calico-node', 'kube-system', {})]),
    ).toBeNull();
    expect(alternateCniOf([daemonSet('calico-node', 'kube-system', {})])).toBe('calico');
    expect(alternateCniOf([daemonSet('aws-node', 'kube-system', {})])).toBeNull();
  });
});
