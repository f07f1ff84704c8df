import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { SinkError } from '../sink-error.js';
import type { Item, ItemQuery, ItemTable, WriteReport } from './item-table.js';
import { type ItemKey, keyString } from './keys.js';

/** BatchWriteItem takes at most 25 put or delete requests per call. */
export const BATCH_WRITE_LIMIT = 25;
/** BatchGetItem takes at most 100 keys per call. */
export const BATCH_GET_LIMIT = 100;

/** The DynamoDB actions each table operation sends; IAM statements are built from these. */
export const TABLE_OPERATION_ACTIONS = {
  getItems: 'dynamodb:BatchGetItem',
  query: 'dynamodb:Query',
  write: 'dynamodb:BatchWriteItem',
  putIfAbsent: 'dynamodb:PutItem',
} as const satisfies Record<keyof ItemTable, string>;

/** Retry pacing for the items DynamoDB leaves unprocessed (it does so when it throttles). */
export interface BackoffSettings {
  /** Calls per batch, the first included, before the remaining items are reported. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Injectable so tests run without real waiting. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1); injectable for deterministic tests. */
  readonly random: () => number;
}

/**
 * Ten calls with full-jitter exponential backoff from 50 ms, capped at 5 s: about 20 s at worst per
 * batch, long enough to ride out a partition's throttling and short enough for a Lambda budget.
 */
export const DEFAULT_BACKOFF: BackoffSettings = {
  maxAttempts: 10,
  baseDelayMs: 50,
  maxDelayMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): random in [0, min(cap, base·2^n)). */
export function backoffDelay(attempt: number, settings: BackoffSettings): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
  return Math.floor(settings.random() * ceiling);
}

type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: ItemKey } };

const keyOfRequest = (request: WriteRequest): ItemKey =>
  'PutRequest' in request
    ? { pk: request.PutRequest.Item.pk, sk: request.PutRequest.Item.sk }
    : request.DeleteRequest.Key;

const INDEX_KEYS = { gsi1: ['gsi1pk', 'gsi1sk'], gsi2: ['gsi2pk', 'gsi2sk'] } as const;

/**
 * The findings table in DynamoDB, through the document client (plain JavaScript values in and
 * out). The client is injected; nothing here creates one.
 */
export class DynamoDbItemTable implements ItemTable {
  private readonly backoff: BackoffSettings;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    readonly tableName: string,
    backoff: Partial<BackoffSettings> = {},
  ) {
    this.backoff = { ...DEFAULT_BACKOFF, ...backoff };
  }

  async getItems(keys: readonly ItemKey[]): Promise<Item[]> {
    const unique = dedupeKeys(keys);
    const found: Item[] = [];
    for (let start = 0; start < unique.length; start += BATCH_GET_LIMIT) {
      let pending: ItemKey[] = unique.slice(start, start + BATCH_GET_LIMIT).map(({ pk, sk }) => ({ pk, sk }));
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt >= this.backoff.maxAttempts) {
          // A read that silently came back short would reset first-seen dates: fail instead.
          throw new SinkError(
            `DynamoDB table ${this.tableName} left ${pending.length} keys unread after ${attempt} BatchGetItem calls`,
          );
        }
        if (attempt > 0) await this.backoff.sleep(backoffDelay(attempt, this.backoff));
        const out = await this.send('BatchGetItem', () =>
          this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending } } })),
        );
        found.push(...((out.Responses?.[this.tableName] ?? []) as Item[]));
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as ItemKey[];
      }
    }
    return found;
  }

  async *query(query: ItemQuery): AsyncIterable<Item> {
    const [partitionAttribute, sortAttribute] = query.index ? INDEX_KEYS[query.index] : ['pk', 'sk'];
    const names: Record<string, string> = { '#p': partitionAttribute };
    const values: Record<string, unknown> = { ':p': query.partition };
    let condition = '#p = :p';
    if (query.sortBeginsWith !== undefined) {
      names['#s'] = sortAttribute;
      values[':prefix'] = query.sortBeginsWith;
      condition += ' AND begins_with(#s, :prefix)';
    } else if (query.sortBefore !== undefined) {
      names['#s'] = sortAttribute;
      values[':before'] = query.sortBefore;
      condition += ' AND #s < :before';
    }
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.send('Query', () =>
        this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            ...(query.index ? { IndexName: query.index } : {}),
            KeyConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
            ScanIndexForward: !query.descending,
            ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          }),
        ),
      );
      for (const item of out.Items ?? []) yield item as Item;
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }

  async write(puts: readonly Item[], deletes: readonly ItemKey[]): Promise<WriteReport> {
    const requests: WriteRequest[] = [
      ...puts.map((item) => ({ PutRequest: { Item: item } })),
      ...deletes.map(({ pk, sk }) => ({ DeleteRequest: { Key: { pk, sk } } })),
    ];
    assertDistinctKeys(requests);
    let written = 0;
    let calls = 0;
    let partialCalls = 0;
    const unprocessed: ItemKey[] = [];
    for (let start = 0; start < requests.length; start += BATCH_WRITE_LIMIT) {
      let pending = requests.slice(start, start + BATCH_WRITE_LIMIT);
      for (let attempt = 0; pending.length > 0; attempt += 1) {
        if (attempt >= this.backoff.maxAttempts) {
          unprocessed.push(...pending.map(keyOfRequest));
          break;
        }
        if (attempt > 0) await this.backoff.sleep(backoffDelay(attempt, this.backoff));
        calls += 1;
        const batch = pending;
        const out = await this.send('BatchWriteItem', () =>
          this.client.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: batch } })),
        );
        const left = (out.UnprocessedItems?.[this.tableName] ?? []) as WriteRequest[];
        if (left.length > 0) partialCalls += 1;
        written += batch.length - left.length;
        pending = left;
      }
    }
    return { written, unprocessed, calls, partialCalls };
  }

  async putIfAbsent(item: Item): Promise<boolean> {
    try {
      await this.send('PutItem', () =>
        this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof SinkError && error.cause instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  private async send<T>(action: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      throw new SinkError(`DynamoDB ${action} on table ${this.tableName} failed: ${name}: ${message}`, {
        cause: error,
      });
    }
  }
}

function dedupeKeys(keys: readonly ItemKey[]): ItemKey[] {
  const seen = new Map<string, ItemKey>();
  for (const key of keys) seen.set(keyString(key), key);
  return [...seen.values()];
}

/** DynamoDB rejects a batch that touches one key twice; the store never should, so say so loudly. */
function assertDistinctKeys(requests: readonly WriteRequest[]): void {
  const seen = new Set<string>();
  for (const request of requests) {
    const key = keyString(keyOfRequest(request));
    if (seen.has(key)) throw new SinkError(`the same item key is written twice in one batch: ${key}`);
    seen.add(key);
  }
}
