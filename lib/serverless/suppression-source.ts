import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { type Suppression, suppressionListSchema } from '../findings/suppressions.js';
import { MAX_YAML_NESTING, yamlNestingExceeds } from '../manifests/bounded-yaml.js';
import type { FindingsStore } from '../sinks/dynamodb-store.js';
import type { LogSink } from './observability.js';
import { SettingsError } from './settings.js';

/**
 * Reads a suppressions file: a YAML (or JSON) list of `{ workloadId, ruleId, owner, reason,
 * expires }`. Throws {@link SettingsError} naming the file and the first bad entries, so a typo
 * cannot silently unmute a finding or mute everything.
 */
export async function readSuppressionsFile(file: string): Promise<Suppression[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SettingsError(`cannot read the suppressions file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // Bound nesting first (deep YAML can abort Node's parser) and keep file content out of errors.
  if (yamlNestingExceeds(text)) {
    throw new SettingsError(`the suppressions file ${file} nests deeper than ${MAX_YAML_NESTING} levels`);
  }
  let data: unknown;
  try {
    data = parseYaml(text, { logLevel: 'error', prettyErrors: false, maxAliasCount: 100 }) ?? [];
  } catch (error) {
    const line = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new SettingsError(
      `the suppressions file ${file}${line ? ` line ${line}` : ''} is not YAML or JSON`,
      {
        cause: error,
      },
    );
  }
  const parsed = suppressionListSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new SettingsError(
      `the suppressions file ${file} is not a list of suppressions: ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}

/**
 * Every suppression in force for a scan: the configured file's and the table's. Malformed table
 * items are logged and skipped (they cannot be attributed to an owner), never applied.
 */
export async function loadSuppressions(
  file: string | null,
  store: FindingsStore | null,
  logger: LogSink,
): Promise<Suppression[]> {
  const fromFile = file ? await readSuppressionsFile(file) : [];
  if (!store) return fromFile;
  const fromTable = await store.suppressions();
  if (fromTable.malformed > 0) {
    logger.warn('malformed suppression items in the findings table were ignored', {
      count: fromTable.malformed,
    });
  }
  return [...fromFile, ...fromTable.suppressions];
}
