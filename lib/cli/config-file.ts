import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { type Suppression, suppressionListSchema } from '../findings/suppressions.js';
import { MAX_YAML_NESTING, yamlNestingExceeds } from '../manifests/bounded-yaml.js';

/**
 * The optional config file (`--config FILE`, YAML or JSON): pricing knobs and suppressions, read
 * and validated once, before any AWS call. Flags override the pricing section.
 */
export interface ConfigFile {
  /** Raw pricing section; parsePricingSettings validates it together with the flags. */
  readonly pricing: Record<string, unknown>;
  readonly suppressions: readonly Suppression[];
}

const configSchema = z.strictObject({
  pricing: z.record(z.string(), z.unknown()).default({}),
  suppressions: suppressionListSchema.default([]),
});

/** A config file that cannot be read or does not validate; names the file and the field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export const EMPTY_CONFIG: ConfigFile = { pricing: {}, suppressions: [] };

/** Reads and validates a config file; throws {@link ConfigError} naming the file and field. */
export async function loadConfigFile(file: string | undefined): Promise<ConfigFile> {
  if (file === undefined) return EMPTY_CONFIG;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `config ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      {
        cause: error,
      },
    );
  }
  // Composing YAML nested this deep overflows the stack and can abort the process (bounded-yaml.ts).
  if (yamlNestingExceeds(text)) {
    throw new ConfigError(`config ${file}: nests deeper than ${MAX_YAML_NESTING} levels, not a config file`);
  }
  let data: unknown;
  try {
    // logLevel 'error': warnings would reach stderr through process.emitWarning, quoting the file.
    data = text.trim() === '' ? {} : parseYaml(text, { maxAliasCount: 100, logLevel: 'error' });
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ConfigError(`config ${file}${line ? ` line ${line}` : ''}: not valid YAML or JSON`, {
      cause: error,
    });
  }
  const parsed = configSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.join('.');
    throw new ConfigError(`config ${file} (${field || 'top level'}): ${issue?.message ?? 'is invalid'}`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}
