import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const exec = promisify(execFile);

interface Output {
  readonly projectedTypes: string[];
  readonly profileFinding: string | null;
}

/** Locale-sensitive output, computed in a process whose host locale is `lang`. */
async function outputUnder(lang: string): Promise<Output> {
  const { stdout } = await exec(
    process.execPath,
    ['--import', 'tsx', 'test/support/locale-sensitive-output.ts'],
    { env: { ...process.env, LANG: lang, LC_ALL: lang } },
  );
  return JSON.parse(stdout) as Output;
}

describe('output and the host locale', () => {
  const locales = ['az_AZ.UTF-8', 'th_TH.UTF-8', 'cs_CZ.UTF-8', 'da_DK.UTF-8'];
  const outputs = Promise.all([outputUnder('C'), ...locales.map(outputUnder)]);

  it('names the same EC2 instance type for a Fargate workload whatever the host locale', async () => {
    // Types of one family often tie on price; in Azerbaijani collation m5a.xlarge sorts before
    // m5a.large, so a locale-aware tie-break would name another type on such a host.
    const [plain, ...others] = await outputs;
    expect(plain!.projectedTypes).toHaveLength(12);
    expect(plain!.projectedTypes).toContain('m5a.large');
    for (const other of others) expect(other.projectedTypes).toEqual(plain!.projectedTypes);
  });

  it('words an EKS finding the same whatever the host locale, labels in English order', async () => {
    // A finding's text is stored and compared between scans: a Lambda and a laptop must agree.
    const [plain, ...others] = await outputs;
    expect(plain!.profileFinding).toContain(
      'Selector to add: namespace "shop", labels {aardvark: d, chart: c, hostname: b, zone: a}.',
    );
    for (const other of others) expect(other.profileFinding).toBe(plain!.profileFinding);
  });
});
