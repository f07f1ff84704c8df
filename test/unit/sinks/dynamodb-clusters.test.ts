/**
 * Cluster results through the findings store over DynamoDB (the document client mocked with
 * aws-sdk-client-mock, answering from an in-memory table): written with the run's BatchWriteItem
 * chunks, read back unchanged, overwritten — never duplicated — by a rerun, and removed from the
 * current state when the cluster is gone.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClusterResult, WorkloadResult } from '../../../lib/findings/result.js';
import { documentClient } from '../../../lib/serverless/runtime.js';
import { DynamoDbItemTable } from '../../../lib/sinks/dynamodb/dynamodb-table.js';
import type { Item } from '../../../lib/sinks/dynamodb/item-table.js';
import { FULL_SCOPE, type ScanRef } from '../../../lib/sinks/dynamodb/records.js';
import { FindingsStore } from '../../../lib/sinks/dynamodb-store.js';
import { clusterResult, ecsResult, scanRef, TARGET } from '../serverless/results.js';

const TABLE = 'findings';
const client = documentClient(new DynamoDBClient({ region: 'us-east-1' }));
const dynamo = mockClient(client);

type Request = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: { pk: string; sk: string } } };
type QueryInput = {
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, string>;
  ScanIndexForward?: boolean;
};

/** The table's items by key, as DynamoDB would hold them (stored as JSON copies). */
let stored: Map<string, Item>;
const keyOf = (key: { pk: string; sk: string }) => JSON.stringify([key.pk, key.sk]);
const SORT_OF: Readonly<Record<string, string>> = { pk: 'sk', gsi1pk: 'gsi1sk', gsi2pk: 'gsi2sk' };

beforeEach(() => {
  dynamo.reset();
  stored = new Map();
  dynamo.on(BatchWriteCommand).callsFake((input: { RequestItems: Record<string, Request[]> }) => {
    for (const request of input.RequestItems[TABLE] ?? []) {
      if (request.PutRequest) {
        stored.set(keyOf(request.PutRequest.Item), JSON.parse(JSON.stringify(request.PutRequest.Item)));
      } else if (request.DeleteRequest) stored.delete(keyOf(request.DeleteRequest.Key));
    }
    return { UnprocessedItems: {} };
  });
  dynamo.on(QueryCommand).callsFake((input: QueryInput) => {
    const partition = input.ExpressionAttributeNames['#p']!;
    const sort = SORT_OF[partition]!;
    const values = input.ExpressionAttributeValues;
    const items = [...stored.values()]
      .filter((item) => item[partition] === values[':p'])
      .filter((item) => values[':prefix'] === undefined || String(item[sort]).startsWith(values[':prefix']))
      .filter((item) => values[':before'] === undefined || String(item[sort]) < values[':before'])
      .sort((a, b) => (String(a[sort]) < String(b[sort]) ? -1 : 1));
    return { Items: input.ScanIndexForward === false ? items.reverse() : items };
  });
});

const store = () => new FindingsStore(new DynamoDbItemTable(client, TABLE));

const batches = () =>
  dynamo
    .commandCalls(BatchWriteCommand)
    .map((call) => (call.args[0].input.RequestItems?.[TABLE] ?? []) as Request[]);

const platform = clusterResult('platform', {
  findings: [
    ...clusterResult('platform').findings,
    {
      ruleId: 'eks-supported-version',
      category: 'compliance',
      severity: 'advisory',
      title: 'EKS cluster runs a supported Kubernetes version',
      message: 'Cluster platform runs Kubernetes 1.31 in extended support until 2027-05-26.',
      fix: 'Upgrade the cluster.',
      docsUrl: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html',
    },
  ],
  errors: [{ ruleId: 'eks-audit-logging', message: 'logging was not described' }],
});
const prod = clusterResult('prod-ec2', { scope: 'ecs', status: null });
const batch = clusterResult('batch', { scope: 'ecs', findings: [] });

function record(
  scan: ScanRef,
  clusters: readonly ClusterResult[],
  results: readonly WorkloadResult[] = [ecsResult('web')],
) {
  return store().recordTargetRun({
    scan,
    target: TARGET,
    scope: FULL_SCOPE,
    status: 'complete',
    results,
    clusters,
    gaps: [],
    throttles: 0,
  });
}

/** In sort-key order, as DynamoDB returns them (by id: ECS ARNs before EKS ones). */
const byId = (clusters: readonly ClusterResult[]) => [...clusters].sort((a, b) => (a.id < b.id ? -1 : 1));

describe('cluster results in the findings table', () => {
  it('reads back exactly the cluster results a run wrote, apart from its workloads', async () => {
    const scan = scanRef(27);
    await record(scan, [platform, prod, batch]);

    const clusters = await store().clustersOfRun(scan.scanId, TARGET);
    expect(clusters.map((c) => c.cluster)).toEqual(byId([platform, prod, batch]));
    expect(clusters.every((c) => c.scanId === scan.scanId && c.findingsOmitted === 0)).toBe(true);

    const contents = await store().runContents(scan.scanId, TARGET);
    expect(contents.clusters.map((c) => c.cluster)).toEqual(byId([platform, prod, batch]));
    expect(contents.workloads.map((w) => w.result.name)).toEqual(['web']);
    // The workload readers see no cluster item, though both share a partition.
    expect((await store().workloadsOfRun(scan.scanId, TARGET)).map((w) => w.result.name)).toEqual(['web']);
    expect((await store().statesOfTarget(TARGET)).map((w) => w.result.name)).toEqual(['web']);

    const states = await store().clusterStatesOfTarget(TARGET);
    expect(states.map((s) => s.cluster)).toEqual(byId([platform, prod, batch]));
    expect(states[0]).toMatchObject({ firstSeen: scan.startedAt, lastSeen: scan.startedAt });

    const conditions = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(conditions).toContainEqual(
      expect.objectContaining({
        KeyConditionExpression: '#p = :p AND begins_with(#s, :prefix)',
        ExpressionAttributeValues: {
          ':p': `SCAN#${scan.scanId}#TARGET#${TARGET.account}#${TARGET.region}`,
          ':prefix': 'CLUSTER#',
        },
      }),
    );
  });

  it('writes the clusters in the run BatchWriteItem chunks of 25, before the run record', async () => {
    const workloads = Array.from({ length: 20 }, (_, i) => ecsResult(`svc-${i}`));
    const { report } = await record(scanRef(27), [platform, prod, batch], workloads);
    // 20 workloads and 3 clusters, a history item and a state each, then the run record alone.
    expect(batches().map((b) => b.length)).toEqual([25, 21, 1]);
    expect(report).toMatchObject({ written: 47, calls: 3, unprocessed: [] });
    const last = batches().at(-1)!;
    expect(last[0]?.PutRequest?.Item.type).toBe('target-run');
    const clusterWrites = batches()
      .slice(0, 2)
      .flat()
      .filter((r) => String(r.PutRequest?.Item.type).startsWith('cluster-'));
    expect(clusterWrites).toHaveLength(6);
  });

  it('overwrites, never duplicates, when the same target is recorded again', async () => {
    const scan = scanRef(27);
    await record(scan, [platform, prod]);
    const once = JSON.stringify([...stored.entries()].sort());
    const count = stored.size;
    await record(scan, [platform, prod]);
    expect(stored.size).toBe(count);
    expect(JSON.stringify([...stored.entries()].sort())).toBe(once);
    expect((await store().clustersOfRun(scan.scanId, TARGET)).map((c) => c.cluster.name)).toEqual([
      'prod-ec2',
      'platform',
    ]);
  });

  it('removes a gone cluster from the current state and keeps it in the earlier scan', async () => {
    await record(scanRef(26), [platform, prod]);
    await record(scanRef(27), [platform]);
    expect((await store().clusterStatesOfTarget(TARGET)).map((s) => s.cluster.name)).toEqual(['platform']);
    expect((await store().clusterStatesOfTarget(TARGET))[0]).toMatchObject({
      firstSeen: scanRef(26).startedAt,
      lastSeen: scanRef(27).startedAt,
    });
    expect((await store().clustersOfRun(scanRef(26).scanId, TARGET)).map((c) => c.cluster.name)).toEqual([
      'prod-ec2',
      'platform',
    ]);
  });

  it('fails loudly on a cluster item that does not hold a cluster result', async () => {
    const scan = scanRef(27);
    await record(scan, [platform]);
    for (const item of stored.values()) {
      if (item.type === 'cluster-history') stored.set(keyOf(item), { ...item, cluster: { id: platform.id } });
    }
    await expect(store().clustersOfRun(scan.scanId, TARGET)).rejects.toThrow(
      /stored cluster SCAN#.* \/ CLUSTER#arn:aws:eks:us-east-1:111122223333:cluster\/platform is malformed at cluster\.scope/,
    );
  });
});
