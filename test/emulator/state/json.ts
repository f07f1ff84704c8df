import type { JsonObject, JsonValue, Tags } from '../scenario/types.js';

/** Drop undefined members so an optional field is absent on the wire, as AWS leaves it. */
export function compact(fields: Readonly<Record<string, JsonValue | undefined>>): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out;
}

/** ECS tag list shape: `[{ key, value }]`. */
export function ecsTags(tags: Tags): JsonObject[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

/** Reads `value` as a JSON value; scenario parts typed by the SDK are JSON already. */
export function asJson(value: unknown): JsonValue {
  return value as JsonValue;
}

/** A record of strings read from an untyped JSON member (labels, annotations, parameters). */
export function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
