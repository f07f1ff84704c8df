import 'aws-sdk-client-mock-vitest/extend';
import { DescribeInstancesCommand, DescribeInstanceTypesCommand } from '@aws-sdk/client-ec2';
import { DescribeTasksCommand, ListClustersCommand } from '@aws-sdk/client-ecs';
import { ListClustersCommand as ListEksClustersCommand } from '@aws-sdk/client-eks';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../../lib/inventory/errors.js';
import { nothingScanned, type ScanProgress, scanEstate } from '../../../lib/inventory/scan.js';
import { ACCOUNT, mockRecordedEstate, recordedDeps } from './estate.js';
import { awsFixture } from './support.js';

let mocks: ReturnType<typeof mockRecordedEstate>;
beforeEach(() => {
  mocks = mockRecordedEstate();
});
afterEach(() => {
  mocks.restore();
  vi.unstubAllEnvs();
});

/** The region of the client a mocked command was sent through. */
const regionOf = async (getClient: () => { config: { region: unknown } }) =>
  (getClient().config.region as () => Promise<string>)();

const notEnabled = () =>
  Object.assign(new Error('The security token included in the request is invalid.'), {
    name: 'UnrecognizedClientException',
  });

describe('scanEstate: scope', () => {
  it("scans the caller's own account in the configured region by default", async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    const inventory = await scanEstate({}, recordedDeps());
    expect(inventory).toMatchObject({
      version: 1,
      collectedAt: '2026-11-27T12:00:00.000Z',
      caller: { account: ACCOUNT, arn: 'arn:aws:sts::111122223333:assumed-role/FargateFitScanner/scanner' },
      accounts: [ACCOUNT],
      regions: ['eu-west-1'],
      gaps: [],
    });
    expect(inventory.partitions.map((p) => [p.account, p.region])).toEqual([[ACCOUNT, 'eu-west-1']]);
    expect(mocks.sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 0);
  });

  it('assumes the role in each other account once, and records a refused role as an account gap', async () => {
    mocks.sts
      .on(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::444455556666:role/FargateFitReadOnly' })
      .resolves(awsFixture('sts.AssumeRole_1'))
      .on(AssumeRoleCommand, { RoleArn: 'arn:aws:iam::777788889999:role/FargateFitReadOnly' })
      .rejects(
        Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), {
          name: 'AccessDenied',
        }),
      );
    const inventory = await scanEstate(
      {
        accounts: ['444455556666', '777788889999', ACCOUNT],
        roleName: 'FargateFitReadOnly',
        externalId: 'ext-42',
        regions: ['eu-west-1', 'eu-central-1'],
      },
      recordedDeps(),
    );
    expect(inventory.partitions.map((p) => `${p.account}/${p.region}`)).toEqual([
      '111122223333/eu-central-1',
      '111122223333/eu-west-1',
      '444455556666/eu-central-1',
      '444455556666/eu-west-1',
    ]);
    // One AssumeRole per account, reused across regions; none for the caller's own account.
    expect(mocks.sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
    expect(mocks.sts).toHaveReceivedCommandWith(AssumeRoleCommand, {
      RoleArn: 'arn:aws:iam::444455556666:role/FargateFitReadOnly',
      ExternalId: 'ext-42',
      RoleSessionName: 'fargate-fit-scan',
    });
    expect(inventory.gaps).toEqual([
      expect.objectContaining({ scope: 'account', account: '777788889999', errorName: 'AccessDenied' }),
    ]);
  });

  it('scans the active accounts of the Organization with --org', async () => {
    const org = mockClient(OrganizationsClient);
    org
      .on(ListAccountsCommand)
      .resolvesOnce(awsFixture('organizations.ListAccounts_1'))
      .resolvesOnce(awsFixture('organizations.ListAccounts_2'));
    mocks.sts.on(AssumeRoleCommand).resolves(awsFixture('sts.AssumeRole_1'));
    try {
      const inventory = await scanEstate(
        { org: true, roleName: 'FargateFitReadOnly', regions: ['eu-west-1'] },
        recordedDeps(),
      );
      expect(inventory.accounts).toEqual(['111122223333', '444455556666', '555566667777']);
      expect(inventory.partitions).toHaveLength(3);
      expect(mocks.sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 2);
    } finally {
      org.restore();
    }
  });

  it('records a region that is not enabled as one region gap and scans the others', async () => {
    const failIn =
      (region: string, fallback: unknown) =>
      async (_input: unknown, getClient: () => { config: { region: unknown } }) => {
        if ((await regionOf(getClient)) === region) throw notEnabled();
        return fallback;
      };
    mocks.ecs.on(ListClustersCommand).callsFake(failIn('ap-east-1', awsFixture('ecs.ListClusters_1')));
    mocks.eks.on(ListEksClustersCommand).callsFake(failIn('ap-east-1', awsFixture('eks.ListClusters_1')));
    const inventory = await scanEstate({ regions: ['eu-west-1', 'ap-east-1'] }, recordedDeps());
    expect(inventory.partitions.map((p) => p.region)).toEqual(['eu-west-1']);
    expect(inventory.gaps).toEqual([
      expect.objectContaining({
        scope: 'region',
        account: ACCOUNT,
        region: 'ap-east-1',
        errorName: 'UnrecognizedClientException',
      }),
    ]);
    expect(nothingScanned(inventory)).toBe(false);
  });

  it('keeps EKS when only ECS is refused', async () => {
    mocks.ecs.on(ListClustersCommand).rejects(
      Object.assign(new Error('not authorized to perform: ecs:ListClusters'), {
        name: 'AccessDeniedException',
      }),
    );
    const inventory = await scanEstate({ regions: ['eu-west-1'] }, recordedDeps());
    expect(inventory.partitions[0]).toMatchObject({
      ecs: null,
      eks: { clusters: [expect.objectContaining({ name: 'shop' })] },
    });
    expect(inventory.gaps).toEqual([
      expect.objectContaining({ scope: 'ecs', errorName: 'AccessDeniedException' }),
    ]);
  });

  it('says nothing was scanned when no region answered', async () => {
    mocks.ecs.on(ListClustersCommand).rejects(notEnabled());
    mocks.eks.on(ListEksClustersCommand).rejects(notEnabled());
    const inventory = await scanEstate({ regions: ['ap-east-1'] }, recordedDeps());
    expect(nothingScanned(inventory)).toBe(true);
    expect(inventory.gaps).toHaveLength(1);
  });
});

describe('scanEstate: options', () => {
  it('refuses bad options before any AWS call', async () => {
    const deps = recordedDeps();
    await expect(scanEstate({ org: true, regions: ['eu-west-1'] }, deps)).rejects.toBeInstanceOf(ConfigError);
    await expect(scanEstate({ accounts: ['12345'], roleName: 'R' }, deps)).rejects.toThrow(
      /not an AWS account id/,
    );
    await expect(scanEstate({ regions: ['Europe'] }, deps)).rejects.toThrow(/not an AWS region/);
    await expect(scanEstate({ externalId: 'x', regions: ['eu-west-1'] }, deps)).rejects.toThrow(
      /--external-id needs/,
    );
    await expect(scanEstate({ regions: ['eu-west-1'], concurrency: 0 }, deps)).rejects.toThrow(/concurrency/);
    expect(mocks.sts).toHaveReceivedCommandTimes(GetCallerIdentityCommand, 0);
  });

  it('needs a role for accounts other than the caller', async () => {
    await expect(
      scanEstate({ accounts: ['444455556666'], regions: ['eu-west-1'] }, recordedDeps()),
    ).rejects.toThrow(/need --role-name/);
    await expect(
      scanEstate({ accounts: [ACCOUNT], regions: ['eu-west-1'] }, recordedDeps()),
    ).resolves.toMatchObject({
      accounts: [ACCOUNT],
    });
  });

  it('fails with a clear error when there are no usable credentials', async () => {
    mocks.sts.on(GetCallerIdentityCommand).rejects(
      Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
    );
    await expect(scanEstate({ regions: ['eu-west-1'] }, recordedDeps())).rejects.toThrow(
      /cannot identify the caller's AWS credentials: Could not load credentials/,
    );
  });

  it('runs at most `concurrency` (account, region) pairs at once', async () => {
    let inFlight = 0;
    let peak = 0;
    mocks.ecs.on(ListClustersCommand).callsFake(async () => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight -= 1;
      return { clusterArns: [] };
    });
    const regions = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'us-east-1', 'us-west-2'];
    const inventory = await scanEstate({ regions, concurrency: 2 }, recordedDeps());
    expect(inventory.partitions).toHaveLength(6);
    expect(peak).toBe(2);
  });

  it('skips the Kubernetes API when asked, saying so per cluster', async () => {
    const deps = recordedDeps(async () => {
      throw new Error('the connector must not be called');
    });
    const inventory = await scanEstate({ regions: ['eu-west-1'], kubernetes: false }, deps);
    expect(inventory.partitions[0]?.eks?.clusters[0]?.kubernetes).toBeNull();
    expect(inventory.gaps).toEqual([
      expect.objectContaining({ scope: 'cluster', cluster: 'shop', errorName: 'KubernetesSkipped' }),
    ]);
  });

  it('reports progress as clusters finish', async () => {
    const seen: ScanProgress[] = [];
    await scanEstate({ regions: ['eu-west-1'] }, { ...recordedDeps(), onProgress: (p) => seen.push(p) });
    expect(seen.at(-1)).toMatchObject({ pairsTotal: 1, pairsDone: 1, clustersDone: 2, workloads: 4 + 5 });
  });
});

describe('scanEstate: EC2 lookups', () => {
  it('asks EC2 about the container instances while ECS is still describing tasks, and types once', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    const log: string[] = [];
    let instancesAsked: () => void = () => {};
    const asked = new Promise<void>((resolve) => {
      instancesAsked = resolve;
    });
    mocks.ec2.on(DescribeInstancesCommand).callsFake(() => {
      log.push('DescribeInstances');
      instancesAsked();
      return awsFixture('ec2.DescribeInstances_1');
    });
    mocks.ecs.on(DescribeTasksCommand).callsFake(async () => {
      // Answers once EC2 was asked (or after a while, so that a scan that waits for ECS fails the test).
      await Promise.race([asked, new Promise((resolve) => setTimeout(resolve, 500))]);
      log.push('DescribeTasks');
      return awsFixture('ecs.DescribeTasks_1');
    });

    const inventory = await scanEstate({}, recordedDeps());

    expect(inventory.gaps).toEqual([]);
    expect(log).toEqual(['DescribeInstances', 'DescribeTasks']);
    expect(inventory.partitions[0]?.ec2.instances.map((i) => i.instanceId)).toEqual(['i-0a1b2c3d4e5f67890']);
    expect(inventory.partitions[0]?.ec2.instanceTypes.length).toBeGreaterThan(0);
    expect(mocks.ec2).toHaveReceivedCommandTimes(DescribeInstanceTypesCommand, 1);
  });
});
