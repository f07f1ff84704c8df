import { Decimal } from 'decimal.js';

/**
 * The decimal type every pricing figure is computed in.
 *
 * Rounding policy: nothing is rounded while a figure is computed. Prices, quantities and discounts
 * are finite decimals and stay exact; the one quotient in the model (an instance's price split over
 * its weighted capacity) is carried at 40 significant digits, far below a millionth of a cent.
 * Only the final monthly figure is rounded, to cents, half-up ({@link toCents}, {@link formatUsd}).
 * A savings figure is rounded from the exact difference, so it can differ by a cent from the
 * difference of the two rounded figures it compares.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40 });

/** A decimal built by {@link Money}. */
export type Amount = Decimal;

/**
 * A decimal from a price-book string or a settings number. Numbers go through their shortest
 * string form, so `0.68` is exactly 0.68 and not the binary double nearest to it.
 */
export function amount(value: string | number): Amount {
  return new Money(typeof value === 'number' ? String(value) : value);
}

/** A monthly figure as the number that output formats carry: cents, rounded half-up. */
export function toCents(value: Amount): number {
  return Number(value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2));
}

/** `$72.08`, `-$12.78`: a money figure rounded to cents half-up, for breakdown lines. */
export function formatUsd(value: Amount): string {
  const cents = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return cents.isNegative() && !cents.isZero() ? `-$${cents.abs().toFixed(2)}` : `$${cents.abs().toFixed(2)}`;
}

/** A price or quantity with every digit it has and no exponent: `0.000111`, `0.35`, `730`. */
export function formatExact(value: Amount): string {
  return value.toFixed();
}

/** A ratio as a whole percentage for prose: 0.5647 → `56 %`. Rounded down so "below 56 %" stays true. */
export function formatPercent(ratio: Amount): string {
  return `${ratio.times(100).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0)} %`;
}
