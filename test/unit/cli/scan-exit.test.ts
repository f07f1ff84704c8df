/**
 * Exit status of `fargate-fit scan` on coverage: 0 when everything asked for was read, 3 when the
 * report is complete but part of the estate could not be read, 0 again with --allow-partial, and
 * 2 when nothing at all was scanned. Replayed from saved inventories, so no AWS call is made.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../lib/cli/context.js';
import { main } from '../../../lib/cli/main.js';
import type { Gap } from '../../../lib/findings/result.js';
import { INVENTORY_VERSION, type Inventory, saveInventory } from '../../../lib/inventory/snapshot.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';

/** An inventory of one (account, region) with nothing in it, and these gaps. */
function inventory(gaps: readonly Gap[], partitions = 1): Inventory {
  return {
    version: INVENTORY_VERSION,
    collectedAt: '2026-11-30T09:00:00.000Z',
    caller: { account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/ops` },
    accounts: [ACCOUNT],
    regions: [REGION],
    partitions: Array.from({ length: partitions }, () => ({
      account: ACCOUNT,
      region: REGION,
      ecs: { clusters: [], capacityProviders: [], taskDefinitions: {} },
      ec2: { instances: [], instanceTypes: [] },
      eks: { clusters: [], versions: [] },
    })),
    gaps: [...gaps],
    stats: { calls: {}, totalCalls: 0, throttles: 0, limiterWaitMs: 0 },
  };
}

const clusterGap: Gap = {
  scope: 'cluster',
  account: ACCOUNT,
  region: REGION,
  cluster: 'platform',
  errorName: 'KubernetesForbidden',
  message: 'Kubernetes API: ListPodForAllNamespaces on platform: forbidden',
};

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    isTTY: false,
    colors: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

let directory: string;
const replay = async (name: string, saved: Inventory, ...flags: string[]) => {
  const file = join(directory, `${name}.json`);
  await saveInventory(file, saved);
  return run(['scan', '--from-snapshot', file, '--format', 'json', '--no-store', ...flags]);
};

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'fargate-fit-scan-exit-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('scan exit status on coverage', () => {
  it('is 0 when everything asked for was read', async () => {
    const result = await replay('complete', inventory([]));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('partial coverage');
  });

  it('is 3 when a cluster could not be read, with the report written and the gap named', async () => {
    const result = await replay('partial', inventory([clusterGap]));
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout).gaps).toEqual([clusterGap]);
    expect(result.stderr).toContain(`warning: ${ACCOUNT}/${REGION}/platform:`);
    expect(result.stderr).toContain(
      'warning: partial coverage: 1 gap(s); the report lists them (exit status 3; --allow-partial accepts it)',
    );
  });

  it('is 0 with --allow-partial, warnings unchanged', async () => {
    const result = await replay('accepted', inventory([clusterGap]), '--allow-partial');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).gaps).toHaveLength(1);
    expect(result.stderr).toContain(
      'partial coverage: 1 gap(s); the report lists them (accepted: --allow-partial)',
    );
  });

  it('does not count a Kubernetes API skipped on request (--no-kubernetes) as missing coverage', async () => {
    const skipped: Gap = {
      ...clusterGap,
      errorName: 'KubernetesSkipped',
      message: 'the Kubernetes API was not read (disabled for this scan)',
    };
    const result = await replay('skipped', inventory([skipped]));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).gaps).toEqual([skipped]);
    expect(result.stderr).not.toContain('partial coverage');
  });

  it('does not count an unpriced figure as missing coverage', async () => {
    const priceGap: Gap = {
      scope: 'price',
      region: REGION,
      errorName: 'PriceUnknown',
      message: 'no price for x',
    };
    const result = await replay('priced', inventory([priceGap]));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('warning:');
    expect(result.stderr).not.toContain('partial coverage');
  });

  it('is 2 when nothing at all was scanned, --allow-partial or not', async () => {
    const regionGap: Gap = { ...clusterGap, scope: 'region', errorName: 'UnrecognizedClientException' };
    const result = await replay('empty', inventory([regionGap], 0), '--allow-partial');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: nothing could be scanned');
  });

  it.each(['scan', 'demo'])('`%s --help` documents the exit codes and --allow-partial', async (command) => {
    const result = await run([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--allow-partial');
    expect(result.stdout).toMatch(/Exit codes: 0 .*1 when --fail-on trips/s);
    expect(result.stdout).toMatch(/3 when the report is complete .*Precedence: 2, then 1, then 3/s);
  });
});
