import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Gap } from '../../../lib/findings/result.js';
import { cliScanRef, localStore, recordScan } from '../../../lib/serverless/record-scan.js';
import type { SummaryMessage } from '../../../lib/sinks/sns-summary.js';
import { ACCOUNT, clusterResult, ecsResult, OTHER_ACCOUNT, REGION } from './results.js';

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fargate-fit-cli-store-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const targets = [
  { account: ACCOUNT, region: REGION },
  { account: OTHER_ACCOUNT, region: REGION },
];
const scope = { clusters: null, namespaces: null };

describe('recordScan (the CLI with the same sinks)', () => {
  it('diffs a scan against the previous local run, with no server', async () => {
    const file = join(directory, '.fargate-fit', 'store.json');
    const published: SummaryMessage[] = [];
    const publish = async (message: SummaryMessage) => {
      published.push(message);
      return `m-${published.length}`;
    };
    const first = await recordScan({
      store: localStore(file),
      publish,
      scan: cliScanRef(new Date('2026-11-27T09:00:00Z')),
      targets,
      scope,
      results: [ecsResult('web'), ecsResult('api', { verdict: 'eligible' })],
      gaps: [],
    });
    expect(first.summary).toMatchObject({ scanId: 'cli-20261127T090000Z', diff: { added: 2 }, targets: 2 });

    const second = await recordScan({
      store: localStore(file),
      publish,
      scan: cliScanRef(new Date('2026-11-28T09:00:00Z')),
      targets,
      scope,
      results: [ecsResult('web'), ecsResult('fresh')],
      gaps: [],
    });
    expect(second.digest?.added.map((w) => w.name)).toEqual(['fresh']);
    expect(second.digest?.resolved.map((r) => [r.before.name, r.reason])).toEqual([['api', 'gone']]);
    expect(second.summary.baselineScanIds).toEqual(['cli-20261127T090000Z']);
    expect(published).toHaveLength(2);
  });

  it('marks an account it could not enter as failed, so its workloads are not called resolved', async () => {
    const file = join(directory, 'store.json');
    await recordScan({
      store: localStore(file),
      publish: null,
      scan: cliScanRef(new Date('2026-11-27T09:00:00Z')),
      targets,
      scope,
      results: [ecsResult('web'), ecsResult('remote', { account: OTHER_ACCOUNT })],
      gaps: [],
    });
    const denied: Gap = {
      scope: 'account',
      account: OTHER_ACCOUNT,
      errorName: 'AccessDenied',
      message: 'AssumeRole refused',
    };
    const outcome = await recordScan({
      store: localStore(file),
      publish: null,
      scan: cliScanRef(new Date('2026-11-28T09:00:00Z')),
      targets,
      scope,
      results: [ecsResult('web')],
      gaps: [denied],
    });
    expect(outcome.digest?.resolved).toEqual([]);
    expect(outcome.digest?.targets.byStatus).toMatchObject({ complete: 1, failed: 1 });
    expect(outcome.digest?.newGaps).toEqual([denied]);
    expect(outcome.summary.notification.reason).toBe('disabled');
  });

  it('records the clusters of each account-region with its run and counts their findings in the summary', async () => {
    const file = join(directory, 'store.json');
    const platform = clusterResult('platform');
    const sandbox = clusterResult('sandbox', { scope: 'ecs', account: OTHER_ACCOUNT });
    const scan = cliScanRef(new Date('2026-11-27T09:00:00Z'));
    const outcome = await recordScan({
      store: localStore(file),
      publish: null,
      scan,
      targets,
      scope,
      results: [ecsResult('web')],
      clusters: [platform, sandbox],
      gaps: [],
    });
    const store = localStore(file);
    expect((await store.clustersOfRun(scan.scanId, targets[0]!)).map((c) => c.cluster)).toEqual([platform]);
    expect((await store.clustersOfRun(scan.scanId, targets[1]!)).map((c) => c.cluster)).toEqual([sandbox]);
    expect(outcome.message?.message).toContain(
      'Clusters: 2 — 2 compliance findings (0 blockers, 2 fixable, 0 advisory)',
    );
  });
});
