import 'aws-sdk-client-mock-vitest/extend';
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { listActiveAccounts } from '../../../lib/inventory/org/list-accounts.js';
import { awsFixture } from './support.js';

const orgMock = mockClient(OrganizationsClient);
afterEach(() => orgMock.reset());

describe('listActiveAccounts', () => {
  it('pages through the organization and keeps only active accounts', async () => {
    orgMock
      .on(ListAccountsCommand)
      .resolvesOnce(awsFixture('organizations.ListAccounts_1'))
      .resolvesOnce({ Accounts: [], NextToken: 'page-3-token' })
      .resolvesOnce(awsFixture('organizations.ListAccounts_2'));
    const accounts = await listActiveAccounts(new OrganizationsClient({ region: 'us-east-1' }));
    expect(accounts.map((a) => a.id)).toEqual(['111122223333', '444455556666', '555566667777']);
    expect(orgMock).toHaveReceivedCommandTimes(ListAccountsCommand, 3);
    expect(orgMock).toHaveReceivedCommandWith(ListAccountsCommand, { MaxResults: 20 });
  });

  it('stops when the same next token comes back instead of looping forever', async () => {
    orgMock.on(ListAccountsCommand).resolves(awsFixture('organizations.ListAccounts_1'));
    const accounts = await listActiveAccounts(new OrganizationsClient({ region: 'us-east-1' }));
    expect(accounts.map((a) => a.id)).toEqual(['111122223333', '444455556666']);
    expect(orgMock).toHaveReceivedCommandTimes(ListAccountsCommand, 2);
  });
});
