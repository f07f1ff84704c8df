/** Label and field selectors of Kubernetes LIST calls (the subset scanners use). */
import type { KubeObject } from '../scenario/types.js';

type Requirement =
  | { readonly key: string; readonly op: 'eq' | 'neq'; readonly value: string }
  | { readonly key: string; readonly op: 'in' | 'notin'; readonly values: readonly string[] }
  | { readonly key: string; readonly op: 'exists' | 'absent' };

export class SelectorError extends Error {}

/** Split on commas that are not inside a `(…)` value set. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  if (current.trim() !== '') parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function parseLabelSelector(text: string): Requirement[] {
  return splitTopLevel(text).map((part) => {
    const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(part);
    if (set) {
      return {
        key: set[1] ?? '',
        op: set[2] === 'in' ? 'in' : 'notin',
        values: (set[3] ?? '')
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      };
    }
    const inequality = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(part);
    if (inequality) return { key: inequality[1] ?? '', op: 'neq', value: inequality[2] ?? '' };
    const equality = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(part);
    if (equality) return { key: equality[1] ?? '', op: 'eq', value: equality[2] ?? '' };
    if (/^![^\s!=]+$/.test(part)) return { key: part.slice(1), op: 'absent' };
    if (/^[^\s!=()]+$/.test(part)) return { key: part, op: 'exists' };
    throw new SelectorError(`unable to parse requirement: ${part}`);
  });
}

function satisfies(requirement: Requirement, value: string | undefined): boolean {
  switch (requirement.op) {
    case 'eq':
      return value === requirement.value;
    case 'neq':
      return value !== requirement.value;
    case 'in':
      return value !== undefined && requirement.values.includes(value);
    case 'notin':
      return value === undefined || !requirement.values.includes(value);
    case 'exists':
      return value !== undefined;
    case 'absent':
      return value === undefined;
  }
}

export function labelsMatch(
  requirements: readonly Requirement[],
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return requirements.every((r) => satisfies(r, labels?.[r.key]));
}

/** Field selectors the API server supports for every kind, plus the usual Pod ones. */
const FIELDS: Readonly<Record<string, (o: KubeObject) => string | undefined>> = {
  'metadata.name': (o) => o.metadata.name,
  'metadata.namespace': (o) => o.metadata.namespace,
};
const POD_FIELDS: Readonly<Record<string, (o: KubeObject) => string | undefined>> = {
  'spec.nodeName': (o) => (typeof o.spec?.nodeName === 'string' ? o.spec.nodeName : ''),
  'spec.schedulerName': (o) => String(o.spec?.schedulerName ?? ''),
  'spec.serviceAccountName': (o) => String(o.spec?.serviceAccountName ?? ''),
  'spec.restartPolicy': (o) => String(o.spec?.restartPolicy ?? ''),
  'status.phase': (o) => String(o.status?.phase ?? ''),
  'status.podIP': (o) => String(o.status?.podIP ?? ''),
};

/** A field selector as a predicate; throws SelectorError for a field the server would refuse. */
export function parseFieldSelector(text: string, kind: string): (o: KubeObject) => boolean {
  const requirements = splitTopLevel(text).map((part) => {
    const match = /^([^!=]+?)\s*(!=|==|=)\s*(.*)$/.exec(part);
    if (!match) throw new SelectorError(`invalid field selector: ${part}`);
    const [, field = '', op = '=', value = ''] = match;
    const read = FIELDS[field] ?? (kind === 'Pod' ? POD_FIELDS[field] : undefined);
    if (!read) throw new SelectorError(`field label not supported: ${field}`);
    return { read, negate: op === '!=', value };
  });
  return (o) => requirements.every((r) => (r.read(o) === r.value) !== r.negate);
}
