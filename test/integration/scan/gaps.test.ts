/**
 * Partial failure is data: what a scan reports when an account, a region or a cluster refuses it;
 * that it exits 3 (report complete, coverage partial) unless --allow-partial, 1 when --fail-on
 * trips all the same, and 2 only when nothing at all could be scanned. Faults are injected in the
 * emulator; the scan itself runs through the CLI with the real clients.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkloadResult } from '../../../lib/findings/result.js';
import {
  buildDemoScenario,
  DEMO_ACCOUNT,
  DEMO_REGION,
  DEMO_ROLE,
  DEMO_SANDBOX_ACCOUNT,
  type RunningEmulator,
  startEmulator,
} from '../../emulator/index.js';
import { demoScanArgs, leakedCanaries, reportOf, runCli } from './support.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator(buildDemoScenario());
});

afterEach(() => {
  emulator.faults.clear();
  emulator.resetStats();
});

afterAll(async () => {
  await emulator?.close();
});

/** The demo estate has 12 ECS workloads in the production account and 1 in the sandbox. */
const ecsIn = (workloads: readonly WorkloadResult[], account: string) =>
  workloads.filter((w) => w.id.startsWith(`arn:aws:ecs:${DEMO_REGION}:${account}:`));

describe('scan with an account that refuses the role', () => {
  it('reports the account as a gap and everything of the other account, exiting 3 with a warning', async () => {
    emulator.faults.add({
      match: { service: 'sts', action: 'AssumeRole', account: DEMO_SANDBOX_ACCOUNT },
      fault: { kind: 'access-denied' },
    });
    const run = await runCli(demoScanArgs(), emulator.env);
    expect(run.exitCode, run.stderr).toBe(3);
    const report = reportOf(run);
    expect(report.gaps).toEqual([
      expect.objectContaining({ scope: 'account', account: DEMO_SANDBOX_ACCOUNT, errorName: 'AccessDenied' }),
    ]);
    expect(report.gaps[0]?.message).toContain(`arn:aws:iam::${DEMO_SANDBOX_ACCOUNT}:role/${DEMO_ROLE.name}`);
    expect(report.summary.gaps).toBe(1);
    expect(report.workloads.every((w) => w.account === DEMO_ACCOUNT)).toBe(true);
    expect(ecsIn(report.workloads, DEMO_ACCOUNT)).toHaveLength(12);
    expect(report.workloads.filter((w) => w.id.startsWith('eks:platform/'))).toHaveLength(12);
    expect(run.stderr).toMatch(new RegExp(`warning: ${DEMO_SANDBOX_ACCOUNT}: AssumeRole .*AccessDenied`));
    expect(run.stderr).toContain('partial coverage: 1 gap(s); the report lists them (exit status 3');
  });

  it('exits 0 with --allow-partial, with the same report and warnings', async () => {
    emulator.faults.add({
      match: { service: 'sts', action: 'AssumeRole', account: DEMO_SANDBOX_ACCOUNT },
      fault: { kind: 'access-denied' },
    });
    const run = await runCli([...demoScanArgs(), '--allow-partial'], emulator.env);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = reportOf(run);
    expect(report.gaps).toEqual([expect.objectContaining({ scope: 'account', errorName: 'AccessDenied' })]);
    expect(ecsIn(report.workloads, DEMO_ACCOUNT)).toHaveLength(12);
    expect(run.stderr).toContain(
      'partial coverage: 1 gap(s); the report lists them (accepted: --allow-partial)',
    );
  });

  it('exits 1 when --fail-on trips, partial coverage or not', async () => {
    emulator.faults.add({
      match: { service: 'sts', action: 'AssumeRole', account: DEMO_SANDBOX_ACCOUNT },
      fault: { kind: 'access-denied' },
    });
    const run = await runCli([...demoScanArgs(), '--fail-on', 'ineligible'], emulator.env);
    expect(run.exitCode, run.stderr).toBe(1);
    expect(run.stderr).toContain('partial coverage: 1 gap(s)');
    expect(run.stderr).toMatch(/fail-on ineligible: \d+ workload\(s\) tripped the gate/);
  });
});

describe('scan of a region the accounts have not enabled', () => {
  it('reports the region as a gap for each account and keeps every workload of the enabled region', async () => {
    const args = demoScanArgs().map((arg) => (arg === DEMO_REGION ? `${DEMO_REGION},ap-east-1` : arg));
    const run = await runCli(args, emulator.env);
    expect(run.exitCode, run.stderr).toBe(3);
    const report = reportOf(run);
    expect(report.gaps.map((g) => [g.scope, g.account, g.region])).toEqual([
      ['region', DEMO_ACCOUNT, 'ap-east-1'],
      ['region', DEMO_SANDBOX_ACCOUNT, 'ap-east-1'],
    ]);
    expect(report.workloads).toHaveLength(25);
    expect(report.workloads.every((w) => w.region === DEMO_REGION)).toBe(true);
    expect(run.stderr).toContain(`warning: ${DEMO_ACCOUNT}/ap-east-1: region not enabled`);
  });
});

describe('scan of an EKS cluster whose Kubernetes API refuses the caller', () => {
  it.each([
    ['unauthorized', 'KubernetesUnauthorized'],
    ['forbidden', 'KubernetesForbidden'],
  ] as const)(
    '%s: a gap naming the cluster; the ECS workloads are all still there',
    async (kind, errorName) => {
      emulator.faults.add({ match: { service: 'kubernetes', cluster: 'platform' }, fault: { kind } });
      const run = await runCli(demoScanArgs(), emulator.env);
      expect(run.exitCode, run.stderr).toBe(3);
      const report = reportOf(run);
      expect(report.gaps).toEqual([
        expect.objectContaining({
          scope: 'cluster',
          account: DEMO_ACCOUNT,
          region: DEMO_REGION,
          cluster: 'platform',
          errorName,
        }),
      ]);
      // Workloads the scan could not read are missing, never reported as eligible.
      expect(report.workloads.filter((w) => w.id.startsWith('eks:'))).toEqual([]);
      expect(ecsIn(report.workloads, DEMO_ACCOUNT)).toHaveLength(12);
      expect(ecsIn(report.workloads, DEMO_SANDBOX_ACCOUNT)).toHaveLength(1);
      expect(run.stderr).toContain(`warning: ${DEMO_ACCOUNT}/${DEMO_REGION}/platform:`);
      expect(run.stderr).toContain(errorName);
      expect(leakedCanaries(run.stdout + run.stderr)).toEqual([]);
    },
  );
});

describe('scan that reaches nothing', () => {
  it('exits 2 when the only account asked for refuses the role', async () => {
    emulator.faults.add({
      match: { service: 'sts', action: 'AssumeRole' },
      fault: { kind: 'access-denied' },
    });
    const args = demoScanArgs().map((arg) => (arg.includes(',') ? DEMO_SANDBOX_ACCOUNT : arg));
    // --allow-partial accepts a partial estate, not an empty one.
    const run = await runCli([...args, '--allow-partial'], emulator.env);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('nothing could be scanned');
    expect(run.stderr).toContain(`warning: ${DEMO_SANDBOX_ACCOUNT}: AssumeRole`);
    expect(emulator.count({ service: 'ecs', account: DEMO_SANDBOX_ACCOUNT })).toBe(0);
  });

  it('exits 2, printing no report, when no AWS endpoint answers at all', async () => {
    // A port the emulator just gave up: nothing listens there any more.
    const gone = await startEmulator(buildDemoScenario());
    const env = gone.env;
    await gone.close();
    const run = await runCli(demoScanArgs(), env);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: cannot identify the caller's AWS credentials: .*ECONNREFUSED/m);
  });
});
