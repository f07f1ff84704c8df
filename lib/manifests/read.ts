/**
 * `check` mode input: ECS task definitions and Kubernetes manifests read from files and
 * directories into {@link Workload}s, with every file or document that could not be read listed
 * as a {@link Gap}. One bad file or document never stops the others from being judged.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Gap } from '../findings/result.js';
import type { Workload } from '../model/workload.js';
import { looksLikeTaskDefinition, taskDefinitionToWorkload } from './ecs-task-definition.js';
import { type FieldPathSegment, ManifestError } from './errors.js';
import type { WorkloadIdentity } from './identity.js';
import { kubernetesObjectToWorkload } from './kubernetes.js';
import { type KubernetesContext, kubernetesContextFrom } from './kubernetes-context.js';
import { fileGap, type ManifestDocument, parseManifestText } from './parse.js';
import { isRecord } from './raw-fields.js';

/** Workloads read from the input, and what could not be read. */
export interface ReadResult {
  readonly workloads: Workload[];
  readonly gaps: Gap[];
}

/** Extensions taken when walking a directory. Files named explicitly are read whatever their name. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.json', '.yaml', '.yml'];
/** Directories never descended into: they hold tooling, not deployable manifests. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);
/** Files above this size are listed as gaps rather than parsed. */
export const MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/** One object to judge: a document, or an item of a List document / YAML sequence. */
interface ManifestEntry {
  readonly document: ManifestDocument;
  readonly itemIndex: number | null;
  readonly value: unknown;
  /** Path of the entry inside its document (`items[3]` for a List item). */
  readonly pathPrefix: readonly FieldPathSegment[];
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}

function entryLocation(entry: ManifestEntry): string {
  const index =
    entry.itemIndex === null
      ? `${entry.document.documentIndex}`
      : `${entry.document.documentIndex}.${entry.itemIndex}`;
  return `document ${index}`;
}

function entryGap(
  entry: ManifestEntry,
  errorName: string,
  reason: string,
  fieldPath: readonly FieldPathSegment[],
) {
  const line =
    entry.document.lineOf([...entry.pathPrefix, ...fieldPath]) ?? entry.document.lineOf(entry.pathPrefix);
  return fileGap(entry.document.file, errorName, `${entryLocation(entry)}: ${reason}`, line);
}

/** Splits documents into entries: List kinds (`kind: List`, `DeploymentList`, ...) and YAML sequences by item. */
function entriesOf(documents: readonly ManifestDocument[], gaps: Gap[]): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  for (const document of documents) {
    const { value } = document;
    const items =
      isRecord(value) &&
      typeof value.kind === 'string' &&
      value.kind.endsWith('List') &&
      Array.isArray(value.items)
        ? { list: value.items, prefix: ['items'] as FieldPathSegment[] }
        : Array.isArray(value)
          ? { list: value, prefix: [] as FieldPathSegment[] }
          : null;
    const candidates =
      items === null
        ? [{ document, itemIndex: null, value, pathPrefix: [] }]
        : items.list.map((item, itemIndex) => ({
            document,
            itemIndex,
            value: item,
            pathPrefix: [...items.prefix, itemIndex],
          }));
    for (const entry of candidates) {
      if (isRecord(entry.value)) entries.push(entry);
      else
        gaps.push(entryGap(entry, 'ManifestError', `not an object (got ${describeValue(entry.value)})`, []));
    }
  }
  return entries;
}

function identityOf(entry: ManifestEntry): WorkloadIdentity {
  const { file, documentIndex, line } = entry.document;
  const suffix = entry.itemIndex === null ? '' : `.${entry.itemIndex}`;
  const itemLine = entry.itemIndex === null ? line : (entry.document.lineOf(entry.pathPrefix) ?? line);
  return { id: `${file}#${documentIndex}${suffix}`, source: { file, documentIndex, line: itemLine } };
}

function describeObject(value: unknown): string {
  if (!isRecord(value)) return 'object';
  if (looksLikeTaskDefinition(value)) return 'task definition';
  const kind = typeof value.kind === 'string' ? value.kind : 'object';
  const metadata = isRecord(value.metadata) ? value.metadata : null;
  const name = typeof metadata?.name === 'string' ? ` '${metadata.name}'` : '';
  return `${kind}${name}`;
}

/**
 * Judges the entries of every document together, so a claim in one file resolves against a
 * StorageClass or PV defined in another file of the same input.
 */
function workloadsFromDocuments(
  documents: readonly ManifestDocument[],
  parseGaps: readonly Gap[],
): ReadResult {
  const gaps: Gap[] = [...parseGaps];
  const entries = entriesOf(documents, gaps);
  const context: KubernetesContext = kubernetesContextFrom(
    entries.filter((entry) => !looksLikeTaskDefinition(entry.value)).map((entry) => entry.value),
  );
  const workloads: Workload[] = [];
  for (const entry of entries) {
    try {
      const identity = identityOf(entry);
      if (looksLikeTaskDefinition(entry.value)) {
        workloads.push(taskDefinitionToWorkload(entry.value, identity));
        continue;
      }
      // Objects with neither a task definition shape nor a kind (CI configs, package.json, Helm
      // values) are not manifests; a directory walk meets many of them.
      const workload = kubernetesObjectToWorkload(entry.value, identity, context);
      if (workload !== null) workloads.push(workload);
    } catch (error) {
      const fieldPath = error instanceof ManifestError ? error.fieldPath : [];
      const name = error instanceof Error ? error.name : 'Error';
      const message = error instanceof Error ? error.message : String(error);
      gaps.push(entryGap(entry, name, `${describeObject(entry.value)}: ${message}`, fieldPath));
    }
  }
  return { workloads, gaps };
}

/**
 * Reads one file's text (pure: no file system access), for tests and for callers that hold the
 * text already. Context objects (PVCs, PVs, StorageClasses, Services, ...) are taken from the same
 * text only.
 */
export function readText(file: string, text: string): ReadResult {
  const parsed = parseManifestText(file, text);
  return workloadsFromDocuments(parsed.documents, parsed.gaps);
}

function isManifestName(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

function byCodePoint(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * Lists the manifest files of a directory tree, sorted by name at each level so the order (and
 * the ids derived from it) is the same on every machine. Symbolic links are followed; a directory
 * already visited is not entered again, so link cycles end.
 */
async function walkDirectory(
  directory: string,
  visited: Set<string>,
  files: string[],
  gaps: Gap[],
): Promise<void> {
  let real: string;
  let names: string[];
  try {
    real = await realpath(directory);
    if (visited.has(real)) return;
    visited.add(real);
    names = await readdir(directory);
  } catch (error) {
    gaps.push(fileGap(directory, 'ManifestFileError', `cannot list directory: ${errorCode(error)}`));
    return;
  }
  for (const name of names.sort(byCodePoint)) {
    const child = path.join(directory, name);
    let kind: 'file' | 'directory' | 'other';
    try {
      const stats = await stat(child);
      kind = stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
    } catch (error) {
      gaps.push(fileGap(child, 'ManifestFileError', `cannot read: ${errorCode(error)}`));
      continue;
    }
    if (kind === 'directory' && !SKIPPED_DIRECTORIES.has(name))
      await walkDirectory(child, visited, files, gaps);
    else if (kind === 'file' && isManifestName(name)) files.push(child);
  }
}

function errorCode(error: unknown): string {
  if (isRecord(error) && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

async function readManifestFile(file: string): Promise<{ documents: ManifestDocument[]; gaps: Gap[] }> {
  let bytes: Buffer;
  try {
    const stats = await stat(file);
    if (stats.size > MAX_MANIFEST_BYTES) {
      return {
        documents: [],
        gaps: [fileGap(file, 'ManifestFileError', `larger than ${MAX_MANIFEST_BYTES} bytes, not read`)],
      };
    }
    bytes = await readFile(file);
  } catch (error) {
    return { documents: [], gaps: [fileGap(file, 'ManifestFileError', `cannot read: ${errorCode(error)}`)] };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { documents: [], gaps: [fileGap(file, 'ManifestSyntaxError', 'binary file, not UTF-8 text')] };
  }
  return parseManifestText(file, text);
}

/**
 * Reads files and directories (walked recursively, `.json`, `.yaml` and `.yml` files, sorted)
 * into workloads. Each file is named as given (a relative path stays relative) in workload ids
 * (`<file>#<document>`, `<file>#<document>.<item>` for List items) and in gaps. PVCs, PVs,
 * StorageClasses, Services, NetworkPolicies and ServiceAccounts anywhere in the input are used to
 * judge the workloads. Missing paths, unreadable, binary, empty and malformed files become gaps.
 */
export async function readPaths(paths: readonly string[]): Promise<ReadResult> {
  const files: string[] = [];
  const gaps: Gap[] = [];
  const visited = new Set<string>();
  for (const given of paths) {
    try {
      const stats = await stat(given);
      if (stats.isDirectory()) await walkDirectory(given, visited, files, gaps);
      else if (stats.isFile()) files.push(given);
      else gaps.push(fileGap(given, 'ManifestFileError', 'not a regular file or directory'));
    } catch (error) {
      gaps.push(fileGap(given, 'ManifestFileError', `cannot read: ${errorCode(error)}`));
    }
  }
  const documents: ManifestDocument[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    // A file reached twice (named and inside a named directory, or through a link) is read once.
    const identity = await realpath(file).catch(() => path.resolve(file));
    if (seen.has(identity)) continue;
    seen.add(identity);
    const parsed = await readManifestFile(file);
    documents.push(...parsed.documents);
    gaps.push(...parsed.gaps);
  }
  return workloadsFromDocuments(documents, gaps);
}
