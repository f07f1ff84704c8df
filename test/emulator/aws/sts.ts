/** AWS STS over the query protocol: GetCallerIdentity and AssumeRole with trust and ExternalId checks. */
import type { CallContext } from './context.js';
import { AwsError } from './errors.js';
import { COMMON_ERRORS } from './protocol.js';
import { regionEnabled } from './regions.js';
import type { XmlFields } from './xml.js';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

/** The account a request's role ARN names (AssumeRole's "account" for faults and stats). */
export function assumeRoleTargetAccount(form: URLSearchParams): string | null {
  return ROLE_ARN.exec(form.get('RoleArn') ?? '')?.[1] ?? null;
}

const validation = (message: string): AwsError => new AwsError('ValidationError', message, 400);

function getCallerIdentity(context: CallContext): XmlFields {
  return { UserId: context.principal.userId, Account: context.principal.account, Arn: context.principal.arn };
}

function assumeRole(context: CallContext): XmlFields {
  const form = context.request.form;
  const roleArn = form.get('RoleArn') ?? '';
  const sessionName = form.get('RoleSessionName') ?? '';
  const externalId = form.get('ExternalId');
  const durationText = form.get('DurationSeconds');
  const match = ROLE_ARN.exec(roleArn);
  if (!match) {
    throw validation(
      `1 validation error detected: Value '${roleArn}' at 'roleArn' failed to satisfy constraint: Member must be a role ARN`,
    );
  }
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw validation(
      `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const duration = durationText === null ? 3600 : Number(durationText);
  if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
    throw validation(
      `1 validation error detected: Value '${durationText}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`,
    );
  }
  if (context.principal.assumedRole && duration > 3600) {
    throw validation(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  const [, account = '', roleName = ''] = match;
  const denied = (): AwsError =>
    new AwsError(
      'AccessDenied',
      `User: ${context.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
  const role = context.state.accounts.get(account)?.spec.roles?.find((r) => r.name === roleName);
  if (!role) throw denied();
  if (role.trustedAccounts && !role.trustedAccounts.includes(context.principal.account)) throw denied();
  if (role.externalId !== undefined && role.externalId !== externalId) throw denied();
  if (!regionEnabled(context, account, context.region)) {
    throw new AwsError(
      'RegionDisabledException',
      `STS is not activated in this region for account:${account}. Your account administrator can activate STS in this region using the IAM Console.`,
      403,
    );
  }
  const session = context.credentials.issueRoleSession(
    account,
    roleName,
    sessionName,
    duration,
    context.nowMs,
  );
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAtMs ?? context.nowMs).toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
    PackedPolicySize: 0,
  };
}

export function handleSts(context: CallContext): XmlFields {
  switch (context.request.action) {
    case 'GetCallerIdentity':
      return getCallerIdentity(context);
    case 'AssumeRole':
      return assumeRole(context);
    default:
      throw COMMON_ERRORS.unknownOperation('sts', context.request.action);
  }
}
