/** One `ulimits` entry: the name, and the limits when the reader kept them. */
export interface UlimitEntry {
  readonly name: string;
  readonly soft: number | null;
  readonly hard: number | null;
}

/**
 * Reads a model `ulimits` entry. Readers may keep only the name (`nofile`) or the name with its
 * limits (`nofile=65535:1048576`); ulimit values are plain numbers, never sensitive.
 */
export function parseUlimit(entry: string): UlimitEntry {
  const match = /^\s*([A-Za-z]+)\s*(?:[=:]\s*(-?\d+)\s*:\s*(-?\d+))?\s*$/.exec(entry);
  if (!match) return { name: entry.trim(), soft: null, hard: null };
  return {
    name: match[1]!.toLowerCase(),
    soft: match[2] === undefined ? null : Number(match[2]),
    hard: match[3] === undefined ? null : Number(match[3]),
  };
}
