/**
 * AWS-side faults against a live scan of the demo estate (two accounts, ECS on EC2 and Fargate,
 * an EKS cluster): throttling storms, 5xx, connection resets, slow and truncated answers, a role
 * that cannot be assumed, a region that is not enabled. Each is compared with the ground truth —
 * the same scan without the fault — and what could not be read must be a gap with its reason.
 */
import { describe, expect, it } from 'vitest';
import type { WorkloadResult } from '../../lib/findings/result.js';
import { DEMO_ACCOUNT, DEMO_REGION, DEMO_SANDBOX_ACCOUNT } from '../emulator/index.js';
import {
  cliVerdictOn,
  DEMO_SCOPE,
  DEMO_SCOPE_ARGS,
  gapKey,
  rowsWhere,
  runCli,
  scanOnce,
  useFaultEstate,
  verdictsById,
} from './support/estate.js';

const estate = useFaultEstate();
const { scanUnder } = estate;

const inCluster = (cluster: string) => (r: WorkloadResult) => r.cluster === cluster;
const not =
  <T>(keep: (value: T) => boolean) =>
  (value: T) =>
    !keep(value);

describe('the ground truth', () => {
  it('is a complete scan of both accounts with no gap', () => {
    expect(estate.truth.gaps).toEqual([]);
    const accounts = new Set(estate.truth.results.map((r) => r.account));
    expect([...accounts].sort()).toEqual([DEMO_ACCOUNT, DEMO_SANDBOX_ACCOUNT]);
    expect(estate.truth.results.filter((r) => r.cluster === 'prod-ec2').length).toBeGreaterThan(3);
    expect(estate.truth.results.filter((r) => r.cluster === 'platform').length).toBeGreaterThan(3);
  });
});

describe('throttling storms', () => {
  // The SDK backs off 0.5 s·2^n on throttling: a few answers per service keep this quick.
  it.each([
    ['ecs', 'ThrottlingException', 4],
    ['eks', 'TooManyRequestsException', 4],
    ['ec2', 'RequestLimitExceeded', 2],
    ['sts', 'Throttling', 2],
  ] as const)(
    'rides out a storm of %s throttling (%s) and reports every workload',
    async (service, _name, times) => {
      const outcome = await scanUnder([{ match: { service }, fault: { kind: 'throttle' }, times }]);
      expect(outcome.fired).toEqual([times]);
      expect(estate.emulator.count({ service })).toBeGreaterThan(times);
      expect(outcome.gaps).toEqual([]);
      expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
      expect(outcome.inventory.stats.throttles).toBeGreaterThanOrEqual(times);
    },
  );

  it('rides out a storm on every API for over a second and says the coverage is complete', async () => {
    estate.emulator.faults.clear();
    const storm = estate.emulator.faults.add({ fault: { kind: 'throttle' } });
    const calm = setTimeout(() => storm.remove(), 1_500);
    try {
      const outcome = await scanOnce();
      expect(storm.fired()).toBeGreaterThanOrEqual(2);
      expect(outcome.gaps).toEqual([]);
      expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
      const cli = await cliVerdictOn(outcome.inventory);
      expect(cli.exitCode).toBe(0);
      expect(cli.stderr).not.toContain('partial coverage');
    } finally {
      clearTimeout(calm);
      storm.remove();
    }
  });

  it('names a call that stayed throttled past every retry as a gap, reports the rest, and a rerun converges', async () => {
    const outcome = await scanUnder(
      [
        {
          match: { service: 'ecs', action: 'ListServices', cluster: 'analytics-ec2' },
          fault: { kind: 'throttle' },
        },
      ],
      { maxAttempts: 2 },
    );
    expect(outcome.gaps.map(gapKey)).toEqual([
      `ecs-cluster ${DEMO_ACCOUNT} ${DEMO_REGION} analytics-ec2 ThrottlingException`,
    ]);
    expect(outcome.gaps[0]!.message).toMatch(/^services: /);
    const servicesOfAnalytics = (r: WorkloadResult) =>
      r.cluster === 'analytics-ec2' && r.kind === 'ecs-service';
    expect(verdictsById(outcome.results)).toEqual(rowsWhere(estate.truth.results, not(servicesOfAnalytics)));

    const cli = await cliVerdictOn(outcome.inventory);
    // A complete report of a partial estate: exit 3, not 0.
    expect(cli.exitCode).toBe(3);
    expect(cli.stderr).toContain('warning: partial coverage: 1 gap(s)');
    expect(cli.report!.summary.gaps).toBe(1);
    expect(cli.report!.gaps[0]).toMatchObject({ scope: 'ecs-cluster', errorName: 'ThrottlingException' });

    const rerun = await scanOnce();
    expect(rerun.gaps).toEqual([]);
    expect(verdictsById(rerun.results)).toEqual(verdictsById(estate.truth.results));
  });
});

describe('server errors, resets, slow and cut answers', () => {
  it('retries 500 and 503 answers of ECS, EKS and EC2 and loses nothing', async () => {
    const outcome = await scanUnder([
      {
        match: { service: 'ecs', action: 'DescribeServices' },
        fault: { kind: 'server-error', status: 503 },
        times: 2,
      },
      { match: { service: 'eks' }, fault: { kind: 'server-error', status: 500 }, times: 2 },
      { match: { service: 'ec2' }, fault: { kind: 'server-error', status: 503 }, times: 1 },
    ]);
    expect(outcome.fired).toEqual([2, 2, 1]);
    expect(outcome.gaps).toEqual([]);
    expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
  });

  it('turns a cluster that keeps answering 503 into a gap and reports every other workload', async () => {
    const outcome = await scanUnder(
      [
        {
          match: { service: 'ecs', action: 'DescribeServices', cluster: 'prod-ec2' },
          fault: { kind: 'server-error', status: 503 },
        },
      ],
      { maxAttempts: 2 },
    );
    expect(outcome.gaps).toHaveLength(1);
    expect(outcome.gaps[0]).toMatchObject({
      scope: 'ecs-cluster',
      account: DEMO_ACCOUNT,
      region: DEMO_REGION,
      cluster: 'prod-ec2',
    });
    expect(outcome.gaps[0]!.errorName).toMatch(/Server|Unavailable|Internal/);
    const servicesOfProd = (r: WorkloadResult) => inCluster('prod-ec2')(r) && r.kind === 'ecs-service';
    expect(verdictsById(outcome.results)).toEqual(rowsWhere(estate.truth.results, not(servicesOfProd)));
    expect(rowsWhere(estate.truth.results, servicesOfProd).length).toBeGreaterThan(3);
  });

  it('retries connections the server drops and answers it cuts in half, on every service', async () => {
    const outcome = await scanUnder([
      { match: { service: 'ecs' }, fault: { kind: 'reset' }, times: 3 },
      { match: { service: 'eks' }, fault: { kind: 'truncate' }, times: 2 },
      { match: { service: 'ec2' }, fault: { kind: 'truncate' }, times: 1 },
      { match: { service: 'sts', action: 'AssumeRole' }, fault: { kind: 'reset' }, times: 1 },
      { match: { service: 'ecs', action: 'DescribeTaskDefinition' }, fault: { kind: 'truncate' }, times: 2 },
    ]);
    expect(outcome.fired).toEqual([3, 2, 1, 1, 2]);
    expect(outcome.gaps).toEqual([]);
    expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
  });

  it('abandons an answer slower than the client timeout and retries it', async () => {
    const started = Date.now();
    const outcome = await scanUnder(
      [
        {
          match: { service: 'ecs', action: 'DescribeServices' },
          fault: { kind: 'delay', ms: 5_000 },
          times: 2,
        },
        {
          match: { service: 'eks', action: 'DescribeCluster' },
          fault: { kind: 'delay', ms: 5_000 },
          times: 1,
        },
      ],
      { requestTimeoutMs: 400 },
    );
    expect(outcome.fired).toEqual([2, 1]);
    expect(outcome.gaps).toEqual([]);
    expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
    // Three answers of 5 s each were not waited for.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('names a call that stays slower than the timeout as a TimeoutError gap', async () => {
    const outcome = await scanUnder(
      [
        {
          match: { service: 'ecs', action: 'ListTasks', cluster: 'staging-fargate' },
          fault: { kind: 'delay', ms: 3_000 },
        },
      ],
      { requestTimeoutMs: 300, maxAttempts: 2 },
    );
    expect(outcome.gaps.map(gapKey)).toEqual([
      `ecs-cluster ${DEMO_ACCOUNT} ${DEMO_REGION} staging-fargate TimeoutError`,
    ]);
    expect(outcome.gaps[0]!.message).toMatch(/^tasks: /);
    // Services are listed apart from tasks: only the standalone tasks, found by listing tasks, are missing.
    const standaloneOfStaging = (r: WorkloadResult) =>
      inCluster('staging-fargate')(r) && r.id.includes('/standalone/');
    expect(rowsWhere(estate.truth.results, standaloneOfStaging)).toHaveLength(1);
    expect(verdictsById(outcome.results)).toEqual(rowsWhere(estate.truth.results, not(standaloneOfStaging)));
  });
});

describe('accounts and regions that cannot be reached', () => {
  it('reports the caller’s account when AssumeRole into the other is denied, lists the account as a gap, and converges on a rerun', async () => {
    const outcome = await scanUnder([
      {
        match: { service: 'sts', action: 'AssumeRole', account: DEMO_SANDBOX_ACCOUNT },
        fault: { kind: 'access-denied' },
      },
    ]);
    expect(outcome.gaps.map(gapKey)).toEqual([`account ${DEMO_SANDBOX_ACCOUNT} - - AccessDenied`]);
    expect(outcome.gaps[0]!.message).toContain(
      `arn:aws:iam::${DEMO_SANDBOX_ACCOUNT}:role/FargateFitReadOnly`,
    );
    expect(verdictsById(outcome.results)).toEqual(
      rowsWhere(estate.truth.results, (r) => r.account === DEMO_ACCOUNT),
    );

    const cli = await cliVerdictOn(outcome.inventory);
    expect(cli.exitCode).toBe(3);
    expect(cli.stderr).toMatch(/warning: 444455556666: AssumeRole .*\(AccessDenied\)/);
    expect(cli.stderr).toContain('warning: partial coverage: 1 gap(s); the report lists them');

    const rerun = await scanOnce();
    expect(verdictsById(rerun.results)).toEqual(verdictsById(estate.truth.results));
    expect(rerun.gaps).toEqual([]);
  });

  it('lists a region that is not enabled as one gap per account and reports the enabled one in full', async () => {
    const outcome = await scanUnder(
      [{ match: { region: 'eu-west-1' }, fault: { kind: 'region-not-enabled' } }],
      {
        scope: { ...DEMO_SCOPE, regions: [DEMO_REGION, 'eu-west-1'] },
      },
    );
    expect(outcome.gaps.map(gapKey).sort()).toEqual([
      `region ${DEMO_ACCOUNT} eu-west-1 - UnrecognizedClientException`,
      `region ${DEMO_SANDBOX_ACCOUNT} eu-west-1 - UnrecognizedClientException`,
    ]);
    expect(verdictsById(outcome.results)).toEqual(verdictsById(estate.truth.results));
  });

  it('fails the CLI with exit 2 when no account and region could be read at all', async () => {
    estate.emulator.faults.clear();
    const handle = estate.emulator.faults.add({
      match: { service: ['ecs', 'eks'] },
      fault: { kind: 'region-not-enabled' },
    });
    try {
      const cli = await runCli(['scan', ...DEMO_SCOPE_ARGS, '--format', 'json', '--no-store']);
      expect(cli.exitCode).toBe(2);
      expect(cli.stderr).toContain('error: nothing could be scanned');
      expect(cli.report!.workloads).toEqual([]);
      expect(cli.report!.gaps.map((g) => g.scope)).toEqual(['region', 'region']);
    } finally {
      handle.remove();
    }
  });
});
