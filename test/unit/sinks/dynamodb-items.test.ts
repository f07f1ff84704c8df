import { describe, expect, it, vi } from 'vitest';
import type { Gap } from '../../../lib/findings/result.js';
import type { Item } from '../../../lib/sinks/dynamodb/item-table.js';
import {
  ITEM_SIZE_BUDGET,
  itemSizeUpperBound,
  type KnownState,
  type TargetRunInput,
  toItems,
} from '../../../lib/sinks/dynamodb/items.js';
import { savingsSortKey, stateKey } from '../../../lib/sinks/dynamodb/keys.js';
import { FULL_SCOPE } from '../../../lib/sinks/dynamodb/records.js';
import {
  ACCOUNT,
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
