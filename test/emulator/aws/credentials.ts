/**
 * Who is calling: the base access key of the scenario and the session keys AssumeRole hands out,
 * each bound to one account. The emulator checks no signatures on AWS calls, but it keeps the
 * secrets so it can verify the presigned STS URL inside an EKS bearer token.
 */
import { randomBytes } from 'node:crypto';
import type { Scenario } from '../scenario/types.js';
import { stableHex } from '../state/ids.js';

export interface Principal {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Present for session credentials. */
  readonly sessionToken: string | null;
  readonly account: string;
  /** IAM user ARN, or the STS assumed-role ARN. */
  readonly arn: string;
  /** GetCallerIdentity's UserId. */
  readonly userId: string;
  /** Session credentials expire; base credentials do not (null). */
  readonly expiresAtMs: number | null;
  /** True for credentials of an assumed role (role chaining caps their sessions at one hour). */
  readonly assumedRole: boolean;
}

export const DEFAULT_ACCESS_KEY_ID = 'AKIAEMULATOR00000001';
// A dummy, never a real secret: the emulator accepts any signature on AWS calls.
export const DEFAULT_SECRET_ACCESS_KEY = 'emulator/base/secret/not-a-real-key/0000';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomKey(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes.subarray(0, length - prefix.length))
    out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

export class CredentialStore {
  private readonly byAccessKey = new Map<string, Principal>();
  readonly base: Principal;

  constructor(scenario: Scenario) {
    const accessKeyId = scenario.credentials?.accessKeyId ?? DEFAULT_ACCESS_KEY_ID;
    const userName = scenario.callerUserName ?? 'emulator-user';
    this.base = {
      accessKeyId,
      secretAccessKey: scenario.credentials?.secretAccessKey ?? DEFAULT_SECRET_ACCESS_KEY,
      sessionToken: null,
      account: scenario.callerAccount,
      arn: `arn:aws:iam::${scenario.callerAccount}:user/${userName}`,
      userId: `AIDA${stableHex(17, scenario.callerAccount, userName).toUpperCase()}`,
      expiresAtMs: null,
      assumedRole: false,
    };
    this.byAccessKey.set(accessKeyId, this.base);
  }

  lookup(accessKeyId: string): Principal | undefined {
    return this.byAccessKey.get(accessKeyId);
  }

  /** New session keys for a role, as AssumeRole returns them. */
  issueRoleSession(
    account: string,
    roleName: string,
    sessionName: string,
    durationSeconds: number,
    nowMs: number,
  ): Principal {
    const roleId = `AROA${stableHex(17, account, roleName).toUpperCase()}`;
    const principal: Principal = {
      accessKeyId: randomKey('ASIA', 20),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `IQoJb3JpZ2luX2VtdWxhdG9y${randomBytes(96).toString('base64')}`,
      account,
      arn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
      userId: `${roleId}:${sessionName}`,
      expiresAtMs: nowMs + durationSeconds * 1000,
      assumedRole: true,
    };
    this.byAccessKey.set(principal.accessKeyId, principal);
    return principal;
  }
}
