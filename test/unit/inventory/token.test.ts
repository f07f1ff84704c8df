import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { eksToken, presignedUrlOf } from '../../../lib/inventory/eks/token.js';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'session/token+with=odd chars',
};
const signingDate = new Date('2026-11-27T12:00:00Z');

async function token(clusterName = 'shop', endpoint = 'https://sts.eu-west-1.amazonaws.com/') {
  return eksToken({
    clusterName,
    region: 'eu-west-1',
    credentials,
    stsEndpoint: new URL(endpoint),
    signingDate,
  });
}

/** SigV4 query-string verification written independently of the signer under test. */
function verify(url: URL, clusterName: string): boolean {
  const params = [...url.searchParams.entries()].filter(([k]) => k !== 'X-Amz-Signature');
  const enc = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = params
    .map(([k, v]) => [enc(k), enc(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const amzDate = url.searchParams.get('X-Amz-Date')!;
  const day = amzDate.slice(0, 8);
  const canonicalRequest = [
    'GET',
    url.pathname,
    canonicalQuery,
    `host:${url.host}\nx-k8s-aws-id:${clusterName}\n`,
    'host;x-k8s-aws-id',
    createHash('sha256').update('').digest('hex'),
  ].join('\n');
  const scope = `${day}/eu-west-1/sts/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    amzDate,
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  let key: Buffer = createHmac('sha256', `AWS4${credentials.secretAccessKey}`).update(day).digest();
  for (const part of ['eu-west-1', 'sts', 'aws4_request'])
    key = createHmac('sha256', key).update(part).digest();
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return signature === url.searchParams.get('X-Amz-Signature');
}

describe('eksToken', () => {
  it('is k8s-aws-v1. followed by unpadded base64url of a presigned GetCallerIdentity URL', async () => {
    const value = await token();
    expect(value.startsWith('k8s-aws-v1.')).toBe(true);
    expect(value.slice('k8s-aws-v1.'.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    const url = presignedUrlOf(value);
    expect(url.origin).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('Version')).toBe('2011-06-15');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('60');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20261127T120000Z');
    expect(url.searchParams.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20261127/eu-west-1/sts/aws4_request');
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(credentials.sessionToken);
  });

  it('signs the cluster name in the x-k8s-aws-id header, so STS would accept it for that cluster only', async () => {
    const url = presignedUrlOf(await token('shop'));
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host;x-k8s-aws-id');
    expect(verify(url, 'shop')).toBe(true);
    expect(verify(url, 'other-cluster')).toBe(false);
  });

  it('presigns for the configured STS endpoint, port included', async () => {
    const url = presignedUrlOf(await token('shop', 'https://127.0.0.1:4510/'));
    expect(url.host).toBe('127.0.0.1:4510');
    expect(verify(url, 'shop')).toBe(true);
  });
});
