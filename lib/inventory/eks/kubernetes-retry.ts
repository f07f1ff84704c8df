/**
 * Retries for Kubernetes API requests. The AWS SDK retries its own calls; @kubernetes/client-node
 * does not, so without this one 429 from API Priority and Fairness, one 503 from a restarting API
 * server or one dropped connection would cost the scan a whole cluster. Each attempt also gets a
 * deadline: the client's HTTP library (node-fetch 2) waits forever on a response whose body stops
 * half-way, so a stalled or truncated answer must be abandoned from outside.
 */
import { httpStatusOf } from '../errors.js';

/** How a Kubernetes request is retried and how long each attempt may take. */
export interface KubernetesRetryOptions {
  /** Attempts per request, the first included (default 5). */
  readonly maxAttempts?: number;
  /** First backoff in milliseconds, doubled per attempt with full jitter (default 200). */
  readonly baseDelayMs?: number;
  /** Longest wait between attempts, Retry-After included (default 10 s). */
  readonly maxDelayMs?: number;
  /** Milliseconds one attempt may take, body included, before it is aborted (default 60 s). */
  readonly requestTimeoutMs?: number;
  /** Injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

/** Defaults for a LIST page of up to 500 objects. */
export const KUBERNETES_RETRY_DEFAULTS = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  requestTimeoutMs: 60_000,
} as const;

/** An attempt that took longer than its deadline; the request was aborted. */
export class KubernetesTimeoutError extends Error {
  override readonly name = 'KubernetesTimeout';
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Network-level failures node-fetch reports (reset, refused, hang-up, cut bodies). */
function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'FetchError') return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN)$/.test(code);
}

/**
 * True for a failure worth another attempt: throttling, a 5xx the server may recover from, a
 * dropped connection or a timed-out attempt. 401, 403, 404 and 410 are answers, not accidents.
 */
export function isRetryableKubernetesError(error: unknown): boolean {
  if (error instanceof KubernetesTimeoutError) return true;
  const status = httpStatusOf(error);
  if (status !== null) return RETRYABLE_STATUS.has(status);
  return isNetworkFailure(error);
}

/** Seconds of a `Retry-After` header carried by the error (or its cause), if any. */
function retryAfterMs(error: unknown): number | null {
  for (let e: unknown = error; e instanceof Error; e = (e as { cause?: unknown }).cause) {
    const headers = (e as { headers?: unknown }).headers;
    if (typeof headers === 'object' && headers !== null) {
      const value = (headers as Record<string, unknown>)['retry-after'];
      const seconds = typeof value === 'string' ? Number(value) : Number.NaN;
      if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    }
  }
  return null;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (named `what` in a timeout's message) with a fresh abort signal that fires after
 * `requestTimeoutMs`, again after a backoff while it fails with a retryable error, at most
 * `maxAttempts` times. `pace` (the rate limiter) is awaited before each attempt and before its
 * clock starts: time spent queueing for a token is not the server being slow. The last error is
 * thrown as is, so the gap it becomes names what the server actually said.
 */
export async function withKubernetesRetries<T>(
  what: string,
  pace: () => Promise<void>,
  attempt: (signal: AbortSignal) => Promise<T>,
  options: KubernetesRetryOptions = {},
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? KUBERNETES_RETRY_DEFAULTS.maxAttempts);
  const baseDelayMs = options.baseDelayMs ?? KUBERNETES_RETRY_DEFAULTS.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? KUBERNETES_RETRY_DEFAULTS.maxDelayMs;
  const timeoutMs = options.requestTimeoutMs ?? KUBERNETES_RETRY_DEFAULTS.requestTimeoutMs;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    await pace();
    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        controller.abort(new KubernetesTimeoutError(`${what}: no complete answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      return await attempt(controller.signal);
    } catch (error) {
      // node-fetch reports an abort as its own AbortError; the reason says it was our deadline.
      const failure = controller.signal.aborted ? controller.signal.reason : error;
      if (attemptNumber >= maxAttempts || !isRetryableKubernetesError(failure)) throw failure;
      const backoff = random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attemptNumber - 1));
      await sleep(Math.min(maxDelayMs, Math.max(backoff, retryAfterMs(failure) ?? 0)));
    } finally {
      clearTimeout(timer);
    }
  }
}
