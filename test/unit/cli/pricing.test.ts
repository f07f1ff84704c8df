import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../lib/cli/main.js';
import { runPricesRefresh } from '../../../lib/cli/prices.js';
import type { ReportDocument } from '../../../lib/findings/result.js';
import { EMBEDDED_PRICE_BOOK_DATA } from '../../../lib/pricing/default-price-book.js';

const HOST_PORT = 'test/fixtures/cli/mixed/host-port.yaml';

function capture() {
  const out = { stdout: '', stderr: '' };
  const io = {
    stdout: { write: (t: string) => (out.stdout += t) },
    stderr: { write: (t: string) => (out.stderr += t) },
    isTTY: false,
    now: () => new Date('2026-11-27T12:00:00Z'),
  };
  return { out, io };
}

async function check(args: string[]) {
  const { out, io } = capture();
  const code = await main(['check', ...args], io);
  return { code, ...out };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ff-pricing-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('check prices each workload on Fargate', () => {
  it('prices the manifest replicas at us-east-1 by default, with a breakdown a person can recompute', async () => {
    const run = await check([HOST_PORT, '--format', 'json']);
    expect(run.code).toBe(0);
    const cost = (JSON.parse(run.stdout) as ReportDocument).workloads[0]?.cost;
    // 2 pods x (0.25 vCPU x $0.04048 + 1 GB x $0.004445) x 730 h = $21.2633 → $21.26
    expect(cost?.fargateMonthlyUsd).toBe(21.26);
    expect(cost?.currentMonthlyUsd).toBeNull();
    expect(cost?.monthlySavingsUsd).toBeNull();
    expect(cost?.breakdown.join('\n')).toContain(
      '2 pods x (0.25 vCPU x $0.04048 + 1 GB x $0.004445) x 730 h = $21.26',
    );
  });

  it('uses --region rates', async () => {
    const run = await check([HOST_PORT, '--format', 'json', '--region', 'eu-central-1']);
    const cost = (JSON.parse(run.stdout) as ReportDocument).workloads[0]?.cost;
    // 2 x (0.25 x 0.04656 + 1 x 0.00511) x 730 = 24.455 → 24.46 (half-up, rounded once at the end)
    expect(cost?.fargateMonthlyUsd).toBe(24.46);
  });

  it('uses a price book from --price-book', async () => {
    const book = structuredClone(EMBEDDED_PRICE_BOOK_DATA) as unknown as {
      fargate: Record<string, { linux: { x86_64: { vcpuHour: { usd: string } } } }>;
    };
    const rates = book.fargate['us-east-1']!.linux.x86_64;
    rates.vcpuHour.usd = '0.08096';
    const file = join(dir, 'book.json');
    await writeFile(file, JSON.stringify(book));
    const run = await check([HOST_PORT, '--format', 'json', '--price-book', file]);
    expect(run.stderr).toBe('');
    // 2 x (0.25 x 0.08096 + 1 x 0.004445) x 730 = 36.0408 → 36.04
    expect((JSON.parse(run.stdout) as ReportDocument).workloads[0]?.cost?.fargateMonthlyUsd).toBe(36.04);
  });

  it('rejects a bad knob naming the flag, before reading any input', async () => {
    const run = await check([HOST_PORT, '--target-utilization', '1.5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--target-utilization');
    expect(run.stdout).toBe('');
  });

  it('rejects a bad config file naming the file and field', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'pricing:\n  hoursPerMonth: lots\n');
    const run = await check([HOST_PORT, '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
    expect(run.stderr).toContain('hoursPerMonth');
  });

  it('rejects an unreadable price book naming the file', async () => {
    const file = join(dir, 'broken-book.json');
    await writeFile(file, '{"fargate": 1}');
    const run = await check([HOST_PORT, '--price-book', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(file);
  });

  it('marks findings suppressed by the config file and keeps them', async () => {
    const file = join(dir, 'suppress.yaml');
    await writeFile(
      file,
      [
        'suppressions:',
        `  - workloadId: "${HOST_PORT}#0"`,
        '    ruleId: eks-host-port',
        '    owner: edge-team',
        '    reason: migrating next sprint',
        '    expires: 2026-12-31',
      ].join('\n'),
    );
    const run = await check([HOST_PORT, '--format', 'json', '--config', file]);
    const finding = (JSON.parse(run.stdout) as ReportDocument).workloads[0]?.findings.find(
      (f) => f.ruleId === 'eks-host-port',
    );
    expect(finding?.suppressed).toEqual({
      owner: 'edge-team',
      reason: 'migrating next sprint',
      expires: '2026-12-31',
    });
  });
});

describe('prices refresh', () => {
  it('fails with exit 2 and the reason when the Price List API refuses', async () => {
    const pricing = mockClient(PricingClient);
    pricing
      .on(GetProductsCommand)
      .rejects(Object.assign(new Error('User is not authorized'), { name: 'AccessDeniedException' }));
    const { out, io } = capture();
    const code = await runPricesRefresh(
      {
        regions: 'us-east-1',
        instanceTypes: 'm5.large',
        pricingRegion: 'us-east-1',
        output: join(dir, 'out.json'),
      },
      io,
      new PricingClient({ region: 'us-east-1' }),
    );
    expect(code).toBe(2);
    expect(out.stderr).toContain('not authorized');
    await expect(readFile(join(dir, 'out.json'), 'utf8')).rejects.toThrow();
    pricing.restore();
  });

  it('rejects an unknown region', async () => {
    const { out, io } = capture();
    const code = await runPricesRefresh(
      { regions: 'mars-north-1', pricingRegion: 'us-east-1' },
      io,
      new PricingClient({ region: 'us-east-1' }),
    );
    expect(code).toBe(2);
    expect(out.stderr).toContain('mars-north-1');
  });
});
