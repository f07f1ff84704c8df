/**
 * Typed errors of the manifest readers. Each carries the path of the offending field so a gap can
 * point a person at the exact spot, and never the offending value when that value could be a secret.
 *
 * Gaps name their cause in `errorName`: `ManifestError` (a document that parsed but is not a
 * readable task definition or pod spec, an empty file), `ManifestSyntaxError` (broken JSON or
 * YAML, binary content), `ManifestFileError` (a path that could not be read).
 */

/** One step of a path into a parsed document: a mapping key or a sequence index. */
export type FieldPathSegment = string | number;

/** Formats a field path the way kubectl and the AWS CLI print them: `spec.containers[0].image`. */
export function formatFieldPath(path: readonly FieldPathSegment[]): string {
  let formatted = '';
  for (const segment of path) {
    if (typeof segment === 'number') formatted += `[${segment}]`;
    else formatted += formatted === '' ? segment : `.${segment}`;
  }
  return formatted;
}

/** A document that parsed but cannot be read as a task definition or Kubernetes object. */
export class ManifestError extends Error {
  override readonly name: string = 'ManifestError';
  /** Where in the document the problem is; empty when it concerns the whole document. */
  readonly fieldPath: readonly FieldPathSegment[];

  constructor(message: string, fieldPath: readonly FieldPathSegment[] = [], options?: { cause?: unknown }) {
    super(fieldPath.length > 0 ? `${formatFieldPath(fieldPath)}: ${message}` : message, options);
    this.fieldPath = fieldPath;
  }
}
