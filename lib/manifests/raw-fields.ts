/**
 * Readers for fields of untyped manifest input (parsed JSON/YAML, SDK output, Kubernetes API
 * objects). Lenient where real files are sloppy (numbers written as strings, `null` for "unset",
 * YAML 1.1 booleans such as `yes`), strict where a value cannot mean anything: those throw a
 * {@link ManifestError} naming the field.
 */
import { type FieldPathSegment, ManifestError } from './errors.js';

/** A parsed mapping whose fields have not been checked yet. */
export type RawRecord = Readonly<Record<string, unknown>>;

/**
 * `table[key]` for a key taken from the input, own properties only. A plain object's prototype
 * answers to `constructor`, `toString` or `__proto__`, and a manifest may carry any of them as a
 * kind, a unit or a class name.
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** True for a plain mapping (not null, not an array). */
export function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

/** The mapping at `path`, or null when absent or `null`; throws when it is something else. */
export function optionalRecord(value: unknown, path: readonly FieldPathSegment[]): RawRecord | null {
  if (value === undefined || value === null) return null;
  if (isRecord(value)) return value;
  throw new ManifestError(`must be a mapping, got ${describeType(value)}`, path);
}

/** The list at `path`, empty when absent or `null`; throws when it is something else. */
export function optionalArray(value: unknown, path: readonly FieldPathSegment[]): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  throw new ManifestError(`must be a list, got ${describeType(value)}`, path);
}

/** A list that must be present: throws when absent or not a list. */
export function requiredArray(value: unknown, path: readonly FieldPathSegment[]): readonly unknown[] {
  if (Array.isArray(value)) return value;
  throw new ManifestError(
    `must be a list, got ${value === undefined ? 'nothing' : describeType(value)}`,
    path,
  );
}

/** Each element of a list must be a mapping (a container, a volume, ...). */
export function recordsOf(value: unknown, path: readonly FieldPathSegment[]): readonly RawRecord[] {
  return optionalArray(value, path).map((element, index) => {
    if (isRecord(element)) return element;
    throw new ManifestError(`must be a mapping, got ${describeType(element)}`, [...path, index]);
  });
}

/**
 * A string field. Numbers and booleans are turned into their text (YAML makes `name: 2048` a
 * number); empty strings and `null` count as unset.
 */
export function optionalString(value: unknown, path: readonly FieldPathSegment[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value === '' ? null : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new ManifestError(`must be a string, got ${describeType(value)}`, path);
}

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A number field; numeric strings ("8080") are accepted because real files carry them. */
export function optionalNumber(value: unknown, path: readonly FieldPathSegment[]): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new ManifestError('must be a finite number', path);
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return null;
    if (NUMERIC_TEXT.test(text)) return Number(text);
  }
  throw new ManifestError(`must be a number, got ${describeType(value)}`, path);
}

/** Largest value of a Kubernetes int32 field such as `spec.replicas`. */
const INT32_MAX = 2_147_483_647;

/**
 * A count such as `spec.replicas`: a whole number from 0 to 2^31-1, the range the Kubernetes API
 * server accepts for its int32 counts (it refuses the rest, so no cluster runs them). Null when
 * unset. A negative or fractional count would otherwise price as negative or partial pods.
 */
export function optionalCount(value: unknown, path: readonly FieldPathSegment[]): number | null {
  const count = optionalNumber(value, path);
  if (count === null) return null;
  if (Number.isInteger(count) && count >= 0 && count <= INT32_MAX) return count;
  throw new ManifestError(`must be a whole number from 0 to ${INT32_MAX}, got ${count}`, path);
}

const TRUE_WORDS = new Set(['true', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'off']);

/**
 * A boolean field, null when unset. Accepts the YAML 1.1 words (`yes`, `on`, ...) that kubectl's
 * YAML decoder reads as booleans and that a YAML 1.2 parser leaves as strings.
 */
export function optionalBoolean(value: unknown, path: readonly FieldPathSegment[]): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  throw new ManifestError(`must be true or false, got ${describeType(value)}`, path);
}

/** A list of strings; non-string scalars are turned into text, empty entries dropped. */
export function stringList(value: unknown, path: readonly FieldPathSegment[]): string[] {
  const strings: string[] = [];
  optionalArray(value, path).forEach((element, index) => {
    const text = optionalString(element, [...path, index]);
    if (text !== null) strings.push(text);
  });
  return strings;
}

/**
 * A string-to-string map (labels, annotations, nodeSelector). Scalar values become text;
 * nested structures are refused because Kubernetes refuses them too.
 */
export function stringMap(value: unknown, path: readonly FieldPathSegment[]): Record<string, string> {
  const record = optionalRecord(value, path);
  const map: Record<string, string> = {};
  if (record === null) return map;
  for (const [key, entry] of Object.entries(record)) {
    if (entry === null || entry === undefined) {
      map[key] = '';
      continue;
    }
    if (typeof entry === 'object')
      throw new ManifestError(`must be a string, got ${describeType(entry)}`, [...path, key]);
    map[key] = String(entry);
  }
  return map;
}
