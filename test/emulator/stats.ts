/**
 * Call counters per (service, action, account, region, cluster): what a test or benchmark reads to
 * prove a scanner made close to the minimal number of calls and paced itself.
 */

import { byCodeUnits } from '../../lib/model/text-order.js';
import type { EmulatedService } from './throttling.js';

export interface CallCount {
  readonly service: EmulatedService;
  /** AWS action, or Kubernetes verb and resource (`list pods`). */
  readonly action: string;
  readonly account: string | null;
  readonly region: string | null;
  /** Kubernetes API calls: the cluster; null for AWS calls. */
  readonly cluster: string | null;
  /** Requests received (including the failed ones below). */
  readonly calls: number;
  /** Requests refused by a token bucket or a throttle fault. */
  readonly throttled: number;
  /** Requests failed by any other injected fault. */
  readonly faulted: number;
  /** Requests answered with any error status (4xx/5xx), throttles and faults included. */
  readonly errors: number;
}

export interface EmulatorStats {
  readonly totalCalls: number;
  readonly totalThrottled: number;
  /** One entry per distinct (service, action, account, region, cluster), sorted. */
  readonly calls: readonly CallCount[];
}

/** Filter for {@link StatsRecorder.count}; absent fields match everything. */
export type CallFilter = Partial<Pick<CallCount, 'service' | 'action' | 'account' | 'region' | 'cluster'>>;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export type CallOutcome = 'ok' | 'throttled' | 'faulted' | 'error';

/** Counts calls as the servers see them. */
export class StatsRecorder {
  private readonly entries = new Map<string, Mutable<CallCount>>();

  /** Record one call and how it ended. */
  record(key: Omit<CallCount, 'calls' | 'throttled' | 'faulted' | 'errors'>, outcome: CallOutcome): void {
    const id = [key.service, key.action, key.account, key.region, key.cluster].join('|');
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { ...key, calls: 0, throttled: 0, faulted: 0, errors: 0 };
      this.entries.set(id, entry);
    }
    entry.calls += 1;
    if (outcome === 'throttled') entry.throttled += 1;
    if (outcome === 'faulted') entry.faulted += 1;
    if (outcome !== 'ok') entry.errors += 1;
  }

  snapshot(): EmulatorStats {
    const calls = [...this.entries.values()]
      .map((entry) => ({ ...entry }))
      .sort((a, b) =>
        byCodeUnits(
          [a.service, a.account ?? '', a.region ?? '', a.cluster ?? '', a.action].join('|'),
          [b.service, b.account ?? '', b.region ?? '', b.cluster ?? '', b.action].join('|'),
        ),
      );
    return {
      totalCalls: calls.reduce((sum, entry) => sum + entry.calls, 0),
      totalThrottled: calls.reduce((sum, entry) => sum + entry.throttled, 0),
      calls,
    };
  }

  /** Calls received that match the filter. */
  count(filter: CallFilter = {}): number {
    let total = 0;
    for (const entry of this.entries.values()) {
      if (
        (filter.service === undefined || filter.service === entry.service) &&
        (filter.action === undefined || filter.action === entry.action) &&
        (filter.account === undefined || filter.account === entry.account) &&
        (filter.region === undefined || filter.region === entry.region) &&
        (filter.cluster === undefined || filter.cluster === entry.cluster)
      ) {
        total += entry.calls;
      }
    }
    return total;
  }

  reset(): void {
    this.entries.clear();
  }
}
