/**
 * scanEstate with an abort signal (a Lambda about to time out): nothing new starts after the
 * abort, a Kubernetes read in progress is given up, and what was collected is returned with the
 * rest named as gaps carrying the signal's reason.
 */
import 'aws-sdk-client-mock-vitest/extend';
import { ListClustersCommand } from '@aws-sdk/client-ecs';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanEstate } from '../../../lib/inventory/scan.js';
import { ACCOUNT, mockRecordedEstate, REGION, recordedDeps } from './estate.js';

class Deadline extends Error {
  override readonly name = 'ScanDeadlineExceeded';
}

let mocks: ReturnType<typeof mockRecordedEstate>;
beforeEach(() => {
  mocks = mockRecordedEstate();
});
afterEach(() => mocks.restore());

describe('scanEstate with an abort signal', () => {
  it('returns what it collected when aborted during a Kubernetes read, the cluster as a gap', async () => {
    const controller = new AbortController();
    // The cluster's API never answers; the abort comes while it is being read.
    const hung = () => {
      setTimeout(() => controller.abort(new Deadline('not scanned: out of time')), 10);
      return new Promise<never>(() => {});
    };
    const inventory = await scanEstate(
      { regions: [REGION] },
      { ...recordedDeps(hung), signal: controller.signal },
    );
    const [partition] = inventory.partitions;
    expect(partition?.ecs?.clusters.map((c) => c.name)).toEqual(['prod']);
    expect(partition?.ecs?.clusters[0]?.services.length).toBeGreaterThan(0);
    expect(partition?.eks?.clusters.map((c) => [c.name, c.kubernetes])).toEqual([['shop', null]]);
    expect(inventory.gaps).toEqual([
      {
        scope: 'cluster',
        account: ACCOUNT,
        region: REGION,
        cluster: 'shop',
        errorName: 'ScanDeadlineExceeded',
        message: 'Kubernetes API: not scanned: out of time',
      },
    ]);
  });

  it('starts no account once aborted, naming each as a gap', async () => {
    const controller = new AbortController();
    controller.abort(new Deadline('not scanned: out of time'));
    const inventory = await scanEstate(
      {
        accounts: [ACCOUNT, '444455556666'],
        roleName: 'FargateFitReadOnly',
        regions: [REGION, 'eu-central-1'],
      },
      { ...recordedDeps(), signal: controller.signal },
    );
    expect(inventory.partitions).toEqual([]);
    expect(inventory.gaps.map((g) => [g.scope, g.account, g.region ?? '-', g.errorName])).toEqual([
      ['account', ACCOUNT, '-', 'ScanDeadlineExceeded'],
      ['account', '444455556666', '-', 'ScanDeadlineExceeded'],
    ]);
    expect(mocks.sts).toHaveReceivedCommandTimes(AssumeRoleCommand, 0);
    expect(mocks.ecs).toHaveReceivedCommandTimes(ListClustersCommand, 0);
  });

  it('starts no further region once aborted: the next one is a region gap', async () => {
    const controller = new AbortController();
    const hung = () => {
      controller.abort(new Deadline('not scanned: out of time'));
      return new Promise<never>(() => {});
    };
    const inventory = await scanEstate(
      { regions: ['eu-central-1', REGION], concurrency: 1 },
      { ...recordedDeps(hung), signal: controller.signal },
    );
    expect(inventory.partitions.map((p) => p.region)).toEqual(['eu-central-1']);
    expect(inventory.gaps.map((g) => [g.scope, g.region, g.cluster ?? '-', g.errorName])).toEqual([
      ['cluster', 'eu-central-1', 'shop', 'ScanDeadlineExceeded'],
      ['region', REGION, '-', 'ScanDeadlineExceeded'],
    ]);
  });
});
