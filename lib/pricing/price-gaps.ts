import type { Gap } from '../findings/result.js';

/**
 * Price-book gaps once per missing price: a region the book lacks would otherwise be listed once
 * per workload. Other gaps are about one workload each and are kept as they are.
 */
export function distinctPriceGaps(gaps: readonly Gap[]): Gap[] {
  const merged = new Map<string, { gap: Gap; what: string; workloads: string[] }>();
  const kept: (Gap | string)[] = [];
  for (const gap of gaps) {
    if (gap.scope !== 'price' || gap.errorName !== 'PriceNotInBook') {
      kept.push(gap);
      continue;
    }
    // Price gap messages read "<workload id>: <what is missing where>".
    const split = gap.message.indexOf(': ');
    const workload = split < 0 ? '' : gap.message.slice(0, split);
    const what = split < 0 ? gap.message : gap.message.slice(split + 2);
    const key = JSON.stringify([gap.account, gap.region, gap.cluster, what]);
    const entry = merged.get(key);
    if (entry === undefined) {
      merged.set(key, { gap, what, workloads: [workload] });
      kept.push(key);
    } else entry.workloads.push(workload);
  }
  return kept.map((item) => {
    if (typeof item !== 'string') return item;
    const { gap, what, workloads } = merged.get(item)!;
    return workloads.length === 1
      ? gap
      : { ...gap, message: `${what} (${workloads.length} workloads, first ${workloads[0]})` };
  });
}
