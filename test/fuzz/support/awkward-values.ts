import fc from 'fast-check';

/**
 * Values that have broken parsers and normalizers before: numbers at the edges of IEEE 754,
 * numeric-looking text, bidi and zero-width characters, NUL, lone surrogates, YAML indicators,
 * spreadsheet formulas, and the YAML 1.1 words that kubectl reads as booleans.
 */
export const awkwardNumber = fc.constantFrom(
  1e308,
  -1e308,
  -0,
  5e-324,
  Number.MAX_SAFE_INTEGER,
  2 ** 53 + 1,
  -1,
  0,
  0.5,
  1.5,
  2 ** 31,
  4.2e9,
);

export const awkwardText = fc.constantFrom(
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '-0',
  '0x10',
  '1_000',
  '١٢',
  '１２',
  '1e-400',
  ' 512 ',
  '512 MiB',
  '.5 GB',
  '1 vCPU',
  '100m',
  '1Gi',
  '1e3',
  '+1',
  '1.',
  '.',
  '-',
  '',
  ' ',
  '\u202Eevil\u202C',
  'שלום',
  'مرحبا',
  '\u0000',
  'a\u0000b',
  '\uFEFF',
  '\u200B',
  '🚀',
  '\uD800',
  'é',
  '\r\n',
  '\t',
  '$' + '{HOME}', // a shell-style placeholder, kept literal
  '%s%n',
  '<script>alert(1)</script>',
  '"',
  "'",
  '\\',
  '*alias',
  '&anchor',
  '!!binary',
  '---',
  '...',
  '- item',
  'key: value',
  '{',
  '[',
  '#',
  '|',
  '>',
  '@',
  '`',
  '=cmd|calc',
  '+SUM(1)',
  'null',
  '~',
  'yes',
  'off',
  'y',
  'n',
  '0o17',
  '2001-12-14t21:59:43.10-05:00',
  '__proto__',
  'constructor',
  'a'.repeat(300),
);

/** Any scalar a JSON or YAML file can hold, biased towards the awkward ones. */
export const awkwardScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: awkwardNumber },
  { weight: 4, arbitrary: awkwardText },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);

/** An array nested `depth` levels deep, built without recursion. */
export function nestedArray(depth: number): unknown {
  let value: unknown = ['bottom'];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

/** A mapping nested `depth` levels deep (`{a: {a: ...}}`), built without recursion. */
export function nestedMapping(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

/** Deep nesting, on both sides of the readers' 256-level bound on YAML. */
export const deeplyNested: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 400 }), fc.boolean())
  .map(([depth, asArray]) => (asArray ? nestedArray(depth) : nestedMapping(depth)));

/**
 * A value of the wrong type or shape for whatever field it lands in. Deep nesting is left to the
 * properties that ask for {@link deeplyNested}: written as block YAML it grows with the square of
 * its depth, and in every field it would make each input megabytes long.
 */
export const awkwardValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: awkwardScalar },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.array(awkwardScalar, { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.string({ maxLength: 6 }), awkwardScalar, {
      maxKeys: 3,
      noNullPrototype: true,
    }),
  },
);

/** Mostly a plausible value, sometimes an awkward one: the mix that reaches deep into a reader. */
export function sometimes<T>(plausible: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: 7, arbitrary: plausible }, { weight: 1, arbitrary: awkwardValue });
}

/** A record whose every key is optional, without null-prototype objects (serializers stumble on them). */
export function optionalRecord<T extends object>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }) {
  return fc.record(model, { requiredKeys: [], noNullPrototype: true });
}
