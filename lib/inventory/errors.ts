import type { Gap } from '../findings/result.js';

/** A scan option that cannot work; thrown before any AWS call is made. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A collection step that failed as a whole (as opposed to one resource, which becomes a gap). */
export class CollectionError extends Error {
  override readonly name = 'CollectionError';
}

/** A saved inventory that cannot be read back. The message names the file. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

/** Where a gap happened: the scope word and whichever of account, region, cluster apply. */
export interface GapPlace {
  readonly scope: string;
  readonly account?: string;
  readonly region?: string;
  readonly cluster?: string;
}

/**
 * A Kubernetes API call that the server answered with an error status. The name says what kind
 * (`KubernetesUnauthorized`, `KubernetesForbidden`, `KubernetesGone`, ...), so a gap is readable
 * without the HTTP code.
 */
export class KubernetesApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.name = kubernetesErrorName(status);
  }
}

function kubernetesErrorName(status: number): string {
  switch (status) {
    case 401:
      return 'KubernetesUnauthorized';
    case 403:
      return 'KubernetesForbidden';
    case 404:
      return 'KubernetesNotFound';
    case 410:
      return 'KubernetesGone';
    case 429:
      return 'KubernetesTooManyRequests';
    default:
      return `KubernetesHttp${status}`;
  }
}

/** The name AWS gave an error (SDK v3 errors carry the service's error code as `name`). */
export function errorNameOf(error: unknown): string {
  return error instanceof Error ? error.name : 'UnknownError';
}

/** The message of an error, or its string form. */
export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** HTTP status of an SDK error (`$metadata.httpStatusCode`) or a {@link KubernetesApiError}. */
export function httpStatusOf(error: unknown): number | null {
  if (error instanceof KubernetesApiError) return error.status;
  if (typeof error !== 'object' || error === null) return null;
  const status = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : null;
}

/** Turns a failure into a coverage gap: the scan reports what it could not see instead of stopping. */
export function gapFrom(place: GapPlace, error: unknown, context?: string): Gap {
  const message = errorMessageOf(error);
  return {
    ...place,
    errorName: errorNameOf(error),
    message: context ? `${context}: ${message}` : message,
  };
}

const REGION_NOT_ENABLED = new Set(['UnrecognizedClientException', 'AuthFailure', 'OptInRequired']);

/**
 * True when the error says the region is not enabled for the account: opt-in regions answer with
 * these codes to any call made with credentials the region does not know.
 */
export function isRegionNotEnabled(error: unknown): boolean {
  return error instanceof Error && REGION_NOT_ENABLED.has(error.name);
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
]);

/** True when AWS (or a Kubernetes API server, with 429) asked the caller to slow down. */
export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (THROTTLING.has(error.name)) return true;
  return httpStatusOf(error) === 429;
}
