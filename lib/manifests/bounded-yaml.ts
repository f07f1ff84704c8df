/**
 * YAML parsing with bounds that hostile or machine-made files cannot get around.
 *
 * Nesting: the `yaml` package composes collections recursively, so a document nested about a
 * thousand levels deep (`[[[[...]]]]`, or a staircase of block mappings) overflows the call stack.
 * The package catches that overflow, but on Node 20 a second such parse in the same process then
 * aborts it with a fatal "RegExpCompiler Allocation failed" that no try/catch can stop: a CLI
 * reading a directory, or a warm Lambda, would die on one file. Nesting is therefore measured on
 * the concrete syntax tree first, whose parser keeps its stack in an array and cannot overflow, and
 * a stream nested too deep is never handed to the composer.
 *
 * Duplicate keys: the package's own check compares each key with every earlier key of its
 * mapping, so a mapping of 40,000 keys (a 1 MB file) takes most of a minute. The same check is
 * done here in one pass per mapping, with the same result and message.
 */
import {
  Composer,
  type CST,
  type Document,
  isNode,
  isScalar,
  Lexer,
  LineCounter,
  Parser,
  visit,
  YAMLParseError,
} from 'yaml';

/**
 * Deepest nesting of collections accepted. Real manifests nest a few dozen levels at most (CRD
 * schemas are the deepest; the public corpus peaks at 21); the composer overflows near 1000.
 */
export const MAX_YAML_NESTING = 256;

type ComposerOptions = NonNullable<ConstructorParameters<typeof Composer>[0]>;

/** Options of {@link composeYamlStream}: the composer's, with `uniqueKeys` limited to on or off. */
export type BoundedYamlOptions = Omit<ComposerOptions, 'uniqueKeys'> & { readonly uniqueKeys?: boolean };

/** A composed YAML stream, or `tooDeep` when it was refused before composing. */
export interface ComposedStream {
  /** The documents; empty when `tooDeep`. */
  readonly documents: Document.Parsed[];
  /** Line starts of the text, for turning offsets into line numbers. */
  readonly lineCounter: LineCounter;
  /** True when some node sits deeper than {@link MAX_YAML_NESTING} collections. */
  readonly tooDeep: boolean;
}

/** Stands for a missing key (`: value`), which the package counts as equal to another missing key. */
const MISSING_KEY = Symbol('missing key');

/**
 * Offset of the first repeated key of any mapping in the document, or null. Keys are equal as the
 * package's default check has them: scalars by value (`===`), other nodes only to themselves.
 */
function firstDuplicateKeyOffset(document: Document.Parsed): number | null {
  let first: number | null = null;
  visit(document, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key: unknown = pair.key;
        const identity = key === null ? MISSING_KEY : isScalar(key) ? key.value : key;
        // NaN is not === to itself, so the package never sees two `.nan` keys as equal.
        if (typeof identity === 'number' && Number.isNaN(identity)) continue;
        if (seen.has(identity)) {
          const offset = isNode(key) ? (key.range?.[0] ?? 0) : (map.range?.[0] ?? 0);
          if (first === null || offset < first) first = offset;
        }
        seen.add(identity);
      }
    },
  });
  return first;
}

/**
 * Parses a YAML stream as `parseAllDocuments` does (same lexer, parser and composer, so the same
 * documents and errors, duplicate keys included when `uniqueKeys` is on, as by default), but
 * refuses it, without composing, when it nests deeper than `limit` collections.
 */
export function composeYamlStream(
  text: string,
  options: BoundedYamlOptions = {},
  limit: number = MAX_YAML_NESTING,
): ComposedStream {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  // Parser.parse records the first line itself; feeding lexemes one by one skips that step.
  lineCounter.addNewLine(0);
  const tokens: CST.Token[] = [];
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) tokens.push(token);
    if (parser.stack.length > limit) return { documents: [], lineCounter, tooDeep: true };
  }
  for (const token of parser.end()) tokens.push(token);
  const documents = Array.from(new Composer({ ...options, uniqueKeys: false }).compose(tokens));
  if (options.uniqueKeys ?? true) {
    for (const document of documents) {
      const offset = firstDuplicateKeyOffset(document);
      if (offset === null) continue;
      document.errors.push(
        new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'),
      );
      document.errors.sort((a, b) => a.pos[0] - b.pos[0]);
    }
  }
  return { documents, lineCounter, tooDeep: false };
}

/** True when the YAML text nests deeper than `limit` collections (checked without composing). */
export function yamlNestingExceeds(text: string, limit: number = MAX_YAML_NESTING): boolean {
  const parser = new Parser();
  for (const lexeme of new Lexer().lex(text)) {
    for (const _token of parser.next(lexeme)) {
      // Only the depth of the parser's stack matters here, not the tokens it completes.
    }
    if (parser.stack.length > limit) return true;
  }
  return false;
}
