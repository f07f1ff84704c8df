/**
 * The Lambda scanner's abort machinery: a limiter that hands out no token after the abort (so no
 * AWS attempt or Kubernetes request starts, retries included), and the gaps of what the abort
 * stopped folded into one per place.
 */
import { describe, expect, it } from 'vitest';
import type { Gap } from '../../../lib/findings/result.js';
import {
  AbortableRateLimiter,
  coalesceAbortGaps,
  LAMBDA_KUBERNETES_REQUEST_TIMEOUT_MS,
  lambdaScanDeps,
} from '../../../lib/serverless/pipeline-scanner.js';
import { ScanDeadlineError } from '../../../lib/serverless/target-run.js';

const key = { account: '111122223333', region: 'us-east-1', bucket: 'ecs-describe-task-definition' };

describe('AbortableRateLimiter', () => {
  it('hands out tokens until the abort, then refuses them with its reason, queued ones included', async () => {
    const controller = new AbortController();
    const limiter = new AbortableRateLimiter(controller.signal);
    let granted = 0;
    // Far more than the bucket holds: the later ones wait in the queue.
    const takes = Array.from({ length: 200 }, () =>
      limiter.acquire(key).then(
        () => {
          granted += 1;
          return 'granted';
        },
        (error: unknown) => error,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const grantedBeforeAbort = granted;
    expect(grantedBeforeAbort).toBeGreaterThan(0);
    expect(grantedBeforeAbort).toBeLessThan(200);
    const reason = new ScanDeadlineError(12_000);
    controller.abort(reason);
    const outcomes = await Promise.all(takes);
    expect(outcomes.filter((o) => o === reason)).toHaveLength(200 - grantedBeforeAbort);
    await expect(limiter.acquire(key)).rejects.toBe(reason);
  });
});

describe('lambdaScanDeps', () => {
  it('gives Kubernetes requests a deadline well under the library default of 60 s', () => {
    const deps = lambdaScanDeps(new AbortController().signal);
    expect(deps.kubernetesRetry?.requestTimeoutMs).toBe(LAMBDA_KUBERNETES_REQUEST_TIMEOUT_MS);
    expect(LAMBDA_KUBERNETES_REQUEST_TIMEOUT_MS).toBeLessThan(60_000);
    expect(deps.limiter).toBeInstanceOf(AbortableRateLimiter);
    deps.clients.destroy();
  });
});

describe('coalesceAbortGaps', () => {
  const reason = new ScanDeadlineError(42_000);
  const place = { account: '111122223333', region: 'us-east-1' };
  const stopped = (scope: string, what: string, cluster?: string): Gap => ({
    scope,
    ...place,
    ...(cluster ? { cluster } : {}),
    errorName: reason.name,
    message: `${what}: ${reason.message}`,
  });

  it('folds the gaps of one place into one naming the deadline and what was not read', () => {
    const forbidden: Gap = {
      scope: 'cluster',
      ...place,
      cluster: 'platform',
      errorName: 'KubernetesForbidden',
      message: 'Kubernetes API: forbidden',
    };
    const gaps = coalesceAbortGaps(
      [
        stopped('ecs-cluster', 'services', 'analytics'),
        forbidden,
        stopped('ecs-cluster', 'tasks', 'analytics'),
        stopped('ecs-cluster', 'container instances', 'analytics'),
        stopped('ec2', 'DescribeInstances (container instances)'),
      ],
      reason,
    );
    expect(gaps).toEqual([
      {
        scope: 'ecs-cluster',
        ...place,
        cluster: 'analytics',
        errorName: 'ScanDeadlineExceeded',
        message: "not scanned: the Lambda's time ran out after 42 s (services, tasks, container instances)",
      },
      forbidden,
      {
        scope: 'ec2',
        ...place,
        errorName: 'ScanDeadlineExceeded',
        message:
          "not scanned: the Lambda's time ran out after 42 s (DescribeInstances (container instances))",
      },
    ]);
  });

  it('leaves the gaps alone when the abort had no error as its reason', () => {
    const gaps = [stopped('ecs-cluster', 'services', 'analytics')];
    expect(coalesceAbortGaps(gaps, 'aborted')).toEqual(gaps);
  });
});
