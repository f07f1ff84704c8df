/**
 * The Kubernetes LIST paging loop: `limit` + `continue` until the server stops handing out
 * continue tokens. A continue token expires after a few minutes (the server answers 410 Gone);
 * the list is then restarted from the beginning, since a consistent snapshot cannot be resumed.
 */
import { httpStatusOf } from '../errors.js';

/** One page of a LIST: its items and the token for the next page (absent or empty on the last). */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly continueToken?: string | undefined;
}

/** Fetches the page that `continueToken` points at (the first page when undefined). */
export type ListPageFunction<T> = (continueToken: string | undefined) => Promise<ListPage<T>>;

/** How often {@link listAll} may restart, and who hears about it. */
export interface ListAllOptions {
  /** Restarts allowed after 410 Gone before giving up; 3 by default. */
  readonly maxRestarts?: number;
  /** Called on each restart (progress displays, tests). */
  readonly onRestart?: (attempt: number) => void;
}

/** Every item of a paginated LIST, restarting the whole list when a continue token expires. */
export async function listAll<T>(listPage: ListPageFunction<T>, options: ListAllOptions = {}): Promise<T[]> {
  const maxRestarts = options.maxRestarts ?? 3;
  for (let restarts = 0; ; restarts += 1) {
    const items: T[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await listPage(token);
        items.push(...page.items);
        const next = page.continueToken || undefined;
        // A server that hands back the same continue token would loop forever.
        if (next !== undefined && next === token)
          throw new Error(`LIST returned the same continue token twice`);
        token = next;
      } while (token !== undefined);
      return items;
    } catch (error) {
      if (httpStatusOf(error) !== 410 || restarts >= maxRestarts) throw error;
      options.onRestart?.(restarts + 1);
    }
  }
}
