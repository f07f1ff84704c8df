import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SinkError } from './sink-error.js';

/**
 * Writes `content` to `path` so that readers see the old file or the whole new one, never a part:
 * the text goes to a temporary file in the same directory (rename is atomic only within one file
 * system), is flushed to disk, then renamed over the target. On failure the temporary file is
 * removed and a {@link SinkError} carries the cause.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new SinkError(`cannot write report to ${path}: ${reason}`, { cause: error });
  }
}
