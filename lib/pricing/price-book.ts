import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { Architecture, OsFamily } from '../model/workload.js';
import { rememberedPerKeys } from './money.js';

/**
 * The price book: dated on-demand prices for Fargate and EC2, per region, each figure with its
 * source and the date it was last confirmed. A figure that is absent is unknown, and whatever
 * depends on it is reported as unpriced (null), never as $0.
 *
 * Money is kept as decimal strings (`"0.04048"`) so no price passes through a binary float.
 */

const DECIMAL_PATTERN = /^\d+(\.\d+)?$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const decimalString = z.string().regex(DECIMAL_PATTERN, {
  message: 'must be a non-negative decimal number written as a string, e.g. "0.04048"',
});
const isoDate = z.string().regex(DATE_PATTERN, { message: 'must be a date written YYYY-MM-DD' });

const priceFigureSchema = z.strictObject({
  /** US dollars per unit (per hour, per vCPU-hour, per GB-hour). */
  usd: decimalString,
  /** The day the figure was published or last confirmed. */
  sourceDate: isoDate,
  /** Key into the book's `sources`. */
  source: z.string().min(1),
  /** Anything a reader of the figure should know (a conflict between sources, say). */
  note: z.string().optional(),
});

const ratioFigureSchema = z.strictObject({
  ratio: decimalString.refine((value) => Number(value) <= 1, { message: 'must be between 0 and 1' }),
  sourceDate: isoDate,
  source: z.string().min(1),
  note: z.string().optional(),
});

const computeRatesSchema = z.strictObject({
  vcpuHour: priceFigureSchema.optional(),
  gbHour: priceFigureSchema.optional(),
});

const windowsRatesSchema = z.strictObject({
  vcpuHour: priceFigureSchema.optional(),
  gbHour: priceFigureSchema.optional(),
  /** Windows Server licence fee, per vCPU-hour, on top of the vCPU rate. */
  osLicenseVcpuHour: priceFigureSchema.optional(),
});

const fargateRegionSchema = z.strictObject({
  linux: z
    .strictObject({ x86_64: computeRatesSchema.optional(), arm64: computeRatesSchema.optional() })
    .optional(),
  windows: z.strictObject({ x86_64: windowsRatesSchema.optional() }).optional(),
  /** Ephemeral storage above the 20 GiB every task or pod gets, per GB-hour. */
  ephemeralStorageGbHour: priceFigureSchema.optional(),
  /** One public IPv4 address, per hour. */
  publicIpv4Hour: priceFigureSchema.optional(),
  /** Fargate Spot discount off the on-demand rate (a snapshot of the Spot feed). */
  spotDiscount: ratioFigureSchema.optional(),
});

const instanceTypeSchema = z.strictObject({
  vcpu: z.number().positive(),
  memoryGiB: z.number().positive(),
  architecture: z.enum(['x86_64', 'arm64']),
  /** T-family: CPU credits, not a steady vCPU; never picked as the cheapest target on its own. */
  burstable: z.boolean(),
  /** Linux, shared tenancy, on-demand, per hour, by region code. */
  hourlyUsd: z.record(z.string(), priceFigureSchema),
});

/** The zod schema of a price book file. */
export const priceBookSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    /** The book's date: the newest source date in it. */
    date: isoDate,
    currency: z.literal('USD'),
    /** Source key → what the source is and where to find it. */
    sources: z.record(z.string(), z.string().min(1)),
    /** What a refresh could not find or had to leave out. */
    notes: z.array(z.string()),
    /** Region code → Fargate rates. */
    fargate: z.record(z.string(), fargateRegionSchema),
    /** Instance type → shape and prices. */
    ec2: z.record(z.string(), instanceTypeSchema),
  })
  .superRefine((book, context) => {
    const known = new Set(Object.keys(book.sources));
    const check = (figure: { source: string } | undefined, path: (string | number)[]) => {
      if (figure !== undefined && !known.has(figure.source)) {
        context.addIssue({
          code: 'custom',
          path: [...path, 'source'],
          message: `names source "${figure.source}", which is not listed under "sources"`,
        });
      }
    };
    for (const [region, rates] of Object.entries(book.fargate)) {
      for (const [arch, pair] of Object.entries(rates.linux ?? {})) {
        check(pair?.vcpuHour, ['fargate', region, 'linux', arch, 'vcpuHour']);
        check(pair?.gbHour, ['fargate', region, 'linux', arch, 'gbHour']);
      }
      const windows = rates.windows?.x86_64;
      check(windows?.vcpuHour, ['fargate', region, 'windows', 'x86_64', 'vcpuHour']);
      check(windows?.gbHour, ['fargate', region, 'windows', 'x86_64', 'gbHour']);
      check(windows?.osLicenseVcpuHour, ['fargate', region, 'windows', 'x86_64', 'osLicenseVcpuHour']);
      check(rates.ephemeralStorageGbHour, ['fargate', region, 'ephemeralStorageGbHour']);
      check(rates.publicIpv4Hour, ['fargate', region, 'publicIpv4Hour']);
      check(rates.spotDiscount, ['fargate', region, 'spotDiscount']);
    }
    for (const [type, instance] of Object.entries(book.ec2)) {
      for (const [region, figure] of Object.entries(instance.hourlyUsd)) {
        check(figure, ['ec2', type, 'hourlyUsd', region]);
      }
    }
  });

/** A price book, as validated by {@link priceBookSchema}. */
export type PriceBook = z.infer<typeof priceBookSchema>;
/** One dated price. */
export type PriceFigure = z.infer<typeof priceFigureSchema>;
/** One dated ratio (a discount). */
export type RatioFigure = z.infer<typeof ratioFigureSchema>;
/** The Fargate rates of one region. */
export type FargateRegionRates = z.infer<typeof fargateRegionSchema>;
/** An EC2 instance type's shape and prices. */
export type InstanceTypeEntry = z.infer<typeof instanceTypeSchema>;

/** A price book that cannot be read or does not validate. Names the file and the field. */
export class PriceBookError extends Error {
  override readonly name = 'PriceBookError';
  /** The file (or `embedded`), when the book came from one. */
  readonly file: string | null;
  /** Dotted path of the offending field, empty when the problem is the whole document. */
  readonly field: string;

  constructor(message: string, file: string | null, field = '', options?: { cause?: unknown }) {
    const where = [file, field].filter((part) => part !== null && part !== '').join(': ');
    super(where === '' ? message : `${where}: ${message}`, options);
    this.file = file;
    this.field = field;
  }
}

/**
 * Validates parsed JSON as a price book, returned frozen. `origin` names the file in the error; the
 * first problem found is reported with its field path (`fargate.us-east-1.linux.x86_64.vcpuHour.usd`).
 */
export function parsePriceBook(data: unknown, origin: string | null = null): PriceBook {
  const result = priceBookSchema.safeParse(data);
  // Frozen: a book is a value, and pricing remembers what it derives from one (quotes per book).
  if (result.success) return deepFreeze(result.data);
  const issue = result.error.issues[0];
  const path = issue === undefined ? [] : issue.path.map(String);
  // A misspelt key is reported at the key itself, not at the object that holds it.
  const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const field = [...path, ...(unknownKey === undefined ? [] : [unknownKey])].join('.');
  const message =
    unknownKey === undefined ? (issue?.message ?? 'is not a price book') : 'is not a price book field';
  throw new PriceBookError(message, origin, field, { cause: result.error });
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** Reads and validates a price book file (`--price-book FILE`). */
export async function loadPriceBook(file: string): Promise<PriceBook> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PriceBookError(`cannot read the price book (${(error as Error).message})`, file, '', {
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PriceBookError(`is not valid JSON (${(error as Error).message})`, file, '', { cause: error });
  }
  return parsePriceBook(data, file);
}

/**
 * An instance type's entry, or undefined when the book has none. Own keys only: a type named
 * `constructor` or `__proto__` is not in the book, whatever Object.prototype holds.
 */
export function instanceTypeEntry(book: PriceBook, instanceType: string): InstanceTypeEntry | undefined {
  return lookUpsOf(book).instanceType(instanceType);
}

/** A region's Fargate rates, or undefined when the book has none (own keys only, as above). */
export function fargateRegionRates(book: PriceBook, region: string): FargateRegionRates | undefined {
  return lookUpsOf(book).fargateRegion(region);
}

/** What pricing looks up in a book, by the names it comes with. */
interface BookLookUps {
  readonly instanceType: (instanceType: string) => InstanceTypeEntry | undefined;
  readonly fargateRegion: (region: string) => FargateRegionRates | undefined;
  readonly hourlyPrice: (instanceType: string, region: string) => PriceFigure | null;
  readonly fargateRates: (region: string, os: OsFamily, architecture: Architecture) => FargateRateLookup;
}

const lookUps = new WeakMap<PriceBook, BookLookUps>();
let lastBook: PriceBook | null = null;
let lastLookUps: BookLookUps | null = null;

const ownValue = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * A book's look-ups, made once per book. A frozen book is a value, so its tables become maps of
 * their own keys and its prices and rates are remembered as they are asked for: pricing looks the
 * same names up several times per workload, and a map lookup by a string that already carries its
 * hash costs less than an own-property check on a table of hundreds of keys. A book that can still
 * change is read as it is at each look-up.
 */
function lookUpsOf(book: PriceBook): BookLookUps {
  // A run prices everything against one book: the last one's look-ups spare the WeakMap.
  if (book === lastBook) return lastLookUps!;
  let found = lookUps.get(book);
  if (found !== undefined) {
    lastBook = book;
    lastLookUps = found;
    return found;
  }
  const hourlyPrice = (instanceType: string, region: string): PriceFigure | null => {
    const entry = ownValue(book.ec2, instanceType);
    return entry === undefined ? null : (ownValue(entry.hourlyUsd, region) ?? null);
  };
  const rates = (region: string, os: OsFamily, architecture: Architecture) =>
    lookUpFargateRates(book, region, os, architecture);
  if (Object.isFrozen(book)) {
    const instanceTypes = new Map(Object.entries(book.ec2));
    const fargateRegions = new Map(Object.entries(book.fargate));
    found = {
      instanceType: (instanceType) => instanceTypes.get(instanceType),
      fargateRegion: (region) => fargateRegions.get(region),
      hourlyPrice: rememberedPerKeys(hourlyPrice),
      fargateRates: rememberedPerKeys((region: string, os: OsFamily, architecture: Architecture) =>
        Object.freeze(rates(region, os, architecture)),
      ),
    };
  } else {
    found = {
      instanceType: (instanceType) => ownValue(book.ec2, instanceType),
      fargateRegion: (region) => ownValue(book.fargate, region),
      hourlyPrice,
      fargateRates: rates,
    };
  }
  lookUps.set(book, found);
  return found;
}

/** Fargate compute rates for one region, OS and architecture, with what is missing named. */
export interface FargateRateLookup {
  readonly vcpuHour: PriceFigure | null;
  readonly gbHour: PriceFigure | null;
  /** Windows only; null for Linux. */
  readonly osLicenseVcpuHour: PriceFigure | null;
  /** Human names of the figures the book lacks (`vCPU-hour`, `GB-hour`, `Windows licence vCPU-hour`). */
  readonly missing: readonly string[];
}

/** Looks up the Fargate compute rates a workload would be billed at. */
export function fargateRates(
  book: PriceBook,
  region: string,
  os: OsFamily,
  architecture: Architecture,
): FargateRateLookup {
  return lookUpsOf(book).fargateRates(region, os, architecture);
}

function lookUpFargateRates(
  book: PriceBook,
  region: string,
  os: OsFamily,
  architecture: Architecture,
): FargateRateLookup {
  // Own keys only: a region or type named `constructor` must miss, not find Object.prototype's.
  const regionRates = fargateRegionRates(book, region);
  const missing: string[] = [];
  if (os === 'windows') {
    const rates = architecture === 'x86_64' ? regionRates?.windows?.x86_64 : undefined;
    const vcpuHour = rates?.vcpuHour ?? null;
    const gbHour = rates?.gbHour ?? null;
    const osLicenseVcpuHour = rates?.osLicenseVcpuHour ?? null;
    if (!vcpuHour) missing.push('vCPU-hour');
    if (!gbHour) missing.push('GB-hour');
    if (!osLicenseVcpuHour) missing.push('Windows licence vCPU-hour');
    return { vcpuHour, gbHour, osLicenseVcpuHour, missing };
  }
  const rates = regionRates?.linux?.[architecture];
  const vcpuHour = rates?.vcpuHour ?? null;
  const gbHour = rates?.gbHour ?? null;
  if (!vcpuHour) missing.push('vCPU-hour');
  if (!gbHour) missing.push('GB-hour');
  return { vcpuHour, gbHour, osLicenseVcpuHour: null, missing };
}

/** An instance type's on-demand hourly price in a region, or null when the book lacks it. */
export function ec2HourlyPrice(book: PriceBook, instanceType: string, region: string): PriceFigure | null {
  return lookUpsOf(book).hourlyPrice(instanceType, region);
}
