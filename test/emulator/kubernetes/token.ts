/**
 * EKS bearer tokens: `k8s-aws-v1.` + base64url(a presigned STS GetCallerIdentity URL whose signed
 * headers include `x-k8s-aws-id: <cluster>`). EKS hands the URL to STS; the emulator, which issued
 * the credentials, recomputes the SigV4 signature itself — so a token made for another cluster, or
 * with a wrong secret, is refused like EKS refuses it.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Principal } from '../aws/credentials.js';

export const EKS_TOKEN_PREFIX = 'k8s-aws-v1.';
/** EKS accepts a token for 15 minutes after its X-Amz-Date. */
const TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const STS_HOST = /^sts(\.[a-z0-9-]+)?\.amazonaws\.com(\.cn)?$/;

export interface TokenCheckOptions {
  readonly clusterName: string;
  readonly lookup: (accessKeyId: string) => Principal | undefined;
  /** Who an unknown access key is; null: refuse unknown keys. */
  readonly unknownKeyPrincipal: Principal | null;
  readonly nowMs: number;
  /** `host[:port]` of the emulator's AWS endpoint: a URL presigned against it is accepted too. */
  readonly emulatorHost: string;
  /** `sigv4`: recompute the signature when the secret is known; `shape`: check the URL's form only. */
  readonly mode: 'sigv4' | 'shape';
}

export type TokenCheck =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly reason: string };

const fail = (reason: string): TokenCheck => ({ ok: false, reason });

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const hmac = (key: Buffer | string, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');

function expectedSignature(url: URL, secret: string, clusterName: string, payloadHash: string): string {
  const params = [...url.searchParams.entries()]
    .filter(([key]) => key !== 'X-Amz-Signature')
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const canonicalRequest = [
    'GET',
    url.pathname || '/',
    params,
    `host:${url.host}\nx-k8s-aws-id:${clusterName}\n`,
    'host;x-k8s-aws-id',
    payloadHash,
  ].join('\n');
  const amzDate = url.searchParams.get('X-Amz-Date') ?? '';
  const [, date = '', region = '', service = ''] = (url.searchParams.get('X-Amz-Credential') ?? '').split(
    '/',
  );
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    `${date}/${region}/${service}/aws4_request`,
    sha256Hex(canonicalRequest),
  ].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

function parseAmzDate(value: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return Number.NaN;
  const [, y, mo, d, h, mi, s] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

/** Check a bearer token the way EKS (aws-iam-authenticator + STS) does. */
export function verifyEksToken(token: string, options: TokenCheckOptions): TokenCheck {
  if (!token.startsWith(EKS_TOKEN_PREFIX)) return fail('not an EKS token (missing k8s-aws-v1. prefix)');
  let url: URL;
  try {
    url = new URL(Buffer.from(token.slice(EKS_TOKEN_PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    return fail('token does not decode to a URL');
  }
  const emulatorUrl = url.host === options.emulatorHost;
  if (!(url.protocol === 'https:' && STS_HOST.test(url.hostname)) && !emulatorUrl) {
    return fail(`unexpected STS host ${url.host}`);
  }
  const query = url.searchParams;
  if (query.get('Action') !== 'GetCallerIdentity') return fail('the URL is not a GetCallerIdentity call');
  if (query.get('Version') !== '2011-06-15') return fail('unexpected STS API version');
  if (query.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return fail('not a SigV4 presigned URL');
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? '').split(';');
  if (!signedHeaders.includes('x-k8s-aws-id')) return fail('x-k8s-aws-id is not a signed header');
  const signature = query.get('X-Amz-Signature');
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return fail('missing signature');
  const expires = Number(query.get('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires <= 0 || expires > 900)
    return fail('X-Amz-Expires missing or above 900');
  const signedAt = parseAmzDate(query.get('X-Amz-Date') ?? '');
  if (Number.isNaN(signedAt)) return fail('X-Amz-Date missing');
  if (options.nowMs - signedAt > TOKEN_LIFETIME_MS) return fail('token expired');
  if (signedAt - options.nowMs > CLOCK_SKEW_MS) return fail('token signed in the future');
  const credential = (query.get('X-Amz-Credential') ?? '').split('/');
  if (credential.length !== 5 || credential[3] !== 'sts' || credential[4] !== 'aws4_request') {
    return fail('credential scope is not sts');
  }
  const accessKeyId = credential[0] ?? '';
  const principal = options.lookup(accessKeyId);
  if (!principal) {
    return options.unknownKeyPrincipal
      ? { ok: true, principal: options.unknownKeyPrincipal }
      : fail('unknown access key');
  }
  if (principal.expiresAtMs !== null && principal.expiresAtMs < options.nowMs)
    return fail('credentials expired');
  if (principal.sessionToken !== null && query.get('X-Amz-Security-Token') !== principal.sessionToken) {
    return fail('session token missing or wrong');
  }
  const verifiable =
    signedHeaders.every((h) => h === 'host' || h === 'x-k8s-aws-id') && signedHeaders.includes('host');
  if (options.mode === 'sigv4' && verifiable) {
    const candidates = [sha256Hex(''), 'UNSIGNED-PAYLOAD'].map((payloadHash) =>
      expectedSignature(url, principal.secretAccessKey, options.clusterName, payloadHash),
    );
    if (!candidates.includes(signature)) {
      return fail(
        `signature does not match (wrong secret, or a token for another cluster than ${options.clusterName})`,
      );
    }
  }
  return { ok: true, principal };
}
