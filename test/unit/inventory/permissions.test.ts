import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { scanEstate } from '../../../lib/inventory/scan.js';
import { HUB_ACTIONS, MEMBER_ROLE_ACTIONS } from '../../../lib/serverless/permissions.js';
import { mockRecordedEstate, recordedDeps } from './estate.js';
import { awsFixture } from './support.js';

let mocks: ReturnType<typeof mockRecordedEstate> | undefined;
afterEach(() => mocks?.restore());

describe('declared IAM permissions (lib/serverless/permissions.ts)', () => {
  it('are exactly the AWS actions a full Organization scan sends', async () => {
    mocks = mockRecordedEstate();
    const org = mockClient(OrganizationsClient);
    org
      .on(ListAccountsCommand)
      .resolvesOnce(awsFixture('organizations.ListAccounts_1'))
      .resolvesOnce(awsFixture('organizations.ListAccounts_2'));
    mocks.sts.on(AssumeRoleCommand).resolves(awsFixture('sts.AssumeRole_1'));
    try {
      await scanEstate({ org: true, roleName: 'FargateFitReadOnly', regions: ['eu-west-1'] }, recordedDeps());
      const sent = new Set<string>();
      for (const [prefix, mock] of [
        ['sts', mocks.sts],
        ['ecs', mocks.ecs],
        ['ec2', mocks.ec2],
        ['eks', mocks.eks],
        ['organizations', org],
      ] as const) {
        for (const call of mock.calls()) {
          sent.add(`${prefix}:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`);
        }
      }
      const declared = new Set([
        ...MEMBER_ROLE_ACTIONS,
        ...HUB_ACTIONS.listAccounts,
        ...HUB_ACTIONS.assumeMemberRole,
      ]);
      expect([...sent].sort()).toEqual([...declared].sort());
    } finally {
      org.restore();
    }
  });
});
