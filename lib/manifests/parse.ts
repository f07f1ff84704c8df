/**
 * Turns the text of one manifest file into documents (YAML documents or JSON array elements),
 * each with where it sits in the file. Syntax errors become messages that carry the file and line
 * but never the offending text, which could be a secret.
 */
import { isNode } from 'yaml';
import type { Gap } from '../findings/result.js';
import { type ComposedStream, composeYamlStream, MAX_YAML_NESTING } from './bounded-yaml.js';
import type { FieldPathSegment } from './errors.js';
import { indentQuotedScalarContinuations } from './yaml-repair.js';

/** One top-level document of a manifest file. */
export interface ManifestDocument {
  readonly file: string;
  /** Position in the file: YAML document (empty ones counted) or JSON array element. */
  readonly documentIndex: number;
  /** 1-based line where the document's content starts; null for JSON. */
  readonly line: number | null;
  readonly value: unknown;
  /** 1-based line of a field inside the document, for error reports; null when unknown. */
  readonly lineOf: (path: readonly FieldPathSegment[]) => number | null;
}

/** The documents of one file, and what could not be parsed. */
export interface ParsedFile {
  readonly documents: ManifestDocument[];
  readonly gaps: Gap[];
}

/** How a file's text is parsed. */
export type ManifestFormat = 'json' | 'yaml';

/** `json` for .json files, `yaml` for .yaml/.yml; other names are sniffed from the first character. */
export function manifestFormatOf(file: string, text: string): ManifestFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

/**
 * A gap for a file (or a document in it) that could not be read. File and line travel in their own
 * fields; sinks print them before the message.
 */
export function fileGap(file: string, errorName: string, reason: string, line: number | null = null): Gap {
  return { scope: 'file', file, ...(line === null ? {} : { line }), errorName, message: reason };
}

const YAML_OPTIONS = {
  // kubectl's decoder honours `<<` merge keys; YAML 1.2 alone would not.
  merge: true,
  uniqueKeys: true,
  prettyErrors: false,
  // The package reports warnings through process.emitWarning, quoting the input (a collection
  // used as a key is printed whole) to stderr, past every sink: nothing from a file goes there.
  logLevel: 'error',
} as const;
/** Caps alias expansion so a "billion laughs" file cannot exhaust memory. */
const MAX_ALIAS_COUNT = 100;

/** The parser's description without the quoted source text some messages embed. */
function describeYamlError(message: string): string {
  const firstLine = message.split('\n')[0] ?? '';
  const withoutPosition = firstLine.replace(/ at line \d+, column \d+:?\s*$/, '');
  // What follows ": " is an excerpt (a token, an alias or tag name), never needed to say what is wrong.
  const excerpt = withoutPosition.indexOf(': ');
  const description = excerpt === -1 ? withoutPosition : withoutPosition.slice(0, excerpt);
  return description.replace(/:\s*$/, '');
}

/** Start offset of a YAML node returned by `getIn(path, true)`; undefined for plain values. */
function rangeStart(node: unknown): number | undefined {
  return isNode(node) ? (node.range?.[0] ?? undefined) : undefined;
}

interface YamlParse extends ComposedStream {
  readonly errorCount: number;
}

/** A stream nested deeper than {@link MAX_YAML_NESTING} counts as one error and has no documents. */
function parseYamlStream(text: string): YamlParse {
  const stream = composeYamlStream(text, YAML_OPTIONS);
  return {
    ...stream,
    errorCount: stream.tooDeep
      ? 1
      : stream.documents.reduce((sum, document) => sum + document.errors.length, 0),
  };
}

/**
 * Parses a YAML stream; when it has errors, retries with {@link indentQuotedScalarContinuations}.
 * A stream nested too deep is not retried: the repair never makes it shallower.
 */
function parseWithRepair(text: string): YamlParse {
  const parse = parseYamlStream(text);
  if (parse.errorCount === 0 || parse.tooDeep) return parse;
  const repairedText = indentQuotedScalarContinuations(text);
  if (repairedText === text) return parse;
  const repaired = parseYamlStream(repairedText);
  return !repaired.tooDeep && repaired.errorCount < parse.errorCount ? repaired : parse;
}

const DOCUMENT_START = /^---(?:\s|$)/;
const COMMENT_OR_BLANK = /^\s*(?:#.*)?$/;

/**
 * Splits a stream at its `---` lines, each chunk padded with blank lines so that line numbers
 * stay those of the whole file. A column-0 `---` always starts a document (YAML forbids it inside
 * scalars), so the split matches the parser's, while an unterminated quote or bracket in one
 * document can no longer swallow the documents after it. The text before the first `---` is a
 * document only if it holds more than comments and directives, as for the parser.
 */
function splitDocuments(text: string): string[] {
  const lines = text.split('\n');
  const chunks: { start: number; lines: string[] }[] = [{ start: 0, lines: [] }];
  lines.forEach((line, index) => {
    if (DOCUMENT_START.test(line)) chunks.push({ start: index, lines: [] });
    chunks[chunks.length - 1]?.lines.push(line);
  });
  const [preamble, ...rest] = chunks;
  const preambleHasContent = preamble?.lines.some(
    (line) => !COMMENT_OR_BLANK.test(line) && !line.startsWith('%'),
  );
  return [...(preamble && (preambleHasContent || rest.length === 0) ? [preamble] : []), ...rest].map(
    (chunk) => '\n'.repeat(chunk.start) + chunk.lines.join('\n'),
  );
}

function parseYaml(file: string, text: string): ParsedFile {
  const documents: ManifestDocument[] = [];
  const gaps: Gap[] = [];
  let documentIndex = 0;
  const take = (parse: YamlParse): void => {
    for (const document of parse.documents) {
      const index = documentIndex++;
      const firstError = document.errors[0];
      if (firstError !== undefined) {
        const position = firstError.linePos?.[0] ?? parse.lineCounter.linePos(firstError.pos[0]);
        gaps.push(
          fileGap(
            file,
            'ManifestSyntaxError',
            `YAML syntax error in document ${index} at column ${position.col}: ${describeYamlError(firstError.message)}`,
            position.line,
          ),
        );
        continue;
      }
      const contents = document.contents;
      let value: unknown;
      try {
        value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (error) {
        const line = contents?.range ? parse.lineCounter.linePos(contents.range[0]).line : null;
        const reason = error instanceof Error ? describeYamlError(error.message) : 'cannot be expanded';
        gaps.push(fileGap(file, 'ManifestSyntaxError', `YAML document ${index}: ${reason}`, line));
        continue;
      }
      if (value === null || value === undefined) continue;
      documents.push({
        file,
        documentIndex: index,
        line: contents?.range ? parse.lineCounter.linePos(contents.range[0]).line : null,
        value,
        lineOf: (path) => {
          const offset = rangeStart(path.length === 0 ? contents : document.getIn(path, true));
          return offset === undefined ? null : parse.lineCounter.linePos(offset).line;
        },
      });
    }
  };

  const whole = parseWithRepair(text);
  if (whole.errorCount === 0) {
    take(whole);
  } else {
    for (const chunk of splitDocuments(text)) {
      const parse = parseWithRepair(chunk);
      if (parse.tooDeep) {
        // Chunks are padded with one blank line per line before them: the count gives the start.
        const line = chunk.length - chunk.replace(/^\n*/, '').length + 1;
        const reason = `YAML document ${documentIndex} nests deeper than ${MAX_YAML_NESTING} levels, not read`;
        gaps.push(fileGap(file, 'ManifestSyntaxError', reason, line));
        documentIndex++;
        continue;
      }
      // A chunk with nothing but its `---` is still a (null) document of the stream.
      if (parse.documents.length > 0) take(parse);
      else documentIndex++;
    }
  }
  if (documents.length === 0 && gaps.length === 0) {
    gaps.push(fileGap(file, 'ManifestError', 'contains no YAML document (empty or only comments)'));
  }
  return { documents, gaps };
}

/** 1-based line of a character offset. */
function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text[index] === '\n') line++;
  return line;
}

/**
 * Lines of JSON fields, found by re-reading the text as YAML (JSON is YAML 1.2 flow syntax).
 * Only done when an error needs a line, so large clean files pay nothing.
 */
function jsonLineLocator(text: string): (path: readonly FieldPathSegment[]) => number | null {
  let located: ComposedStream | null = null;
  return (path) => {
    located ??= composeYamlStream(text, { uniqueKeys: false });
    // JSON nested too deep for the YAML composer is still read; its errors just carry no line.
    const [document, ...others] = located.documents;
    if (document === undefined || others.length > 0 || document.errors.length > 0) return null;
    const offset = rangeStart(path.length === 0 ? document.contents : document.getIn(path, true));
    return offset === undefined ? null : located.lineCounter.linePos(offset).line;
  };
}

/** V8's JSON.parse message without the excerpt of the input it sometimes quotes. */
function describeJsonError(message: string): string {
  if (message.startsWith('Unexpected token')) return 'Unexpected token';
  return message.replace(/ in JSON at position \d+.*$/, '').split(', "')[0] ?? message;
}

function jsonErrorPosition(message: string): number | null {
  const position = /at position (\d+)/.exec(message);
  return position ? Number(position[1]) : null;
}

/** True when `prefix` could still grow into valid JSON: its only fault is that it ends early. */
function isViableJsonPrefix(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message.startsWith('Unexpected end of JSON input')) return true;
    const position = jsonErrorPosition(message);
    return position !== null && position >= prefix.length;
  }
}

/**
 * Offset of a JSON syntax error. V8 leaves the position out of some messages ("Unexpected token");
 * then the shortest prefix that cannot be completed into valid JSON ends at the culprit, found by
 * bisection (viability only ever turns from true to false as the prefix grows).
 */
function jsonErrorOffset(text: string, message: string): number {
  const position = jsonErrorPosition(message);
  if (position !== null) return position;
  // Text that stops early is best pointed at where its content stops.
  if (message.startsWith('Unexpected end')) return Math.max(0, text.trimEnd().length - 1);
  let viable = 0;
  let broken = text.length;
  while (broken - viable > 1) {
    const middle = Math.floor((viable + broken) / 2);
    if (isViableJsonPrefix(text.slice(0, middle))) viable = middle;
    else broken = middle;
  }
  return broken - 1;
}

function parseJson(file: string, text: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const line = lineAtOffset(text, jsonErrorOffset(text, message));
    return {
      documents: [],
      gaps: [fileGap(file, 'ManifestSyntaxError', `JSON syntax error: ${describeJsonError(message)}`, line)],
    };
  }
  const lineOf = jsonLineLocator(text);
  // A JSON array holds one document per element (e.g. several task definitions).
  const elements = Array.isArray(value) ? value : [value];
  const prefix = (index: number): readonly FieldPathSegment[] => (Array.isArray(value) ? [index] : []);
  return {
    documents: elements.map((element, documentIndex) => ({
      file,
      documentIndex,
      line: null,
      value: element,
      lineOf: (path) => lineOf([...prefix(documentIndex), ...path]),
    })),
    gaps: elements.length === 0 ? [fileGap(file, 'ManifestError', 'the JSON list is empty')] : [],
  };
}

/**
 * Splits a file's text into documents. Empty text, text with NUL characters (a binary file read
 * as text), broken JSON and broken YAML become gaps naming the file (and line where known); the
 * other documents of a YAML stream are still returned.
 */
export function parseManifestText(file: string, text: string): ParsedFile {
  const content = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (content.includes('\u0000')) {
    return {
      documents: [],
      gaps: [fileGap(file, 'ManifestSyntaxError', 'binary file, not JSON or YAML text')],
    };
  }
  if (content.trim() === '') return { documents: [], gaps: [fileGap(file, 'ManifestError', 'empty file')] };
  try {
    return manifestFormatOf(file, content) === 'json' ? parseJson(file, content) : parseYaml(file, content);
  } catch (error) {
    // A parser failure on one file must not stop the others from being read.
    const name = error instanceof Error ? error.name : 'Error';
    return { documents: [], gaps: [fileGap(file, name, 'the parser failed on this file')] };
  }
}
