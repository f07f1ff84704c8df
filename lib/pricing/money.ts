import { Decimal } from 'decimal.js';
import { BoundedCache } from '../model/bounded-cache.js';

/**
 * The decimal type every pricing figure is computed in.
 *
 * Rounding policy: nothing is rounded while a figure is computed. Prices, quantities and discounts
 * are finite decimals and stay exact; the one quotient in the model (an instance's price split over
 * its weighted capacity) is carried at 40 significant digits, far below a millionth of a cent.
 * Only the final monthly figure is rounded, to cents, half-up ({@link toCents}, {@link formatUsd}).
 * A savings figure is rounded from the exact difference, so it can differ by a cent from the
 * difference of the two rounded figures it compares.
 *
 * Speed: pricing 100,000 workloads meets the same prices, sizes and figures over and over. Decimals
 * are immutable, so the conversions and renderings below are remembered — by the exact input
 * (a price string, a number) or by the decimal itself — and never recomputed for a value already
 * seen. A remembered result is the one the computation gives, so nothing here changes a figure.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40 });

/** A decimal built by {@link Money}. */
export type Amount = Decimal;

/**
 * A number field of an object literal that holds null when the literal is made, its number being
 * stored after. V8 then keeps the number as the box it comes in (toCents and the like give shared,
 * remembered boxes); a field made holding a number gets a box of its own in each object, and a copy
 * out of it (into an assumptions object, say) another: 16 bytes each time, kept with the result.
 */
export type SharedNumber = number | null;

/** Entries a conversion cache holds before it starts over (a refreshed price book has ~10^4 prices). */
const CACHE_LIMIT = 20_000;

/** A pricing cache: a {@link BoundedCache} of {@link CACHE_LIMIT} entries. */
export const pricingCache = <K, V>(): BoundedCache<K, V> => new BoundedCache<K, V>(CACHE_LIMIT);

/**
 * A value a {@link rememberedPerKeys} function can be keyed by: a primitive, or an immutable object
 * (a decimal, a frozen price-book entry, an expression node), which is keyed by its identity.
 */
export type KeyPart = string | number | boolean | null | object;

/**
 * Remembers a function of a few values, keyed by the values themselves in nested maps, so a lookup
 * hashes values that already carry their hash (numbers, shared strings, objects) instead of a key
 * string built for each call. Starts over after {@link CACHE_LIMIT} results.
 *
 * The keys are the function's declared parameters (its `length`). A default or rest parameter is
 * not counted there and would be left out of the key, giving another call's result: a call with
 * any other number of values than `length` throws instead.
 */
export function rememberedPerKeys<A extends readonly KeyPart[], T>(
  compute: (...args: A) => T,
): (...args: A) => T {
  const call = compute as unknown as (...args: KeyPart[]) => T;
  const arity = compute.length;
  if (arity < 1 || arity > 5) return rememberedPerKeyList(call) as unknown as (...args: A) => T;
  const tree = new ResultTree<T>();
  // Consecutive calls often repeat their keys (workloads of one region, size or settings): the
  // last result answers those without walking the maps.
  let last: T | typeof MISSING = MISSING;
  let lastA: KeyPart | undefined;
  let lastB: KeyPart | undefined;
  let lastC: KeyPart | undefined;
  let lastD: KeyPart | undefined;
  let lastE: KeyPart | undefined;
  // Parameters, not a rest array: a rest parameter would build an array on every call. Those past
  // the arity are undefined. A function, not an arrow, for `arguments.length` (read without
  // building the arguments object).
  const remembered = function (a: KeyPart, b?: KeyPart, c?: KeyPart, d?: KeyPart, e?: KeyPart): T {
    // biome-ignore lint/complexity/noArguments: a rest parameter would build an array per call (see above).
    if (arguments.length !== arity) throw new KeyCountError(arguments.length, arity);
    if (last !== MISSING && a === lastA && b === lastB && c === lastC && d === lastD && e === lastE) {
      return last;
    }
    let level = tree.root;
    let key = a;
    if (arity > 1) {
      level = tree.below(level, key);
      key = b!;
    }
    if (arity > 2) {
      level = tree.below(level, key);
      key = c!;
    }
    if (arity > 3) {
      level = tree.below(level, key);
      key = d!;
    }
    if (arity > 4) {
      level = tree.below(level, key);
      key = e!;
    }
    const known = tree.found(level, key);
    const result = known !== MISSING ? known : tree.keep(level, key, call(a, b!, c!, d!, e!));
    last = result;
    lastA = a;
    lastB = b;
    lastC = c;
    lastD = d;
    lastE = e;
    return result;
  };
  return remembered as unknown as (...args: A) => T;
}

/** {@link rememberedPerKeys} for a function of more keys, or of a variable number of them. */
function rememberedPerKeyList<T>(call: (...args: KeyPart[]) => T): (...args: KeyPart[]) => T {
  const tree = new ResultTree<T>();
  const arity = call.length;
  return (...args) => {
    if (arity > 0 && args.length !== arity) throw new KeyCountError(args.length, arity);
    let level = tree.root;
    const last = args.length - 1;
    for (let i = 0; i < last; i += 1) level = tree.below(level, args[i]!);
    const known = tree.found(level, args[last]!);
    return known !== MISSING ? known : tree.keep(level, args[last]!, call(...args));
  };
}

/** A remembered function called with another number of keys than its compute function declares. */
class KeyCountError extends Error {
  override readonly name = 'KeyCountError';

  constructor(given: number, declared: number) {
    super(`a remembered function got ${given} keys but its compute function declares ${declared}`);
  }
}

/** What {@link ResultTree.found} gives for a key with no result (null and undefined are results). */
const MISSING: unique symbol = Symbol('missing');

/** Results in nested maps, one level per key. */
class ResultTree<T> {
  root = new Map<KeyPart, unknown>();
  private kept = 0;

  /** The map one level below `level` under `key`, made the first time it is needed. */
  below(level: Map<KeyPart, unknown>, key: KeyPart): Map<KeyPart, unknown> {
    let next = level.get(key) as Map<KeyPart, unknown> | undefined;
    if (next === undefined) {
      next = new Map();
      level.set(key, next);
    }
    return next;
  }

  /** The result kept under `key`, or {@link MISSING}. */
  found(level: Map<KeyPart, unknown>, key: KeyPart): T | typeof MISSING {
    const known = level.get(key) as T | undefined;
    return known !== undefined || level.has(key) ? (known as T) : MISSING;
  }

  keep(level: Map<KeyPart, unknown>, key: KeyPart, result: T): T {
    if (++this.kept > CACHE_LIMIT) {
      this.root = new Map();
      this.kept = 0;
      return result;
    }
    level.set(key, result);
    return result;
  }
}

const fromString = pricingCache<string, Amount>();
const fromNumber = pricingCache<number, Amount>();

/**
 * A decimal from a price-book string or a settings number. Numbers go through their shortest
 * string form, so `0.68` is exactly 0.68 and not the binary double nearest to it.
 */
export function amount(value: string | number): Amount {
  if (typeof value === 'number') return fromNumber.remembered(value, decimalOfNumber);
  return fromString.remembered(value, decimalOfString);
}
const decimalOfNumber = (value: number): Amount => new Money(String(value));
const decimalOfString = (value: string): Amount => new Money(value);

/** `value / 1024`: ECS CPU units to vCPU, MiB to GiB. Exact (1024 is a power of two). */
export function per1024(value: number): Amount {
  return dividedBy1024.remembered(value, divideBy1024);
}
const divideBy1024 = (value: number): Amount => amount(value).div(1024);
const dividedBy1024 = pricingCache<number, Amount>();

/** Remembers a function of one decimal, keyed by the (immutable) decimal itself. */
export function rememberedPerValue<T>(compute: (value: Amount) => T): (value: Amount) => T {
  const results = new WeakMap<Amount, T>();
  return (value) => {
    const known = results.get(value);
    if (known !== undefined) return known;
    const result = compute(value);
    results.set(value, result);
    return result;
  };
}

/** A monthly figure as the number that output formats carry: cents, rounded half-up. */
export const toCents: (value: Amount) => number = rememberedPerValue((value) =>
  Number(value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)),
);

/** `$72.08`, `-$12.78`: a money figure rounded to cents half-up, for breakdown lines. */
export const formatUsd: (value: Amount) => string = rememberedPerValue((value) => {
  const cents = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return cents.isNegative() && !cents.isZero() ? `-$${cents.abs().toFixed(2)}` : `$${cents.abs().toFixed(2)}`;
});

/** A price or quantity with every digit it has and no exponent: `0.000111`, `0.35`, `730`. */
export const formatExact: (value: Amount) => string = rememberedPerValue((value) => value.toFixed());

/** A ratio as a whole percentage for prose: 0.5647 → `56 %`. Rounded down so "below 56 %" stays true. */
export const formatPercent: (ratio: Amount) => string = rememberedPerValue(
  (ratio) => `${ratio.times(100).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0)} %`,
);

/**
 * Remembers a function of two decimals, keyed by the decimals themselves. Figures computed from
 * remembered expressions are the same objects each time, so a saving or a ratio between them is
 * computed once.
 */
export function rememberedPerPair<T>(compute: (a: Amount, b: Amount) => T): (a: Amount, b: Amount) => T {
  const results = new WeakMap<Amount, WeakMap<Amount, T>>();
  return (a, b) => {
    let byB = results.get(a);
    if (byB === undefined) {
      byB = new WeakMap();
      results.set(a, byB);
    }
    const known = byB.get(b);
    if (known !== undefined) return known;
    const result = compute(a, b);
    byB.set(b, result);
    return result;
  };
}
