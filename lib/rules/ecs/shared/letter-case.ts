/**
 * `value.toUpperCase() === upper` for an `upper` written in upper case. Task definitions almost
 * always spell these values as AWS does, so the plain comparison usually decides and no upper-case
 * copy is made.
 */
export function equalsUpperCase(value: string, upper: string): boolean {
  return value === upper || value.toUpperCase() === upper;
}

/** `value.toLowerCase() === lower` for a `lower` written in lower case; see {@link equalsUpperCase}. */
export function equalsLowerCase(value: string, lower: string): boolean {
  return value === lower || value.toLowerCase() === lower;
}
