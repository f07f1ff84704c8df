import { randomUUID } from 'node:crypto';
import { rename, unlink, writeFile } from 'node:fs/promises';
import { type Filter, type PricingClient, paginateGetProducts } from '@aws-sdk/client-pricing';
import pLimit from 'p-limit';
import { z } from 'zod';
import { byText } from '../model/text-order.js';
import { type PriceBook, PriceBookError, type PriceFigure, parsePriceBook } from './price-book.js';

/**
 * Rebuilds a price book from the AWS Price List Query API (GetProducts), the live source the
 * embedded book is a snapshot of. The client is injected; its endpoint (us-east-1, eu-central-1 or
 * ap-south-1) does not change which region's prices come back.
 *
 * Traps avoided (cost-model.md 3.2): usage types are matched exactly after the region prefix, never
 * by substring (`Fargate-ARM-vCPU-Hours`, `Fargate-Windows-vCPU-Hours` and
 * `Fargate-EphemeralStorage-GB-Hours` all contain "vCPU" or "GB"); the $0.00 `ECS-EC2-*` metering
 * rows never match; only OnDemand terms are read and zero-priced dimensions are skipped; every page
 * is read (NextToken), so a row that comes first on its own cannot hide the others.
 */

/** IAM permission the refresh needs, declared next to the code that uses it. */
export const REFRESH_PERMISSIONS = ['pricing:GetProducts'] as const;

/**
 * Region code → usage-type prefix in the Price List (and in CUR): `USE1-Fargate-vCPU-Hours:perCPU`.
 * EC2 instance hours in us-east-1 alone carry no prefix (`BoxUsage:m5.large`).
 */
export const USAGE_TYPE_PREFIXES: Readonly<Record<string, string>> = {
  'us-east-1': 'USE1',
  'us-east-2': 'USE2',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
  'ca-central-1': 'CAN1',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'eu-central-1': 'EUC1',
  'eu-north-1': 'EUN1',
  'eu-south-1': 'EUS1',
  'ap-south-1': 'APS3',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-northeast-1': 'APN1',
  'ap-northeast-2': 'APN2',
  'ap-east-1': 'APE1',
  'sa-east-1': 'SAE1',
  'me-south-1': 'MES1',
  'af-south-1': 'AFS1',
  'us-gov-east-1': 'UGE1',
  'us-gov-west-1': 'UGW1',
};

/** Fargate usage types (after the region prefix) and where each lands in the book. */
const FARGATE_USAGE_TYPES = {
  linuxX86Vcpu: 'Fargate-vCPU-Hours:perCPU',
  linuxX86Gb: 'Fargate-GB-Hours',
  linuxArmVcpu: 'Fargate-ARM-vCPU-Hours:perCPU',
  linuxArmGb: 'Fargate-ARM-GB-Hours',
  windowsVcpu: 'Fargate-Windows-vCPU-Hours:perCPU',
  windowsGb: 'Fargate-Windows-GB-Hours',
  windowsOsLicense: 'Fargate-Windows-OS-Hours:perCPU',
  ephemeralStorage: 'Fargate-EphemeralStorage-GB-Hours',
} as const;

const PUBLIC_IPV4_USAGE_TYPE = 'PublicIPv4:InUseAddress';

/** The EC2 product filters of cost-model.md 3.2: Linux, shared tenancy, no licence, no software. */
const EC2_FILTERS: readonly [string, string][] = [
  ['operatingSystem', 'Linux'],
  ['tenancy', 'Shared'],
  ['preInstalledSw', 'NA'],
  ['capacitystatus', 'Used'],
  ['licenseModel', 'No License required'],
];

const SOURCE_KEY = 'aws-price-list';

/** The refresh cannot start, or a Price List call failed. Keeps the SDK error as its cause. */
export class PriceRefreshError extends Error {
  override readonly name = 'PriceRefreshError';
}

/** Options of {@link refreshPriceBook}. */
export interface RefreshOptions {
  /** The day the refresh runs (names the source); injectable for tests. Default: now. */
  readonly now?: Date;
  /** GetProducts calls in flight at once (the Price List API throttles). Default 4. */
  readonly concurrency?: number;
}

const priceListItemSchema = z.object({
  product: z.object({
    sku: z.string().optional(),
    productFamily: z.string().optional(),
    attributes: z.record(z.string(), z.string()),
  }),
  terms: z
    .object({
      OnDemand: z
        .record(
          z.string(),
          z.object({
            effectiveDate: z.string().optional(),
            priceDimensions: z.record(
              z.string(),
              z.object({ unit: z.string().optional(), pricePerUnit: z.record(z.string(), z.string()) }),
            ),
          }),
        )
        .optional(),
    })
    .optional(),
  publicationDate: z.string().optional(),
});

type PriceListItem = z.infer<typeof priceListItemSchema>;

/** One usable price read from a Price List item. */
interface ListedPrice {
  readonly usd: string;
  readonly sourceDate: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Builds a price book for the given regions and instance types from GetProducts: per region one
 * paginated AmazonECS query (Fargate rates), one AmazonVPC query (public IPv4) and one AmazonEC2
 * query per instance type. Figures the Price List lacks (or lists ambiguously) are left out and
 * named in `notes`; Fargate Spot discounts are not in the Price List, so the book has none and the
 * pricing settings' default applies. Throws {@link PriceRefreshError} for an unknown region or a
 * failed call: a partial book is never returned as if complete.
 */
export async function refreshPriceBook(
  client: PricingClient,
  regions: readonly string[],
  instanceTypes: readonly string[],
  options: RefreshOptions = {},
): Promise<PriceBook> {
  const unknownRegions = regions.filter((r) => USAGE_TYPE_PREFIXES[r] === undefined);
  if (unknownRegions.length > 0) {
    throw new PriceRefreshError(
      `no Price List usage-type prefix is known for ${unknownRegions.join(', ')}; known regions: ${Object.keys(USAGE_TYPE_PREFIXES).join(', ')}`,
    );
  }
  const badTypes = instanceTypes.filter((t) => !/^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(t));
  if (badTypes.length > 0) throw new PriceRefreshError(`not EC2 instance types: ${badTypes.join(', ')}`);
  if (regions.length === 0) throw new PriceRefreshError('no regions to refresh');

  const today = isoDay(options.now ?? new Date());
  const limit = pLimit(options.concurrency ?? 4);
  const notes: string[] = [];
  const fargate: PriceBook['fargate'] = {};
  const ec2: PriceBook['ec2'] = {};

  const fargateJobs = regions.map((region) =>
    limit(async () => {
      const ecsItems = await getProducts(
        client,
        'AmazonECS',
        [['regionCode', region]],
        `Fargate prices for ${region}`,
        notes,
      );
      const vpcItems = await getProducts(
        client,
        'AmazonVPC',
        [
          ['regionCode', region],
          ['usagetype', `${USAGE_TYPE_PREFIXES[region]}-${PUBLIC_IPV4_USAGE_TYPE}`],
        ],
        `public IPv4 price for ${region}`,
        notes,
      );
      fargate[region] = fargateRegion(region, ecsItems, vpcItems, today, notes);
    }),
  );
  const ec2Jobs = regions.flatMap((region) =>
    instanceTypes.map((type) =>
      limit(async () => {
        const items = await getProducts(
          client,
          'AmazonEC2',
          [['regionCode', region], ['instanceType', type], ...EC2_FILTERS],
          `${type} price in ${region}`,
          notes,
        );
        const expected = `${region === 'us-east-1' ? '' : `${USAGE_TYPE_PREFIXES[region]}-`}BoxUsage:${type}`;
        const found = pick(items, region, expected, `${type} in ${region}`, today, notes);
        if (found === null) return;
        const shape = instanceShape(type, found.attributes);
        if (shape === null) {
          notes.push(`${type} in ${region}: the Price List gives no readable vcpu/memory; left out`);
          return;
        }
        const entry = ec2[type] ?? { ...shape, hourlyUsd: {} };
        entry.hourlyUsd[region] = { usd: found.usd, sourceDate: found.sourceDate, source: SOURCE_KEY };
        ec2[type] = entry;
      }),
    ),
  );
  await Promise.all([...fargateJobs, ...ec2Jobs]);

  const dates = [
    ...Object.values(fargate).flatMap((r) => figuresOf(r)),
    ...Object.values(ec2).flatMap((t) => Object.values(t.hourlyUsd)),
  ].map((f) => f.sourceDate);
  if (dates.length === 0) {
    throw new PriceRefreshError(`the Price List returned no usable price for ${regions.join(', ')}`);
  }
  notes.push(
    'Fargate Spot discounts are not in the Price List: the pricing settings give them (default 0.68).',
  );
  return parsePriceBook(
    {
      schemaVersion: 1,
      date: dates.sort().at(-1),
      currency: 'USD',
      sources: {
        [SOURCE_KEY]: `AWS Price List Query API (GetProducts: AmazonECS, AmazonEC2, AmazonVPC), fetched ${today}; each figure dated by its publicationDate`,
      },
      notes: notes.sort(),
      fargate: sortKeys(fargate),
      ec2: sortKeys(
        Object.fromEntries(
          Object.entries(ec2).map(([type, e]) => [type, { ...e, hourlyUsd: sortKeys(e.hourlyUsd) }]),
        ),
      ),
    },
    'refreshed price book',
  );
}

function figuresOf(rates: PriceBook['fargate'][string]): PriceFigure[] {
  return [
    rates.linux?.x86_64?.vcpuHour,
    rates.linux?.x86_64?.gbHour,
    rates.linux?.arm64?.vcpuHour,
    rates.linux?.arm64?.gbHour,
    rates.windows?.x86_64?.vcpuHour,
    rates.windows?.x86_64?.gbHour,
    rates.windows?.x86_64?.osLicenseVcpuHour,
    rates.ephemeralStorageGbHour,
    rates.publicIpv4Hour,
  ].filter((f): f is PriceFigure => f !== undefined);
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byText(a, b)));
}

/**
 * Every product of one GetProducts query, all pages, parsed. Products that do not read as a Price
 * List item are counted in a note rather than dropped unseen.
 */
async function getProducts(
  client: PricingClient,
  serviceCode: string,
  filters: readonly [string, string][],
  what: string,
  notes: string[],
): Promise<PriceListItem[]> {
  const entries: unknown[] = [];
  const Filters: Filter[] = filters.map(([Field, Value]) => ({ Type: 'TERM_MATCH', Field, Value }));
  try {
    for await (const page of paginateGetProducts(
      { client, pageSize: 100 },
      { ServiceCode: serviceCode, Filters, FormatVersion: 'aws_v1' },
    )) {
      entries.push(...(page.PriceList ?? []));
    }
  } catch (error) {
    throw new PriceRefreshError(
      `GetProducts (${serviceCode}) for the ${what} failed: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  const items: PriceListItem[] = [];
  for (const entry of entries) {
    const parsed = priceListItemSchema.safeParse(productDocument(entry));
    if (parsed.success) items.push(parsed.data);
  }
  if (items.length < entries.length) {
    notes.push(
      `${what}: ${entries.length - items.length} of ${entries.length} Price List products could not be read`,
    );
  }
  return items;
}

/**
 * A product as a JSON value. The SDK hands each one over as a JSON document in a string: a plain
 * string, or (SDK v3 with schema serde) a boxed String with `deserializeJSON`.
 */
function productDocument(entry: unknown): unknown {
  if (typeof entry !== 'string' && !(entry instanceof String)) return entry;
  try {
    return JSON.parse(String(entry));
  } catch {
    return undefined;
  }
}

/** The single non-zero on-demand USD price of an item; `ambiguous` when it has several. */
function onDemandPrice(item: PriceListItem): string | null | 'ambiguous' {
  const prices = new Set<string>();
  for (const term of Object.values(item.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions)) {
      const usd = dimension.pricePerUnit.USD;
      if (usd !== undefined && /^\d+(\.\d+)?$/.test(usd) && Number(usd) > 0) prices.add(normalize(usd));
    }
  }
  if (prices.size > 1) return 'ambiguous';
  return prices.values().next().value ?? null;
}

/** `0.0404800000` → `0.04048`: the Price List pads to ten decimals. */
function normalize(usd: string): string {
  return usd.includes('.') ? usd.replace(/0+$/, '').replace(/\.$/, '') : usd;
}

/**
 * The one price whose usage type is exactly `expected` and whose region is `region`. Several
 * products with different prices, or none, are noted and give null.
 */
function pick(
  items: readonly PriceListItem[],
  region: string,
  expected: string,
  what: string,
  today: string,
  notes: string[],
): ListedPrice | null {
  const matches = items.filter(
    (item) =>
      item.product.attributes.usagetype === expected &&
      (item.product.attributes.regionCode ?? region) === region,
  );
  const priced = matches
    .map((item) => ({ item, usd: onDemandPrice(item) }))
    .filter((m): m is { item: PriceListItem; usd: string } => m.usd !== null);
  const distinct = new Set(priced.map((p) => p.usd));
  if (priced.length === 0 || distinct.size !== 1 || priced.some((p) => p.usd === 'ambiguous')) {
    notes.push(
      priced.length === 0
        ? `${what}: no priced on-demand ${expected} row in the Price List; left out`
        : `${what}: ${expected} has several on-demand prices (${[...distinct].join(', ')}); left out`,
    );
    return null;
  }
  const first = priced[0]!;
  const published =
    first.item.publicationDate ?? Object.values(first.item.terms?.OnDemand ?? {})[0]?.effectiveDate;
  return {
    usd: first.usd,
    // A product without a publication date was still confirmed today, by this very call.
    sourceDate:
      published !== undefined && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : today,
    attributes: first.item.product.attributes,
  };
}

function fargateRegion(
  region: string,
  ecsItems: readonly PriceListItem[],
  vpcItems: readonly PriceListItem[],
  today: string,
  notes: string[],
): PriceBook['fargate'][string] {
  const prefix = USAGE_TYPE_PREFIXES[region]!;
  const find = (items: readonly PriceListItem[], suffix: string, what: string): PriceFigure | undefined => {
    const found = pick(items, region, `${prefix}-${suffix}`, `${what} in ${region}`, today, notes);
    return found === null ? undefined : { usd: found.usd, sourceDate: found.sourceDate, source: SOURCE_KEY };
  };
  const u = FARGATE_USAGE_TYPES;
  const pair = (vcpu: string, gb: string, what: string) => {
    const vcpuHour = find(ecsItems, vcpu, `Fargate ${what} vCPU`);
    const gbHour = find(ecsItems, gb, `Fargate ${what} GB`);
    return vcpuHour === undefined && gbHour === undefined
      ? undefined
      : { ...(vcpuHour ? { vcpuHour } : {}), ...(gbHour ? { gbHour } : {}) };
  };
  const x86 = pair(u.linuxX86Vcpu, u.linuxX86Gb, 'Linux/x86');
  const arm = pair(u.linuxArmVcpu, u.linuxArmGb, 'Linux/ARM');
  const windows = pair(u.windowsVcpu, u.windowsGb, 'Windows');
  const osLicense = find(ecsItems, u.windowsOsLicense, 'Fargate Windows licence');
  const ephemeral = find(ecsItems, u.ephemeralStorage, 'Fargate ephemeral storage');
  const ipv4 = find(vpcItems, PUBLIC_IPV4_USAGE_TYPE, 'public IPv4');
  return {
    ...(x86 || arm ? { linux: { ...(x86 ? { x86_64: x86 } : {}), ...(arm ? { arm64: arm } : {}) } } : {}),
    ...(windows || osLicense
      ? { windows: { x86_64: { ...windows, ...(osLicense ? { osLicenseVcpuHour: osLicense } : {}) } } }
      : {}),
    ...(ephemeral ? { ephemeralStorageGbHour: ephemeral } : {}),
    ...(ipv4 ? { publicIpv4Hour: ipv4 } : {}),
  };
}

/** vCPU, memory and architecture from the EC2 product attributes (`vcpu: "2"`, `memory: "8 GiB"`). */
function instanceShape(
  type: string,
  attributes: Readonly<Record<string, string>>,
): Omit<PriceBook['ec2'][string], 'hourlyUsd'> | null {
  const vcpu = Number(attributes.vcpu);
  const memoryGiB = Number((attributes.memory ?? '').replace(/,/g, '').replace(/\s*GiB$/i, ''));
  if (!(vcpu > 0) || !(memoryGiB > 0)) return null;
  const family = type.split('.')[0] ?? '';
  // Graviton families carry a `g` after the generation digit (m6g, c7gn, r8gd); a1 is the first Arm type.
  const arm =
    /graviton/i.test(attributes.physicalProcessor ?? '') ||
    /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ||
    family === 'a1';
  return { vcpu, memoryGiB, architecture: arm ? 'arm64' : 'x86_64', burstable: /^t\d/.test(family) };
}

/**
 * Writes a price book atomically: validated first, written to a temporary file beside the target,
 * then renamed over it, so a reader never sees half a book.
 */
export async function writePriceBook(book: PriceBook, file: string): Promise<void> {
  const valid = parsePriceBook(book, file);
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(valid, null, 2)}\n`, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new PriceBookError(`cannot write the price book (${(error as Error).message})`, file, '', {
      cause: error,
    });
  }
}
