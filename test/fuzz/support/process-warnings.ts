/**
 * Catches what reaches process.emitWarning while an action runs. Libraries (the yaml package among
 * them) report through it, and it prints to stderr past every sink and io stream the tool
 * controls, quoting whatever it was given: an input surface must never set it off.
 */
export async function collectProcessWarnings<T>(
  action: () => T | Promise<T>,
): Promise<{ value: T; warnings: string[] }> {
  const warnings: string[] = [];
  const original = process.emitWarning;
  process.emitWarning = ((warning: string | Error) => {
    warnings.push(warning instanceof Error ? warning.message : String(warning));
  }) as typeof process.emitWarning;
  try {
    return { value: await action(), warnings };
  } finally {
    process.emitWarning = original;
  }
}

/** The synchronous form of {@link collectProcessWarnings}. */
export function collectProcessWarningsSync<T>(action: () => T): { value: T; warnings: string[] } {
  const warnings: string[] = [];
  const original = process.emitWarning;
  process.emitWarning = ((warning: string | Error) => {
    warnings.push(warning instanceof Error ? warning.message : String(warning));
  }) as typeof process.emitWarning;
  try {
    return { value: action(), warnings };
  } finally {
    process.emitWarning = original;
  }
}
