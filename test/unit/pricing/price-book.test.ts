import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_BOOK, EMBEDDED_PRICE_BOOK_DATA } from '../../../lib/pricing/default-price-book.js';
import {
  ec2HourlyPrice,
  fargateRates,
  loadPriceBook,
  PriceBookError,
  parsePriceBook,
} from '../../../lib/pricing/price-book.js';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function errorOf(action: () => unknown): PriceBookError {
  try {
    action();
  } catch (error) {
    if (error instanceof PriceBookError) return error;
    throw error;
  }
  throw new Error('expected a PriceBookError');
}

describe('embedded price book', () => {
  it('is a frozen value, so nothing derived from it can go stale', () => {
    expect(Object.isFrozen(DEFAULT_PRICE_BOOK)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PRICE_BOOK.ec2['m5.large']?.hourlyUsd['us-east-1'])).toBe(true);
    expect(Object.isFrozen(parsePriceBook(clone(EMBEDDED_PRICE_BOOK_DATA)).fargate)).toBe(true);
    // The data it was parsed from is left as it was.
    expect(Object.isFrozen(EMBEDDED_PRICE_BOOK_DATA.ec2)).toBe(false);
  });

  it('is dated by its newest source', () => {
    const dates = [
      ...Object.values(DEFAULT_PRICE_BOOK.fargate).flatMap((r) => [
        r.linux?.x86_64?.vcpuHour?.sourceDate,
        r.linux?.arm64?.vcpuHour?.sourceDate,
        r.ephemeralStorageGbHour?.sourceDate,
        r.publicIpv4Hour?.sourceDate,
      ]),
      ...Object.values(DEFAULT_PRICE_BOOK.ec2).flatMap((t) =>
        Object.values(t.hourlyUsd).map((f) => f.sourceDate),
      ),
    ].filter((d) => d !== undefined);
    expect(DEFAULT_PRICE_BOOK.date).toBe(dates.sort().at(-1));
  });

  it('carries the cost-model.md figures with their dates', () => {
    const usEast1 = fargateRates(DEFAULT_PRICE_BOOK, 'us-east-1', 'linux', 'x86_64');
    expect([usEast1.vcpuHour?.usd, usEast1.gbHour?.usd]).toEqual(['0.04048', '0.004445']);
    const apSouth1Arm = fargateRates(DEFAULT_PRICE_BOOK, 'ap-south-1', 'linux', 'arm64');
    expect([apSouth1Arm.vcpuHour?.usd, apSouth1Arm.gbHour?.usd]).toEqual(['0.02383', '0.00261']);
    expect(apSouth1Arm.vcpuHour?.sourceDate).toBe('2026-09-28');
    const windows = fargateRates(DEFAULT_PRICE_BOOK, 'us-east-1', 'windows', 'x86_64');
    expect(windows.osLicenseVcpuHour?.usd).toBe('0.046');
    expect(DEFAULT_PRICE_BOOK.fargate['us-east-1']?.ephemeralStorageGbHour?.usd).toBe('0.000111');
    expect(ec2HourlyPrice(DEFAULT_PRICE_BOOK, 'm5.large', 'us-east-1')).toMatchObject({
      usd: '0.096',
      sourceDate: '2026-07-20',
    });
    expect(ec2HourlyPrice(DEFAULT_PRICE_BOOK, 'm5.large', 'eu-west-1')?.usd).toBe('0.107');
    expect(Object.keys(DEFAULT_PRICE_BOOK.fargate)).toHaveLength(22);
  });

  it('leaves out what cost-model.md marks unverified instead of deriving it', () => {
    expect(fargateRates(DEFAULT_PRICE_BOOK, 'us-east-2', 'linux', 'arm64').missing).toEqual([
      'vCPU-hour',
      'GB-hour',
    ]);
    expect(fargateRates(DEFAULT_PRICE_BOOK, 'ap-northeast-1', 'linux', 'arm64').missing).toEqual(['GB-hour']);
    expect(fargateRates(DEFAULT_PRICE_BOOK, 'eu-west-1', 'windows', 'x86_64').missing).toHaveLength(3);
    expect(DEFAULT_PRICE_BOOK.fargate['eu-west-1']?.ephemeralStorageGbHour).toBeUndefined();
    expect(ec2HourlyPrice(DEFAULT_PRICE_BOOK, 'm6i.large', 'eu-west-1')).toBeNull();
    expect(ec2HourlyPrice(DEFAULT_PRICE_BOOK, 'm5.large', 'us-west-2')).toBeNull();
  });

  it('cannot price Windows on ARM, which Fargate does not offer', () => {
    expect(fargateRates(DEFAULT_PRICE_BOOK, 'us-east-1', 'windows', 'arm64').vcpuHour).toBeNull();
  });
});

describe('parsePriceBook', () => {
  it('names the field of a price written as a number instead of a decimal string', () => {
    const book = clone(EMBEDDED_PRICE_BOOK_DATA) as unknown as {
      fargate: Record<string, { linux: { x86_64: { vcpuHour: { usd: unknown } } } }>;
    };
    book.fargate['us-east-1']!.linux.x86_64.vcpuHour.usd = 0.04048;
    const error = errorOf(() => parsePriceBook(book, 'book.json'));
    expect(error.file).toBe('book.json');
    expect(error.field).toBe('fargate.us-east-1.linux.x86_64.vcpuHour.usd');
    expect(error.message).toMatch(/^book\.json: fargate\.us-east-1\.linux\.x86_64\.vcpuHour\.usd: /);
  });

  it('names a misspelt field', () => {
    const book = clone(EMBEDDED_PRICE_BOOK_DATA) as unknown as {
      ec2: Record<string, Record<string, unknown>>;
    };
    book.ec2['m5.large']!.memoryGib = 8;
    expect(errorOf(() => parsePriceBook(book, 'book.json')).field).toBe('ec2.m5.large.memoryGib');
  });

  it('rejects a figure whose source is not listed', () => {
    const book = clone(EMBEDDED_PRICE_BOOK_DATA) as unknown as {
      ec2: Record<string, { hourlyUsd: Record<string, { source: string }> }>;
    };
    book.ec2['m5.large']!.hourlyUsd['us-east-1']!.source = 'a-blog';
    const error = errorOf(() => parsePriceBook(book, 'book.json'));
    expect(error.field).toBe('ec2.m5.large.hourlyUsd.us-east-1.source');
    expect(error.message).toContain('"a-blog"');
  });

  it('rejects a date that is not YYYY-MM-DD', () => {
    const book = { ...clone(EMBEDDED_PRICE_BOOK_DATA), date: '29/09/2026' };
    expect(errorOf(() => parsePriceBook(book, null)).field).toBe('date');
  });
});

describe('loadPriceBook', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'price-book-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('reads a valid book file', async () => {
    const file = join(directory, 'book.json');
    await writeFile(file, JSON.stringify(EMBEDDED_PRICE_BOOK_DATA));
    const book = await loadPriceBook(file);
    expect(book.fargate['eu-west-1']?.linux?.x86_64?.vcpuHour?.usd).toBe('0.04048');
  });

  it('names the file that is missing', async () => {
    const file = join(directory, 'missing.json');
    await expect(loadPriceBook(file)).rejects.toMatchObject({ name: 'PriceBookError', file });
  });

  it('names the file that is not JSON', async () => {
    const file = join(directory, 'broken.json');
    await writeFile(file, '{ "schemaVersion": 1,');
    await expect(loadPriceBook(file)).rejects.toThrow(/broken\.json: is not valid JSON/);
  });
});
