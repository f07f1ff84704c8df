import fc from 'fast-check';
import { awkwardValue } from './awkward-values.js';

/**
 * Mutations of parsed documents (change a field's type, delete a key, duplicate a document) and
 * of text (truncate, insert YAML indicators, split documents, shift indentation, rewrite number
 * literals). Each mutation holds plain numbers that pick where it applies, so fast-check can
 * shrink a failure down to the one edit that matters.
 */

type Path = readonly (string | number)[];

/** A change to the parsed documents of a file, made before they are written back as text. */
export type DocumentMutation =
  | { readonly kind: 'retype'; readonly pick: number; readonly value: unknown }
  | { readonly kind: 'delete'; readonly pick: number }
  | { readonly kind: 'duplicate-document'; readonly pick: number };

/** A change to the text of a file. */
export type TextMutation =
  | { readonly kind: 'truncate'; readonly at: number }
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'cut'; readonly at: number; readonly length: number }
  | { readonly kind: 'document-marker'; readonly line: number }
  | { readonly kind: 'duplicate-line'; readonly line: number }
  | { readonly kind: 'indent'; readonly line: number; readonly by: number }
  | { readonly kind: 'number'; readonly pick: number; readonly text: string };

const pick = fc.nat({ max: 100_000 });

export const documentMutation: fc.Arbitrary<DocumentMutation> = fc.oneof(
  fc.record({ kind: fc.constant('retype' as const), pick, value: awkwardValue }),
  fc.record({ kind: fc.constant('delete' as const), pick }),
  fc.record({ kind: fc.constant('duplicate-document' as const), pick }),
);

const INSERTIONS = [
  '---\n',
  '...\n',
  '"',
  "'",
  '[',
  '{',
  ']',
  '}',
  ':',
  ': ',
  '- ',
  ',',
  '&x ',
  '*x',
  '<<: *x\n',
  '\t',
  '\n  ',
  '# ',
  '%YAML 1.1\n',
  '!!str ',
  '!custom ',
  '\u0000',
  '\uFEFF',
  '\r\n',
  '? ',
  '|\n',
  '>-\n',
  '\\',
  '\uD83D',
  '1e999',
];

/** Every text mutation, for files whose content no property depends on. */
export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: pick }),
  fc.record({ kind: fc.constant('insert' as const), at: pick, text: fc.constantFrom(...INSERTIONS) }),
  fc.record({ kind: fc.constant('cut' as const), at: pick, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('document-marker' as const), line: pick }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: pick }),
  fc.record({ kind: fc.constant('indent' as const), line: pick, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({
    kind: fc.constant('number' as const),
    pick,
    text: fc.constantFrom(
      '1e999',
      '-1e999',
      '-0',
      '1e308',
      '4.9e-324',
      '123456789012345678901234567890',
      '0x1F',
      '.5',
      '1_000',
      '.nan',
      '.inf',
    ),
  }),
);

/**
 * Text mutations that never move a value from one field into another: cutting the text short and
 * splitting it into more documents. A planted secret stays a secret's value (or is cut away), so
 * a canary that comes out afterwards is a leak, not an artefact of the mutation.
 */
export const valuePreservingTextMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: pick }),
  fc.record({ kind: fc.constant('document-marker' as const), line: pick }),
);

/** Paths to every node of a value, found without recursion (the value may be deeply nested). */
function pathsOf(value: unknown, limit = 5_000): Path[] {
  const paths: Path[] = [];
  const pending: { value: unknown; path: Path }[] = [{ value, path: [] }];
  while (pending.length > 0 && paths.length < limit) {
    const next = pending.pop();
    if (next === undefined) break;
    paths.push(next.path);
    if (Array.isArray(next.value)) {
      next.value.forEach((item, index) => {
        pending.push({ value: item, path: [...next.path, index] });
      });
    } else if (typeof next.value === 'object' && next.value !== null) {
      for (const [key, item] of Object.entries(next.value))
        pending.push({ value: item, path: [...next.path, key] });
    }
  }
  return paths;
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | null {
  let node: unknown = root;
  for (const segment of path.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>) : null;
}

/** Applies a mutation to copies of the documents; the originals are left as they were. */
export function mutateDocuments(documents: readonly unknown[], mutation: DocumentMutation): unknown[] {
  const copies = documents.map((document) => structuredClone(document));
  if (copies.length === 0) return copies;
  if (mutation.kind === 'duplicate-document') {
    const chosen = copies[mutation.pick % copies.length];
    copies.splice(mutation.pick % (copies.length + 1), 0, structuredClone(chosen));
    return copies;
  }
  const index = mutation.pick % copies.length;
  const paths = pathsOf(copies[index]);
  const path = paths[mutation.pick % paths.length] ?? [];
  if (path.length === 0) {
    if (mutation.kind === 'retype') copies[index] = mutation.value;
    else copies.splice(index, 1);
    return copies;
  }
  const parent = parentOf(copies[index], path);
  const last = path[path.length - 1] as string | number;
  if (parent === null) return copies;
  if (mutation.kind === 'retype') parent[last] = structuredClone(mutation.value);
  else if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
  return copies;
}

const NUMBER_LITERAL = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/** Applies a mutation to text. */
export function mutateText(text: string, mutation: TextMutation): string {
  const offset = (at: number) => (text.length === 0 ? 0 : at % (text.length + 1));
  const lines = text.split('\n');
  const line = (at: number) => at % lines.length;
  switch (mutation.kind) {
    case 'truncate':
      return text.slice(0, offset(mutation.at));
    case 'insert': {
      const at = offset(mutation.at);
      return text.slice(0, at) + mutation.text + text.slice(at);
    }
    case 'cut': {
      const at = offset(mutation.at);
      return text.slice(0, at) + text.slice(at + mutation.length);
    }
    case 'document-marker':
      lines.splice(line(mutation.line), 0, '---');
      return lines.join('\n');
    case 'duplicate-line': {
      const at = line(mutation.line);
      lines.splice(at, 0, lines[at] ?? '');
      return lines.join('\n');
    }
    case 'indent': {
      const at = line(mutation.line);
      const current = lines[at] ?? '';
      lines[at] =
        mutation.by >= 0
          ? ' '.repeat(mutation.by) + current
          : current.replace(new RegExp(`^ {0,${-mutation.by}}`), '');
      return lines.join('\n');
    }
    case 'number': {
      const literals = [...text.matchAll(NUMBER_LITERAL)];
      if (literals.length === 0) return text;
      const chosen = literals[mutation.pick % literals.length];
      if (chosen?.index === undefined) return text;
      return text.slice(0, chosen.index) + mutation.text + text.slice(chosen.index + chosen[0].length);
    }
  }
}
