/**
 * The scan pipeline for one target, as the Lambdas run it: collect (lib/inventory/scan.ts), then
 * normalize → evaluate → size → price (lib/findings/judge-inventory.ts, with the embedded price
 * book). The same calls the CLI's `scan` makes, for one account and one region.
 *
 * When the target run's signal aborts (the Lambda's time is running out), no new AWS or Kubernetes
 * call starts — the limiter refuses tokens, retries included — calls in flight are cut (the
 * clients are destroyed, Kubernetes reads given up), and whatever was collected by then is judged
 * and handed back; what was not is a gap carrying the deadline.
 */
import { setMaxListeners } from 'node:events';
import { judgeInventory } from '../findings/judge-inventory.js';
import type { Gap } from '../findings/result.js';
import { CallStats } from '../inventory/call-stats.js';
import { ClientFactory } from '../inventory/clients.js';
import { type LimiterKey, RateLimiter } from '../inventory/limiter.js';
import { nothingScanned, type ScanDeps, scanEstate, untilAborted } from '../inventory/scan.js';
import { DEFAULT_PRICE_BOOK } from '../pricing/default-price-book.js';
import { DEFAULT_PRICING_SETTINGS } from '../pricing/settings.js';
import type { ScanRef } from '../sinks/dynamodb/records.js';
import type { ServerlessSettings } from './settings.js';
import type { TargetScanner } from './target-run.js';

/**
 * Per-attempt deadline of a Kubernetes request in the Lambda. The library default (60 s, five
 * attempts) lets one hung LIST page hold a target for five minutes; a 500-object page answers in
 * a second or two, so 20 s is generous and still leaves the budget to the rest of the scan.
 */
export const LAMBDA_KUBERNETES_REQUEST_TIMEOUT_MS = 20_000;

/** Per-attempt deadline of an AWS call in the Lambda (the SDK's default waits for ever). */
export const LAMBDA_AWS_REQUEST_TIMEOUT_MS = 20_000;

/** A target none of whose services could be read: the run is `failed`, its gaps say why. */
export class TargetUnreachableError extends Error {
  constructor(readonly gaps: readonly Gap[]) {
    super(gaps.map((gap) => `${gap.errorName}: ${gap.message}`).join('; ') || 'nothing could be read');
    this.name = gaps[0]?.errorName ?? 'TargetUnreachable';
  }
}

/** STS role session names allow 2-64 characters of `[\w+=,.@-]`; the scan id fits after a prefix. */
export function roleSessionName(scan: ScanRef): string {
  return `fargate-fit-${scan.scanId}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

/**
 * A limiter that stops handing out tokens once `signal` aborts: every AWS attempt and Kubernetes
 * request takes a token first, so none starts after the abort, and those queued for one fail at once.
 */
export class AbortableRateLimiter extends RateLimiter {
  constructor(private readonly signal: AbortSignal) {
    super();
    // Each queued token listens to the signal: hundreds at once are a busy scan, not a leak.
    setMaxListeners(0, signal);
  }

  override acquire(key: LimiterKey): Promise<number> {
    return untilAborted(super.acquire(key), this.signal);
  }
}

/** The Lambda's scan dependencies: an abortable limiter and request deadlines that fit a Lambda. */
export function lambdaScanDeps(signal: AbortSignal): ScanDeps {
  const limiter = new AbortableRateLimiter(signal);
  const stats = new CallStats();
  return {
    clients: new ClientFactory({
      limiter,
      stats,
      requestTimeoutMs: LAMBDA_AWS_REQUEST_TIMEOUT_MS,
      userAgent: [['fargate-fit-lambda']],
    }),
    limiter,
    stats,
    kubernetesRetry: { requestTimeoutMs: LAMBDA_KUBERNETES_REQUEST_TIMEOUT_MS },
  };
}

/**
 * One gap per scope and place (account, region, cluster) for everything the abort stopped there,
 * instead of one per call ("services", "tasks", "container instances" of one cluster): the
 * message names the deadline once and lists what was not read.
 */
const placeOf = (gap: Gap): string =>
  [gap.scope, gap.account ?? '', gap.region ?? '', gap.cluster ?? ''].join('\u0000');

export function coalesceAbortGaps(gaps: readonly Gap[], reason: unknown): Gap[] {
  if (!(reason instanceof Error)) return [...gaps];
  const grouped = new Map<string, { first: Gap; parts: string[] }>();
  const out: Gap[] = [];
  for (const gap of gaps) {
    if (gap.errorName !== reason.name) {
      out.push(gap);
      continue;
    }
    const key = placeOf(gap);
    const part = gap.message.endsWith(reason.message)
      ? gap.message.slice(0, -reason.message.length).replace(/:\s*$/, '')
      : gap.message;
    const group = grouped.get(key);
    if (group) {
      if (part && !group.parts.includes(part)) group.parts.push(part);
    } else {
      grouped.set(key, { first: gap, parts: part ? [part] : [] });
      out.push(gap);
    }
  }
  return out.map((gap) => {
    if (gap.errorName !== reason.name) return gap;
    const group = grouped.get(placeOf(gap));
    if (!group || group.first !== gap) return gap;
    const parts = group.parts.length > 0 ? ` (${group.parts.join(', ')})` : '';
    return { ...gap, message: `${reason.message}${parts}` };
  });
}

/**
 * The production scanner: the function's own account with its own role, any other account through
 * the member role (`settings.memberRoleName`, with the ExternalId). Clients live for one target
 * run and are closed after it, or as soon as its signal aborts.
 */
export function pipelineScanner(
  settings: ServerlessSettings,
  _ownAccount: string,
  scanDeps: (signal: AbortSignal) => ScanDeps = lambdaScanDeps,
): TargetScanner {
  return async ({ scan, target, signal }) => {
    // Every pending limiter token and Kubernetes read listens to the signal until it settles.
    setMaxListeners(0, signal);
    const deps: ScanDeps = { ...scanDeps(signal), signal };
    // Destroying the clients cuts the calls in flight; their retries then find the limiter closed.
    const cut = () => deps.clients.destroy();
    signal.addEventListener('abort', cut, { once: true });
    try {
      const inventory = await scanEstate(
        {
          regions: [target.region],
          accounts: [target.account],
          roleName: settings.memberRoleName,
          ...(settings.externalId ? { externalId: settings.externalId } : {}),
          roleSessionName: roleSessionName(scan),
          concurrency: 1,
        },
        { ...deps, now: () => new Date(scan.startedAt) },
      );
      if (nothingScanned(inventory)) throw new TargetUnreachableError(inventory.gaps);
      const judgement = judgeInventory(inventory, {
        settings: DEFAULT_PRICING_SETTINGS,
        book: DEFAULT_PRICE_BOOK,
      });
      const gaps = signal.aborted ? coalesceAbortGaps(judgement.gaps, signal.reason) : judgement.gaps;
      return {
        results: judgement.results,
        clusters: judgement.clusters,
        gaps,
        throttles: inventory.stats.throttles,
      };
    } finally {
      signal.removeEventListener('abort', cut);
      deps.clients.destroy();
    }
  };
}
