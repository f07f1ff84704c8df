/** Splits `items` into consecutive batches of at most `size` (the API's per-call maximum). */
export function inBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Distinct values in first-seen order. */
export function distinct<T>(items: Iterable<T>): T[] {
  return [...new Set(items)];
}

/** AWS tag lists (`[{key, value}]` or `[{Key, Value}]`) as a plain map. */
export function tagMap(
  tags: readonly { key?: string; value?: string; Key?: string; Value?: string }[] | undefined,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) {
    const key = tag.key ?? tag.Key;
    if (key !== undefined) map[key] = tag.value ?? tag.Value ?? '';
  }
  return map;
}
