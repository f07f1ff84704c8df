/**
 * EKS bearer token, made the way `aws eks get-token` (and aws-iam-authenticator) make it: an STS
 * GetCallerIdentity URL presigned with SigV4 for 60 seconds, with the cluster name signed in the
 * `x-k8s-aws-id` header, base64url-encoded without padding and prefixed `k8s-aws-v1.`. The API
 * server replays the URL against STS to learn who the caller is; nothing is sent to AWS here.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '../clients.js';

/** Version prefix of an EKS bearer token. */
export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** Header naming the cluster; signed, so a token for one cluster is refused by another. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** Presign lifetime `aws eks get-token` uses; EKS accepts the token for up to 15 minutes after signing. */
export const TOKEN_PRESIGN_SECONDS = 60;

/** What {@link eksToken} signs with and for. */
export interface EksTokenRequest {
  readonly clusterName: string;
  readonly region: string;
  readonly credentials: AwsCredentials;
  /** STS endpoint to presign for (see `stsEndpointFor`). */
  readonly stsEndpoint: URL;
  /** Signing time; injectable for reproducible tests. */
  readonly signingDate?: Date;
}

/** A bearer token for the cluster's Kubernetes API. */
export async function eksToken(request: EksTokenRequest): Promise<string> {
  const { stsEndpoint } = request;
  const signer = new SignatureV4({
    credentials: request.credentials,
    region: request.region,
    service: 'sts',
    sha256: Sha256,
  });
  const port = stsEndpoint.port ? Number(stsEndpoint.port) : undefined;
  const hostHeader = stsEndpoint.port ? `${stsEndpoint.hostname}:${stsEndpoint.port}` : stsEndpoint.hostname;
  const unsigned = new HttpRequest({
    method: 'GET',
    protocol: stsEndpoint.protocol,
    hostname: stsEndpoint.hostname,
    ...(port !== undefined ? { port } : {}),
    path: stsEndpoint.pathname || '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: hostHeader, [CLUSTER_ID_HEADER]: request.clusterName },
  });
  const signed = await signer.presign(unsigned, {
    expiresIn: TOKEN_PRESIGN_SECONDS,
    ...(request.signingDate ? { signingDate: request.signingDate } : {}),
  });
  const url = `${stsEndpoint.protocol}//${hostHeader}${signed.path}?${queryString(signed.query ?? {})}`;
  return EKS_TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
}

/** Decodes a token back to its presigned URL (for diagnostics and tests). */
export function presignedUrlOf(token: string): URL {
  if (!token.startsWith(EKS_TOKEN_PREFIX))
    throw new Error(`not an EKS token (expected prefix ${EKS_TOKEN_PREFIX})`);
  return new URL(Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString('utf8'));
}

/** RFC 3986 encoding, as SigV4 canonicalizes: `encodeURIComponent` plus `!'()*`. */
function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function queryString(query: Readonly<Record<string, string | readonly string[] | null | undefined>>): string {
  return Object.keys(query)
    .sort()
    .flatMap((key) => {
      const value = query[key];
      if (value === null || value === undefined) return [rfc3986(key)];
      const values = Array.isArray(value) ? value : [value];
      return values.map((v) => `${rfc3986(key)}=${rfc3986(v)}`);
    })
    .join('&');
}
