/**
 * The findings table in DynamoDB Local, behind a proxy that misbehaves like DynamoDB under load:
 * BatchWriteItem calls that fail outright (ProvisionedThroughputExceededException, after the SDK's
 * own retries) and calls that hand part of the batch back as UnprocessedItems.
 */
import {
  DynamoDBClient,
  ProvisionedThroughputExceededException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { documentClient } from '../../../lib/serverless/runtime.js';
import { DynamoDbItemTable } from '../../../lib/sinks/dynamodb/dynamodb-table.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import { createFindingsTable, type DynamoDbLocal, LOCAL_CREDENTIALS } from '../../support/dynamodb-local.js';

export type Item = Record<string, unknown>;

/** How the proxy treats each BatchWriteItem call; mutable so a test can calm DynamoDB down. */
export interface WriteWeather {
  /** Calls still to be refused with ProvisionedThroughputExceededException. */
  refuse: number;
  /** Share of each batch handed back unprocessed (0 = none, 1 = all). */
  unprocessedShare: number;
}

/** A findings store over `table` in DynamoDB Local, with writes subject to `weather`. */
export function stormyStore(dynamo: DynamoDbLocal, table: string, weather: WriteWeather) {
  const real = documentClient(
    new DynamoDBClient({ region: 'us-east-1', endpoint: dynamo.endpoint, credentials: LOCAL_CREDENTIALS }),
  );
  const counts = { batchWrites: 0, refused: 0, partial: 0 };
  const proxy = {
    send: async (command: { input: unknown }) => {
      if (!(command instanceof BatchWriteCommand)) return real.send(command as never);
      counts.batchWrites += 1;
      if (weather.refuse > 0) {
        weather.refuse -= 1;
        counts.refused += 1;
        throw new ProvisionedThroughputExceededException({
          message: 'The level of configured provisioned throughput for the table was exceeded.',
          $metadata: { httpStatusCode: 400 },
        });
      }
      const requests = command.input.RequestItems?.[table] ?? [];
      // At least one item goes through unless everything is handed back, as DynamoDB makes progress.
      const keep =
        weather.unprocessedShare >= 1
          ? 0
          : Math.max(1, Math.floor(requests.length * (1 - weather.unprocessedShare)));
      const kept = requests.slice(0, keep);
      const left = requests.slice(kept.length);
      if (kept.length > 0) await real.send(new BatchWriteCommand({ RequestItems: { [table]: kept } }));
      if (left.length === 0) return { UnprocessedItems: {} };
      counts.partial += 1;
      return { UnprocessedItems: { [table]: left } };
    },
  } as unknown as DynamoDBDocumentClient; // the table only calls `send`
  const store = new FindingsStore(
    new DynamoDbItemTable(proxy, table, { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 10 }),
  );
  return { store, counts, destroy: () => real.destroy() };
}

/** Creates a fresh findings table with this name. */
export async function freshTable(dynamo: DynamoDbLocal, table: string): Promise<void> {
  const client = dynamo.client();
  try {
    await createFindingsTable(client, table);
  } finally {
    client.destroy();
  }
}

/** Every item of the table, sorted by key. */
export async function tableItems(dynamo: DynamoDbLocal, table: string): Promise<Item[]> {
  const client = dynamo.client();
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  try {
    do {
      const out = await client.send(
        new ScanCommand({ TableName: table, ...(start ? { ExclusiveStartKey: start as never } : {}) }),
      );
      items.push(...(out.Items ?? []).map((item) => unmarshall(item)));
      start = out.LastEvaluatedKey;
    } while (start);
  } finally {
    client.destroy();
  }
  return items.sort((a, b) => `${a.pk}\u0000${a.sk}`.localeCompare(`${b.pk}\u0000${b.sk}`));
}

/** Items of one type (and scan). */
export const ofType = (items: readonly Item[], type: string, scanId?: string) =>
  items.filter((item) => item.type === type && (scanId === undefined || item.scanId === scanId));

/** `pk|sk` of every item: a duplicate would show up twice. */
export const keysOf = (items: readonly Item[]) => items.map((item) => `${item.pk}|${item.sk}`);
