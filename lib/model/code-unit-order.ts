/**
 * Strings in a fixed order, by UTF-16 code unit, for sorts whose result is output. Not
 * `localeCompare` without a locale: that follows the host's locale (in Azerbaijani, `m5a.xlarge`
 * sorts before `m5a.large`), so the same input would come out differently on another machine.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
