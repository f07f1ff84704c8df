/**
 * The scan pipeline for one target, as the Lambdas run it: collect (lib/inventory/scan.ts), then
 * normalize → evaluate → size → price (lib/findings/judge-inventory.ts, with the embedded price
 * book). The same calls the CLI's `scan` makes, for one account and one region.
 */
import { judgeInventory } from '../findings/judge-inventory.js';
import type { Gap } from '../findings/result.js';
import { defaultScanDeps, nothingScanned, type ScanDeps, scanEstate } from '../inventory/scan.js';
import { DEFAULT_PRICE_BOOK } from '../pricing/default-price-book.js';
import { DEFAULT_PRICING_SETTINGS } from '../pricing/settings.js';
import type { ScanRef } from '../sinks/dynamodb/records.js';
import type { ServerlessSettings } from './settings.js';
import type { TargetScanner } from './target-run.js';

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
 * The production scanner: the function's own account with its own role, any other account through
 * the member role (`settings.memberRoleName`, with the ExternalId). Clients live for one target
 * run and are closed after it.
 */
export function pipelineScanner(
  settings: ServerlessSettings,
  _ownAccount: string,
  scanDeps: () => ScanDeps = () => defaultScanDeps({ userAgent: [['fargate-fit-lambda']] }),
): TargetScanner {
  return async ({ scan, target }) => {
    const deps = scanDeps();
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
      return { results: judgement.results, gaps: judgement.gaps, throttles: inventory.stats.throttles };
    } finally {
      deps.clients.destroy();
    }
  };
}
