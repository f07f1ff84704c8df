import {
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  DescribeRegionsCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  paginateDescribeInstances,
} from '@aws-sdk/client-ec2';
import { ECSClient, ListClustersCommand, ListServicesCommand } from '@aws-sdk/client-ecs';
import {
  ListAccountsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from './emulator.js';
import { awsConfig } from './support/clients.js';
import { busyScenario, HUB, MEMBER, REGION } from './support/scenarios.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator(busyScenario());
});

afterAll(async () => {
  await emulator.close();
});

const ec2 = () => new EC2Client(awsConfig(emulator, { region: REGION }));

async function assumeMemberRole(externalId = 'member-external-id') {
  const sts = new STSClient(awsConfig(emulator, { region: REGION }));
  const result = await sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${MEMBER}:role/Scanner`,
      RoleSessionName: 'fargate-fit',
      ExternalId: externalId,
    }),
  );
  sts.destroy();
  return result;
}

describe('EC2 emulator', () => {
  it('describes the instances behind container instances, filtered by id and paged by MaxResults', async () => {
    const client = ec2();
    const ids =
      emulator.state.accounts
        .get(HUB)
        ?.regions.get(REGION)
        ?.ec2Instances.map((i) => i.instanceId) ?? [];
    expect(ids.length).toBe(6);
    const pages = [];
    for await (const page of paginateDescribeInstances(
      { client, pageSize: 5 },
      { Filters: [{ Name: 'instance-id', Values: ids }] },
    )) {
      pages.push(page);
    }
    expect(pages.map((p) => p.Reservations?.length)).toEqual([5, 1]);
    const instances = pages.flatMap((p) => p.Reservations ?? []).flatMap((r) => r.Instances ?? []);
    expect(instances.map((i) => i.InstanceId).sort()).toEqual([...ids].sort());
    const busy = instances.find((i) => i.InstanceId?.startsWith('i-0abc'));
    expect(busy).toMatchObject({
      InstanceType: 'm5.2xlarge',
      State: { Name: 'running', Code: 16 },
      Architecture: 'x86_64',
    });
    expect(busy?.Tags).toContainEqual({ Key: 'aws:autoscaling:groupName', Value: 'busy' });
    client.destroy();
  });

  it('matches filter values with wildcards and continues from a NextToken', async () => {
    const client = ec2();
    const filters = [{ Name: 'instance-type', Values: ['m5.2*'] }];
    const first = await client.send(
      new DescribeInstancesCommand({ MaxResults: 5, Filters: [{ Name: 'instance-type', Values: ['m5.*'] }] }),
    );
    expect(first.Reservations).toHaveLength(5);
    expect(first.NextToken).toBeTruthy();
    const rest = await client.send(
      new DescribeInstancesCommand({
        MaxResults: 5,
        NextToken: first.NextToken,
        Filters: [{ Name: 'instance-type', Values: ['m5.*'] }],
      }),
    );
    expect(rest.Reservations).toHaveLength(1);
    expect(rest.NextToken).toBeUndefined();
    const large = await client.send(new DescribeInstancesCommand({ Filters: filters }));
    expect(large.Reservations?.flatMap((r) => r.Instances ?? []).map((i) => i.InstanceType)).toEqual([
      'm5.2xlarge',
      'm5.2xlarge',
      'm5.2xlarge',
    ]);
    await expect(
      client.send(
        new DescribeInstancesCommand({ MaxResults: 5, NextToken: first.NextToken, Filters: filters }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    client.destroy();
  });

  it('rejects MaxResults together with InstanceIds, and MaxResults below 5', async () => {
    const client = ec2();
    await expect(
      client.send(new DescribeInstancesCommand({ InstanceIds: ['i-0abc0000000000001'], MaxResults: 5 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombination',
    });
    await expect(client.send(new DescribeInstancesCommand({ MaxResults: 4 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    client.destroy();
  });

  it('refuses more than 200 filter values in one call', async () => {
    const client = ec2();
    const ids = Array.from({ length: 201 }, (_, i) => `i-${i.toString(16).padStart(17, '0')}`);
    await expect(
      client.send(
        new DescribeInstancesCommand({ Filters: [{ Name: 'instance-id', Values: ids }], MaxResults: 1000 }),
      ),
    ).rejects.toMatchObject({ name: 'FilterLimitExceeded' });
    const { Reservations } = await client.send(
      new DescribeInstancesCommand({
        Filters: [{ Name: 'instance-id', Values: ids.slice(0, 200) }],
        MaxResults: 1000,
      }),
    );
    expect(Reservations).toEqual([]);
    client.destroy();
  });

  it('answers InvalidInstanceID.NotFound for an instance id that does not exist', async () => {
    const client = ec2();
    await expect(
      client.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
    ).rejects.toMatchObject({
      name: 'InvalidInstanceID.NotFound',
      message: "The instance ID 'i-0123456789abcdef0' does not exist",
    });
    client.destroy();
  });

  it('describes instance types with vCPUs, memory and GPUs, and refuses more than 100 names', async () => {
    const client = ec2();
    const { InstanceTypes = [] } = await client.send(
      new DescribeInstanceTypesCommand({ InstanceTypes: ['g4dn.xlarge', 'm6g.large'] }),
    );
    const gpu = InstanceTypes.find((t) => t.InstanceType === 'g4dn.xlarge');
    expect(gpu?.VCpuInfo?.DefaultVCpus).toBe(4);
    expect(gpu?.MemoryInfo?.SizeInMiB).toBe(16384);
    expect(gpu?.GpuInfo?.Gpus?.[0]).toMatchObject({ Name: 'T4', Manufacturer: 'NVIDIA', Count: 1 });
    expect(
      InstanceTypes.find((t) => t.InstanceType === 'm6g.large')?.ProcessorInfo?.SupportedArchitectures,
    ).toEqual(['arm64']);
    const tooMany = Array.from({ length: 101 }, () => 'm5.large' as const);
    await expect(
      client.send(new DescribeInstanceTypesCommand({ InstanceTypes: tooMany })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      client.send(new DescribeInstanceTypesCommand({ InstanceTypes: ['m5.huge' as 'm5.large'] })),
    ).rejects.toMatchObject({
      name: 'InvalidInstanceType',
    });
    client.destroy();
  });

  it('lists enabled regions, and opt-in regions not enabled only with AllRegions', async () => {
    const client = ec2();
    const enabled =
      (await client.send(new DescribeRegionsCommand({}))).Regions?.map((r) => r.RegionName) ?? [];
    expect(enabled).toContain('eu-west-1');
    expect(enabled).toContain('eu-south-1');
    expect(enabled).not.toContain('eu-central-1');
    expect(enabled).not.toContain('ap-east-1');
    const all = (await client.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions ?? [];
    expect(all.find((r) => r.RegionName === 'ap-east-1')?.OptInStatus).toBe('not-opted-in');
    expect(all.find((r) => r.RegionName === 'eu-south-1')?.OptInStatus).toBe('opted-in');
    client.destroy();
  });

  it('describes subnets and route tables so a public subnet is recognisable by its internet gateway route', async () => {
    const client = ec2();
    const { Subnets = [] } = await client.send(new DescribeSubnetsCommand({}));
    const publicSubnet = Subnets.find((s) => s.MapPublicIpOnLaunch);
    expect(publicSubnet).toBeDefined();
    const { RouteTables = [] } = await client.send(
      new DescribeRouteTablesCommand({
        Filters: [{ Name: 'association.subnet-id', Values: [publicSubnet?.SubnetId ?? ''] }],
      }),
    );
    expect(RouteTables).toHaveLength(1);
    expect(RouteTables[0]?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0')?.GatewayId).toMatch(
      /^igw-/,
    );
    client.destroy();
  });
});

describe('STS emulator', () => {
  it('returns the base caller and, after AssumeRole, the assumed role in the target account', async () => {
    const sts = new STSClient(awsConfig(emulator, { region: REGION }));
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({ Account: HUB, Arn: `arn:aws:iam::${HUB}:user/emulator-user` });
    const { Credentials, AssumedRoleUser } = await assumeMemberRole();
    expect(AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${MEMBER}:assumed-role/Scanner/fargate-fit`);
    expect(Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 3500 * 1000);
    const member = new STSClient(
      awsConfig(emulator, {
        region: REGION,
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretAccessKey ?? '',
          sessionToken: Credentials?.SessionToken ?? '',
        },
      }),
    );
    expect(await member.send(new GetCallerIdentityCommand({}))).toMatchObject({ Account: MEMBER });
    sts.destroy();
    member.destroy();
  });

  it('serves the target account’s resources to the assumed role’s keys', async () => {
    const { Credentials } = await assumeMemberRole();
    const ecs = new ECSClient(
      awsConfig(emulator, {
        region: REGION,
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretAccessKey ?? '',
          sessionToken: Credentials?.SessionToken ?? '',
        },
      }),
    );
    const { clusterArns } = await ecs.send(new ListClustersCommand({}));
    expect(clusterArns).toEqual([`arn:aws:ecs:${REGION}:${MEMBER}:cluster/member-cluster`]);
    ecs.destroy();
  });

  it('refuses a wrong ExternalId and an unknown role with AccessDenied', async () => {
    await expect(assumeMemberRole('guess')).rejects.toMatchObject({ name: 'AccessDenied' });
    const sts = new STSClient(awsConfig(emulator, { region: REGION }));
    const error = await sts
      .send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/Admin`, RoleSessionName: 'x1' }))
      .catch((e) => e);
    expect(error.name).toBe('AccessDenied');
    expect(error.$metadata.httpStatusCode).toBe(403);
    sts.destroy();
  });

  it('caps role-chained sessions at one hour', async () => {
    const { Credentials } = await assumeMemberRole();
    const chained = new STSClient(
      awsConfig(emulator, {
        region: REGION,
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretAccessKey ?? '',
          sessionToken: Credentials?.SessionToken ?? '',
        },
      }),
    );
    await expect(
      chained.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${HUB}:role/Scanner`,
          RoleSessionName: 'chain',
          ExternalId: 'hub-external-id',
          DurationSeconds: 7200,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    chained.destroy();
  });

  it('refuses session keys presented without their session token', async () => {
    const { Credentials } = await assumeMemberRole();
    const ecs = new ECSClient(
      awsConfig(emulator, {
        region: REGION,
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretAccessKey ?? '',
        },
      }),
    );
    await expect(ecs.send(new ListClustersCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    ecs.destroy();
  });
});

describe('Organizations emulator', () => {
  it('lists the organization’s accounts page by page from the management account', async () => {
    const orgs = new OrganizationsClient(awsConfig(emulator, { region: 'us-east-1' }));
    const pages = [];
    for await (const page of paginateListAccounts({ client: orgs, pageSize: 1 }, {})) pages.push(page);
    expect(pages).toHaveLength(2);
    expect(pages.flatMap((p) => p.Accounts ?? []).map((a) => [a.Id, a.Name, a.Status])).toEqual([
      [HUB, 'hub', 'ACTIVE'],
      [MEMBER, 'member', 'ACTIVE'],
    ]);
    await expect(orgs.send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({
      name: 'InvalidInputException',
    });
    orgs.destroy();
  });

  it('denies ListAccounts to a member account', async () => {
    const { Credentials } = await assumeMemberRole();
    const orgs = new OrganizationsClient(
      awsConfig(emulator, {
        region: 'us-east-1',
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretAccessKey ?? '',
          sessionToken: Credentials?.SessionToken ?? '',
        },
      }),
    );
    await expect(orgs.send(new ListAccountsCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    orgs.destroy();
  });
});

describe('regions an account has not enabled', () => {
  it.each([
    ['ap-east-1', 'an opt-in region the scenario does not declare'],
    ['eu-central-1', 'a region the scenario declares disabled'],
  ])('fails every service in %s (%s) the way AWS does', async (region) => {
    const config = awsConfig(emulator, { region });
    const ecs = new ECSClient(config);
    const ec2Client = new EC2Client(config);
    const sts = new STSClient(config);
    await expect(ecs.send(new ListServicesCommand({ cluster: 'busy' }))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
    await expect(ec2Client.send(new DescribeInstancesCommand({}))).rejects.toMatchObject({
      name: 'AuthFailure',
    });
    await expect(sts.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    ecs.destroy();
    ec2Client.destroy();
    sts.destroy();
  });
});

describe('unknown access keys', () => {
  it('are the base caller by default and refused when the emulator is told to reject them', async () => {
    const strangers = { accessKeyId: 'AKIASTRANGER00000000', secretAccessKey: 'x' };
    const lenient = new STSClient(awsConfig(emulator, { region: REGION, credentials: strangers }));
    expect((await lenient.send(new GetCallerIdentityCommand({}))).Account).toBe(HUB);
    lenient.destroy();
    const strict = await startEmulator(busyScenario(), { unknownAccessKeys: 'reject' });
    const refused = new STSClient(awsConfig(strict, { region: REGION, credentials: strangers }));
    await expect(refused.send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    refused.destroy();
    await strict.close();
  });
});
