/**
 * The EC2 instance types the emulator knows (DescribeInstanceTypes, container-instance resources,
 * node allocatable). Figures are AWS's published vCPU / memory / GPU values; `maxPods` is the VPC CNI
 * formula ENIs × (IPv4 per ENI − 1) + 2.
 */
import type { InstanceTypeSpec } from './types.js';

const x86 = (
  name: string,
  vcpus: number,
  memoryGiB: number,
  maxPods: number,
  burstable = false,
): InstanceTypeSpec => ({
  name,
  vcpus,
  memoryMiB: memoryGiB * 1024,
  architecture: 'x86_64',
  maxPods,
  burstable,
});

const arm = (name: string, vcpus: number, memoryGiB: number, maxPods: number): InstanceTypeSpec => ({
  name,
  vcpus,
  memoryMiB: memoryGiB * 1024,
  architecture: 'arm64',
  maxPods,
});

/** The built-in catalogue. */
export const BUILT_IN_INSTANCE_TYPES: readonly InstanceTypeSpec[] = [
  x86('t3.small', 2, 2, 11, true),
  x86('t3.medium', 2, 4, 17, true),
  x86('t3.large', 2, 8, 35, true),
  x86('t3.xlarge', 4, 16, 58, true),
  x86('m5.large', 2, 8, 29),
  x86('m5.xlarge', 4, 16, 58),
  x86('m5.2xlarge', 8, 32, 58),
  x86('m5.4xlarge', 16, 64, 234),
  x86('m5.8xlarge', 32, 128, 234),
  x86('c5.large', 2, 4, 29),
  x86('c5.xlarge', 4, 8, 58),
  x86('c5.2xlarge', 8, 16, 58),
  x86('c5.4xlarge', 16, 32, 234),
  x86('r5.large', 2, 16, 29),
  x86('r5.xlarge', 4, 32, 58),
  x86('r5.2xlarge', 8, 64, 58),
  arm('m6g.large', 2, 8, 29),
  arm('m6g.xlarge', 4, 16, 58),
  arm('c6g.large', 2, 4, 29),
  arm('c6g.xlarge', 4, 8, 58),
  {
    ...x86('g4dn.xlarge', 4, 16, 29),
    gpus: { count: 1, name: 'T4', manufacturer: 'NVIDIA', memoryMiB: 15360 },
  },
  {
    ...x86('g4dn.2xlarge', 8, 32, 29),
    gpus: { count: 1, name: 'T4', manufacturer: 'NVIDIA', memoryMiB: 15360 },
  },
  {
    name: 'p3.2xlarge',
    vcpus: 8,
    memoryMiB: 62464,
    architecture: 'x86_64',
    maxPods: 58,
    gpus: { count: 1, name: 'V100', manufacturer: 'NVIDIA', memoryMiB: 16384 },
  },
];
