import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '../../../lib/serverless/runtime.js';
import { DynamoDbItemTable } from '../../../lib/sinks/dynamodb/dynamodb-table.js';
import { collect, type Item } from '../../../lib/sinks/dynamodb/item-table.js';
import { FULL_SCOPE } from '../../../lib/sinks/dynamodb/records.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import { SinkError } from '../../../lib/sinks/sink-error.js';
import { ecsResult, scanRef, TARGET } from '../serverless/results.js';

const TABLE = 'findings';
const client = documentClient(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(client);

const items = (count: number): Item[] =>
  Array.from({ length: count }, (_, i) => ({ pk: `P#${i}`, sk: 'S', value: i }));

type Request = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: { pk: string; sk: string } } };

function table(sleeps: number[] = [], maxAttempts = 10) {
  return new DynamoDbItemTable(client, TABLE, {
    maxAttempts,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
}

const batchesSent = () =>
  dynamo
    .commandCalls(BatchWriteCommand)
    .map((call) => (call.args[0].input.RequestItems?.[TABLE] ?? []) as Request[]);

beforeEach(() => {
  dynamo.reset();
});

describe('DynamoDbItemTable.write', () => {
  it('sends BatchWriteItem in chunks of 25', async () => {
    dynamo.on(BatchWriteCommand).resolves({ UnprocessedItems: {} });
    const report = await table().write(items(60), [{ pk: 'GONE', sk: 'S' }]);
    expect(batchesSent().map((batch) => batch.length)).toEqual([25, 25, 11]);
    expect(report).toEqual({ written: 61, unprocessed: [], calls: 3, partialCalls: 0 });
  });

  it('retries the items DynamoDB leaves unprocessed, with growing backoff, until all are written', async () => {
    let call = 0;
    dynamo.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, Request[]> }) => {
      call += 1;
      const sent = input.RequestItems[TABLE]!;
      // Throttle: keep back the last 10, then 3, then accept everything.
      const keep = call === 1 ? 10 : call === 2 ? 3 : 0;
      return { UnprocessedItems: keep ? { [TABLE]: sent.slice(sent.length - keep) } : {} };
    });
    const sleeps: number[] = [];
    const report = await table(sleeps).write(items(20), []);
    expect(batchesSent().map((batch) => batch.length)).toEqual([20, 10, 3]);
    expect(report).toMatchObject({ written: 20, unprocessed: [], calls: 3, partialCalls: 2 });
    expect(sleeps).toEqual([50, 100]);
    const written = new Set(
      batchesSent()
        .flat()
        .map((request) => request.PutRequest?.Item.pk),
    );
    expect(written.size).toBe(20);
  });

  it('reports the keys it could never write instead of dropping them', async () => {
    dynamo.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, Request[]> }) => ({
      UnprocessedItems: { [TABLE]: input.RequestItems[TABLE]!.slice(0, 2) },
    }));
    const report = await table([], 4).write(items(5), []);
    expect(report.unprocessed).toEqual([
      { pk: 'P#0', sk: 'S' },
      { pk: 'P#1', sk: 'S' },
    ]);
    expect(report.written).toBe(3);
    expect(report.calls).toBe(4);
  });

  it('refuses a batch that writes one key twice (DynamoDB would reject it)', async () => {
    await expect(table().write([{ pk: 'A', sk: 'S' }], [{ pk: 'A', sk: 'S' }])).rejects.toThrow(SinkError);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(0);
  });

  it('turns an SDK error into a SinkError naming the table', async () => {
    dynamo
      .on(BatchWriteCommand)
      .rejects(Object.assign(new Error('no such table'), { name: 'ResourceNotFoundException' }));
    await expect(table().write(items(1), [])).rejects.toThrow(
      /BatchWriteItem on table findings failed: ResourceNotFoundException/,
    );
  });
});

describe('DynamoDbItemTable reads', () => {
  it('retries unprocessed BatchGetItem keys and fails loudly when they never come back', async () => {
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({
        Responses: { [TABLE]: [{ pk: 'A', sk: 'S' }] },
        UnprocessedKeys: { [TABLE]: { Keys: [{ pk: 'B', sk: 'S' }] } },
      })
      .resolves({ Responses: { [TABLE]: [{ pk: 'B', sk: 'S' }] } });
    const found = await table().getItems([
      { pk: 'A', sk: 'S' },
      { pk: 'B', sk: 'S' },
    ]);
    expect(found.map((item) => item.pk)).toEqual(['A', 'B']);

    dynamo.reset();
    dynamo.on(BatchGetCommand).resolves({ UnprocessedKeys: { [TABLE]: { Keys: [{ pk: 'A', sk: 'S' }] } } });
    await expect(table([], 3).getItems([{ pk: 'A', sk: 'S' }])).rejects.toThrow(/left 1 keys unread/);
  });

  it('pages through a query and sends the key condition', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ pk: 'P', sk: '1' }], LastEvaluatedKey: { pk: 'P', sk: '1' } })
      .resolves({ Items: [{ pk: 'P', sk: '2' }] });
    const found = await collect(
      table().query({ index: 'gsi1', partition: 'RUNS#x', sortBefore: '2026', descending: true }),
    );
    expect(found.map((item) => item.sk)).toEqual(['1', '2']);
    const [first, second] = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(first).toMatchObject({
      IndexName: 'gsi1',
      KeyConditionExpression: '#p = :p AND #s < :before',
      ExpressionAttributeNames: { '#p': 'gsi1pk', '#s': 'gsi1sk' },
      ScanIndexForward: false,
    });
    expect(second?.ExclusiveStartKey).toEqual({ pk: 'P', sk: '1' });
  });

  it('putIfAbsent answers false when the item exists', async () => {
    dynamo
      .on(PutCommand)
      .rejectsOnce(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }))
      .resolves({});
    expect(await table().putIfAbsent({ pk: 'A', sk: 'S' })).toBe(false);
    expect(await table().putIfAbsent({ pk: 'A', sk: 'S' })).toBe(true);
    expect(dynamo.commandCalls(PutCommand)[0]?.args[0].input.ConditionExpression).toBe(
      'attribute_not_exists(pk)',
    );
  });
});

describe('FindingsStore.recordTargetRun', () => {
  it('does not write the run record when workload writes stay unprocessed', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    dynamo.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, Request[]> }) => ({
      UnprocessedItems: { [TABLE]: input.RequestItems[TABLE]!.slice(0, 1) },
    }));
    const store = new FindingsStore(table([], 3));
    await expect(
      store.recordTargetRun({
        scan: scanRef(27),
        target: TARGET,
        scope: FULL_SCOPE,
        status: 'complete',
        results: [ecsResult('web')],
        gaps: [],
        throttles: 0,
      }),
    ).rejects.toThrow(/1 of 2 writes .* stayed unprocessed/);
    const runWrites = batchesSent()
      .flat()
      .filter((request) => request.PutRequest?.Item.type === 'target-run');
    expect(runWrites).toHaveLength(0);
  });
});
