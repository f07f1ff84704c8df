import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { byCodeUnits } from '../../model/text-order.js';
import { SinkError } from '../sink-error.js';
import type { Item, ItemQuery, ItemTable, WriteReport } from './item-table.js';
import { type ItemKey, keyString, TTL_ATTRIBUTE } from './keys.js';

/** Version of the local store file; bump when the layout changes. */
const FILE_VERSION = 1;

interface StoreFile {
  readonly version: number;
  readonly items: Item[];
}

const INDEX_KEYS = { gsi1: ['gsi1pk', 'gsi1sk'], gsi2: ['gsi2pk', 'gsi2sk'] } as const;

/**
 * The embedded local store of the CLI: the same items the DynamoDB table would hold, kept in one
 * JSON file (default `.fargate-fit/store.json`) so `scan` can diff against the previous local run
 * with no server. Queries evaluate the same key conditions over the file's items; expired items
 * (TTL) are dropped when the file is read, as DynamoDB would eventually do.
 *
 * One process at a time: writes replace the file atomically, but two concurrent scans writing the
 * same file would each keep only their own items.
 */
export class FileItemTable implements ItemTable {
  private items: Map<string, Item> | undefined;

  constructor(
    readonly file: string,
    private readonly nowEpochSeconds: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  async getItems(keys: readonly ItemKey[]): Promise<Item[]> {
    const items = await this.load();
    return keys.flatMap((key) => {
      const item = items.get(keyString(key));
      return item ? [item] : [];
    });
  }

  async *query(query: ItemQuery): AsyncIterable<Item> {
    const [partitionAttribute, sortAttribute] = query.index ? INDEX_KEYS[query.index] : ['pk', 'sk'];
    const items = await this.load();
    const matching = [...items.values()].filter((item) => {
      if (item[partitionAttribute] !== query.partition) return false;
      const sort = item[sortAttribute];
      if (typeof sort !== 'string') return false;
      if (query.sortBeginsWith !== undefined && !sort.startsWith(query.sortBeginsWith)) return false;
      if (query.sortBefore !== undefined && !(sort < query.sortBefore)) return false;
      return true;
    });
    // DynamoDB orders string sort keys by UTF-8 bytes; for the ASCII keys the store writes,
    // code-unit order is the same.
    matching.sort((a, b) => byCodeUnits(String(a[sortAttribute]), String(b[sortAttribute])));
    if (query.descending) matching.reverse();
    yield* matching;
  }

  async write(puts: readonly Item[], deletes: readonly ItemKey[]): Promise<WriteReport> {
    const items = await this.load();
    for (const item of puts) items.set(keyString(item), structuredClone(item));
    for (const key of deletes) items.delete(keyString(key));
    await this.save(items);
    return { written: puts.length + deletes.length, unprocessed: [], calls: 1, partialCalls: 0 };
  }

  async putIfAbsent(item: Item): Promise<boolean> {
    const items = await this.load();
    if (items.has(keyString(item))) return false;
    items.set(keyString(item), structuredClone(item));
    await this.save(items);
    return true;
  }

  private async load(): Promise<Map<string, Item>> {
    if (this.items) return this.items;
    let text: string | null = null;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new SinkError(`cannot read the local scan store ${this.file}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    const now = this.nowEpochSeconds();
    const items = new Map<string, Item>();
    if (text !== null) {
      const parsed = parseStoreFile(text, this.file);
      for (const item of parsed.items) {
        const expires = item[TTL_ATTRIBUTE];
        if (typeof expires === 'number' && expires <= now) continue;
        items.set(keyString(item), item);
      }
    }
    this.items = items;
    return items;
  }

  private async save(items: Map<string, Item>): Promise<void> {
    const sorted = [...items.values()].sort((a, b) => byCodeUnits(keyString(a), keyString(b)));
    const body = `${JSON.stringify({ version: FILE_VERSION, items: sorted } satisfies StoreFile)}\n`;
    const directory = dirname(this.file);
    const temporary = join(
      directory,
      `.${basename(this.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
    );
    try {
      await mkdir(directory, { recursive: true });
      await writeFile(temporary, body, { encoding: 'utf8', mode: 0o600 });
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new SinkError(`cannot write the local scan store ${this.file}: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
}

function parseStoreFile(text: string, file: string): StoreFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SinkError(`the local scan store ${file} is not valid JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const candidate = data as Partial<StoreFile> | null;
  if (candidate?.version !== FILE_VERSION || !Array.isArray(candidate.items)) {
    throw new SinkError(
      `the local scan store ${file} is not a version ${FILE_VERSION} store; move it aside to start a new history`,
    );
  }
  const items = candidate.items.filter(
    (item): item is Item =>
      typeof item === 'object' && item !== null && typeof item.pk === 'string' && typeof item.sk === 'string',
  );
  return { version: FILE_VERSION, items };
}
