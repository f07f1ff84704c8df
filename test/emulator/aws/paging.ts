/**
 * AWS-style paging with opaque tokens. A token carries the offset and a digest of the list it
 * belongs to, so replaying it against another list (another cluster, other filters) fails the way
 * AWS fails it instead of silently skipping items.
 */
import { createHash } from 'node:crypto';

export interface PageRequest {
  readonly nextToken: string | undefined;
  readonly maxResults: number | undefined;
  /** Page size when maxResults is absent (Infinity = everything, as unpaginated EC2 calls). */
  readonly defaultSize: number;
  readonly min: number;
  readonly max: number;
  /** Identifies the list: action plus every parameter that changes its content. */
  readonly scope: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextToken: string | undefined;
}

/** What a paging mistake looks like in the calling service's dialect. */
export interface PagingErrors {
  readonly invalidToken: () => Error;
  readonly invalidMaxResults: (value: number) => Error;
}

const digest = (scope: string): string => createHash('sha256').update(scope).digest('base64url').slice(0, 16);

export function paginate<T>(all: readonly T[], request: PageRequest, errors: PagingErrors): Page<T> {
  if (request.maxResults !== undefined) {
    if (
      !Number.isInteger(request.maxResults) ||
      request.maxResults < request.min ||
      request.maxResults > request.max
    ) {
      throw errors.invalidMaxResults(request.maxResults);
    }
  }
  let offset = 0;
  if (request.nextToken !== undefined && request.nextToken !== '') {
    offset = decodeToken(request.nextToken, request.scope);
    if (offset < 0) throw errors.invalidToken();
  }
  const size = request.maxResults ?? request.defaultSize;
  const end = Math.min(all.length, offset + size);
  const items = all.slice(offset, end);
  return { items, nextToken: end < all.length ? encodeToken(end, request.scope) : undefined };
}

function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ v: 1, o: offset, s: digest(scope) })).toString('base64');
}

/** The offset a token points at, or -1 when it is not a token of this list. */
function decodeToken(token: string, scope: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'o' in parsed &&
      's' in parsed &&
      typeof parsed.o === 'number' &&
      parsed.s === digest(scope)
    ) {
      return parsed.o;
    }
  } catch {
    // Not base64 JSON: fall through to "invalid".
  }
  return -1;
}
