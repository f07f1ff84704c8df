/**
 * Test helper: an EKS bearer token made the way `aws eks get-token` makes it (a presigned STS
 * GetCallerIdentity URL with the signed `x-k8s-aws-id` header), and a KubeConfig for a cluster of
 * the emulator. The product's own token code lives elsewhere; this one only exercises the emulator.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { KubeConfig } from '@kubernetes/client-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface TokenCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export async function makeEksToken(
  cluster: string,
  region: string,
  credentials: TokenCredentials,
  signingDate: Date = new Date(),
): Promise<string> {
  const hostname = `sts.${region}.amazonaws.com`;
  const signer = new SignatureV4({ credentials, region, service: 'sts', sha256: Sha256 });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host: hostname, 'x-k8s-aws-id': cluster },
  });
  const signed = await signer.presign(request, { expiresIn: 60, signingDate });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(signed.query ?? {})) {
    if (typeof value === 'string') query.set(key, value);
  }
  const url = `https://${hostname}/?${query.toString()}`;
  return `k8s-aws-v1.${Buffer.from(url, 'utf8').toString('base64url')}`;
}

/** A KubeConfig with the cluster's HTTPS endpoint, its CA and a bearer token (none when null). */
export function kubeConfigFor(endpoint: string, caCertPem: string, token: string | null): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      {
        name: 'emulated',
        server: endpoint,
        caData: Buffer.from(caCertPem).toString('base64'),
        skipTLSVerify: false,
      },
    ],
    users: [token === null ? { name: 'anonymous' } : { name: 'scanner', token }],
    contexts: [{ name: 'emulated', cluster: 'emulated', user: token === null ? 'anonymous' : 'scanner' }],
    currentContext: 'emulated',
  });
  return config;
}
