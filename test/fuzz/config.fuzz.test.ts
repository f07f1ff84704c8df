import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ZodError } from 'zod';
import { ConfigError, loadConfigFile } from '../../lib/cli/config-file.js';
import { suppressionListSchema } from '../../lib/findings/suppressions.js';
import { EMBEDDED_PRICE_BOOK_DATA } from '../../lib/pricing/default-price-book.js';
import { loadPriceBook, PriceBookError, parsePriceBook } from '../../lib/pricing/price-book.js';
import {
  DEFAULT_PRICING_SETTINGS,
  flagOf,
  type PricingSettingName,
  PricingSettingsError,
  parsePricingSettings,
} from '../../lib/pricing/settings.js';
import { awkwardValue, nestedArray } from './support/awkward-values.js';
import { fuzzRuns, fuzzTimeout } from './support/fuzz-settings.js';
import { documentMutation, mutateDocuments, mutateText, textMutation } from './support/mutations.js';
import { collectProcessWarnings } from './support/process-warnings.js';

let directory: string;
let fileCounter = 0;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'ff-fuzz-config-'));
});
afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Writes text to a fresh file of the temp directory (a new name each time: no run sees another's file). */
async function fileWith(text: string, extension: string): Promise<string> {
  fileCounter++;
  const file = path.join(directory, `config-${fileCounter}${extension}`);
  await writeFile(file, text);
  return file;
}

// ---------------------------------------------------------------- what valid settings look like

/**
 * For every pricing knob, values the reference allows and values it does not (cost-model.md 5.5;
 * the ranges are those of lib/pricing/settings.ts). The property tests below hold the
 * implementation to this table from both sides.
 */
const KNOBS: Readonly<
  Record<PricingSettingName, { valid: fc.Arbitrary<unknown>; invalid: fc.Arbitrary<unknown> }>
> = {
  hoursPerMonth: {
    valid: fc.double({ min: 0.5, max: 744, noNaN: true }),
    invalid: fc.constantFrom(0, -1, 745, 1e308, 'many', true, [], {}),
  },
  region: {
    valid: fc.constantFrom('us-east-1', 'eu-west-3', 'ap-southeast-2', 'us-gov-west-1', 'sa-east-1', null),
    invalid: fc.constantFrom('US-EAST-1', 'us-east', 'useast1', '', 'us-east-1 ', 5, true),
  },
  architecture: {
    valid: fc.constantFrom('x86_64', 'arm64', null),
    invalid: fc.constantFrom('amd64', 'ARM64', 'x86', 1, ''),
  },
  fargateSpotShare: {
    valid: fc.double({ min: 0, max: 1, noNaN: true }),
    invalid: fc.constantFrom(-0.1, 1.01, 'half', null),
  },
  fargateSpotDiscount: {
    valid: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(null)),
    invalid: fc.constantFrom(-0.1, 1.5, 'lots', true),
  },
  computeSavingsPlanDiscount: {
    valid: fc.double({ min: 0, max: 0.999, noNaN: true }),
    invalid: fc.constantFrom(1, -0.5, 2, 'none'),
  },
  ec2OnlyCommitmentDiscount: {
    valid: fc.double({ min: 0, max: 0.999, noNaN: true }),
    invalid: fc.constantFrom(1, -1, 'x'),
  },
  ec2SpotDiscount: {
    valid: fc.oneof(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.constant(null)),
    invalid: fc.constantFrom(1, -0.01, []),
  },
  cpuMemoryWeight: {
    valid: fc.double({ min: 0.01, max: 1000, noNaN: true }),
    invalid: fc.constantFrom(0, -9, 'nine'),
  },
  idleTreatment: {
    valid: fc.constantFrom('allocated', 'proportional-idle', 'whole-instances'),
    invalid: fc.constantFrom('idle', 'Allocated', '', 0),
  },
  targetUtilization: {
    valid: fc.double({ min: 0.01, max: 1, noNaN: true }),
    invalid: fc.constantFrom(0, 1.5, -0.2, 'high'),
  },
  targetInstanceType: {
    valid: fc.constantFrom('m5.large', 'c7g.xlarge', 'anything-the-book-may-lack', null),
    // 5 or true would be refused in the config file, but as flags they arrive as the strings '5' and 'true'.
    invalid: fc.constantFrom('', {}, []),
  },
  ec2ProjectionMode: {
    valid: fc.constantFrom('marginal-share', 'dedicated'),
    invalid: fc.constantFrom('shared', 1),
  },
  ec2ReservedMemoryMiB: { valid: fc.nat({ max: 65_536 }), invalid: fc.constantFrom(-1, 1.5, 'some') },
  daemonCpuUnitsPerInstance: {
    valid: fc.double({ min: 0, max: 4096, noNaN: true }),
    invalid: fc.constantFrom(-1, 'x', null),
  },
  daemonMemoryMiBPerInstance: {
    valid: fc.double({ min: 0, max: 65_536, noNaN: true }),
    invalid: fc.constantFrom(-1, 'x', []),
  },
  includePublicIPv4: { valid: fc.boolean(), invalid: fc.constantFrom('yes', 1, 'TRUE', null) },
};

const SETTING_NAMES = Object.keys(KNOBS) as PricingSettingName[];

/** A value as the CLI would pass it: flags arrive as strings, so numbers and booleans are written out. */
const asFlag = (value: unknown): unknown =>
  typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;

/** Valid settings for a random subset of knobs. */
const validSettings: fc.Arbitrary<Partial<Record<PricingSettingName, unknown>>> = fc.record(
  Object.fromEntries(SETTING_NAMES.map((name) => [name, KNOBS[name].valid])) as Record<
    PricingSettingName,
    fc.Arbitrary<unknown>
  >,
  { requiredKeys: [] },
);

/** The value a setting must come out as: numbers from flag strings are numbers, 'true' is true. */
function expectedValue(name: PricingSettingName, given: unknown): unknown {
  if (typeof given !== 'string') return given;
  if (name === 'includePublicIPv4') return given === 'true';
  const numeric = Number(given);
  return typeof DEFAULT_PRICING_SETTINGS[name] === 'number' ||
    name === 'fargateSpotDiscount' ||
    name === 'ec2SpotDiscount'
    ? Number.isNaN(numeric)
      ? given
      : numeric
    : given;
}

// ---------------------------------------------------------------- valid suppressions

const calendarDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

const validSuppression = fc.record({
  workloadId: fc.oneof(
    fc.constant('*'),
    fc.constantFrom('k8s/web.yaml#0', 'arn:aws:ecs:us-east-1:1:service/c/s'),
    fc.string({ minLength: 1, maxLength: 20 }),
  ),
  ruleId: fc.oneof(
    fc.constant('*'),
    fc.constantFrom('ecs-privileged', 'eks-host-network'),
    fc.string({ minLength: 1, maxLength: 20 }),
  ),
  owner: fc.string({ minLength: 1, maxLength: 20 }),
  reason: fc.string({ minLength: 1, maxLength: 60 }),
  expires: calendarDate,
});

/** True for YYYY-MM-DD strings that name a real day. */
function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const SUPPRESSION_FIELDS = ['workloadId', 'ruleId', 'owner', 'reason', 'expires'] as const;

/** A suppression with fields valid or not, as a person might write one. */
const anySuppression = fc.record(
  {
    workloadId: fc.oneof(fc.string({ maxLength: 12 }), awkwardValue),
    ruleId: fc.oneof(fc.string({ maxLength: 12 }), awkwardValue),
    owner: fc.oneof(fc.string({ maxLength: 12 }), awkwardValue),
    reason: fc.oneof(fc.string({ maxLength: 12 }), awkwardValue),
    expires: fc.oneof(
      calendarDate,
      fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 19 }),
          fc.integer({ min: 0, max: 39 }),
        )
        .map(
          ([y, m, d]) =>
            `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
      fc.constantFrom(
        '2026-1-01',
        '2026-01-01T00:00:00Z',
        '20260101',
        ' 2026-01-01',
        '２０２６-01-01',
        20260101,
      ),
      awkwardValue,
    ),
  },
  { requiredKeys: [] },
);

/** The first field of an entry that the schema must refuse, or null when the entry is valid. */
function firstInvalidField(entry: Readonly<Record<string, unknown>>): string | null {
  for (const field of SUPPRESSION_FIELDS) {
    const value = entry[field];
    const valid = field === 'expires' ? isCalendarDate(value) : typeof value === 'string' && value.length > 0;
    if (!valid) return field;
  }
  return null;
}

// ---------------------------------------------------------------- the properties

describe('loadConfigFile', () => {
  const configObject = fc.record(
    {
      pricing: fc.oneof(
        validSettings,
        fc.dictionary(fc.constantFrom(...SETTING_NAMES, 'hours', 'Region'), awkwardValue),
        awkwardValue,
      ),
      suppressions: fc.oneof(
        fc.array(validSuppression, { maxLength: 3 }),
        fc.array(anySuppression, { maxLength: 3 }),
        awkwardValue,
      ),
      extra: awkwardValue,
    },
    { requiredKeys: [] },
  );
  const configText = fc.oneof(
    fc
      .tuple(configObject, fc.boolean())
      .map(([config, json]) => (json ? JSON.stringify(config) : stringify(config))),
    fc
      .tuple(configObject, fc.array(textMutation, { minLength: 1, maxLength: 3 }))
      .map(([config, mutations]) => mutations.reduce(mutateText, stringify(config))),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .integer({ min: 1, max: 2_000 })
      .map((depth) => `pricing: ${JSON.stringify(nestedArray(Math.min(depth, 900)))}`),
    fc.integer({ min: 2, max: 10 }).map((width) => {
      const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (let level = 1; level < 6; level++)
        lines.push(
          `l${level}: &l${level} [${Array(width)
            .fill(level === 1 ? '*a' : `*l${level - 1}`)
            .join(', ')}]`,
        );
      return `pricing:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
    }),
  );

  it(
    'returns a validated config or throws a ConfigError that names the file, for any file content',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          configText,
          fc.constantFrom('.yaml', '.json', '.yml', ''),
          async (text, extension) => {
            const file = await fileWith(text, extension);
            const { value: outcome, warnings } = await collectProcessWarnings(() =>
              loadConfigFile(file).then(
                (config) => ({ config }),
                (error: unknown) => ({ error }),
              ),
            );
            // A process warning would print the file's text to stderr, past the CLI's own output.
            expect(warnings).toEqual([]);
            if ('error' in outcome) {
              const { error } = outcome;
              if (!(error instanceof ConfigError)) throw new Error(`not a ConfigError: ${String(error)}`);
              expect(error.message.startsWith(`config ${file}`)).toBe(true);
              return;
            }
            const { config } = outcome;
            expect(
              typeof config.pricing === 'object' && config.pricing !== null && !Array.isArray(config.pricing),
            ).toBe(true);
            expect(suppressionListSchema.safeParse(config.suppressions).success).toBe(true);
            // What preparePricing does next must also end in a value or its own typed error.
            try {
              parsePricingSettings(config.pricing);
            } catch (error) {
              if (!(error instanceof PricingSettingsError))
                throw new Error(`not a PricingSettingsError: ${String(error)}`);
            }
          },
        ),
        fuzzRuns(300),
      );
    },
    fuzzTimeout(30_000),
  );

  it('accepts every valid config, YAML or JSON, and returns exactly what it holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        validSettings,
        fc.array(validSuppression, { maxLength: 3 }),
        fc.boolean(),
        async (pricing, suppressions, json) => {
          const config = { pricing, suppressions };
          const file = await fileWith(
            json ? JSON.stringify(config) : stringify(config),
            json ? '.json' : '.yaml',
          );
          const loaded = await loadConfigFile(file);
          expect(loaded).toEqual(config);
          const settings = parsePricingSettings(loaded.pricing);
          for (const [name, value] of Object.entries(pricing)) {
            expect(Object.is(settings[name as PricingSettingName], value), name).toBe(true);
          }
        },
      ),
      fuzzRuns(150),
    );
  });

  it('names the first bad field of a suppression, by its position in the file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(validSuppression, { maxLength: 3 }),
        anySuppression,
        fc.array(validSuppression, { maxLength: 2 }),
        async (before, entry, after) => {
          const bad = firstInvalidField(entry);
          fc.pre(bad !== null);
          const file = await fileWith(
            JSON.stringify({ suppressions: [...before, entry, ...after] }),
            '.json',
          );
          const error = await loadConfigFile(file).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message.startsWith(`config ${file} (suppressions.${before.length}.`)).toBe(
            true,
          );
        },
      ),
      fuzzRuns(150),
    );
  });

  it('names a key the config file does not have', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ minLength: 1, maxLength: 12 })
          .filter((key) => key !== 'pricing' && key !== 'suppressions' && !key.includes('\n')),
        async (key) => {
          const file = await fileWith(JSON.stringify({ pricing: {}, [key]: 1 }), '.json');
          const error = await loadConfigFile(file).catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(ConfigError);
          expect((error as Error).message).toContain(`(${key})`);
        },
      ),
      fuzzRuns(60),
    );
  });
});

describe('parsePricingSettings', () => {
  const settingName = fc.oneof(fc.constantFrom(...SETTING_NAMES), fc.string({ minLength: 1, maxLength: 10 }));

  it('returns settings or a PricingSettingsError naming the setting and where it came from, for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.dictionary(settingName, awkwardValue, { maxKeys: 4 }), validSettings, awkwardValue),
        fc.dictionary(
          settingName,
          fc.oneof(fc.string({ maxLength: 8 }), awkwardValue, fc.constant(undefined)),
          { maxKeys: 4 },
        ),
        (config, flags) => {
          try {
            parsePricingSettings(config, flags);
          } catch (error) {
            if (!(error instanceof PricingSettingsError))
              throw new Error(`not a PricingSettingsError: ${String(error)}`);
            if (error.origin === 'config') {
              expect(
                error.message.startsWith(`pricing config${error.field ? ` (${error.field})` : ''}: `),
              ).toBe(true);
            } else {
              // A flag is blamed only when a flag set that setting.
              expect(error.origin).toBe(flagOf(error.field));
              expect(flags[error.field]).not.toBeUndefined();
              expect(
                error.message.startsWith(`${error.origin}${error.field ? ` (${error.field})` : ''}: `),
              ).toBe(true);
            }
          }
        },
      ),
      fuzzRuns(600),
    );
  });

  it('takes any in-range value of every knob, from the config file or as a flag string, flags winning', () => {
    fc.assert(
      fc.property(validSettings, validSettings, (config, flagValues) => {
        const flags = Object.fromEntries(
          Object.entries(flagValues).map(([name, value]) => [name, asFlag(value)]),
        );
        const settings = parsePricingSettings(config, flags);
        for (const name of SETTING_NAMES) {
          const expected =
            name in flags
              ? expectedValue(name, flags[name])
              : name in config
                ? config[name]
                : DEFAULT_PRICING_SETTINGS[name];
          expect(Object.is(settings[name], expected) || settings[name] === expected, name).toBe(true);
        }
      }),
      fuzzRuns(300),
    );
  });

  it('refuses an out-of-range value of any knob and blames that knob, in the config or as the flag', () => {
    const oneBad = fc.constantFrom(...SETTING_NAMES).chain((name) =>
      fc.record({
        name: fc.constant(name),
        value: KNOBS[name].invalid,
        viaFlag: fc.boolean(),
        rest: validSettings,
      }),
    );
    fc.assert(
      fc.property(oneBad, ({ name, value, viaFlag, rest }) => {
        const { [name]: _replaced, ...others } = rest;
        const config = viaFlag ? others : { ...others, [name]: value };
        // Flags arrive as strings, except a null that stands for a flag-like override in the Lambdas.
        const flags = viaFlag
          ? { [name]: typeof value === 'object' && value !== null ? value : asFlag(value) }
          : {};
        let caught: unknown;
        try {
          parsePricingSettings(config, flags);
        } catch (error) {
          caught = error;
        }
        expect(caught, `${name} = ${JSON.stringify(value)}`).toBeInstanceOf(PricingSettingsError);
        expect((caught as PricingSettingsError).field).toBe(name);
        expect((caught as PricingSettingsError).origin).toBe(viaFlag ? flagOf(name) : 'config');
      }),
      fuzzRuns(300),
    );
  });
});

describe('parsePriceBook', () => {
  const ORIGIN = 'fuzzed-book.json';

  it('returns a book or a PriceBookError that names the file and the field, for mutated copies of the embedded book', () => {
    fc.assert(
      fc.property(fc.array(documentMutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const [book] = mutations.reduce(mutateDocuments, [EMBEDDED_PRICE_BOOK_DATA as unknown]);
        try {
          parsePriceBook(book, ORIGIN);
        } catch (error) {
          if (!(error instanceof PriceBookError)) throw new Error(`not a PriceBookError: ${String(error)}`);
          expect(error.file).toBe(ORIGIN);
          expect(
            error.message.startsWith(error.field === '' ? `${ORIGIN}: ` : `${ORIGIN}: ${error.field}: `),
          ).toBe(true);
          // Only a book that is not an object at all has nothing more precise to blame.
          if (typeof book === 'object' && book !== null && !Array.isArray(book))
            expect(error.field).not.toBe('');
        }
      }),
      fuzzRuns(200),
    );
  });

  /** Every path of the embedded book that holds a price in US dollars. */
  const usdPaths: string[][] = [];
  const pending: { value: unknown; at: string[] }[] = [{ value: EMBEDDED_PRICE_BOOK_DATA, at: [] }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined || typeof next.value !== 'object' || next.value === null) continue;
    for (const [key, value] of Object.entries(next.value)) {
      if (key === 'usd') usdPaths.push([...next.at, key]);
      else pending.push({ value, at: [...next.at, key] });
    }
  }

  function withPrice(at: readonly string[], price: unknown): unknown {
    const book: unknown = structuredClone(EMBEDDED_PRICE_BOOK_DATA);
    let node = book as Record<string, unknown>;
    for (const key of at.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[at[at.length - 1] as string] = price;
    return book;
  }

  it('takes every price written as a plain decimal string and refuses every other form, naming that price', () => {
    const decimal = fc
      .tuple(
        fc.nat({ max: 99_999 }),
        fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 8 })),
      )
      .map(([whole, fraction]) => (fraction === null ? String(whole) : `${whole}.${fraction}`));
    const notDecimal = fc.constantFrom(
      '-0.1',
      '1e-3',
      '0,5',
      '',
      ' 1',
      '1 ',
      '.5',
      '1.',
      '$1',
      '0x1',
      '١',
      0.5,
      1,
      null,
      true,
      ['1'],
    );
    fc.assert(
      fc.property(fc.constantFrom(...usdPaths), fc.oneof(decimal, notDecimal), (at, price) => {
        const valid = typeof price === 'string' && /^\d+(\.\d+)?$/.test(price);
        let caught: unknown;
        try {
          parsePriceBook(withPrice(at, price), ORIGIN);
        } catch (error) {
          caught = error;
        }
        if (valid) expect(caught).toBeUndefined();
        else {
          expect(caught).toBeInstanceOf(PriceBookError);
          expect((caught as PriceBookError).field).toBe(at.join('.'));
        }
      }),
      fuzzRuns(300),
    );
  });

  it('loadPriceBook: refuses damaged or foreign files with a PriceBookError naming the file', async () => {
    const whole = JSON.stringify(EMBEDDED_PRICE_BOOK_DATA);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc
            .array(textMutation, { minLength: 1, maxLength: 3 })
            .map((mutations) => mutations.reduce(mutateText, whole)),
          fc.string({ unit: 'binary', maxLength: 100 }),
        ),
        async (text) => {
          const file = await fileWith(text, '.json');
          try {
            await loadPriceBook(file);
          } catch (error) {
            if (!(error instanceof PriceBookError)) throw new Error(`not a PriceBookError: ${String(error)}`);
            expect(error.message.startsWith(`${file}: `)).toBe(true);
          }
        },
      ),
      fuzzRuns(100),
    );
  });
});

describe('suppressionListSchema', () => {
  it('accepts exactly the entries with every field set and a real calendar date, and points at the first bad one', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(validSuppression, anySuppression), { maxLength: 4 }), (entries) => {
        const firstBad = entries.findIndex((entry) => firstInvalidField(entry) !== null);
        const parsed = suppressionListSchema.safeParse(entries);
        expect(parsed.success).toBe(firstBad === -1);
        if (!parsed.success) {
          expect(parsed.error).toBeInstanceOf(ZodError);
          expect(parsed.error.issues[0]?.path[0]).toBe(firstBad);
          expect(
            parsed.error.issues.some((issue) => issue.path[1] === firstInvalidField(entries[firstBad] ?? {})),
          ).toBe(true);
        } else {
          // Valid entries come back with their five fields as given; keys the schema does not know are dropped.
          const fieldsOf = (entry: Readonly<Record<string, unknown>>) =>
            Object.fromEntries(SUPPRESSION_FIELDS.map((field) => [field, entry[field]]));
          expect(parsed.data).toEqual(entries.map(fieldsOf));
        }
      }),
      fuzzRuns(500),
    );
  });
});
