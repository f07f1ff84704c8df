import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);

/** The instance types the projection names, priced in a process whose host locale is `lang`. */
async function projectedTypes(lang: string): Promise<string[]> {
  const { stdout } = await exec(
    process.execPath,
    ['--import', 'tsx', 'test/support/projected-instance-types.ts'],
    { env: { ...process.env, LANG: lang, LC_ALL: lang } },
  );
  return JSON.parse(stdout) as string[];
}

describe('pricing and the host locale', () => {
  it('names the same EC2 instance type for a Fargate workload whatever the host locale', async () => {
    // Types of one family often tie on price; in Azerbaijani collation m5a.xlarge sorts before
    // m5a.large, so a locale-aware tie-break would name another type on such a host.
    const [plain, azerbaijani, thai] = await Promise.all([
      projectedTypes('C'),
      projectedTypes('az_AZ.UTF-8'),
      projectedTypes('th_TH.UTF-8'),
    ]);
    expect(plain).toHaveLength(12);
    expect(plain).toContain('m5a.large');
    expect(azerbaijani).toEqual(plain);
    expect(thai).toEqual(plain);
  });
});
