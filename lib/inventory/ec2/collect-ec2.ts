/**
 * EC2 lookups behind ECS container instances and Kubernetes nodes: the instances (type and
 * lifecycle, i.e. spot or on-demand) and their instance types (vCPU and memory).
 *
 * DescribeInstances is always filtered and paginated: unfiltered, unpaginated calls draw from a
 * smaller throttle bucket (scan-limits §2.2), and `MaxResults` cannot be combined with
 * `InstanceIds`, so ids go in an `instance-id` filter of at most 200 values.
 */
import {
  type _InstanceType,
  type EC2Client,
  type Instance,
  type InstanceTypeInfo,
  paginateDescribeInstances,
  paginateDescribeInstanceTypes,
} from '@aws-sdk/client-ec2';
import { byText } from '../../model/text-order.js';
import { distinct, inBatches } from '../batches.js';
import type { Ec2InstanceRecord, InstanceTypeRecord } from '../snapshot.js';

/** Per-call maxima of the EC2 calls the scan makes. */
export const EC2_LIMITS = {
  /** Values per filter. */
  instanceIdsPerFilter: 200,
  /** DescribeInstances page size (5–1000). */
  describeInstancesPageSize: 1000,
  /** Instance types named per DescribeInstanceTypes call. */
  instanceTypesPerCall: 100,
} as const;

/**
 * Instance types by region. The EC2 catalogue is the same for every account of a region, so one
 * cache serves a whole multi-account scan; entries never go stale within a scan.
 */
export interface InstanceTypeCache {
  get(region: string, instanceType: string): InstanceTypeRecord | undefined;
  set(region: string, record: InstanceTypeRecord): void;
}

/** The default cache: a Map per region for the life of the scan. */
export class InMemoryInstanceTypeCache implements InstanceTypeCache {
  private readonly byRegion = new Map<string, Map<string, InstanceTypeRecord>>();

  get(region: string, instanceType: string): InstanceTypeRecord | undefined {
    return this.byRegion.get(region)?.get(instanceType);
  }

  set(region: string, record: InstanceTypeRecord): void {
    let types = this.byRegion.get(region);
    if (!types) {
      types = new Map();
      this.byRegion.set(region, types);
    }
    types.set(record.instanceType, record);
  }
}

/** The instances with these ids, in id order. Ids EC2 no longer knows are simply absent. */
export async function describeInstances(
  ec2: EC2Client,
  instanceIds: readonly string[],
): Promise<Ec2InstanceRecord[]> {
  const records: Ec2InstanceRecord[] = [];
  for (const batch of inBatches(distinct(instanceIds), EC2_LIMITS.instanceIdsPerFilter)) {
    for await (const page of paginateDescribeInstances(
      { client: ec2, pageSize: EC2_LIMITS.describeInstancesPageSize, stopOnSameToken: true },
      { Filters: [{ Name: 'instance-id', Values: batch }], MaxResults: EC2_LIMITS.describeInstancesPageSize },
    )) {
      for (const reservation of page.Reservations ?? []) {
        for (const instance of reservation.Instances ?? []) {
          const record = instanceRecord(instance);
          if (record) records.push(record);
        }
      }
    }
  }
  return records.sort((a, b) => byText(a.instanceId, b.instanceId));
}

/**
 * vCPU and memory of each instance type, from the cache or DescribeInstanceTypes (at most 100
 * types per call). Types EC2 does not know are absent from the result.
 */
export async function describeInstanceTypes(
  ec2: EC2Client,
  region: string,
  instanceTypes: readonly string[],
  cache: InstanceTypeCache,
): Promise<InstanceTypeRecord[]> {
  const wanted = distinct(instanceTypes).filter((t) => t !== '');
  const missing = wanted.filter((type) => !cache.get(region, type));
  for (const batch of inBatches(missing, EC2_LIMITS.instanceTypesPerCall)) {
    // No MaxResults: with explicit InstanceTypes the answer is at most the types named. The SDK
    // types the names as an enum of known types; names come from EC2 itself, so the cast holds.
    for await (const page of paginateDescribeInstanceTypes(
      { client: ec2, stopOnSameToken: true },
      { InstanceTypes: batch as _InstanceType[] },
    )) {
      for (const info of page.InstanceTypes ?? []) {
        const record = instanceTypeRecord(info);
        if (record) cache.set(region, record);
      }
    }
  }
  return wanted
    .flatMap((type) => {
      const record = cache.get(region, type);
      return record ? [record] : [];
    })
    .sort((a, b) => byText(a.instanceType, b.instanceType));
}

function instanceRecord(instance: Instance): Ec2InstanceRecord | null {
  if (!instance.InstanceId || !instance.InstanceType) return null;
  return {
    instanceId: instance.InstanceId,
    instanceType: instance.InstanceType,
    lifecycle: instance.InstanceLifecycle ?? 'on-demand',
    state: instance.State?.Name ?? null,
    architecture: instance.Architecture ?? null,
    platform: instance.PlatformDetails ?? instance.Platform ?? null,
    availabilityZone: instance.Placement?.AvailabilityZone ?? null,
  };
}

function instanceTypeRecord(info: InstanceTypeInfo): InstanceTypeRecord | null {
  const vCpus = info.VCpuInfo?.DefaultVCpus;
  const memoryMiB = info.MemoryInfo?.SizeInMiB;
  if (!info.InstanceType || vCpus === undefined || memoryMiB === undefined) return null;
  return {
    instanceType: info.InstanceType,
    vCpus,
    memoryMiB,
    architectures: info.ProcessorInfo?.SupportedArchitectures ?? [],
  };
}
