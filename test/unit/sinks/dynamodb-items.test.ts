import { describe, expect, it, vi } from 'vitest';
import type { ClusterResult, Gap } from '../../../lib/findings/result.js';
import type { Item } from '../../../lib/sinks/dynamodb/item-table.js';
import {
  clusterStateFromItem,
  ITEM_SIZE_BUDGET,
  itemSizeUpperBound,
  type KnownClusterState,
  type KnownState,
  knownClusterStateFromItem,
  storedClusterFromItem,
  type TargetRunInput,
  toItems,
} from '../../../lib/sinks/dynamodb/items.js';
import {
  clusterHistoryKey,
  clusterStateKey,
  historyPartition,
  savingsSortKey,
  stateKey,
} from '../../../lib/sinks/dynamodb/keys.js';
import { FULL_SCOPE } from '../../../lib/sinks/dynamodb/records.js';
import {
  ACCOUNT,
  clusterResult,
  ecsResult,
  eksResult,
  finding,
  OTHER_ACCOUNT,
  REGION,
  scanRef,
  TARGET,
} from '../serverless/results.js';

const retention = { historyDays: 35 };

function input(overrides: Partial<TargetRunInput> = {}): TargetRunInput {
  return {
    scan: scanRef(27),
    target: TARGET,
    scope: FULL_SCOPE,
    status: 'complete',
    results: [ecsResult('web'), ecsResult('api', { verdict: 'eligible', savings: 42.5 })],
    gaps: [],
    throttles: 0,
    knownStates: [],
    ...overrides,
  };
}

const known = (id: string, overrides: Partial<KnownState> = {}): KnownState => ({
  workloadId: id,
  kind: 'ecs-service',
  cluster: 'prod',
  namespace: null,
  firstSeen: '2026-11-01T02:00:00.000Z',
  lastSeen: '2026-11-26T02:00:00.000Z',
  ...overrides,
});

const byType = (items: readonly Item[], type: string): Item[] => items.filter((item) => item.type === type);

describe('toItems', () => {
  it('writes a history item and a state item per workload, then a run record', () => {
    const { puts, deletes, runItem, run } = toItems(input(), retention);
    expect(byType(puts, 'workload-history')).toHaveLength(2);
    expect(byType(puts, 'workload-state')).toHaveLength(2);
    expect(deletes).toEqual([]);
    expect(runItem).toMatchObject({
      pk: 'SCAN#scheduled-20261127T020000Z',
      sk: `TARGET#${ACCOUNT}#${REGION}`,
    });
    expect(run).toMatchObject({
      status: 'complete',
      workloads: 2,
      byVerdict: { ineligible: 1, eligible: 1 },
    });
  });

  it('is byte-identical on a rerun, whatever the wall clock says', () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2026-11-27T03:00:00Z'));
      const first = JSON.stringify(toItems(input(), retention));
      vi.setSystemTime(new Date('2027-05-01T12:00:00Z'));
      const second = JSON.stringify(toItems(input(), retention));
      expect(second).toBe(first);
    } finally {
      vi.useRealTimers();
    }
  });

  it('expires history after the retention period, counted from the scan start', () => {
    const { puts, runItem } = toItems(input(), retention);
    const expected = Date.parse('2026-11-27T02:00:00.000Z') / 1000 + 35 * 86_400;
    expect(byType(puts, 'workload-history').every((item) => item.expiresAt === expected)).toBe(true);
    expect(runItem.expiresAt).toBe(expected);
    expect(byType(puts, 'workload-state').every((item) => item.expiresAt === undefined)).toBe(true);
  });

  it('keys state by account and region, so equal Kubernetes ids in two accounts do not collide', () => {
    const a = toItems(input({ results: [eksResult('web')] }), retention);
    const b = toItems(
      input({ target: { account: OTHER_ACCOUNT, region: REGION }, results: [eksResult('web')] }),
      retention,
    );
    const stateA = byType(a.puts, 'workload-state')[0]!;
    const stateB = byType(b.puts, 'workload-state')[0]!;
    expect(stateA.pk).not.toBe(stateB.pk);
    expect(stateA.pk).toBe(stateKey(TARGET, 'eks:apps/default/Deployment/web').pk);
  });

  it('carries first-seen over from the current state and stamps last-seen with the scan start', () => {
    const web = ecsResult('web');
    const { puts } = toItems(input({ results: [web], knownStates: [known(web.id)] }), retention);
    const state = byType(puts, 'workload-state')[0]!;
    expect(state).toMatchObject({
      firstSeen: '2026-11-01T02:00:00.000Z',
      lastSeen: '2026-11-27T02:00:00.000Z',
    });
    const fresh = toItems(input({ results: [web] }), retention);
    expect(byType(fresh.puts, 'workload-state')[0]).toMatchObject({ firstSeen: '2026-11-27T02:00:00.000Z' });
  });

  it('never rolls a state back when an older scan is rerun after a newer one', () => {
    const web = ecsResult('web');
    const newer = known(web.id, { lastSeen: '2026-11-28T02:00:00.000Z' });
    const { puts } = toItems(input({ results: [web], knownStates: [newer] }), retention);
    expect(byType(puts, 'workload-state')).toHaveLength(0);
    expect(byType(puts, 'workload-history')).toHaveLength(1);
  });

  it('lists workloads of a verdict by savings: biggest first, negative after positive, unpriced last', () => {
    const keys = [
      savingsSortKey(5, 'b'),
      savingsSortKey(null, 'z'),
      savingsSortKey(1234.56, 'a'),
      savingsSortKey(-20, 'c'),
      savingsSortKey(0, 'd'),
    ];
    const descending = [...keys].sort().reverse();
    expect(descending).toEqual([
      savingsSortKey(1234.56, 'a'),
      savingsSortKey(5, 'b'),
      savingsSortKey(0, 'd'),
      savingsSortKey(-20, 'c'),
      savingsSortKey(null, 'z'),
    ]);
  });

  it('deletes the state of a workload that is gone from a complete run', () => {
    const gone = ecsResult('gone');
    const { deletes } = toItems(input({ knownStates: [known(gone.id)] }), retention);
    expect(deletes).toEqual([stateKey(TARGET, gone.id)]);
  });

  it('keeps the state of workloads a coverage gap may have hidden', () => {
    const gone = ecsResult('gone');
    const clusterGap: Gap = {
      scope: 'cluster',
      account: ACCOUNT,
      region: REGION,
      cluster: 'prod',
      errorName: 'AccessDenied',
      message: 'x',
    };
    const otherCluster: Gap = { ...clusterGap, cluster: 'batch' };
    const regionGap: Gap = {
      scope: 'ecs',
      account: ACCOUNT,
      region: REGION,
      errorName: 'AccessDenied',
      message: 'x',
    };
    const priceGap: Gap = { scope: 'price', errorName: 'PriceNotInBook', message: 'x' };
    const eksGap: Gap = {
      scope: 'eks',
      account: ACCOUNT,
      region: REGION,
      errorName: 'AccessDenied',
      message: 'x',
    };
    const states = [known(gone.id)];
    expect(
      toItems(input({ status: 'partial', gaps: [clusterGap], knownStates: states }), retention).deletes,
    ).toEqual([]);
    expect(
      toItems(input({ status: 'partial', gaps: [regionGap], knownStates: states }), retention).deletes,
    ).toEqual([]);
    expect(
      toItems(input({ status: 'partial', gaps: [otherCluster], knownStates: states }), retention).deletes,
    ).toHaveLength(1);
    expect(toItems(input({ gaps: [priceGap], knownStates: states }), retention).deletes).toHaveLength(1);
    // EKS could not be read: an ECS service that is gone is still gone.
    expect(
      toItems(input({ status: 'partial', gaps: [eksGap], knownStates: states }), retention).deletes,
    ).toHaveLength(1);
  });

  it('deletes nothing and writes no workloads when the run timed out or failed', () => {
    const gone = ecsResult('gone');
    for (const status of ['timed-out', 'failed'] as const) {
      const { puts, deletes, run } = toItems(input({ status, knownStates: [known(gone.id)] }), retention);
      expect(puts).toEqual([]);
      expect(deletes).toEqual([]);
      expect(run.workloads).toBe(0);
    }
  });

  it('only deletes inside a narrowed scope', () => {
    const inBatch = ecsResult('job', { cluster: 'batch' });
    const inProd = ecsResult('gone');
    const { deletes } = toItems(
      input({
        scope: { clusters: ['batch'], namespaces: null },
        results: [],
        knownStates: [known(inBatch.id, { cluster: 'batch' }), known(inProd.id)],
      }),
      retention,
    );
    expect(deletes).toEqual([stateKey(TARGET, inBatch.id)]);
  });

  it('keeps suppressed findings, marked, out of the rule ids the diff compares', () => {
    const web = ecsResult('web', {
      findings: [
        finding('ecs-privileged', { suppressed: { owner: 'ana', reason: 'agent', expires: '2026-12-31' } }),
        finding('ecs-host-port', { severity: 'fixable' }),
      ],
    });
    const { puts, run } = toItems(input({ results: [web] }), retention);
    const history = byType(puts, 'workload-history')[0]!;
    expect(history.ruleIds).toEqual(['ecs-host-port']);
    expect((history.result as { findings: unknown[] }).findings).toHaveLength(2);
    expect(run.suppressedFindings).toBe(1);
  });

  it('trims huge finding lists under the item limit, blockers kept, and says how many went', () => {
    const advisories = Array.from({ length: 900 }, (_, i) =>
      finding(`compliance-${i}`, { category: 'compliance', severity: 'advisory', message: 'y'.repeat(600) }),
    );
    const web = ecsResult('web', { findings: [...advisories, finding('ecs-privileged')] });
    const { puts, run } = toItems(input({ results: [web] }), retention);
    for (const item of puts) expect(itemSizeUpperBound(item)).toBeLessThanOrEqual(ITEM_SIZE_BUDGET);
    const history = byType(puts, 'workload-history')[0]!;
    const kept = (history.result as { findings: { ruleId: string }[] }).findings;
    expect(kept[0]?.ruleId).toBe('ecs-privileged');
    expect(history.findingsOmitted).toBe(901 - kept.length);
    expect(history.findingsOmitted).toBeGreaterThan(0);
    expect(history.ruleIds).toHaveLength(901);
    expect(run.findingsOmitted).toBe(history.findingsOmitted);
  });
});

describe('toItems: clusters', () => {
  const platform = clusterResult('platform');
  const prod = clusterResult('prod-ec2', { scope: 'ecs' });
  const knownCluster = (
    cluster: ClusterResult,
    overrides: Partial<KnownClusterState> = {},
  ): KnownClusterState => ({
    clusterId: cluster.id,
    scope: cluster.scope,
    name: cluster.name,
    firstSeen: '2026-11-01T02:00:00.000Z',
    lastSeen: '2026-11-26T02:00:00.000Z',
    ...overrides,
  });

  it('writes a history item beside the run workloads and a current state per cluster', () => {
    const { puts, deletes } = toItems(input({ clusters: [platform, prod] }), retention);
    const history = byType(puts, 'cluster-history');
    const states = byType(puts, 'cluster-state');
    expect(history.map(({ pk, sk }) => ({ pk, sk }))).toEqual([
      clusterHistoryKey('scheduled-20261127T020000Z', TARGET, platform.id),
      clusterHistoryKey('scheduled-20261127T020000Z', TARGET, prod.id),
    ]);
    expect(history[0]!.pk).toBe(historyPartition('scheduled-20261127T020000Z', TARGET));
    expect(history[0]!.sk).toBe('CLUSTER#arn:aws:eks:us-east-1:111122223333:cluster/platform');
    expect(states[0]).toMatchObject({
      ...clusterStateKey(TARGET, platform.id),
      gsi1pk: `TARGET#${ACCOUNT}#${REGION}`,
      gsi1sk: `CLUSTER#${platform.id}`,
      firstSeen: '2026-11-27T02:00:00.000Z',
      lastSeen: '2026-11-27T02:00:00.000Z',
    });
    expect(states[0]!.pk).toBe(`CLUSTER#${ACCOUNT}#${REGION}#${platform.id}`);
    // History expires with the run; the current state stays.
    expect(history.every((item) => typeof item.expiresAt === 'number')).toBe(true);
    expect(states.every((item) => item.expiresAt === undefined)).toBe(true);
    expect(deletes).toEqual([]);
  });

  it('reads back exactly the cluster results it wrote', () => {
    const { puts } = toItems(input({ clusters: [platform, prod] }), retention);
    expect(byType(puts, 'cluster-history').map((item) => storedClusterFromItem(item).cluster)).toEqual([
      platform,
      prod,
    ]);
    const state = clusterStateFromItem(byType(puts, 'cluster-state')[0]!);
    expect(state).toMatchObject({
      cluster: platform,
      findingsOmitted: 0,
      scanId: 'scheduled-20261127T020000Z',
    });
    expect(knownClusterStateFromItem(byType(puts, 'cluster-state')[1]!)).toEqual({
      clusterId: prod.id,
      scope: 'ecs',
      name: 'prod-ec2',
      firstSeen: '2026-11-27T02:00:00.000Z',
      lastSeen: '2026-11-27T02:00:00.000Z',
    });
  });

  it('stores only the known fields of a cluster result, with long check errors cut', () => {
    const leaky = {
      ...platform,
      // What a careless change might attach at run time: it must never reach the table.
      tags: { DB_PASSWORD: 'hunter2-canary' },
      findings: [{ ...platform.findings[0]!, raw: { env: 'SECRET_CANARY' } }],
      errors: [{ ruleId: 'eks-audit-logging', message: 'x'.repeat(5_000) }],
    } as unknown as ClusterResult;
    const { puts } = toItems(input({ clusters: [leaky] }), retention);
    const text = JSON.stringify(puts);
    // Booleans: a failure must not print the canaries' items in full.
    expect(text.includes('hunter2-canary')).toBe(false);
    expect(text.includes('SECRET_CANARY')).toBe(false);
    const stored = storedClusterFromItem(byType(puts, 'cluster-history')[0]!).cluster;
    expect(stored.findings).toEqual(platform.findings);
    expect(stored.errors[0]!.message).toHaveLength(1_001);
  });

  it('refuses a malformed stored cluster, naming the item and the field', () => {
    const { puts } = toItems(input({ clusters: [platform] }), retention);
    const item = byType(puts, 'cluster-history')[0]!;
    const broken = { ...item, cluster: { ...platform, scope: 'k8s' } } as Item;
    expect(() => storedClusterFromItem(broken)).toThrow(
      new RegExp(`stored cluster ${item.pk} / ${item.sk} is malformed at cluster.scope`),
    );
  });

  it('writes no cluster items, and deletes no cluster state, when the scanner reported no clusters', () => {
    const { puts, deletes } = toItems(input({ knownClusterStates: [knownCluster(platform)] }), retention);
    expect(byType(puts, 'cluster-history')).toEqual([]);
    expect(byType(puts, 'cluster-state')).toEqual([]);
    expect(deletes).toEqual([]);
  });

  it('carries first-seen over and never rolls a newer cluster state back', () => {
    const carried = toItems(
      input({ clusters: [platform], knownClusterStates: [knownCluster(platform)] }),
      retention,
    );
    expect(byType(carried.puts, 'cluster-state')[0]).toMatchObject({ firstSeen: '2026-11-01T02:00:00.000Z' });
    const newer = knownCluster(platform, { lastSeen: '2026-11-28T02:00:00.000Z' });
    const late = toItems(input({ clusters: [platform], knownClusterStates: [newer] }), retention);
    expect(byType(late.puts, 'cluster-state')).toEqual([]);
    expect(byType(late.puts, 'cluster-history')).toHaveLength(1);
  });

  it('deletes the state of a cluster that is gone, unless a gap may hide it or the scope skipped it', () => {
    const states = [knownCluster(platform), knownCluster(prod)];
    const gone = toItems(input({ clusters: [], knownClusterStates: states }), retention);
    expect(gone.deletes).toEqual([clusterStateKey(TARGET, platform.id), clusterStateKey(TARGET, prod.id)]);

    const eksGap: Gap = {
      scope: 'eks',
      account: ACCOUNT,
      region: REGION,
      errorName: 'ScanDeadlineExceeded',
      message: 'x',
    };
    const partial = toItems(
      input({ status: 'partial', clusters: [], gaps: [eksGap], knownClusterStates: states }),
      retention,
    );
    // EKS was not all read: the EKS cluster may still be there; the ECS one is gone.
    expect(partial.deletes).toEqual([clusterStateKey(TARGET, prod.id)]);

    const onPlatform: Gap = { ...eksGap, scope: 'eks-cluster', cluster: 'platform' };
    expect(
      toItems(
        input({ status: 'partial', clusters: [], gaps: [onPlatform], knownClusterStates: states }),
        retention,
      ).deletes,
    ).toEqual([clusterStateKey(TARGET, prod.id)]);

    const narrowed = toItems(
      input({
        scope: { clusters: ['prod-ec2'], namespaces: null },
        clusters: [],
        knownClusterStates: states,
      }),
      retention,
    );
    expect(narrowed.deletes).toEqual([clusterStateKey(TARGET, prod.id)]);

    for (const status of ['timed-out', 'failed'] as const) {
      const { puts, deletes } = toItems(
        input({ status, clusters: [], knownClusterStates: states }),
        retention,
      );
      expect(puts).toEqual([]);
      expect(deletes).toEqual([]);
    }
  });

  it('is byte-identical on a rerun', () => {
    const once = JSON.stringify(toItems(input({ clusters: [platform, prod] }), retention));
    expect(JSON.stringify(toItems(input({ clusters: [platform, prod] }), retention))).toBe(once);
  });
});
