import { byText } from '../model/text-order.js';
/** What a scan cost in API calls: per `<Service>.<Action>` attempts, throttles absorbed, time waited. */
export interface CallStatsSnapshot {
  /** Attempts sent per `<service>.<Action>` (retries included). */
  readonly calls: Readonly<Record<string, number>>;
  readonly totalCalls: number;
  /** Attempts AWS or a Kubernetes API server answered with a throttling error (then retried). */
  readonly throttles: number;
  /** Milliseconds spent waiting for the client-side limiter. */
  readonly limiterWaitMs: number;
}

/** Mutable counters shared by every client of a scan; read with {@link CallStats.snapshot}. */
export class CallStats {
  private readonly calls = new Map<string, number>();
  private throttles = 0;
  private waitedMs = 0;

  /** One attempt of `service.action` went out. */
  recordCall(service: string, action: string): void {
    const key = `${service}.${action}`;
    this.calls.set(key, (this.calls.get(key) ?? 0) + 1);
  }

  recordThrottle(): void {
    this.throttles += 1;
  }

  recordWait(ms: number): void {
    this.waitedMs += ms;
  }

  /** Attempts so far (cheap; for progress displays). */
  get totalCalls(): number {
    let total = 0;
    for (const count of this.calls.values()) total += count;
    return total;
  }

  get throttleCount(): number {
    return this.throttles;
  }

  /** A plain copy, with keys sorted so snapshots compare and diff cleanly. */
  snapshot(): CallStatsSnapshot {
    const calls = Object.fromEntries([...this.calls.entries()].sort(([a], [b]) => byText(a, b)));
    return { calls, totalCalls: this.totalCalls, throttles: this.throttles, limiterWaitMs: this.waitedMs };
  }
}
