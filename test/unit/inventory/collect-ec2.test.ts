import 'aws-sdk-client-mock-vitest/extend';
import { DescribeInstancesCommand, DescribeInstanceTypesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeInstances,
  describeInstanceTypes,
  InMemoryInstanceTypeCache,
} from '../../../lib/inventory/ec2/collect-ec2.js';
import { awsFixture } from './support.js';

const ec2Mock = mockClient(EC2Client);
const ec2 = new EC2Client({ region: 'eu-west-1' });
afterEach(() => ec2Mock.reset());

describe('describeInstances', () => {
  it('reads type and lifecycle of the instances behind container instances', async () => {
    ec2Mock.on(DescribeInstancesCommand).resolves(awsFixture('ec2.DescribeInstances_1'));
    const instances = await describeInstances(ec2, ['i-0a1b2c3d4e5f67890']);
    expect(instances).toEqual([
      {
        instanceId: 'i-0a1b2c3d4e5f67890',
        instanceType: 'm5.large',
        lifecycle: 'spot',
        state: 'running',
        architecture: 'x86_64',
        platform: 'Linux/UNIX',
        availabilityZone: 'eu-west-1a',
      },
    ]);
  });

  it('filters by instance id, at most 200 ids per filter, with MaxResults 1000 and pagination', async () => {
    const ids = Array.from({ length: 450 }, (_, i) => `i-${String(i).padStart(17, '0')}`);
    ec2Mock
      .on(DescribeInstancesCommand)
      .callsFake((input: { Filters: { Values: string[] }[]; NextToken?: string }) => {
        const values = input.Filters[0]!.Values;
        // Serve each filter in two pages to prove the loop follows NextToken.
        const half = Math.ceil(values.length / 2);
        const part = input.NextToken ? values.slice(half) : values.slice(0, half);
        return {
          Reservations: [{ Instances: part.map((id) => ({ InstanceId: id, InstanceType: 'm5.large' })) }],
          ...(input.NextToken ? {} : { NextToken: 'second-half' }),
        };
      });
    const instances = await describeInstances(ec2, [...ids, ids[0]!]);
    expect(instances).toHaveLength(450);
    const calls = ec2Mock.commandCalls(DescribeInstancesCommand).map((c) => c.args[0].input);
    expect(calls).toHaveLength(6);
    for (const input of calls) {
      expect(input.MaxResults).toBe(1000);
      expect(input.InstanceIds).toBeUndefined();
      expect(input.Filters?.[0]?.Name).toBe('instance-id');
      expect(input.Filters?.[0]?.Values?.length).toBeLessThanOrEqual(200);
    }
  });
});

describe('describeInstanceTypes', () => {
  it('asks for at most 100 types per call and answers repeat questions from the region cache', async () => {
    ec2Mock.on(DescribeInstanceTypesCommand).callsFake((input: { InstanceTypes: string[] }) => ({
      InstanceTypes: input.InstanceTypes.map((type) => ({
        InstanceType: type,
        VCpuInfo: { DefaultVCpus: 2 },
        MemoryInfo: { SizeInMiB: 8192 },
        ProcessorInfo: { SupportedArchitectures: ['x86_64'] },
      })),
    }));
    const types = Array.from({ length: 130 }, (_, i) => `t${i}.large`);
    const cache = new InMemoryInstanceTypeCache();
    const first = await describeInstanceTypes(ec2, 'eu-west-1', types, cache);
    expect(first).toHaveLength(130);
    expect(
      ec2Mock.commandCalls(DescribeInstanceTypesCommand).map((c) => c.args[0].input.InstanceTypes?.length),
    ).toEqual([100, 30]);
    ec2Mock.resetHistory();
    await describeInstanceTypes(ec2, 'eu-west-1', ['t0.large', 't5.large'], cache);
    expect(ec2Mock).toHaveReceivedCommandTimes(DescribeInstanceTypesCommand, 0);
    await describeInstanceTypes(ec2, 'us-east-1', ['t0.large'], cache);
    expect(ec2Mock).toHaveReceivedCommandTimes(DescribeInstanceTypesCommand, 1);
  });

  it('gives vCPU and memory per type', async () => {
    ec2Mock.on(DescribeInstanceTypesCommand).resolves(awsFixture('ec2.DescribeInstanceTypes_1'));
    const types = await describeInstanceTypes(
      ec2,
      'eu-west-1',
      ['m6i.xlarge', 'm5.large'],
      new InMemoryInstanceTypeCache(),
    );
    expect(types).toEqual([
      { instanceType: 'm5.large', vCpus: 2, memoryMiB: 8192, architectures: ['x86_64'] },
      { instanceType: 'm6i.xlarge', vCpus: 4, memoryMiB: 16384, architectures: ['x86_64'] },
    ]);
  });
});
