import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { median } from '../../bench/evaluate.js';
import { INVENTORY_VERSION, saveInventory } from '../../lib/inventory/snapshot.js';

const exec = promisify(execFile);

describe('the evaluate figure', () => {
  it('is the middle run, or the mean of the two middle ones, and nothing without runs', () => {
    expect(median([2.4, 1.7, 1.9])).toBe(1.9);
    expect(median([2.4, 1.7, 1.9, 2.0])).toBe(1.95);
    expect(median([1.234])).toBe(1.234);
    expect(median([])).toBeNull();
  });

  it('refuses a child run without a sample, a count or a known build, and says how to call it', async () => {
    const run = exec(process.execPath, [
      '--import',
      'tsx',
      'bench/evaluate-process.ts',
      'sample.json',
      '0',
      'nightly',
    ]);
    await expect(run).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: evaluate-process.ts INVENTORY_JSON COUNT shipped|source'),
    });
  });

  it('refuses an inventory with no workload rather than report 0 s for judging nothing', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'fargate-fit-evaluate-test-'));
    try {
      const file = join(folder, 'empty.json');
      await saveInventory(file, {
        version: INVENTORY_VERSION,
        collectedAt: '2026-11-28T00:00:00.000Z',
        caller: null,
        accounts: [],
        regions: [],
        partitions: [],
        gaps: [],
        stats: { calls: {}, totalCalls: 0, throttles: 0, limiterWaitMs: 0 },
      });
      const run = exec(process.execPath, [
        '--import',
        'tsx',
        'bench/evaluate-process.ts',
        file,
        '1000',
        'source',
      ]);
      await expect(run).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('the inventory holds no workload to judge'),
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
