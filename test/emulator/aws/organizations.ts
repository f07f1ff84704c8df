/** AWS Organizations over JSON 1.1: ListAccounts (paged, management account only) and DescribeOrganization. */
import { stableHex } from '../state/ids.js';
import type { CallContext } from './context.js';
import { AwsError } from './errors.js';
import { paginate } from './paging.js';
import { COMMON_ERRORS } from './protocol.js';

function organizationOf(context: CallContext) {
  const organization = context.state.scenario.organization;
  if (!organization) {
    throw new AwsError(
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
      400,
    );
  }
  const id = organization.id ?? `o-${stableHex(10, organization.managementAccount)}`;
  return { ...organization, id };
}

function listAccounts(context: CallContext): unknown {
  const organization = organizationOf(context);
  if (context.principal.account !== organization.managementAccount) {
    throw COMMON_ERRORS.accessDenied('organizations', 'ListAccounts', context.principal.arn);
  }
  const body = context.request.json;
  const page = paginate(
    [...context.state.accounts.values()].map((a) => a.spec),
    {
      nextToken: typeof body.NextToken === 'string' ? body.NextToken : undefined,
      maxResults: typeof body.MaxResults === 'number' ? body.MaxResults : undefined,
      defaultSize: 20,
      min: 1,
      max: 20,
      scope: 'ListAccounts',
    },
    {
      invalidToken: () => new AwsError('InvalidInputException', 'The NextToken value is not valid.', 400),
      invalidMaxResults: () =>
        new AwsError(
          'InvalidInputException',
          'You provided a value that does not match the required pattern.',
          400,
        ),
    },
  );
  const joined = Math.floor(context.state.epochMs / 1000) - 365 * 24 * 3600;
  return {
    Accounts: page.items.map((account, index) => ({
      Id: account.id,
      Arn: `arn:aws:organizations::${organization.managementAccount}:account/${organization.id}/${account.id}`,
      Email: account.email ?? `aws+${account.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@example.com`,
      Name: account.name,
      Status: account.status ?? 'ACTIVE',
      State:
        account.status === 'SUSPENDED'
          ? 'SUSPENDED'
          : account.status === 'PENDING_CLOSURE'
            ? 'PENDING_CLOSURE'
            : 'ACTIVE',
      JoinedMethod: account.id === organization.managementAccount ? 'CREATED' : 'INVITED',
      JoinedTimestamp: joined + index * 86400,
    })),
    NextToken: page.nextToken,
  };
}

function describeOrganization(context: CallContext): unknown {
  const organization = organizationOf(context);
  const management = context.state.accounts.get(organization.managementAccount)?.spec;
  return {
    Organization: {
      Id: organization.id,
      Arn: `arn:aws:organizations::${organization.managementAccount}:organization/${organization.id}`,
      FeatureSet: 'ALL',
      MasterAccountArn: `arn:aws:organizations::${organization.managementAccount}:account/${organization.id}/${organization.managementAccount}`,
      MasterAccountId: organization.managementAccount,
      MasterAccountEmail: management?.email ?? 'aws+management@example.com',
    },
  };
}

export function handleOrganizations(context: CallContext): unknown {
  switch (context.request.action) {
    case 'ListAccounts':
      return listAccounts(context);
    case 'DescribeOrganization':
      return describeOrganization(context);
    default:
      throw COMMON_ERRORS.unknownOperation('organizations', context.request.action);
  }
}
