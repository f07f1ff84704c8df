import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SinkError } from '../../../lib/sinks/sink-error.js';
import { writeFileAtomic } from '../../../lib/sinks/write-file.js';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fargate-fit-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes the whole content and leaves no temporary file behind', async () => {
    const target = join(dir, 'report.json');
    await writeFileAtomic(target, '{"a":1}\n');
    expect(await readFile(target, 'utf8')).toBe('{"a":1}\n');
    expect(await readdir(dir)).toEqual(['report.json']);
  });

  it('replaces an existing report', async () => {
    const target = join(dir, 'report.json');
    await writeFile(target, 'old');
    await writeFileAtomic(target, 'new');
    expect(await readFile(target, 'utf8')).toBe('new');
  });

  it('fails with a SinkError naming the path and keeping the cause, leaving nothing behind', async () => {
    const target = join(dir, 'missing-dir', 'report.json');
    const error = await writeFileAtomic(target, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).message).toContain(target);
    expect((error as SinkError).cause).toMatchObject({ code: 'ENOENT' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('removes its temporary file when the final rename fails', async () => {
    // A directory in the way makes the rename fail after the temporary file was written.
    const target = join(dir, 'report.json');
    await mkdir(target);
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(SinkError);
    expect(await readdir(dir)).toEqual(['report.json']);
  });
});
