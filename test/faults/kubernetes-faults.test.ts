/**
 * Faults of one EKS cluster's Kubernetes API during a live scan of the demo estate: 410 Gone on a
 * continue token, 401 and 403, 429 storms, 5xx, dropped connections, stalled and cut answers.
 * What the cluster's API could not give is a `cluster` gap; everything else is still reported.
 */
import { describe, expect, it } from 'vitest';
import type { WorkloadResult } from '../../lib/findings/result.js';
import {
  isRetryableKubernetesError,
  KubernetesTimeoutError,
  withKubernetesRetries,
} from '../../lib/inventory/eks/kubernetes-retry.js';
import { KubernetesApiError } from '../../lib/inventory/errors.js';
import { DEMO_ACCOUNT, DEMO_REGION } from '../emulator/index.js';
import { cliVerdictOn, gapKey, rowsWhere, scanOnce, useFaultEstate, verdictsById } from './support/estate.js';

const estate = useFaultEstate();
const { scanUnder } = estate;

const onPlatform = (r: WorkloadResult) => r.cluster === 'platform' && r.id.startsWith('eks:');
const notOnPlatform = (r: WorkloadResult) => !onPlatform(r);
const PLATFORM = { service: 'kubernetes', cluster: 'platform' } as const;

describe('continue tokens that expire', () => {
  it('restarts a LIST whose continue token is answered 410 Gone, and loses nothing', async () => {
    const outcome = await scanUnder(
      [{ match: { ...PLATFORM, action: 'list pods' }, fault: { kind: 'gone' }, times: 2 }],
      {
        kubernetesPageSize: 10,
      },
    );
    expect(outcome.fired).toEqual([2]);
    expect(outcome.gaps).toEqual([]);
    expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
    expect(rowsWhere(estate.truth.results, onPlatform).length).toBeGreaterThan(5);
  });

  it('gives up after repeated 410s with a KubernetesGone gap for that cluster only', async () => {
    const outcome = await scanUnder(
      [{ match: { ...PLATFORM, action: 'list pods' }, fault: { kind: 'gone' } }],
      {
        kubernetesPageSize: 10,
      },
    );
    expect(outcome.gaps.map(gapKey)).toEqual([
      `cluster ${DEMO_ACCOUNT} ${DEMO_REGION} platform KubernetesGone`,
    ]);
    expect(verdictsById(outcome.results)).toEqual(rowsWhere(estate.truth.results, notOnPlatform));
  });
});

describe('a cluster that refuses the scanner', () => {
  it.each([
    ['unauthorized', 'KubernetesUnauthorized'],
    ['forbidden', 'KubernetesForbidden'],
  ] as const)(
    'answers %s: a cluster gap naming it, the rest reported, the CLI says partial, a rerun converges',
    async (kind, errorName) => {
      const outcome = await scanUnder([{ match: PLATFORM, fault: { kind } }]);
      expect(outcome.gaps.map(gapKey)).toEqual([
        `cluster ${DEMO_ACCOUNT} ${DEMO_REGION} platform ${errorName}`,
      ]);
      expect(outcome.gaps[0]!.message).toMatch(/^Kubernetes API: List\w+ on platform: /);
      expect(verdictsById(outcome.results)).toEqual(rowsWhere(estate.truth.results, notOnPlatform));
      // Refusals are answers, not accidents: one request per list kind at most, no retries.
      expect(estate.emulator.count({ service: 'kubernetes' })).toBeLessThanOrEqual(14);

      const cli = await cliVerdictOn(outcome.inventory);
      expect(cli.exitCode).toBe(3);
      expect(cli.stderr).toContain(`(${errorName})`);
      expect(cli.stderr).toContain('warning: partial coverage: 1 gap(s)');
      // The cluster itself is still described from the EKS API.
      expect(cli.report!.clusters!.map((c) => c.name)).toContain('platform');

      const rerun = await scanOnce();
      expect(rerun.gaps).toEqual([]);
      expect(verdictsById(rerun.results)).toEqual(verdictsById(estate.truth.results));
    },
  );
});

describe('transient trouble is retried', () => {
  it('rides out a 429 storm from API Priority and Fairness', async () => {
    const outcome = await scanUnder([{ match: PLATFORM, fault: { kind: 'throttle' }, times: 6 }]);
    expect(outcome.fired).toEqual([6]);
    expect(outcome.gaps).toEqual([]);
    expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
    expect(outcome.inventory.stats.throttles).toBeGreaterThanOrEqual(6);
  });

  it('retries 500 and 503 answers and dropped connections', async () => {
    const outcome = await scanUnder([
      {
        match: { ...PLATFORM, action: 'list deployments' },
        fault: { kind: 'server-error', status: 503 },
        times: 2,
      },
      {
        match: { ...PLATFORM, action: 'list nodes' },
        fault: { kind: 'server-error', status: 500 },
        times: 1,
      },
      { match: { ...PLATFORM, action: 'list pods' }, fault: { kind: 'reset' }, times: 2 },
    ]);
    expect(outcome.fired).toEqual([2, 1, 2]);
    expect(outcome.gaps).toEqual([]);
    expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
  });

  it('abandons an answer cut in half, or slower than the timeout, and asks again', async () => {
    const started = Date.now();
    const outcome = await scanUnder(
      [
        { match: { ...PLATFORM, action: 'list replicasets' }, fault: { kind: 'truncate' }, times: 1 },
        { match: { ...PLATFORM, action: 'list pods' }, fault: { kind: 'delay', ms: 20_000 }, times: 1 },
      ],
      { kubernetesTimeoutMs: 800 },
    );
    expect(outcome.fired).toEqual([1, 1]);
    expect(outcome.gaps).toEqual([]);
    expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('names a list that never answers as a KubernetesTimeout gap of that cluster', async () => {
    const outcome = await scanUnder(
      [{ match: { ...PLATFORM, action: 'list statefulsets' }, fault: { kind: 'delay', ms: 20_000 } }],
      { kubernetesTimeoutMs: 300 },
    );
    expect(outcome.gaps.map(gapKey)).toEqual([
      `cluster ${DEMO_ACCOUNT} ${DEMO_REGION} platform KubernetesTimeout`,
    ]);
    expect(outcome.gaps[0]!.message).toContain(
      'ListStatefulSet on platform: no complete answer within 300 ms',
    );
    expect(verdictsById(outcome.results)).toEqual(rowsWhere(estate.truth.results, notOnPlatform));
  });
});

describe('withKubernetesRetries', () => {
  const instant = { sleep: async () => {}, baseDelayMs: 1 };

  it('does not retry 401, 403, 404 or 410, which are answers', async () => {
    for (const status of [401, 403, 404, 410]) {
      let attempts = 0;
      const failing = withKubernetesRetries(
        'ListPod on c',
        async () => {},
        async () => {
          attempts += 1;
          throw new KubernetesApiError(status, `HTTP ${status}`);
        },
        instant,
      );
      await expect(failing).rejects.toMatchObject({ status });
      expect(attempts).toBe(1);
    }
  });

  it('waits at least what Retry-After asks, capped, before the next attempt', async () => {
    const waits: number[] = [];
    let attempts = 0;
    const result = await withKubernetesRetries(
      'ListPod on c',
      async () => {},
      async () => {
        attempts += 1;
        if (attempts === 1) {
          throw new KubernetesApiError(429, 'slow down', {
            cause: Object.assign(new Error('429'), { headers: { 'retry-after': '2' } }),
          });
        }
        return 'page';
      },
      { ...instant, sleep: async (ms) => void waits.push(ms), random: () => 0 },
    );
    expect(result).toBe('page');
    expect(waits).toEqual([2_000]);
  });

  it('throws the last error after the allowed attempts', async () => {
    let attempts = 0;
    await expect(
      withKubernetesRetries(
        'ListPod on c',
        async () => {},
        async () => {
          attempts += 1;
          throw new KubernetesApiError(503, 'unavailable');
        },
        { ...instant, maxAttempts: 3 },
      ),
    ).rejects.toMatchObject({ name: 'KubernetesHttp503' });
    expect(attempts).toBe(3);
  });

  it('classifies timeouts and network failures as retryable, refusals as not', () => {
    expect(isRetryableKubernetesError(new KubernetesTimeoutError('slow'))).toBe(true);
    expect(
      isRetryableKubernetesError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
    ).toBe(true);
    expect(isRetryableKubernetesError(new KubernetesApiError(403, 'no'))).toBe(false);
    expect(isRetryableKubernetesError(new Error('bad token'))).toBe(false);
  });
});
