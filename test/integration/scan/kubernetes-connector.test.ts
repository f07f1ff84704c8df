/**
 * The production Kubernetes connector against the emulator's API server over real TLS: the
 * cluster's CA is the only one trusted, objects come back as the API server wrote them, and a
 * cluster that cannot be read costs no more calls than it took to find out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallStats } from '../../../lib/inventory/call-stats.js';
import {
  ClientNodeConnector,
  type KubernetesTarget,
} from '../../../lib/inventory/eks/kubernetes-connector.js';
import { eksToken } from '../../../lib/inventory/eks/token.js';
import { RateLimiter } from '../../../lib/inventory/limiter.js';
import {
  buildDemoScenario,
  DEFAULT_ACCESS_KEY_ID,
  DEFAULT_SECRET_ACCESS_KEY,
  DEMO_ACCOUNT,
  DEMO_REGION,
  type RunningEmulator,
  startEmulator,
} from '../../emulator/index.js';
import { createEmulatorTls } from '../../emulator/tls.js';

let emulator: RunningEmulator;
let target: KubernetesTarget;

const validToken = () =>
  eksToken({
    clusterName: 'platform',
    region: DEMO_REGION,
    credentials: { accessKeyId: DEFAULT_ACCESS_KEY_ID, secretAccessKey: DEFAULT_SECRET_ACCESS_KEY },
    stsEndpoint: new URL(`${emulator.awsEndpoint}/`),
  });

const connector = (token: () => Promise<string>, stats = new CallStats()) =>
  new ClientNodeConnector({
    token,
    limiter: new RateLimiter({ share: 1 }),
    stats,
    // Failures here are answers, not accidents to ride out.
    retry: { maxAttempts: 1 },
  });

beforeAll(async () => {
  emulator = await startEmulator(buildDemoScenario());
  target = {
    account: DEMO_ACCOUNT,
    region: DEMO_REGION,
    clusterName: 'platform',
    endpoint: emulator.kubernetesEndpoint(DEMO_ACCOUNT, DEMO_REGION, 'platform'),
    certificateAuthorityData: Buffer.from(emulator.caCertPem).toString('base64'),
  };
});

afterAll(async () => {
  await emulator?.close();
});

describe('ClientNodeConnector', () => {
  it('reads every kind through TLS verified against the cluster CA, objects as the server wrote them', async () => {
    const objects = await connector(validToken).collect(target);

    expect(objects.pods.length).toBeGreaterThan(5);
    const policy = objects.networkPolicies.find((p) => p.metadata.name === 'checkout-api-ingress') as
      | { kind?: string; apiVersion?: string; spec?: { ingress?: unknown[] } }
      | undefined;
    expect(policy).toMatchObject({ kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1' });
    // A typed client model would have renamed `from` (a reserved word) to `_from`.
    expect(policy?.spec?.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
  });

  it('refuses an API server whose certificate the cluster CA did not sign', async () => {
    const stranger = createEmulatorTls();
    const stats = new CallStats();
    const read = connector(validToken, stats).collect({
      ...target,
      certificateAuthorityData: Buffer.from(stranger.caCertPem).toString('base64'),
    });
    await expect(read).rejects.toMatchObject({
      message: expect.stringMatching(/certificate/i),
    });
  });

  it('stops asking a cluster that refuses the caller once the first refusal is in', async () => {
    const stats = new CallStats();
    emulator.resetStats();
    const read = connector(async () => 'k8s-aws-v1.not-a-token', stats).collect(target);
    await expect(read).rejects.toMatchObject({ name: 'KubernetesUnauthorized' });
    // The burst (10 of the 14 kinds) went out at once; the 4 kinds waiting for the rate limit's
    // next tokens (within 0.8 s) never start, and the requests still under way are dropped.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(stats.totalCalls).toBeLessThanOrEqual(10);
    expect(emulator.count({ service: 'kubernetes' })).toBeLessThanOrEqual(stats.totalCalls);
  });
});
