/**
 * Fault injection: a small list of rules, each matched against a request's service, action,
 * account, region and cluster, that makes the emulator answer with the failure a scanner must
 * survive (throttling storms, 5xx, AccessDenied, a region not enabled, Kubernetes 410 Gone on a
 * stale continue token, 401/403 per cluster, connection resets, slow and truncated responses).
 */
import type { EmulatedService } from './throttling.js';

export type FaultKind =
  /** The service's throttling error (ECS ThrottlingException 400, EC2 RequestLimitExceeded 503, EKS 429...). */
  | { readonly kind: 'throttle' }
  /** An internal error (500) or service unavailable (503) in the service's protocol. */
  | { readonly kind: 'server-error'; readonly status?: 500 | 502 | 503 }
  /** AccessDenied in the service's protocol (STS AccessDenied on AssumeRole, ECS AccessDeniedException, EC2 UnauthorizedOperation). */
  | { readonly kind: 'access-denied' }
  /** The answer AWS gives in an opt-in region the account has not enabled. */
  | { readonly kind: 'region-not-enabled' }
  /** Kubernetes only, and only on requests that carry `continue`: 410 Gone, reason Expired. */
  | { readonly kind: 'gone' }
  /** Kubernetes 401 Unauthorized. */
  | { readonly kind: 'unauthorized' }
  /** Kubernetes 403 Forbidden. */
  | { readonly kind: 'forbidden' }
  /** Answer normally, `ms` later. */
  | { readonly kind: 'delay'; readonly ms: number }
  /** Destroy the connection without an answer (the client sees ECONNRESET / socket hang up). */
  | { readonly kind: 'reset' }
  /** Send the headers and half of the body, then end the connection. */
  | { readonly kind: 'truncate' };

/** What a rule looks at. Every given field must match; a list matches any of its values. */
export interface FaultMatch {
  readonly service?: EmulatedService | readonly EmulatedService[];
  /** AWS action name (`DescribeServices`) or Kubernetes verb and resource (`list pods`). */
  readonly action?: string | readonly string[];
  /** For AssumeRole, the account of the role being assumed. */
  readonly account?: string | readonly string[];
  readonly region?: string | readonly string[];
  /** ECS cluster name (requests naming one), EKS cluster name, or the Kubernetes API's cluster. */
  readonly cluster?: string | readonly string[];
}

export interface FaultRule {
  readonly match?: FaultMatch;
  readonly fault: FaultKind;
  /** Let the first `skip` matching requests through untouched. Default 0. */
  readonly skip?: number;
  /** Fire on at most this many matching requests, then stop. Default unlimited. */
  readonly times?: number;
  /** Fire on this share of matching requests (0–1), drawn from a seeded generator. Default 1. */
  readonly probability?: number;
}

/** The facts of one request that rules match on. */
export interface RequestFacts {
  readonly service: EmulatedService;
  readonly action: string;
  readonly account: string | null;
  readonly region: string | null;
  readonly cluster: string | null;
  /** Kubernetes: the request carries a `continue` token. */
  readonly hasContinueToken?: boolean;
}

/** A rule added at run time; `remove()` takes it out again. */
export interface FaultHandle {
  /** How many requests this rule has failed so far. */
  readonly fired: () => number;
  readonly remove: () => void;
}

interface ActiveRule {
  readonly rule: FaultRule;
  seen: number;
  fired: number;
}

function matches<T extends string>(wanted: T | readonly T[] | undefined, actual: T | null): boolean {
  if (wanted === undefined) return true;
  if (actual === null) return false;
  return typeof wanted === 'string' ? wanted === actual : (wanted as readonly T[]).includes(actual);
}

/** The rules of one emulator, in the order they were added; the first that fires wins. */
export class FaultInjector {
  private readonly rules: ActiveRule[] = [];
  private randomState: number;

  constructor(rules: readonly FaultRule[] = [], seed = 0x5eed) {
    this.randomState = seed >>> 0 || 1;
    for (const rule of rules) this.add(rule);
  }

  add(rule: FaultRule): FaultHandle {
    const probability = rule.probability ?? 1;
    if (!(probability >= 0 && probability <= 1)) throw new RangeError('fault probability must be within 0–1');
    const active: ActiveRule = { rule, seen: 0, fired: 0 };
    this.rules.push(active);
    return {
      fired: () => active.fired,
      remove: () => {
        const index = this.rules.indexOf(active);
        if (index >= 0) this.rules.splice(index, 1);
      },
    };
  }

  clear(): void {
    this.rules.length = 0;
  }

  list(): readonly FaultRule[] {
    return this.rules.map((active) => active.rule);
  }

  /** The fault to inject for this request, if any rule fires. */
  pick(facts: RequestFacts): FaultKind | null {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.fault.kind === 'gone' && !facts.hasContinueToken) continue;
      const match = rule.match ?? {};
      if (
        !matches(match.service, facts.service) ||
        !matches(match.action, facts.action) ||
        !matches(match.account, facts.account) ||
        !matches(match.region, facts.region) ||
        !matches(match.cluster, facts.cluster)
      ) {
        continue;
      }
      active.seen += 1;
      if (active.seen <= (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && active.fired >= rule.times) continue;
      if (rule.probability !== undefined && this.nextRandom() >= rule.probability) continue;
      active.fired += 1;
      return rule.fault;
    }
    return null;
  }

  // xorshift32: reproducible storms for a given seed.
  private nextRandom(): number {
    let x = this.randomState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.randomState = x >>> 0;
    return this.randomState / 0x1_0000_0000;
  }
}
