/** Test helpers: SDK client configuration and a Kubernetes client for a cluster of a running emulator. */
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import type { KubeConfig } from '@kubernetes/client-node';
import type { RunningEmulator } from '../emulator.js';
import { kubeConfigFor, makeEksToken, type TokenCredentials } from './eks-token.js';

export interface ClientOptions {
  readonly region?: string;
  readonly credentials?: TokenCredentials;
  /** Default 1: tests look at the first answer, not at the SDK's retries. */
  readonly maxAttempts?: number;
}

export function awsConfig(emulator: RunningEmulator, options: ClientOptions = {}) {
  return {
    endpoint: emulator.awsEndpoint,
    region: options.region ?? emulator.env.AWS_REGION,
    credentials: options.credentials ?? {
      accessKeyId: emulator.env.AWS_ACCESS_KEY_ID,
      secretAccessKey: emulator.env.AWS_SECRET_ACCESS_KEY,
    },
    maxAttempts: options.maxAttempts ?? 1,
  };
}

/** A KubeConfig found the way a scanner finds it: DescribeCluster for endpoint and CA, then an EKS token. */
export async function kubeConfigOf(
  emulator: RunningEmulator,
  cluster: string,
  options: ClientOptions = {},
): Promise<KubeConfig> {
  const config = awsConfig(emulator, options);
  const eks = new EKSClient(config);
  const { cluster: described } = await eks.send(new DescribeClusterCommand({ name: cluster }));
  eks.destroy();
  if (!described?.endpoint || !described.certificateAuthority?.data)
    throw new Error(`cluster ${cluster} has no endpoint`);
  const token = await makeEksToken(cluster, config.region, config.credentials);
  return kubeConfigFor(
    described.endpoint,
    Buffer.from(described.certificateAuthority.data, 'base64').toString('utf8'),
    token,
  );
}
