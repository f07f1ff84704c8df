/**
 * Accounts of the AWS Organization for `--org`: ListAccounts from the management (or a
 * delegated-administrator) account, 20 per page, which may return empty pages with a next token.
 */
import { type OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { byText } from '../../model/text-order.js';

/** ListAccounts' page maximum. */
export const ORGANIZATIONS_PAGE_SIZE = 20;

/** A member account of the Organization. */
export interface OrganizationAccount {
  readonly id: string;
  readonly name: string | null;
}

/**
 * The organization's active accounts, sorted by id. Suspended, closed and pending accounts are left
 * out: roles in them cannot be assumed. `State` is read first; `Status` (retired by AWS in 2026)
 * only when `State` is absent.
 */
export async function listActiveAccounts(organizations: OrganizationsClient): Promise<OrganizationAccount[]> {
  const accounts = new Map<string, OrganizationAccount>();
  for await (const page of paginateListAccounts(
    { client: organizations, pageSize: ORGANIZATIONS_PAGE_SIZE, stopOnSameToken: true },
    { MaxResults: ORGANIZATIONS_PAGE_SIZE },
  )) {
    for (const account of page.Accounts ?? []) {
      const state = account.State ?? account.Status;
      if (account.Id && state === 'ACTIVE')
        accounts.set(account.Id, { id: account.Id, name: account.Name ?? null });
    }
  }
  return [...accounts.values()].sort((a, b) => byText(a.id, b.id));
}
