/**
 * `value.toUpperCase() === upper` for an `upper` written in upper case. Task definitions almost
 * always spell these values as AWS does, so the plain comparison usually decides; a value that
 * differs already in its first letter (an Auto Scaling group provider against FARGATE) is told
 * apart without an upper-case copy either.
 */
export function equalsUpperCase(value: string, upper: string): boolean {
  if (value === upper) return true;
  const first = value.charCodeAt(0);
  // An ASCII character has exactly one upper-case form, and it starts the upper-case copy.
  if (first < 0x80 && asciiUpperCase(first) !== upper.charCodeAt(0)) return false;
  return value.toUpperCase() === upper;
}

/** `value.toLowerCase() === lower` for a `lower` written in lower case; see {@link equalsUpperCase}. */
export function equalsLowerCase(value: string, lower: string): boolean {
  if (value === lower) return true;
  const first = value.charCodeAt(0);
  if (first < 0x80 && asciiLowerCase(first) !== lower.charCodeAt(0)) return false;
  return value.toLowerCase() === lower;
}

const asciiUpperCase = (code: number): number => (code >= 0x61 && code <= 0x7a ? code - 0x20 : code);
const asciiLowerCase = (code: number): number => (code >= 0x41 && code <= 0x5a ? code + 0x20 : code);
