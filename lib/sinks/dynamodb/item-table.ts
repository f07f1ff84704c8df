import type { ItemKey } from './keys.js';

/** A stored item: plain JSON-safe data with its `pk` and `sk`. */
export type Item = Readonly<Record<string, unknown>> & ItemKey;

/** A key-condition query on the table or one of its indexes. */
export interface ItemQuery {
  /** Omitted: the table itself (pk / sk); otherwise `gsi1` or `gsi2` (gsiNpk / gsiNsk). */
  readonly index?: 'gsi1' | 'gsi2';
  readonly partition: string;
  readonly sortBeginsWith?: string;
  /** Only items whose sort key is strictly less than this. */
  readonly sortBefore?: string;
  /** Newest / largest sort key first. */
  readonly descending?: boolean;
}

/** The outcome of a batch of writes. */
export interface WriteReport {
  /** Puts and deletes DynamoDB confirmed. */
  readonly written: number;
  /** Requests still unprocessed after every retry: reported, never dropped silently. */
  readonly unprocessed: readonly ItemKey[];
  /** BatchWriteItem calls made, retries included. */
  readonly calls: number;
  /** Calls that came back with some items unprocessed (DynamoDB was throttling them). */
  readonly partialCalls: number;
}

/**
 * The few table operations the findings store needs. Two implementations: DynamoDB
 * ({@link DynamoDbItemTable}) for the Lambdas and `scan --table`, and a JSON file
 * ({@link FileItemTable}) so the CLI keeps scan history locally with no server.
 */
export interface ItemTable {
  /** Items that exist among `keys` (missing keys are simply absent from the answer). */
  getItems(keys: readonly ItemKey[]): Promise<Item[]>;
  /** Every matching item, in sort-key order (pages fetched lazily). */
  query(query: ItemQuery): AsyncIterable<Item>;
  /** Puts then deletes; retried until written or reported in `unprocessed`. */
  write(puts: readonly Item[], deletes: readonly ItemKey[]): Promise<WriteReport>;
  /** Writes `item` only if no item has its key yet; false when one exists (nothing is changed). */
  putIfAbsent(item: Item): Promise<boolean>;
}

/** Collects an async iterable (a query) into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
