/**
 * `fargate-fit demo`: what a newcomer runs after `npm ci`. It starts the emulator itself, so these
 * runs get no AWS environment at all; the detailed checks of the estate are in demo-estate.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../../lib/cli/main.js';
import { DEMO_ACCOUNT, DEMO_SANDBOX_ACCOUNT } from '../../emulator/index.js';
import { reportValidator } from '../../unit/sinks/report-schema.js';
import { leakedCanaries, reportOf, runCli } from './support.js';

describe('fargate-fit demo', () => {
  it('--format json: exits 0 and reports the whole demo estate of both accounts', async () => {
    const before = { ...process.env };
    const run = await runCli(['demo', '--format', 'json']);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^demo: emulated AWS estate on http:\/\/127\.0\.0\.1:\d+ /m);
    const report = reportOf(run);
    expect(reportValidator()(report)).toBe(true);
    expect(report.summary).toMatchObject({
      workloads: 25,
      gaps: 0,
      byVerdict: { eligible: 9, 'eligible-with-changes': 6, ineligible: 10, unknown: 0 },
    });
    expect(new Set(report.workloads.map((w) => w.account))).toEqual(
      new Set([DEMO_ACCOUNT, DEMO_SANDBOX_ACCOUNT]),
    );
    expect(new Set(report.workloads.map((w) => w.launchType))).toEqual(
      new Set(['EC2', 'FARGATE', 'FARGATE_SPOT']),
    );
    expect(report.clusters?.map((c) => c.name).sort()).toEqual([
      'analytics-ec2',
      'platform',
      'prod-ec2',
      'sandbox',
      'staging-fargate',
    ]);
    expect(leakedCanaries(run.stdout + run.stderr)).toEqual([]);
    // The demo points the SDK at its emulator only for the run.
    expect(process.env).toEqual(before);
  });

  it('--format table: leads with the biggest savings and ends with the summary line', async () => {
    const json = reportOf(await runCli(['demo', '--format', 'json']));
    const run = await runCli(['demo', '--format', 'table']);
    expect(run.exitCode, run.stderr).toBe(0);
    const rows = run.stdout.split('\n').filter((line) => line.trim() !== '');
    expect(rows[0]).toMatch(/^VERDICT\s+FARGATE SIZE\s+FARGATE\/MO\s+SAVINGS\/MO\s+WORKLOAD/);
    const savings = json.workloads
      .filter((w) => w.cost?.monthlySavingsUsd != null)
      .sort((a, b) => (b.cost?.monthlySavingsUsd ?? 0) - (a.cost?.monthlySavingsUsd ?? 0));
    const biggest = savings[0];
    const smallest = savings.at(-1);
    expect(
      biggest && smallest && (biggest.cost?.monthlySavingsUsd ?? 0) > (smallest.cost?.monthlySavingsUsd ?? 0),
    ).toBe(true);
    // The first workload row is the one with the biggest savings, the last the smallest.
    expect(rows[1]).toContain(biggest?.id);
    const workloadRows = rows.filter((row) => /^(eligible|ineligible|unknown)/.test(row));
    expect(workloadRows).toHaveLength(25);
    expect(workloadRows.at(-1)).toContain(smallest?.id);
    expect(rows.at(-1)).toMatch(
      /^25 workloads: 9 eligible, 6 eligible with changes, 10 ineligible, 0 unknown/,
    );
    expect(leakedCanaries(run.stdout + run.stderr)).toEqual([]);
  });

  it("ignores the user's own AWS credentials and profile but keeps the SDK's settings", async () => {
    const saved = { ...process.env };
    const seen: Record<string, string | undefined>[] = [];
    let stdout = '';
    let stderr = '';
    try {
      Object.assign(process.env, {
        AWS_PROFILE: 'no-such-profile-anywhere',
        AWS_ACCESS_KEY_ID: 'AKIAUSERKEYNOTFORDEMO',
        AWS_SECRET_ACCESS_KEY: 'user-secret-not-for-the-demo',
        AWS_ENDPOINT_URL_ECS: 'http://127.0.0.1:9',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
      const code = await main(['demo', '--format', 'json'], {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: {
          // The demo announces its emulator once the environment points at it: look at it then.
          write: (text: string) => {
            if (text.startsWith('demo:')) seen.push({ ...process.env });
            stderr += text;
          },
        },
        isTTY: false,
      });
      expect(code, stderr).toBe(0);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    expect(seen[0]?.AWS_PROFILE).toBeUndefined();
    expect(seen[0]?.AWS_ENDPOINT_URL_ECS).toBeUndefined();
    expect(seen[0]?.AWS_ACCESS_KEY_ID).not.toBe('AKIAUSERKEYNOTFORDEMO');
    expect(JSON.parse(stdout).summary.workloads).toBe(25);
    expect(stdout + stderr).not.toContain('user-secret-not-for-the-demo');
  });
});
