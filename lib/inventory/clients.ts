/**
 * The one place that constructs AWS clients: one per (account, region, service), created on first
 * use, never at import time. Credentials and endpoints come from the SDK's standard chain
 * (profiles, environment, SSO, instance roles; `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`),
 * so a scan can be pointed at an emulator without code changes. Other accounts are reached with
 * AssumeRole from the caller's credentials.
 *
 * Retries: `retryMode: 'standard'` with {@link DEFAULT_MAX_ATTEMPTS} attempts and the SDK's
 * exponential full-jitter backoff. Not `adaptive`: its client-side rate limiter lives per client
 * instance, and one ECS client spans five throttle buckets, so a throttle on task-definition reads
 * would slow service and task reads too — the uneven shared-scope case AWS advises against. Pacing
 * is the job of {@link RateLimiter}, keyed per bucket and applied to every attempt (retries
 * included) by a middleware placed inside the SDK's retry loop; the retries only absorb throttles
 * caused by the account's other callers.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EKSClient } from '@aws-sdk/client-eks';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { CallStats } from './call-stats.js';
import { CollectionError, isThrottling } from './errors.js';
import { bucketFor, type LimiterKey, type RateLimiter } from './limiter.js';

/** Attempts per call (1 try + 7 retries): the SDK default of 3 fails fast under sustained throttling. */
export const DEFAULT_MAX_ATTEMPTS = 8;

/** AWS credentials as the SDK consumes them. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Resolves (and refreshes) credentials on demand, as SDK credential providers do. */
export type CredentialProvider = () => Promise<AwsCredentials>;

/** Who a set of clients acts as. */
export interface AccountAccess {
  readonly accountId: string;
  /** Omitted: the SDK's default credential chain (the caller). */
  readonly credentials?: CredentialProvider;
}

/** Shared by every client a factory builds: the limiter, the call counters, retry attempts, user agent. */
export interface ClientSettings {
  readonly limiter: RateLimiter;
  readonly stats: CallStats;
  readonly maxAttempts?: number;
  /**
   * Milliseconds an attempt may wait for its response before it is abandoned with a TimeoutError,
   * which the SDK retries like any transient failure. Unset: the SDK's defaults, under which a
   * slow answer only logs a warning and is waited for.
   */
  readonly requestTimeoutMs?: number;
  /** `[name, version]` pairs appended to the SDK user agent; `fargate-fit` when omitted. */
  readonly userAgent?: readonly (readonly [string, string?])[];
}

/** The AWS clients of one (account, region), each built on first use and then reused. */
export interface RegionalClients {
  readonly account: string;
  readonly region: string;
  readonly ecs: ECSClient;
  readonly ec2: EC2Client;
  readonly eks: EKSClient;
  readonly sts: STSClient;
  /** Credentials these clients sign with (for the EKS token). */
  credentials(): Promise<AwsCredentials>;
}

/** The caller as STS sees it. */
export interface CallerIdentity {
  readonly account: string;
  readonly arn: string;
  /** `aws`, `aws-cn`, `aws-us-gov`: taken from the caller ARN so role ARNs are built right. */
  readonly partition: string;
}

/** The role to assume and how to name the session. */
export interface AssumeRoleParams {
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName: string;
  readonly durationSeconds?: number;
}

type AnyClient = ECSClient | EC2Client | EKSClient | STSClient | OrganizationsClient;

/** Credentials are renewed this long before they expire, so no call signs with dying credentials. */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Builds clients per (account, region) and the caller's own STS / Organizations clients. Every
 * client it builds paces its calls through the shared limiter and counts them in the shared stats.
 */
export class ClientFactory {
  private readonly regionalClients = new Map<string, RegionalClients>();

  constructor(private readonly settings: ClientSettings) {}

  /** The region of the standard chain (AWS_REGION, profile), or undefined when none is configured. */
  async configuredRegion(): Promise<string | undefined> {
    const probe = new STSClient({});
    try {
      return await probe.config.region();
    } catch {
      return undefined;
    } finally {
      probe.destroy();
    }
  }

  /** Who the standard-chain credentials belong to. Throws {@link CollectionError} when there are none. */
  async callerIdentity(region: string): Promise<CallerIdentity> {
    const sts = this.callerSts(region);
    try {
      const out = await sts.send(new GetCallerIdentityCommand({}));
      if (!out.Account || !out.Arn) throw new Error('GetCallerIdentity returned no account');
      return { account: out.Account, arn: out.Arn, partition: out.Arn.split(':')[1] ?? 'aws' };
    } catch (error) {
      throw new CollectionError(`cannot identify the caller's AWS credentials: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  /** Organizations client with the caller's credentials (the management or delegated-admin account). */
  organizations(region: string): OrganizationsClient {
    return this.instrument(
      new OrganizationsClient(this.baseConfig(region, undefined)),
      'organizations',
      'caller',
      region,
    );
  }

  /**
   * Credentials for a role in another account, assumed with the caller's credentials from
   * `region`'s STS endpoint. One AssumeRole per account: the session works in every region, and it
   * is renewed shortly before it expires.
   */
  assumeRole(region: string, params: AssumeRoleParams): CredentialProvider {
    return assumeRoleProvider(this.callerSts(region), params);
  }

  /** The clients of one (account, region); the same object for the same pair. */
  regional(access: AccountAccess, region: string): RegionalClients {
    const key = `${access.accountId}/${region}`;
    let clients = this.regionalClients.get(key);
    if (!clients) {
      clients = this.buildRegional(access, region);
      this.regionalClients.set(key, clients);
    }
    return clients;
  }

  /** Closes every socket the factory's clients hold. */
  destroy(): void {
    for (const clients of this.regionalClients.values()) {
      (clients as LazyRegionalClients).destroy();
    }
    this.regionalClients.clear();
    for (const client of this.callerStsClients.values()) client.destroy();
    this.callerStsClients.clear();
  }

  private readonly callerStsClients = new Map<string, STSClient>();

  private callerSts(region: string): STSClient {
    let sts = this.callerStsClients.get(region);
    if (!sts) {
      sts = this.instrument(new STSClient(this.baseConfig(region, undefined)), 'sts', 'caller', region);
      this.callerStsClients.set(region, sts);
    }
    return sts;
  }

  private buildRegional(access: AccountAccess, region: string): RegionalClients {
    const config = this.baseConfig(region, access.credentials);
    const account = access.accountId;
    return new LazyRegionalClients(account, region, {
      ecs: () => this.instrument(new ECSClient(config), 'ecs', account, region),
      ec2: () => this.instrument(new EC2Client(config), 'ec2', account, region),
      eks: () => this.instrument(new EKSClient(config), 'eks', account, region),
      sts: () => this.instrument(new STSClient(config), 'sts', account, region),
    });
  }

  private baseConfig(region: string, credentials: CredentialProvider | undefined) {
    return {
      region,
      ...(credentials ? { credentials } : {}),
      retryMode: 'standard',
      maxAttempts: this.settings.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      ...(this.settings.requestTimeoutMs !== undefined
        ? {
            // Without throwOnRequestTimeout the SDK only warns when the time is up and keeps waiting.
            requestHandler: { requestTimeout: this.settings.requestTimeoutMs, throwOnRequestTimeout: true },
          }
        : {}),
      customUserAgent: (this.settings.userAgent ?? [['fargate-fit']]).map(
        ([name, version]) => [name, version] as [string, string | undefined],
      ),
    };
  }

  /**
   * Adds the pacing middleware inside the SDK's retry loop: every attempt, first or retry, takes a
   * token from its (account, region, bucket) and is counted; a throttled attempt drains the bucket
   * so the retry waits for a fresh token.
   */
  private instrument<C extends AnyClient>(client: C, service: string, account: string, region: string): C {
    const { limiter, stats } = this.settings;
    client.middlewareStack.addRelativeTo(
      // biome-ignore lint/suspicious/noExplicitAny: the stack is generic over each client's command union; this middleware passes args through untouched.
      (next: (args: any) => Promise<any>, context: { commandName?: string }) =>
        // biome-ignore lint/suspicious/noExplicitAny: as above.
        async (args: any) => {
          const action = (context.commandName ?? 'Unknown').replace(/Command$/, '');
          const key: LimiterKey = { account, region, bucket: bucketFor(service, action) };
          stats.recordWait(await limiter.acquire(key));
          stats.recordCall(service, action);
          try {
            return await next(args);
          } catch (error) {
            if (isThrottling(error)) {
              stats.recordThrottle();
              limiter.noteThrottle(key);
            }
            throw error;
          }
        },
      { relation: 'after', toMiddleware: 'retryMiddleware', name: 'fargateFitPacing', override: true },
    );
    return client;
  }
}

class LazyRegionalClients implements RegionalClients {
  private readonly built = new Map<string, AnyClient>();

  constructor(
    readonly account: string,
    readonly region: string,
    private readonly builders: {
      ecs: () => ECSClient;
      ec2: () => EC2Client;
      eks: () => EKSClient;
      sts: () => STSClient;
    },
  ) {}

  get ecs(): ECSClient {
    return this.once('ecs', this.builders.ecs);
  }
  get ec2(): EC2Client {
    return this.once('ec2', this.builders.ec2);
  }
  get eks(): EKSClient {
    return this.once('eks', this.builders.eks);
  }
  get sts(): STSClient {
    return this.once('sts', this.builders.sts);
  }

  async credentials(): Promise<AwsCredentials> {
    const resolved = await this.sts.config.credentials();
    return resolved;
  }

  destroy(): void {
    for (const client of this.built.values()) client.destroy();
    this.built.clear();
  }

  private once<C extends AnyClient>(name: string, build: () => C): C {
    let client = this.built.get(name) as C | undefined;
    if (!client) {
      client = build();
      this.built.set(name, client);
    }
    return client;
  }
}

/**
 * A memoizing AssumeRole credential provider: one STS call, reused until five minutes before the
 * session expires. A failed call is not cached, so a later caller may try again.
 */
export function assumeRoleProvider(
  sts: STSClient,
  params: AssumeRoleParams,
  now: () => number = Date.now,
): CredentialProvider {
  let pending: Promise<AwsCredentials> | undefined;
  let expiresAt = 0;
  return () => {
    if (!pending || now() > expiresAt - REFRESH_MARGIN_MS) {
      const request = sts
        .send(
          new AssumeRoleCommand({
            RoleArn: params.roleArn,
            RoleSessionName: params.sessionName,
            ...(params.externalId ? { ExternalId: params.externalId } : {}),
            DurationSeconds: params.durationSeconds ?? 3600,
          }),
        )
        .then((out) => {
          const c = out.Credentials;
          if (!c?.AccessKeyId || !c.SecretAccessKey)
            throw new Error(`AssumeRole ${params.roleArn} returned no credentials`);
          expiresAt = c.Expiration?.getTime() ?? Number.POSITIVE_INFINITY;
          return {
            accessKeyId: c.AccessKeyId,
            secretAccessKey: c.SecretAccessKey,
            ...(c.SessionToken ? { sessionToken: c.SessionToken } : {}),
            ...(c.Expiration ? { expiration: c.Expiration } : {}),
          };
        });
      request.catch(() => {
        if (pending === request) pending = undefined;
      });
      pending = request;
    }
    return pending;
  };
}

/** `arn:<partition>:iam::<account>:role/<name>`; the name may carry a path (`ops/Scanner`). */
export function roleArnFor(partition: string, account: string, roleName: string): string {
  return `arn:${partition}:iam::${account}:role/${roleName.replace(/^\/+/, '')}`;
}

/**
 * The STS endpoint an EKS token is presigned for: the one the SDK's chain gives STS
 * (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, a profile's `endpoint_url`, or an explicit
 * `endpoint`), else the regional public endpoint, as `aws eks get-token` does.
 */
export async function stsEndpointFor(sts: STSClient, region: string): Promise<URL> {
  const explicit = await sts.config.endpoint?.();
  if (explicit) {
    const port = explicit.port ? `:${explicit.port}` : '';
    return new URL(`${explicit.protocol}//${explicit.hostname}${port}${explicit.path ?? '/'}`);
  }
  // The configured-endpoint lookup is an SDK-internal member of the resolved config (not in the
  // public type); it is what the SDK itself consults for AWS_ENDPOINT_URL[_STS].
  const configured = await (
    sts.config as unknown as { serviceConfiguredEndpoint?: () => Promise<string | undefined> }
  ).serviceConfiguredEndpoint?.();
  if (configured) return new URL(configured);
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return new URL(`https://sts.${region}.${suffix}/`);
}
