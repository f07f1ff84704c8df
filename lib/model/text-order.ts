/*
 * Orders for strings whose sorted result is output (reports, findings, history). None of them is
 * `localeCompare` without a locale: that follows the host's locale, so the same scan would come
 * out in another order, or with other words, on another machine (in Czech `ch` sorts after `h`, in
 * Danish `aa` after `z`, in Azerbaijani `m5a.xlarge` before `m5a.large`).
 */

/** By UTF-16 code unit: for keys and tie-breaks, where the order only has to be fixed. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Collators are made on first use: making one loads ICU's collation data (about 70 M instructions),
// which a process that never sorts text should not pay at start-up.
let english: Intl.Collator | undefined;
let englishNumbered: Intl.Collator | undefined;

/** English collation on every host: for what people read (ids, names, accounts, regions). */
export function byText(a: string, b: string): number {
  english ??= new Intl.Collator('en');
  return english.compare(a, b);
}

/** As {@link byText}, with runs of digits compared as numbers: `1.9` before `1.10`. */
export function byNumberedText(a: string, b: string): number {
  englishNumbered ??= new Intl.Collator('en', { numeric: true });
  return englishNumbered.compare(a, b);
}
