import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../../lib/findings/result.js';

const exec = promisify(execFile);

describe('fargate-fit entry point', () => {
  it('runs as a separate process and sets the exit code', async () => {
    const { stdout } = await exec(
      process.execPath,
      ['--import', 'tsx', 'scripts/run-cli.ts', 'check', 'test/fixtures/cli/clean', '--format', 'json'],
      { env: { ...process.env, NO_COLOR: '1' } },
    );
    expect((JSON.parse(stdout) as ReportDocument).summary.workloads).toBe(2);

    const failed = await exec(process.execPath, [
      '--import',
      'tsx',
      'scripts/run-cli.ts',
      'check',
      'test/fixtures/cli/mixed',
      '--fail-on',
      'ineligible',
    ]).catch((error: { code: number; stdout: string }) => error);
    expect('code' in failed ? failed.code : 0).toBe(1);
  });
});
