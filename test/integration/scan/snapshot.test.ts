/**
 * `scan --save-snapshot FILE` against the emulator, then `scan --from-snapshot FILE` with no
 * emulator and no AWS endpoint at all: the offline replay must judge the same estate the same way,
 * the saved file must hold no planted secret, and a damaged file must fail loudly (exit 2).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../lib/findings/result.js';
import type { Inventory } from '../../../lib/inventory/snapshot.js';
import { buildDemoScenario, startEmulator } from '../../emulator/index.js';
import { type CliRun, demoScanArgs, leakedCanaries, reportOf, runCli } from './support.js';

let dir: string;
let snapshotFile: string;
let live: CliRun;
let liveReport: ReportDocument;

const verdicts = (report: ReportDocument) =>
  report.workloads
    .map((w) => ({
      id: w.id,
      kind: w.kind,
      launchType: w.launchType,
      replicas: w.replicas,
      verdict: w.verdict,
      fargateSize: w.fargateSize,
      rules: w.findings.map((f) => f.ruleId).sort(),
      savings: w.cost?.monthlySavingsUsd ?? null,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fargate-fit-snapshot-'));
  snapshotFile = join(dir, 'estate.json');
  const emulator = await startEmulator(buildDemoScenario());
  try {
    live = await runCli(demoScanArgs('--save-snapshot', snapshotFile), emulator.env);
  } finally {
    await emulator.close();
  }
  liveReport = reportOf(live);
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('scan --save-snapshot, then --from-snapshot offline', () => {
  it('saves the inventory while scanning', async () => {
    expect(live.exitCode, live.stderr).toBe(0);
    expect(liveReport.workloads).toHaveLength(25);
    expect(JSON.parse(await readFile(snapshotFile, 'utf8'))).toMatchObject({
      accounts: ['111122223333', '444455556666'],
      regions: ['us-east-1'],
    });
  });

  it('keeps Kubernetes objects as the API server wrote them: field names and timestamps untouched', async () => {
    const saved = JSON.parse(await readFile(snapshotFile, 'utf8')) as Inventory;
    const platform = saved.partitions
      .flatMap((p) => p.eks?.clusters ?? [])
      .find((c) => c.name === 'platform')?.kubernetes;
    const policy = platform?.networkPolicies.find((p) => p.metadata.name === 'checkout-api-ingress') as
      | { spec?: { ingress?: unknown[] } }
      | undefined;
    // A typed client model would have renamed `from` (a reserved word) to `_from`.
    expect(policy?.spec?.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
    const stamps = Object.values(platform ?? {})
      .flat()
      .map((o) => (o.metadata as { creationTimestamp?: string }).creationTimestamp);
    expect(stamps.length).toBeGreaterThan(20);
    // metav1.Time is RFC 3339 to the second; a round trip through Date would add ".000".
    for (const stamp of stamps) expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('writes no planted secret into the snapshot file', async () => {
    expect(leakedCanaries(await readFile(snapshotFile, 'utf8'))).toEqual([]);
  });

  it('replays to the same workloads, verdicts, findings and savings with no AWS endpoint reachable', async () => {
    // Port 9 (discard) on loopback: any AWS call the replay made would fail the run.
    const replay = await runCli(['scan', '--from-snapshot', snapshotFile, '--format', 'json', '--no-store'], {
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_REGION: 'us-east-1',
    });
    expect(replay.exitCode, replay.stderr).toBe(0);
    const replayed = reportOf(replay);
    expect(verdicts(replayed)).toEqual(verdicts(liveReport));
    expect(replayed.clusters).toEqual(liveReport.clusters);
    expect(replayed.gaps).toEqual([]);
    expect(leakedCanaries(replay.stdout + replay.stderr)).toEqual([]);
  });

  it('exits 2 naming the file when the snapshot is corrupted', async () => {
    const broken = join(dir, 'broken.json');
    const text = await readFile(snapshotFile, 'utf8');
    await writeFile(broken, text.slice(0, Math.floor(text.length / 2)));
    const run = await runCli(['scan', '--from-snapshot', broken, '--format', 'json', '--no-store']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: .*broken\.json/m);
  });

  it('exits 2 naming the file when the snapshot is valid JSON of the wrong shape', async () => {
    const wrong = join(dir, 'wrong-shape.json');
    const data = JSON.parse(await readFile(snapshotFile, 'utf8')) as { partitions: unknown };
    data.partitions = 'not a list';
    await writeFile(wrong, JSON.stringify(data));
    const run = await runCli(['scan', '--from-snapshot', wrong, '--format', 'json', '--no-store']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: .*wrong-shape\.json/m);
  });
});
