import { normalizeInventory } from '../inventory/normalize.js';
import { liveServiceRules } from '../inventory/service-checks/index.js';
import type { Inventory } from '../inventory/snapshot.js';
import { estimateCost } from '../pricing/cost.js';
import type { PriceBook } from '../pricing/price-book.js';
import { distinctPriceGaps } from '../pricing/price-gaps.js';
import type { PricingSettings } from '../pricing/settings.js';
import { allRules } from '../rules/index.js';
import type { RuleCategory } from '../rules/rule.js';
import { judgeWorkloads } from './judge.js';
import type { ClusterResult, Gap, WorkloadResult } from './result.js';

/** What a scanned inventory comes to: every workload judged and priced, the clusters, the gaps. */
export interface InventoryJudgement {
  readonly results: readonly WorkloadResult[];
  readonly clusters: readonly ClusterResult[];
  /** Collection gaps, then normalization, judging and pricing gaps. */
  readonly gaps: readonly Gap[];
}

export interface JudgeInventoryOptions {
  readonly settings: PricingSettings;
  readonly book: PriceBook;
  /** Categories to report; the verdict always comes from every fargate rule. */
  readonly categories?: readonly RuleCategory[];
}

/**
 * The live-scan half of the pipeline, shared by `fargate-fit scan`, `demo`, `scan --from-snapshot`
 * and the Lambdas: normalize → evaluate (the catalogue plus the service checks that need live data)
 * → size → price. Pure: a saved inventory replays to the same results.
 */
export function judgeInventory(inventory: Inventory, options: JudgeInventoryOptions): InventoryJudgement {
  const estate = normalizeInventory(inventory);
  const priceGaps: Gap[] = [];
  const judgement = judgeWorkloads(estate.workloads, {
    rules: [...allRules, ...liveServiceRules],
    ...(options.categories ? { categories: options.categories } : {}),
    cost: (workload) => {
      const priced = estimateCost(workload, options.settings, options.book);
      priceGaps.push(...priced.gaps);
      return priced.cost;
    },
  });
  return {
    results: judgement.results,
    clusters: estate.clusters,
    gaps: [...estate.gaps, ...distinctPriceGaps([...priceGaps, ...judgement.gaps])],
  };
}
