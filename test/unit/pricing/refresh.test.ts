import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetProductsCommand,
  type GetProductsCommandInput,
  type GetProductsCommandOutput,
  PricingClient,
} from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { estimateCost } from '../../../lib/pricing/cost.js';
import { loadPriceBook, type PriceBook } from '../../../lib/pricing/price-book.js';
import { PriceRefreshError, refreshPriceBook, writePriceBook } from '../../../lib/pricing/refresh.js';
import { parsePricingSettings } from '../../../lib/pricing/settings.js';
import { makeEcsWorkload } from '../../support/builders.js';

/**
 * A GetProducts response from test/fixtures/pricing (see the README there), with each product boxed
 * the way the SDK's schema deserializer hands it over (a String object, not a string primitive).
 */
function recorded(n: number, boxed = true): GetProductsCommandOutput {
  const url = new URL(`../../fixtures/pricing/pricing.GetProducts_${n}.json`, import.meta.url);
  const body = JSON.parse(readFileSync(url, 'utf8')) as { PriceList: string[]; NextToken?: string };
  const priceList = body.PriceList.map((product) =>
    boxed ? Object.assign(new String(product), { deserializeJSON: () => JSON.parse(product) }) : product,
  );
  return { ...body, PriceList: priceList as string[], $metadata: {} };
}

/** Which recorded response answers which query: service | region | instance type | page token. */
const ROUTES: Record<string, number> = {
  'AmazonECS|us-east-1||': 1,
  'AmazonECS|us-east-1||ecs-us-east-1-page-2': 2,
  'AmazonECS|eu-west-1||': 3,
  'AmazonVPC|us-east-1||': 4,
  'AmazonVPC|eu-west-1||': 5,
  'AmazonEC2|us-east-1|m5.large|': 6,
  'AmazonEC2|us-east-1|m6g.large|': 7,
  'AmazonEC2|eu-west-1|m5.large|': 8,
  'AmazonEC2|eu-west-1|m6g.large|': 9,
};

const filtersOf = (input: GetProductsCommandInput) =>
  Object.fromEntries((input.Filters ?? []).map((f) => [f.Field, f.Value]));

const pricing = mockClient(PricingClient);
/** Each query as it was sent (the paginator reuses one input object, so later pages overwrite it). */
const sent: string[] = [];
/** Per-test replacements for a route's recorded response. */
const replaced = new Map<string, GetProductsCommandOutput>();
/** Whether products come boxed, as the current SDK gives them, or as plain strings. */
let boxedProducts = true;
const client = new PricingClient({ region: 'us-east-1' });
const NOW = new Date('2026-11-27T10:00:00Z');

beforeEach(() => {
  pricing.reset();
  sent.length = 0;
  replaced.clear();
  boxedProducts = true;
  pricing.on(GetProductsCommand).callsFake((input: GetProductsCommandInput) => {
    const filters = filtersOf(input);
    const key = [
      input.ServiceCode,
      filters.regionCode,
      filters.instanceType ?? '',
      input.NextToken ?? '',
    ].join('|');
    sent.push(key);
    const replacement = replaced.get(key);
    if (replacement !== undefined) return replacement;
    const fixture = ROUTES[key];
    if (fixture === undefined) throw new Error(`no recorded response for ${key}`);
    return recorded(fixture, boxedProducts);
  });
});

async function refreshed(): Promise<PriceBook> {
  return refreshPriceBook(client, ['us-east-1', 'eu-west-1'], ['m5.large', 'm6g.large'], { now: NOW });
}

describe('refreshPriceBook', () => {
  it('reads each Fargate rate from the row whose usage type matches exactly', async () => {
    const book = await refreshed();
    const usEast1 = book.fargate['us-east-1']!;
    expect(usEast1.linux?.x86_64?.vcpuHour).toEqual({
      usd: '0.04048',
      sourceDate: '2026-09-11',
      source: 'aws-price-list',
    });
    expect(usEast1.linux?.x86_64?.gbHour?.usd).toBe('0.004445');
    expect(usEast1.linux?.arm64?.vcpuHour?.usd).toBe('0.03238');
    expect(usEast1.linux?.arm64?.gbHour?.usd).toBe('0.00356');
    expect(usEast1.windows?.x86_64).toMatchObject({
      vcpuHour: { usd: '0.09148' },
      gbHour: { usd: '0.01005' },
      osLicenseVcpuHour: { usd: '0.046' },
    });
    expect(usEast1.ephemeralStorageGbHour?.usd).toBe('0.000111');
    expect(usEast1.publicIpv4Hour).toMatchObject({ usd: '0.005', sourceDate: '2026-08-30' });
  });

  it('never takes the $0.00 ECS-EC2 metering rows or the ECS Anywhere fee for a Fargate rate', async () => {
    const text = JSON.stringify(await refreshed());
    expect(text).not.toContain('"usd":"0"');
    expect(text).not.toContain('0.01025');
  });

  it('follows NextToken: memory rates come from the second page', async () => {
    const book = await refreshed();
    expect(book.fargate['us-east-1']?.linux?.x86_64?.gbHour?.usd).toBe('0.004445');
    expect(sent.filter((key) => key.startsWith('AmazonECS|us-east-1|'))).toEqual([
      'AmazonECS|us-east-1||',
      'AmazonECS|us-east-1||ecs-us-east-1-page-2',
    ]);
  });

  it('leaves out a rate listed twice at different prices, and notes it', async () => {
    const book = await refreshed();
    const euWest1 = book.fargate['eu-west-1']!;
    expect(euWest1.linux?.arm64?.vcpuHour).toBeUndefined();
    expect(euWest1.linux?.arm64?.gbHour?.usd).toBe('0.00356');
    expect(book.notes.join('\n')).toContain(
      'EU-Fargate-ARM-vCPU-Hours:perCPU has several on-demand prices (0.03238, 0.03562)',
    );
  });

  it('notes what the Price List does not have instead of inventing it', async () => {
    const book = await refreshed();
    expect(book.fargate['eu-west-1']?.windows).toBeUndefined();
    expect(book.fargate['eu-west-1']?.publicIpv4Hour).toBeUndefined();
    expect(book.ec2['m6g.large']?.hourlyUsd['eu-west-1']).toBeUndefined();
    const notes = book.notes.join('\n');
    expect(notes).toContain('m6g.large in eu-west-1: no priced on-demand EU-BoxUsage:m6g.large row');
    expect(notes).toContain('public IPv4 in eu-west-1: no priced on-demand EU-PublicIPv4:InUseAddress row');
  });

  it('reads EC2 on-demand prices, not Reserved ones, with the instance shape and architecture', async () => {
    const book = await refreshed();
    expect(book.ec2['m5.large']).toEqual({
      vcpu: 2,
      memoryGiB: 8,
      architecture: 'x86_64',
      burstable: false,
      hourlyUsd: {
        'eu-west-1': { usd: '0.107', sourceDate: '2026-08-10', source: 'aws-price-list' },
        'us-east-1': { usd: '0.096', sourceDate: '2026-07-20', source: 'aws-price-list' },
      },
    });
    expect(book.ec2['m6g.large']?.architecture).toBe('arm64');
  });

  it('asks for Linux, shared tenancy, no pre-installed software, used capacity, no licence', async () => {
    await refreshed();
    const ec2Call = pricing
      .commandCalls(GetProductsCommand)
      .find((c) => c.args[0].input.ServiceCode === 'AmazonEC2')!.args[0].input;
    expect(ec2Call.Filters?.every((f) => f.Type === 'TERM_MATCH')).toBe(true);
    expect(filtersOf(ec2Call)).toMatchObject({
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
    });
  });

  it('dates the book by its newest figure and names the day of the refresh', async () => {
    const book = await refreshed();
    expect(book.date).toBe('2026-09-11');
    expect(book.sources['aws-price-list']).toContain('fetched 2026-11-27');
  });

  it('gives a book that prices workloads', async () => {
    const book = await refreshed();
    const workload = makeEcsWorkload(
      {
        region: 'eu-west-1',
        launchType: 'EC2',
        replicas: 4,
        placements: [
          {
            instanceId: 'i-1',
            instanceType: 'm5.large',
            capacityType: 'on-demand',
            capacityCpuUnits: 2048,
            capacityMemoryMiB: 8192,
            allocatedCpuUnits: 2048,
            allocatedMemoryMiB: 4096,
            replicasHere: 4,
          },
        ],
      },
      { cpuUnits: 512, memoryMiB: 1024 },
    );
    const { cost } = estimateCost(workload, parsePricingSettings({ idleTreatment: 'whole-instances' }), book);
    expect(cost.currentMonthlyUsd).toBe(78.11); // 0.107 x 730
    expect(cost.fargateMonthlyUsd).toBe(72.08);
  });

  it('reads products handed over as plain strings as well', async () => {
    boxedProducts = false;
    const book = await refreshed();
    expect(book.fargate['us-east-1']?.linux?.x86_64?.vcpuHour?.usd).toBe('0.04048');
    expect(book.ec2['m5.large']?.hourlyUsd['us-east-1']?.usd).toBe('0.096');
  });

  it('notes products it cannot read instead of dropping them unseen', async () => {
    replaced.set('AmazonVPC|eu-west-1||', { PriceList: ['{"not":"a product"}', 'not json'], $metadata: {} });
    const book = await refreshed();
    expect(book.notes).toContain(
      'public IPv4 price for eu-west-1: 2 of 2 Price List products could not be read',
    );
  });

  it('refuses a region it has no usage-type prefix for, before calling AWS', async () => {
    await expect(refreshPriceBook(client, ['eu-west-1', 'mars-north-1'], ['m5.large'])).rejects.toThrow(
      PriceRefreshError,
    );
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(0);
  });

  it('fails, keeping the cause, when a Price List call fails', async () => {
    pricing
      .on(GetProductsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const failure = refreshPriceBook(client, ['us-east-1'], ['m5.large'], { now: NOW });
    await expect(failure).rejects.toThrow(/GetProducts \(Amazon\w+\) for the .* failed: Rate exceeded/);
    await expect(failure).rejects.toHaveProperty('cause.name', 'ThrottlingException');
  });
});

describe('writePriceBook', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'price-book-write-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('writes a book that loads back unchanged, leaving no temporary file', async () => {
    const book = await refreshed();
    const file = join(directory, 'prices.json');
    await writePriceBook(book, file);
    expect(await loadPriceBook(file)).toEqual(book);
    expect(await readdir(directory)).toEqual(['prices.json']);
  });

  it('does not write an invalid book', async () => {
    const book = await refreshed();
    const file = join(directory, 'prices.json');
    await expect(writePriceBook({ ...book, date: 'yesterday' }, file)).rejects.toMatchObject({
      name: 'PriceBookError',
      field: 'date',
    });
    expect(await readdir(directory)).toEqual([]);
  });
});
