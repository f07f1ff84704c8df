import type { Container } from '../../model/workload.js';
import type { Violation } from '../rule.js';
import { defineRule, NO_VIOLATIONS } from '../rule.js';
import { describeContainer } from './shared/containers.js';

/** GPU, AWS Inferentia/Trainium (Neuron) and EFA resources, documented as unavailable on Fargate. */
function isAcceleratorResource(name: string): boolean {
  return (
    name === 'nvidia.com/gpu' ||
    name.startsWith('nvidia.com/mig-') ||
    name === 'amd.com/gpu' ||
    name.startsWith('aws.amazon.com/neuron') ||
    name === 'vpc.amazonaws.com/efa' ||
    name.endsWith('/gpu')
  );
}

// Injected by the VPC resource controller for security groups for pods, which Fargate supports.
const FARGATE_COMPATIBLE_RESOURCES = new Set(['vpc.amazonaws.com/pod-eni']);

/** Any other resource served by a node device plugin (or hugepages): nothing on Fargate offers it. */
function isOtherNodeResource(name: string): boolean {
  if (FARGATE_COMPATIBLE_RESOURCES.has(name)) return false;
  if (name.startsWith('hugepages-')) return true;
  return name.includes('/') && !name.startsWith('kubernetes.io/') && !name.includes('.kubernetes.io/');
}

function requested(quantity: string): boolean {
  return quantity.trim() !== '' && Number(quantity) !== 0;
}

/** True when the record has an own key, without listing them. */
function hasKeys(record: Readonly<Record<string, string>>): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return true;
  return false;
}

const setsExtendedResources = (container: Container) =>
  container.k8s !== null && hasKeys(container.k8s.extendedResources);

/** GPUs, Neuron devices, EFA and other device-plugin resources. */
export const eksGpu = defineRule({
  id: 'eks-gpu',
  scope: 'eks',
  category: 'fargate',
  severity: 'blocker',
  title: 'GPUs, Inferentia/Trainium and EFA are not available on Fargate',
  rationale:
    'GPUs are not available on Fargate and it cannot run workloads that need Inferentia; device-plugin ' +
    'resources (nvidia.com/gpu, amd.com/gpu, aws.amazon.com/neuron*, vpc.amazonaws.com/efa) are never offered ' +
    'by a Fargate node (containers-roadmap #88).',
  fix: 'Keep the workload on EC2 GPU / Inferentia nodes (managed node groups, Karpenter or EKS Auto Mode).',
  docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/fargate.html',
  verifiedAt: '2026-11-27',
  firesOnlyWith: ['extendedResources'],
  evaluate(workload) {
    if (!workload.containers.some(setsExtendedResources)) return NO_VIOLATIONS;
    return workload.containers.flatMap((container): Violation[] => {
      const resources = Object.entries(container.k8s?.extendedResources ?? {}).filter(([, q]) =>
        requested(q),
      );
      const accelerators = resources.map(([name]) => name).filter(isAcceleratorResource);
      const others = resources
        .map(([name]) => name)
        .filter((n) => !isAcceleratorResource(n) && isOtherNodeResource(n));
      const found: Violation[] = [];
      if (accelerators.length > 0) {
        found.push({ message: `${describeContainer(container)} requests ${accelerators.join(', ')}.` });
      }
      if (others.length > 0) {
        found.push({
          message:
            `${describeContainer(container)} requests ${others.join(', ')}, served by a node device plugin or ` +
            'node setting; Fargate support is unverified and treated as a blocker.',
        });
      }
      return found;
    });
  },
});
